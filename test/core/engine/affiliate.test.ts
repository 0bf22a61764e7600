/**
 * 淘宝客 (affiliate) commission at every tier edge (99 / 100 / 199 / 200 / 499 / 500 confirmed
 * orders), the 50% cap, the base (unit price vs payment − shipping), what is not counted, and
 * the 淘宝客 sheet. Expected figures computed by hand from the handbook's defaults.
 */
import { buildMonth } from "../../../src/core/engine";
import { affiliateCommission } from "../../../src/core/reports/affiliate";
import { defaultRules } from "../../../src/core/rules/defaults";
import { rulesFromRows, rulesToRows } from "../../../src/core/rules/sheet";
import { buildWorkbookSpec } from "../../../src/core/sheets";
import type { AffiliateOrder } from "../../../src/core/model";
import { at, dataset, order } from "./build";

const OCT = { month: "2026-10" };
let row = 1;
function aff(who: string, i: number, p: Partial<AffiliateOrder> = {}): AffiliateOrder {
  return {
    orderId: "28731904623315" + String(i).padStart(5, "0"),
    affiliate: who,
    price: 10000,
    amount: 12000,
    status: "订单结算",
    settledAt: at(`2026-10-${String((i % 28) + 1).padStart(2, "0")}`, "12:00"),
    createdAt: at("2026-10-01", "09:00"),
    source: { file: "淘宝联盟.csv", sheet: "淘宝联盟", row: ++row },
    ...p,
  };
}
const many = (who: string, n: number, from = 0) => Array.from({ length: n }, (_v, i) => aff(who, from + i));

test.each([
  // orders, rate, commission (yuan): base 120 (payment 120 > unit price 100), per order rate × 120
  [99, 0, 0],
  [100, 0.1, 1200],
  [199, 0.1, 2388],
  [200, 0.13, 3120],
  [499, 0.13, 7784.4],
  [500, 0.15, 9000],
])("%i confirmed orders → rate %d, commission ¥%d", (n, rate, yuan) => {
  const r = buildMonth(dataset({ affiliates: many("小A", n) }), defaultRules(), OCT);
  expect(r.affiliates).toHaveLength(1);
  expect(r.affiliates![0]).toMatchObject({ affiliate: "小A", orders: n, rate, commission: Math.round(yuan * 100) });
});

test("the base is the larger of the unit price and (payment − shipping); the cap is 50% of the payment", () => {
  // 15%: price 90, paid 120, shipping 20 (from the orders export) → base max(90, 100) = 100 → 15.00
  expect(affiliateCommission({ price: 9000, amount: 12000 }, 2000, 0.15, 0.5)).toEqual({ base: 10000, commission: 1500, capped: false });
  // price 300, paid 20 (a deep coupon): base 300 → 45.00, capped at 50% of 20 = 10.00
  expect(affiliateCommission({ price: 30000, amount: 2000 }, 0, 0.15, 0.5)).toEqual({ base: 30000, commission: 1000, capped: true });
  // exactly at the cap is not "capped": 50% rate on base = payment
  expect(affiliateCommission({ price: null, amount: 2000 }, 0, 0.5, 0.5)).toEqual({ base: 2000, commission: 1000, capped: false });
  const shipped = buildMonth(dataset({ orders: [order({ id: "2873190462331500000", shipping: 2000, paid: 12000 })], affiliates: [...many("小A", 100)].map((o, i) => (i === 0 ? { ...o, price: 9000 } : o)) }), defaultRules(), OCT);
  expect(shipped.affiliates![0].lines[0]).toMatchObject({ orderId: "2873190462331500000", shipping: 2000, base: 10000, commission: 1000 });
});

test("not confirmed, settled in another month, or listed twice: not counted (reported)", () => {
  const list = [
    ...many("小B", 100),
    aff("小B", 500, { status: "订单付款" }),
    aff("小B", 501, { status: "订单失效" }),
    aff("小B", 502, { settledAt: at("2026-11-02") }),
    aff("小B", 0), // the first order again
  ];
  const r = buildMonth(dataset({ affiliates: list }), defaultRules(), OCT);
  expect(r.affiliates![0]).toMatchObject({ orders: 100, rate: 0.1, commission: 120000 });
  expect(r.problems.filter((p) => p.code.startsWith("affiliate.")).map((p) => [p.code, p.value])).toEqual(
    expect.arrayContaining([
      ["affiliate.not_counted", "3"],
      ["affiliate.order.duplicate", "2873190462331500000"],
    ]),
  );
});

test("the rules sheet's 【淘宝客】 block: tiers, cap and statuses, edited and read back", () => {
  const rows = rulesToRows(defaultRules());
  expect(rows.filter((r) => r[1] === "affiliate.tier").map((r) => [r[2], r[3]])).toEqual([
    [0, "0%"],
    [100, "10%"],
    [200, "13%"],
    [500, "15%"],
  ]);
  const edited = rows.map((r) => (r[1] === "affiliate.tier" && r[2] === 100 ? [r[0], r[1], 50, "8%", ...r.slice(4)] : r[1] === "affiliate.cap" ? [r[0], r[1], "40%", ...r.slice(3)] : r));
  const { rules, problems } = rulesFromRows(edited, { file: "规则.xlsx", sheet: "规则" });
  expect(problems).toEqual([]);
  expect(rules.affiliate.tiers[1]).toEqual({ from: 50, rate: 0.08 });
  expect(rules.affiliate.cap).toBe(0.4);
  const r = buildMonth(dataset({ affiliates: many("小C", 60) }), rules, OCT);
  expect(r.affiliates![0]).toMatchObject({ orders: 60, rate: 0.08, commission: Math.round(60 * 12000 * 0.08) });
});

test("the 淘宝客 sheet: the orders behind each line, and each affiliate's total; absent without the export", () => {
  const r = buildMonth(dataset({ affiliates: [...many("小A", 100), ...many("小B", 2, 200)] }), defaultRules(), OCT);
  const sheet = buildWorkbookSpec(r).sheets.find((s) => s.key === "affiliate")!;
  expect(sheet.name).toBe("淘宝客");
  expect(sheet.rows).toHaveLength(102);
  expect(sheet.blocks[0].rows.map((x) => [x[0], x[1], x[7], x[8]])).toEqual([
    ["小A", "100 单 orders", 0.1, 1200],
    ["小B", "2 单 orders", 0, 0],
  ]);
  expect(buildWorkbookSpec(buildMonth(dataset({}), defaultRules(), OCT)).sheets.some((s) => s.key === "affiliate")).toBe(false);
});
