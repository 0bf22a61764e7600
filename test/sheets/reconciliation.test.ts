/**
 * 每日对账 on the committed sample month: red only where a person must look — exactly the
 * deliberate differences samples/README.md names — every other difference explained in Chinese
 * (or a rest day), the as-of time on the sheet, and each day linked to its orders in 订单明细.
 */
import { promises as fs, readFileSync, readdirSync } from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { mergeImports } from "../../src/core/import";
import { buildMonth, pickMonth } from "../../src/core/engine";
import { defaultRules } from "../../src/core/rules/defaults";
import type { ImportResult } from "../../src/core/import/types";
import type { MonthReport } from "../../src/core/reports/types";
import { buildWorkbookSpec } from "../../src/core/sheets";
import { DIFF_STATUS_TEXT } from "../../src/core/sheets/reconciliation";
import { reportJsonText } from "../../src/core/sheets/json";
import { blockFirstRows } from "../../src/core/sheets/layout";
import { FIRST_DATA_ROW, type SheetSpec, type SpecCell } from "../../src/core/sheets/types";
import { sheetParts } from "../support/sheet-parts";
import { readSourceFile } from "../../src/xlsx/read";
import { writeWorkbook } from "../../src/xlsx/write";

const SAMPLES = path.resolve(__dirname, "../../samples");
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

let report: MonthReport;
let sheet: SheetSpec;
beforeAll(async () => {
  const results: ImportResult[] = [];
  for (const f of readdirSync(SAMPLES).filter((f) => /\.(csv|xlsx)$/.test(f))) results.push(...(await readSourceFile(path.join(SAMPLES, f))));
  const { data, problems } = mergeImports(results);
  report = buildMonth(data, defaultRules(), { month: pickMonth(data.orders)!, importProblems: problems });
  sheet = buildWorkbookSpec(report).sheets.find((s) => s.key === "reconciliation")!;
}, 60000);

const shown = (c: SpecCell): unknown => (c !== null && typeof c === "object" && "f" in c ? c.v : c);

test("the red cells are exactly the deliberate differences samples/README.md names", () => {
  const readme = readFileSync(path.join(SAMPLES, "README.md"), "utf8");
  const m = /(\w+) deliberate differences/.exec(readme);
  expect(m).not.toBeNull();
  const promised = WORDS[m![1]] ?? Number(m![1]);
  expect(promised).toBe(2);

  // Red = the conditional highlight: the 待核对 column, non-zero.
  expect(sheet.highlights).toEqual([{ columnKey: "salesExportToCheck", when: "nonzero" }]);
  const col = sheet.columns.findIndex((c) => c.key === "salesExportToCheck");
  const red = sheet.rows.filter((r) => typeof shown(r[col]) === "number" && shown(r[col]) !== 0);
  expect(red).toHaveLength(promised);
  expect(report.dayAgentDiffs.filter((d) => d.status === "check")).toHaveLength(promised);
  // In the per-agent list, the same differences (and only they) are red.
  expect(sheet.blocks[2].alertRows).toEqual([1, 2]);
  // Every other agent-day that differs is explained by its orders or is a rest day.
  const other = report.dayAgentDiffs.filter((d) => d.diff !== 0 && d.status !== "check");
  expect(other.length).toBeGreaterThan(100);
  expect(new Set(other.map((d) => d.status))).toEqual(new Set(["explained", "rest"]));
});

test("each listed difference reads in Chinese: its status, its reasons and orders, no English keys", () => {
  const firsts = blockFirstRows(sheet.rows.length, sheet.blocks);
  const block = sheet.blocks[2];
  const statusCol = sheet.columns.findIndex((c) => c.key === "attributedAmount");
  const detailCol = sheet.columns.findIndex((c) => c.key === "detail");
  const rows = block.rows.slice(1);
  expect(firsts[2]).toBeGreaterThan(FIRST_DATA_ROW);
  // Only agent-days that differ are listed, those to check first.
  expect(rows.length).toBe(report.dayAgentDiffs.filter((d) => d.diff !== 0).length);
  expect(rows.slice(0, 2).map((r) => r[statusCol])).toEqual([DIFF_STATUS_TEXT.check, DIFF_STATUS_TEXT.check]);
  for (const r of rows) {
    const text = String(r[detailCol]);
    expect(text).not.toMatch(/[a-z][A-Z]|attributed|unshipped|refundClosed|orders:/);
    expect(text).toMatch(/退款关闭|取消归属|跨日|未归属|休息日|未解释/);
  }
  expect(String(rows[0][detailCol])).toMatch(/^未解释 ¥128\.00；退款关闭 1 单 ¥\d+\.\d\d：\d+；当日未归属（可能相关） \d+ 单：/);
});

test("the sheet says as of when: the export's latest order time, shown in the subtitle", () => {
  expect(report.asOf).not.toBeNull();
  const latest = Math.max(...report.counted.flatMap((c) => [c.order.createdAt ?? 0, c.order.paidAt ?? 0]));
  expect(report.asOf!).toBeGreaterThanOrEqual(latest);
  expect(sheet.subtitle).toMatch(/截至 As of 2026-11-01 \d\d:\d\d:\d\d/);
});

test("each day links to its first order in 订单明细 (a link, not a cell of ids)", async () => {
  const spec = buildWorkbookSpec(report);
  const orders = spec.sheets.find((s) => s.key === "orders")!;
  const dayCol = orders.columns.findIndex((c) => c.key === "day");
  const detailCol = sheet.columns.findIndex((c) => c.key === "detail");
  let links = 0;
  sheet.rows.forEach((r) => {
    const link = r[detailCol] as { text: string; target: string } | null;
    if (link === null) return;
    links++;
    const row = Number(/!A(\d+)$/.exec(link.target)![1]);
    const first = orders.rows[row - FIRST_DATA_ROW];
    const date = (r[0] as { date: string }).date;
    expect((first[dayCol] as { date: string }).date).toBe(date);
    if (row > FIRST_DATA_ROW) expect((orders.rows[row - FIRST_DATA_ROW - 1][dayCol] as { date: string }).date < date).toBe(true);
  });
  expect(links).toBe(31);

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-recon-"));
  try {
    const file = path.join(dir, "board.xlsx");
    await writeWorkbook(spec, file);
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    const xml = await zip.file((await sheetParts(zip)).get("每日对账")!)!.async("string");
    expect(xml).toContain(`<hyperlink ref="${String.fromCharCode(65 + detailCol)}4" location="'订单明细'!A4" display="→ 订单明细 10-01`);
    // The red rows of the list carry the highlight's colours (a style with the red fill).
    const firsts = blockFirstRows(sheet.rows.length, sheet.blocks);
    const redRow = firsts[2] + 1;
    const styles = await zip.file("xl/styles.xml")!.async("string");
    const xfs = [...styles.matchAll(/<xf [^>]*fillId="(\d+)"/g)].slice(1).map((m) => Number(m[1]));
    const fills = [...styles.matchAll(/<fill>.*?<\/fill>/g)].map((m) => m[0]);
    const s = Number(new RegExp(`<c r="A${redRow}" s="(\\d+)"`).exec(xml)![1]);
    expect(fills[xfs[s]]).toContain("FFC7CE");
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}, 60000);

test("what is read from the report's columns (day links, 订单明细 totals, the JSON's credited list) equals what the orders themselves give", () => {
  expect(report.countedColumns?.ids.length).toBe(report.counted.length);
  const bare: MonthReport = { ...report, countedColumns: undefined };
  expect(reportJsonText(report)).toBe(reportJsonText(bare));
  const pick = (r: MonthReport) => buildWorkbookSpec(r).sheets.filter((s) => s.key === "reconciliation" || s.key === "orders").map((s) => JSON.stringify({ rows: s.rows, blocks: s.blocks }));
  expect(pick(report)).toEqual(pick(bare));
});
