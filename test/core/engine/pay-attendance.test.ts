/**
 * Attendance-aware pay (issue 13): employment period, scheduled / worked / absent days, base pay
 * prorated, the full-attendance bonus's conditions, probation; and the note-error loss rule.
 * November 2026 has 30 days, five Sundays (1, 8, 15, 22, 29): a full schedule of 25 from a file
 * that states the Sundays as rest, 26 (30 − ⌊30/7⌋) where it does not cover the month.
 */
import { buildMonth } from "../../../src/core/engine";
import type { Agent, ShiftDay } from "../../../src/core/model";
import { defaultRules } from "../../../src/core/rules/defaults";
import { buildWorkbookSpec } from "../../../src/core/sheets";
import type { Rules } from "../../../src/core/rules/types";
import { agent, at, dataset, incident, shift } from "./build";

const NOV = { month: "2026-11" };

/** Day-shift rows for the given November days, on time; Sundays as rest rows (unless `noRest`). */
function november(staffNo: string, from = 1, to = 30, opts: { skip?: number[]; noRest?: boolean } = {}): ShiftDay[] {
  const out: ShiftDay[] = [];
  for (let d = from; d <= to; d++) {
    if (opts.skip?.includes(d)) continue;
    const date = `2026-11-${String(d).padStart(2, "0")}`;
    const sunday = new Date(at(date)).getUTCDay() === 0;
    if (sunday && opts.noRest) continue;
    out.push(sunday ? shift(staffNo, date, null, null, null) : shift(staffNo, date, "白班", "08:25", "17:35"));
  }
  return out;
}

function pay(roster: Partial<Agent>, shifts: ShiftDay[], rules: Rules = defaultRules(), month = NOV) {
  const data = dataset({ roster: [{ ...agent("KF01", "小美"), ...roster }], shifts });
  const r = buildMonth(data, rules, month);
  return { c: r.commission[0], problems: r.problems };
}

describe("employment period and base pay (底薪 按出勤)", () => {
  it.each([
    // hired on, rows from, scheduled, worked, absent, base paid (cents), full-attendance bonus
    ["the 1st", "2026-11-01", 1, 25, 25, 0, 160000, 5000],
    ["the 15th (a Sunday)", "2026-11-15", 15, 13, 13, 0, 80000, 0], // 13 of a 26-day schedule: half
    ["the 16th", "2026-11-16", 16, 13, 13, 0, 80000, 0],
    ["the last day", "2026-11-30", 30, 1, 1, 0, 6154, 0], // 1600 × 1 ÷ 26 = 61.538…
  ])("hired on %s", (_n, hiredOn, from, scheduled, worked, absent, base, full) => {
    const { c } = pay({ hiredOn }, november("KF01", from));
    expect([c.scheduledDays, c.workedDays, c.absentDays]).toEqual([scheduled, worked, absent]);
    expect(c.basePay).toBe(base);
    expect(c.fullAttendance).toBe(full);
    expect(c.lunch).toBe(worked * 700);
  });

  it("a hire on the 16th is told why there is no full-attendance bonus", () => {
    const { c } = pay({ hiredOn: "2026-11-16" }, november("KF01", 16));
    expect(c.reasons.find((r) => r.item === "fullAttendance")!.zh).toBe("全勤奖 0：本月在职 11-16–11-30，未满整月");
    expect(c.reasons.find((r) => r.item === "base")!.zh).toBe("底薪 1,600.00 × 出勤 13 ÷ 满勤 26 天 = 800.00");
  });

  it("leaving mid-month: days after 离职日期 are neither scheduled nor paid, even with punches", () => {
    const { c } = pay({ leftOn: "2026-11-14" }, november("KF01"));
    // Period 1–14, rest 1 and 8 → 12 scheduled, 12 worked; 1600 × 12 ÷ 25 = 768.
    expect([c.scheduledDays, c.workedDays, c.absentDays]).toEqual([12, 12, 0]);
    expect(c.basePay).toBe(76800);
    expect(c.lunch).toBe(12 * 700);
    expect(c.fullAttendance).toBe(0);
  });

  it("a clean full month pays exactly the base", () => {
    const { c, problems } = pay({}, november("KF01"));
    expect([c.scheduledDays, c.workedDays, c.absentDays, c.fullSchedule]).toEqual([25, 25, 0, 25]);
    expect(c.basePay).toBe(160000);
    expect(c.fullAttendance).toBe(5000);
    expect(problems.filter((p) => p.code.startsWith("attendance."))).toEqual([]);
  });

  it("two absences in a 25-day schedule pay 23/25 of the base, each absence named by date", () => {
    const rows = november("KF01", 1, 30, { skip: [3, 4] });
    rows.push(shift("KF01", "2026-11-04", "白班", null, null));
    const { c, problems } = pay({}, rows);
    expect([c.scheduledDays, c.workedDays, c.absentDays]).toEqual([25, 23, 2]);
    expect(c.absentDates).toEqual(["2026-11-03", "2026-11-04"]);
    expect(c.basePay).toBe(147200);
    expect(c.fullAttendance).toBe(0);
    expect(c.reasons.find((r) => r.item === "schedule")!.zh).toBe("在职 11-01–11-30，应出勤 25 天，出勤 23 天，缺勤 2 天（11-03、11-04）");
    // The day with no row at all is also a located warning; the row with no punch is not.
    const missing = problems.filter((p) => p.code === "attendance.day.missing");
    expect(missing).toHaveLength(1);
    expect(missing[0].zh).toContain("11-03");
    expect(missing[0].zh).not.toContain("11-04");
    expect(missing[0].file).toBe("attendance.xlsx");
  });

  it.each([
    // days with no row, scheduled, worked, absent: a day missing at the month's edge is an
    // absence of the schedule the file states, as one in the middle is (base × worked ÷ scheduled)
    ["the last day", [30], 25, 24, 1],
    ["the first working day and the last", [2, 30], 25, 23, 2],
    ["a day in the middle", [10], 25, 24, 1],
    ["the 1st, a Sunday without its rest row", [1], 26, 25, 1],
  ])("an agent employed all month with no row on %s: base × worked ÷ scheduled", (_n, skip, scheduled, worked, absent) => {
    const { c } = pay({}, november("KF01", 1, 30, { skip }));
    expect([c.scheduledDays, c.workedDays, c.absentDays, c.fullSchedule]).toEqual([scheduled, worked, absent, scheduled]);
    expect(c.basePay).toBe(Math.round((160000 * worked) / scheduled));
  });

  it("底薪折算 = 不折算 pays the whole base whatever the attendance", () => {
    const rules = defaultRules();
    rules.pay.baseProration = "none";
    const { c } = pay({}, november("KF01", 1, 10), rules);
    expect(c.basePay).toBe(160000);
    expect(c.absentDays).toBeGreaterThan(0);
  });

  it("probation: the probation base until 试用期至, by calendar days", () => {
    const rules = defaultRules();
    rules.pay.probationBase = 120000;
    const { c } = pay({ probationUntil: "2026-11-15" }, november("KF01"), rules);
    expect(c.basePay).toBe(140000); // (1200 × 15 + 1600 × 15) ÷ 30
    const same = pay({ probationUntil: "2026-11-15" }, november("KF01")); // default: the same base
    expect(same.c.basePay).toBe(160000);
  });
});

describe("execution bonus (执行奖) and the employment period", () => {
  // An agent who left stays in the roster, so stays on the sheet month after month (a clawback
  // may still land there); "no violation" by somebody not employed is not a bonus earned.
  it.each([
    // roster, rows, execution bonus (cents), net pay (cents)
    ["left before the month (10-20)", { leftOn: "2026-10-20" }, [] as ShiftDay[], 0, 0],
    ["hired after the month (12-01)", { hiredOn: "2026-12-01" }, [] as ShiftDay[], 0, 0],
    ["left on the month's first day", { leftOn: "2026-11-01" }, november("KF01", 1, 1), 10000, 10000],
    ["employed the whole month", {}, november("KF01"), 10000, 160000 + 25 * 700 + 5000 + 10000],
  ])("%s", (_n, roster, rows, bonus, net) => {
    const { c } = pay(roster, rows);
    expect(c.executionBonus).toBe(bonus);
    expect(c.netPay).toBe(net);
  });

  // Attendance given for the team, and not a day worked by this agent: a sub-account seen only in
  // the sales export (missing from the roster), or an agent absent all month. No attendance at
  // all judges nobody.
  it.each([
    // who, KF01's rows, KF02's rows, KF01's execution bonus (cents)
    ["no row in the team's attendance", [] as ShiftDay[], november("KF02"), 0],
    ["every scheduled day without a punch", november("KF01").map((d) => ({ ...d, clockIn: null, clockOut: null })), november("KF02"), 0],
    ["one day worked", november("KF01", 1, 30).filter((d) => d.date === "2026-11-02" || d.clockIn === null), november("KF02"), 10000],
    ["no attendance given at all", [] as ShiftDay[], [] as ShiftDay[], 10000],
  ])("%s", (_n, mine, theirs, bonus) => {
    const data = dataset({ roster: [agent("KF01", "小美"), agent("KF02", "小丽", "", 3)], shifts: [...mine, ...theirs] });
    const r = buildMonth(data, defaultRules(), NOV);
    const c = r.commission.find((x) => x.agent.staffNo === "KF01")!;
    expect(c.executionBonus).toBe(bonus);
    const sheet = buildWorkbookSpec(r).sheets.find((s) => s.key === "commission")!;
    const cell = sheet.rows.find((row) => row.includes("KF01"))![sheet.columns.findIndex((x) => x.key === "executionBonus")];
    if (bonus === 0) {
      expect(cell).toBe(0);
      // (Days without a punch may be fined too: the reason names the first cause.)
      expect(c.reasons.find((x) => x.item === "executionBonus")!.zh).toMatch(/^执行奖 0：/);
      if (mine.length === 0) expect(c.reasons.find((x) => x.item === "executionBonus")!.zh).toBe("执行奖 0：考勤中本月没有一天出勤");
    } else if (mine.length + theirs.length > 0) expect(cell).toMatchObject({ f: expect.stringContaining("COUNTIFS") });
  });

  it("the 提成表 cell of an agent not employed is the engine's 0, not the live formula that pays 100", () => {
    const data = dataset({ roster: [{ ...agent("KF01", "小美"), leftOn: "2026-10-20" }, agent("KF02", "小丽", "", 3)], shifts: november("KF02") });
    const r = buildMonth(data, defaultRules(), NOV);
    const sheet = buildWorkbookSpec(r).sheets.find((s) => s.key === "commission")!;
    const col = sheet.columns.findIndex((c) => c.key === "executionBonus");
    const cell = (staffNo: string) => sheet.rows.find((row) => row.includes(staffNo))![col];
    expect(cell("KF01")).toBe(0);
    expect(r.commission.find((x) => x.agent.staffNo === "KF01")!.reasons.find((x) => x.item === "executionBonus")!.zh).toBe("执行奖 0：本月不在职");
    expect(cell("KF02")).toMatchObject({ f: expect.stringContaining("COUNTIFS") });
  });
});

describe("rest days: from the file, or one in seven", () => {
  it.each([
    // rows, scheduled, worked, absent, base
    ["the file states the Sundays as rest", november("KF01"), 25, 25, 0, 160000],
    ["a punch-only file: no rest rows → ⌊30/7⌋ = 4 rest days", november("KF01", 1, 30, { noRest: true }), 26, 25, 1, 153846],
    ["a punch-only file missing two more days", november("KF01", 1, 30, { noRest: true, skip: [2, 3] }), 26, 23, 3, 141538],
  ])("%s", (_n, rows, scheduled, worked, absent, base) => {
    const { c } = pay({}, rows);
    expect([c.scheduledDays, c.workedDays, c.absentDays]).toEqual([scheduled, worked, absent]);
    expect(c.basePay).toBe(base);
  });

  it("absence vs rest: a 休 row is rest, a scheduled row without a punch is an absence", () => {
    const rest = november("KF01", 1, 30, { skip: [2] }).concat([shift("KF01", "2026-11-02", null, null, null)]);
    const absent = november("KF01", 1, 30, { skip: [2] }).concat([shift("KF01", "2026-11-02", "白班", null, null)]);
    expect(pay({}, rest).c.absentDays).toBe(0);
    expect(pay({}, rest).c.scheduledDays).toBe(24);
    expect(pay({}, absent).c.absentDays).toBe(1);
    expect(pay({}, absent).c.absentDates).toEqual(["2026-11-02"]);
  });

  it("no attendance rows at all: every scheduled day is an absence, base 0, said so", () => {
    const data = dataset({ roster: [agent("KF01", "小美"), agent("KF02", "小丽", "", 3)], shifts: november("KF02") });
    const r = buildMonth(data, defaultRules(), NOV);
    const c = r.commission.find((x) => x.agent.staffNo === "KF01")!;
    expect([c.scheduledDays, c.workedDays, c.absentDays]).toEqual([26, 0, 26]);
    expect(c.basePay).toBe(0);
    expect(c.fullAttendance).toBe(0);
    // Not the execution bonus either: "no breach" by somebody not there one day is no execution.
    expect(c.executionBonus).toBe(0);
    expect(c.netPay).toBe(0);
    expect(r.problems.some((p) => p.code === "attendance.day.missing" && p.value === "KF01")).toBe(true);
    const none = buildMonth(dataset({ roster: [agent("KF01", "小美")] }), defaultRules(), NOV);
    expect(none.problems.map((p) => p.code)).toContain("attendance.none");
  });
});

describe("note-error loss (备注错误 with an actual loss)", () => {
  it.each([
    ["备注错误", 50000, 2000],
    ["备注错误", 50001, 50001],
    ["备注错误(已到工厂)", 50000, 5000],
    ["备注错误(已到工厂)", 80000, 80000],
    ["备注错误损失", 50001, 50001],
  ])("%s with a loss of %i cents → fined %i", (kind, loss, fine) => {
    const data = dataset({ roster: [agent("KF01", "小美")], incidents: [incident("KF01", "2026-11-05", kind, { loss })] });
    const r = buildMonth(data, defaultRules(), NOV);
    expect(r.penalties[0].amount).toBe(fine);
    expect(r.problems.map((p) => p.code)).not.toContain("incident.loss.ignored");
  });

  it("a loss on a kind that ignores it is a located warning", () => {
    const data = dataset({ roster: [agent("KF01", "小美")], incidents: [incident("KF01", "2026-11-05", "投诉", { loss: 80000 })] });
    const r = buildMonth(data, defaultRules(), NOV);
    expect(r.penalties[0].amount).toBe(5000);
    const w = r.problems.find((p) => p.code === "incident.loss.ignored")!;
    expect(w).toMatchObject({ severity: "warning", sheet: "违规记录", column: "损失金额", value: "800.00" });
  });
});
