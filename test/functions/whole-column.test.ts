/**
 * KEFU.* on whole columns: =KEFU.AGENT(A:A) hands over 1,048,576 rows, nearly all blank. A blank
 * row spills a blank (""), as Excel's own functions do; only a value that is there and wrong is a
 * located error. A whole column paired with a bounded range is one clear message, not a million
 * #N/A. Shapes and contents are asserted, never times.
 */
import { matcherBuilds } from "../../src/functions/agents";
import * as K from "../../src/functions/impl";
import { FnError, SHEET_ROWS, type Out } from "../../src/functions/values";

type Grid = unknown[][];
const col = (...xs: unknown[]): Grid => xs.map((x) => [x]);

/** A whole column: `head` in its first rows, blank (null, as Excel passes it) below. */
function wholeColumn(...head: unknown[]): Grid {
  const g: Grid = new Array(SHEET_ROWS);
  for (let r = 0; r < SHEET_ROWS; r++) g[r] = [r < head.length ? head[r] : null];
  return g;
}

/** The result's distinct cells below `from`, counted (an error by its message). */
function tail(out: Out[][], from: number): Map<string, number> {
  const seen = new Map<string, number>();
  for (let r = from; r < out.length; r++) {
    for (const v of out[r]) {
      const k = v instanceof FnError ? `${v.code} ${v.message}` : JSON.stringify(v);
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
  }
  return seen;
}

const BLANK = wholeColumn();

// [function, call on whole columns with `data` rows on top, the expected top rows]
const CASES: [string, (data: (...xs: unknown[]) => Grid) => Out[][], unknown[]][] = [
  ["COMMISSION", (d) => K.commission(d(20000, 50000)), [200, 1000]],
  ["COMMISSION with tiers and mode", (d) => K.commission(d(40000), [[0, 0], [10000, "3%"]], "超额"), [900]],
  ["TIERRATE", (d) => K.tierRate(d(20000, 100000)), [0.01, 0.028]],
  ["AGENT", (d) => K.agent(d("张三 KF03", "KF12 加急")), ["KF03", "KF12"]],
  ["AGENT with a roster", (d) => K.agent(d("小美丽 定制"), [["KF03", "小美"], ["KF12", "小美丽"]]), ["KF12"]],
  ["ORDERID", (d) => K.orderId(d("'2873190462331523456")), ["2873190462331523456"]],
  ["LATE", (d) => K.late(d("08:31", "09:00"), [["白班"]]), [1, 30]],
  ["EARLY", (d) => K.early(d("00:55"), [["晚班"]]), [5]],
  ["FINE", (d) => K.fine(d("投诉", "投诉"), d(1, 2)), [50, 100]],
  ["CONVERSION", (d) => K.conversion(d(12, 0), d(40, 0)), [0.3, ""]],
  ["AOV", (d) => K.aov(d(300), d(4)), [75]],
  ["SCORE", (d) => K.score(d(25000), [[50000]], [[40]]), [20]],
];

describe("a whole column of 1,048,576 rows", () => {
  test.each(CASES)("%s: the filled rows computed, every blank row below them blank, the shape kept", (_name, call, top) => {
    const out = call((...xs) => wholeColumn(...xs));
    expect(out).toHaveLength(SHEET_ROWS);
    expect(out.every((row) => row.length === 1)).toBe(true);
    expect(out.slice(0, top.length).map((r) => r[0])).toEqual(top);
    expect(tail(out, top.length)).toEqual(new Map([['""', SHEET_ROWS - top.length]]));
  });

  test.each(CASES)("%s: an all-blank column is all blank, its rows one shared array (no object per blank row)", (_name, call) => {
    const out = call(() => BLANK);
    expect(out).toHaveLength(SHEET_ROWS);
    expect(tail(out, 0)).toEqual(new Map([['""', SHEET_ROWS]]));
    expect(out[SHEET_ROWS - 1]).toBe(out[0]);
  });

  test("AGENT's roster as whole columns (花名册!A:B) is the roster its names fill: compiled once, the same as 花名册!A1:B2", () => {
    const roster = (rows: number) => {
      const g: Grid = new Array(rows);
      for (let r = 0; r < rows; r++) g[r] = r === 0 ? ["KF71", "阿青"] : r === 1 ? ["KF72", "阿青青"] : [null, ""];
      return g;
    };
    const before = matcherBuilds();
    expect(K.agent([["阿青青 定制"]], roster(SHEET_ROWS))).toEqual([["KF72"]]);
    expect(K.agent([["阿青 定制"]], roster(2))).toEqual([["KF71"]]);
    expect(K.agent([["阿青 定制"]], roster(SHEET_ROWS))).toEqual([["KF71"]]);
    expect(matcherBuilds() - before).toBe(1);
  });

  test("COLLECTED over whole columns: blank rows count nothing, the filled ones are summed", () => {
    expect(K.collected(wholeColumn(100, 200), wholeColumn(0, "无退款申请"), wholeColumn("交易成功", "交易关闭"))).toBe(100);
    expect(K.collected(BLANK, BLANK, BLANK)).toBe(0);
  });
});

describe("blank rows inside a range", () => {
  test.each([
    ["COMMISSION", () => K.commission(col(20000, null, "", "  ", 50000)), [200, "", "", "", 1000]],
    ["ORDERID", () => K.orderId(col(null, "'2873190462331523456")), ["", "2873190462331523456"]],
    ["FINE: a row blank in rule, occurrence and loss", () => K.fine(col("投诉", null), col(1, null), col(null, null)), [50, ""]],
    ["CONVERSION: both blank", () => K.conversion(col(null, 12), col("", 40)), ["", 0.3]],
    ["SCORE: a constant target and weight do not make a row filled", () => K.score(col(null, 25000), [[50000]], [[40]]), ["", 20]],
    // A punch missing inside the data is still 缺卡 (domain: an absence never reads as an on-time day).
    ["LATE: a punch missing between punches", () => K.late(col("08:31", null, "09:00", null), [["白班"]]), [1, "#N/A", 30, ""]],
    ["LATE: a row with its shift but no punch", () => K.late(col(null, null), col("白班", null)), ["#N/A", ""]],
    // With the shift row by row, a row blank in punch and shift owes no shift: blank, inside the data too.
    ["LATE: a separator row in punch and shift columns", () => K.late(col("08:31", null, null, "08:40"), col("白班", null, "白班", "白班")), [1, "", "#N/A", 10]],
    ["EARLY: a separator row in punch and shift columns", () => K.early(col(null, "17:20"), col(null, "白班")), ["", 10]],
    ["EARLY: a punch missing between punches", () => K.early(col(null, "17:20"), [["白班"]]), ["#N/A", 10]],
  ])("%s", (_name, call, expected) => {
    const got = call().map((r) => (r[0] instanceof FnError ? r[0].code : r[0]));
    expect(got).toEqual(expected);
  });

  test.each([
    ["COMMISSION: text that is not money", () => K.commission(col(null, "abc")), 1, /回款 "abc" 不是金额.*collected "abc" is not an amount/],
    ["ORDERID: an id turned into a float", () => K.orderId(col(null, 2.87319046233152e18)), 1, /2\.87319046233152E\+18/],
    ["FINE: an occurrence without its rule", () => K.fine(col(null), col(2)), 0, /罚款规则为空.*fine rule is empty/],
    ["CONVERSION: inquiries without payers", () => K.conversion(col(null), col(40)), 0, /付款人数为空.*paying buyers is empty/],
  ])("a non-blank bad value keeps its located error — %s", (_name, call, row, re) => {
    const v = call()[row][0];
    expect(v).toBeInstanceOf(FnError);
    expect((v as FnError).message).toMatch(re);
  });

  test("a single blank cell (no range) keeps its message: the formula names that cell", () => {
    expect(K.commission([[null]])[0][0]).toMatchObject({ code: "#VALUE!", zh: "回款为空" });
    expect(K.late([[null]], [["08:30"]])[0][0]).toMatchObject({ code: "#N/A" });
  });
});

describe("a whole column paired with a bounded range", () => {
  test.each([
    ["CONVERSION", () => K.conversion(wholeColumn(12), col(40, 50, 60)), /付款人数是整列（1048576 行），询单人数只有 3 行.*paying buyers is a whole column \(1048576 rows\) but inquiring buyers has 3 rows/],
    ["AOV", () => K.aov(col(300, 400), wholeColumn(4)), /买家数是整列（1048576 行），销售额只有 2 行.*buyers is a whole column/],
    ["LATE", () => K.late(wholeColumn("08:31"), col("白班", "白班")), /上班打卡是整列.*班次开始只有 2 行/],
    ["FINE", () => K.fine(wholeColumn("投诉"), col(1, 2)), /罚款规则是整列.*第几次只有 2 行/],
    ["SCORE", () => K.score(wholeColumn(1), wholeColumn(2), col(40, 40)), /实际值是整列.*权重只有 2 行/],
  ])("%s: one cell saying so, not a million #N/A", (_name, call, re) => {
    const out = call();
    expect(out).toHaveLength(1);
    expect(out[0]).toHaveLength(1);
    expect(out[0][0]).toBeInstanceOf(FnError);
    expect((out[0][0] as FnError).message).toMatch(re);
    expect((out[0][0] as FnError).message).toMatch(/B:B 与 C:C.*B2:B100 与 C2:C100.*B:B and C:C/);
  });

  test("COLLECTED: a whole column beside a bounded one names both", () => {
    const v = K.collected(wholeColumn(100), col(0, 0), wholeColumn("交易成功"));
    expect(v).toBeInstanceOf(FnError);
    expect((v as FnError).message).toMatch(/实付金额是整列（1048576 行），退款金额只有 2 行/);
  });

  test("a whole column beside one cell, and two whole columns, are fine", () => {
    expect(K.conversion(wholeColumn(12), [[40]])[0][0]).toBe(0.3);
    const both = K.conversion(wholeColumn(12), wholeColumn(40));
    expect(both).toHaveLength(SHEET_ROWS);
    expect(both[0][0]).toBe(0.3);
  });

  test("bounded ranges of different sizes keep Excel's rule: #N/A where one has a value and the other none", () => {
    const out = K.conversion(col(12, 10, 5), col(40, 50));
    expect(out.slice(0, 2).map((r) => r[0])).toEqual([0.3, 0.2]);
    expect(out[2][0]).toMatchObject({ code: "#N/A" });
    // … and a blank there is a blank row.
    expect(K.conversion(col(12, 10, null), col(40, 50))[2][0]).toBe("");
  });
});
