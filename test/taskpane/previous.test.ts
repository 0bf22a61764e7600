/**
 * The pane offers last month's board too (issue 13): the pipeline hands the chosen board to the
 * engine's one build, and the clawback comes out as on the command line.
 */
import * as fs from "fs";
import * as path from "path";
import { decodeBytes, parseCsv } from "../../src/core/import";
import type { SourceKind } from "../../src/core/import/types";
import { ExcelDouble } from "../support/excelDouble";
import { addSourceSheet } from "../../src/excel/sourceSheet";
import { scanSources } from "../../src/excel/read";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { runBuild } from "../../src/taskpane/pipeline";
import { readWorkbookRows } from "../../src/xlsx/read";

const ORDERS = path.resolve(__dirname, "../../samples/订单报表-2026-10.csv");
const ROSTER = path.resolve(__dirname, "../../samples/花名册.xlsx");
const CLOSED = "2873469695940138716"; // 交易关闭 in the sample export

test("a previous board (JSON) chosen in the pane: its closed order is clawed back", async () => {
  const x = new ExcelDouble();
  await addSourceSheet(x.run, "订单报表-2026-10.csv", parseCsv(decodeBytes(new Uint8Array(fs.readFileSync(ORDERS))).text));
  for (const sh of await readWorkbookRows(ROSTER)) x.addTypedSheet("花名册", sh.rows.map((r) => r.map((v) => (v instanceof Date ? (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000 : v))));
  const sources = (await scanSources(x.run)).filter((s) => s.kind).map((s) => ({ sheet: s.sheet, kind: s.kind as SourceKind }));
  let previous: unknown;
  const run = (withPrevious: boolean) =>
    runBuild({ run: x.run, sources, month: "2026-10", file: "样例.xlsx", engine: new LocalEngine("样例.xlsx"), onStep: () => undefined, json: true, ...(withPrevious ? { previous: [previous as never] } : {}) });
  const without = JSON.parse((await run(false)).json!);
  const agent: string = without.agents[0].agent;
  expect(without.agents[0].clawback).toBe(0);
  previous = { file: "board-2026-09.json", json: { month: "2026-09", credited: [{ orderId: CLOSED, agent, paid: 25000, shipping: 0, refund: 0, collected: 25000 }] } };
  const j = JSON.parse((await run(true)).json!);
  const a = j.agents.find((x: { agent: string }) => x.agent === agent);
  // September's 25,000 → 0: at least the 1% commission (250) is recovered.
  expect(a.clawback).toBeLessThanOrEqual(-250);
  expect(a.clawbackOrders).toEqual([{ orderId: CLOSED, before: 25000, after: 0 }]);
});
