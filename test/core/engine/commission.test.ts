import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import type { Rules } from "../../../src/core/rules/types";
import { agent, at, dataset, incident, order, perfectMonth, shift } from "./build";

const OCT = { month: "2026-10" };

/** One agent KF01 with one order of `paid` cents (refund optional), a perfect month. */
function oneAgent(paid: number, refund = 0, rules: Rules = defaultRules()) {
  const data = dataset({
    roster: [agent("KF01", "小美")],
    orders: [order({ id: "9001", note: "KF01", paid, refund })],
    shifts: perfectMonth("KF01"),
  });
  return buildMonth(data, rules, OCT).commission[0];
}

describe("commission on collected, whole amount (全额) at each boundary", () => {
  it.each([
    [1999999, 0, 0],
    [2000000, 0.01, 20000],
    [4999999, 0.01, 50000],
    [5000000, 0.02, 100000],
    [7999999, 0.02, 160000],
    [8000000, 0.025, 200000],
    [9999999, 0.025, 250000],
    [10000000, 0.028, 280000],
  ])("collected %i → rate %d, commission %i", (paid, rate, commission) => {
    const c = oneAgent(paid);
    expect(c.collected).toBe(paid);
    expect(c.tierRate).toBe(rate);
    expect(c.commission).toBe(commission);
  });
});

describe("marginal mode (超额累进) through the engine", () => {
  it.each([
    [1999999, 0],
    [2000000, 0],
    [4999999, 30000],
    [5000000, 30000],
    [7999999, 90000],
    [8000000, 90000],
    [9999999, 140000],
    [10000000, 140000],
  ])("collected %i → commission %i", (paid, commission) => {
    const rules = defaultRules();
    rules.commission.mode = "marginal";
    expect(oneAgent(paid, 0, rules).commission).toBe(commission);
  });
});

describe("pay items", () => {
  it("a refund that drops an agent below a tier drops the rate", () => {
    const before = oneAgent(5000000);
    const after = oneAgent(5000000, 1); // 49,999.99 collected
    expect(before.tierRate).toBe(0.02);
    expect(after.collected).toBe(4999999);
    expect(after.tierRate).toBe(0.01);
    expect(after.commission).toBe(50000);
  });

  it.each([
    [999999, 0],
    [1000000, 15000], // exactly 50% of the 20,000 target
  ])("performance bonus: collected %i → %i", (paid, bonus) => {
    expect(oneAgent(paid).performanceBonus).toBe(bonus);
  });

  it("uses the roster's own monthly target", () => {
    const data = dataset({
      roster: [agent("KF01", "小美", "", 2, 4000000)],
      orders: [order({ id: "1", note: "KF01", paid: 1999999 })],
    });
    const c = buildMonth(data, defaultRules(), OCT).commission[0];
    expect(c.performanceBonus).toBe(0); // 19,999.99 < 50% of 40,000
    const data2 = { ...data, orders: [order({ id: "1", note: "KF01", paid: 2000000 })] };
    expect(buildMonth(data2, defaultRules(), OCT).commission[0].performanceBonus).toBe(15000);
  });

  it.each([
    [2999999, 0],
    [3000000, 30000],
  ])("position allowance: collected %i → %i", (paid, allowance) => {
    expect(oneAgent(paid).positionAllowance).toBe(allowance);
  });

  it("adds up net pay from every item, with the hand-computed figures", () => {
    // 27 working days (Sundays off), 30,000.00 collected: base 1600 + lunch 189 + full 50 +
    // performance 150 + execution 100 + position 300 + commission 300 = 2,689.00
    const c = oneAgent(3000000);
    expect(c.daysWorked).toBe(27);
    expect(c.lunch).toBe(18900);
    expect(c.fullAttendance).toBe(5000);
    expect(c.executionBonus).toBe(10000);
    expect(c.commission).toBe(30000);
    expect(c.netPay).toBe(268900);
    expect(c.reasons.map((r) => r.item)).toEqual([
      "base",
      "lunch",
      "fullAttendance",
      "performanceBonus",
      "executionBonus",
      "positionAllowance",
      "commission",
      "quarterly",
      "fines",
    ]);
    expect(c.orderIds).toEqual(["9001"]);
  });

  it("deducts fines, applies the manager's adjustment by the row id", () => {
    const data = dataset({
      roster: [agent("KF01", "小美")],
      orders: [order({ id: "1", note: "KF01", paid: 3000000 })],
      shifts: perfectMonth("KF01"),
      incidents: [incident("KF01", "2026-10-08", "cleaning")],
    });
    const r = buildMonth(data, defaultRules(), { month: "2026-10", manager: { "C-2026-10-KF01": { adjustment: -5000, remark: "借支" } } });
    const c = r.commission[0];
    expect(c.fines).toBe(1000);
    expect(c.executionBonus).toBe(0);
    expect(c.reasons.find((x) => x.item === "executionBonus")!.zh).toBe("执行奖 0：10-08 未做值日");
    expect(c.adjustment).toBe(-5000);
    expect(c.remark).toBe("借支");
    expect(c.netPay).toBe(268900 - 10000 - 1000 - 5000);
  });
});

describe("full-attendance bonus (全勤奖) breaks", () => {
  const day = "2026-10-05"; // a Monday
  it.each([
    ["late", shift("KF01", day, "白班", "08:31", "17:30"), "全勤奖 0：10-05 迟到 1 次", "late once on 10-05"],
    ["early", shift("KF01", day, "白班", "08:30", "17:00"), "全勤奖 0：10-05 早退 1 次", "left early once on 10-05"],
    ["absence", shift("KF01", day, "白班", null, null), "全勤奖 0：10-05 旷工 1 次", "absent once on 10-05"],
    ["missing punch", shift("KF01", day, "白班", "08:20", null), "全勤奖 0：10-05 缺卡 1 次", "missing punch once on 10-05"],
    ["leave", shift("KF01", day, "白班", null, null, { leaveDays: 1 }), "全勤奖 0：10-05 请假 1 次", "on leave once on 10-05"],
    ["sick", shift("KF01", day, "白班", null, null, { sickDays: 1 }), "全勤奖 0：10-05 病假 1 次", "on sick leave once on 10-05"],
  ])("%s", (_name, sd, zh, en) => {
    const data = dataset({ roster: [agent("KF01", "小美")], shifts: [...perfectMonth("KF01", [day]), sd] });
    const c = buildMonth(data, defaultRules(), OCT).commission[0];
    expect(c.fullAttendance).toBe(0);
    const reason = c.reasons.find((r) => r.item === "fullAttendance")!;
    expect(reason.zh).toBe(zh);
    expect(reason.en).toBe(`no full-attendance bonus: ${en}`);
  });

  it("an export marking both punches 缺卡: not worked, no full-attendance bonus", () => {
    const sd = shift("KF01", day, "白班", null, null, { inV: "missing", outV: "missing" });
    const data = dataset({ roster: [agent("KF01", "小美")], shifts: [...perfectMonth("KF01", [day]), sd] });
    const c = buildMonth(data, defaultRules(), OCT).commission[0];
    expect(c.daysWorked).toBe(26);
    expect(c.fullAttendance).toBe(0);
    expect(c.reasons.find((r) => r.item === "fullAttendance")!.zh).toBe("全勤奖 0：10-05 缺卡 1 次");
  });

  it("several breaks read by kind, with their dates", () => {
    const data = dataset({
      roster: [agent("KF01", "小美")],
      shifts: [
        ...perfectMonth("KF01", ["2026-10-05", "2026-10-06", "2026-10-07"]),
        shift("KF01", "2026-10-05", "白班", "08:40", "17:30"),
        shift("KF01", "2026-10-06", "白班", "08:45", "17:10"),
        shift("KF01", "2026-10-07", "白班", "10:00", "17:30", { inV: "seriousLate", outV: "normal" }),
      ],
    });
    const reason = buildMonth(data, defaultRules(), OCT).commission[0].reasons.find((r) => r.item === "fullAttendance")!;
    expect(reason.zh).toBe("全勤奖 0：迟到 2 次（10-05、10-06）；10-07 严重迟到 1 次；10-06 早退 1 次");
    expect(reason.en).toBe("no full-attendance bonus: late 2 times (10-05, 10-06); seriously late once on 10-07; left early once on 10-06");
  });

  it("a missing punch still counts as a day worked; absence and rest do not", () => {
    const data = dataset({
      roster: [agent("KF01", "小美")],
      shifts: [
        shift("KF01", "2026-10-05", "白班", "08:20", null),
        shift("KF01", "2026-10-06", "白班", null, null),
        shift("KF01", "2026-10-07", null, null, null),
        shift("KF01", "2026-10-08", "晚班", "17:20", "01:05", { outNextDay: true }),
      ],
    });
    const c = buildMonth(data, defaultRules(), OCT).commission[0];
    expect(c.daysWorked).toBe(2);
    expect(c.lunch).toBe(1400);
  });

  it("no attendance rows: no bonus, said so", () => {
    const data = dataset({ roster: [agent("KF01", "小美")] });
    const c = buildMonth(data, defaultRules(), OCT).commission[0];
    expect(c.fullAttendance).toBe(0);
    expect(c.reasons.find((r) => r.item === "fullAttendance")!.en).toMatch(/no attendance records/);
  });
});

describe("quarterly commission", () => {
  const quarterData = (months: string[], paidEach: number) =>
    dataset({
      roster: [agent("KF01", "小美")],
      orders: months.map((m, i) => order({ id: String(500 + i), note: "KF01", paid: paidEach, paidAt: at(`${m}-15`) })),
    });
  it("in a quarter's last month with the whole quarter in the data: 1% from 60,000", () => {
    const c = buildMonth(quarterData(["2026-10", "2026-11", "2026-12"], 2000000), defaultRules(), { month: "2026-12" }).commission[0];
    expect(c.quarterlyCollected).toBe(6000000);
    expect(c.quarterly).toBe(60000);
    const below = buildMonth(quarterData(["2026-10", "2026-11", "2026-12"], 1999999), defaultRules(), { month: "2026-12" }).commission[0];
    expect(below.quarterlyCollected).toBe(5999997);
    expect(below.quarterly).toBe(0);
  });
  it("a quarter the data does not cover: null, with the missing month named", () => {
    const c = buildMonth(quarterData(["2026-11", "2026-12"], 5000000), defaultRules(), { month: "2026-12" }).commission[0];
    expect(c.quarterlyCollected).toBeNull();
    expect(c.quarterly).toBe(0);
    expect(c.reasons.find((r) => r.item === "quarterly")!.en).toBe(
      "quarterly commission not computed: the order data does not cover the quarter and there is no board for 2026-10 (--previous)",
    );
  });
  it("not a quarter's last month: nothing, said so", () => {
    const c = buildMonth(quarterData(["2026-10"], 9000000), defaultRules(), OCT).commission[0];
    expect(c.quarterlyCollected).toBeNull();
    expect(c.reasons.find((r) => r.item === "quarterly")!.zh).toBe("季度提成 0：本月不是季末月");
  });
});

describe("tiers by order count", () => {
  it("uses the agent's counted orders and caps the rate", () => {
    const rules = defaultRules();
    rules.commission = { ...rules.commission, basis: "count", tiers: [{ from: 0, rate: 0 }, { from: 100, rate: 0.1 }, { from: 200, rate: 0.13 }, { from: 500, rate: 0.6 }], maxRate: 0.5 };
    const orders = Array.from({ length: 500 }, (_, i) => order({ id: String(10000 + i), note: "KF01", paid: 1000 }));
    const c = buildMonth(dataset({ roster: [agent("KF01", "小美")], orders }), rules, OCT).commission[0];
    expect(c.orderCount).toBe(500);
    expect(c.tierRate).toBe(0.5);
    expect(c.commission).toBe(250000);
  });
});
