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
 *
 * 企业微信 (WeCom) 打卡: the 每日统计 (daily summary) names the day 时间 and gives the earliest and
 * latest punch (最早 / 最晚) and the day's verdict in one cell (考勤概况: 正常, 迟到1次, 早退1次,
 * 缺卡, 旷工, 休息 …); its 月度汇总 (monthly summary) has one row per agent with one column per day
 * of the month (1, 2 … or 10-01 周四), each cell a verdict and/or the punch times — read into
 * one day record per filled cell, the month from the row's 时间 (2026-10, 2026年10月 …).
 */
import type { PunchPair, PunchVerdict, Shift, ShiftDay, ShiftPeriod } from "../model";
import { defaultRules } from "../rules/defaults";
import { codeOf, dayStart, dateOf, hasDatePart, readDateTime, readTimeOfDay, textOf, timeOfDayMissing, toHalfWidth } from "./cells";
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

/**
 * A 班次 cell naming a leave instead of a shift (a manager's sheet: 请假, 事假, 病假(上午) …):
 * whether it is sick leave, or null when the cell names no leave. 调休 is not one: shiftOf reads
 * it as a rest day, as it always has.
 */
export function leaveOfShift(cell: Cell | undefined): { sick: boolean } | null {
  if (typeof cell !== "string") return null;
  const m = /^(请假|事假|病假|年假|婚假|产假|陪产假|丧假|哺乳假|育儿假|护理假|探亲假|公假|其他假期?)(?:[(（].*[)）])?$/.exec(toHalfWidth(cell).replace(/\s+/g, ""));
  return m ? { sick: m[1] === "病假" } : null;
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

/** The four columns of one later punch pair (上班2/下班2 …); -1 where the file has none. */
interface PairColumns {
  in: number;
  inResult: number;
  out: number;
  outResult: number;
}

/** Every column a daily attendance sheet may give, found once from the recognition. */
interface DailyColumns {
  name: number;
  staff: number;
  date: number;
  workDate: number;
  shift: number;
  in: number;
  inResult: number;
  out: number;
  outResult: number;
  late: number;
  serious: number;
  early: number;
  absent: number;
  dayResult: number;
  leaves: LeaveColumn[];
  pairs: PairColumns[];
}

function leaveColumns(headers: readonly string[]): LeaveColumn[] {
  const leaves: LeaveColumn[] = [];
  headers.forEach((h, col) => {
    const m = RE_LEAVE.exec(normaliseHeader(h.split("/").pop()));
    if (m) leaves.push({ col, sick: m[1] === "病假", perDay: m[2] && /小时|时|h/.test(m[2]) ? 8 : 1 });
  });
  return leaves;
}

function dailyColumns(rec: Recognition): DailyColumns {
  const c = rec.columns;
  return {
    name: colOf(c, "name"),
    staff: colOf(c, "staffNo"),
    date: colOf(c, "date"),
    workDate: colOf(c, "workDate"),
    shift: colOf(c, "shift"),
    in: colOf(c, "clockIn"),
    inResult: colOf(c, "inResult"),
    out: colOf(c, "clockOut"),
    outResult: colOf(c, "outResult"),
    late: colOf(c, "lateMinutes"),
    serious: colOf(c, "seriousLateMinutes"),
    early: colOf(c, "earlyMinutes"),
    absent: colOf(c, "absentDays"),
    dayResult: colOf(c, "dayResult"),
    leaves: leaveColumns(rec.headers ?? []),
    // Later punch pairs of a split shift, in order; a pair counts when any of its four columns exists.
    pairs: [2, 3]
      .map((n) => ({ in: colOf(c, `clockIn${n}`), inResult: colOf(c, `inResult${n}`), out: colOf(c, `clockOut${n}`), outResult: colOf(c, `outResult${n}`) }))
      .filter((p) => p.in >= 0 || p.inResult >= 0 || p.out >= 0 || p.outResult >= 0),
  };
}

const PUNCH_RESULT = { zh: "打卡结果（正常/迟到/严重迟到/早退/缺卡/请假/休息/旷工）", en: "a punch result (正常/迟到/严重迟到/早退/缺卡/请假/休息/旷工)" };

/**
 * A whole day's verdict in one cell (企业微信 考勤概况 / a 月度汇总 day cell) → the clock-in's and
 * the clock-out's verdicts. `正常` → both normal; `迟到1次` → in late, out normal; `早退` → out
 * early; `缺卡` → the side without a punch (the clock-out when both or neither have one); 休息 /
 * 请假 / 旷工 → both; 地点异常 / 设备异常 (a punch from an unexpected place or phone) → normal.
 * Undefined when the text holds no verdict word; null for a blank cell.
 * @example dayVerdicts("迟到1次;早退1次", true, true) // { in: "late", out: "early" }
 */
export function dayVerdicts(cell: Cell | undefined, hasIn: boolean, hasOut: boolean): { in: PunchVerdict; out: PunchVerdict } | null | undefined {
  const s = typeof cell === "string" ? cell.trim() : cell === null || cell === undefined ? "" : String(cell);
  if (s === "" || s === "-" || s === "--") return null;
  if (/休息|^休$|轮休/.test(s)) return { in: "rest", out: "rest" };
  if (/旷工/.test(s)) return { in: "absent", out: "absent" };
  if (/请假|[事病年婚产丧]假|调休/.test(s) && !/迟到|早退|正常/.test(s)) return { in: "leave", out: "leave" };
  let inV: PunchVerdict | null = /严重迟到/.test(s) ? "seriousLate" : /迟到/.test(s) ? "late" : null;
  let outV: PunchVerdict | null = /早退/.test(s) ? "early" : null;
  if (/缺卡|未打卡/.test(s)) {
    if (!hasIn && hasOut) inV ??= "missing";
    else outV ??= "missing";
  }
  // 地点异常 / 设备异常 (企业微信): punched, from an unexpected place or phone — a punch, not a breach.
  if (inV === null && outV === null && !/正常|外勤|出差|外出|补卡|地点异常|设备异常|^√$/.test(s)) return undefined;
  return { in: inV ?? "normal", out: outV ?? "normal" };
}

/**
 * The cell readers a day of attendance needs — punches, verdicts, counters, the shift, the agent
 * and the date — bound to one sheet's problems. Shared by the daily and the monthly readers.
 */
class DayCells {
  constructor(private readonly ctx: SheetContext) {}

  /** Clock cell → WallTime on `date` (or the next day for a night shift's clock-out). */
  clock(row: Cell[], col: number, rowNo: number, date: string): Punch {
    if (col < 0) return { t: null, minutes: null, dated: false };
    const cell = row[col];
    if (typeof cell === "string" && NO_PUNCH.test(cell.trim())) return { t: null, minutes: null, dated: false };
    // An hour typed as a number (9, "0930") or a bare date reads as a time of 00:00 — an on-time
    // punch for a day that may have been an hour late: no punch, and said so.
    if (timeOfDayMissing(cell) !== null) {
      this.ctx.bad("warning", "attendance.time.invalid", rowNo, col, cell, EXPECT.time, false);
      return { t: null, minutes: null, dated: false };
    }
    if (hasDatePart(cell)) {
      const t = readDateTime(cell);
      if (t !== null && !isNaN(t)) return { t, minutes: null, dated: true };
    }
    const m = readTimeOfDay(cell);
    if (m === null) return { t: null, minutes: null, dated: false };
    if (isNaN(m)) {
      this.ctx.bad("warning", "attendance.time.invalid", rowNo, col, cell, EXPECT.time, false);
      return { t: null, minutes: null, dated: false };
    }
    return { t: dayStart(date) + m * 60000, minutes: m, dated: false };
  }

  /**
   * A pair's clock-out as WallTime. A time of day before the start of a period that ends after
   * midnight is the next day; one before the pair's clock-in is overnight when there is no
   * schedule and it is in the small hours, else reported and left empty.
   */
  placeOut(row: Cell[], rowNo: number, date: string, col: number, clockIn: number | null, out: Punch, period: ShiftPeriod | null): number | null {
    let t = out.t;
    if (t === null || out.dated || out.minutes === null || out.minutes >= 1440) return t;
    const inMinutes = clockIn !== null ? Math.floor((clockIn - dayStart(date)) / 60000) : null;
    if (period !== null && period.end > 1440 && out.minutes < period.start) {
      t += 1440 * 60000;
    } else if (inMinutes !== null && out.minutes < inMinutes) {
      if (period === null && out.minutes <= 6 * 60) {
        t += 1440 * 60000; // no schedule, punched out in the small hours: overnight
      } else {
        this.ctx.cell(
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
  laterPairs(row: Cell[], rowNo: number, date: string, shift: Shift | null, cols: readonly PairColumns[]): PunchPair[] | undefined {
    const pairs: PunchPair[] = [];
    let last = -1;
    cols.forEach((c, i) => {
      const period = shift?.laterPeriods?.[i] ?? null;
      const cin = this.clock(row, c.in, rowNo, date);
      let clockIn = cin.t;
      if (clockIn !== null && !cin.dated && period !== null && period.start >= 1440 && cin.minutes !== null && cin.minutes < 720) clockIn += 1440 * 60000;
      const pair: PunchPair = {
        clockIn,
        clockOut: this.placeOut(row, rowNo, date, c.out, clockIn, this.clock(row, c.out, rowNo, date), period),
        inVerdict: this.verdict(row, c.inResult, rowNo),
        outVerdict: this.verdict(row, c.outResult, rowNo),
      };
      if (pair.clockIn !== null || pair.clockOut !== null || pair.inVerdict !== null || pair.outVerdict !== null) last = i;
      pairs.push(pair);
    });
    return last < 0 ? undefined : pairs.slice(0, last + 1);
  }

  verdict(row: Cell[], col: number, rowNo: number): PunchVerdict | null {
    if (col < 0) return null;
    const v = verdictOf(row[col]);
    if (v === undefined) {
      this.ctx.bad("warning", "attendance.verdict.unknown", rowNo, col, row[col], PUNCH_RESULT, false);
      return null;
    }
    return v;
  }

  /** A one-cell day verdict (企业微信 考勤概况); a warning and null when it names none. */
  dayVerdict(row: Cell[], col: number, rowNo: number, hasIn: boolean, hasOut: boolean): { in: PunchVerdict; out: PunchVerdict } | null {
    if (col < 0) return null;
    const v = dayVerdicts(row[col], hasIn, hasOut);
    if (v === undefined) {
      this.ctx.bad("warning", "attendance.verdict.unknown", rowNo, col, row[col], PUNCH_RESULT, false);
      return null;
    }
    return v;
  }

  /** A counter DingTalk leaves blank when zero: blank → 0 when the column exists, null when not. */
  counter(row: Cell[], col: number, rowNo: number, code: string): number | null {
    if (col < 0) return null;
    return this.ctx.number(row, col, rowNo, code) ?? 0;
  }

  /** The 班次 cell: a Shift, null for rest / no column, null with a warning when unreadable. */
  shift(row: Cell[], col: number, rowNo: number): Shift | null {
    if (col < 0) return null;
    const s = shiftOf(row[col]);
    if (s !== undefined) return s;
    this.ctx.bad(
      "warning",
      "attendance.shift.unknown",
      rowNo,
      col,
      row[col],
      { zh: "班次（白班、晚班、休，或 09:00-18:00 这样的起止时间）", en: "a shift (白班, 晚班, 休, or a start–end time such as 09:00-18:00)" },
      false,
    );
    return null;
  }

  /**
   * Who the row is about: 工号 when given, else 姓名. A plain sheet may have one "agent" column
   * holding a staff number instead of a name. Null (with an error) when neither is there.
   */
  agent(row: Cell[], rowNo: number, iName: number, iStaff: number): Pick<ShiftDay, "agentKey" | "staffNo" | "name"> | null {
    const staffNo = iStaff >= 0 ? codeOf(row[iStaff]) : "";
    const nameRaw = iName >= 0 ? textOf(row[iName]) : "";
    const looksLikeCode = iStaff < 0 && /^[A-Za-z]{0,4}\d{1,6}$/.test(nameRaw);
    const agentKey = staffNo !== "" ? staffNo : nameRaw;
    if (agentKey === "") {
      this.ctx.cell(
        "error",
        "attendance.agent.missing",
        rowNo,
        iStaff >= 0 ? iStaff : iName,
        "",
        "缺少客服（工号或姓名）；该行未导入",
        "the agent (staff number or name) is missing; the row is skipped",
      );
      return null;
    }
    return { agentKey, staffNo: staffNo !== "" ? staffNo : looksLikeCode ? nameRaw : "", name: looksLikeCode ? "" : nameRaw };
  }

  /** The row's day from 日期 (or DingTalk's workDate); null with an error when unreadable. */
  date(row: Cell[], rowNo: number, iDate: number, iWorkDate: number): string | null {
    let t = iDate >= 0 ? readDateTime(row[iDate]) : null;
    if ((t === null || isNaN(t)) && iWorkDate >= 0) {
      const w = readDateTime(row[iWorkDate]);
      if (w !== null && !isNaN(w)) t = w;
    }
    if (t === null || isNaN(t)) {
      const col = iDate >= 0 ? iDate : iWorkDate;
      this.ctx.bad("error", t === null ? "attendance.date.missing" : "attendance.date.invalid", rowNo, col, row[col], EXPECT.date, true);
      return null;
    }
    return dateOf(t);
  }
}

/** A row with cells but no agent and no date: reported; a wholly blank row: not data. */
function keylessRow(ctx: SheetContext, row: Cell[], rowNo: number, columns: number[]): boolean {
  if (rowBlank(row, columns)) return false;
  ctx.sheetProblem("error", "attendance.agent.missing", rowNo, "", "这一行没有客服（工号/姓名）也没有日期；该行未导入", "this row has no agent (工号/姓名) and no date; the row is skipped");
  return true;
}

/** The attendance reader for the recognised layout: one row per agent and day, or 企业微信's month grid. */
export function createAttendanceReader(ctx: SheetContext, rec: Recognition): KindReader {
  return rec.variant === "wecom-monthly" ? createMonthlyReader(ctx, rec) : createDailyReader(ctx, rec);
}

/** DingTalk 每日统计, 企业微信 每日统计, a plain 排班打卡 sheet: one row per agent and day. */
function createDailyReader(ctx: SheetContext, rec: Recognition): KindReader {
  const k = dailyColumns(rec);
  const cells = new DayCells(ctx);
  const columns = [
    k.name, k.staff, k.date, k.workDate, k.shift, k.in, k.inResult, k.out, k.outResult, k.late, k.serious, k.early, k.absent, k.dayResult,
    ...k.leaves.map((l) => l.col),
    ...k.pairs.flatMap((p) => [p.in, p.inResult, p.out, p.outResult]),
  ].filter((i) => i >= 0);
  const keyCols = [k.name, k.staff, k.date, k.workDate].filter((i) => i >= 0);
  const shifts = ctx.data.shifts;

  /** Leave and sick days from DingTalk's 事假(天) / 病假(小时) … columns. */
  function leaveDays(row: Cell[], rowNo: number): { leaveDays: number; sickDays: number } {
    let leave = 0;
    let sick = 0;
    for (const l of k.leaves) {
      const v = ctx.number(row, l.col, rowNo, "attendance.leave.invalid");
      if (v === null) continue;
      if (l.sick) sick += v / l.perDay;
      else leave += v / l.perDay;
    }
    return { leaveDays: leave, sickDays: sick };
  }

  /** The day's leave: the leave columns, or one whole day when the 班次 names the leave and they say none. */
  function leaveOfDay(row: Cell[], rowNo: number, onLeave: { sick: boolean } | null): { leaveDays: number; sickDays: number } {
    const l = leaveDays(row, rowNo);
    if (onLeave && l.leaveDays === 0 && l.sickDays === 0) return onLeave.sick ? { leaveDays: 0, sickDays: 1 } : { leaveDays: 1, sickDays: 0 };
    return l;
  }

  return {
    columns,
    read(row: Cell[], rowNo: number): boolean {
      if (rowBlank(row, keyCols)) return keylessRow(ctx, row, rowNo, columns);
      const who = cells.agent(row, rowNo, k.name, k.staff);
      if (who === null) return true;
      const date = cells.date(row, rowNo, k.date, k.workDate);
      if (date === null) return true;
      // A leave written where the shift goes: before, an unreadable shift, so the day read as a
      // rest day and the month kept its full-attendance bonus.
      const onLeave = k.shift >= 0 ? leaveOfShift(row[k.shift]) : null;
      const shift = onLeave ? null : cells.shift(row, k.shift, rowNo);
      const cin = cells.clock(row, k.in, rowNo, date);
      const clockOut = cells.placeOut(row, rowNo, date, k.out, cin.t, cells.clock(row, k.out, rowNo, date), shift);
      const laterPairs = k.pairs.length > 0 ? cells.laterPairs(row, rowNo, date, shift, k.pairs) : undefined;
      const late = cells.counter(row, k.late, rowNo, "attendance.late.invalid");
      const serious = cells.counter(row, k.serious, rowNo, "attendance.late.invalid");
      const whole = cells.dayVerdict(row, k.dayResult, rowNo, cin.t !== null, clockOut !== null);
      shifts.push({
        ...who,
        date,
        shift,
        clockIn: cin.t,
        clockOut,
        inVerdict: cells.verdict(row, k.inResult, rowNo) ?? whole?.in ?? (onLeave ? "leave" : null),
        outVerdict: cells.verdict(row, k.outResult, rowNo) ?? whole?.out ?? (onLeave ? "leave" : null),
        ...(laterPairs ? { laterPairs } : {}),
        lateMinutes: late === null && serious === null ? null : (late ?? 0) + (serious ?? 0),
        earlyMinutes: cells.counter(row, k.early, rowNo, "attendance.early.invalid"),
        ...leaveOfDay(row, rowNo, onLeave),
        absentDays: cells.counter(row, k.absent, rowNo, "attendance.absent.invalid") ?? 0,
        source: { file: ctx.file, sheet: ctx.sheet, row: rowNo },
      });
      return true;
    },
    finish(): void {},
  };
}

/**
 * A day-of-month column header of a month grid: `1`, `01`, `1日`, `1号`, `01 四`, `1(周四)`,
 * `10-01`, `10月1日 星期四` (a month given must be the row's month: checked by the reader).
 * Returns the day and the month when written, else null.
 */
export function dayColumnOf(header: string): { day: number; month: number | null } | null {
  const h = toHalfWidth(header.split("/").pop() ?? "").replace(/[\s()（）]+/g, "");
  const wd = "(?:(?:周|星期)?[一二三四五六日天])?";
  let m = new RegExp(`^(\\d{1,2})[日号]?${wd}$`).exec(h);
  if (m) return +m[1] >= 1 && +m[1] <= 31 ? { day: +m[1], month: null } : null;
  m = new RegExp(`^(\\d{1,2})[-/.月](\\d{1,2})日?${wd}$`).exec(h);
  if (m && +m[1] >= 1 && +m[1] <= 12 && +m[2] >= 1 && +m[2] <= 31) return { day: +m[2], month: +m[1] };
  return null;
}

/** `2026-10`, `2026年10月`, `2026/10/01-2026/10/31`, a date in the month → "2026-10"; null when none. */
function monthOf(cell: Cell | undefined): string | null {
  if (typeof cell === "string") {
    const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})/.exec(toHalfWidth(cell));
    if (m && +m[2] >= 1 && +m[2] <= 12) return `${m[1]}-${m[2].padStart(2, "0")}`;
  }
  const t = readDateTime(cell);
  return t === null || isNaN(t) ? null : dateOf(t).slice(0, 7);
}

/** HH:MM times written in a day cell, in order; `次日` before a time puts it on the next day. */
const RE_CELL_TIME = /(次日)?\s*(\d{1,2})[:：](\d{2})/g;

/**
 * 企业微信 月度汇总: one row per agent, one column per day. Each filled day cell becomes one day
 * record: its first time is the clock-in, its last (when there are two or more) the clock-out,
 * its words the verdicts (dayVerdicts). The month totals beside the grid (迟到次数, 请假(天) …)
 * are the app's own sums of the same days and are not read again.
 */
function createMonthlyReader(ctx: SheetContext, rec: Recognition): KindReader {
  const c = rec.columns;
  const iName = colOf(c, "name");
  const iStaff = colOf(c, "staffNo");
  const iMonth = colOf(c, "date");
  const days: { col: number; day: number; month: number | null }[] = [];
  (rec.headers ?? []).forEach((h, col) => {
    const d = dayColumnOf(h);
    if (d && col !== iMonth) days.push({ col, ...d });
  });
  const cells = new DayCells(ctx);
  const keyCols = [iName, iStaff, iMonth].filter((i) => i >= 0);
  const columns = [...keyCols, ...days.map((d) => d.col)];
  if (days.length === 0) {
    ctx.sheetProblem(
      "error",
      "attendance.month.no_days",
      rec.headerRow,
      "",
      "月度汇总中没有按日的列（1、2 … 或 10-01 这样的表头）；无法得到每天的考勤，未导入",
      "the monthly summary has no per-day columns (headers such as 1, 2 … or 10-01); no day can be read, nothing is imported",
    );
  }

  function readDay(row: Cell[], rowNo: number, col: number, date: string, who: Pick<ShiftDay, "agentKey" | "staffNo" | "name">): boolean {
    const cell = row[col];
    if (cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "")) return false;
    const text = typeof cell === "string" ? toHalfWidth(cell) : String(cell);
    const times = [...text.matchAll(RE_CELL_TIME)].map((m) => (m[1] ? 1440 : 0) + +m[2] * 60 + +m[3]);
    const clockIn = times.length > 0 ? dayStart(date) + times[0] * 60000 : null;
    let clockOut = times.length > 1 ? dayStart(date) + times[times.length - 1] * 60000 : null;
    if (clockIn !== null && clockOut !== null && clockOut < clockIn) clockOut += 1440 * 60000;
    const words = text.replace(RE_CELL_TIME, " ").trim();
    const v = words === "" && times.length > 0 ? null : dayVerdicts(words, clockIn !== null, clockOut !== null);
    if (v === undefined || (v === null && times.length === 0)) {
      ctx.bad("warning", "attendance.day.unknown", rowNo, col, cell, { zh: "当天考勤（正常、迟到、休息 … 或 08:58-18:02 这样的打卡时间）", en: "the day's attendance (正常, 迟到, 休息 … or punch times such as 08:58-18:02)" }, false);
      return false;
    }
    ctx.data.shifts.push({
      ...who,
      date,
      shift: null,
      clockIn,
      clockOut,
      inVerdict: v?.in ?? null,
      outVerdict: v?.out ?? null,
      lateMinutes: null,
      earlyMinutes: null,
      leaveDays: 0,
      sickDays: 0,
      absentDays: 0,
      source: { file: ctx.file, sheet: ctx.sheet, row: rowNo },
    });
    return true;
  }

  return {
    columns,
    read(row: Cell[], rowNo: number): boolean {
      if (rowBlank(row, [iName, iStaff].filter((i) => i >= 0))) return rowBlank(row, columns) ? false : keylessRow(ctx, row, rowNo, columns);
      const who = cells.agent(row, rowNo, iName, iStaff);
      if (who === null) return true;
      const month = iMonth >= 0 ? monthOf(row[iMonth]) : null;
      if (month === null) {
        ctx.bad("error", "attendance.month.invalid", rowNo, iMonth, iMonth >= 0 ? row[iMonth] : "", { zh: "月份（如 2026-10 或 2026年10月）", en: "a month (e.g. 2026-10 or 2026年10月)" }, true);
        return true;
      }
      const [y, mo] = month.split("-").map(Number);
      const inMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      for (const d of days) {
        if (d.day > inMonth || (d.month !== null && d.month !== mo)) {
          if (!rowBlank(row, [d.col])) {
            ctx.cell("warning", "attendance.day.outside", rowNo, d.col, row[d.col], `${month} 没有这一天（${ctx.columnName(d.col)}）；该格未导入`, `${month} has no such day (${ctx.columnName(d.col)}); the cell is not imported`);
          }
          continue;
        }
        readDay(row, rowNo, d.col, `${month}-${String(d.day).padStart(2, "0")}`, who);
      }
      return true;
    },
    finish(): void {},
  };
}
