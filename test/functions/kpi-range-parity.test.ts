/**
 * One rule, one check for the KPI weight and cap: KEFU.SCORE takes a cell exactly when the rules
 * sheet (规则's KPI row) takes the same cell, reads it to the same number, and refuses it for the
 * same reason (core range.ts: KPI_WEIGHT_RANGE, KPI_CAP_RANGE). Before, SCORE read any number ≥ 0:
 * a cap typed 120 (meant as 120%) credited up to 120 × the weight, a cap of 0 was silently 1, a
 * weight of 250 went through, which the rules sheet refuses; and "40%" was 0.4 points where the
 * sheet reads 40 (a weight is points of 100, so a percentage of the score is as many points).
 */
import type { Cell } from "../../src/core/import/types";
import { defaultRules, rulesFromRows, rulesToRows } from "../../src/core";
import * as K from "../../src/functions/impl";
import { FnError } from "../../src/functions/values";

const where = { file: "规则.xlsx", sheet: "规则" };

/** The rules sheet's verdict on kpi.collected with column `col` (2 weight, 5 cap) set to `cell`. */
function sheet(col: number, cell: Cell): { value: number } | { code: string; zh: string; en: string } {
  const rows: Cell[][] = rulesToRows(defaultRules()).map((r) => r.slice());
  rows.find((r) => r[1] === "kpi.collected")![col] = cell;
  const { rules, problems } = rulesFromRows(rows, where);
  const e = problems.find((p) => p.severity === "error");
  if (e) return { code: e.code, zh: e.zh, en: e.en };
  const k = rules.kpi.find((x) => x.metric === "collected")!;
  return { value: col === 2 ? k.weight : k.cap };
}

/** SCORE's verdict: the weight alone (actual = target → score = weight), or the cap (actual = 10 × target). */
function fn(which: "weight" | "cap", cell: Cell): { value: number } | FnError {
  const v = which === "weight" ? K.score([[1]], [[1]], [[cell]])[0][0] : K.score([[10]], [[1]], [[1]], undefined, [[cell]])[0][0];
  return v instanceof FnError ? v : { value: v as number };
}

describe("KEFU.SCORE's weight and cap = the rules sheet's KPI weight and cap", () => {
  test.each<["weight" | "cap", Cell, number | string]>([
    ["weight", 0, 0],
    ["weight", 40, 40],
    ["weight", "40", 40],
    ["weight", "４０", 40],
    ["weight", 100, 100],
    ["weight", 100.5, "rules.rate.tooHigh"],
    ["weight", 250, "rules.rate.tooHigh"],
    ["weight", -1, "rules.value.negative"],
    ["weight", "40%", 40],
    ["weight", "40 %", 40],
    ["weight", "101%", "rules.rate.tooHigh"],
    ["cap", 1, 1],
    ["cap", 1.2, 1.2],
    ["cap", "120%", 1.2],
    ["cap", 5, 5],
    ["cap", 5.01, "rules.rate.tooHigh"],
    ["cap", 120, "rules.rate.tooHigh"],
    ["cap", 0, "rules.rate.tooLow"],
    ["cap", "0.5%", "rules.rate.tooLow"],
    ["cap", -1, "rules.value.negative"],
  ])("%s %p → %p on both paths", (which, cell, want) => {
    const s = sheet(which === "weight" ? 2 : 5, cell);
    const f = fn(which, cell);
    if (typeof want === "number") {
      expect(s).toEqual({ value: want });
      // weight × min(1, cap) for the weight; 1 × min(10, cap) for the cap: the number read, unchanged.
      expect(f).toEqual({ value: want });
      return;
    }
    expect(s).toMatchObject({ code: want });
    expect(f).toBeInstanceOf(FnError);
    const e = f as FnError;
    expect(e.code).toBe("#VALUE!");
    // The same reason, in both languages, after the argument and the value it was given.
    const { zh, en } = s as { zh: string; en: string };
    expect(e.zh).toBe(`${which === "weight" ? "权重" : "封顶倍数"} "${cell}"：${zh.replace(/^考核指标 回款：/, "")}`);
    expect(e.en).toBe(`${which} "${cell}": ${en.replace(/^KPI collected: /, "")}`);
  });

  test("an omitted cap is the handbook's 1.2", () => {
    expect(K.score([[100000]], [[50000]], [[40]], undefined, [[null]])).toEqual([[48]]);
  });
});
