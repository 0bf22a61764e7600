/**
 * Every rate rule of the rules sheet has a plausible range (range.ts, stated beside each rule):
 * a bare number outside it (`1` meant as 1%) is a located error and the rule keeps its default,
 * never a silent 100%. Plus the other hostile-input checks of the rules sheet.
 */
import type { Cell } from "../../../src/core/import/types";
import { tierProblems } from "../../../src/core/rules/commission";
import { defaultRules } from "../../../src/core/rules/defaults";
import { uselessPattern } from "../../../src/core/rules/attribution";
import { rulesFromRows, rulesToRows } from "../../../src/core/rules/sheet";
import type { Rules } from "../../../src/core/rules/types";

const where = { file: "规则.xlsx", sheet: "规则" };

function sheet(): Cell[][] {
  return rulesToRows(defaultRules()).map((r) => r.slice());
}

/** The default sheet with one cell changed: the `nth` row keyed `key`, column `col` (0-based). */
function withCell(key: string, value: Cell, col = 2, nth = 0): Cell[][] {
  const rows = sheet();
  const r = rows.filter((x) => x[1] === key)[nth];
  if (!r) throw new Error("no row " + key);
  r[col] = value;
  return rows;
}

const read = (rows: Cell[][]) => rulesFromRows(rows, where);
const errorsOf = (rows: Cell[][]) => read(rows).problems.filter((p) => p.severity === "error");
const warningsOf = (rows: Cell[][]) => read(rows).problems.filter((p) => p.severity === "warning");

type Get = (r: Rules) => unknown;
/** [key, column, nth row, getter, boundary cases: [cell, expected fraction or the error code]]. */
const RATE_RULES: [string, number, number, Get, [Cell, number | string][]][] = [
  ["commission.tier", 3, 1, (r) => r.commission.tiers[1].rate, [
    [0, 0], [0.01, 0.01], ["1%", 0.01], ["5%", 0.05], [0.05, 0.05], ["20%", 0.2],
    [1, "rules.rate.tooHigh"], ["100%", "rules.rate.tooHigh"], ["100.01%", "rules.rate.tooHigh"], [5, "rules.rate.tooHigh"], [0.21, "rules.rate.tooHigh"], ["-1%", "rules.value.negative"],
  ]],
  ["affiliate.tier", 3, 1, (r) => r.affiliate.tiers[1].rate, [
    [0, 0], ["10%", 0.1], [0.5, 0.5], [1, "rules.rate.tooHigh"], ["100%", "rules.rate.tooHigh"], [10, "rules.rate.tooHigh"],
  ]],
  ["commission.quarterlyRate", 2, 0, (r) => r.commission.quarterlyRate, [
    [0, 0], [0.01, 0.01], ["1%", 0.01], [1, "rules.rate.tooHigh"], ["100%", "rules.rate.tooHigh"], ["100.01%", "rules.rate.tooHigh"],
  ]],
  ["commission.maxRate", 2, 0, (r) => r.commission.maxRate, [
    ["", null as unknown as number], ["50%", 0.5], [0.01, 0.01], [1, "rules.rate.tooHigh"], ["100%", "rules.rate.tooHigh"],
  ]],
  ["pay.yearEndRate", 2, 0, (r) => r.pay.yearEndRate, [
    [0, 0], ["1%", 0.01], [0.01, 0.01], [1, "rules.rate.tooHigh"], ["100%", "rules.rate.tooHigh"],
  ]],
  // 100% of the target is a legitimate bar; 5000% is a `50` meant as 50%.
  ["pay.performanceRatio", 2, 0, (r) => r.pay.performanceRatio, [
    [0, 0], ["50%", 0.5], [0.5, 0.5], [1, 1], ["100%", 1], ["100.01%", 1.0001], ["200%", 2], [50, "rules.rate.tooHigh"], [5, "rules.rate.tooHigh"],
  ]],
  ["affiliate.cap", 2, 0, (r) => r.affiliate.cap, [
    [0, 0], ["50%", 0.5], [0.9, 0.9], [1, "rules.rate.tooHigh"], ["100%", "rules.rate.tooHigh"], [50, "rules.rate.tooHigh"],
  ]],
  // Both 0% and 100% are real exchange-postage policies.
  ["returnShipping.exchangeShare", 2, 0, (r) => r.returnShipping.exchangeShare, [
    [0, 0], ["50%", 0.5], [1, 1], ["100%", 1], ["100.01%", "rules.rate.tooHigh"], [50, "rules.rate.tooHigh"],
  ]],
  // Conversion cannot pass 100%: 100% is the strictest target, 4000% a `40` meant as 40%.
  ["kpi.conversion", 3, 0, (r) => r.kpi.find((k) => k.metric === "conversion")!.target, [
    [0.4, 0.4], ["40%", 0.4], [1, 1], ["100%", 1], ["100.01%", "rules.rate.tooHigh"], [40, "rules.rate.tooHigh"],
  ]],
  ["kpi.refundRate", 3, 0, (r) => r.kpi.find((k) => k.metric === "refundRate")!.target, [
    [0.05, 0.05], ["5%", 0.05], [5, "rules.rate.tooHigh"], [1, "rules.rate.tooHigh"], ["100%", "rules.rate.tooHigh"],
  ]],
  ["kpi.collected", 2, 0, (r) => r.kpi.find((k) => k.metric === "collected")!.weight, [
    [0, 0], [40, 40], [100, 100], [101, "rules.rate.tooHigh"], [-1, "rules.value.negative"],
    // points of 100: "40%" is 40 points, not 0.4
    ["40%", 40], ["40 %", 40], ["101%", "rules.rate.tooHigh"],
  ]],
  ["kpi.aov", 5, 0, (r) => r.kpi.find((k) => k.metric === "aov")!.cap, [
    [1, 1], [1.2, 1.2], ["120%", 1.2], [5, 5], [120, "rules.rate.tooHigh"], [0, "rules.rate.tooLow"],
  ]],
];

describe("plausible ranges of rate rules", () => {
  const cases = RATE_RULES.flatMap(([key, col, nth, get, table]) => table.map(([cell, want]) => [key, cell, want, col, nth, get] as const));
  it.each(cases)("%s = %p → %p", (key, cell, want, col, nth, get) => {
    const rows = withCell(key, cell, col, nth);
    const { rules, problems } = read(rows);
    const errors = problems.filter((p) => p.severity === "error");
    if (typeof want === "string") {
      expect(errors).toHaveLength(1);
      const e = errors[0];
      expect(e.code).toBe(want);
      expect([e.file, e.sheet, e.row]).toEqual(["规则.xlsx", "规则", rows.filter((x) => x[1] === key).map((x) => rows.indexOf(x) + 1)[nth]]);
      expect(e.column).toMatch(/^[A-Z] /);
      expect(e.value).toBe(String(cell));
      expect(e.zh).toMatch(/合理范围 \S+–\S+/);
      expect(e.en).toMatch(/plausible range (is )?\S+–\S+/);
      if (!key.startsWith("kpi.collected")) expect(e.en).toContain(key.startsWith("kpi.aov") ? "plausible range 1%–500%" : "write 1% or 0.01 for one percent");
      // The rule keeps its default: never the misread value.
      expect(get(rules)).toEqual(get(defaultRules()));
    } else {
      expect(errors).toEqual([]);
      if (want === null) expect(get(rules)).toBeNull();
      else expect(get(rules)).toBeCloseTo(want as number, 10);
    }
  });

  it("the defaults pass every check, and the tool's own sheet reads back without any problem", () => {
    const { rules, problems } = read(sheet());
    expect(problems).toEqual([]);
    expect(rules).toEqual(defaultRules());
    expect(tierProblems(defaultRules().commission.tiers)).toEqual([]);
  });
});

describe("open-ended KPI targets (seconds, counts)", () => {
  // Before: "比例不能为负，合理范围 0%–Infinity%（1% 请写 1% 或 0.01）" for a response time of -5 seconds.
  it.each([
    [-5, "rules.value.negative", "数值不能为负，合理范围 ≥ 0", "the value cannot be negative; the plausible range is ≥ 0"],
    ["30%", "rules.value.percent", "不是百分比：30% 请写 30", "not a percentage: write 30% as 30"],
    ["30秒", "rules.value.invalid", "应为 ≥ 0 的数", "expected a number from ≥ 0"],
  ] as [Cell, string, string, string][])("response-time target %p → %s, said as a number", (cell, code, zh, en) => {
    const errs = errorsOf(withCell("kpi.avgResponseSec", cell, 3));
    expect(errs.map((e) => e.code)).toEqual([code]);
    expect(errs[0].zh).toContain(zh);
    expect(errs[0].en).toContain(en);
    expect(`${errs[0].zh} ${errs[0].en}`).not.toMatch(/Infinity|比例|rate|1%/);
  });
  it("a target of 0 or 90 seconds reads as it is", () => {
    expect(errorsOf(withCell("kpi.avgResponseSec", 0, 3))).toEqual([]);
    expect(read(withCell("kpi.avgResponseSec", "90", 3)).rules.kpi.find((k) => k.metric === "avgResponseSec")!.target).toBe(90);
  });
});

describe("falling tier rates", () => {
  it("warns (not refuses) when a higher tier pays less, on that tier's rate cell", () => {
    const rows = withCell("commission.tier", "0.5%", 3, 2); // 50,000 → 0.5%, below 1%
    const { rules, problems } = read(rows);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    const w = problems.filter((p) => p.code === "rules.tiers.falling");
    expect(w).toHaveLength(1);
    expect([w[0].severity, w[0].column, w[0].value]).toEqual(["warning", "D 比例 Rate", "0.5%"]);
    expect(rules.commission.tiers[2].rate).toBe(0.005);
  });
  it.each([
    ["ascending", [0, 0.01, 0.02], 0],
    ["equal", [0, 0.01, 0.01], 0],
    ["one fall", [0, 0.02, 0.01], 1],
  ] as [string, number[], number][])("%s", (_n, rates, n) => {
    const tiers = rates.map((rate, i) => ({ from: i * 100, rate }));
    expect(tierProblems(tiers).filter((p) => p.code === "rules.tiers.falling")).toHaveLength(n);
  });
});

describe("【列名】 onto another field's own header", () => {
  const withColumn = (cells: Cell[]) => sheet().concat([["", "column", ...cells]]);
  it.each([
    ["paid → the refund column", ["订单", "实付金额", "退款金额"], "rules.column.duplicate"],
    ["paidAt → the created-time column", ["订单", "付款时间", "创建时间"], "rules.column.duplicate"],
    ["paid → an unknown header", ["订单", "实付金额", "实收款"], null],
    ["paid → its own alias", ["订单", "实付金额", "买家实际支付金额"], null],
  ] as [string, Cell[], string | null][])("%s", (_n, cells, code) => {
    const rows = withColumn(cells);
    const errs = errorsOf(rows);
    if (code === null) {
      expect(errs).toEqual([]);
      return;
    }
    expect(errs).toHaveLength(1);
    expect([errs[0].code, errs[0].row, errs[0].column, errs[0].value]).toEqual([code, rows.length, "E 文件中的列名 Header", cells[2]]);
    expect(errs[0].zh).toContain(String(cells[2]));
  });
});

describe("attribution.pattern that can credit nobody", () => {
  it.each([
    ["()", "rules.pattern.empty"],
    [".*", "rules.pattern.empty"],
    ["a*", "rules.pattern.empty"],
    ["(KF\\d+)?", "rules.pattern.empty"],
    ["(\\d{20})", "rules.pattern.noCode"],
    ["#(X\\d)", "rules.pattern.noCode"],
    ["(KF\\d+)", null],
    ["#(KF\\d+)", null],
    ["工号(\\d+)", null],
    ["(?:工号)(?<code>\\d+)号", null],
    ["KF\\d\\d", null],
  ] as [string, string | null][])("%s → %p", (pattern, code) => {
    const rows = withCell("attribution.pattern", pattern);
    const errs = errorsOf(rows);
    expect(errs.map((e) => e.code)).toEqual(code === null ? [] : [code]);
    if (code) {
      expect([errs[0].column, errs[0].value]).toEqual(["C 值 Value", pattern]);
      expect(read(rows).rules.attribution.pattern).toBeNull();
    }
  });
  it("tries the roster's codes when given", () => {
    expect(uselessPattern("(A\\d{3})", ["A001"])).toBeNull();
    expect(uselessPattern("(A\\d{3})")?.code).toBe("rules.pattern.noCode");
  });
});

describe("rules left out, zero targets, zero weights", () => {
  it("a deleted row keeps its default and is listed once, as info", () => {
    const rows = sheet().filter((r) => r[1] !== "pay.base");
    const { rules, problems } = read(rows);
    expect(rules.pay.base).toBe(160000);
    expect(problems.map((p) => [p.severity, p.code])).toEqual([["info", "rules.key.defaulted"]]);
    expect(problems[0].zh).toContain("pay.base（底薪 1600）");
    expect(problems[0].en).toContain("pay.base = 1600");
  });
  it("a deleted table (the commission tiers) is listed too", () => {
    const { problems } = read(sheet().filter((r) => r[1] !== "commission.tier"));
    expect(problems[0].value).toBe("commission.tier");
  });
  it.each([
    ["pay.defaultTarget = 0", withCell("pay.defaultTarget", 0), "rules.pay.zeroTarget"],
    ["KPI collected target 0", withCell("kpi.collected", 0, 3), "rules.kpi.zeroTarget"],
    ["KPI refund-rate target 0 (lower is better: fine)", withCell("kpi.refundRate", 0, 3), null],
    ["pay.positionThreshold = 0", withCell("pay.positionThreshold", 0), "rules.pay.zeroThreshold"],
    ["pay.performanceRatio = 0%", withCell("pay.performanceRatio", "0%"), "rules.pay.zeroThreshold"],
    ["pay.positionThreshold = 0 with no allowance (pays nothing)", (() => { const r = withCell("pay.positionThreshold", 0); r[r.findIndex((x) => x[1] === "pay.positionAllowance")][2] = 0; return r; })(), null],
    ["pay.positionThreshold = 0.01 (one cent: a bar)", withCell("pay.positionThreshold", 0.01), null],
  ] as [string, Cell[][], string | null][])("%s", (_n, rows, code) => {
    expect(errorsOf(rows)).toEqual([]);
    expect(warningsOf(rows).map((w) => w.code)).toEqual(code === null ? [] : [code]);
  });
  it.each([
    // weights as typed (collected, conversion, aov, response, refund rate), the warned weight or null
    ["the handbook's 40 / 25 / 10 / 15 / 10", [40, 25, 10, 15, 10], null],
    ["the same as percentages", ["40%", "25%", "10%", "15%", "10%"], null],
    ["collected raised to 50, nothing lowered (the board says 达标即 110)", [50, 25, 10, 15, 10], null],
    ["all as fractions (one scale)", [0.4, 0.25, 0.1, 0.15, 0.1], null],
    ["one weight typed as a fraction beside points", [40, 25, 0.1, 15, 10], 2],
  ] as [string, Cell[], number | null][])("KPI weights %s", (_n, weights, nth) => {
    const rows = sheet();
    const kpiRows = rows.filter((r) => String(r[1]).startsWith("kpi."));
    kpiRows.forEach((r, i) => (r[2] = weights[i]));
    expect(errorsOf(rows)).toEqual([]);
    const w = warningsOf(rows);
    if (nth === null) expect(w).toEqual([]);
    else {
      expect(w.map((x) => [x.code, x.row, x.column, x.value])).toEqual([["rules.kpi.weightScale", rows.indexOf(kpiRows[nth]) + 1, "C 权重 Weight", "0.1"]]);
      expect(w[0].zh).toContain("请写 10 或 10%");
      expect(w[0].en).toContain("write 10 or 10%");
    }
  });
  it.each([
    // KPI rows deleted, the info's value (null: none)
    ["none", [], null],
    ["客单价", ["kpi.aov"], "kpi.aov"],
    ["客单价 and 退款率", ["kpi.aov", "kpi.refundRate"], "kpi.aov, kpi.refundRate"],
  ] as [string, string[], string | null][])("KPI rows deleted: %s", (_n, keys, value) => {
    const rows = sheet().filter((r) => !keys.includes(String(r[1])));
    const { rules, problems } = read(rows);
    expect(rules.kpi.map((k) => `kpi.${k.metric}`).filter((k) => keys.includes(k))).toEqual([]);
    const info = problems.filter((p) => p.code === "rules.kpi.left_out");
    if (value === null) expect(info).toEqual([]);
    else {
      expect(info.map((p) => [p.severity, p.value, p.row])).toEqual([["info", value, rows.findIndex((r) => String(r[1]).startsWith("kpi.")) + 1]]);
      expect(info[0].zh).toContain("不计入 KPI 得分");
      expect(info[0].zh).toContain("（kpi.aov，手册权重 10）");
    }
  });
  it.each([
    // what the manager did, the warned row's key / column (null: no warning), the orders needed
    ["tiers by count, the amount tiers left as they were", (r: Cell[][]) => r, "commission.tier", "20000 单"],
    ["tiers by count, the tier rows deleted", (r: Cell[][]) => r.filter((x) => x[1] !== "commission.tier"), "commission.basis", "2000000 单"],
    ["tiers by count with counts written", (r: Cell[][]) => {
      r.filter((x) => x[1] === "commission.tier").forEach((x, i) => (x[2] = [0, 100, 200, 300, 400][i]));
      return r;
    }, null, ""],
  ] as [string, (r: Cell[][]) => Cell[][], string | null, string][])("%s", (_n, edit, key, needed) => {
    const rows = edit(withCell("commission.basis", "订单数"));
    expect(errorsOf(rows)).toEqual([]);
    const w = warningsOf(rows).filter((p) => p.code === "rules.tiers.basis");
    if (key === null) expect(w).toEqual([]);
    else {
      expect(w).toHaveLength(1);
      expect(w[0].row).toBe(key === "commission.tier" ? rows.filter((x) => x[1] === key).map((x) => rows.indexOf(x) + 1)[1] : rows.findIndex((x) => x[1] === key) + 1);
      expect(w[0].zh).toContain("档位依据为订单数，但提成阶梯仍是手册的金额档位（20000 / 50000 / 80000 / 100000 元");
      expect(w[0].zh).toContain(`需要 ${needed}才有提成`);
    }
  });
  it("all-zero KPI weights: one warning", () => {
    const rows = sheet();
    for (const r of rows) if (String(r[1]).startsWith("kpi.")) r[2] = 0;
    expect(warningsOf(rows).map((w) => w.code)).toEqual(["rules.kpi.zeroWeights"]);
  });
});

describe("开除起始次数 (dismissal from) on a fine row", () => {
  it.each([
    // typed, dismissalFrom read or the error code
    [3, 3],
    ["3", 3],
    ["", null],
    [1, 1],
    [0, "rules.value.invalid"],
    ["第3次", "rules.value.invalid"],
    [-2, "rules.value.negative"],
    [2.5, "rules.value.invalid"],
  ] as [Cell, number | string | null][])("%p → %p", (typed, want) => {
    const rows = withCell("fine.leak", typed, 4);
    const { rules, problems } = read(rows);
    const errors = problems.filter((p) => p.severity === "error");
    if (typeof want === "string") {
      expect(errors.map((e) => [e.code, e.column, e.value])).toEqual([[want, "E 开除起始次数 Dismissal from", String(typed)]]);
      expect(errors[0].zh).toContain("应为 ≥1 的整数");
      expect(errors[0].en).toContain("a whole number ≥ 1");
    } else {
      expect(errors).toEqual([]);
      expect(rules.fines.leak.dismissalFrom).toBe(want);
    }
  });
});
