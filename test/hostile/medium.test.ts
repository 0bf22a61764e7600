/**
 * Issue 18, medium: dates that read two ways or cannot be, overlapping exports, ids padded by
 * Excel, a field too long for any cell, refunds above the payment, patterns that backtrack for
 * ever, control characters on the terminal.
 */
import { createRowImporter, importSheet, mergeImports, parseDate, parseDateTime, partsReadApart } from "../../src/core/import";
import { createCsvImporter, MAX_RECORD_CHARS } from "../../src/core/import/csv";
import type { Cell } from "../../src/core/import/types";
import { AgentMatcher, unsafePattern } from "../../src/core/rules/attribution";
import { defaultRules } from "../../src/core/rules/defaults";
import { rulesFromRows, rulesToRows } from "../../src/core/rules/sheet";
import { KefuError } from "../../src/core/problems";
import { readSourceFile } from "../../src/xlsx/read";
import { processIo } from "../../src/cli/io";
import { terminalSafe } from "../../src/cli/terminal";
import { SHEET_HEAD, SHEET_TAIL, part, workbook, writeBomb } from "./bombs";
import { build, cleanupTmp, csv, tmpDir } from "./harness";
import * as C from "./corpus";

afterAll(cleanupTmp);

const H = ["订单编号", "买家实际支付金额", "订单状态", "退款金额", "订单付款时间", "订单备注"];
const id = (n: number) => `="28731904623315${String(20000 + n).padStart(5, "0")}"`;
const orders = (rows: Cell[][], file = "订单.csv") => importSheet({ file, sheet: "订单", rows: [H, ...rows] }, "orders");
const day = (t: number | null) => (t === null ? null : new Date(t).toISOString().slice(0, 16));

describe("day/month dates: decided by the file's other rows, or refused", () => {
  test("on its own (every other source, the functions): 13/10 and 10/13 read one way, 01/10 not at all", () => {
    expect(parseDate("13/10/2026")).toBe("2026-10-13");
    expect(parseDate("10/13/2026")).toBe("2026-10-13");
    expect(parseDate("05/05/2026")).toBe("2026-05-05");
    expect(parseDateTime("01/10/2026")).toBeNull();
  });

  test("01/10/2026 … then 13/10/2026: every date of the file is day first (October)", () => {
    const r = orders([
      [id(1), "10", "交易成功", "", "01/10/2026 09:05", "KF01"],
      [id(2), "10", "交易成功", "", "02/10/2026 10:00", "KF01"],
      [id(3), "10", "交易成功", "", "13/10/2026 11:00", "KF01"],
    ]);
    expect(r.data.orders.map((o) => day(o.paidAt))).toEqual(["2026-10-01T09:05", "2026-10-02T10:00", "2026-10-13T11:00"]);
    expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  test("a file whose other rows are month first (10/13/2026) reads 01/10/2026 as 10 January", () => {
    const r = orders([
      [id(1), "10", "交易成功", "", "01/10/2026 09:05", "KF01"],
      [id(2), "10", "交易成功", "", "10/13/2026 10:00", "KF01"],
    ]);
    expect(day(r.data.orders[0].paidAt)).toBe("2026-01-10T09:05");
  });

  test("a file where no row decides: each ambiguous date is a located error, the field empty", () => {
    const r = orders([
      [id(1), "10", "交易成功", "", "01/10/2026 09:05", "KF01"],
      [id(2), "10", "交易成功", "", "2026-10-05 10:00", "KF01"],
    ]);
    expect(r.data.orders[0].paidAt).toBeNull();
    expect(day(r.data.orders[1].paidAt)).toBe("2026-10-05T10:00");
    expect(r.problems).toEqual([expect.objectContaining({ severity: "error", code: "order.paidAt.ambiguous", row: 2, column: "订单付款时间", value: "01/10/2026 09:05" })]);
  });

  test("the importer counts the a/b/yyyy dates it read one way and two ways (05/05 and ISO dates neither)", () => {
    const imp = createRowImporter("orders", "订单.csv", "订单");
    const rows: Cell[][] = [
      H,
      [id(1), "10", "交易成功", "", "01/10/2026 09:05", "KF01"],
      [id(2), "10", "交易成功", "", "13/10/2026 10:00", "KF01"],
      [id(3), "10", "交易成功", "", "05/05/2026 10:00", "KF01"],
      [id(4), "10", "交易成功", "", "2026-10-05 10:00", "KF01"],
      [id(5), "10", "交易成功", "", "02/10/2026 10:00", "KF01"],
      [id(6), "10", "交易成功", "", "32/13/2026 10:00", "KF01"],
    ];
    expect(imp.partFacts().slashDates).toEqual({ oneWay: 0, twoWay: 0 });
    for (const r of rows) imp.push(r);
    imp.finish();
    expect(imp.partFacts()).toEqual({ slashDates: { oneWay: 1, twoWay: 2 }, sheetDecided: 0, toldOnce: 0 });
  });

  // [first part, second part, read apart gives one pass's result]
  test.each([
    [{ oneWay: 0, twoWay: 0 }, { oneWay: 0, twoWay: 0 }, true],
    [{ oneWay: 5, twoWay: 0 }, { oneWay: 2, twoWay: 0 }, true], // one reading each: no row decides another
    [{ oneWay: 0, twoWay: 3 }, { oneWay: 0, twoWay: 0 }, true], // the other part has no such date
    [{ oneWay: 0, twoWay: 0 }, { oneWay: 4, twoWay: 3 }, true],
    [{ oneWay: 1, twoWay: 0 }, { oneWay: 0, twoWay: 1 }, false], // 13/10 in one part decides 01/10 in the other
    [{ oneWay: 0, twoWay: 1 }, { oneWay: 1, twoWay: 0 }, false],
    [{ oneWay: 0, twoWay: 1 }, { oneWay: 0, twoWay: 1 }, false], // both undecided: one pass may still decide them together
    [{ oneWay: 2, twoWay: 2 }, { oneWay: 2, twoWay: 0 }, false],
  ])("partsReadApart: a/b/yyyy dates %j and %j → %s", (a, b, apart) => {
    const facts = (slashDates: { oneWay: number; twoWay: number }, more = {}) => ({ slashDates, sheetDecided: 0, toldOnce: 0, ...more });
    expect(partsReadApart(facts(a), facts(b))).toBe(apart);
    expect(partsReadApart(facts(b), facts(a))).toBe(apart);
    // A row the whole sheet decides, in either part, keeps the parts together whatever their dates.
    expect(partsReadApart(facts(a, { sheetDecided: 1 }), facts(b))).toBe(false);
    expect(partsReadApart(facts(a), facts(b, { sheetDecided: 2 }))).toBe(false);
    // A once-per-sheet explanation in one part only is the one pass's; in both, it would be given twice.
    expect(partsReadApart(facts(a, { toldOnce: 1 }), facts(b))).toBe(apart);
    expect(partsReadApart(facts(a, { toldOnce: 1 }), facts(b, { toldOnce: 1 }))).toBe(false);
  });

  test("a date-styled serial −1 or 0 in an xlsx is a located problem, not an order of 1899", async () => {
    const dir = await tmpDir("serial");
    const styles = part("xl/styles.xml", '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>');
    const cell = (ref: string, v: string, s = "") => `<c r="${ref}"${s} t="inlineStr"><is><t>${v}</t></is></c>`;
    const xml =
      SHEET_HEAD +
      `<row r="1">${H.map((h, i) => cell(String.fromCharCode(65 + i) + "1", h)).join("")}</row>` +
      [2, 3].map((r) => `<row r="${r}">${cell(`A${r}`, `287319046233152345${r}`)}<c r="B${r}"><v>10</v></c>${cell(`C${r}`, "交易成功")}<c r="E${r}" s="1"><v>${r === 2 ? -1 : 0}</v></c>${cell(`F${r}`, "KF01")}</row>`).join("") +
      SHEET_TAIL;
    const file = await writeBomb(dir, "订单.xlsx", [...workbook([{ name: "订单", xml }]), styles]);
    const [r] = await readSourceFile(file, "orders");
    expect(r.data.orders.map((o) => o.paidAt)).toEqual([null, null]);
    expect(r.problems.filter((p) => p.code === "order.paidAt.invalid").map((p) => [p.severity, p.row, p.column])).toEqual([
      ["error", 2, "订单付款时间"],
      ["error", 3, "订单付款时间"],
    ]);
  });
});

describe("overlapping exports: the later state of an order wins, whatever the argument order", () => {
  const before = [id(1), "100", "交易成功", "无退款申请", "2026-10-03 09:05:00", "KF01"];
  const after = [id(1), "100", "交易关闭", "100", "2026-10-03 09:05:00", "KF01"];
  test("mergeImports keeps the refunded copy both ways", () => {
    const a = orders([before], "上午.csv");
    const b = orders([after], "下午.csv");
    for (const list of [[a, b], [b, a]]) {
      const { data, problems } = mergeImports(list);
      expect(data.orders.map((o) => [o.status, o.refund])).toEqual([["交易关闭", 10000]]);
      expect(problems.map((p) => p.code)).toEqual(["order.duplicate.conflict"]);
    }
  });

  test("the command line gives the same figures with the files swapped", async () => {
    const rows = C.ordersRows(6);
    const refunded = rows.map((r) => r.slice());
    refunded[3][4] = String(refunded[3][2]); // the third order fully refunded…
    refunded[3][5] = "交易关闭"; // …and closed, in the later export
    const early = C.csvFile("早.csv", rows);
    const late = C.csvFile("晚.csv", refunded);
    const ab = await build(C.month({ orders: [early, late] }));
    const ba = await build(C.month({ orders: [late, early] }));
    expect(ab.code).toBe(0);
    const figures = (j: any) => ({ shop: j.shopCollected, agents: j.agents });
    expect(figures(ba.json)).toEqual(figures(ab.json));
    const single = await build(C.month({ orders: late }));
    expect(ab.json.shopCollected).toBe(single.json.shopCollected);
  });
});

describe("order ids Excel padded with zeros are reported as mangled", () => {
  test("a column of ids ending in Excel's zeros: each row refused, no two orders merged", () => {
    const r = orders([
      ["2873190462331520000", "10", "交易成功", "", "2026-10-03 09:05:00", "KF01"],
      ["2873190462331530000", "20", "交易成功", "", "2026-10-03 09:05:00", "KF01"],
      ["2873190462331530000", "30", "交易成功", "", "2026-10-03 09:05:00", "KF02"],
    ]);
    expect(r.data.orders).toEqual([]);
    expect(r.problems.map((p) => [p.code, p.row])).toEqual([
      ["order.id.mangled", 2],
      ["order.id.mangled", 3],
      ["order.id.mangled", 4],
    ]);
  });

  test("one real id that happens to end in zeros among ordinary ones is kept", () => {
    const r = orders([
      ["2873190462331520000", "10", "交易成功", "", "2026-10-03 09:05:00", "KF01"],
      [id(2), "20", "交易成功", "", "2026-10-03 09:05:00", "KF01"],
      [id(3), "30", "交易成功", "", "2026-10-03 09:05:00", "KF01"],
    ]);
    expect(r.data.orders).toHaveLength(3);
  });
});

describe("a field too long for any cell is its own located error; the rows after it are read", () => {
  test("a note of 16.8 million characters (50 MB), its quote closed: that row refused, the next rows imported", () => {
    const imp = createCsvImporter("orders", "订单.csv", "订单.csv");
    const enc = new TextEncoder();
    const row = (n: number, note: string) => csv([[id(n), "10", "交易成功", "", "2026-10-03 09:05:00", note]]);
    imp.write(enc.encode(csv([H])));
    imp.write(enc.encode(row(1, "KF01")));
    // The long note goes in 1 MB pieces, as a file is read.
    const long = row(2, "长".repeat(MAX_RECORD_CHARS + 1000));
    for (let i = 0; i < long.length; i += 1 << 20) imp.write(enc.encode(long.slice(i, i + (1 << 20))));
    for (let n = 3; n < 20; n++) imp.write(enc.encode(row(n, "KF02")));
    const r = imp.end();
    expect(r.data.orders).toHaveLength(18);
    expect(r.problems).toEqual([expect.objectContaining({ severity: "error", code: "csv.row_too_long", row: 3 })]);
    expect(r.data.orders[1].source.row).toBe(4);
  });
});

describe("a refund larger than the payment is said, not silently clamped", () => {
  test("warning on the refund cell", () => {
    const r = orders([[id(1), "10", "交易成功", "25", "2026-10-03 09:05:00", "KF01"]]);
    expect(r.problems).toEqual([expect.objectContaining({ severity: "warning", code: "order.refund.exceeds_paid", row: 2, column: "退款金额", value: "25" })]);
  });
});

describe("catastrophic user patterns are refused", () => {
  test.each(["(a+)+$", "(\\w+\\s?)*$", "(KF|K)+$", "((\\d+)x)*", "(.*a){20}", "(\\d)\\1"])("%p refused", (p) => {
    expect(unsafePattern(p)).not.toBeNull();
    expect(() => new AgentMatcher([{ token: "KF01", agent: "KF01" }], "first", p)).toThrow(KefuError);
  });
  test.each(["KF(\\d{2})", "#(KF\\d+)", "(?:KF|客服)(\\d+)", "\\(a+\\)+"])("%p accepted", (p) => {
    expect(unsafePattern(p)).toBeNull();
  });
  test("in the rules sheet: a located error", () => {
    const rows: Cell[][] = rulesToRows(defaultRules()).map((r) => r.slice());
    rows.find((x) => x[1] === "attribution.pattern")![2] = "(\\w+\\s?)*$";
    const errs = rulesFromRows(rows, { file: "规则.xlsx", sheet: "规则" }).problems.filter((p) => p.severity === "error");
    expect(errs).toEqual([expect.objectContaining({ code: "rules.pattern.unsafe", value: "(\\w+\\s?)*$", file: "规则.xlsx" })]);
  });
});

describe("control characters never reach the terminal raw", () => {
  test("ESC, OSC 52, BEL, CR and bidi overrides are shown as escapes", () => {
    const osc52 = "小美\u001b]52;c;ZWNobyBoaQ==\u0007";
    expect(terminalSafe(osc52)).toBe("小美\\x1b]52;c;ZWNobyBoaQ==\\x07");
    expect(terminalSafe("a\rb\u202ec\u009bd\n\te")).toBe("a\\x0db\\u202ec\\x9bd\n\te");
  });

  test("processIo escapes what it prints (a roster name with ESC and OSC 52); only Progress's own line rewrite goes through", () => {
    const roster = C.rosterRows();
    roster[1][1] = "小美\u001b[2J\u001b]52;c;ZXZpbA==\u0007";
    let written = "";
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: any) => ((written += String(chunk)), true));
    const spyOut = jest.spyOn(process.stdout, "write").mockImplementation((chunk: any) => ((written += String(chunk)), true));
    try {
      const io = processIo();
      io.err(`警告 warning: ${roster[1][1]}\n`);
      io.out(`${roster[1][1]}\n`);
      io.err("\r\u001b[2K进度 progress\u001b[31m");
    } finally {
      spy.mockRestore();
      spyOut.mockRestore();
    }
    expect(written).not.toMatch(/\u001b[\]\[](?!2K进度)/);
    expect(written).toContain("\\x1b]52;c;ZXZpbA==\\x07");
    expect(written).toContain("\r\u001b[2K进度 progress\\x1b[31m"); // the tool's own line rewrite stays
  });
});

describe("masked buyer nicks count one buyer per order", () => {
  test("a GBK export whose nicks are masked (t**8, t＊＊8): KF01's orders each a buyer, one located info", async () => {
    // Six orders to KF01, all from buyers the export shows as t**8 — six buyers, not one.
    const rows = [C.ORDER_HEADERS, ...Array.from({ length: 6 }, (_v, i) => C.orderRow(i * 3, { buyer: i % 2 === 0 ? "t**8" : "t＊＊8" }))];
    const b = await build(C.month({ orders: C.csvFile("订单报表.csv", rows, "gbk") }));
    expect(b.code).toBe(0);
    const kf01 = b.json.agents.find((a: { agent: string }) => a.agent === "KF01");
    expect(kf01.orders).toBe(6);
    expect(kf01.buyers).toBe(6);
    const infos = b.problemsSheet.filter((p) => p.code === "order.buyer.masked");
    expect(infos).toEqual([expect.objectContaining({ severity: "提示 info", file: "订单报表.csv", row: 2, column: "买家会员名", value: "t**8" })]);
  });
});

describe("a cell listing several order ids (an ERP's merged order) is refused, saying so", () => {
  test("the row is a located error naming how many ids; the rows around it are read", () => {
    const r = orders([
      [id(1), "10", "交易成功", "0", "2026-10-03 09:05:00", "KF01"],
      [`${id(2).slice(2, -1)},${id(3).slice(2, -1)}`, "30", "交易成功", "0", "2026-10-03 10:05:00", "KF01"],
      [id(4), "20", "交易成功", "0", "2026-10-03 11:05:00", "KF02"],
    ]);
    expect(r.data.orders.map((o) => o.id)).toEqual([id(1).slice(2, -1), id(4).slice(2, -1)]);
    expect(r.problems).toEqual([expect.objectContaining({ severity: "error", code: "order.id.several", row: 3, column: "订单编号" })]);
    expect(r.problems[0].zh).toContain("2 个订单编号");
  });
});
