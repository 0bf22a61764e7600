/**
 * CSV records against their header (src/core/import/records.ts): a field count other than the
 * header's, a header row again further down, and a paid order without its payment time — each
 * read through the byte path, the text path and the byte path fed in tiny chunks, which must
 * give the same ImportResult. (The split read's halves: test/cli/split-read.test.ts.)
 */
import * as iconv from "iconv-lite";
import { createCsvImporter, importCsvBytes } from "../../src/core/import/csv";
import { importSheet } from "../../src/core/import";
import type { ImportResult } from "../../src/core/import/types";

const HEADER = "订单编号,买家实际支付金额,订单状态,订单创建时间,订单付款时间,订单备注,退款金额";
const ID = (n: number) => `="28731904623315${String(20000 + n)}"`;
/** A well-formed order line of HEADER's 7 fields. */
const line = (n: number, note = "KF01 2*3米", refund = "0") => `${ID(n)},${100 + n}.00,交易成功,2026-10-02 09:00:00,2026-10-02 09:05:00,${note},${refund}`;

type Enc = "utf8" | "gbk";
const bytesOf = (text: string, enc: Enc): Uint8Array => (enc === "gbk" ? new Uint8Array(iconv.encode(text, "gbk")) : new TextEncoder().encode(text));

/** One file read three ways; they must agree. */
function readAll(lines: string[], enc: Enc = "utf8", eol = "\r\n"): ImportResult {
  const bytes = bytesOf(lines.join(eol) + eol, enc);
  const strip = ({ encoding: _e, ...r }: ImportResult & { encoding: string }) => r;
  const bytePath = strip(importCsvBytes(bytes, "订单.csv", "orders", { scan: true }));
  const textPath = strip(importCsvBytes(bytes, "订单.csv", "orders", { scan: false }));
  const imp = createCsvImporter("orders", "订单.csv", "订单", { scan: true });
  for (let o = 0; o < bytes.length; o += 7) imp.write(bytes.subarray(o, Math.min(bytes.length, o + 7)));
  const chunked = strip(imp.end());
  expect(textPath).toEqual(bytePath);
  expect(chunked).toEqual(bytePath);
  return bytePath;
}

const csvProblems = (r: ImportResult) => r.problems.filter((p) => p.code.startsWith("csv.") || p.code === "import.header_repeated").map((p) => [p.code, p.row, p.severity]);
const rows = (r: ImportResult) => r.data.orders.map((o) => o.source.row);

describe("a record's field count against the header's (7 fields)", () => {
  test.each([
    ["exactly the header's width", line(2), [], [2, 3]],
    ["one more field, empty (an export ending every line with a comma)", line(2) + ",", [], [2, 3]],
    ["two more fields, blank", line(2) + ", ,", [], [2, 3]],
    ["one more field, not empty", line(2) + ",x", [["csv.fields.extra", 2, "error"]], [3]],
    ["one fewer field (退款金额 missing): kept, its refund empty", line(2).replace(/,0$/, ""), [["csv.fields.missing", 2, "warning"]], [2, 3]],
    ["only the id and the amount: kept", `${ID(2)},102.00`, [["csv.fields.missing", 2, "warning"]], [2, 3]],
    ["only the id: the required amount is missing, not imported", ID(2), [["csv.fields.missing_required", 2, "error"]], [3]],
    ["a blank line: nothing to say", "", [], [3]],
    ["a line of empty fields: nothing to say", ",,,", [], [3]],
    ["a stray quote in an unquoted note with a comma", line(2, 'KF01 客户说"加急",明天发'), [["csv.fields.extra", 2, "error"]], [3]],
    ["quotes not in pairs inside a quoted note", line(2, '"KF01 客户说"加急", 明天发"'), [["csv.fields.extra", 2, "error"]], [3]],
  ] as [string, string, unknown[], number[]][])("%s", (_name, row2, problems, kept) => {
    for (const enc of ["utf8", "gbk"] as Enc[]) {
      const r = readAll([HEADER, row2, line(3)], enc);
      expect(csvProblems(r)).toEqual(problems);
      expect(rows(r)).toEqual(kept);
    }
  });

  test("more fields: the message locates the row, counts both, names the column with the stray quote and says the row is not counted", () => {
    const r = readAll([HEADER, line(2), line(3, 'KF02 客户说"加急",明天发,物流'), line(4)]);
    const p = r.problems.find((x) => x.code === "csv.fields.extra")!;
    expect(p).toMatchObject({ file: "订单.csv", sheet: "订单", row: 3, column: "订单备注", value: 'KF02 客户说"加急"' });
    expect(p.zh).toBe(
      '此行有 9 列，表头只有 7 列，多出的第 8 列有内容：「订单备注」的值里有引号（"）：多半是没有加引号的值里出现了引号，或引号没有成对，使值里的逗号把后面的值推到了别的列。各列的值已错位，无法可靠读取：该行未导入，不计入任何报表；请在文件中改正这一行或重新导出',
    );
    expect(p.en).toContain("this row has 9 fields where the header has 7");
    expect(p.en).toContain("the row is not imported and counts in no report");
    expect(rows(r)).toEqual([2, 4]);
  });

  test("an unclosed quote swallows the next line: one error on its row, saying the next line is inside it; the rows after are read", () => {
    const r = readAll([HEADER, line(2), line(3, '"KF01 3*3米 未闭合引号', "150.00"), line(4, "KF02 正常"), line(5)]);
    expect(csvProblems(r)).toEqual([["csv.fields.extra", 3, "error"]]);
    const p = r.problems.find((x) => x.code === "csv.fields.extra")!;
    expect(p.column).toBe("订单备注");
    expect(p.zh).toContain("「订单备注」的值跨了行：多半是引号没有闭合，把后面的行并进了这一行");
    expect(p.en).toContain("a quote is never closed and swallowed the lines after it");
    // Row numbers are records, as Excel shows the file: the swallowed line is inside record 3.
    expect(rows(r)).toEqual([2, 4]);
    expect(r.data.orders.map((o) => o.id)).toEqual(["2873190462331520002", "2873190462331520005"]);
  });

  test("fewer fields: the message names the missing columns the program reads", () => {
    const r = readAll([HEADER, `${ID(2)},102.00,交易成功`]);
    const p = r.problems.find((x) => x.code === "csv.fields.missing")!;
    expect(p).toMatchObject({ row: 2, severity: "warning", value: ID(2) });
    expect(p.zh).toBe(
      "此行只有 3 列，表头有 7 列：这一行可能被截断，或某个值里的换行、引号把一行拆成了几行；缺少的「订单创建时间」「订单付款时间」「订单备注」「退款金额」按空值处理，其余照常导入，请核对",
    );
    expect(r.problems.find((x) => x.code === "csv.fields.missing_required")).toBeUndefined();
    const q = readAll([HEADER, ID(2)]).problems.find((x) => x.code === "csv.fields.missing_required")!;
    expect(q.zh).toBe("此行只有 1 列，表头有 7 列，缺少必需的「买家实际支付金额」：这一行可能被截断，或某个值里的换行、引号把一行拆成了几行；该行未导入");
    expect(q.en).toBe('this row has 1 field where the header has 7, without the required "买家实际支付金额": the row may be cut off, or a line break or quote inside a value split one row into several; the row is skipped');
  });

  describe("a header ending with a comma (its last column unnamed, as Taobao's)", () => {
    const header = HEADER + ",";
    test.each([
      ["rows ending with a comma too", line(2) + ",", [], [2]],
      ["rows without it", line(2), [], [2]],
      ["a value pushed into the unnamed column (a note's comma shifted the row by one)", line(2, "KF01 a,b") + ",", [["csv.fields.extra", 2, "error"]], []],
    ] as [string, string, unknown[], number[]][])("%s", (_name, row2, problems, kept) => {
      const r = readAll([header, row2]);
      expect(csvProblems(r)).toEqual(problems);
      expect(rows(r)).toEqual(kept);
    });
  });

  test("a totals line, shorter than the header, is the reader's to name", () => {
    const r = readAll([HEADER, line(2), "合计,102.00"]);
    expect(csvProblems(r)).toEqual([]);
    expect(r.problems.map((p) => p.code)).toContain("order.summary_row");
  });

  test("thousands of bad rows: 1,000 listed, the rest counted in one line per kind", () => {
    const lines = [HEADER];
    for (let i = 2; i <= 2601; i++) lines.push(i % 2 === 0 ? line(i) + ",x" : ID(i));
    const r = readAll(lines);
    const count = (code: string) => r.problems.filter((p) => p.code === code).length;
    expect(count("csv.fields.extra")).toBe(1000);
    expect(count("csv.fields.missing_required")).toBe(1000);
    expect(r.problems.find((p) => p.code === "csv.fields.extra.more")).toMatchObject({ value: "300", zh: "同类问题另有 300 条未逐条列出（代码 csv.fields.extra）" });
    expect(r.problems.find((p) => p.code === "csv.fields.missing_required.more")?.value).toBe("300");
    expect(r.data.orders).toHaveLength(0);
  });

  test("an xlsx sheet's rows are not records: short rows are normal there", () => {
    const r = importSheet({ file: "订单.xlsx", sheet: "订单", rows: [HEADER.split(","), [ID(2).slice(2, -1), 102]] }, "orders");
    expect(r.problems.filter((p) => p.code.startsWith("csv."))).toEqual([]);
    expect(r.data.orders).toHaveLength(1);
  });
});

describe("a header row again further down", () => {
  test("two exports of two layouts pasted together: the header row is named, the second layout's rows do not fit the first and say so", () => {
    const second = "订单编号,买家会员名,买家实际支付金额,订单状态,订单付款时间";
    const r = readAll([HEADER, line(2), line(3), second, `${ID(5)},buyer,105.00,交易成功,2026-10-02 09:05:00`, `${ID(6)},buyer,106.00,交易成功,2026-10-02 09:05:00`]);
    expect(csvProblems(r)).toEqual([
      ["import.header_repeated", 4, "error"],
      ["csv.fields.missing", 5, "warning"],
      ["csv.fields.missing", 6, "warning"],
    ]);
    const p = r.problems.find((x) => x.code === "import.header_repeated")!;
    expect(p).toMatchObject({ row: 4, column: "订单编号", value: "订单编号" });
    expect(p.zh).toBe("此行是重复的表头：两份导出被拼进一个文件？请分成两个文件分别用 --orders 读入；该行未导入（其后的行仍按第1行的表头读取）");
    expect(p.en).toBe("this row is the header again: two exports pasted into one file? Split it into two files and give each with --orders; the row is skipped (the rows after it are still read by the header on row 1)");
    expect(r.problems.find((x) => x.code.startsWith("order.id."))).toBeUndefined();
  });

  test("the same layout twice: only the header row is reported, the rows after it are read", () => {
    const r = readAll([HEADER, line(2), HEADER, line(4)]);
    expect(csvProblems(r)).toEqual([["import.header_repeated", 3, "error"]]);
    expect(rows(r)).toEqual([2, 4]);
  });

  test("in an xlsx sheet too", () => {
    const r = importSheet({ file: "订单.xlsx", sheet: "订单", rows: [HEADER.split(","), line(2).split(","), HEADER.split(" ").join("").split(","), line(4).split(",")] }, "orders");
    expect(r.problems.filter((p) => p.code === "import.header_repeated").map((p) => p.row)).toEqual([3]);
  });

  test.each([["订单状态 as a note", line(2, "订单状态")], ["a buyer called 订单编号", `${ID(2)},102.00,交易成功,2026-10-02 09:00:00,2026-10-02 09:05:00,订单备注,0`]])(
    "a data row holding a header word or two is data (%s)",
    (_name, row2) => {
      const r = readAll([HEADER, row2]);
      expect(csvProblems(r)).toEqual([]);
      expect(rows(r)).toEqual([2]);
    },
  );
});

describe("a paid order without its payment time", () => {
  test.each([
    ["交易成功", "", true],
    ["买家已付款，等待卖家发货", "", true],
    ["卖家已发货，等待买家确认", "", true],
    ["WAIT_SELLER_SEND_GOODS", "", true],
    ["交易成功", "2026-10-02 09:05:00", false],
    ["等待买家付款", "", false],
    ["交易关闭", "", false],
    ["被合并", "", false],
  ])("%s, paid at %j → warned: %s", (status, paidAt, warned) => {
    const r = readAll([HEADER, `${ID(2)},102.50,"${status}",2026-10-02 09:00:00,${paidAt},KF01,0`]);
    const found = r.problems.filter((p) => p.code === "order.paidAt.missing");
    expect(found).toHaveLength(warned ? 1 : 0);
    expect(r.data.orders).toHaveLength(1);
    if (!warned) return;
    expect(found[0]).toMatchObject({ severity: "warning", row: 2, column: "订单付款时间", value: "" });
    expect(found[0].zh).toBe(
      `订单 2873190462331520002（实付 102.50）的状态「${status}」表示已付款，但「订单付款时间」为空：无法归入任何月份，不计入回款、看板和提成（规则按确认收货时间计月时除外）。请核对导出，补上付款时间`,
    );
    expect(found[0].en).toContain(`order 2873190462331520002 (paid 102.50) has the status "${status}", which says it was paid, but "订单付款时间" is empty`);
  });

  test("an ERP export names its own column (付款时间)", () => {
    const r = readAll(["线上订单号,实付金额,订单状态,付款时间,卖家备注,业务员", `${ID(2)},88.00,已发货,,KF01,小王`]);
    expect(r.recognition.variant).toBe("erp");
    expect(r.problems.filter((p) => p.code === "order.paidAt.missing").map((p) => [p.row, p.column])).toEqual([[2, "付款时间"]]);
  });

  test("an unreadable time has its own error, not this warning too", () => {
    const r = readAll([HEADER, `${ID(2)},102.50,交易成功,2026-10-02 09:00:00,昨天,KF01,0`]);
    expect(r.problems.map((p) => p.code)).toEqual(["order.paidAt.invalid"]);
  });
});

describe("a folder where a file was expected", () => {
  test.each(["订单.csv", "花名册.xlsx", "orders.txt"])("readSourceFile(%s): one located error, nothing read", async (name) => {
    const fs = await import("fs");
    const os = await import("os");
    const path = await import("path");
    const { readSourceFile } = await import("../../src/xlsx/read");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-folder-"));
    try {
      const folder = path.join(dir, name);
      fs.mkdirSync(folder);
      const [r] = await readSourceFile(folder, "orders");
      expect(r.kind).toBeNull();
      expect(r.rowsRead).toBe(0);
      expect(r.problems.map((p) => [p.severity, p.code, p.file, p.zh])).toEqual([["error", "file.is_folder", name, "这是一个文件夹，不是文件；未导入。请给出导出文件本身的路径"]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
