/**
 * Attendance (考勤): DingTalk's 每日统计 export and a manager's plain sheet → `ShiftDay`s.
 *
 * DingTalk already judged each punch (正常 / 迟到 / 严重迟到 / 早退 / 缺卡 / 请假 / 休息 / 旷工)
 * and measured 迟到时长 / 早退时长; we keep its verdicts (blank counters mean 0). A plain sheet
 * gives shift and clock times only; the engine judges those.
 *
 * Night shift: 17:30–01:00 ends after midnight, so a clock-out of 00:55 (or DingTalk's
 * `次日 00:55`) belongs to the shift that started the day before: its WallTime is on the next day.
 *
 * Split shift (两次上下班, e.g. 09:00-12:00 14:00-18:00): DingTalk adds 上班2/下班2 (打卡时间,
 * 打卡结果), flat or under a two-level header. The first pair stays in clockIn / clockOut, the
 * later ones go to `laterPairs`, each placed against its own period of the 班次; the engine judges
 * every pair against its own start and end (reports/attendance.ts says why).
 */
import type { PunchPair, PunchVerdict, Shift, ShiftDay, ShiftPeriod } from "../model";
import { defaultRules } from "../rules/defaults";
import { codeOf, dayStart, dateOf, hasDatePart, readDateTime, readTimeOfDay, textOf, toHalfWidth } from "./cells";
import { colOf, EXPECT, rowBlank, type KindReader, type SheetContext } from "./context";
import { normaliseHeader } from "./headers";
import type { Cell, Recognition } from "./types";

const VERDICTS: [RegExp, PunchVerdict][] = [
  [/严重迟到/, "seriousLate"],
  [/旷工/, "absent"],
  [/迟到/, "late"],
  [/早退/, "early"],
  [/缺卡|未打卡/, "missing"],
  [/请假|假|调休/, "leave"],
  [/休息|^休$|轮休/, "rest"],
  // Business trips and field work are work, not leave.
  [/正常|外勤|补卡|出差|外出|^√$/, "normal"],
];

/** 打卡结果 text → verdict; null blank; undefined when unknown. */
export function verdictOf(cell: Cell | undefined): PunchVerdict | null | undefined {
  const s = typeof cell === "string" ? cell.trim() : cell === null || cell === undefined ? "" : String(cell);
  if (s === "" || s === "-" || s === "--") return null;
  for (const [re, v] of VERDICTS) if (re.test(s)) return v;
  return undefined;
}

const RANGE = String.raw`(\d{1,2})\s*[:：]\s*(\d{2})\s*(?:-|~|～|至|到|—)\s*(次日)?\s*(\d{1,2})\s*[:：]\s*(\d{2})`;
const RE_RANGE = new RegExp(RANGE);
const RE_RANGES = new RegExp(RANGE, "g");

/**
 * 班次 text → Shift; null for a rest day; undefined when unreadable.
 * `白班`, `晚班` (the handbook's times), `09:00-18:00`, `晚班 17:30-次日01:00`, `休`, and a split
 * shift `早班 09:00-12:00 14:00-18:00` (DingTalk's 两次上下班): the first range is start–end, the
 * others `laterPeriods`, each after the one before (a later range earlier in the clock is past
 * midnight); overlapping or out-of-order ranges are unreadable.
 */
export function shiftOf(cell: Cell | undefined): Shift | null | undefined {
  const raw = typeof cell === "string" ? toHalfWidth(cell).trim() : cell === null || cell === undefined ? "" : String(cell);
  if (raw === "") return null;
  if (/休/.test(raw) && !RE_RANGE.test(raw)) return null;
  const rules = defaultRules().shifts;
  const ranges = [...raw.matchAll(RE_RANGES)];
  if (ranges.length > 0) {
    const periods: { start: number; end: number }[] = [];
    for (const m of ranges) {
      let start = +m[1] * 60 + +m[2];
      let end = +m[4] * 60 + +m[5];
      if (start >= 24 * 60 || +m[2] > 59 || +m[5] > 59 || end > 48 * 60) return undefined;
      if (m[3] || end <= start) end += 1440;
      const prev = periods[periods.length - 1];
      if (prev && start < prev.start) {
        // Earlier on the clock than the period before: after midnight — unless that leaves a
        // break of over 12 hours, when the ranges are simply out of order.
        start += 1440;
        end += 1440;
        if (start - prev.end > 720) return undefined;
      }
      if (prev && start < prev.end) return undefined;
      periods.push({ start, end });
    }
    const label = raw.replace(RE_RANGES, "").replace(/[\s()（）;；,，、\/|]+/g, "");
    const [first, ...later] = periods;
    const shift: Shift = {
      label: label !== "" ? label : ranges.map((m) => m[0].replace(/\s+/g, "")).join(" "),
      start: first.start,
      end: first.end,
    };
    if (later.length > 0) shift.laterPeriods = later;
    return shift;
  }
  if (/白班|早班|日班/.test(raw)) return { label: raw, start: rules.day.start, end: rules.day.end };
  if (/晚班|夜班/.test(raw)) return { label: raw, start: rules.night.start, end: rules.night.end };
  return undefined;
}

/** Clock cells that mean "no punch" rather than an unreadable time. */
const NO_PUNCH = /^(-+|—+|未打卡|缺卡|无|休息|请假)$/;

/** Leave columns in DingTalk (事假(天), 病假(小时) …): which counter and how many hours a day. */
const RE_LEAVE = /^(事假|病假|年假|调休|婚假|产假|陪产假|丧假|哺乳假|育儿假|护理假|探亲假|请假|其他假期?)(?:\((天|日|小时|时|h|d)\))?$/;

/** A clock cell read: WallTime on the day, minutes after midnight when given as a time of day. */
interface Punch {
  t: number | null;
  minutes: number | null;
  /** The cell carried its own date (a full date-time): never moved to another day. */
  dated: boolean;
}

interface LeaveColumn {
  col: number;
  sick: boolean;
  perDay: number;
}

export function createAttendanceReader(ctx: SheetContext, rec: Recognition): KindReader {
  const c = rec.columns;
  const iName = colOf(c, "name");
  const iStaff = colOf(c, "staffNo");
  const iDate = colOf(c, "date");
  const iWorkDate = colOf(c, "workDate");
  const iShift = colOf(c, "shift");
  const iIn = colOf(c, "clockIn");
  const iInResult = colOf(c, "inResult");
  const iOut = colOf(c, "clockOut");
  const iOutResult = colOf(c, "outResult");
  const iLate = colOf(c, "lateMinutes");
  const iSerious = colOf(c, "seriousLateMinutes");
  const iEarly = colOf(c, "earlyMinutes");
  const iAbsent = colOf(c, "absentDays");
  const leaves: LeaveColumn[] = [];
  (rec.headers ?? []).forEach((h, col) => {
    const m = RE_LEAVE.exec(normaliseHeader(h.split("/").pop()));
    if (m) leaves.push({ col, sick: m[1] === "病假", perDay: m[2] && /小时|时|h/.test(m[2]) ? 8 : 1 });
  });
  // Later punch pairs of a split shift, in order; a pair counts when any of its four columns exists.
  const pairCols = [2, 3]
    .map((n) => ({ in: colOf(c, `clockIn${n}`), inResult: colOf(c, `inResult${n}`), out: colOf(c, `clockOut${n}`), outResult: colOf(c, `outResult${n}`) }))
    .filter((p) => p.in >= 0 || p.inResult >= 0 || p.out >= 0 || p.outResult >= 0);
  const columns = [iName, iStaff, iDate, iWorkDate, iShift, iIn, iInResult, iOut, iOutResult, iLate, iSerious, iEarly, iAbsent, ...leaves.map((l) => l.col), ...pairCols.flatMap((p) => [p.in, p.inResult, p.out, p.outResult])].filter(
    (i) => i >= 0,
  );
  const keyCols = [iName, iStaff, iDate, iWorkDate].filter((i) => i >= 0);
  const shifts = ctx.data.shifts;

  /** Clock cell → WallTime on `date` (or the next day for a night shift's clock-out). */
  function clock(row: Cell[], col: number, rowNo: number, date: string): Punch {
    if (col < 0) return { t: null, minutes: null, dated: false };
    const cell = row[col];
    if (typeof cell === "string" && NO_PUNCH.test(cell.trim())) return { t: null, minutes: null, dated: false };
    if (hasDatePart(cell)) {
      const t = readDateTime(cell);
      if (t !== null && !isNaN(t)) return { t, minutes: null, dated: true };
    }
    const m = readTimeOfDay(cell);
    if (m === null) return { t: null, minutes: null, dated: false };
    if (isNaN(m)) {
      ctx.bad("warning", "attendance.time.invalid", rowNo, col, cell, EXPECT.time, false);
      return { t: null, minutes: null, dated: false };
    }
    return { t: dayStart(date) + m * 60000, minutes: m, dated: false };
  }

  /**
   * A pair's clock-out as WallTime. A time of day before the start of a period that ends after
   * midnight is the next day; one before the pair's clock-in is overnight when there is no
   * schedule and it is in the small hours, else reported and left empty.
   */
  function placeOut(row: Cell[], rowNo: number, date: string, col: number, clockIn: number | null, out: Punch, period: ShiftPeriod | null): number | null {
    let t = out.t;
    if (t === null || out.dated || out.minutes === null || out.minutes >= 1440) return t;
    const inMinutes = clockIn !== null ? Math.floor((clockIn - dayStart(date)) / 60000) : null;
    if (period !== null && period.end > 1440 && out.minutes < period.start) {
      t += 1440 * 60000;
    } else if (inMinutes !== null && out.minutes < inMinutes) {
      if (period === null && out.minutes <= 6 * 60) {
        t += 1440 * 60000; // no schedule, punched out in the small hours: overnight
      } else {
        ctx.cell(
          "warning",
          "attendance.clockout.before_clockin",
          rowNo,
          col,
          row[col],
          "下班打卡早于上班打卡；下班时间按空值处理",
          "the clock-out is earlier than the clock-in; the clock-out is left empty",
        );
        t = null;
      }
    }
    return t;
  }

  /**
   * 上班2/下班2 (and 3) of a split-shift day, each placed against its own period of the shift
   * (a period starting after midnight puts a small-hours clock-in on the next day). Undefined
   * when every later pair is blank: a one-pair day in an export that has the columns.
   */
  function readLaterPairs(row: Cell[], rowNo: number, date: string, shift: Shift | null): PunchPair[] | undefined {
    const pairs: PunchPair[] = [];
    let last = -1;
    pairCols.forEach((c, i) => {
      const period = shift?.laterPeriods?.[i] ?? null;
      const cin = clock(row, c.in, rowNo, date);
      let clockIn = cin.t;
      if (clockIn !== null && !cin.dated && period !== null && period.start >= 1440 && cin.minutes !== null && cin.minutes < 720) clockIn += 1440 * 60000;
      const pair: PunchPair = {
        clockIn,
        clockOut: placeOut(row, rowNo, date, c.out, clockIn, clock(row, c.out, rowNo, date), period),
        inVerdict: verdict(row, c.inResult, rowNo),
        outVerdict: verdict(row, c.outResult, rowNo),
      };
      if (pair.clockIn !== null || pair.clockOut !== null || pair.inVerdict !== null || pair.outVerdict !== null) last = i;
      pairs.push(pair);
    });
    return last < 0 ? undefined : pairs.slice(0, last + 1);
  }

  function verdict(row: Cell[], col: number, rowNo: number): ShiftDay["inVerdict"] {
    if (col < 0) return null;
    const v = verdictOf(row[col]);
    if (v === undefined) {
      ctx.bad(
        "warning",
        "attendance.verdict.unknown",
        rowNo,
        col,
        row[col],
        { zh: "打卡结果（正常/迟到/严重迟到/早退/缺卡/请假/休息/旷工）", en: "a punch result (正常/迟到/严重迟到/早退/缺卡/请假/休息/旷工)" },
        false,
      );
      return null;
    }
    return v;
  }

  /** A counter DingTalk leaves blank when zero: blank → 0 when the column exists, null when not. */
  function counter(row: Cell[], col: number, rowNo: number, code: string): number | null {
    if (col < 0) return null;
    return ctx.number(row, col, rowNo, code) ?? 0;
  }

  return {
    columns,
    read(row: Cell[], rowNo: number): boolean {
      if (rowBlank(row, keyCols)) {
        if (!rowBlank(row, columns)) {
          ctx.sheetProblem("error", "attendance.agent.missing", rowNo, "", "这一行没有客服（工号/姓名）也没有日期；该行未导入", "this row has no agent (工号/姓名) and no date; the row is skipped");
          return true;
        }
        return false;
      }
      const staffNo = iStaff >= 0 ? codeOf(row[iStaff]) : "";
      const nameRaw = iName >= 0 ? textOf(row[iName]) : "";
      // A plain sheet may have one "agent" column holding a staff number instead of a name.
      const looksLikeCode = iStaff < 0 && /^[A-Za-z]{0,4}\d{1,6}$/.test(nameRaw);
      const agentKey = staffNo !== "" ? staffNo : nameRaw;
      if (agentKey === "") {
        ctx.cell(
          "error",
          "attendance.agent.missing",
          rowNo,
          iStaff >= 0 ? iStaff : iName,
          "",
          "缺少客服（工号或姓名）；该行未导入",
          "the agent (staff number or name) is missing; the row is skipped",
        );
        return true;
      }
      let t = iDate >= 0 ? readDateTime(row[iDate]) : null;
      if ((t === null || isNaN(t)) && iWorkDate >= 0) {
        const w = readDateTime(row[iWorkDate]);
        if (w !== null && !isNaN(w)) t = w;
      }
      if (t === null || isNaN(t)) {
        const col = iDate >= 0 ? iDate : iWorkDate;
        ctx.bad("error", t === null ? "attendance.date.missing" : "attendance.date.invalid", rowNo, col, row[col], EXPECT.date, true);
        return true;
      }
      const date = dateOf(t);

      let shift: Shift | null = null;
      if (iShift >= 0) {
        const s = shiftOf(row[iShift]);
        if (s === undefined) {
          ctx.bad(
            "warning",
            "attendance.shift.unknown",
            rowNo,
            iShift,
            row[iShift],
            { zh: "班次（白班、晚班、休，或 09:00-18:00 这样的起止时间）", en: "a shift (白班, 晚班, 休, or a start–end time such as 09:00-18:00)" },
            false,
          );
        } else shift = s;
      }

      const cin = clock(row, iIn, rowNo, date);
      const clockOut = placeOut(row, rowNo, date, iOut, cin.t, clock(row, iOut, rowNo, date), shift);
      const laterPairs = pairCols.length > 0 ? readLaterPairs(row, rowNo, date, shift) : undefined;

      const late = counter(row, iLate, rowNo, "attendance.late.invalid");
      const serious = counter(row, iSerious, rowNo, "attendance.late.invalid");
      let leaveDays = 0;
      let sickDays = 0;
      for (const l of leaves) {
        const v = ctx.number(row, l.col, rowNo, "attendance.leave.invalid");
        if (v === null) continue;
        if (l.sick) sickDays += v / l.perDay;
        else leaveDays += v / l.perDay;
      }
      const day: ShiftDay = {
        agentKey,
        staffNo: staffNo !== "" ? staffNo : looksLikeCode ? nameRaw : "",
        name: looksLikeCode ? "" : nameRaw,
        date,
        shift,
        clockIn: cin.t,
        clockOut,
        inVerdict: verdict(row, iInResult, rowNo),
        outVerdict: verdict(row, iOutResult, rowNo),
        ...(laterPairs ? { laterPairs } : {}),
        lateMinutes: late === null && serious === null ? null : (late ?? 0) + (serious ?? 0),
        earlyMinutes: counter(row, iEarly, rowNo, "attendance.early.invalid"),
        leaveDays,
        sickDays,
        absentDays: counter(row, iAbsent, rowNo, "attendance.absent.invalid") ?? 0,
        source: { file: ctx.file, sheet: ctx.sheet, row: rowNo },
      };
      shifts.push(day);
      return true;
    },
    finish(): void {},
  };
}
