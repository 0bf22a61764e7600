/**
 * The order clerk's end-of-day self-audit (domain.md, "Daily routine the reports replace"):
 * shipped without a tracking number, and the month's orders by ERP 业务员 — in the report, under
 * 每日对账 and in the JSON.
 */
import fc from "fast-check";
import { buildMonth } from "../../../src/core/engine";
import { compareIds } from "../../../src/core/reports/order";
import { defaultRules } from "../../../src/core/rules/defaults";
import { trackingOf } from "../../../src/core/reports/selfaudit";
import { buildWorkbookSpec } from "../../../src/core/sheets";
import { reportJsonText } from "../../../src/core/sheets/json";
import { ERP_SHIPPED_TITLE, PART_SHIPPED_TITLE, LISTED_IN_SHEET, NO_TRACKING_TITLE, SALESPERSON_TITLE } from "../../../src/core/sheets/selfaudit";
import type { ShipMismatch } from "../../../src/core/model";
import type { MonthReport } from "../../../src/core/reports/types";
import type { SheetSpec } from "../../../src/core/sheets/types";
import { agent, at, dataset, order } from "./build";

const OCT = { month: "2026-10" };
const roster = [agent("KF01", "小美", "", 2), agent("KF03", "阿强", "", 3)];
const WITH_NUMBER = order({ id: "900", tracking: "YT1234567890123", note: "KF01" });

const reconciliation = (r: MonthReport): SheetSpec => buildWorkbookSpec(r).sheets.find((s) => s.key === "reconciliation")!;
const block = (s: SheetSpec, title: string) => s.blocks!.find((b) => b.title?.startsWith(title));

describe.each([
  ["YT1234567890123", "number"],
  ["7123456789", "number"],
  ["SF1234567890", "number"],
  ["nx123", "number"],
  ["  YT1 ", "number"],
  ["N/A", "none"],
  ["None", "none"],
  ["NO LOGISTICS", "notNeeded"],
  ["", "none"],
  ["   ", "none"],
  ["-", "none"],
  ["--", "none"],
  ["/", "none"],
  ["无", "none"],
  ["NULL", "none"],
  ["n/a", "none"],
  ["无需物流", "notNeeded"],
  ["无需发货（虚拟商品）", "notNeeded"],
  ["门店自提", "notNeeded"],
  ["电子凭证", "notNeeded"],
  ["No logistics", "notNeeded"],
])("trackingOf(%j)", (text, want) => {
  it(`is ${want}`, () => expect(trackingOf(text)).toBe(want));
});

describe("shipped without a tracking number", () => {
  const orders = [
    WITH_NUMBER,
    order({ id: "101", shippedAt: at("2026-10-12", "15:00"), tracking: "" }), // listed, on its ship day
    order({ id: "102", paidAt: at("2026-10-05"), shippedAt: null, status: "交易成功", tracking: " " }), // shipped by status: its pay day
    order({ id: "103", shippedAt: null, status: "买家已付款，等待卖家发货" }), // not shipped yet
    order({ id: "104", tracking: "无需物流" }), // needs no number
    order({ id: "105", paidAt: at("2026-09-28"), tracking: "" }), // paid last month
    order({ id: "106", status: "交易关闭", refund: 10000, tracking: "" }), // closed: does not count
    order({ id: "107", paidAt: null, shippedAt: null, status: "等待买家付款" }), // unpaid
    order({ id: "108", shippedAt: at("2026-10-12", "09:00"), tracking: "-" }), // a dash is no number
  ];

  it("lists the counted orders of the month that left without one, by day then id", () => {
    const r = buildMonth(dataset({ roster, orders }), defaultRules(), OCT);
    const a = r.selfAudit!;
    expect(a.trackingKnown).toBe(true);
    expect(a.noTrackingCount).toBe(3);
    expect(a.noTracking.map((o) => [o.orderId, o.date])).toEqual([
      ["102", "2026-10-05"],
      ["101", "2026-10-12"],
      ["108", "2026-10-12"],
    ]);
    expect(a.noTracking[1].source).toEqual(orders[1].source);
  });

  it("is not made on an export without tracking numbers (it would flag every order)", () => {
    const r = buildMonth(dataset({ roster, orders: orders.slice(1) }), defaultRules(), OCT);
    expect(r.selfAudit).toMatchObject({ trackingKnown: false, noTracking: [], noTrackingCount: 0 });
    const b = block(reconciliation(r), NO_TRACKING_TITLE)!;
    expect(b.rows).toHaveLength(1);
    expect(String(b.rows[0][0])).toMatch(/^未核对.*Not checked/);
  });

  it("shows each order under 每日对账, says so when there is none, and goes into the JSON", () => {
    const r = buildMonth(dataset({ roster, orders }), defaultRules(), OCT);
    const s = reconciliation(r);
    const b = block(s, NO_TRACKING_TITLE)!;
    expect(b.title).toContain("（3 单 orders）");
    const col = (key: string) => s.columns.findIndex((c) => c.key === key);
    expect(b.rows[0][0]).toBe("发货日 Shipped");
    // No 业务员 in this export: no such column in the list.
    expect(b.rows[0][col("attributedAmount")]).toBeNull();
    const withClerk = buildMonth(dataset({ roster, orders: [WITH_NUMBER, order({ id: "777", tracking: "", salesperson: "小王" })] }), defaultRules(), OCT);
    const c = block(reconciliation(withClerk), NO_TRACKING_TITLE)!;
    expect([c.rows[0][col("attributedAmount")], c.rows[1][col("attributedAmount")]]).toEqual(["业务员 Salesperson", "小王"]);
    expect(b.rows.slice(1).map((row) => [row[0], row[col("ordersPaid")], row[col("detail")]])).toEqual([
      [{ date: "2026-10-05" }, "102", `orders!${orders[2].source.row}`],
      [{ date: "2026-10-12" }, "101", `orders!${orders[1].source.row}`],
      [{ date: "2026-10-12" }, "108", `orders!${orders[8].source.row}`],
    ]);
    // Below everything the sheet's formulas refer to.
    expect(s.blocks!.indexOf(b)).toBeGreaterThan(s.blocks!.findIndex((x) => x.title?.includes("Sales export vs note attribution")));

    const json = JSON.parse(reportJsonText(r));
    expect(json.selfAudit.trackingChecked).toBe(true);
    expect(json.selfAudit.shippedWithoutTracking).toBe(3);
    expect(json.selfAudit.shippedWithoutTrackingOrders.map((o: { orderId: string }) => o.orderId)).toEqual(["102", "101", "108"]);

    const clean = buildMonth(dataset({ roster, orders: [WITH_NUMBER] }), defaultRules(), OCT);
    const none = block(reconciliation(clean), NO_TRACKING_TITLE)!;
    expect(none.rows).toHaveLength(1);
    expect(String(none.rows[0][0])).toMatch(/^无 None/);
  });

  it("lists at most LISTED_IN_SHEET orders in the sheet and says how many more", () => {
    const many = Array.from({ length: LISTED_IN_SHEET + 7 }, (_, i) => order({ id: String(5000 + i), tracking: "" }));
    const r = buildMonth(dataset({ roster, orders: [WITH_NUMBER, ...many] }), defaultRules(), OCT);
    const b = block(reconciliation(r), NO_TRACKING_TITLE)!;
    expect(b.rows).toHaveLength(1 + LISTED_IN_SHEET + 1);
    expect(String(b.rows[b.rows.length - 1][0])).toContain(`另有 7 单 and 7 more（共 ${LISTED_IN_SHEET + 7} 单 in all）`);
    expect(r.selfAudit!.noTracking).toHaveLength(LISTED_IN_SHEET + 7);
  });
});

describe("orders by ERP 业务员", () => {
  const orders = [
    order({ id: "1", note: "KF01", salesperson: "打单员小王", paid: 10000 }), // code in the note
    order({ id: "2", note: "", salesperson: "打单员小王", paid: 20000 }), // nobody: the clerk's total too high
    order({ id: "3", note: "没写工号", salesperson: "打单员小王", paid: 30000 }),
    order({ id: "4", note: "", salesperson: "阿强", paid: 40000 }), // the column names an agent
    order({ id: "5", note: "KF03", salesperson: "阿强", paid: 50000 }),
    order({ id: "6", note: "", salesperson: "", paid: 60000 }), // no 业务员: not in the block
    order({ id: "7", note: "", salesperson: " 打单员小王 ", paid: 70000, status: "交易关闭", refund: 70000 }), // closed: not counted
  ];

  it("counts each 业务员's orders by how they were credited, most unattributed first", () => {
    const r = buildMonth(dataset({ roster, orders }), defaultRules(), OCT);
    expect(r.selfAudit!.bySalesperson).toEqual([
      { salesperson: "打单员小王", orders: 3, collected: 60000, byNote: 1, byColumn: 0, unattributed: 2, unattributedCollected: 50000 },
      { salesperson: "阿强", orders: 2, collected: 90000, byNote: 1, byColumn: 1, unattributed: 0, unattributedCollected: 0 },
    ]);
    // The same orders as the month's unattributed ones, less those without a 业务员.
    expect(r.unattributed.map((u) => u.order.id).sort()).toEqual(["2", "3", "6"]);
  });

  it("is a block under 每日对账, red where a 业务员 holds orders credited to nobody, and in the JSON", () => {
    const r = buildMonth(dataset({ roster, orders }), defaultRules(), OCT);
    const s = reconciliation(r);
    const b = block(s, SALESPERSON_TITLE)!;
    const col = (key: string) => s.columns.findIndex((c) => c.key === key);
    expect(b.rows.map((row) => [row[0], row[col("ordersCreated")], row[col("ordersPaid")], row[col("paidAmount")], row[col("unattributedOrders")], row[col("unattributedAmount")], row[col("unshippedLate")]])).toEqual([
      ["业务员 Sales", "单数 Orders", "备注有工号 Code in note", "回款 Collected", "未归属单数 Unattributed", "未归属金额 Unattributed amount", "按业务员列归属 Credited by 业务员"],
      ["打单员小王", 3, 1, 600, 2, 500, 0],
      ["阿强", 2, 1, 900, 0, 0, 1],
      // Order 6 has no 业务员 (and no code); the total is the shop's.
      ["无业务员 None", 1, 0, 600, 1, 600, 0],
      ["合计 Total", 6, 2, 2100, 3, 1100, 1],
    ]);
    expect(r.shopCollected).toBe(210000);
    expect(b.alertRows).toEqual([1]);
    expect(String(b.rows[1][col("detail")])).toContain("2 单（67%）");
    const json = JSON.parse(reportJsonText(r));
    expect(json.selfAudit.bySalesperson[0]).toEqual({ salesperson: "打单员小王", orders: 3, collected: 600, byNote: 1, byColumn: 0, unattributed: 2, unattributedCollected: 500 });
  });

  it("is left out when no order names a 业务员", () => {
    const r = buildMonth(dataset({ roster, orders: [order({ id: "1", note: "KF01" })] }), defaultRules(), OCT);
    expect(r.selfAudit!.bySalesperson).toEqual([]);
    expect(block(reconciliation(r), SALESPERSON_TITLE)).toBeUndefined();
    expect(JSON.parse(reportJsonText(r)).selfAudit.bySalesperson).toEqual([]);
  });
});

describe("shipped in the ERP, not on Taobao", () => {
  const mismatch: ShipMismatch = {
    orderId: "2873190462331523456",
    erpStatus: "已发货",
    erpShippedAt: at("2026-10-04", "10:30"),
    erp: { file: "聚水潭.csv", sheet: "订单", row: 2 },
    platformStatus: "买家已付款，等待卖家发货",
    platform: { file: "淘宝.csv", sheet: "订单", row: 7 },
  };

  it("is a block under 每日对账 and in the JSON when both exports were given; absent otherwise", () => {
    const r = buildMonth(dataset({ roster, orders: [WITH_NUMBER], shipMismatches: [mismatch] }), defaultRules(), OCT);
    expect(r.selfAudit!.erpShipped).toEqual([mismatch]);
    const s = reconciliation(r);
    const b = block(s, ERP_SHIPPED_TITLE)!;
    const col = (key: string) => s.columns.findIndex((c) => c.key === key);
    expect(b.title).toContain("（1 单 orders）");
    expect(b.rows[1][0]).toEqual({ date: "2026-10-04" });
    expect(b.rows[1][col("ordersPaid")]).toBe("2873190462331523456");
    expect(b.rows[1][col("refunds")]).toBe("已发货");
    expect(b.rows[1][col("attributedAmount")]).toBe("买家已付款，等待卖家发货");
    expect(b.rows[1][col("detail")]).toBe("订单!2；订单!7");
    expect(JSON.parse(reportJsonText(r)).selfAudit.erpShippedNotOnPlatform).toEqual([
      { orderId: "2873190462331523456", erpStatus: "已发货", erpShippedAt: "2026-10-04 10:30:00", platformStatus: "买家已付款，等待卖家发货", erp: "订单!2", platform: "订单!7", erpFile: "聚水潭.csv", platformFile: "淘宝.csv" },
    ]);

    const agree = buildMonth(dataset({ roster, orders: [WITH_NUMBER], shipMismatches: [] }), defaultRules(), OCT);
    expect(String(block(reconciliation(agree), ERP_SHIPPED_TITLE)!.rows[0][0])).toMatch(/^无 None/);
    const one = buildMonth(dataset({ roster, orders: [WITH_NUMBER] }), defaultRules(), OCT);
    expect(block(reconciliation(one), ERP_SHIPPED_TITLE)).toBeUndefined();
    expect(JSON.parse(reportJsonText(one)).selfAudit.erpShippedNotOnPlatform).toBeNull();
  });
});

describe("a buyer's orders shipped in part", () => {
  const waiting = { shippedAt: null, status: "买家已付款，等待卖家发货" };
  const orders = [
    WITH_NUMBER,
    // 阿花: two orders paid, the later one left the next day, the earlier still waits → listed.
    order({ id: "201", buyer: "阿花", paidAt: at("2026-10-08", "09:00"), ...waiting }),
    order({ id: "202", buyer: "阿花", paidAt: at("2026-10-08", "10:00"), shippedAt: at("2026-10-09", "15:00"), tracking: "YT1" }),
    order({ id: "203", buyer: "阿花", paidAt: at("2026-10-08", "11:00"), shippedAt: at("2026-10-09", "12:00"), tracking: "YT2" }), // left first: the one named
    // 小李: the shipped order left before the waiting one was paid → a new order, not a part.
    order({ id: "301", buyer: "小李", paidAt: at("2026-10-20"), ...waiting }),
    order({ id: "302", buyer: "小李", paidAt: at("2026-10-10"), shippedAt: at("2026-10-11"), tracking: "YT3" }),
    // A masked nick (t**8) may be many buyers: never paired.
    order({ id: "601", buyer: "t**8", paidAt: at("2026-10-12"), ...waiting }),
    order({ id: "602", buyer: "t**8", paidAt: at("2026-10-12"), shippedAt: at("2026-10-13"), tracking: "YT5" }),
    // A blank buyer is nobody's: never paired.
    order({ id: "401", buyer: "", paidAt: at("2026-10-12"), ...waiting }),
    order({ id: "402", buyer: "", paidAt: at("2026-10-12"), shippedAt: at("2026-10-13"), tracking: "YT4" }),
    // Closed, not counted: not waiting.
    order({ id: "501", buyer: "阿花", paidAt: at("2026-10-08", "08:00"), shippedAt: null, status: "交易关闭" }),
  ];

  it("lists the waiting order with the buyer's order that left after it was paid", () => {
    const r = buildMonth(dataset({ roster, orders }), defaultRules(), OCT);
    expect(r.selfAudit!.partShipped).toEqual([
      { orderId: "201", buyer: "阿花", paidAt: at("2026-10-08", "09:00"), source: orders[1].source, shippedOrderId: "203", shippedAt: at("2026-10-09", "12:00") },
    ]);
    const s = reconciliation(r);
    const b = block(s, PART_SHIPPED_TITLE)!;
    const col = (key: string) => s.columns.findIndex((c) => c.key === key);
    expect(b.rows[1].slice(0, 1)).toEqual([{ date: "2026-10-08" }]);
    expect([b.rows[1][col("ordersPaid")], b.rows[1][col("refunds")], b.rows[1][col("attributedAmount")]]).toEqual(["201", "阿花", "203"]);
    expect(String(b.rows[1][col("detail")])).toContain("2026-10-09 12:00:00");
    expect(JSON.parse(reportJsonText(r)).selfAudit.partShipped).toEqual([
      { orderId: "201", buyer: "阿花", paidAt: "2026-10-08 09:00:00", shippedOrderId: "203", shippedAt: "2026-10-09 12:00:00", source: `orders!${orders[1].source.row}`, sourceFile: "orders.csv" },
    ]);
  });

  it("says so when there is none", () => {
    const r = buildMonth(dataset({ roster, orders: orders.filter((o) => o.id !== "201") }), defaultRules(), OCT);
    expect(r.selfAudit!.partShipped).toEqual([]);
    expect(String(block(reconciliation(r), PART_SHIPPED_TITLE)!.rows[0][0])).toMatch(/^无 None/);
  });
});

describe("a buyer's orders shipped in part, against a brute-force pairing", () => {
  const DAY = 86_400_000;
  const START = at("2026-10-01", "00:00");
  /** Every waiting order of the month and the earliest of its buyer's orders to leave at or after its payment. */
  const brute = (orders: ReturnType<typeof order>[]) => {
    const out: [string, string][] = [];
    const waiting = orders
      .filter((w) => w.buyer !== "" && w.paidAt !== null && w.paidAt >= START && w.paidAt < START + 31 * DAY && w.shippedAt === null && w.status !== "交易关闭")
      .sort((x, y) => x.paidAt! - y.paidAt! || compareIds(x.id, y.id));
    for (const w of waiting) {
      const left = orders
        .filter((o) => o !== w && o.buyer === w.buyer && o.shippedAt !== null && o.shippedAt >= w.paidAt!)
        .sort((x, y) => x.shippedAt! - y.shippedAt! || compareIds(x.id, y.id));
      if (left.length > 0) out.push([w.id, left[0].id]);
    }
    return out;
  };
  const pairs = (orders: ReturnType<typeof order>[]) =>
    buildMonth(dataset({ roster, orders: [WITH_NUMBER, ...orders] }), defaultRules(), OCT).selfAudit!.partShipped.map((p) => [p.orderId, p.shippedOrderId]);

  it("names the same orders on random months (buyers shared, times tied, closed and unpaid orders among them)", () => {
    const one = fc.record({
      buyer: fc.constantFrom("阿花", "小李", "wholesale", ""),
      paidDay: fc.integer({ min: -3, max: 33 }),
      paidHour: fc.integer({ min: 0, max: 3 }),
      shipAfter: fc.option(fc.integer({ min: -2, max: 6 }), { nil: null }),
      closed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(one, { maxLength: 40 }), (rows) => {
        const orders = rows.map((r, i) => {
          const paidAt = START + r.paidDay * DAY + r.paidHour * 3_600_000;
          const shippedAt = r.shipAfter === null ? null : paidAt + r.shipAfter * 3_600_000 * 12;
          return order({
            // Ids out of input order, so that a tie in ship time is broken by id, not by position.
            id: String(10_000 + ((i * 7919) % 1000)),
            buyer: r.buyer,
            paidAt,
            shippedAt,
            tracking: shippedAt === null ? "" : "YT" + i,
            status: r.closed ? "交易关闭" : shippedAt === null ? "买家已付款，等待卖家发货" : "卖家已发货，等待买家确认",
          });
        });
        expect(pairs(orders)).toEqual(brute(orders));
      }),
      { numRuns: 150 },
    );
  });

  it("two orders that left at the same moment: the smaller id is named, whatever their input order", () => {
    const t = at("2026-10-09", "12:00");
    const orders = [
      order({ id: "2873000000000000900", buyer: "阿花", shippedAt: t, tracking: "YT9" }),
      order({ id: "2873000000000000800", buyer: "阿花", shippedAt: t, tracking: "YT8" }),
      order({ id: "2873000000000000100", buyer: "阿花", paidAt: at("2026-10-08"), shippedAt: null, status: "买家已付款，等待卖家发货" }),
    ];
    expect(pairs(orders)).toEqual([["2873000000000000100", "2873000000000000800"]]);
    expect(pairs([orders[1], orders[0], orders[2]])).toEqual([["2873000000000000100", "2873000000000000800"]]);
  });

  it("one buyer with thousands of orders: each waiting one is paired with the first to leave after it", () => {
    const orders = Array.from({ length: 4000 }, (_, i) => {
      const paidAt = START + (i % 28) * DAY + i * 1000;
      const waits = i % 2 === 0;
      return order({ id: String(20_000 + i), buyer: "散客", paidAt, shippedAt: waits ? null : paidAt + 5 * DAY, tracking: waits ? "" : "YT" + i, status: waits ? "买家已付款，等待卖家发货" : "交易成功" });
    });
    const got = pairs(orders);
    expect(got).toEqual(brute(orders));
    expect(got.length).toBeGreaterThan(1000);
  });
});
