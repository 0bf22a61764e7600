/**
 * Several shops: a shop's build keeps its own orders (and its own sub-accounts' chat rows); the
 * group's build is every shop together. Property: over random orders split at random between
 * three shops, the group's collected, orders, refunds and unattributed amount — shop-wide and per
 * agent — equal the sum of the three shops' builds, to the cent.
 */
import fc from "fast-check";
import { buildMonth } from "../../../src/core/engine";
import { forShop, shopsOf } from "../../../src/core/shops";
import { KefuError } from "../../../src/core/problems";
import { defaultRules } from "../../../src/core/rules/defaults";
import type { Dataset } from "../../../src/core/model";
import { buildWorkbookSpec } from "../../../src/core/sheets";
import { agent, at, dataset, order, sales } from "./build";

const OCT = { month: "2026-10" };
const SHOPS = ["小店旗舰店", "小店专营店", "小店企业店"];
const roster = [agent("KF01", "王美", "小店旗舰店:小美", 2), agent("KF02", "李丽", "小店旗舰店:小丽", 3), agent("KF03", "赵涛", "", 4)];

interface Figures {
  collected: number;
  orders: number;
  unattributed: number;
  agents: Map<string, { collected: number; orders: number; refunds: number }>;
}
function figures(data: Dataset): Figures {
  const r = buildMonth(data, defaultRules(), OCT);
  const agents = new Map<string, { collected: number; orders: number; refunds: number }>();
  for (const p of r.performance) agents.set(p.agent.staffNo, { collected: p.collected, orders: p.orders, refunds: p.refunds });
  return { collected: r.shopCollected, orders: r.counted.length, unattributed: r.unattributed.reduce((s, o) => s + o.collected, 0), agents };
}

test("the group's totals equal the sum of the shops' to the cent, over random splits", () => {
  const orderArb = fc.record({
    shop: fc.integer({ min: 0, max: 2 }),
    code: fc.constantFrom("KF01", "KF02", "KF03", "王美", ""),
    paid: fc.integer({ min: 0, max: 5_000_000 }),
    refundShare: fc.integer({ min: 0, max: 100 }),
    day: fc.integer({ min: 1, max: 31 }),
    status: fc.constantFrom("交易成功", "卖家已发货，等待买家确认", "交易关闭", "等待买家付款"),
  });
  fc.assert(
    fc.property(fc.array(orderArb, { minLength: 1, maxLength: 60 }), (spec) => {
      const orders = spec.map((s, i) => {
        const paid = s.paid;
        return order({
          id: String(2873190462331520000 + i),
          shop: SHOPS[s.shop],
          note: s.code ? `客户 ${s.code} 定制` : "",
          paid,
          refund: Math.floor((paid * s.refundShare) / 100 / 3),
          status: s.status,
          paidAt: s.status === "等待买家付款" ? null : at(`2026-10-${String(s.day).padStart(2, "0")}`, "10:00"),
        });
      });
      const data = dataset({ roster, orders });
      const group = figures(data);
      const parts = shopsOf(data).map((s) => figures(forShop(data, s).data));
      expect(parts.reduce((a, p) => a + p.collected, 0)).toBe(group.collected);
      expect(parts.reduce((a, p) => a + p.orders, 0)).toBe(group.orders);
      expect(parts.reduce((a, p) => a + p.unattributed, 0)).toBe(group.unattributed);
      for (const [code, g] of group.agents) {
        const sum = (k: "collected" | "orders" | "refunds") => parts.reduce((a, p) => a + (p.agents.get(code)?.[k] ?? 0), 0);
        expect([code, sum("collected"), sum("orders"), sum("refunds")]).toEqual([code, g.collected, g.orders, g.refunds]);
      }
    }),
    { numRuns: 60, seed: 20261001 },
  );
});

test("a shop's build: its orders, and the chat rows of its own sub-accounts or of no known shop", () => {
  const data = dataset({
    roster,
    orders: [order({ id: "2873190462331520001", shop: "小店旗舰店", note: "KF01" }), order({ id: "2873190462331520002", shop: "小店专营店", note: "KF01" }), order({ id: "2873190462331520003", note: "KF02" })],
    sales: [sales("小店旗舰店:小美", "2026-10-05", { inquiries: 5 }), sales("小店专营店:小美", "2026-10-05", { inquiries: 7 }), sales("别家:小美", "2026-10-05", { inquiries: 1 }), sales("小美", "2026-10-05", { inquiries: 2 })],
  });
  expect(shopsOf(data)).toEqual(["小店专营店", "小店旗舰店"].sort());
  const one = forShop(data, " 小店专营店 ");
  expect(one.data.orders.map((o) => o.id)).toEqual(["2873190462331520002"]);
  expect(one.data.sales.map((s) => s.nick)).toEqual(["小店专营店:小美", "别家:小美", "小美"]);
  expect(one.problems.map((p) => [p.code, p.value])).toEqual([["input.shop.unnamed", "1"]]);
});

test("a shop's build keeps only its own orders shipped in the ERP and not on the platform", () => {
  const mismatch = (orderId: string, shop?: string) => ({
    orderId,
    erpStatus: "已发货",
    erpShippedAt: at("2026-10-04"),
    erp: { file: "erp.csv", sheet: "订单", row: 2 },
    platformStatus: "买家已付款，等待卖家发货",
    platform: { file: "tb.csv", sheet: "订单", row: 2 },
    ...(shop ? { shop } : {}),
  });
  const data = dataset({
    orders: [order({ id: "2873190462331520001", shop: "小店旗舰店" }), order({ id: "2873190462331520002", shop: "小店专营店" })],
    shipMismatches: [mismatch("2873190462331520001", "小店旗舰店"), mismatch("2873190462331520002", "小店专营店"), mismatch("2873190462331520003")],
  });
  expect(forShop(data, "小店专营店").data.shipMismatches!.map((m) => m.orderId)).toEqual(["2873190462331520002"]);
  expect(forShop(dataset({ orders: data.orders }), "小店专营店").data.shipMismatches).toBeUndefined();
});

test("a shop no order names is refused, naming the shops there are", () => {
  const data = dataset({ orders: [order({ id: "2873190462331520001", shop: "小店旗舰店" })] });
  expect(() => forShop(data, "隔壁店")).toThrow(KefuError);
  try {
    forShop(data, "隔壁店");
  } catch (e) {
    expect((e as KefuError).problems[0]).toMatchObject({ code: "input.shop.unknown", value: "隔壁店" });
    expect((e as KefuError).problems[0].zh).toContain("订单中的店铺：小店旗舰店");
  }
  expect(() => forShop(dataset({ orders: [order({ id: "2873190462331520001" })] }), "小店旗舰店")).toThrow(/no 店铺名称 column/);
});

test("店铺汇总: per day and shop, each shop's total and each agent's per shop; absent for one shop", () => {
  const orders = [
    order({ id: "2873190462331520001", shop: "小店旗舰店", note: "KF01", paid: 10000, paidAt: at("2026-10-03") }),
    order({ id: "2873190462331520002", shop: "小店专营店", note: "KF01", paid: 2500, refund: 500, paidAt: at("2026-10-03") }),
    order({ id: "2873190462331520003", shop: "小店专营店", note: "", paid: 700, paidAt: at("2026-10-04") }),
  ];
  const report = buildMonth(dataset({ roster, orders }), defaultRules(), OCT);
  const sheet = buildWorkbookSpec(report).sheets.find((s) => s.key === "shops")!;
  expect(sheet.name).toBe("店铺汇总");
  const [spec, flag] = ["小店专营店", "小店旗舰店"];
  expect(sheet.rows).toEqual(
    [
      [{ date: "2026-10-03" }, spec, 1, 20, 20, 0, 5],
      [{ date: "2026-10-03" }, flag, 1, 100, 100, 0, 0],
      [{ date: "2026-10-04" }, spec, 1, 7, 0, 7, 0],
    ].sort((a, b) => (a[0] as { date: string }).date.localeCompare((b[0] as { date: string }).date) || String(a[1]).localeCompare(String(b[1]))),
  );
  const totals = sheet.blocks[0].rows;
  expect(totals.reduce((s, r) => s + (r[3] as number) * 100, 0)).toBe(report.shopCollected);
  expect(sheet.blocks[1].rows.map((r) => [r[0], r[1], r[3]])).toEqual(expect.arrayContaining([["KF01", flag, 100], ["KF01", spec, 20]]));
  const one = buildMonth(dataset({ roster, orders: orders.slice(0, 1) }), defaultRules(), OCT);
  expect(buildWorkbookSpec(one).sheets.some((s) => s.key === "shops")).toBe(false);
});

test("绩效看板 gains 店铺 after 旺旺 for a group: the shops of each agent's credited orders; a one-shop month is unchanged", () => {
  const orders = [
    order({ id: "2873190462331520001", shop: "小店旗舰店", note: "KF01", paid: 10000, paidAt: at("2026-10-03") }),
    order({ id: "2873190462331520002", shop: "小店专营店", note: "KF01", paid: 2500, paidAt: at("2026-10-03") }),
    order({ id: "2873190462331520003", shop: "小店旗舰店", note: "KF02", paid: 700, paidAt: at("2026-10-04") }),
    order({ id: "2873190462331520004", shop: "小店专营店", note: "", paid: 900, paidAt: at("2026-10-04") }),
  ];
  const board = (os: typeof orders) => buildWorkbookSpec(buildMonth(dataset({ roster, orders: os }), defaultRules(), OCT)).sheets.find((s) => s.key === "performance")!;
  const group = board(orders);
  const keys = group.columns.map((c) => c.key);
  expect(keys.slice(0, 6)).toEqual(["rank", "agent", "name", "nick", "shops", "orders"]);
  expect(group.columns[4].header).toBe("店铺 Shops");
  const shopsOfAgent = new Map(group.rows.map((r) => [r[1], r[4]]));
  expect(shopsOfAgent.get("KF01")).toBe("小店专营店、小店旗舰店");
  expect(shopsOfAgent.get("KF02")).toBe("小店旗舰店");
  expect(shopsOfAgent.get("KF03")).toBe("");
  // The figures after it are the agent's as before (collected stays a live formula over 订单明细).
  const kf01 = group.rows.find((r) => r[1] === "KF01")!;
  expect(kf01[keys.indexOf("collected")]).toMatchObject({ v: 125, f: expect.stringContaining(",$B4)") });
  // The row's formulas follow the moved columns: 退款率 = 退款 (H) / 销售额 (G).
  expect(keys.indexOf("sales")).toBe(6);
  expect(kf01[keys.indexOf("refundRate")]).toMatchObject({ f: expect.stringContaining("$H4/$G4") });
  // One shop named, or none: no 店铺 column, the same layout as before.
  const one = board(orders.filter((o) => o.shop === "小店旗舰店"));
  const none = board(orders.map((o) => ({ ...o, shop: undefined })));
  expect(one.columns.map((c) => c.key)).not.toContain("shops");
  expect(one.columns.map((c) => c.header)).toEqual(none.columns.map((c) => c.header));
  expect(none.rows[0].length).toBe(none.columns.length);
  expect(group.rows[0].length).toBe(group.columns.length);
});
