/**
 * 订单明细 written from the report's columns (src/xlsx/detail-sheet.ts; in a worker thread from
 * the compiled command line) holds the same workbook as the sheet written from its rows: every
 * cell of every sheet (value, formula, style), the sheets' frames (widths, freeze, filter, print
 * setup, links), read back with ExcelJS — on the sample month (3,000 orders) with the threshold
 * forced to 0, some orders given hostile text (spaces at the ends, `_x0041_`, markup, emoji,
 * empty buyers), in each string mode.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildMonth } from "../../src/core/engine";
import { mergeImports } from "../../src/core/import";
import { defaultRules } from "../../src/core/rules/defaults";
import { buildWorkbookSpec } from "../../src/core/sheets";
import { ORDER_COLUMNS, orderSheetColumns } from "../../src/core/sheets/orders";
import type { MonthReport } from "../../src/core/reports/types";
import { textAt, textColumn, textRows, type TextColumn } from "../../src/core/reports/textcolumn";
import { readSheetRows, readSourceFile } from "../../src/xlsx/read";
import { crc32Combine } from "../../src/xlsx/crc32";
import { planDetail } from "../../src/xlsx/detail-sheet";
import { startEarlyDetail } from "../../src/xlsx/detail-early";
import { countedSheet } from "../../src/core/sheets/orders";
import type { CountedColumns } from "../../src/core/reports/types";
import { crc32 } from "../../src/xlsx/zip";
import { SharedStrings } from "../../src/xlsx/shared-strings";
import { StyleBook } from "../../src/xlsx/styles";
import { writeWorkbook, type WriteOptions } from "../../src/xlsx/write";
import { compileCli, type CompiledCli } from "../cli/compiled";

const ORDER_KEYS = ORDER_COLUMNS.map((c) => c.key);
/** The first `n` rows of a text column. */
const firstTexts = (col: TextColumn, n: number): TextColumn => textColumn(Array.from({ length: Math.min(n, textRows(col)) }, (_, j) => textAt(col, j)));
const SAMPLES = path.join(__dirname, "../../samples");
const FILES = ["订单报表-2026-10.csv", "钉钉考勤-2026-10.xlsx", "千牛客服绩效-2026-10.xlsx", "花名册.xlsx", "违规记录-2026-10.xlsx"];

let dir: string;
let report: MonthReport;

async function sampleReport(rules = defaultRules()): Promise<MonthReport> {
  const results = [];
  for (const f of FILES) results.push(...(await readSourceFile(path.join(SAMPLES, f))));
  const merged = mergeImports(results);
  const hostile = [" 前后空格 ", "_x0041_ & <b>\"q\"</b>", "😀 emoji \u0001 ctl", "", "a_x00e9_b\ttab"];
  merged.data.orders.slice(0, 40).forEach((o, i) => {
    o.buyer = hostile[i % hostile.length];
    if (i % 7 === 3) o.status = " 交易成功";
    // 来源 is written as prefix + row number from the columns: the prefix must be escaped and
    // space-kept as the whole text would be.
    if (i % 11 === 5) o.source = { ...o.source, sheet: " 表_x0041_&<b>" };
  });
  return buildMonth(merged.data, rules, { month: "2026-10", importProblems: merged.problems });
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-detail-"));
  report = await sampleReport();
}, 60000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Everything a reader sees of a workbook, sheet by sheet, as plain data. */
async function contents(file: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets: unknown[] = [];
  wb.eachSheet((ws) => {
    const cells: unknown[] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      cells.push({ r, height: row.height });
      row.eachCell({ includeEmpty: false }, (c) => {
        // Text values are compared through the project's reader below: ExcelJS decodes `_xHHHH_`
        // in shared strings but not in inline ones, and the two paths may store a column differently.
        const value = c.type === ExcelJS.ValueType.String ? "(text)" : JSON.stringify(c.value);
        cells.push([c.address, c.type, value, JSON.stringify(c.style), c.hyperlink ?? null]);
      });
    });
    sheets.push({
      name: ws.name,
      rows: ws.rowCount,
      columns: (ws.columns ?? []).map((c) => [c.width, JSON.stringify(c.style)]),
      views: ws.views,
      autoFilter: ws.autoFilter ?? null,
      pageSetup: ws.pageSetup,
      headerFooter: ws.headerFooter,
      properties: ws.properties,
      cells,
    });
  });
  const values = (await readSheetRows(file)).map((r) => ({ sheet: r.sheet, rows: r.rows }));
  return { names: wb.definedNames.model, sheets, values };
}

async function written(name: string, opts: WriteOptions): Promise<string> {
  const file = path.join(dir, name);
  await writeWorkbook(buildWorkbookSpec(report), file, opts);
  return file;
}

test("crc32Combine = the CRC of the concatenation", () => {
  const a = Buffer.from("订单明细 ".repeat(1000));
  const b = Buffer.from("<row r=\"4\"/>".repeat(777));
  expect(crc32Combine(crc32(a, 0), crc32(b, 0), b.length)).toBe(crc32(Buffer.concat([a, b]), 0));
  expect(crc32Combine(crc32(a, 0), 0, 0)).toBe(crc32(a, 0));
});

test("the sample month has the cases the column writer must get right", () => {
  expect(report.counted.length).toBeGreaterThan(2000);
  expect(report.counted.some((o) => o.order.paidAt === null || o.creditRemovedBy !== null || o.agent === null)).toBe(true);
});

test("the sheet goes by its columns, and only when they hold its cells", async () => {
  const ctx = () => ({ styles: new StyleBook(), strings: new SharedStrings(), stringMode: "auto" as const, inlineFrom: 50_000, level: 1 });
  const orders = () => buildWorkbookSpec(report).sheets.find((s) => s.key === "orders")!;
  const plan = await planDetail(orders(), report, ctx());
  expect(plan?.job.count).toBe(report.counted.length);
  // A report whose orders are not the sheet's (here: two swapped) is refused: in its list (a
  // report made by hand) or in its columns (the engine's).
  const sheet = orders();
  const swapped = { ...report, counted: [report.counted[1], report.counted[0], ...report.counted.slice(2)], countedColumns: undefined };
  expect(await planDetail(sheet, swapped, ctx())).toBeNull();
  const cols = report.countedColumns!;
  const swap = <T,>(xs: ArrayLike<T>): T[] => {
    const a = Array.from(xs);
    return [a[1], a[0], ...a.slice(2)];
  };
  const swappedCols = {
    ...report,
    countedColumns: { ...cols, ids: swap(cols.ids), agent: swap(cols.agent), orders: swap(cols.orders!), paid: swap(cols.paid), collected: swap(cols.collected), buyer: swap(cols.buyer) },
  };
  expect(cols.ids[0]).not.toBe(cols.ids[1]);
  expect(await planDetail(sheet, swappedCols, ctx())).toBeNull();
  expect(await planDetail(buildWorkbookSpec(report).sheets[0], report, ctx())).toBeNull();
});

describe.each([
  ["auto", {}],
  ["auto, sampled as a big sheet", { inlineStringsFrom: 0 }],
  ["always-inline", { strings: "always-inline" }],
  ["always-shared", { strings: "always-shared" }],
] as [string, WriteOptions][])("strings %s", (name, opts) => {
  test("from the columns = from the rows, cell for cell", async () => {
    const rows = await written(`rows-${name}.xlsx`, { ...opts, report, detail: "rows" });
    const cols = await written(`cols-${name}.xlsx`, { ...opts, report, detail: "here", detailFrom: 0 });
    expect(await contents(cols)).toEqual(await contents(rows));
    // The hostile 来源 prefix (leading space, `_x0041_`, markup), written as prefix + row from the
    // columns: escaped, and its space kept, as the whole text is by the rows path.
    const JSZip = (await import("jszip")).default;
    const xmlOf = async (f: string) => {
      const zip = await JSZip.loadAsync(await fs.readFile(f));
      const parts = Object.keys(zip.files).filter((k) => k.startsWith("xl/worksheets/sheet") || k === "xl/sharedStrings.xml");
      return (await Promise.all(parts.map((k) => zip.file(k)!.async("string")))).join("");
    };
    for (const xml of [await xmlOf(cols), await xmlOf(rows)]) {
      expect(xml).toMatch(/<t xml:space="preserve"> 表_x005F_x0041_&amp;&lt;b&gt;!\d+<\/t>/);
      expect(xml).not.toMatch(/<t> 表_x005F/);
    }
  }, 60000);
});

test("in chunks of 500 rows = from the rows; a chunk whose columns are not the sheet's cells sends the whole sheet back to its rows", async () => {
  const rows = await contents(await written("chunk-rows.xlsx", { report, detail: "rows" }));
  expect(await contents(await written("chunk-cols.xlsx", { report, detail: "here", detailFrom: 0, detailChunkRows: 500 }))).toEqual(rows);
  // The spec is the report's; the columns come from one whose last 400 rows are reversed (past
  // the first chunk, which is checked before anything starts).
  const counted = report.counted.slice();
  const at = counted.length - 400;
  counted.splice(at, 400, ...counted.slice(at).reverse());
  const askew: MonthReport = { ...report, counted, countedColumns: undefined };
  const file = path.join(dir, "chunk-askew.xlsx");
  await writeWorkbook(buildWorkbookSpec(report), file, { report: askew, detail: "here", detailFrom: 0, detailChunkRows: 500 });
  expect(await contents(file)).toEqual(rows);
}, 60000);

describe("begun during the build (the rows from the counted columns, before the spec exists)", () => {
  const early = (opts: WriteOptions, cols: CountedColumns = report.countedColumns!) => startEarlyDetail(countedSheet(cols, defaultRules()), opts);

  test.each([
    ["auto", {}],
    ["auto, sampled as a big sheet", { inlineStringsFrom: 0 }],
    ["always-inline", { strings: "always-inline" }],
    ["always-shared", { strings: "always-shared" }],
  ] as [string, WriteOptions][])("strings %s: taken over by the write, the same workbook as from the rows", async (name, strings) => {
    const opts: WriteOptions = { ...strings, detail: "here", detailFrom: 0, detailChunkRows: 500 };
    const begun = early(opts);
    expect(begun).not.toBeNull();
    const file = await written(`early-${name}.xlsx`, { ...opts, report, early: begun });
    expect(begun!.taken).toBe(true);
    expect(await contents(file)).toEqual(await contents(await written(`early-rows-${name}.xlsx`, { ...strings, report, detail: "rows" })));
    const c = await sharedCount(file);
    expect(c.said).toBe(c.cells);
  }, 60000);

  test("rows that are not the spec's (the last two orders swapped), or a write with other settings: not taken, the sheet written as without them", async () => {
    const rows = await contents(await written("early-askew-rows.xlsx", { report, detail: "rows" }));
    const cols = report.countedColumns!;
    const n = cols.ids.length;
    const ids = cols.ids.slice();
    [ids[n - 1], ids[n - 2]] = [ids[n - 2], ids[n - 1]];
    const opts: WriteOptions = { detail: "here", detailFrom: 0, detailChunkRows: 500 };
    const askew = early(opts, { ...cols, ids });
    expect(await contents(await written("early-askew.xlsx", { ...opts, report, early: askew }))).toEqual(rows);
    expect(askew!.taken).toBe(false);
    const other = early(opts);
    expect(await contents(await written("early-other.xlsx", { ...opts, strings: "always-inline", report, early: other }))).toEqual(rows);
    expect(other!.taken).toBe(false);
  }, 60000);

  test("not begun when the write would not give the sheet to the columns (under the threshold, or from its rows)", () => {
    expect(early({ detail: "here", detailFrom: report.counted.length + 1 })).toBeNull();
    expect(early({ detail: "rows", detailFrom: 0 })).toBeNull();
  });
});

/** The shared table's count against the cells that refer to it (Excel's `count`). */
async function sharedCount(file: string): Promise<{ said: number; cells: number }> {
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const sst = await zip.file("xl/sharedStrings.xml")!.async("string");
  let cells = 0;
  for (const k of Object.keys(zip.files).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))) cells += ((await zip.file(k)!.async("string")).match(/ t="s"/g) ?? []).length;
  return { said: Number(/<sst [^>]*count="(\d+)"/.exec(sst)![1]), cells };
}

test("the shared table's count is the cells that refer to it, from the rows or the columns (the frame's head counted once)", async () => {
  for (const opts of [{ detail: "rows" }, { detail: "here", detailFrom: 0 }, { detail: "here", detailFrom: 0, detailChunkRows: 500 }] as WriteOptions[]) {
    const c = await sharedCount(await written(`count-${opts.detail}-${opts.detailChunkRows ?? 0}.xlsx`, { report, ...opts }));
    expect(c.said).toBe(c.cells);
  }
}, 60000);

test("under the threshold, or without the report, the sheet is written from its rows (same bytes of sheet XML)", async () => {
  const a = await written("plain.xlsx", {});
  const b = await written("under.xlsx", { report, detail: "here", detailFrom: report.counted.length + 1 });
  const JSZip = (await import("jszip")).default;
  const part = async (f: string) => (await JSZip.loadAsync(await fs.readFile(f))).file("xl/worksheets/sheet6.xml")!.async("string");
  expect(await part(b)).toBe(await part(a));
});

describe("the compiled command line (worker thread)", () => {
  let cli: CompiledCli;
  beforeAll(async () => {
    cli = await compileCli("kefu-detail-");
  }, 180000);
  afterAll(async () => {
    await cli?.remove();
  });

  test("build with the worker (the default, threshold 0) = build from the rows (KEFU_DETAIL=rows)", async () => {
    const args = (out: string) => [
      "build",
      "--orders", path.join(SAMPLES, FILES[0]),
      "--attendance", path.join(SAMPLES, FILES[1]),
      "--sales", path.join(SAMPLES, FILES[2]),
      "--roster", path.join(SAMPLES, FILES[3]),
      "--incidents", path.join(SAMPLES, FILES[4]),
      "--out", out,
    ];
    const worker = path.join(cli.dir, "worker.xlsx");
    const rows = path.join(cli.dir, "rows.xlsx");
    const a = await cli.run(args(worker), { KEFU_DETAIL_FROM: "0" });
    const b = await cli.run(args(rows), { KEFU_DETAIL: "rows", KEFU_DETAIL_FROM: "0" });
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.out.replace(worker, rows)).toBe(b.out);
    expect(await contents(worker)).toEqual(await contents(rows));
    // The worker is the default and really wrote its rows (not the fallback); KEFU_DETAIL=rows turns it off.
    const debug = await cli.run(args(path.join(cli.dir, "debug.xlsx")), { KEFU_DETAIL_FROM: "0", KEFU_DETAIL_DEBUG: "1" });
    expect(debug.code).toBe(0);
    expect(debug.err).toMatch(/detail worker: rows from 0, \d+ bytes of XML/);
    // Begun while the build went on, and taken over by the write.
    expect(debug.err).toMatch(/early: worker fed[\s\S]*early: taken over/);
    const plain = await cli.run(args(path.join(cli.dir, "plain.xlsx")), { KEFU_DETAIL: "rows", KEFU_DETAIL_FROM: "0", KEFU_DETAIL_DEBUG: "1" });
    expect(plain.err).not.toMatch(/detail worker/);
    // The worker failing on its first rows, or while its bytes go into the file: the same workbook.
    for (const fault of ["rows", "send"]) {
      const file = path.join(cli.dir, `fault-${fault}.xlsx`);
      const r = await cli.run(args(file), { KEFU_DETAIL_FROM: "0", KEFU_DETAIL_DEBUG: "1", KEFU_DETAIL_FAULT: fault });
      expect([fault, r.code]).toEqual([fault, 0]);
      expect(r.err).toMatch(fault === "send" ? /lost while sending its rows/ : /worker's rows failed/);
      expect(await contents(file)).toEqual(await contents(rows));
    }
    // Under the threshold (the default 50,000 rows; the sample has ~3,000), no worker either.
    const small = await cli.run(args(path.join(cli.dir, "small.xlsx")), { KEFU_DETAIL_DEBUG: "1" });
    expect(small.err).not.toMatch(/detail worker/);
  }, 120000);
});

test("orderSheetColumns reads the report's columns where it has them and the orders where it has not: the same values either way", () => {
  const keys = new Set(["agent", "status", "creditRemovedBy", "matched"]);
  const bare: MonthReport = { ...report, countedColumns: undefined };
  for (const [count, from] of [[report.counted.length, 0], [report.counted.length, 1000], [500, 0]]) {
    const a = orderSheetColumns(report, count, (k) => keys.has(k), from);
    const b = orderSheetColumns(bare, count, (k) => keys.has(k), from);
    expect(a).not.toBeNull();
    expect(a).toEqual(b);
  }
});

test("orderSheetColumns past the rows whose sheet columns the report keeps (a worksheet's worth): from the orders, the same values", () => {
  const kept = report.countedColumns!;
  const cut = 100;
  const capped: MonthReport = {
    ...report,
    countedColumns: { ...kept, buyer: kept.buyer.slice(0, cut), status: firstTexts(kept.status, cut), confirmedAt: Array.from(kept.confirmedAt).slice(0, cut), sourceSheet: firstTexts(kept.sourceSheet, cut), sourceRow: Array.from(kept.sourceRow).slice(0, cut) },
  };
  const keys = new Set(["agent", "status"]);
  const n = report.counted.length;
  expect(orderSheetColumns(capped, n, (k) => keys.has(k))).toEqual(orderSheetColumns(report, n, (k) => keys.has(k)));
  expect(orderSheetColumns(capped, cut, (k) => keys.has(k))).toEqual(orderSheetColumns(report, cut, (k) => keys.has(k)));
});

test("orderSheetColumns by 确认收货 (the confirmed date basis): the day column from the columns = from the orders", async () => {
  const rules = defaultRules();
  rules.sales.dateBasis = "confirmed";
  const byConfirmed = await sampleReport(rules);
  expect(byConfirmed.counted.length).toBeGreaterThan(100);
  const keys = new Set(["agent", "status"]);
  const a = orderSheetColumns(byConfirmed, byConfirmed.counted.length, (k) => keys.has(k));
  const b = orderSheetColumns({ ...byConfirmed, countedColumns: undefined }, byConfirmed.counted.length, (k) => keys.has(k));
  expect(a).toEqual(b);
  // The days are the confirmed days, not the paid ones.
  const day = a![ORDER_KEYS.indexOf("day")];
  const paidAt = a![ORDER_KEYS.indexOf("paidAt")];
  if (day.kind !== "number" || paidAt.kind !== "number") throw new Error("number columns expected");
  expect([...day.values].some((d, i) => Number.isFinite(paidAt.values[i]) && d !== Math.floor(paidAt.values[i]))).toBe(true);
});
