import { commissionFor, quarterlyCommission, tierRate } from "../../../src/core/rules/commission";
import { defaultRules } from "../../../src/core/rules/defaults";
import { mulRate } from "../../../src/core/rules/money";
import type { CommissionRules } from "../../../src/core/rules/types";

const c = defaultRules().commission;
const marginal: CommissionRules = { ...c, mode: "marginal" };

describe("tierRate / commissionFor (default tiers, whole amount 全额)", () => {
  it.each([
    [0, 0, 0],
    [1999999, 0, 0],
    [2000000, 0.01, 20000],
    [4999999, 0.01, 50000], // 49,999.99 × 1% = 499.9999 → 500.00
    [5000000, 0.02, 100000],
    [7999999, 0.02, 160000], // 79,999.99 × 2% = 1,599.9998 → 1,600.00
    [8000000, 0.025, 200000],
    [9999999, 0.025, 250000], // 99,999.99 × 2.5% = 2,499.99975 → 2,500.00
    [10000000, 0.028, 280000],
    [1999999 + 3, 0.01, 20000], // 20,000.02 × 1% = 200.0002 → 200.00
  ])("collected %i cents → rate %d, commission %i cents", (collected, rate, commission) => {
    expect(tierRate(collected, c.tiers)).toBe(rate);
    expect(commissionFor(collected, 0, c)).toEqual({ rate, commission });
  });
});

describe("marginal (超额累进)", () => {
  it.each([
    [1999999, 0, 0],
    [2000000, 0.01, 0],
    [4999999, 0.01, 30000], // (49,999.99 − 20,000) × 1% = 299.9999 → 300.00
    [5000000, 0.02, 30000],
    [7999999, 0.02, 90000], // 300 + 29,999.99 × 2% = 899.9998 → 900.00
    [8000000, 0.025, 90000],
    [9999999, 0.025, 140000], // 900 + 19,999.99 × 2.5% = 1,399.99975 → 1,400.00
    [10000000, 0.028, 140000],
    [20000000, 0.028, 420000], // 1,400 + 100,000 × 2.8%
  ])("collected %i → rate %d, commission %i", (collected, rate, commission) => {
    expect(commissionFor(collected, 0, marginal)).toEqual({ rate, commission });
  });
});

describe("tiers by order count with a 50% cap (affiliate shape)", () => {
  const byCount: CommissionRules = {
    ...c,
    basis: "count",
    tiers: [
      { from: 0, rate: 0 },
      { from: 100, rate: 0.1 },
      { from: 200, rate: 0.13 },
      { from: 500, rate: 0.6 },
    ],
    maxRate: 0.5,
  };
  it.each([
    [99, 0, 0],
    [100, 0.1, 10000],
    [199, 0.1, 10000],
    [200, 0.13, 13000],
    [499, 0.13, 13000],
    [500, 0.5, 50000], // 60% capped at 50%
  ])("%i orders → rate %d on 1,000 yuan", (count, rate, commission) => {
    expect(commissionFor(100000, count, byCount)).toEqual({ rate, commission });
  });
  it("marginal by count weighs the slices by orders", () => {
    // 200 orders: 100 at 0, 100 at 10% → average 5% of 1,000 yuan = 50 yuan
    expect(commissionFor(100000, 200, { ...byCount, mode: "marginal" })).toEqual({ rate: 0.13, commission: 5000 });
    expect(commissionFor(100000, 0, { ...byCount, mode: "marginal" })).toEqual({ rate: 0, commission: 0 });
  });
});

describe("rounding and odd input", () => {
  it("rounds half up to the cent without float drift", () => {
    expect(mulRate(1999999, 0.025)).toBe(50000); // 49,999.975
    expect(mulRate(150, 0.01)).toBe(2); // 1.5 cents → 2
    expect(mulRate(149, 0.01)).toBe(1);
    expect(mulRate(-150, 0.01)).toBe(-2);
  });
  it("negative collected earns nothing; unsorted tiers still work", () => {
    expect(commissionFor(-500, 0, c)).toEqual({ rate: 0, commission: 0 });
    const shuffled = { ...marginal, tiers: [...c.tiers].reverse() };
    expect(commissionFor(9999999, 0, shuffled)).toEqual({ rate: 0.025, commission: 140000 });
    expect(tierRate(5, [])).toBe(0);
  });
  it("quarterly 1% from 60,000", () => {
    expect(quarterlyCommission(5999999, c)).toBe(0);
    expect(quarterlyCommission(6000000, c)).toBe(60000);
    expect(quarterlyCommission(6000050, c)).toBe(60001); // 600.0050 → 600.01
  });
});
