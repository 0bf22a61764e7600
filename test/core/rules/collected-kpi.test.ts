import { collectedOf, isCounted, StatusFilter } from "../../../src/core/rules/collected";
import { defaultRules } from "../../../src/core/rules/defaults";
import { aov, conversion, metricScore } from "../../../src/core/rules/kpi";

const s = defaultRules().sales;

describe("isCounted", () => {
  it.each([
    ["交易成功", true],
    ["卖家已发货，等待买家确认", true],
    ["买家已付款，等待卖家发货", true],
    ["交易关闭", false],
    ["等待买家付款", false],
    ["未付款", false],
    ["", true],
  ])("%p → %p", (status, counted) => {
    expect(isCounted(status, s)).toBe(counted);
    expect(new StatusFilter(s).counts(status)).toBe(counted);
  });
  it("onlyStatuses overrides", () => {
    const only = { ...s, onlyStatuses: ["交易成功"] };
    expect(isCounted("交易成功", only)).toBe(true);
    expect(isCounted("卖家已发货，等待买家确认", only)).toBe(false);
  });
  // The rules sheet's words are read as the export's statuses are (normaliseStatus): a half-width
  // comma or a space typed in 规则 matched nothing before, so 只计入 dropped shipped orders and
  // 不计入 kept paid ones — while KEFU.COLLECTED, normalising its list, counted them the other way.
  it.each<[string, "onlyStatuses" | "excludedStatuses", string, boolean]>([
    ["卖家已发货,等待买家确认", "onlyStatuses", "卖家已发货，等待买家确认", true],
    ["交易 成功", "onlyStatuses", "交易成功", true],
    ["买家已付款,等待卖家发货", "excludedStatuses", "买家已付款，等待卖家发货", false],
    ["买家已付款,等待卖家发货", "excludedStatuses", "交易成功", true],
  ])("rule word %p in %s: status %p → %p", (word, key, status, counted) => {
    const rule = { ...s, [key]: key === "excludedStatuses" ? [...s.excludedStatuses, word] : [word] };
    expect(isCounted(status, rule)).toBe(counted);
  });
});

describe("collectedOf", () => {
  it.each([
    [10000, 0, 800, false, 10000],
    [10000, 2500, 800, false, 7500],
    [10000, 10000, 800, false, 0],
    [10000, 12000, 0, false, 0], // never below 0
    [10000, 2500, 800, true, 6700],
    [500, 0, 800, true, 0],
  ])("paid %i refund %i shipping %i excl %p → %i", (paid, refund, ship, excl, out) => {
    expect(collectedOf(paid, refund, ship, { excludeShipping: excl })).toBe(out);
  });
});

describe("kpi", () => {
  it.each([
    [25000, 50000, 40, false, 1.2, 20],
    [50000, 50000, 40, false, 1.2, 40],
    [100000, 50000, 40, false, 1.2, 48], // capped at 120%
    [60, 30, 15, true, 1.2, 7.5],
    [30, 30, 15, true, 1.2, 15],
    [10, 30, 15, true, 1.2, 18],
    [0, 30, 15, true, 1.2, 18], // 0 on a reverse metric → cap
    [null, 30, 15, true, 1.2, 0],
    [null, 100, 40, false, 1.2, 0],
    [-5, 100, 40, false, 1.2, 0],
    [5, 0, 10, false, 1.2, 10],
  ])("score(%p, %p, %p, reverse %p, cap %p) = %p", (a, t, w, r, cap, out) => {
    expect(metricScore(a, t, w, r, cap)).toBeCloseTo(out, 10);
  });
  it("zero-safe ratios", () => {
    expect(conversion(12, 40)).toBe(0.3);
    expect(conversion(0, 0)).toBeNull();
    expect(conversion(3, -1)).toBeNull();
    expect(aov(30000, 4)).toBe(7500);
    expect(aov(30000, 0)).toBeNull();
    expect(aov(NaN, 3)).toBeNull();
  });
});
