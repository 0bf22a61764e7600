/**
 * Attendance (考勤) for the month: each scheduled day judged — the export's own verdict when it
 * has one (迟到, 严重迟到, 早退, 缺卡 …), else computed from the punch times against the shift
 * (night shifts end after midnight). Days worked = scheduled days with at least one punch.
 */
import type { DateStr, PunchPair, PunchVerdict, Shift, ShiftDay, ShiftPeriod, WallTime } from "../model";
import { earlyMinutes, formatMinutes, lateMinutes, minutesSince } from "../rules/attendance";
import type { ShiftRules } from "../rules/types";
import { dateOf, dayStart } from "./calendar";
import { compareCodes, compareSources, compareText } from "./order";
import type { AttendanceDay } from "./types";
import { byAgentDay } from "./repeatedDays";

export type JudgedDay = AttendanceDay;

export interface AttendanceSummary {
  days: JudgedDay[];
  daysWorked: number;
  lateCount: number;
  earlyCount: number;
  missingPunches: number;
  absenceDays: number;
  leaveDays: number;
  sickDays: number;
}

/**
 * A shift named like one of the rules' shifts takes the rules' times (the manager's edit wins).
 * A split shift keeps its own periods: the rules' 白班 / 晚班 describe one period each.
 */
export function ruleShift(shift: Shift | null, rules: ShiftRules): Shift | null {
  if (shift === null) return null;
  if (shift.laterPeriods !== undefined && shift.laterPeriods.length > 0) return shift;
  const label = shift.label.trim();
  if (label === rules.day.label) return { ...rules.day };
  if (label === rules.night.label) return { ...rules.night };
  return shift;
}

const PRESENT: ReadonlySet<PunchVerdict | null> = new Set<PunchVerdict | null>(["normal", "late", "seriousLate", "early"]);

/**
 * Which verdict a split-shift day shows when its punch pairs disagree: the one a manager must act
 * on. Leave ranks below a worked pair: half a day off (上午请假) is the export's 0.5 leave days,
 * not a whole day of leave.
 */
const WEIGHT: Record<PunchVerdict, number> = { absent: 7, seriousLate: 6, late: 5, early: 4, missing: 3, normal: 2, leave: 1, rest: 0 };
function worse(a: PunchVerdict | null, b: PunchVerdict | null): PunchVerdict | null {
  if (a === null) return b;
  if (b === null) return a;
  return WEIGHT[b] > WEIGHT[a] ? b : a;
}

/** One punch pair judged against one work period. */
interface JudgedPair {
  inV: PunchVerdict | null;
  outV: PunchVerdict | null;
  lateMin: number | null;
  earlyMin: number | null;
}

/**
 * A later pair (上班2/下班2 …) of a split-shift day, against its own period when the 班次 gives
 * one. A pair left blank is a pair not scheduled — unless its period is known and the day was
 * worked, when both punches are missing (the agent did not come back after the break).
 */
function judgeLaterPair(p: PunchPair, period: ShiftPeriod | null, base: WallTime, rules: ShiftRules, future: boolean, dayWorked: boolean): JudgedPair {
  let inV = p.inVerdict;
  let outV = p.outVerdict;
  let lateMin: number | null = null;
  let earlyMin: number | null = null;
  if (period !== null && p.clockIn !== null && (inV === null || inV === "late" || inV === "seriousLate")) {
    lateMin = lateMinutes(minutesSince(base, p.clockIn), period.start, rules.graceMinutes);
  }
  if (period !== null && p.clockOut !== null && (outV === null || outV === "early")) {
    earlyMin = earlyMinutes(minutesSince(base, p.clockOut), period.end, period.start, rules.graceMinutes);
  }
  if (!future) {
    const blank = p.clockIn === null && p.clockOut === null;
    if (inV === null && !(blank && (period === null || !dayWorked))) {
      inV = p.clockIn !== null ? (period !== null && (lateMin ?? 0) > 0 ? "late" : "normal") : "missing";
    }
    if (outV === null && !(blank && (period === null || !dayWorked))) {
      outV = p.clockOut !== null ? (period !== null && (earlyMin ?? 0) > 0 ? "early" : "normal") : "missing";
    }
  }
  return { inV, outV, lateMin, earlyMin };
}

/**
 * One agent's day judged. A split shift (两次上下班) is judged pair by pair, each against its own
 * period — as DingTalk itself does: coming back 20 minutes late from the lunch break is lateness
 * even when the day's first clock-in was on time, and judging only the day's first in and last
 * out would hide it. The day counts once: late when any pair's clock-in is late (the minutes
 * summed over the pairs, or DingTalk's 迟到时长, which already is the day's total), early when
 * any pair's clock-out is early; every missing punch counts. The day's verdict shown is the most
 * serious of its pairs'. Domain.md fines lateness "per occurrence" and the penalty ledger, the
 * board and the full-attendance bonus count late DAYS, so a day late twice is one fine with both
 * pairs' minutes in its reason, not two.
 */
export function judgeDay(sd: ShiftDay, agent: string, rules: ShiftRules, judgeUntil: DateStr | null): JudgedDay {
  const shift = ruleShift(sd.shift, rules);
  const base = dayStart(sd.date);
  const future = judgeUntil !== null && sd.date > judgeUntil;
  let inV = sd.inVerdict;
  let outV = sd.outVerdict;
  const later = sd.laterPairs ?? [];
  const fromExport = inV !== null || outV !== null || later.some((p) => p.inVerdict !== null || p.outVerdict !== null);
  let lateMin = sd.lateMinutes;
  let earlyMin = sd.earlyMinutes;
  if (shift !== null && Number.isFinite(base)) {
    if (sd.clockIn !== null && lateMin === null) {
      const m = lateMinutes(minutesSince(base, sd.clockIn), shift.start, rules.graceMinutes);
      if (inV === null || inV === "late" || inV === "seriousLate") lateMin = m;
    }
    if (sd.clockOut !== null && earlyMin === null) {
      const m = earlyMinutes(minutesSince(base, sd.clockOut), shift.end, shift.start, rules.graceMinutes);
      if (outV === null || outV === "early") earlyMin = m;
    }
    if (inV === null && !future) {
      if (sd.clockIn !== null) inV = (lateMin ?? 0) > 0 ? "late" : "normal";
      else if (sd.clockOut !== null) inV = "missing";
      else if (later.some((p) => p.clockIn !== null || p.clockOut !== null)) inV = "missing";
      else if (sd.leaveDays > 0 || sd.sickDays > 0) inV = "leave";
      else inV = "absent";
    }
    if (outV === null && !future) {
      if (sd.clockOut !== null) outV = (earlyMin ?? 0) > 0 ? "early" : "normal";
      else if (sd.clockIn !== null || later.some((p) => p.clockIn !== null || p.clockOut !== null)) outV = "missing";
    }
  }
  let missing = (inV === "missing" ? 1 : 0) + (outV === "missing" ? 1 : 0);
  let punched = sd.clockIn !== null || sd.clockOut !== null || PRESENT.has(inV) || PRESENT.has(outV);
  if (later.length > 0) {
    const periods = shift?.laterPeriods ?? [];
    const dayWorked = punched || later.some((p) => p.clockIn !== null || p.clockOut !== null);
    const exportLate = sd.lateMinutes !== null;
    const exportEarly = sd.earlyMinutes !== null;
    later.forEach((p, i) => {
      const j = judgeLaterPair(p, Number.isFinite(base) ? periods[i] ?? null : null, base, rules, future, dayWorked);
      missing += (j.inV === "missing" ? 1 : 0) + (j.outV === "missing" ? 1 : 0);
      punched ||= p.clockIn !== null || p.clockOut !== null || PRESENT.has(j.inV) || PRESENT.has(j.outV);
      if (!exportLate && j.lateMin !== null && j.lateMin > 0) lateMin = (lateMin ?? 0) + j.lateMin;
      if (!exportEarly && j.earlyMin !== null && j.earlyMin > 0) earlyMin = (earlyMin ?? 0) + j.earlyMin;
      inV = worse(inV, j.inV);
      outV = worse(outV, j.outV);
    });
  }
  // No shift: a rest day, or an export without a schedule column — then its verdicts and punches
  // still say the day was worked.
  const rest = inV === "rest" || outV === "rest" || (shift === null && inV === null && outV === null && !punched);
  const late = !rest && (inV === "late" || inV === "seriousLate");
  const early = !rest && outV === "early";
  // One pair marked 旷工 on a split day whose other pairs were worked is not a whole day's
  // absence; the export's own 旷工天数 still counts as given.
  const absentVerdict = (inV === "absent" || outV === "absent") && !(later.length > 0 && punched);
  const absent = rest ? 0 : Math.max(sd.absentDays, absentVerdict ? 1 : 0);
  const leave = Math.max(sd.leaveDays, (inV === "leave" || outV === "leave") && sd.sickDays === 0 ? 1 : 0);
  return {
    agent,
    date: sd.date,
    shift,
    inVerdict: inV,
    outVerdict: outV,
    late,
    seriousLate: late && inV === "seriousLate",
    lateMinutes: late ? lateMin : null,
    early,
    earlyMinutes: early ? earlyMin : null,
    missing: rest ? 0 : missing,
    absent,
    leave,
    sick: sd.sickDays,
    rest,
    worked: !rest && punched,
    fromExport,
    source: sd.source,
  };
}

/** The latest punch in the data: days after it are not judged yet (no absence for the future). */
export function latestPunch(shifts: readonly ShiftDay[]): WallTime | null {
  let t: WallTime | null = null;
  const see = (x: WallTime | null) => {
    if (x !== null && (t === null || x > t)) t = x;
  };
  for (const s of shifts) {
    see(s.clockIn);
    see(s.clockOut);
    if (s.laterPairs) for (const p of s.laterPairs) {
      see(p.clockIn);
      see(p.clockOut);
    }
  }
  return t;
}

/** A day of a schedule file (排班): a shift, or 休, and nothing punched or judged. */
function scheduleOnly(sd: ShiftDay): boolean {
  return sd.clockIn === null && sd.clockOut === null && sd.inVerdict === null && sd.outVerdict === null && !sd.laterPairs?.length && sd.lateMinutes === null && sd.earlyMinutes === null && sd.leaveDays === 0 && sd.sickDays === 0 && sd.absentDays === 0;
}

/** A day of a punch file (打卡): times punched, no shift and no verdict of the export's own. */
function punchOnly(sd: ShiftDay): boolean {
  return sd.shift === null && (sd.clockIn !== null || sd.clockOut !== null) && sd.inVerdict === null && sd.outVerdict === null && !sd.laterPairs?.length;
}

/**
 * 排班 and 打卡 given as two files (domain: a schedule, agent × date → shift, and clock records,
 * agent × date → punches): each agent-day is one day, the schedule's shift with the punch file's
 * times, judged once. Without the join the schedule's day read as absent and the punch's as a
 * rest day worked, so no lateness was ever judged. Only rows of different files are joined; a
 * file's own repeated day is left as it is (it is reported where it is read).
 * @returns the rows with each joined pair made one (on the punch file's row), and the pairs joined per file pair.
 */
export function joinSchedules(rows: readonly { sd: ShiftDay; agent: string }[]): { rows: { sd: ShiftDay; agent: string }[]; joined: { schedule: ShiftDay; punch: ShiftDay }[] } {
  const drop = new Set<number>();
  const out = rows.slice();
  const joined: { schedule: ShiftDay; punch: ShiftDay }[] = [];
  for (const at of byAgentDay(rows)) {
    if (at.length !== 2) continue;
    const [a, b] = at.map((i) => rows[i].sd);
    const [si, pi] = scheduleOnly(a) && punchOnly(b) ? [at[0], at[1]] : scheduleOnly(b) && punchOnly(a) ? [at[1], at[0]] : [-1, -1];
    if (si < 0) continue;
    const schedule = rows[si].sd;
    const punch = rows[pi].sd;
    if (schedule.source.file === punch.source.file && schedule.source.sheet === punch.source.sheet) continue;
    out[pi] = { agent: rows[pi].agent, sd: { ...punch, shift: schedule.shift } };
    drop.add(si);
    joined.push({ schedule, punch });
  }
  return { rows: drop.size === 0 ? out : out.filter((_r, i) => !drop.has(i)), joined };
}

/** Judges the month's shift days per agent (rows whose agent does not resolve are skipped by the caller). */
export function summariseAttendance(
  rows: { sd: ShiftDay; agent: string }[],
  rules: ShiftRules,
  allShifts: readonly ShiftDay[],
): Map<string, AttendanceSummary> {
  const last = latestPunch(allShifts);
  const judgeUntil = last === null ? null : dateOf(last);
  const sorted = rows
    .slice()
    .sort((a, b) => compareCodes(a.agent, b.agent) || compareText(a.sd.date, b.sd.date) || compareSources(a.sd.source, b.sd.source));
  const out = new Map<string, AttendanceSummary>();
  const workedDates = new Map<string, Set<string>>();
  for (const { sd, agent } of sorted) {
    let s = out.get(agent);
    if (!s) {
      s = { days: [], daysWorked: 0, lateCount: 0, earlyCount: 0, missingPunches: 0, absenceDays: 0, leaveDays: 0, sickDays: 0 };
      out.set(agent, s);
      workedDates.set(agent, new Set());
    }
    const d = judgeDay(sd, agent, rules, judgeUntil);
    s.days.push(d);
    if (d.worked) workedDates.get(agent)!.add(d.date);
    if (d.late) s.lateCount++;
    if (d.early) s.earlyCount++;
    s.missingPunches += d.missing;
    s.absenceDays += d.absent;
    s.leaveDays += d.leave;
    s.sickDays += d.sick;
  }
  for (const [agent, s] of out) s.daysWorked = workedDates.get(agent)!.size;
  return out;
}

export function emptyAttendance(): AttendanceSummary {
  return { days: [], daysWorked: 0, lateCount: 0, earlyCount: 0, missingPunches: 0, absenceDays: 0, leaveDays: 0, sickDays: 0 };
}

/** "白班 08:30–17:30"; a split shift "早班 09:00–12:00, 14:00–18:00". */
export function describeShift(shift: Shift): string {
  const periods = [shift, ...(shift.laterPeriods ?? [])].map((p) => `${formatMinutes(p.start)}–${formatMinutes(p.end)}`);
  return `${shift.label} ${periods.join(", ")}`;
}
