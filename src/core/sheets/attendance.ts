/**
 * 考勤明细 — every judged shift day of the month (from the attendance export's verdicts or from the
 * punch times): the detail behind lateness, early leave, absence and days worked, which the
 * performance board and the commission sheet sum over with SUMIFS.
 */
import type { PunchVerdict } from "../model";
import type { AttendanceDay, MonthReport } from "../reports/types";
import { describeShift } from "../reports/attendance";
import { compareCodes, compareText } from "../reports/order";
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
  { key: "absence", header: "缺勤 Absence (1/0)", format: "int", width: 9 },
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

function rowOf(d: AttendanceDay, firstWorked: boolean, absence: boolean): SpecCell[] {
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
    absence ? 1 : 0,
    yesMark(d.fromExport),
    cellText(sourceText(d.source)),
  ];
}

/** A scheduled day the attendance file has no row for: an absence, listed so the sheet shows it. */
function noRecordRow(agent: string, date: string): SpecCell[] {
  return [cellText(agent), { date }, "无记录 no record", "", "", 0, null, 0, null, 0, 0, 0, 0, 0, 1, "", ""];
}

/** Rows 考勤明细 holds: the judged days plus one per absence with no row in the file. */
export function attendanceRowCount(report: MonthReport): number {
  let n = report.attendance?.length ?? 0;
  for (const c of report.commission) n += c.noRecordDates?.length ?? 0;
  return n;
}

export function buildAttendanceSheet(report: MonthReport): SheetSpec {
  const seen = new Set<string>();
  // Absences (缺勤) by agent and date, from the pay report; each marked once.
  const absent = new Set<string>();
  for (const c of report.commission) for (const d of c.absentDates ?? []) absent.add(`${c.agent.staffNo}\u0000${d}`);
  const listed: { agent: string; date: string; cells: SpecCell[] }[] = (report.attendance ?? []).map((d) => {
    const key = `${d.agent}\u0000${d.date}`;
    const first = d.worked && !seen.has(key);
    if (d.worked) seen.add(key);
    const absence = absent.delete(key);
    return { agent: d.agent, date: d.date, cells: rowOf(d, first, absence) };
  });
  for (const key of absent) {
    const [agent, date] = key.split("\u0000");
    listed.push({ agent, date, cells: noRecordRow(agent, date) });
  }
  listed.sort((a, b) => compareCodes(a.agent, b.agent) || compareText(a.date, b.date));
  const rows = listed.map((r) => r.cells);
  const s = SHEET_NAMES.attendance;
  return {
    key: "attendance",
    name: s.name,
    nameEn: s.nameEn,
    title: `${s.name} ${report.month}`,
    subtitle: `${s.nameEn} · ${report.month} · 迟到、早退、旷工与出勤天数的来源 where lateness, early leave, absence and days worked come from · 缺勤：应出勤日无打卡或无记录 absence: a scheduled day with no punch or no row`,
    tabColor: s.tabColor,
    columns: ATTENDANCE_COLUMNS,
    rows,
    blocks: [],
    freeze: { rows: 3, columns: 2 },
    autoFilter: true,
  };
}
