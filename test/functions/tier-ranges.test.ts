/**
 * KEFU.COMMISSION / KEFU.TIERRATE take the rules sheet's tier rule (core tierProblems) and its
 * commission-tier range: a `1` meant as 1% is a #VALUE! with the range and how to write 1%.
 */
import * as K from "../../src/functions/impl";
import { FnError } from "../../src/functions/values";

const first = (out: unknown[][]) => out[0][0];

describe("tier rates in formulas", () => {
  it.each([
    [0, 0],
    [0.01, 300],
    ["1%", 300],
    ["5%", 1500],
    [0.05, 1500],
    ["20%", 6000],
    [1, "超出合理范围 0%–20%"],
    ["100%", "超出合理范围 0%–20%"],
    ["100.01%", "超出合理范围 0%–20%"],
    [5, "超出合理范围 0%–20%"],
    ["-1%", "不能为负"],
  ] as [number | string, number | string][])("tier 2 rate %p → %p", (rate, want) => {
    const tiers = [[0, 0], [20000, rate]];
    for (const out of [K.commission(30000, tiers), K.tierRate(30000, tiers)]) {
      const v = first(out);
      if (typeof want === "string") {
        expect(v).toBeInstanceOf(FnError);
        const e = v as FnError;
        expect(e.zh).toContain(want);
        expect(e.zh).toContain("第 2 行");
        if (want.startsWith("超出")) expect(e.en).toContain("write 1% or 0.01 for one percent");
      } else expect(v).not.toBeInstanceOf(FnError);
    }
    if (typeof want === "number") expect(first(K.commission(30000, tiers))).toBeCloseTo(want, 6);
  });

  it("falling rates are allowed in a formula (a warning has no place there)", () => {
    expect(first(K.commission(60000, [[0, 0], [20000, 0.02], [50000, 0.01]]))).toBeCloseTo(600, 6);
  });

  it.each([
    ["a blank rate", [[0, 0], [20000, NaN]], "阶梯比例为空"],
    ["a blank bound", [[0, 0], [NaN, 0.01]], "阶梯下限为空"],
  ] as [string, unknown[][], string][])("%s says 空 / empty, never NaN", (_n, tiers, zh) => {
    const e = first(K.commission(30000, tiers)) as FnError;
    expect(e).toBeInstanceOf(FnError);
    expect(e.zh).toContain(zh);
    expect(e.en).toContain("is empty");
    expect(e.message).not.toMatch(/NaN|Infinity/);
  });
});

describe("比例上限 (maxRate) in formulas = the rules sheet's commission.maxRate", () => {
  // 120,000 yuan reaches 2.8%; a cap of 2% pays 2,400 whole, and the marginal slices above 80,000 at 2%.
  it.each([
    [undefined, 3360, 0.028, 1960],
    [null, 3360, 0.028, 1960],
    ["", 3360, 0.028, 1960],
    ["2%", 2400, 0.02, 1700], // 300 + 600 + 20,000 × 2% + 20,000 × 2%
    [0.02, 2400, 0.02, 1700],
    ["50%", 3360, 0.028, 1960],
  ] as [unknown, number, number, number][])("maxRate %p → whole %p, rate %p, marginal %p", (cap, whole, rate, marginal) => {
    const arg = cap === undefined ? undefined : [[cap]];
    expect(first(K.commission([[120000]], undefined, undefined, arg))).toBe(whole);
    expect(first(K.tierRate([[120000]], undefined, arg))).toBe(rate);
    expect(first(K.commission([[120000]], undefined, "超额", arg))).toBe(marginal);
  });
  it.each([
    [1, "超出合理范围 0%–50%"],
    ["100%", "超出合理范围 0%–50%"],
    [2, "超出合理范围 0%–50%"],
    [-0.01, "不能为负"],
    ["abc", "不是数字"],
  ] as [unknown, string][])("maxRate %p → #VALUE! (%s), as the rules sheet refuses it", (cap, zh) => {
    for (const out of [K.commission([[120000]], undefined, undefined, [[cap]]), K.tierRate([[120000]], undefined, [[cap]])]) {
      const e = first(out) as FnError;
      expect(e).toBeInstanceOf(FnError);
      expect(e.zh).toContain("比例上限");
      expect(e.zh).toContain(zh);
    }
  });
});

describe("KEFU.ORDERID on something that is not a cell value", () => {
  it.each([[{}], [[[{}]]]])("%p → #VALUE!, no throw", (v) => {
    const out = K.orderId(v);
    expect(first(out)).toBeInstanceOf(FnError);
    expect((first(out) as FnError).en).toContain("not an order id");
  });
});
