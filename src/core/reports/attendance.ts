/**
 * Attendance (考勤) for the month: each scheduled day judged — the export's own verdict when it
 * has one (迟到, 严重迟到, 早退, 缺卡 …), else computed from the punch times against the shift
 * (night shifts end after midnight). Days worked = scheduled days with at least one punch.
 */
import type { DateStr, PunchVerdict, Shift, ShiftDay, WallTime } from "../model";
import { earlyMinutes, formatMinutes, lateMinutes, minutesSince } from "../rules/attendance";
import type { ShiftRules } from "../rules/types";
import { dateOf, dayStart } from "./calendar";
import { compareCodes, compareSources, compareText } from "./order";
import type { AttendanceDay } from "./types";

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

/** A shift named like one of the rules' shifts takes the rules' times (the manager's edit wins). */
export function ruleShift(shift: Shift | null, rules: ShiftRules): Shift | null {
  if (shift === null) return null;
  const label = shift.label.trim();
  if (label === rules.day.label) return { ...rules.day };
  if (label === rules.night.label) return { ...rules.night };
  return shift;
}

const PRESENT: ReadonlySet<PunchVerdict | null> = new Set<PunchVerdict | null>(["normal", "late", "seriousLate", "early"]);

export function judgeDay(sd: ShiftDay, agent: string, rules: ShiftRules, judgeUntil: DateStr | null): JudgedDay {
  const shift = ruleShift(sd.shift, rules);
  const base = dayStart(sd.date);
  const future = judgeUntil !== null && sd.date > judgeUntil;
  let inV = sd.inVerdict;
  let outV = sd.outVerdict;
  const fromExport = inV !== null || outV !== null;
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
      else if (sd.leaveDays > 0 || sd.sickDays > 0) inV = "leave";
      else inV = "absent";
    }
    if (outV === null && !future) {
      if (sd.clockOut !== null) outV = (earlyMin ?? 0) > 0 ? "early" : "normal";
      else if (sd.clockIn !== null) outV = "missing";
    }
  }
  const punched = sd.clockIn !== null || sd.clockOut !== null || PRESENT.has(inV) || PRESENT.has(outV);
  // No shift: a rest day, or an export without a schedule column — then its verdicts and punches
  // still say the day was worked.
  const rest = inV === "rest" || outV === "rest" || (shift === null && inV === null && outV === null && !punched);
  const late = !rest && (inV === "late" || inV === "seriousLate");
  const early = !rest && outV === "early";
  const absent = rest ? 0 : Math.max(sd.absentDays, inV === "absent" || outV === "absent" ? 1 : 0);
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
    missing: rest ? 0 : (inV === "missing" ? 1 : 0) + (outV === "missing" ? 1 : 0),
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
  for (const s of shifts) {
    if (s.clockIn !== null && (t === null || s.clockIn > t)) t = s.clockIn;
    if (s.clockOut !== null && (t === null || s.clockOut > t)) t = s.clockOut;
  }
  return t;
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

/** "白班 08:30–17:30" */
export function describeShift(shift: Shift): string {
  return `${shift.label} ${formatMinutes(shift.start)}–${formatMinutes(shift.end)}`;
}
