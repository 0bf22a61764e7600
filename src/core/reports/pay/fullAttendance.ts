/**
 * 全勤奖 — full-attendance bonus: only when the employment period covers the whole month and the
 * month has no absence, no lateness, no early leave, no missing punch, no leave and no sick day
 * (the handbook: 整月没迟到请假病假早退).
 */
import type { AttendanceSummary } from "../attendance";
import { shortDate } from "../calendar";
import { item, listed, y, type AgentMonth, type PayItem } from "./types";

const BREAKS: { zh: string; en: string; on: (d: AttendanceSummary["days"][number]) => boolean }[] = [
  { zh: "迟到", en: "late", on: (d) => d.late && !d.seriousLate },
  { zh: "严重迟到", en: "seriously late", on: (d) => d.seriousLate },
  { zh: "早退", en: "left early", on: (d) => d.early },
  { zh: "旷工", en: "absent", on: (d) => d.absent > 0 },
  { zh: "缺卡", en: "missing punch", on: (d) => d.missing > 0 },
  { zh: "请假", en: "on leave", on: (d) => d.leave > 0 },
  { zh: "病假", en: "on sick leave", on: (d) => d.sick > 0 },
];

/**
 * What broke full attendance, by kind: "10-05 迟到 1 次" / "late once on 10-05", or
 * "迟到 2 次（10-05、10-26）" / "late 2 times (10-05, 10-26)".
 */
function attendanceBreaks(att: AttendanceSummary): { zh: string[]; en: string[] } {
  const zh: string[] = [];
  const en: string[] = [];
  for (const b of BREAKS) {
    const dates = att.days.filter(b.on).map((d) => shortDate(d.date));
    if (dates.length === 0) continue;
    if (dates.length === 1) {
      zh.push(`${dates[0]} ${b.zh} 1 次`);
      en.push(`${b.en} once on ${dates[0]}`);
    } else {
      zh.push(`${b.zh} ${dates.length} 次（${listed(dates, "、", (n) => `等另 ${n} 天`)}）`);
      en.push(`${b.en} ${dates.length} times (${listed(dates, ", ", (n) => `and ${n} more days`)})`);
    }
  }
  return { zh, en };
}

export function fullAttendancePay(a: AgentMonth): PayItem {
  const s = a.schedule;
  const none = (zh: string, en: string) => item(0, `全勤奖 0：${zh}`, `no full-attendance bonus: ${en}`);
  if (!s.wholeMonth) {
    const zh = s.from === null ? "本月不在职" : `本月在职 ${shortDate(s.from)}–${shortDate(s.to!)}，未满整月`;
    const en = s.from === null ? "not employed this month" : `employed ${shortDate(s.from)}–${shortDate(s.to!)} only, not the whole month`;
    return none(zh, en);
  }
  if (a.att.days.length === 0) return none("本月没有考勤记录", "no attendance records this month");
  const breaks = attendanceBreaks(a.att);
  const noRow = s.absentDates.filter((d) => s.missingDates.includes(d)).map(shortDate);
  if (noRow.length > 0) {
    breaks.zh.push(`无考勤记录按缺勤 ${noRow.length} 天（${listed(noRow, "、", (n) => `等另 ${n} 天`)}）`);
    breaks.en.push(`${noRow.length} days with no attendance record counted as absent (${listed(noRow, ", ", (n) => `and ${n} more days`)})`);
  }
  if (breaks.zh.length > 0) return none(breaks.zh.join("；"), breaks.en.join("; "));
  const amount = a.rules.pay.fullAttendance;
  return item(
    amount,
    `全勤奖 ${y(amount)}：无迟到、早退、旷工、缺卡、请假、病假`,
    `full-attendance bonus ${y(amount)}: no lateness, early leave, absence, missing punch, leave or sick day`,
  );
}
