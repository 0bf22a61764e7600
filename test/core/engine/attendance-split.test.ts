/**
 * Split shifts (两次上下班, DingTalk's 上班2/下班2): every punch pair is judged against its own
 * work period; the day counts once (late if any pair's clock-in is late, minutes summed).
 */
import { buildMonth } from "../../../src/core/engine";
import type { PunchPair, PunchVerdict, Shift, ShiftDay } from "../../../src/core/model";
import { describeShift, judgeDay, latestPunch, ruleShift } from "../../../src/core/reports/attendance";
import { defaultRules } from "../../../src/core/rules/defaults";
import { agent, at, dataset, shift } from "./build";

/** 早班 09:00–12:00, 14:00–18:00 */
const SPLIT: Shift = { label: "早班", start: 540, end: 720, laterPeriods: [{ start: 840, end: 1080 }] };
const rules = defaultRules().shifts;
const D = "2026-10-05";

function pair(clockIn: string | null, clockOut: string | null, inV: PunchVerdict | null = null, outV: PunchVerdict | null = null, outDay = D): PunchPair {
  return { clockIn: clockIn === null ? null : at(D, clockIn), clockOut: clockOut === null ? null : at(outDay, clockOut), inVerdict: inV, outVerdict: outV };
}

function day(in1: string | null, out1: string | null, later: PunchPair[] | undefined, extra: Partial<ShiftDay> & { inV?: PunchVerdict; outV?: PunchVerdict } = {}, s: Shift | null = SPLIT): ShiftDay {
  return shift("KF01", D, null, in1, out1, { shift: s, ...(later ? { laterPairs: later } : {}), ...extra });
}

const judge = (sd: ShiftDay, until: string | null = "2026-10-31") => judgeDay(sd, "KF01", rules, until);

describe("each pair against its own period (from punch times)", () => {
  test.each([
    // name, pair 1, pair 2, late, lateMinutes, early, earlyMinutes, missing, in, out
    ["on time both times", ["08:58", "12:01"], ["13:55", "18:02"], false, null, false, null, 0, "normal", "normal"],
    ["back 20 min late from the break: late, though the day began on time", ["08:58", "12:01"], ["14:20", "18:02"], true, 20, false, null, 0, "late", "normal"],
    ["late both times: one late day, minutes summed", ["09:10", "12:00"], ["14:05", "18:00"], true, 15, false, null, 0, "late", "normal"],
    ["left before the break ended pair 1 early", ["09:00", "11:45"], ["14:00", "18:00"], false, null, true, 15, 0, "normal", "early"],
    ["early from both periods: minutes summed", ["09:00", "11:50"], ["14:00", "17:30"], false, null, true, 40, 0, "normal", "early"],
    ["did not come back after the break: two punches missing", ["09:00", "12:00"], [null, null], false, null, false, null, 2, "missing", "missing"],
    ["forgot the 上班2 punch only", ["09:00", "12:00"], [null, "18:00"], false, null, false, null, 1, "missing", "normal"],
    ["an afternoon-only day: the morning pair missing, not absent", [null, null], ["14:00", "18:00"], false, null, false, null, 2, "missing", "missing"],
    ["arrived at 13:00 for the morning period: late 240 by pair 1", ["13:00", "13:05"], ["14:00", "18:00"], true, 240, false, null, 0, "late", "normal"],
  ] as [string, [string | null, string | null], [string | null, string | null], boolean, number | null, boolean, number | null, number, PunchVerdict, PunchVerdict][])(
    "%s",
    (_n, p1, p2, late, lateMin, early, earlyMin, missing, inV, outV) => {
      const d = judge(day(p1[0], p1[1], [pair(p2[0], p2[1])]));
      expect({ late: d.late, lateMinutes: d.lateMinutes, missing: d.missing, inVerdict: d.inVerdict }).toEqual({ late, lateMinutes: lateMin, missing, inVerdict: inV });
      expect({ early: d.early, earlyMinutes: d.earlyMinutes, outVerdict: d.outVerdict }).toEqual({ early, earlyMinutes: earlyMin, outVerdict: outV });
      expect(d.worked).toBe(true);
      expect(d.absent).toBe(0);
    },
  );

  test("a whole day without a punch is absent once, not absent plus two missing", () => {
    const d = judge(day(null, null, [pair(null, null)]));
    expect(d).toMatchObject({ absent: 1, missing: 0, worked: false, inVerdict: "absent" });
  });

  test("grace minutes apply to each period's start", () => {
    const r = { ...rules, graceMinutes: 5 };
    const d = judgeDay(day("09:04", "12:00", [pair("14:05", "18:00")]), "KF01", r, null);
    expect(d).toMatchObject({ late: false, lateMinutes: null });
    const d2 = judgeDay(day("09:04", "12:00", [pair("14:06", "18:00")]), "KF01", r, null);
    expect(d2).toMatchObject({ late: true, lateMinutes: 6 });
  });

  test("a later period past midnight (20:00–23:00, 次日 01:00–03:00): out at 02:50 next day is 10 min early", () => {
    const night: Shift = { label: "夜班", start: 1200, end: 1380, laterPeriods: [{ start: 1500, end: 1620 }] };
    const next = "2026-10-06";
    const sd = day("19:58", "23:00", [{ clockIn: at(next, "01:03"), clockOut: at(next, "02:50"), inVerdict: null, outVerdict: null }], {}, night);
    expect(judge(sd)).toMatchObject({ late: true, lateMinutes: 3, early: true, earlyMinutes: 10, missing: 0 });
  });

  test("a later pair with no period known: punches count as worked, only a lone punch is missing", () => {
    const one: Shift = { label: "白班", start: 510, end: 1050 };
    expect(judge(day("08:30", "17:30", [pair("19:00", "21:00")], {}, one))).toMatchObject({ late: false, early: false, missing: 0, inVerdict: "normal", outVerdict: "normal" });
    expect(judge(day("08:30", "17:30", [pair("19:00", null)], {}, one))).toMatchObject({ missing: 1, outVerdict: "missing" });
    // An export with 上班2 columns but a one-pair day leaves them blank: nothing is missing.
    expect(judge(day("08:30", "17:30", [pair(null, null)], {}, one))).toMatchObject({ missing: 0, inVerdict: "normal", outVerdict: "normal" });
  });

  test("days after the latest punch are not judged: no missing pair in the future", () => {
    const d = judge(day(null, null, [pair(null, null)]), "2026-10-01");
    expect(d).toMatchObject({ missing: 0, absent: 0, inVerdict: null });
  });
});

describe("DingTalk's own verdicts per pair", () => {
  test("上班2 迟到 makes the day late; 迟到时长 (the day's total) is kept, not added to", () => {
    const d = judge(day("09:00", "12:00", [pair("14:12", "18:00", "late", "normal")], { inV: "normal", outV: "normal", lateMinutes: 12, earlyMinutes: 0 }));
    expect(d).toMatchObject({ late: true, lateMinutes: 12, inVerdict: "late", fromExport: true });
  });

  test("严重迟到 on the second pair is serious lateness", () => {
    const d = judge(day("09:00", "12:00", [pair("15:00", "18:00", "seriousLate", "normal")], { inV: "normal", outV: "normal", lateMinutes: 60 }));
    expect(d).toMatchObject({ late: true, seriousLate: true });
  });

  test("morning 请假 and afternoon worked: the export's half day of leave, not a whole day", () => {
    const d = judge(day(null, null, [pair("14:00", "18:00", "normal", "normal")], { inV: "leave", outV: "leave", leaveDays: 0.5 }));
    expect(d).toMatchObject({ leave: 0.5, worked: true, absent: 0, missing: 0, inVerdict: "normal" });
  });

  test("旷工 on one pair of a worked day is not a whole day's absence (the export's 旷工天数 still counts)", () => {
    const d = judge(day("09:00", "12:00", [pair(null, null, "absent", "absent")], { inV: "normal", outV: "normal", absentDays: 0.5 }));
    expect(d).toMatchObject({ absent: 0.5, worked: true, inVerdict: "absent" });
  });

  test("缺卡 on 下班2 counts one missing punch", () => {
    const d = judge(day("09:00", "12:00", [pair("14:00", null, "normal", "missing")], { inV: "normal", outV: "normal" }));
    expect(d).toMatchObject({ missing: 1, outVerdict: "missing", early: false });
  });
});

describe("the month", () => {
  test("one late fine for a day late at both starts; its reason names both periods and the summed minutes", () => {
    const data = dataset({
      roster: [agent("KF01", "小美")],
      shifts: [day("09:10", "12:00", [pair("14:05", "18:00")]), shift("KF01", "2026-10-06", null, "08:59", "12:00", { shift: SPLIT, laterPairs: [{ clockIn: at("2026-10-06", "14:25"), clockOut: at("2026-10-06", "18:00"), inVerdict: null, outVerdict: null }] })],
    });
    const r = buildMonth(data, defaultRules(), { month: "2026-10" });
    expect(r.penalties.map((p) => [p.date, p.rule, p.amount])).toEqual([
      ["2026-10-05", "late", 1000],
      ["2026-10-06", "late", 1000],
    ]);
    expect(r.penalties[0].detail).toContain("迟到 15 分钟（早班 09:00–12:00, 14:00–18:00）");
    expect(r.penalties[1].detail).toContain("迟到 25 分钟");
    expect(r.performance.find((p) => p.agent.staffNo === "KF01")!.lateCount).toBe(2);
  });

  test("the latest punch of the data may be a second pair's clock-out", () => {
    const sd = day("09:00", "12:00", [pair("14:00", "18:30")]);
    expect(latestPunch([sd])).toBe(at(D, "18:30"));
  });
});

test("describeShift lists every period; a split shift named like a rules shift keeps its own times", () => {
  expect(describeShift(SPLIT)).toBe("早班 09:00–12:00, 14:00–18:00");
  expect(describeShift({ label: "晚班", start: 1050, end: 1500 })).toBe("晚班 17:30–01:00(+1)");
  const named: Shift = { ...SPLIT, label: "白班" };
  expect(ruleShift(named, rules)).toEqual(named);
  expect(ruleShift({ label: "白班", start: 540, end: 1080 }, rules)).toEqual(rules.day);
});
