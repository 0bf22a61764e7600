/**
 * One home for the value readers a manager's typing goes through (core/values.ts): the yes / no
 * words, money to cents, column letters — and the rules sheet, the manager columns and the
 * importer agree on them.
 */
import {
  columnIndex,
  columnLetter,
  defaultRules,
  moneyCents,
  parseMoney,
  rulesFromRows,
  rulesToRows,
  yesNo,
  type Cell,
} from "../../../src/core";

test.each([
  ["是", true], [" 是 ", true], ["Y", true], ["yes", true], ["TRUE", true], [true, true], [1, true], ["✓", true], ["√", true], ["ｙｅｓ", true],
  ["否", false], ["N", false], ["no", false], ["FALSE", false], [false, false], [0, false], ["×", false],
  [null, null], ["", null], ["也许", null], [2, null], ["是的", null],
] as [Cell, boolean | null][])("yesNo(%p) = %p", (cell, want) => {
  expect(yesNo(cell)).toBe(want);
});

test.each([
  [12, 1200], ["12", 1200], ["¥12", 1200], ["￥1,200.50", 120050], ["12元", 1200], ["(12)", -1200], ["１２", 1200], ["1.005", 101], [1.005, 101],
  ["", null], [null, null], ["十二", NaN], [true, NaN],
] as [Cell, number | null][])("moneyCents(%p) = %p", (cell, want) => {
  expect(moneyCents(cell)).toBe(want);
});

test("money reads the same in the importer, the manager columns and the rules sheet (1.005 yuan is 101 cents everywhere)", () => {
  for (const typed of ["1.005", "¥1,600", "1600元", "2.675", 0.125]) {
    const rows = rulesToRows(defaultRules()).map((r) => r.slice() as Cell[]);
    const at = rows.findIndex((r) => r[1] === "pay.lunchPerDay");
    expect(at).toBeGreaterThan(0);
    rows[at][2] = typed;
    const r = rulesFromRows(rows, { file: "r.xlsx", sheet: "规则" });
    expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect([typed, r.rules.pay.lunchPerDay]).toEqual([typed, parseMoney(typed)]);
    expect([typed, r.rules.pay.lunchPerDay]).toEqual([typed, moneyCents(typed)]);
  }
});

test("column letters and back", () => {
  for (const [i, l] of [[0, "A"], [25, "Z"], [26, "AA"], [27, "AB"], [701, "ZZ"], [702, "AAA"], [16383, "XFD"]] as const) {
    expect(columnLetter(i)).toBe(l);
    expect(columnIndex(l)).toBe(i);
    expect(columnIndex(l.toLowerCase())).toBe(i);
  }
  expect(columnIndex("A1")).toBe(-1);
});
