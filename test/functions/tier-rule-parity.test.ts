/**
 * One tier rule, one set of mode words: the rules sheet (规则) and KEFU.COMMISSION / KEFU.TIERRATE
 * accept exactly the same mode words and refuse exactly the same tier tables, with the same
 * bilingual reason (core's COMMISSION_MODE_WORDS and tierProblems are the one home).
 */
import type { Cell } from "../../src/core/import/types";
import { COMMISSION_MODE_WORDS, commissionMode, defaultRules, rulesFromRows, rulesToRows, tierRate } from "../../src/core";
import * as K from "../../src/functions/impl";
import { FnError } from "../../src/functions/values";

const where = { file: "规则.xlsx", sheet: "规则" };

/** The default rules sheet with the mode cell set to `mode`. */
function sheetMode(mode: Cell): { mode: string; errors: string[] } {
  const rows: Cell[][] = rulesToRows(defaultRules()).map((r) => r.slice());
  rows.find((r) => r[1] === "commission.mode")![2] = mode;
  const { rules, problems } = rulesFromRows(rows, where);
  return { mode: rules.commission.mode, errors: problems.filter((p) => p.severity === "error").map((p) => p.code) };
}

/** The default rules sheet with its commission tiers replaced by `tiers` (yuan, rate). */
function sheetTiers(tiers: [Cell, Cell][]): { zh: string; en: string }[] {
  const rows: Cell[][] = rulesToRows(defaultRules()).map((r) => r.slice());
  const first = rows.findIndex((r) => r[1] === "commission.tier");
  const count = rows.filter((r) => r[1] === "commission.tier").length;
  const template = rows[first];
  const mine = tiers.map(([from, rate], i) => [`第${i + 1}档`, "commission.tier", from, rate, ...template.slice(4).map(() => "")]);
  rows.splice(first, count, ...mine);
  const { problems } = rulesFromRows(rows, where);
  return problems.filter((p) => p.severity === "error").map((p) => ({ zh: p.zh, en: p.en }));
}

const fnMode = (mode: unknown): string => {
  const v = K.commission([[100000]], undefined, mode)[0][0];
  return v instanceof FnError ? "error" : v === 2800 ? "whole" : v === 1400 ? "marginal" : `? ${String(v)}`;
};

describe("the rules sheet and the KEFU.* functions share one tier rule", () => {
  const words = [...COMMISSION_MODE_WORDS.whole, ...COMMISSION_MODE_WORDS.marginal];
  const variants = words.flatMap((w) => [w, ` ${w} `, w.toUpperCase()]);
  // Full-width letters are not folded (the 提成表's live formulas compare with TRIM and "=", which do not either).
  const others = ["累进", "随便", "wholes", "全", "3", "0", "marginal-ish", "ｗｈｏｌｅ", "１"];

  test.each(variants)("mode word %p: same mode on both paths", (w) => {
    const expected = commissionMode(w);
    expect(expected).not.toBeNull();
    expect(sheetMode(w)).toEqual({ mode: expected, errors: [] });
    expect(fnMode(w)).toBe(expected);
  });

  test.each(others)("unknown mode word %p: refused on both paths", (w) => {
    expect(commissionMode(w)).toBeNull();
    expect(sheetMode(w).errors).toEqual(["rules.value.invalid"]);
    expect(fnMode(w)).toBe("error");
  });

  test.each<[string, [Cell, Cell][], boolean]>([
    ["the handbook's tiers", [[0, 0], [20000, "1%"], [50000, "2%"], [80000, "2.5%"], [100000, "2.8%"]], true],
    ["a single tier at 0", [[0, "3%"]], true],
    ["a first tier not at 0", [[5000, 0.1]], false],
    ["a first tier not at 0, then more", [[100, 0], [20000, 0.01]], false],
    ["out of order", [[0, 0], [50000, 0.02], [20000, 0.01]], false],
    ["a repeated bound", [[0, 0], [20000, 0.01], [20000, 0.02]], false],
    ["a rate above 100%", [[0, 0], [20000, "150%"]], false],
    ["a negative bound", [[0, 0], [-1, 0.01]], false],
    ["a text rate", [[0, 0], [20000, "abc"]], false],
    ["full-width percent text", [[0, 0], [20000, "２．５％"]], true],
    ["a rate with spaces", [[0, 0], [20000, " 2.5 % "]], true],
    ["a rate in yuan", [[0, 0], [20000, "¥0.02"]], false],
  ])("%s: both accept or both refuse", (_name, tiers, good) => {
    const sheet = sheetTiers(tiers);
    const fn = K.tierRate([[30000]], tiers)[0][0];
    expect(sheet.length === 0).toBe(good);
    expect(!(fn instanceof FnError)).toBe(good);
    if (good) {
      // The same rate read on both paths (core rateFraction): the sheet's tier at 30,000 yuan is the function's.
      const rows: Cell[][] = rulesToRows(defaultRules()).map((r) => r.slice());
      const first = rows.findIndex((r) => r[1] === "commission.tier");
      const count = rows.filter((r) => r[1] === "commission.tier").length;
      rows.splice(first, count, ...tiers.map(([from, rate], i) => [`第${i + 1}档`, "commission.tier", from, rate]));
      const read = rulesFromRows(rows, where).rules.commission.tiers;
      expect(fn).toBe(tierRate(3_000_000, read));
    }
  });

  test.each<[string, [Cell, Cell][], string, string]>([
    ["a first tier not at 0", [[5000, 0.1]], "第一档的下限须为 0", "the first tier must start at 0"],
    ["out of order", [[0, 0], [50000, 0.02], [20000, 0.01]], "下限须比上一档大", "lower bounds must ascend"],
    ["a repeated bound", [[0, 0], [20000, 0.01], [20000, 0.02]], "档位重叠", "the tiers overlap"],
  ])("%s: the function's error value gives the rules sheet's reason", (_name, tiers, zh, en) => {
    const sheet = sheetTiers(tiers);
    expect(sheet).toHaveLength(1);
    expect(sheet[0].zh).toContain(zh);
    expect(sheet[0].en).toContain(en);
    for (const fn of [K.commission([[30000]], tiers)[0][0], K.tierRate([[30000]], tiers)[0][0]]) {
      expect(fn).toBeInstanceOf(FnError);
      expect((fn as FnError).code).toBe("#VALUE!");
      expect((fn as FnError).zh).toContain(zh);
      expect((fn as FnError).en).toContain(en);
    }
  });
});
