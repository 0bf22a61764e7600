/**
 * Lateness and early leave (迟到 / 早退), night-shift aware.
 *
 * Times are minutes after midnight of the day the shift STARTS on; a shift that ends after
 * midnight has end > 1440 (晚班 17:30–01:00 is 1050–1500). A punch given as a time of day
 * (0–1439) that falls after midnight is moved to the next day before comparing, so a clock-out
 * at 00:55 for that shift is 1495: 5 minutes early. Leaving after the end (overtime) is never
 * early, and arriving before the start is never late.
 */
import type { Minutes, WallTime } from "../model";

const DAY = 1440;

/**
 * Minutes late: clock-in − shift start, or 0 when within `grace` minutes. A clock-in more than
 * 12 hours before the start is read as after midnight (an evening shift's very late arrival).
 * @example lateMinutes(9 * 60, 8 * 60 + 30, 0) // 30
 * @example lateMinutes(8 * 60 + 35, 8 * 60 + 30, 5) // 0
 */
export function lateMinutes(clockIn: Minutes, shiftStart: Minutes, grace: number = 0): number {
  let t = clockIn;
  if (t < DAY && t < shiftStart - DAY / 2) t += DAY;
  const late = t - shiftStart;
  return late > Math.max(0, grace) ? late : 0;
}

/**
 * Minutes early: shift end − clock-out, or 0 when within `grace` or after the end (overtime).
 * A time-of-day clock-out before the shift's start (or, without a start, before noon for a
 * shift ending after midnight) is read as the next day.
 * @example earlyMinutes(55, 1500, 1050) // 5  (晚班 17:30–01:00, out at 00:55)
 * @example earlyMinutes(90, 1500, 1050) // 0  (out at 01:30: overtime)
 */
export function earlyMinutes(
  clockOut: Minutes,
  shiftEnd: Minutes,
  shiftStart?: Minutes | null,
  grace: number = 0,
): number {
  let t = clockOut;
  if (t < DAY) {
    const start = shiftStart ?? null;
    if (start !== null ? t < start : shiftEnd > DAY && t < DAY / 2) t += DAY;
  }
  const early = shiftEnd - t;
  return early > Math.max(0, grace) ? early : 0;
}

/**
 * A punch's minutes after midnight of `dayStart` (the shift's date at 00:00, as WallTime); may
 * exceed 1440 for a punch after midnight. Fractions of a minute are floored, as attendance apps
 * count whole minutes.
 */
export function minutesSince(dayStart: WallTime, t: WallTime): Minutes {
  return Math.floor((t - dayStart) / 60000);
}

/** "08:30" for 510, "01:00(+1)" for 1500 — how a shift time reads in a reason. */
export function formatMinutes(m: Minutes): string {
  const next = m >= DAY;
  const v = ((m % DAY) + DAY) % DAY;
  const hh = String(Math.floor(v / 60)).padStart(2, "0");
  const mm = String(v % 60).padStart(2, "0");
  return `${hh}:${mm}${next ? "(+1)" : ""}`;
}
