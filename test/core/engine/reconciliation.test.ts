import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { buildWorkbookSpec } from "../../../src/core/sheets";
import { agent, at, dataset, order, sales, shift } from "./build";

const OCT = { month: "2026-10" };
const roster = [agent("KF01", "小美", "小店:小美", 2), agent("KF02", "阿强", "小店:阿强", 3)];

describe("daily reconciliation (每日对账)", () => {
  const orders = [
    order({ id: "11", note: "KF01", paid: 10000, paidAt: at("2026-10-05", "10:00") }),
    order({ id: "12", note: "KF02", paid: 20000, refund: 5000, paidAt: at("2026-10-05", "11:00") }),
    order({ id: "13", note: "无", paid: 3000, paidAt: at("2026-10-05", "12:00") }),
    // paid on the 5th, never shipped, status says so
    order({ id: "14", note: "KF01", paid: 4000, paidAt: at("2026-10-05", "13:00"), shippedAt: null, status: "买家已付款，等待卖家发货" }),
    // created on the 6th, still unpaid
    order({ id: "15", note: "KF01", paid: 5000, paidAt: null, createdAt: at("2026-10-06", "08:00"), status: "等待买家付款" }),
    // created on the 6th, unpaid and closed: nothing to chase
    order({ id: "16", note: "KF01", paid: 5000, paidAt: null, createdAt: at("2026-10-06", "09:00"), status: "交易关闭" }),
    // the latest created / paid time in the export: "as of" 2026-10-08 11:00 (not its ship time)
    order({ id: "17", note: "KF02", paid: 1000, paidAt: at("2026-10-08", "11:00"), shippedAt: at("2026-10-08", "12:00") }),
  ];
  const r = buildMonth(
    dataset({
      roster,
      orders,
      sales: [sales("小店:小美", "2026-10-05", { sales: 14000 }), sales("小店:阿强", "2026-10-05", { sales: 18000 }), sales("小店:阿强", "2026-10-08", { sales: 1000 })],
    }),
    defaultRules(),
    OCT,
  );
  const d5 = r.days.find((d) => d.date === "2026-10-05")!;
  const d6 = r.days.find((d) => d.date === "2026-10-06")!;
  const d8 = r.days.find((d) => d.date === "2026-10-08")!;

  it("has a row for every day of the month", () => {
    expect(r.days).toHaveLength(31);
    expect(r.days[0].date).toBe("2026-10-01");
    expect(r.days[30].date).toBe("2026-10-31");
    expect(r.asOf).toBe(at("2026-10-08", "11:00"));
  });

  it("counts the day's orders and money, with the orders behind each figure", () => {
    expect([d5.ordersCreated, d5.ordersPaid, d5.paidAmount, d5.refunds]).toEqual([4, 4, 37000, 5000]);
    expect([d5.attributedAmount, d5.unattributedOrders, d5.unattributedAmount, d5.collected]).toEqual([29000, 1, 3000, 32000]);
    expect(d5.trace.ordersPaid).toEqual(["11", "12", "13", "14"]);
    expect(d5.trace.refunds).toEqual(["12"]);
    expect(d5.trace.unattributedOrders).toEqual(["13"]);
    expect(d5.trace.attributedAmount).toEqual(["11", "12", "14"]);
    expect(d5.trace.collected).toEqual(["11", "12", "13", "14"]);
    expect(r.days[0].trace).toEqual({});
  });

  it("paid-but-unshipped past 48 h and unpaid past 12 h, as of the export's latest time", () => {
    expect(d5.unshippedLate).toBe(1);
    expect(d5.trace.unshippedLate).toEqual(["14"]);
    expect(d6.unpaidToChase).toBe(1);
    expect(d6.trace.unpaidToChase).toEqual(["15"]);
    expect(d6.ordersCreated).toBe(2);
  });

  it("compares the sales export per agent per day, listing the orders behind a difference", () => {
    expect(r.dayAgentDiffs.map((x) => [x.date, x.agent.staffNo, x.exportSales, x.attributed, x.diff, x.orderIds])).toEqual([
      ["2026-10-05", "KF01", 14000, 14000, 0, ["11", "14"]],
      ["2026-10-05", "KF02", 18000, 20000, -2000, ["12"]],
      ["2026-10-08", "KF02", 1000, 1000, 0, ["17"]],
    ]);
    expect([d5.salesExport, d5.salesExportDiff, d5.trace.salesExportDiff]).toEqual([32000, -2000, ["12"]]);
    expect(d8.salesExportDiff).toBe(0);
    expect(d8.trace.salesExportDiff).toBeUndefined();
    expect(d6.salesExportDiff).toBeNull();
  });

  it("a sales export without a sales figure compares nothing", () => {
    const r2 = buildMonth(dataset({ roster, orders, sales: [sales("小店:小美", "2026-10-05", { inquiries: 9, payers: 3 })] }), defaultRules(), OCT);
    expect(r2.dayAgentDiffs).toEqual([]);
    expect(r2.days.every((d) => d.salesExportDiff === null && d.salesExport === null)).toBe(true);
  });

  it("agents + unattributed = shop, per day and for the month", () => {
    const agents = r.performance.reduce((s, p) => s + p.collected, 0);
    const un = r.unattributed.reduce((s, c) => s + c.collected, 0);
    expect(agents + un).toBe(r.shopCollected);
    expect(r.days.reduce((s, d) => s + d.attributedAmount + d.unattributedAmount, 0)).toBe(r.shopCollected);
  });
});

describe("performance board (绩效看板)", () => {
  it("computes the ratios, the KPI score and a rank where ties share", () => {
    const rules = defaultRules();
    rules.kpi = [
      { metric: "collected", weight: 50, target: 100000, reverse: false, cap: 1.2 },
      { metric: "avgResponseSec", weight: 50, target: 30, reverse: true, cap: 1.2 },
    ];
    const data = dataset({
      roster: [agent("KF01", "甲"), agent("KF02", "乙"), agent("KF03", "丙"), agent("KF10", "丁")],
      orders: [
        order({ id: "1", note: "KF02", paid: 50000, buyer: "x" }),
        order({ id: "2", note: "KF02", paid: 50000, buyer: "x" }),
        order({ id: "3", note: "KF03", paid: 100000, refund: 20000, buyer: "y" }),
        order({ id: "4", note: "KF10", paid: 30000, buyer: "" }),
        order({ id: "5", note: "KF10", paid: 30000, buyer: "" }),
      ],
      sales: [
        sales("KF02", "2026-10-01", { inquiries: 10, payers: 3, avgResponseSec: 20 }),
        sales("KF02", "2026-10-02", { inquiries: 30, payers: 9, avgResponseSec: 40 }),
        sales("KF03", "2026-10-01", { inquiries: 0, payers: 0, avgResponseSec: 60 }),
      ],
    });
    const r = buildMonth(data, rules, { month: "2026-10" });
    const by = (s: string) => r.performance.find((p) => p.agent.staffNo === s)!;
    // KF02: 1,000 collected of target 1,000 → 50; response (10×20+30×40)/40 = 35 s → 50×30/35
    expect(by("KF02").avgResponseSec).toBe(35);
    expect(by("KF02").conversion).toBe(0.3);
    expect(by("KF02").buyers).toBe(1);
    // 客单价 = sales ÷ paying buyers (domain): ¥1,000 ÷ 12 chat payers
    expect(by("KF02").aov).toBe(8333);
    expect(by("KF02").kpiScore).toBe(Math.round((50 + (50 * 30) / 35) * 100) / 100);
    // KF03: 800 collected → 40; response 60 s (no inquiries: plain mean) → 25
    expect(by("KF03").refundRate).toBe(0.2);
    expect(by("KF03").conversion).toBeNull();
    expect(by("KF03").kpiScore).toBe(65);
    // KF10: two blank buyers are two buyers
    expect(by("KF10").buyers).toBe(2);
    expect(by("KF10").aov).toBeNull(); // no chat payers: no 客单价, like no conversion
    // KF01 and KF10: no response data; KF01 0, KF10 600 of 1000 → 30
    expect(r.performance.map((p) => [p.agent.staffNo, p.rank])).toEqual([
      ["KF02", 1],
      ["KF03", 2],
      ["KF10", 3],
      ["KF01", 4],
    ]);
  });

  it("equal scores share a rank, ordered by staff number", () => {
    const data = dataset({ roster: [agent("KF10", "丁"), agent("KF2", "乙"), agent("KF1", "甲")], orders: [order({ id: "1", note: "KF1", paid: 500 })] });
    const r = buildMonth(data, defaultRules(), { month: "2026-10" });
    expect(r.performance.map((p) => [p.agent.staffNo, p.rank])).toEqual([
      ["KF1", 1],
      ["KF2", 2],
      ["KF10", 2],
    ]);
  });
});

describe("reconciliation flags only what needs a person", () => {
  const roster = [agent("KF01", "小美", "小店:小美", 2), agent("KF02", "阿强", "小店:阿强", 3)];
  const build = (rules = defaultRules()) =>
    buildMonth(
      dataset({
        roster,
        orders: [
          order({ id: "21", note: "KF01", paid: 10000, paidAt: at("2026-10-05", "10:00") }),
          // paid, then closed with a full refund: the chat export still credits it to KF01
          order({ id: "22", note: "KF01", paid: 8844, refund: 8844, paidAt: at("2026-10-05", "11:00"), status: "交易关闭" }),
          order({ id: "23", note: "KF02", paid: 5000, paidAt: at("2026-10-05", "12:00") }),
          // KF02 sold on the 6th, their rest day: the export has no row for them that day
          order({ id: "24", note: "KF02", paid: 7000, paidAt: at("2026-10-06", "12:00") }),
          order({ id: "25", note: "KF01", paid: 3000, paidAt: at("2026-10-06", "13:00") }),
          order({ id: "26", note: "无工号", paid: 12800, paidAt: at("2026-10-06", "14:00") }),
          // received long after the export was made: the as-of time stays the latest created / paid
          order({ id: "27", note: "KF01", paid: 2000, createdAt: at("2026-10-06", "20:00"), paidAt: at("2026-10-06", "20:30"), shippedAt: null, status: "买家已付款，等待卖家发货" }),
          order({ id: "28", note: "KF01", paid: 1000, paidAt: at("2026-10-03", "09:00"), confirmedAt: at("2026-11-09", "10:00") }),
        ],
        shifts: [shift("KF02", "2026-10-05", "白班", "08:25", "17:35"), shift("KF02", "2026-10-06", null, null, null)],
        sales: [
          sales("小店:小美", "2026-10-03", { sales: 1000 }),
          sales("小店:小美", "2026-10-05", { sales: 18844 }), // 10000 + 8844 (the refunded order)
          sales("小店:阿强", "2026-10-05", { sales: 5050 }), // 50 fen more: within the ¥1 tolerance
          sales("小店:小美", "2026-10-06", { sales: 17800 }), // 3000 + 2000 + 12800 nobody can explain
        ],
      }),
      rules,
      OCT,
    );
  const r = build();
  const status = (date: string, staffNo: string) => r.dayAgentDiffs.find((d) => d.date === date && d.agent.staffNo === staffNo);

  it("a difference the orders explain is not one: a refunded order names its reason", () => {
    expect(status("2026-10-05", "KF01")).toMatchObject({ diff: 8844, status: "explained", unexplained: 0, reasons: [{ kind: "refundClosed", ids: ["22"], amount: 8844 }] });
  });
  it("a difference within the tolerance is shown, not flagged; a stricter tolerance flags it", () => {
    expect(status("2026-10-05", "KF02")).toMatchObject({ diff: 50, status: "tolerance" });
    const strict = defaultRules();
    strict.reconciliation.toleranceAmount = 0;
    expect(build(strict).dayAgentDiffs.find((d) => d.date === "2026-10-05" && d.agent.staffNo === "KF02")!.status).toBe("check");
  });
  it("an agent-day missing from the export on the agent's rest day is not a difference", () => {
    expect(status("2026-10-06", "KF02")).toMatchObject({ exportSales: 0, attributed: 7000, status: "rest" });
  });
  it("what nothing explains needs a person, with the day's unattributed orders as candidates", () => {
    expect(status("2026-10-06", "KF01")).toMatchObject({ diff: 12800, status: "check", unexplained: 12800, reasons: [{ kind: "unattributed", ids: ["26"], amount: 0 }] });
    expect(r.dayAgentDiffs.filter((d) => d.status === "check")).toHaveLength(1);
    expect(status("2026-10-03", "KF01")!.status).toBe("match");
  });
  it("as of = the latest created / paid time, not a 确认收货时间 weeks later", () => {
    expect(r.asOf).toBe(at("2026-10-06", "20:30"));
    // Paid at 20:30 on the 6th, unshipped: not yet 48 h late as of the export.
    expect(r.days.find((d) => d.date === "2026-10-06")!.unshippedLate).toBe(0);
  });
});

describe("the sales export against orders dated by 确认收货 (hand-computed month)", () => {
  const confirmed = defaultRules();
  confirmed.sales.dateBasis = "confirmed";
  const orders = [
    // paid on the 1st, confirmed on the 5th / 6th: the export credits them on the 1st
    order({ id: "31", note: "KF01", paid: 10000, paidAt: at("2026-10-01", "10:00"), confirmedAt: at("2026-10-05", "10:00") }),
    order({ id: "32", note: "KF01", paid: 20000, paidAt: at("2026-10-01", "23:59"), confirmedAt: at("2026-10-06", "10:00") }),
    // paid on the 5th, shipped, not yet confirmed: no month counts it yet, the export does on the 5th
    order({ id: "33", note: "KF02", paid: 9000, paidAt: at("2026-10-05", "10:00"), status: "卖家已发货，等待买家确认" }),
    // paid on the 4th without a code, confirmed next month
    order({ id: "34", note: "无", paid: 8500, paidAt: at("2026-10-04", "11:00"), confirmedAt: at("2026-11-02", "10:00") }),
  ];
  const r = buildMonth(
    dataset({
      roster,
      orders,
      sales: [
        sales("小店:小美", "2026-10-01", { sales: 30000 }),
        sales("小店:阿强", "2026-10-05", { sales: 9000 }),
        sales("小店:阿强", "2026-10-04", { sales: 8500 }),
        sales("小店:阿强", "2026-10-06", { sales: 0 }),
      ],
    }),
    confirmed,
    OCT,
  );
  const diff = (date: string, staffNo: string) => r.dayAgentDiffs.find((d) => d.date === date && d.agent.staffNo === staffNo);

  test.each([
    // [date, agent, export, ours, status, reasons]
    ["2026-10-01", "KF01", 30000, 0, "explained", [{ kind: "crossDay", ids: ["31", "32"], amount: 30000 }]],
    // an order paid in the month and not confirmed in it is the export's on its pay day
    ["2026-10-05", "KF02", 9000, 0, "explained", [{ kind: "crossDay", ids: ["33"], amount: 9000 }]],
    // no export row for KF01 on the 6th: ours, credited by the export on the 1st
    ["2026-10-06", "KF01", 0, 20000, "explained", [{ kind: "crossDay", ids: ["32"], amount: -20000 }]],
    // the unattributed candidate is listed on the day it was paid, as the export credits it
    ["2026-10-04", "KF02", 8500, 0, "check", [{ kind: "unattributed", ids: ["34"], amount: 0 }]],
  ])("%s %s: export %d, ours %d → %s", (date, staffNo, exp, ours, status, reasons) => {
    expect(diff(date, staffNo)).toMatchObject({ exportSales: exp, attributed: ours, status, reasons });
  });
});

test("an order of unknown status is a candidate for a person, not a refund that explains the difference", () => {
  const r = buildMonth(
    dataset({
      roster,
      orders: [order({ id: "41", note: "KF01", paid: 13000, refund: 3000, paidAt: at("2026-10-06", "11:00"), status: "拼团中" })],
      sales: [sales("小店:小美", "2026-10-06", { sales: 13000 })],
    }),
    defaultRules(),
    OCT,
  );
  expect(r.dayAgentDiffs[0]).toMatchObject({ diff: 13000, status: "check", unexplained: 13000, reasons: [{ kind: "unknownStatus", ids: ["41"], amount: 0 }] });
});

describe("the orders behind 超时未发货 and 待催付, at their limits (hand-computed)", () => {
  const r = buildMonth(
    dataset({
      roster,
      orders: [
        // as of 2026-10-30 20:00 (the latest created time below)
        order({ id: "61", note: "KF01", paidAt: at("2026-10-28", "20:00"), shippedAt: null, status: "买家已付款，等待卖家发货" }), // exactly 48 h: not late
        order({ id: "62", note: "KF01", paidAt: at("2026-10-28", "20:00") - 1000, shippedAt: null, status: "买家已付款，等待卖家发货" }), // 48 h + 1 s
        order({ id: "63", note: "KF02", paidAt: null, createdAt: at("2026-10-30", "08:00"), status: "等待买家付款" }), // exactly 12 h: not yet
        order({ id: "64", note: "KF02", paidAt: null, createdAt: at("2026-10-30", "08:00") - 1000, status: "等待买家付款" }), // 12 h + 1 s
        order({ id: "65", note: "KF02", paidAt: null, createdAt: at("2026-10-10", "09:00"), status: "等待买家付款" }), // unpaid at month end
        order({ id: "66", note: "KF02", paidAt: null, createdAt: at("2026-10-11", "09:00"), status: "交易关闭" }), // cancelled: nothing to chase
        order({ id: "67", note: "KF02", paidAt: null, createdAt: at("2026-10-30", "20:00"), status: "等待买家付款" }),
      ],
    }),
    defaultRules(),
    OCT,
  );

  test("each late order is listed on its day with the time it is late from", () => {
    expect(r.lateOrders!.unshipped).toEqual([{ date: "2026-10-28", orderId: "62", since: at("2026-10-28", "20:00") - 1000 }]);
    expect(r.lateOrders!.unpaid.map((o) => [o.date, o.orderId])).toEqual([
      ["2026-10-10", "65"],
      ["2026-10-30", "64"],
    ]);
    for (const d of r.days) {
      expect(d.unshippedLate).toBe(r.lateOrders!.unshipped.filter((o) => o.date === d.date).length);
      expect(d.unpaidToChase).toBe(r.lateOrders!.unpaid.filter((o) => o.date === d.date).length);
    }
  });

  test("每日对账 names them, with how long since", () => {
    const sheet = buildWorkbookSpec(r).sheets.find((s) => s.key === "reconciliation")!;
    const text = (sheet.blocks ?? []).flatMap((b) => [b.title ?? "", ...b.rows.flatMap((row) => row.map((c) => (typeof c === "string" ? c : "")))]).join("\n");
    expect(text).toContain("超时未发货的订单");
    expect(text).toMatch(/62[\s\S]*48:00:01/);
    expect(text).toMatch(/64[\s\S]*12:00:01/);
    expect(text).toContain("65");
    expect(text).not.toMatch(/\b6[136]\b/);
  });
});

test("where only 交易成功 counts, an order in transit the export credits is explained as left out by the rules, not as a refund", () => {
  const rules = defaultRules();
  rules.sales.onlyStatuses = ["交易成功"];
  const r = buildMonth(
    dataset({
      roster,
      orders: [
        order({ id: "71", note: "KF01", paid: 9000, paidAt: at("2026-10-05", "10:00"), status: "卖家已发货，等待买家确认" }),
        order({ id: "72", note: "KF01", paid: 4000, refund: 4000, paidAt: at("2026-10-05", "11:00"), status: "交易关闭" }),
      ],
      sales: [sales("小店:小美", "2026-10-05", { sales: 13000 })],
    }),
    rules,
    OCT,
  );
  expect(r.dayAgentDiffs[0]).toMatchObject({
    diff: 13000,
    status: "explained",
    reasons: [
      { kind: "refundClosed", ids: ["72"], amount: 4000 },
      { kind: "notCounted", ids: ["71"], amount: 9000 },
    ],
  });
});

describe("a Double-11 day: one agent's day holds more orders than a call may take as arguments", () => {
  it("lists every order behind the day's difference (no spread into push)", () => {
    const n = 150_000; // V8 stops a spread call near 120k arguments
    const orders = Array.from({ length: n }, (_v, i) => order({ id: String(10_000_000 + i), note: "KF01", paid: 100, paidAt: at("2026-10-11", "10:00") }));
    const r = buildMonth(dataset({ roster, orders, sales: [sales("小店:小美", "2026-10-11", { sales: 1 })] }), defaultRules(), OCT);
    const diff = r.dayAgentDiffs.find((d) => d.date === "2026-10-11" && d.agent.staffNo === "KF01")!;
    expect(diff.status).toBe("check");
    expect(diff.orderIds).toHaveLength(n);
    const day = r.days.find((d) => d.date === "2026-10-11")!;
    expect(day.ordersPaid).toBe(n);
  });
});
