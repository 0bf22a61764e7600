/**
 * The agreement check of agreement.ts on the committed sample month (samples/): the real
 * exports, read the way the command line reads them, built with buildMonth, recomputed with the
 * KEFU.* formulas — e.g. KEFU.COMMISSION of every agent's collected equals the commission sheet,
 * KEFU.AGENT of every order note equals the engine's attribution.
 */
import * as fs from "fs";
import * as path from "path";
import { decodeBytes, mergeImports, parseCsv } from "../../src/core/import";
import * as K from "../../src/functions/impl";
import { buildMonth, pickMonth } from "../../src/core/engine";
import { defaultRules } from "../../src/core/rules/defaults";
import type { ImportResult } from "../../src/core/import/types";
import { readSourceFile } from "../../src/xlsx/read";
import { disagreements } from "./agreement";

const SAMPLES = path.resolve(__dirname, "../../samples");

test("KEFU.* formulas agree with the engine on the sample month", async () => {
  const files = fs.readdirSync(SAMPLES).filter((f) => /\.(csv|xlsx)$/.test(f));
  expect(files.length).toBeGreaterThanOrEqual(5);
  const results: ImportResult[] = [];
  for (const f of files) results.push(...(await readSourceFile(path.join(SAMPLES, f))));
  const { data, problems } = mergeImports(results);
  const month = pickMonth(data.orders)!;
  const report = buildMonth(data, defaultRules(), { month, importProblems: problems });
  const { mismatches, counts } = disagreements(report, data, { exportVerdicts: true });
  expect(mismatches.slice(0, 20)).toEqual([]);
  expect(month).toBe("2026-10");
  expect(counts.commission).toBeGreaterThanOrEqual(10);
  expect(counts.collected).toBe(counts.commission);
  expect(counts.late).toBeGreaterThan(100); // DingTalk's own minutes: the formulas agree with them too
  expect(counts.early).toBeGreaterThan(100);
  expect(counts.agent).toBeGreaterThan(1000);
  expect(counts.fine).toBeGreaterThan(0);
  expect(counts.kpi).toBeGreaterThan(10);
}, 60000);

test("KEFU.ORDERID of the export's raw 订单编号 text is the id the importer read", async () => {
  const file = fs.readdirSync(SAMPLES).find((f) => /^订单报表.*\.csv$/.test(f))!;
  const bytes = fs.readFileSync(path.join(SAMPLES, file));
  const rows = parseCsv(decodeBytes(bytes).text);
  const imported = (await readSourceFile(path.join(SAMPLES, file))).flatMap((r) => r.data.orders);
  expect(imported.length).toBeGreaterThan(1000);
  const idCol = rows[0].findIndex((h) => h.trim() === "订单编号");
  const raw = imported.map((o) => [rows[o.source.row - 1][idCol]]);
  expect(raw[0][0]).toMatch(/^="\d{16,19}"$/); // the export's quirk, as written
  const ids = K.orderId(raw); // one whole-column call
  expect(ids.map((r) => r[0])).toEqual(imported.map((o) => o.id));
});
