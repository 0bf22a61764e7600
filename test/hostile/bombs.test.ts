/**
 * Crafted xlsx packages are refused, located and bilingual, as soon as they pass a limit — as a
 * source, as the rules workbook and as the previous board passed back through --out — and never
 * kill the process (one run under a 256 MB heap cap in a child process proves the memory bound).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { readSheetRows, readSourceFile, readSheetValues, streamXlsx } from "../../src/xlsx/read";
import { XlsxRefused } from "../../src/xlsx/limits";
import { readFileSheets } from "../../src/taskpane/fileImport";
import { KefuError } from "../../src/core/problems";
import { XLSX_LIMITS } from "../../src/xlsx/limits";
import { SHEET_NAMES } from "../../src/core/sheets/names";
import { cli } from "../cli/run";
import { compileCli, type CompiledCli } from "../cli/compiled";
import { BOMBS, SHEET_HEAD, SHEET_TAIL, part, sheetXml, workbook, writeBomb, zipOf, type BombPart } from "./bombs";
import { cleanupTmp, sha256, tmpDir, writeInput } from "./harness";
import * as C from "./corpus";

afterAll(cleanupTmp);

async function readBomb(parts: BombPart[]) {
  const dir = await tmpDir("bomb");
  const file = await writeBomb(dir, "订单.xlsx", parts);
  const size = (await fs.stat(file)).size;
  const results = await readSourceFile(file, "orders");
  return { file, size, results, problems: results.flatMap((r) => r.problems) };
}

describe("bombs as a source file: one located, bilingual error each; nothing imported", () => {
  test.each([
    ["shared strings that inflate to 2 GB (size in the directory)", BOMBS.sharedStringsHonest, "xlsx.limit.part", { sheet: "xl/sharedStrings.xml" }],
    ["shared strings that inflate past the size their directory records", BOMBS.sharedStringsLying, "xlsx.limit.declared", { sheet: "xl/sharedStrings.xml" }],
    ["one shared string of a million characters", BOMBS.sharedStringLong, "xlsx.limit.cell_chars", { sheet: "xl/sharedStrings.xml", column: "#0" }],
    ["200 MB of text with no tag", BOMBS.xmlRun, "xlsx.limit.xml_run", { sheet: "xl/worksheets/sheet1.xml" }],
    ["millions of cells at the same reference", BOMBS.sameReference, "xlsx.cell.order", { sheet: "订单", row: 1, column: "A1" }],
    ["millions of rows numbered 1", BOMBS.sameRow, "xlsx.row.order", { sheet: "订单", row: 1 }],
    ["parts that add up to more than the total", BOMBS.totalTooBig, "xlsx.limit.total", {}],
  ] as const)("%s", async (_name, make, code, at) => {
    const r = await readBomb(make());
    expect(r.size).toBeLessThan(6 * 1024 * 1024); // a few MB on disk at most
    expect(r.problems).toEqual([expect.objectContaining({ severity: "error", code, file: "订单.xlsx", ...at })]);
    const p = r.problems[0];
    expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(p.en).toMatch(/[a-z]{4}/);
    expect(r.results.every((x) => x.data.orders.length === 0)).toBe(true);
  });
});

describe("a sheet's order is the file's: a row or cell that repeats or goes backwards is an error, not a shifted row", () => {
  const orders = (body: string) => workbook([{ name: "订单", xml: SHEET_HEAD + body + SHEET_TAIL }]);
  test.each([
    ["a row number going backwards", '<row r="1"><c r="A1"><v>1</v></c></row><row r="5"><c r="A5"><v>1</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>', "xlsx.row.order", 3, "A3"],
    ["a repeated row number", '<row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="B2"><v>1</v></c></row>', "xlsx.row.order", 2, "A2"],
    ["a cell going backwards in its row", '<row r="1"><c r="C1"><v>1</v></c><c r="B1"><v>1</v></c></row>', "xlsx.cell.order", 1, "B1"],
    ["a cell that names another row", '<row r="1"><c r="A1"><v>1</v></c><c r="B7"><v>1</v></c></row>', "xlsx.cell.row", 1, "B7"],
  ])("%s", async (_name, body, code, row, column) => {
    const r = await readBomb(orders(body));
    expect(r.problems).toEqual([expect.objectContaining({ severity: "error", code, sheet: "订单", row, column: code === "xlsx.row.order" ? null : column })]);
  });

  test("the cell and shared-string counts are limits too (lowered here to reach them)", async () => {
    const dir = await tmpDir("counts");
    const rows = Array.from({ length: 40 }, (_v, r) => Array.from({ length: 30 }, (_w, c) => `${r}-${c}`));
    const file = await writeBomb(dir, "c.xlsx", workbook([{ name: "S", xml: sheetXml(rows) }], part("xl/sharedStrings.xml", `<sst>${"<si><t>x</t></si>".repeat(11)}</sst>`)));
    const sink = () => ({ row() {}, end() {} });
    const cells = await streamXlsx(file, sink, { limits: { cells: 1000 } }).catch((e: unknown) => e);
    expect(cells).toBeInstanceOf(XlsxRefused);
    expect((cells as XlsxRefused).toProblem("c.xlsx")).toMatchObject({ code: "xlsx.limit.cells", sheet: "S", row: 34, column: "K34" });
    const strings = await streamXlsx(file, sink, { limits: { sharedStrings: 10 } }).catch((e: unknown) => e);
    expect((strings as XlsxRefused).code).toBe("xlsx.limit.shared_strings");
    await expect(streamXlsx(file, sink, { limits: { cells: 1200, sharedStrings: 11 } })).resolves.toBeUndefined();
  });

  test("a cell of more than 32,767 characters", async () => {
    const long = "长".repeat(XLSX_LIMITS.cellChars + 1);
    const r = await readBomb(workbook([{ name: "订单", xml: sheetXml([["订单编号"], [long]]) }]));
    expect(r.problems).toEqual([expect.objectContaining({ code: "xlsx.limit.cell_chars", sheet: "订单", row: 2, column: "A2" })]);
  });

  test("a well-formed sheet with gaps between rows is read as it stands", async () => {
    const dir = await tmpDir("gaps");
    const file = await writeBomb(dir, "g.xlsx", workbook([{ name: "S", xml: SHEET_HEAD + '<row r="2"><c r="B2"><v>7</v></c></row><row r="9"><c r="A9"><v>8</v></c><c r="D9"><v>9</v></c></row>' + SHEET_TAIL }]));
    const { values } = await readSheetValues(file, ["S"]);
    const rows = values.get("S")!;
    expect(rows[2][2]).toBe(7);
    expect([rows[9][1], rows[9][4]]).toEqual([8, 9]);
  });
});

/** A package that looks like a board this tool wrote, with `penalties` as its 罚款台账 sheet. */
function boardWith(penalties: BombPart | string): BombPart[] {
  return workbook([
    { name: SHEET_NAMES.performance.name, xml: sheetXml([["x"]]) },
    { name: SHEET_NAMES.penalties.name, xml: penalties },
    { name: SHEET_NAMES.rules.name, xml: sheetXml([["x"]]) },
  ]);
}

async function monthArgs(dir: string): Promise<string[]> {
  const args = ["build"];
  for (const { slot, file } of C.month().inputs) args.push(`--${slot}`, await writeInput(dir, file));
  return [...args, "--month", "2026-10"];
}

describe("bombs where the command line reads whole sheets", () => {
  test("the previous board passed back through --out: refused, located, the file untouched", async () => {
    const dir = await tmpDir("board-bomb");
    const board = await writeBomb(dir, "board.xlsx", boardWith(BOMBS.sameReference()[5]));
    const before = await sha256(board);
    const r = await cli(...(await monthArgs(dir)), "--out", board);
    expect(r.code).toBe(1);
    expect(r.err).toContain("board.xlsx");
    expect(r.err).toMatch(/单元格 A1 不在同一行上一个单元格 A1 之后.*cell A1 does not come after the previous cell A1/);
    expect(await sha256(board)).toBe(before);
  });

  test("the rules workbook: refused with a located error, exit 1", async () => {
    const dir = await tmpDir("rules-bomb");
    const rules = await writeBomb(dir, "规则.xlsx", workbook([{ name: "规则", xml: sheetXml([["x"]]) }], BOMBS.sharedStringsLying()[4]));
    const r = await cli(...(await monthArgs(dir)), "--rules", rules, "--out", path.join(dir, "out.xlsx"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("规则.xlsx");
    expect(r.err).toMatch(/xl\/sharedStrings\.xml/);
    expect(r.err).toMatch(/目录中登记.*its directory records/);
  });

  test("a wanted sheet is read; the others are never inflated (a bomb in a skipped sheet costs nothing)", async () => {
    const dir = await tmpDir("skip");
    const file = await writeBomb(dir, "b.xlsx", workbook([{ name: "好", xml: sheetXml([["a"]]) }, { name: "炸", xml: BOMBS.sameReference()[5] }]));
    const { sheetNames, values } = await readSheetValues(file, ["好"]);
    expect(sheetNames).toEqual(["好", "炸"]);
    expect(values.get("好")![1][1]).toBe("a");
  });
});

describe("the pane's uploads go through the same reader and limits", () => {
  test("a sample xlsx: the pane's rows are the command line's rows", async () => {
    const file = path.join(__dirname, "../../samples/违规记录-2026-10.xlsx");
    const bytes = new Uint8Array(await fs.readFile(file));
    const pane = await readFileSheets("违规记录-2026-10.xlsx", bytes);
    const cli = (await readSheetRows(file)).filter((s) => s.rows.length > 0);
    expect(pane.sheets.map((s) => s.rows)).toEqual(cli.map((s) => s.rows));
    expect(pane.sheets[0].rows.length).toBeGreaterThan(5);
  });

  test.each([
    ["millions of cells at the same reference", BOMBS.sameReference, "xlsx.cell.order"],
    ["shared strings that inflate past the size their directory records", BOMBS.sharedStringsLying, "xlsx.limit.declared"],
    ["parts that add up to more than the total", BOMBS.totalTooBig, "xlsx.limit.total"],
  ] as const)("%s: a KefuError naming the file", async (_name, make, code) => {
    const bytes = new Uint8Array(zipOf(make()));
    const e = await readFileSheets("炸弹.xlsx", bytes).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KefuError);
    expect((e as KefuError).problems).toEqual([expect.objectContaining({ code, file: "炸弹.xlsx", severity: "error" })]);
  });
});

describe("in a process with a 256 MB heap, every bomb ends in exit 1 with its message", () => {
  let compiled: CompiledCli;
  beforeAll(async () => {
    compiled = await compileCli("kefu-bombs-");
  }, 120_000);
  afterAll(() => compiled?.remove());

  test("orders, rules and previous board bombs", async () => {
    const dir = await tmpDir("capped");
    const base = await monthArgs(dir);
    const orders = await writeBomb(dir, "orders-bomb.xlsx", BOMBS.sharedStringsLying());
    const long = await writeBomb(dir, "long-bomb.xlsx", BOMBS.sharedStringLong());
    const board = await writeBomb(dir, "board.xlsx", boardWith(BOMBS.sameRow()[5]));
    const env = { NODE_OPTIONS: "--max-old-space-size=256" };
    const runs = [
      await compiled.run([...base, "--orders", orders, "--out", path.join(dir, "a.xlsx")], env),
      await compiled.run([...base, "--orders", long, "--out", path.join(dir, "b.xlsx")], env),
      await compiled.run([...base, "--out", board], env),
    ];
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1]);
    expect(runs[0].err).toContain("orders-bomb.xlsx");
    expect(runs[1].err).toMatch(/32,767/);
    expect(runs[2].err).toMatch(/行号 1 不在上一行 1 之后.*row number 1 does not come after the previous row 1/);
  }, 120_000);
});
