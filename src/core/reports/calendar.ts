/**
 * Calendar arithmetic on WallTime (the shop's wall clock read as UTC) without a Date per row:
 * a million orders are placed in days by integer division.
 */
import type { DateStr, MonthStr, WallTime } from "../model";
import { KefuError, problem } from "../problems";

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export interface MonthSpan {
  month: MonthStr;
  year: number;
  /** 1–12 */
  mon: number;
  start: WallTime;
  /** Exclusive. */
  end: WallTime;
  days: number;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month's span; throws KefuError for a malformed month (API misuse). */
export function monthSpan(month: MonthStr): MonthSpan {
  const m = MONTH_RE.exec(month);
  if (!m) {
    throw new KefuError([
      problem("error", "month.invalid", { file: "", sheet: "" }, month, "月份格式应为 YYYY-MM", "The month must read YYYY-MM"),
    ]);
  }
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const start = Date.UTC(year, mon - 1, 1);
  const end = Date.UTC(year, mon, 1);
  return { month, year, mon, start, end, days: Math.round((end - start) / DAY_MS) };
}

/** The month `delta` months from `month` ("2026-10", −2 → "2026-08"). */
export function addMonths(month: MonthStr, delta: number): MonthStr {
  const s = monthSpan(month);
  const d = new Date(Date.UTC(s.year, s.mon - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The quarter's months ending at or containing `month`: ["2026-10", "2026-11", "2026-12"]. */
export function quarterMonths(month: MonthStr): MonthStr[] {
  const s = monthSpan(month);
  const first = s.mon - ((s.mon - 1) % 3);
  return [0, 1, 2].map((k) => addMonths(`${s.year}-${String(first).padStart(2, "0")}`, k));
}

export function isQuarterEnd(month: MonthStr): boolean {
  return monthSpan(month).mon % 3 === 0;
}

/** "YYYY-MM-DD" of a WallTime. */
export function dateOf(t: WallTime): DateStr {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

/** "YYYY-MM" of a WallTime. */
export function monthOf(t: WallTime): MonthStr {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** 00:00 of a DateStr as WallTime; NaN when malformed. */
export function dayStart(date: DateStr): WallTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
}

/** Every date of the month, in order. */
export function monthDates(span: MonthSpan): DateStr[] {
  const out: DateStr[] = [];
  for (let i = 0; i < span.days; i++) out.push(dateOf(span.start + i * DAY_MS));
  return out;
}

/** "10-05" — how a date reads inside a reason. */
export function shortDate(date: DateStr): string {
  return date.slice(5);
}
