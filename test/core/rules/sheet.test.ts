import type { Cell } from "../../../src/core/import/types";
import { KefuError } from "../../../src/core/problems";
import { defaultRules } from "../../../src/core/rules/defaults";
import { readRulesOrThrow, rulesFromRows, rulesToRows } from "../../../src/core/rules/sheet";

const where = { file: "规则.xlsx", sheet: "规则" };

/** The default sheet with the value cell of `key` (column C) replaced. */
function withValue(key: string, value: Cell, col = 2): Cell[][] {
  const rows: Cell[][] = rulesToRows(defaultRules()).map((r) => r.slice());
  const r = rows.find((x) => x[1] === key);
  if (!r) throw new Error("no row " + key);
  r[col] = value;
  return rows;
}

const errors = (rows: Cell[][]) => rulesFromRows(rows, where).problems.filter((p) => p.severity === "error");

describe("rules sheet round trip", () => {
  it("rulesFromRows(rulesToRows(defaultRules())) deep-equals defaultRules()", () => {
    const { rules, problems } = rulesFromRows(rulesToRows(defaultRules()), where);
    expect(problems).toEqual([]);
    expect(rules).toEqual(defaultRules());
  });

  it("round-trips a changed model too (marginal, count tiers, cap, three complaint amounts, only statuses)", () => {
    const r = defaultRules();
    r.commission = { ...r.commission, mode: "marginal", basis: "count", tiers: [{ from: 0, rate: 0 }, { from: 100, rate: 0.1 }, { from: 200, rate: 0.13 }, { from: 500, rate: 0.15 }], maxRate: 0.5 };
    r.fines.complaint.amounts = [5000, 10000, 15000];
    r.sales.onlyStatuses = ["交易成功"];
    r.sales.excludedStatuses = ["交易关闭", "买家已付款，等待卖家发货"];
    r.attribution = { mode: "last", pattern: "#(KF\\d+)", matchNames: false };
    r.shifts.night = { label: "夜班", start: 18 * 60, end: 26 * 60 + 30 };
    r.kpi = [{ metric: "lateCount", weight: 10, target: 1, reverse: true, cap: 1.5 }];
    const read = rulesFromRows(rulesToRows(r), where);
    expect(read.rules).toEqual(r);
    // The handbook's five metrics left out of the KPI table are said once, as info.
    expect(read.problems.map((p) => [p.severity, p.code, p.value])).toEqual([["info", "rules.kpi.left_out", "kpi.collected, kpi.conversion, kpi.aov, kpi.avgResponseSec, kpi.refundRate"]]);
  });

  it("has a header and Chinese section titles; shift times read 08:30", () => {
    const rows = rulesToRows(defaultRules());
    expect(rows[0].slice(0, 3)).toEqual(["项目 Item", "键 Key", "值 Value"]);
    expect(rows.find((r) => r[1] === "shifts.day.start")![2]).toBe("08:30");
    expect(rows.find((r) => r[1] === "shifts.night.end")![2]).toBe("01:00");
    expect(rows.filter((r) => r[1] === "commission.tier").map((r) => [r[2], r[3]])).toEqual([
      [0, "0%"],
      [20000, "1%"],
      [50000, "2%"],
      [80000, "2.5%"],
      [100000, "2.8%"],
    ]);
    expect(rows.find((r) => r[1] === "fine.complaint")!.slice(0, 7)).toEqual(["投诉", "fine.complaint", 50, 100, 3, "否", ""]);
    expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
  });

  it("reads a sheet with title rows above the header and a shifted layout (as written into a workbook)", () => {
    const rows: Cell[][] = [["规则 2026-10"], ["Rules · 修改后重新生成"], ...rulesToRows(defaultRules()).map((r) => [null, ...r])];
    expect(rulesFromRows(rows, where)).toEqual({ rules: defaultRules(), problems: [] });
  });
});

describe("accepted forms", () => {
  it.each([
    ["commission.quarterlyRate", "2%", (r: ReturnType<typeof defaultRules>) => r.commission.quarterlyRate, 0.02],
    ["commission.quarterlyRate", 0.02, (r: ReturnType<typeof defaultRules>) => r.commission.quarterlyRate, 0.02],
    ["commission.quarterlyRate", "0.02", (r: ReturnType<typeof defaultRules>) => r.commission.quarterlyRate, 0.02],
    ["commission.quarterlyRate", "２．５％", (r: ReturnType<typeof defaultRules>) => r.commission.quarterlyRate, 0.025],
    ["shifts.day.start", "09:00", (r: ReturnType<typeof defaultRules>) => r.shifts.day.start, 540],
    ["shifts.day.start", "9：00", (r: ReturnType<typeof defaultRules>) => r.shifts.day.start, 540],
    ["shifts.day.start", 0.375, (r: ReturnType<typeof defaultRules>) => r.shifts.day.start, 540], // Excel time fraction
    ["shifts.day.start", new Date(Date.UTC(1899, 11, 30, 9, 0)), (r: ReturnType<typeof defaultRules>) => r.shifts.day.start, 540],
    ["shifts.night.end", "02:00", (r: ReturnType<typeof defaultRules>) => r.shifts.night.end, 1560],
    ["sales.excludeShipping", "是", (r: ReturnType<typeof defaultRules>) => r.sales.excludeShipping, true],
    ["sales.excludeShipping", true, (r: ReturnType<typeof defaultRules>) => r.sales.excludeShipping, true],
    ["sales.excludeShipping", "FALSE", (r: ReturnType<typeof defaultRules>) => r.sales.excludeShipping, false],
    ["pay.base", "1,800", (r: ReturnType<typeof defaultRules>) => r.pay.base, 180000],
    ["pay.base", "¥1800.50", (r: ReturnType<typeof defaultRules>) => r.pay.base, 180050],
    ["pay.base", 1800, (r: ReturnType<typeof defaultRules>) => r.pay.base, 180000],
    ["commission.mode", "超额累进", (r: ReturnType<typeof defaultRules>) => r.commission.mode, "marginal"],
    ["commission.mode", "whole", (r: ReturnType<typeof defaultRules>) => r.commission.mode, "whole"],
    ["commission.maxRate", "50%", (r: ReturnType<typeof defaultRules>) => r.commission.maxRate, 0.5],
    ["sales.onlyStatuses", "交易成功；卖家已发货，等待买家确认", (r: ReturnType<typeof defaultRules>) => r.sales.onlyStatuses, ["交易成功", "卖家已发货，等待买家确认"]],
  ] as [string, Cell, (r: ReturnType<typeof defaultRules>) => unknown, unknown][])("%s = %p", (key, value, get, expected) => {
    const { rules, problems } = rulesFromRows(withValue(key, value), where);
    expect(problems).toEqual([]);
    expect(get(rules)).toEqual(expected);
  });

  it("a sheet that leaves keys out keeps the defaults", () => {
    const rows: Cell[][] = [["项目", "键 Key", "值"], ["底薪", "pay.base", 2000]];
    const { rules, problems } = rulesFromRows(rows, where);
    // Kept, but said once: the manager sees which rules the handbook supplied.
    expect(problems.map((p) => [p.severity, p.code])).toEqual([["info", "rules.key.defaulted"]]);
    expect(rules).toEqual({ ...defaultRules(), pay: { ...defaultRules().pay, base: 200000 } });
  });
});

describe("located bilingual errors", () => {
  it.each([
    ["an unknown key", withValue("pay.base", 1600).concat([["奖金", "pay.bonus", 5]]), "rules.key.unknown", "B 键 Key", "pay.bonus"],
    ["a negative amount", withValue("pay.base", -5), "rules.value.negative", "C 值 Value", "-5"],
    ["a negative rate", withValue("commission.quarterlyRate", "-1%"), "rules.value.negative", "C 值 Value", "-1%"],
    ["a rate above 100%", withValue("commission.quarterlyRate", 2), "rules.rate.tooHigh", "C 值 Value", "2"],
    ["a bad time", withValue("shifts.day.start", "8点半"), "rules.value.invalid", "C 值 Value", "8点半"],
    ["a bad yes/no", withValue("sales.excludeShipping", "也许"), "rules.value.invalid", "C 值 Value", "也许"],
    ["a bad pattern", withValue("attribution.pattern", "(KF"), "rules.pattern.invalid", "C 值 Value", "(KF"],
    ["a bad mode", withValue("commission.mode", "随便"), "rules.value.invalid", "C 值 Value", "随便"],
    ["a negative fine", withValue("fine.late", -10), "rules.value.negative", "C 第1次 1st", "-10"],
    ["a tier rate above 100%", withValue("commission.tier", "150%", 3), "rules.rate.tooHigh", "D 比例 Rate", "150%"],
    ["a first tier not at 0", withValue("commission.tier", 100), "rules.tiers.start", "C 下限 From", "100"],
  ] as [string, Cell[][], string, string, string][])("%s", (_name, rows, code, column, value) => {
    const errs = errors(rows);
    expect(errs).toHaveLength(1);
    const e = errs[0];
    expect([e.code, e.column, e.value, e.file, e.sheet]).toEqual([code, column, value, "规则.xlsx", "规则"]);
    expect(e.row).toBeGreaterThan(1);
    expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(e.en).toMatch(/[a-z]/);
    expect(() => readRulesOrThrow(rows, where)).toThrow(KefuError);
  });

  it("tiers out of order or overlapping, with the row of the offending tier", () => {
    const rows: Cell[][] = rulesToRows(defaultRules()).map((r) => r.slice());
    const tierRows = rows.map((r, i) => [r, i] as const).filter(([r]) => r[1] === "commission.tier");
    tierRows[2][0][2] = 10000; // 50,000 → 10,000: below the tier above
    const e1 = errors(rows);
    expect(e1.map((e) => [e.code, e.row])).toEqual([["rules.tiers.order", tierRows[2][1] + 1]]);
    tierRows[2][0][2] = 20000; // same as the tier above
    expect(errors(rows).map((e) => e.code)).toEqual(["rules.tiers.overlap"]);
    // invalid tiers leave the default table in place
    expect(rulesFromRows(rows, where).rules.commission.tiers).toEqual(defaultRules().commission.tiers);
  });

  it("a repeated key and a missing header", () => {
    const rows = withValue("pay.base", 1600).concat([["底薪", "pay.base", 1700]]);
    expect(errors(rows).map((e) => e.code)).toEqual(["rules.key.duplicate"]);
    expect(errors([["a", "b"], [1, 2]]).map((e) => e.code)).toEqual(["rules.header.missing"]);
  });

  it("readRulesOrThrow returns the rules when there is no error, with every error otherwise", () => {
    expect(readRulesOrThrow(rulesToRows(defaultRules()), where)).toEqual(defaultRules());
    const rows = withValue("pay.base", -1).concat([["x", "nope", 1]]);
    try {
      readRulesOrThrow(rows, where);
      throw new Error("did not throw");
    } catch (e) {
      expect(e).toBeInstanceOf(KefuError);
      expect((e as KefuError).problems.map((p) => p.code)).toEqual(["rules.value.negative", "rules.key.unknown"]);
      expect((e as KefuError).message).toContain("规则.xlsx");
    }
  });
});
