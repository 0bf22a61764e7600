/**
 * Employment period and schedule (在职期间 / 应出勤): which days of the month an agent was employed
 * (roster 入职日期 … 离职日期), which of them were rest days (the attendance file's own 休息 rows,
 * else one day in `restEvery`), which were worked (at least one punch) and which were absences
 * (缺勤: a scheduled day with no row or no punch — never presence).
 *
 * Absence dates, when rest days are the default: the file's own non-worked, non-rest rows come
 * first (the export says the day was scheduled), then the dates with no row at all, in date order;
 * the default rest days absorb what is left. So the 考勤明细 rows marked 缺勤 always add up to
 * `absentDays`.
 */
import type { Agent, DateStr, SourceRef } from "../../model";
import { problem, type Problem } from "../../problems";
import type { PayRules } from "../../rules/types";
import type { AttendanceSummary } from "../attendance";
import { monthDates, type MonthSpan } from "../calendar";

export interface Schedule {
  /** First and last employed day in the month; null when not employed at all this month. */
  from: DateStr | null;
  to: DateStr | null;
  /** Days of the month inside the employment period. */
  periodDays: number;
  /** The employment period is the whole month. */
  wholeMonth: boolean;
  /** Rest days inside the period, and whether the attendance file stated them. */
  restDays: number;
  restFromFile: boolean;
  /** 应出勤: period days − rest days. */
  scheduledDays: number;
  /** The month's full schedule (the proration's denominator): the whole month minus rest days. */
  fullSchedule: number;
  /** Distinct dates in the period with at least one punch. */
  workedDays: number;
  /** max(0, scheduled − worked). */
  absentDays: number;
  /** The absences by date (absentDays of them), rows of the file first, then dates with no row. */
  absentDates: DateStr[];
  /** Dates in the period with no attendance row at all. */
  missingDates: DateStr[];
  /** Calendar days of the period until the roster's 试用期至 (inclusive). */
  probationDays: number;
}

const later = (a: DateStr, b: DateStr | null | undefined): DateStr => (b && b > a ? b : a);
const earlier = (a: DateStr, b: DateStr | null | undefined): DateStr => (b && b < a ? b : a);

/**
 * One agent's schedule for the month.
 * @example scheduleFor(monthSpan("2026-11"), { hiredOn: "2026-11-16", … }, att, rules.pay).scheduledDays // 13
 */
export function scheduleFor(
  span: MonthSpan,
  roster: Pick<Agent, "hiredOn" | "leftOn" | "probationUntil"> | null,
  att: AttendanceSummary,
  pay: Pick<PayRules, "restEvery">,
): Schedule {
  const dates = monthDates(span);
  const first = dates[0];
  const last = dates[dates.length - 1];
  const from = later(first, roster?.hiredOn);
  const to = earlier(last, roster?.leftOn);
  const employed = from <= to ? dates.filter((d) => d >= from && d <= to) : [];

  const worked = new Set<DateStr>();
  const seen = new Set<DateStr>();
  const restRow = new Set<DateStr>();
  const notWorkedRow = new Set<DateStr>();
  for (const d of att.days) {
    seen.add(d.date);
    if (d.worked) worked.add(d.date);
    else if (d.rest) restRow.add(d.date);
    else notWorkedRow.add(d.date);
  }
  const every = pay.restEvery > 0 ? pay.restEvery : Infinity;
  const restFromFile = Array.from(restRow).some((d) => !worked.has(d) && d >= first && d <= last);
  const inPeriod = (d: DateStr) => d >= from && d <= to;
  const rested = (d: DateStr) => restRow.has(d) && !worked.has(d);

  const periodDays = employed.length;
  const restDays = restFromFile ? employed.filter(rested).length : Math.floor(periodDays / every);
  const scheduledDays = periodDays - restDays;
  // The file covers the month when the agent's rows run from its first day to its last (a day
  // missing in between is an absence, not a reason to guess the rest days). A missing first or last
  // day the agent was employed on is such an absence too (scheduledDays counts it so): guessing
  // one rest day in seven there made the divisor 26 against 25 scheduled, paying 24/26 for 24/25.
  const coversMonth = (seen.has(first) || from === first) && (seen.has(last) || to === last);
  const fullSchedule = restFromFile && coversMonth ? dates.length - dates.filter(rested).length : dates.length - Math.floor(dates.length / every);
  const workedDays = employed.filter((d) => worked.has(d)).length;
  const missingDates = employed.filter((d) => !seen.has(d));

  const candidates = employed
    .filter((d) => notWorkedRow.has(d) && !worked.has(d) && !rested(d))
    .concat(missingDates);
  const absentDays = restFromFile ? candidates.length : Math.max(0, scheduledDays - workedDays);
  const absentDates = candidates.slice(0, absentDays).sort();

  const probationDays = roster?.probationUntil ? employed.filter((d) => inPeriod(d) && d <= roster.probationUntil!).length : 0;
  return {
    from: periodDays > 0 ? from : null,
    to: periodDays > 0 ? to : null,
    periodDays,
    wholeMonth: periodDays === dates.length,
    restDays,
    restFromFile,
    scheduledDays,
    fullSchedule,
    workedDays,
    absentDays,
    absentDates,
    missingDates,
    probationDays,
  };
}

/**
 * 问题 lines for scheduled days the attendance file has no row for (counted as absences, never as
 * presence): one per agent, located on the attendance file the agent's rows come from, the dates
 * named. Without any attendance data, one line says so instead of one per agent.
 */
export function missingDayProblems(
  rows: readonly { agent: { staffNo: string; name: string }; absentDates: readonly DateStr[]; noRecordDates: readonly DateStr[]; attendanceSources?: readonly SourceRef[] }[],
  anyAttendance: SourceRef | null,
): Problem[] {
  const out: Problem[] = [];
  if (anyAttendance === null) {
    const n = rows.filter((r) => r.absentDates.length > 0).length;
    if (n > 0) {
      out.push(
        problem(
          "warning",
          "attendance.none",
          { file: "", sheet: "" },
          n,
          `没有考勤数据：${n} 名客服的应出勤日均按缺勤计，底薪按出勤折算为 0、无餐补和全勤奖`,
          `No attendance data: every scheduled day of ${n} agents counts as an absence (base prorated to 0, no lunch, no full-attendance bonus)`,
        ),
      );
    }
    return out;
  }
  for (const r of rows) {
    const dates = r.noRecordDates.map((d) => d.slice(5));
    if (dates.length === 0) continue;
    const at = r.attendanceSources?.[0] ?? anyAttendance;
    const shown = dates.length > 10 ? dates.slice(0, 10).join("、") + ` 等 ${dates.length} 天` : dates.join("、");
    const shownEn = dates.length > 10 ? dates.slice(0, 10).join(", ") + ` (${dates.length} days)` : dates.join(", ");
    out.push(
      problem(
        "warning",
        "attendance.day.missing",
        { file: at.file, sheet: at.sheet, column: "日期" },
        r.agent.staffNo,
        `考勤中没有 ${r.agent.staffNo} ${r.agent.name} 的应出勤日 ${shown}：按缺勤计`,
        `The attendance has no row for ${r.agent.staffNo} ${r.agent.name} on scheduled days ${shownEn}: counted as absences`,
      ),
    );
  }
  return out;
}
