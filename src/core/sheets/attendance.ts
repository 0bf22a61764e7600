/**
 * 考勤明细 — every judged shift day of the month (from the attendance export's verdicts or from the
 * punch times): the detail behind lateness, early leave, absence and days worked, which the
 * performance board and the commission sheet sum over with SUMIFS.
 */
import type { PunchVerdict } from "../model";
import type { AttendanceDay, MonthReport } from "../reports/types";
import { describeShift } from "../reports/attendance";
import { cellText } from "./layout";
import { SHEET_NAMES, yesMark } from "./names";
import { sourceText } from "./orders";
import type { ColumnSpec, SheetSpec, SpecCell } from "./types";

export const ATTENDANCE_COLUMNS: ColumnSpec[] = [
  { key: "agent", header: "工号 Agent", format: "text", width: 10 },
  { key: "date", header: "日期 Date", format: "date", width: 12 },
  { key: "shift", header: "班次 Shift", format: "text", width: 18 },
  { key: "inVerdict", header: "上班 Clock-in", format: "text", width: 12 },
  { key: "outVerdict", header: "下班 Clock-out", format: "text", width: 12 },
  { key: "late", header: "迟到 Late (1/0)", format: "int", width: 9 },
  { key: "lateMinutes", header: "迟到分钟 Late min", format: "int", width: 10 },
  { key: "early", header: "早退 Early (1/0)", format: "int", width: 9 },
  { key: "earlyMinutes", header: "早退分钟 Early min", format: "int", width: 10 },
  { key: "missing", header: "缺卡 Missing punches", format: "int", width: 10 },
  { key: "absent", header: "旷工 Absent days", format: "number", width: 9 },
  { key: "leave", header: "请假 Leave days", format: "number", width: 9 },
  { key: "sick", header: "病假 Sick days", format: "number", width: 9 },
  { key: "workedDay", header: "计出勤 Day worked (1/0)", format: "int", width: 10 },
  { key: "fromExport", header: "按导出判定 From export", format: "text", width: 10 },
  { key: "source", header: "来源 Source", format: "text", width: 16 },
];

const VERDICT: Record<PunchVerdict, string> = {
  normal: "正常 normal",
  late: "迟到 late",
  seriousLate: "严重迟到 seriously late",
  early: "早退 early",
  missing: "缺卡 missing",
  leave: "请假 leave",
  rest: "休息 rest",
  absent: "旷工 absent",
};

function rowOf(d: AttendanceDay, firstWorked: boolean): SpecCell[] {
  return [
    cellText(d.agent),
    { date: d.date },
    d.shift === null ? "休 rest" : cellText(describeShift(d.shift)),
    d.inVerdict === null ? "" : VERDICT[d.inVerdict],
    d.outVerdict === null ? "" : VERDICT[d.outVerdict],
    d.late ? 1 : 0,
    d.lateMinutes,
    d.early ? 1 : 0,
    d.earlyMinutes,
    d.missing,
    d.absent,
    d.leave,
    d.sick,
    // Days worked count distinct dates: a second row for the same agent and date adds nothing.
    d.worked && firstWorked ? 1 : 0,
    yesMark(d.fromExport),
    cellText(sourceText(d.source)),
  ];
}

export function buildAttendanceSheet(report: MonthReport): SheetSpec {
  const seen = new Set<string>();
  const rows = (report.attendance ?? []).map((d) => {
    const key = `${d.agent}\u0000${d.date}`;
    const first = d.worked && !seen.has(key);
    if (d.worked) seen.add(key);
    return rowOf(d, first);
  });
  const s = SHEET_NAMES.attendance;
  return {
    key: "attendance",
    name: s.name,
    nameEn: s.nameEn,
    title: `${s.name} ${report.month}`,
    subtitle: `${s.nameEn} · ${report.month} · 迟到、早退、旷工与出勤天数的来源 where lateness, early leave, absence and days worked come from`,
    tabColor: s.tabColor,
    columns: ATTENDANCE_COLUMNS,
    rows,
    blocks: [],
    freeze: { rows: 3, columns: 2 },
    autoFilter: true,
  };
}
