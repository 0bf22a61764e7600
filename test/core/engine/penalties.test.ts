import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { agent, dataset, incident, order, shift } from "./build";
import { rulesFromRows, rulesToRows } from "../../../src/core/rules/sheet";

const OCT = { month: "2026-10" };
const roster = [agent("KF01", "小美", "", 2), agent("KF02", "阿强", "", 3)];

describe("complaint escalation (投诉) within the calendar month", () => {
  it("1st 50, 2nd 100, 3rd dismissal flag with amount 0", () => {
    const data = dataset({
      roster,
      incidents: [incident("KF01", "2026-10-20", "投诉"), incident("KF01", "2026-10-03", "客户投诉"), incident("KF01", "2026-10-11", "complaint")],
    });
    const r = buildMonth(data, defaultRules(), OCT);
    expect(r.penalties.map((p) => [p.date, p.occurrence, p.amount, p.dismissal])).toEqual([
      ["2026-10-03", 1, 5000, false],
      ["2026-10-11", 2, 10000, false],
      ["2026-10-20", 3, 0, true],
    ]);
    expect(r.fund).toBe(15000);
    expect(r.commission[0].dismissal).toBe(true);
    expect(r.performance.find((p) => p.agent.staffNo === "KF01")!.complaints).toBe(3);
  });

  it("across two months the count restarts: Sept 2 + Oct 1 → Oct's is the 1st", () => {
    const data = dataset({
      roster,
      incidents: [incident("KF01", "2026-09-10", "投诉"), incident("KF01", "2026-09-28", "投诉"), incident("KF01", "2026-10-02", "投诉")],
    });
    const oct = buildMonth(data, defaultRules(), OCT);
    expect(oct.penalties.map((p) => [p.date, p.occurrence, p.amount])).toEqual([["2026-10-02", 1, 5000]]);
    const sep = buildMonth(data, defaultRules(), { month: "2026-09" });
    expect(sep.penalties.map((p) => [p.occurrence, p.amount, p.dismissal])).toEqual([
      [1, 5000, false],
      [2, 10000, false],
    ]);
  });

  it("counts per agent: two agents' complaints do not escalate each other", () => {
    const data = dataset({ roster, incidents: [incident("KF01", "2026-10-03", "投诉"), incident("KF02", "2026-10-04", "投诉")] });
    expect(buildMonth(data, defaultRules(), OCT).penalties.map((p) => p.amount)).toEqual([5000, 5000]);
  });
});

describe("fines from incidents", () => {
  it.each([
    ["off_task", null, 1000],
    ["值日", null, 1000],
    ["泄露联系方式", null, 1000],
    ["生产延误", null, 2000],
    ["备注错误(生产前发现)", null, 2000],
    ["note_error_after", null, 5000],
    ["备注错误损失", 50000, 5000],
    ["备注错误损失", 50001, 50001],
    ["未核对收货信息", null, 2000],
  ])("%s (loss %p) → %i", (rule, loss, amount) => {
    const data = dataset({ roster, incidents: [incident("KF02", "2026-10-09", rule, { loss })] });
    const r = buildMonth(data, defaultRules(), OCT);
    expect(r.penalties).toHaveLength(1);
    expect(r.penalties[0].amount).toBe(amount);
    expect(r.fund).toBe(amount);
  });

  it("an unknown kind or a missing agent is a located warning, not a fine", () => {
    const data = dataset({ roster, incidents: [incident("KF01", "2026-10-09", "睡觉"), incident("", "2026-10-09", "投诉")] });
    const r = buildMonth(data, defaultRules(), OCT);
    expect(r.penalties).toHaveLength(0);
    const codes = r.problems.map((p) => [p.code, p.row, p.value]);
    expect(codes).toContainEqual(["incident.rule.unknown", r.problems.find((p) => p.code === "incident.rule.unknown")!.row, "睡觉"]);
    expect(r.problems.some((p) => p.code === "incident.agent.missing" && p.zh.length > 0 && p.en.length > 0)).toBe(true);
  });
});

describe("lateness and early leave from attendance", () => {
  it("a night-shift clock-out after midnight: 00:55 is 5 minutes early, 01:30 is overtime", () => {
    const data = dataset({
      roster,
      shifts: [
        shift("KF01", "2026-10-05", "晚班", "17:30", "00:55", { outNextDay: true }),
        shift("KF01", "2026-10-06", "晚班", "17:25", "01:30", { outNextDay: true }),
        // an export that wrote the after-midnight time on the shift's own date
        shift("KF01", "2026-10-07", "晚班", "17:25", "00:50"),
      ],
    });
    const r = buildMonth(data, defaultRules(), OCT);
    expect(r.penalties.map((p) => [p.date, p.rule, p.amount])).toEqual([
      ["2026-10-05", "early", 1000],
      ["2026-10-07", "early", 1000],
    ]);
    expect(r.penalties[0].detail).toContain("早退 5 分钟");
    expect(r.penalties[1].detail).toContain("早退 10 分钟");
    expect(r.performance.find((p) => p.agent.staffNo === "KF01")!.earlyCount).toBe(2);
    expect(r.commission[0].daysWorked).toBe(3);
  });

  it("严重迟到 counts as late and is fined once, by its own rule", () => {
    const rules = defaultRules();
    rules.fines.serious_late.amounts = [3000];
    const data = dataset({
      roster,
      shifts: [
        shift("KF01", "2026-10-05", "白班", "09:40", "17:30", { inV: "seriousLate", outV: "normal" }),
        shift("KF01", "2026-10-06", "白班", "08:40", "17:30"),
      ],
    });
    const r = buildMonth(data, rules, OCT);
    expect(r.penalties.map((p) => [p.date, p.rule, p.amount])).toEqual([
      ["2026-10-05", "serious_late", 3000],
      ["2026-10-06", "late", 1000],
    ]);
    expect(r.performance.find((p) => p.agent.staffNo === "KF01")!.lateCount).toBe(2);
  });

  it("the export's verdict wins over the times", () => {
    const data = dataset({
      roster,
      shifts: [
        shift("KF01", "2026-10-05", "白班", "08:45", "17:30", { inV: "normal", outV: "normal" }), // app allowed it
        shift("KF01", "2026-10-06", "白班", "08:20", "17:30", { inV: "late", outV: "normal", lateMinutes: 3 }),
      ],
    });
    const r = buildMonth(data, defaultRules(), OCT);
    expect(r.penalties.map((p) => [p.date, p.rule])).toEqual([["2026-10-06", "late"]]);
    expect(r.penalties[0].detail).toContain("迟到 3 分钟");
  });

  it("an export without a schedule: its verdicts and punches still count", () => {
    const data = dataset({
      roster,
      shifts: [
        shift("KF01", "2026-10-05", null, "08:40", "17:30", { inV: "late", outV: "normal", lateMinutes: 10 }),
        shift("KF01", "2026-10-06", null, "08:20", "17:30"), // no verdict, no shift: worked, not judged
        shift("KF01", "2026-10-07", null, null, null, { inV: "rest", outV: "rest" }),
        shift("KF01", "2026-10-08", null, null, null),
      ],
    });
    const r = buildMonth(data, defaultRules(), OCT);
    expect(r.penalties.map((p) => [p.date, p.rule])).toEqual([["2026-10-05", "late"]]);
    expect(r.commission[0].daysWorked).toBe(2);
  });

  it("grace minutes from the rules", () => {
    const rules = defaultRules();
    rules.shifts.graceMinutes = 5;
    const data = dataset({ roster, shifts: [shift("KF01", "2026-10-05", "白班", "08:35", "17:25"), shift("KF01", "2026-10-06", "白班", "08:36", "17:30")] });
    expect(buildMonth(data, rules, OCT).penalties.map((p) => [p.date, p.rule])).toEqual([["2026-10-06", "late"]]);
  });

  it("a shift named like a rules shift takes the rules' times", () => {
    const rules = defaultRules();
    rules.shifts.day.start = 9 * 60;
    const data = dataset({ roster, shifts: [shift("KF01", "2026-10-05", "白班", "08:50", "17:30")] });
    expect(buildMonth(data, rules, OCT).penalties).toHaveLength(0);
  });
});

describe("waivers and stable ids", () => {
  const data = () =>
    dataset({
      roster,
      incidents: [incident("KF01", "2026-10-03", "投诉"), incident("KF01", "2026-10-11", "投诉")],
      // KF01 on time one day: an agent the attendance shows not one day at work earns no execution bonus.
      shifts: [shift("KF02", "2026-10-05", "白班", "08:40", "17:30"), shift("KF01", "2026-10-06", "白班", "08:25", "17:35")],
    });

  it("ids read rule, agent and date", () => {
    expect(buildMonth(data(), defaultRules(), OCT).penalties.map((p) => p.id)).toEqual([
      "P-complaint-KF01-20261003",
      "P-late-KF02-20261005",
      "P-complaint-KF01-20261011",
    ]);
  });

  it("a waived fine keeps its row, id and occurrence but counts 0; the fund drops it", () => {
    const r = buildMonth(data(), defaultRules(), { month: "2026-10", manager: { "P-complaint-KF01-20261003": { waived: true, remark: "客户撤诉" } } });
    const row = r.penalties.find((p) => p.id === "P-complaint-KF01-20261003")!;
    expect([row.waived, row.amount, row.effective, row.remark, row.occurrence]).toEqual([true, 5000, 0, "客户撤诉", 1]);
    expect(r.penalties.find((p) => p.id === "P-complaint-KF01-20261011")!.amount).toBe(10000);
    expect(r.fund).toBe(10000 + 1000);
    expect(r.commission.find((c) => c.agent.staffNo === "KF01")!.fines).toBe(10000);
  });

  it("execution bonus comes back when every violation is waived", () => {
    const m = { "P-complaint-KF01-20261003": { waived: true }, "P-complaint-KF01-20261011": { waived: true } };
    const c = buildMonth(data(), defaultRules(), { month: "2026-10", manager: m }).commission.find((x) => x.agent.staffNo === "KF01")!;
    expect(c.executionBonus).toBe(10000);
    expect(c.fines).toBe(0);
  });

  it("rows inserted elsewhere in a source do not change any id", () => {
    const before = buildMonth(data(), defaultRules(), OCT).penalties.map((p) => p.id);
    const d = data();
    // an earlier row in the incidents sheet and an attendance row on another day
    d.incidents = [incident("KF02", "2026-10-20", "值日", { source: { file: "incidents.xlsx", sheet: "违规记录", row: 1 } }), ...d.incidents.map((i) => ({ ...i, source: { ...i.source, row: i.source.row + 1 } }))];
    d.shifts.push(shift("KF02", "2026-10-06", "白班", "08:29", "17:31"));
    const after = buildMonth(d, defaultRules(), OCT).penalties.map((p) => p.id);
    expect(after.filter((id) => before.includes(id))).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
  });

  it("same-day duplicates get ordinals among identical keys", () => {
    const d = dataset({ roster, incidents: [incident("KF01", "2026-10-03", "投诉", { remark: "b" }), incident("KF01", "2026-10-03", "投诉", { remark: "a" })] });
    const r = buildMonth(d, defaultRules(), OCT);
    expect(r.penalties.map((p) => [p.id, p.occurrence, p.detail])).toEqual([
      ["P-complaint-KF01-20261003", 1, "投诉：a"],
      ["P-complaint-KF01-20261003-2", 2, "投诉：b"],
    ]);
  });
});

describe("credit removal (扣除该单业绩)", () => {
  it("a production delay naming an order removes that order's collected sales", () => {
    const data = dataset({
      roster,
      orders: [order({ id: "7001", note: "KF01", paid: 3000000 }), order({ id: "7002", note: "KF01", paid: 100000 })],
      incidents: [incident("KF01", "2026-10-12", "生产延误", { orderId: "7001" })],
    });
    const r = buildMonth(data, defaultRules(), OCT);
    const removed = r.counted.find((c) => c.order.id === "7001")!;
    expect(removed.collected).toBe(0);
    expect(removed.creditRemovedBy).toBe("P-production_delay-KF01-20261012-7001");
    const c = r.commission.find((x) => x.agent.staffNo === "KF01")!;
    expect(c.collected).toBe(100000);
    expect(c.positionAllowance).toBe(0);
    expect(c.fines).toBe(2000);
    expect(r.performance.find((p) => p.agent.staffNo === "KF01")!.orders).toBe(1);
    expect(r.shopCollected).toBe(100000);
    expect(r.days[9].trace.creditRemoved).toEqual(["7001"]);
  });

  it("an incident naming an order the data lacks is a warning", () => {
    const data = dataset({ roster, incidents: [incident("KF01", "2026-10-12", "未核对收货信息", { orderId: "404" })] });
    const r = buildMonth(data, defaultRules(), OCT);
    expect(r.problems.find((p) => p.code === "incident.order.unknown")!.value).toBe("404");
    expect(r.penalties[0].amount).toBe(2000);
  });
});

describe("a ladder the manager wrote in the rules sheet (规则: 10 / 20/30, 开除起始次数 4)", () => {
  // Read through the sheet, as `--rules` reads it: first 10, then 20, 30 (the last repeating), the 4th dismisses.
  const rules = () => {
    const rows = rulesToRows(defaultRules());
    const i = rows.findIndex((r) => r[1] === "fine.off_task");
    rows[i][2] = 10;
    rows[i][3] = "20/30";
    rows[i][4] = 4;
    rows[rows.findIndex((r) => r[1] === "fine.cleaning")][2] = 0;
    const read = rulesFromRows(rows, { file: "规则.xlsx", sheet: "规则" });
    expect(read.problems.filter((p) => p.severity !== "info")).toEqual([]);
    return read.rules;
  };
  // The month's first day twice, the 15th, the last day twice: occurrences 1–5 in date order.
  const data = () =>
    dataset({
      roster,
      incidents: [
        incident("KF02", "2026-10-31", "玩游戏", { remark: "e" }),
        incident("KF02", "2026-10-01", "玩游戏", { remark: "a" }),
        incident("KF02", "2026-10-15", "玩游戏", { remark: "c" }),
        incident("KF02", "2026-10-01", "玩游戏", { remark: "b" }),
        incident("KF02", "2026-10-31", "玩游戏", { remark: "d" }),
        incident("KF01", "2026-10-10", "值日"),
      ],
    });

  it.each([
    // waived ids, [occurrence, amount, dismissal, effective] of KF02's five, fund (cents)
    ["nothing waived", [], [[1, 1000, false, 1000], [2, 2000, false, 2000], [3, 3000, false, 3000], [4, 0, true, 0], [5, 0, true, 0]], 6000],
    // A waived breach is still the month's breach (its occurrence stays): the next one is not cheaper.
    ["the 2nd waived", ["P-off_task-KF02-20261001-2"], [[1, 1000, false, 1000], [2, 2000, false, 0], [3, 3000, false, 3000], [4, 0, true, 0], [5, 0, true, 0]], 4000],
  ])("%s", (_n, waived, expected, fund) => {
    const manager = Object.fromEntries(waived.map((id) => [id, { waived: true }]));
    const r = buildMonth(data(), rules(), { month: "2026-10", manager });
    const mine = r.penalties.filter((p) => p.agent.staffNo === "KF02");
    expect(mine.map((p) => [p.occurrence, p.amount, p.dismissal, p.effective])).toEqual(expected);
    expect(mine.map((p) => p.date)).toEqual(["2026-10-01", "2026-10-01", "2026-10-15", "2026-10-31", "2026-10-31"]);
    // The 0-yuan rule is still a breach on the ledger: no execution bonus, no fund.
    const zero = r.penalties.filter((p) => p.agent.staffNo === "KF01");
    expect(zero.map((p) => [p.rule, p.amount])).toEqual([["cleaning", 0]]);
    expect(r.commission.find((c) => c.agent.staffNo === "KF01")!.executionBonus).toBe(0);
    expect(r.fund).toBe(fund);
  });

  it("the dismissal reason names the rule that dismissed, not 投诉", () => {
    const c = buildMonth(data(), rules(), OCT).commission.find((x) => x.agent.staffNo === "KF02")!;
    expect(c.dismissal).toBe(true);
    const why = c.reasons.find((x) => x.item === "dismissal")!;
    expect(why.zh).toBe("自动离职标记：本月「上班做与工作无关的事」第 4 次达到开除次数");
    expect(why.en).toBe('dismissal flag: "上班做与工作无关的事" breach 4 reached the dismissal count this month');
  });
});
