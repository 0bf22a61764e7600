/**
 * Two builds of the sample month through the pane's pipeline (in-pane engine, Excel double):
 * a fine the manager waives in 罚款台账 between them stays waived, leaves the fund, and the source
 * sheets are never written.
 */
import * as fs from "fs";
import * as path from "path";
import { decodeBytes, parseCsv } from "../../src/core/import";
import type { SourceKind } from "../../src/core/import/types";
import { ExcelDouble, type DCell } from "../support/excelDouble";
import { addSourceSheet } from "../../src/excel/sourceSheet";
import { scanSources } from "../../src/excel/read";
import { KefuError } from "../../src/core";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { runBuild } from "../../src/taskpane/pipeline";
import { readWorkbookRows } from "../../src/xlsx/read";

const SAMPLES = path.resolve(__dirname, "../../samples");
const EPOCH = Date.UTC(1899, 11, 30);

async function sampleWorkbook(): Promise<ExcelDouble> {
  const x = new ExcelDouble();
  for (const f of fs.readdirSync(SAMPLES).sort()) {
    if (f.endsWith(".xlsx")) {
      for (const s of await readWorkbookRows(path.join(SAMPLES, f))) {
        x.addTypedSheet(f.replace(/\.xlsx$/, "").slice(0, 31), s.rows.map((r) => r.map((v): DCell => (v instanceof Date ? (v.getTime() - EPOCH) / 86400000 : v))));
      }
    } else if (f.endsWith(".csv")) {
      await addSourceSheet(x.run, f, parseCsv(decodeBytes(new Uint8Array(fs.readFileSync(path.join(SAMPLES, f)))).text));
    }
  }
  for (const s of x.data.sheets) s.mutations = 0;
  return x;
}

async function build(x: ExcelDouble) {
  const sources = (await scanSources(x.run)).filter((s) => s.kind).map((s) => ({ sheet: s.sheet, kind: s.kind as SourceKind }));
  return runBuild({ run: x.run, sources, month: "2026-10", file: "样例.xlsx", engine: new LocalEngine("样例.xlsx"), onStep: () => undefined });
}

test("a waived fine survives the rebuild and leaves the fund; sources untouched", async () => {
  const x = await sampleWorkbook();
  const sources = x.sheetNames();
  const snapshots = sources.map((n) => x.sheet(n).snapshot());

  const first = await build(x);
  expect(first.summary.agents).toBeGreaterThan(0);
  expect(first.summary.fund).toBeGreaterThan(0);
  const ledger = x.rows("罚款台账");
  const header = ledger[2];
  const waivedCol = header.findIndex((h) => typeof h === "string" && h.startsWith("免罚"));
  const amountCol = header.findIndex((h) => typeof h === "string" && h.startsWith("罚款"));
  expect(waivedCol).toBeGreaterThan(0);
  const row = 3; // first penalty
  const id = ledger[row][0] as string;
  const amount = ledger[row][amountCol] as number;
  expect(amount).toBeGreaterThan(0);

  await x.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("罚款台账").getRangeByIndexes(row, waivedCol, 1, 1).values = [["是"]];
  });
  const second = await build(x);
  expect(second.summary.fund).toBe(first.summary.fund - Math.round(amount * 100));
  const again = x.rows("罚款台账");
  const at = again.findIndex((r) => r[0] === id);
  expect(again[at][waivedCol]).toBe("是");
  sources.forEach((n, i) => expect([n, x.sheet(n).snapshot()]).toEqual([n, snapshots[i]]));
  // Rebuilt in place: no second copy of any report.
  expect(x.sheetNames().filter((n) => n.includes("(2)"))).toEqual([]);
}, 60000);

test("a month the sources do not cover is refused in the pane as on the command line: each source named with its months, nothing written", async () => {
  const x = await sampleWorkbook();
  const before = x.sheetNames();
  const sources = (await scanSources(x.run)).filter((s) => s.kind).map((s) => ({ sheet: s.sheet, kind: s.kind as SourceKind }));
  const err = await runBuild({ run: x.run, sources, month: "2026-09", file: "样例.xlsx", engine: new LocalEngine("样例.xlsx"), onStep: () => undefined }).catch((e) => e);
  expect(err).toBeInstanceOf(KefuError);
  const problems = (err as KefuError).problems;
  // The sample orders include a few paid in September: they touch the month; attendance and sales do not.
  expect(problems.length).toBe(2);
  for (const p of problems) {
    expect(p).toMatchObject({ severity: "error", code: "input.month.not_covered", file: "样例.xlsx", value: "2026-10" });
    expect(p.zh).toMatch(/^工作表「.+」（.+）没有 2026-09 的数据：它覆盖 2026-10（\d+ 行）/);
  }
  expect(x.sheetNames()).toEqual(before);
}, 60000);

test("a date typed into 调整 (Excel turns 10-1 into 46296 under a date format) is no amount in the pane either: net pay unchanged, the cell named", async () => {
  const x = await sampleWorkbook();
  await build(x);
  const sheet = x.rows("提成表");
  const header = sheet[2];
  const adj = header.findIndex((h) => typeof h === "string" && h.startsWith("调整"));
  const net = header.findIndex((h) => h === "实发 Net pay");
  expect(adj).toBeGreaterThan(0);
  const row = 3; // the first agent
  const before = sheet[row][net];
  await x.run(async (ctx) => {
    const cell = ctx.workbook.worksheets.getItem("提成表").getRangeByIndexes(row, adj, 1, 1);
    cell.values = [[46296]];
    cell.numberFormat = [["yyyy-mm-dd"]];
  });
  await build(x);
  const again = x.rows("提成表");
  expect(again[row][net]).toBe(before);
  const problems = x.rows("问题").filter((r) => r.includes("board.value.unreadable"));
  expect(problems.length).toBe(1);
  expect(problems[0].join(" ")).toContain("2026-10-01");
}, 60000);
