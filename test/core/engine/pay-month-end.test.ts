/**
 * Month-end pay (issue 13): 追回 — last month's credited orders refunded since are recomputed and the difference
 * deducted as its own line; refunds on orders credited two months ago are named, not recovered;
 * without last month's board nothing is recovered and 问题 says how much was not.
 */
import { buildMonth } from "../../../src/core/engine";
import type { Refund } from "../../../src/core/model";
import { defaultRules } from "../../../src/core/rules/defaults";
import { reportToJson } from "../../../src/core/sheets/json";
import { blockFirstRows, buildWorkbookSpec } from "../../../src/core/sheets";
import { agent, at, dataset, incident, order } from "./build";

const NOV = "2026-11";
let refundRow = 1;
const refund = (orderId: string, amount: number, status = "退款成功"): Refund => ({
  orderId,
  amount,
  status,
  completedAt: at("2026-11-05"),
  source: { file: "refunds.csv", sheet: "refunds", row: ++refundRow },
});

/** October's board as its JSON: KF01 credited with these (id, collected) orders. */
function october(orders: [string, number][]) {
  const data = dataset({
    roster: [agent("KF01", "小美")],
    orders: orders.map(([id, paid]) => order({ id, note: "KF01", paid, paidAt: at("2026-10-20") })),
  });
  return reportToJson(buildMonth(data, defaultRules(), { month: "2026-10" }));
}

function november(previous: unknown, refunds: Refund[], extraOrders = [order({ id: "8001", note: "KF01", paid: 10000, paidAt: at("2026-11-03") })]) {
  const data = dataset({ roster: [agent("KF01", "小美")], orders: extraOrders, refunds });
  return buildMonth(data, defaultRules(), { month: NOV, ...(previous === undefined ? {} : { previous: { file: "2026-10.json", json: previous } }) });
}

/** The board's sheets as a reader of the written workbook sees them: data rows, then each block at its row. */
function asRead(report: ReturnType<typeof buildMonth>, keys: string[] = ["orders"]) {
  const plain = (v: unknown) => (v !== null && typeof v === "object" ? ("v" in (v as object) ? (v as { v: unknown }).v : "date" in (v as object) ? (v as { date: unknown }).date : String(v)) : v);
  const sheets = buildWorkbookSpec(report).sheets.filter((x) => keys.includes(x.key)).map((sheet) => {
    const rows: unknown[][] = [[sheet.title], [sheet.subtitle ?? ""], sheet.columns.map((c) => c.header), ...sheet.rows.map((r) => r.map(plain))];
    const firsts = blockFirstRows(sheet.rows.length, sheet.blocks);
    sheet.blocks.forEach((b, k) => {
      if (b.title) rows[firsts[k] - 2] = [b.title];
      b.rows.forEach((r, i) => (rows[firsts[k] - 1 + i] = r.map(plain)));
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return { sheet: sheet.name, rows: rows as (string | number | null)[][] };
  });
  return { file: `board-${report.month}.xlsx`, sheets };
}

describe("clawback of last month's late refunds", () => {
  it.each([
    // last month's orders, refunds this month, clawback (cents)
    ["a full refund: 25,000 → 0 loses commission 250 and the performance bonus 150", [["7001", 2500000]], [["7001", 2500000]], -40000],
    ["a refund dropping last month below a tier: 50,000 → 49,900 at 1%", [["7001", 3000000], ["7002", 2000000]], [["7001", 10000]], -50100],
    ["a refund that stays in the tier: 60,000 → 59,900 at 2%", [["7001", 4000000], ["7002", 2000000]], [["7001", 10000]], -200],
    ["a refund dropping below the position threshold: 30,000 → 29,999 loses 300 (1% of 29,999.99 still rounds to 300.00)", [["7001", 3000000]], [["7001", 1]], -30000],
  ] as [string, [string, number][], [string, number][], number][])("%s", (_n, last, refunds, clawback) => {
    const r = november(october(last), refunds.map(([id, amount]) => refund(id, amount)));
    const c = r.commission[0];
    expect(c.clawback).toBe(clawback);
    expect(c.clawbackOrders.map((o) => o.orderId)).toEqual(refunds.map(([id]) => id));
    expect(c.netPay).toBe(buildMonth(dataset({ roster: [agent("KF01", "小美")], orders: [order({ id: "8001", note: "KF01", paid: 10000, paidAt: at("2026-11-03") })] }), defaultRules(), { month: NOV }).commission[0].netPay + clawback);
    expect(c.reasons.find((x) => x.item === "clawback")!.zh).toContain("上月（2026-10）");
  });

  it("an order in both this month's export and the refund report counts once", () => {
    const prev = october([["7001", 4000000], ["7002", 2000000]]);
    const both = [order({ id: "7001", note: "KF01", paid: 4000000, refund: 10000, paidAt: at("2026-10-20") }), order({ id: "8001", note: "KF01", paid: 10000, paidAt: at("2026-11-03") })];
    expect(november(prev, [refund("7001", 10000)], both).commission[0].clawback).toBe(-200);
    expect(november(prev, [refund("7001", 10000), refund("7001", 10000)], both).commission[0].clawback).toBe(-200);
  });

  it("a closed refund is no refund; nothing dropped says so with 0", () => {
    const r = november(october([["7001", 2500000]]), [refund("7001", 2500000, "退款关闭")]);
    expect(r.commission[0].clawback).toBe(0);
    expect(r.commission[0].reasons.find((x) => x.item === "clawback")!.zh).toBe("追回 0：上月（2026-10）计入的订单无退款");
  });

  it("a refund of an order credited two months ago is named, not recovered (again)", () => {
    const september = order({ id: "6001", note: "KF01", paid: 2500000, paidAt: at("2026-09-20") });
    const r = november(october([["7001", 2500000]]), [refund("6001", 2500000)], [september, order({ id: "8001", note: "KF01", paid: 10000, paidAt: at("2026-11-03") })]);
    expect(r.commission[0].clawback).toBe(0);
    const p = r.problems.find((x) => x.code === "clawback.older")!;
    expect(p.zh).toContain("6001（2026-09）");
  });

  it("without last month's board: nothing recovered, and 问题 says how many and how much", () => {
    const lastMonth = order({ id: "7001", note: "KF01", paid: 2500000, paidAt: at("2026-10-20") });
    const r = november(undefined, [refund("7001", 2500000)], [lastMonth, order({ id: "8001", note: "KF01", paid: 10000, paidAt: at("2026-11-03") })]);
    expect(r.commission[0].clawback).toBe(0);
    expect(r.commission[0].reasons.some((x) => x.item === "clawback")).toBe(false);
    const p = r.problems.find((x) => x.code === "clawback.none")!;
    expect(p.zh).toBe("上月（2026-10）付款的 1 笔订单现已退款或关闭，共 25,000.00；未提供上月看板（--previous），未追回");
  });

  it("a board of another month is refused, located", () => {
    const prev = { ...october([["7001", 2500000]]), month: "2026-09" };
    const r = november(prev, [refund("7001", 2500000)]);
    expect(r.commission[0].clawback).toBe(0);
    expect(r.problems.find((x) => x.code === "previous.month")).toMatchObject({ severity: "error", file: "2026-10.json", value: "2026-09" });
    // And the file itself is named as one November never reads (the wrong file chosen?).
    expect(r.problems.find((x) => x.code === "previous.month.unused")).toMatchObject({ severity: "warning", file: "2026-10.json", value: "2026-09" });
  });

  describe("last month's items are recomputed as last month computed them", () => {
    // October: KF01 credited 20,000 against the default target 20,000 (bonus threshold 10,000),
    // paid commission 200 + performance bonus 150. November refunds 5,000: October would have paid
    // 15,000 × 0 + 150 — so 200 comes back. November's own target (40,000) or tiers must not
    // reach back: recomputing October with them takes the 150 too (or another commission).
    const october = () => buildMonth(dataset({ roster: [agent("KF01", "小美")], orders: [order({ id: "7001001", note: "KF01", paid: 2000000, paidAt: at("2026-10-20") })] }), defaultRules(), { month: "2026-10" });
    const novemberWith = (previous: Parameters<typeof buildMonth>[2]["previous"], rules = defaultRules()) =>
      buildMonth(
        dataset({ roster: [{ ...agent("KF01", "小美"), monthlyTarget: 4000000 }], refunds: [refund("7001001", 500000)] }),
        rules,
        { month: NOV, previous },
      ).commission[0];
    const raisedTiers = () => {
      const r = defaultRules();
      r.commission.tiers = r.commission.tiers.map((t) => (t.rate === 0 ? { ...t, from: 0 } : { ...t, rate: t.rate + 0.01 }));
      r.commission.tiers[0] = { from: 0, rate: 0.005 }; // 15,000 now earns 75
      return r;
    };

    it.each([
      ["a raised target, board as JSON", () => ({ file: "2026-10.json", json: reportToJson(october()) }), defaultRules, -20000],
      ["a raised target, board as a workbook", () => asRead(october(), ["orders", "rules", "commission"]), defaultRules, -20000],
      ["changed tiers, board as a workbook (its 规则 sheet)", () => asRead(october(), ["orders", "rules", "commission"]), raisedTiers, -20000],
    ] as [string, () => Parameters<typeof buildMonth>[2]["previous"], () => ReturnType<typeof defaultRules>, number][])("%s", (_n, board, rules, clawback) => {
      const c = novemberWith(board(), rules());
      expect(c.clawback).toBe(clawback);
      expect(c.performanceBonus).toBe(0); // November's own bonus does use November's target
    });

    it("a board without its rules or targets (an older JSON) falls back to this month's", () => {
      const json = reportToJson(october()) as { agents: Record<string, unknown>[] };
      for (const a of json.agents) delete a.performanceThreshold;
      expect(novemberWith({ file: "2026-10.json", json }).clawback).toBe(-35000);
    });
  });

  describe("tiers by order count: an order refunded in full is none of the tier's orders, refunded in the month or after", () => {
    const rules = () => {
      const r = defaultRules();
      r.commission = { ...r.commission, basis: "count", tiers: [{ from: 0, rate: 0 }, { from: 3, rate: 0.01 }] };
      return r;
    };
    const october = (fullRefundInOctober: boolean) =>
      buildMonth(
        dataset({
          roster: [agent("KF01", "小美")],
          orders: [
            order({ id: "7001001", note: "KF01", paid: 10000, refund: fullRefundInOctober ? 10000 : 0, paidAt: at("2026-10-05") }),
            order({ id: "7001002", note: "KF01", paid: 900000, paidAt: at("2026-10-06") }),
            order({ id: "7001003", note: "KF01", paid: 900000, paidAt: at("2026-10-07") }),
            order({ id: "7001004", note: "KF01", paid: 900000, paidAt: at("2026-10-08") }),
          ],
        }),
        rules(),
        { month: "2026-10" },
      );

    it("refunded in October: 3 orders with collected sales reach the 3-order tier, 1% of 27,000 (under the 30,000 position allowance)", () => {
      const c = october(true).commission[0];
      expect([c.orderCount, c.tierRate, c.commission]).toEqual([3, 0.01, 27000]);
    });

    it("a 1-yuan refund of another in November: still 3 orders, 0.01 comes back, not the whole tier", () => {
      const oct = october(true);
      const c = buildMonth(dataset({ roster: [agent("KF01", "小美")], refunds: [refund("7001002", 100)] }), rules(), { month: NOV, previous: { file: "2026-10.json", json: reportToJson(oct) } }).commission[0];
      expect(c.clawback).toBe(-1);
    });

    it("refunded in full in November instead: October paid 4 orders' tier on 27,100, the clawback leaves what October pays when refunded in time", () => {
      const oct = october(false);
      expect(oct.commission[0].commission).toBe(27100);
      const c = buildMonth(dataset({ roster: [agent("KF01", "小美")], refunds: [refund("7001001", 10000)] }), rules(), { month: NOV, previous: { file: "2026-10.json", json: reportToJson(oct) } }).commission[0];
      expect(27100 + c.clawback).toBe(october(true).commission[0].commission);
    });

    it("two of three refunded in full in the month: 1 order, below the tier, nothing", () => {
      const data = dataset({
        roster: [agent("KF01", "小美")],
        orders: [
          order({ id: "7002001", note: "KF01", paid: 1000000, refund: 1000000 }),
          order({ id: "7002002", note: "KF01", paid: 1000000, refund: 1000000 }),
          order({ id: "7002003", note: "KF01", paid: 1000000 }),
        ],
      });
      const r = buildMonth(data, rules(), { month: "2026-10" });
      expect([r.commission[0].orderCount, r.commission[0].tierRate, r.commission[0].commission]).toEqual([1, 0, 0]);
      // The board still shows the three credited orders and their refunds.
      expect(r.performance[0].orders).toBe(3);
    });
  });

  it("the board's 订单明细 read as cells gives the same clawback as its JSON", () => {
    const data = dataset({ roster: [agent("KF01", "小美")], orders: [order({ id: "7001234567", note: "KF01", paid: 2500000, paidAt: at("2026-10-20") })] });
    const octReport = buildMonth(data, defaultRules(), { month: "2026-10" });
    const r = buildMonth(dataset({ roster: [agent("KF01", "小美")], refunds: [refund("7001234567", 2500000)] }), defaultRules(), {
      month: NOV,
      previous: asRead(octReport),
    });
    expect(r.commission[0].clawback).toBe(-40000);
  });
});

describe("year-end commission (年终提成) in December, from the year's earlier boards", () => {
  /** A board JSON for `month` crediting KF01 with `collected` cents in one order. */
  const board = (month: string, collected: number) => ({
    file: `${month}.json`,
    json: { month, credited: [{ orderId: `9${month.replace("-", "")}01`, agent: "KF01", paid: collected / 100, shipping: 0, refund: 0, collected: collected / 100 }] },
  });
  const year = (upTo: number, each = 1000000) => Array.from({ length: upTo }, (_, i) => board(`2026-${String(i + 1).padStart(2, "0")}`, each));
  const december = (hiredOn: string | null, boards: ReturnType<typeof board>[], paid = 1000000) =>
    buildMonth(
      dataset({ roster: [{ ...agent("KF01", "小美"), hiredOn }], orders: [order({ id: "99", note: "KF01", paid, paidAt: at("2026-12-10") })] }),
      defaultRules(),
      { month: "2026-12", previous: boards },
    ).commission[0];

  it.each([
    // hired on, months of service, year-end (cents): 12 × 10,000 collected = 120,000 → 1% = 1,200
    ["2026-01-01", 12, 120000],
    ["2025-06-30", 18, 120000],
    ["2026-01-02", 11, 0],
  ])("hired %s: %i months of service → %i", (hiredOn, months, amount) => {
    const c = december(hiredOn, year(11));
    expect(c.yearEnd).toBe(amount);
    expect(c.reasons.find((r) => r.item === "yearEnd")!.zh).toContain(`工龄 ${months} 个月`);
  });

  it("under 12 months but a year's collected of 500,000: paid", () => {
    const c = december("2026-03-01", year(11, 4500000), 500000); // 11 × 45,000 + 5,000 = 500,000
    expect(c.yearEnd).toBe(500000);
    const below = december("2026-03-01", year(11, 4500000), 499999);
    expect(below.yearEnd).toBe(0);
  });

  it("months without a board are named, nothing guessed", () => {
    const c = december("2020-01-01", year(11).filter((b) => b.json.month !== "2026-04" && b.json.month !== "2026-07"));
    expect(c.yearEnd).toBe(0);
    expect(c.reasons.find((r) => r.item === "yearEnd")!.zh).toBe("年终提成 未计：缺少本年 2026-04、2026-07 的看板（--previous）");
  });

  it("last month's board counts as the clawback corrected it", () => {
    const boards = year(11);
    const r = buildMonth(
      dataset({ roster: [{ ...agent("KF01", "小美"), hiredOn: "2020-01-01" }], orders: [order({ id: "99", note: "KF01", paid: 1000000, paidAt: at("2026-12-10") })], refunds: [{ orderId: "920261101", amount: 1000000, status: "退款成功", completedAt: at("2026-12-02"), source: { file: "r.csv", sheet: "r", row: 2 } }] }),
      defaultRules(),
      { month: "2026-12", previous: boards },
    ).commission[0];
    expect(r.yearEnd).toBe(110000); // November's 10,000 refunded: 110,000 × 1%
  });
});

describe("quarterly commission (季度提成) from the quarter's earlier boards, corrected", () => {
  const board = (month: string, collected: number) => ({
    file: `${month}.json`,
    json: { month, credited: [{ orderId: `9${month.replace("-", "")}01`, agent: "KF01", paid: collected / 100, shipping: 0, refund: 0, collected: collected / 100 }] },
  });
  /** September with this month's orders only; July and August from `boards`. */
  const september = (boards: ReturnType<typeof board>[], refunds: Refund[] = []) =>
    buildMonth(
      dataset({ roster: [agent("KF01", "小美")], orders: [order({ id: "99", note: "KF01", paid: 2000000, paidAt: at("2026-09-10") })], refunds }),
      defaultRules(),
      { month: "2026-09", previous: boards },
    ).commission[0];

  it("the quarter's earlier months come from their boards: 20,000 + 20,000 + 20,000 = 60,000 → 1% = 600", () => {
    const c = september([board("2026-07", 2000000), board("2026-08", 2000000)]);
    expect(c.quarterlyCollected).toBe(6000000);
    expect(c.quarterly).toBe(60000);
  });

  it("last month's board as the clawback corrected it: August's order refunded by 1 yuan drops the quarter below 60,000", () => {
    const refunds: Refund[] = [{ orderId: "920260801", amount: 100, status: "退款成功", completedAt: at("2026-09-02"), source: { file: "r.csv", sheet: "r", row: 2 } }];
    const c = september([board("2026-07", 2000000), board("2026-08", 2000000)], refunds);
    expect(c.quarterlyCollected).toBe(5999900);
    expect(c.quarterly).toBe(0);
  });

  describe("an older month's refund recovered by the next board counts after the refund, not twice", () => {
    // July credits 30,000; August recovers a 10,000 refund of it (its clawback line) — so in
    // September the quarter is 20,000 + 20,000 + 15,000 = 55,000 < 60,000: no quarterly commission.
    // Taking July's board as credited (65,000 → 650) pays commission on the sales August took back.
    const roster = [agent("KF01", "小美")];
    const july = buildMonth(dataset({ roster, orders: [order({ id: "7001001", note: "KF01", paid: 3000000, paidAt: at("2026-07-20") })] }), defaultRules(), { month: "2026-07" });
    const julyJson = reportToJson(july);
    const augustData = dataset({
      roster,
      orders: [order({ id: "8001001", note: "KF01", paid: 2000000, paidAt: at("2026-08-10") })],
      refunds: [{ orderId: "7001001", amount: 1000000, status: "退款成功", completedAt: at("2026-08-03"), source: { file: "r.csv", sheet: "r", row: 2 } }],
    });
    const august = buildMonth(augustData, defaultRules(), { month: "2026-08", previous: [{ file: "2026-07.json", json: julyJson }] });
    const septemberFrom = (previous: Parameters<typeof buildMonth>[2]["previous"]) =>
      buildMonth(dataset({ roster, orders: [order({ id: "9001001", note: "KF01", paid: 1500000, paidAt: at("2026-09-10") })] }), defaultRules(), { month: "2026-09", previous }).commission[0];

    it("August recovered the refund (the premise)", () => {
      expect(august.commission[0].clawbackOrders).toEqual([expect.objectContaining({ orderId: "7001001", before: 3000000, after: 2000000 })]);
    });

    it.each([
      ["boards as JSON", () => [{ file: "2026-07.json", json: julyJson }, { file: "2026-08.json", json: reportToJson(august) }]],
      ["boards as workbooks", () => [asRead(july), asRead(august)]],
    ])("%s", (_n, boards) => {
      const c = septemberFrom(boards());
      expect(c.quarterlyCollected).toBe(5500000);
      expect(c.quarterly).toBe(0);
    });

    it("the same in December's year-end: the year's collected takes the order after its refund", () => {
      const months = Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
      const empty = (m: string) => ({ file: `${m}.json`, json: { month: m, credited: [] } });
      const boards = months.map((m) => (m === "2026-07" ? { file: "2026-07.json", json: julyJson } : m === "2026-08" ? { file: "2026-08.json", json: reportToJson(august) } : empty(m)));
      const c = buildMonth(dataset({ roster: [{ ...agent("KF01", "小美"), hiredOn: "2020-01-01" }] }), defaultRules(), { month: "2026-12", previous: boards }).commission[0];
      expect(c.yearEnd).toBe(40000); // (20,000 + 20,000) × 1%, not (30,000 + 20,000) × 1%
    });
  });

  it("a month with neither orders nor a board is named, nothing guessed", () => {
    const c = september([board("2026-08", 2000000)]);
    expect(c.quarterly).toBe(0);
    expect(c.reasons.find((r) => r.item === "quarterly")!.zh).toBe("季度提成 未计：订单数据未覆盖整个季度，也没有 2026-07 的看板（--previous）");
  });
});

describe("rewards (奖励)", () => {
  it.each([
    ["带教奖励", "第一名 小新入职最快", null, 15000],
    ["带教奖励", "第二名", null, 10000],
    ["带教奖励", "第3名", null, 5000],
    ["好评奖励", "", 2000, 2000],
  ])("%s %s → %s", (kind, remark, amount, paid) => {
    const data = dataset({ roster: [agent("KF01", "小美")], incidents: [incident("KF01", "2026-11-20", kind, { remark, loss: amount })] });
    const r = buildMonth(data, defaultRules(), { month: NOV });
    expect(r.commission[0].rewards).toBe(paid);
    expect(r.penalties).toEqual([]);
    expect(r.problems.map((p) => p.code)).not.toContain("incident.rule.unknown");
  });

  it("a trainer reward without its place is a located warning, not paid", () => {
    const data = dataset({ roster: [agent("KF01", "小美")], incidents: [incident("KF01", "2026-11-20", "带教奖励")] });
    const r = buildMonth(data, defaultRules(), { month: NOV });
    expect(r.commission[0].rewards).toBe(0);
    expect(r.problems.find((p) => p.code === "reward.amount.missing")).toMatchObject({ sheet: "违规记录", column: "备注" });
  });
});
