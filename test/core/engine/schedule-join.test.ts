/**
 * 排班 and 打卡 as two files (domain: a schedule, agent × date → shift, and clock records, agent ×
 * date → punches): each agent-day is judged once, the punches against the schedule's shift.
 * Figures by hand from the handbook's defaults: 白班 08:30–17:30, 晚班 17:30–01:00, late / early
 * 10 yuan each, grace 0.
 */
import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import type { ShiftDay } from "../../../src/core/model";
import { agent, dataset, shift } from "./build";

const SCHEDULE = { file: "排班.csv", sheet: "排班" };
const PUNCHES = { file: "打卡.csv", sheet: "打卡" };
const from = (sd: ShiftDay, where: { file: string; sheet: string }): ShiftDay => ({ ...sd, source: { ...sd.source, ...where } });
const scheduled = (date: string, kind: "白班" | "晚班" | null) => from(shift("KF01", date, kind, null, null), SCHEDULE);
const punched = (date: string, clockIn: string, clockOut: string, outNextDay = false) => from(shift("KF01", date, null, clockIn, clockOut, { outNextDay }), PUNCHES);

function month(shifts: ShiftDay[]) {
  const r = buildMonth(dataset({ roster: [agent("KF01", "小美")], shifts }), defaultRules(), { month: "2026-10" });
  const row = r.performance.find((p) => p.agent.staffNo === "KF01")!;
  return { r, late: row.lateCount, early: row.earlyCount, fines: row.fines, days: r.attendance!.filter((d) => d.agent === "KF01").length };
}

test.each([
  ["day shift, in 08:31: late", "白班", "08:31", "17:35", false, 1, 0, 1000],
  ["day shift, in 08:30 sharp: on time", "白班", "08:30", "17:35", false, 0, 0, 0],
  ["day shift, out 17:29: early", "白班", "08:25", "17:29", false, 0, 1, 1000],
  ["night shift, out 00:55 the next day: early", "晚班", "17:25", "00:55", true, 0, 1, 1000],
  ["night shift, out 01:05 the next day: on time", "晚班", "17:25", "01:05", true, 0, 0, 0],
  ["night shift, in 17:31: late", "晚班", "17:31", "01:05", true, 1, 0, 1000],
] as [string, "白班" | "晚班", string, string, boolean, number, number, number][])("%s", (_n, kind, clockIn, clockOut, next, late, early, fines) => {
  const m = month([scheduled("2026-10-05", kind), punched("2026-10-05", clockIn, clockOut, next)]);
  expect([m.late, m.early, m.fines]).toEqual([late, early, fines]);
  expect(m.days).toBe(1); // one day, not a rest row and an absent row
  const info = m.r.problems.filter((p) => p.code === "attendance.joined");
  expect(info).toHaveLength(1);
  expect(info[0]).toMatchObject({ severity: "info", value: "1", file: "打卡.csv" });
  expect(info[0].zh).toContain("排班（排班.csv）与打卡（打卡.csv）分开给出");
});

test("a scheduled day with no punch is still absent, and a rest day in the schedule with punches stays a rest day", () => {
  const m = month([scheduled("2026-10-05", "白班"), scheduled("2026-10-06", null), punched("2026-10-06", "08:25", "17:35")]);
  const days = m.r.attendance!.filter((d) => d.agent === "KF01");
  expect(days.map((d) => [d.date, d.absent])).toEqual([["2026-10-05", 1], ["2026-10-06", 0]]);
  expect([m.late, m.early]).toEqual([0, 0]);
});

test("rows of one file are not joined: a sheet's own repeated day stays as it is read", () => {
  const same = [scheduled("2026-10-05", "白班"), from(punched("2026-10-05", "08:31", "17:35"), SCHEDULE)];
  const m = month(same);
  expect(m.days).toBe(2);
  expect(m.r.problems.some((p) => p.code === "attendance.joined")).toBe(false);
});

test("a DingTalk day (shift and punches on one row) is left alone", () => {
  const m = month([shift("KF01", "2026-10-05", "白班", "08:31", "17:35")]);
  expect([m.late, m.days]).toEqual([1, 1]);
  expect(m.r.problems.some((p) => p.code === "attendance.joined")).toBe(false);
});
