/**
 * Reading one argument cell into the engine's units, or an error value that names the argument,
 * the value and what was expected, in Chinese and English. Cell cleaning itself (¥1,234, 12.50元,
 * 无退款申请, "08:31", Excel time fractions, full-width digits) is the import layer's: the same
 * text reads the same way in a formula and in an imported file.
 */
import { inRangeUnits, rangeProblem, rateFraction, readMoney, readNumber, readTimeOfDay, timeOfDayMissing, toHalfWidth, yesNo } from "../core";
import type { Cents, Minutes, RateRange } from "../core";
import { FnError, invalid, isBlank, quote, toGrid, type ArgName, type Scalar } from "./values";

export type { ArgName };

export const arg = (zh: string, en: string): ArgName => ({ zh, en });

export function emptyError(a: ArgName): FnError {
  return invalid(`${a.zh}为空`, `${a.en} is empty`);
}

/** Money in yuan as Excel users type it (20000, "¥20,000", "12.50元") → cents, never negative. */
export function readYuan(v: Scalar, a: ArgName): Cents | FnError {
  if (isBlank(v)) return emptyError(a);
  const cents = typeof v === "boolean" ? NaN : readMoney(v);
  if (cents === null || Number.isNaN(cents)) {
    return invalid(`${a.zh} ${quote(v)} 不是金额（应为元，如 20000）`, `${a.en} ${quote(v)} is not an amount (yuan, e.g. 20000)`);
  }
  if (cents < 0) return invalid(`${a.zh} ${quote(v)} 不能为负数`, `${a.en} ${quote(v)} must not be negative`);
  return cents;
}

/** A number as typed: 12, "1,234.5", "４０"; "40%" reads as 0.4. */
function readFigure(v: Scalar, a: ArgName): number | FnError {
  if (isBlank(v)) return emptyError(a);
  const n = typeof v === "boolean" ? NaN : typeof v === "string" && /[%％]\s*$/.test(v) ? rateFraction(v) ?? NaN : readNumber(v);
  if (n === null || Number.isNaN(n)) return invalid(`${a.zh} ${quote(v)} 不是数字`, `${a.en} ${quote(v)} is not a number`);
  return n;
}

/** A non-negative number (a target, an actual value); "40%" reads as 0.4. */
export function readCount(v: Scalar, a: ArgName): number | FnError {
  const n = readFigure(v, a);
  if (n instanceof FnError) return n;
  if (n < 0) return invalid(`${a.zh} ${quote(v)} 不能为负数`, `${a.en} ${quote(v)} must not be negative`);
  return n;
}

/**
 * A number of people (询单人数, 付款人数, 买家数) ≥ 0. A percentage is not one: "40%" as payers
 * would otherwise read as 0.4 buyers and give a conversion a hundred times too small. Fractions
 * stay (an AVERAGE of daily counts is a fair argument for a ratio).
 */
export function readPeople(v: Scalar, a: ArgName): number | FnError {
  if (typeof v === "string" && /[%％]\s*$/.test(v)) {
    return invalid(`${a.zh} ${quote(v)} 是百分比，应为人数（如 40）`, `${a.en} ${quote(v)} is a percentage; expected a number of people (e.g. 40)`);
  }
  return readCount(v, a);
}

/**
 * A number that a rule of the rules sheet bounds (a KPI weight 0–100, a cap 1%–500%): checked by
 * that rule's own range (core range.ts), so a cell the 规则 sheet refuses is refused here too,
 * with the same words — a cap typed 120 for 120% never credits 120 times the weight.
 */
export function readInRange(v: Scalar, a: ArgName, range: RateRange): number | FnError {
  const read = readFigure(v, a);
  if (read instanceof FnError) return read;
  const n = inRangeUnits(read, range, v);
  const p = rangeProblem(n, range, v);
  return p ? invalid(`${a.zh} ${quote(v)}：${p.zh}`, `${a.en} ${quote(v)}: ${p.en}`) : n;
}

/**
 * A time of day → minutes after midnight; null when blank. Excel time fractions (0.354…),
 * date-times (their clock time) and text "08:31", "24:10", "次日 00:55" are accepted.
 */
export function readTime(v: Scalar, a: ArgName): Minutes | null | FnError {
  if (isBlank(v)) return null;
  const missing = typeof v === "boolean" ? null : timeOfDayMissing(v);
  if (missing === "hour") {
    return invalid(
      `${a.zh} ${quote(v)} 是数字，不是时刻（Excel 把它当作 1900 年的某天）：9 点请写 "09:00" 或 9:00`,
      `${a.en} ${quote(v)} is a number, not a time of day (Excel takes it for a day in 1900): write nine o'clock as "09:00" or 9:00`,
    );
  }
  if (missing === "dateOnly") {
    return invalid(`${a.zh} ${quote(v)} 只有日期，没有时刻（如 08:31）`, `${a.en} ${quote(v)} is a date without a time of day (e.g. 08:31)`);
  }
  const m = typeof v === "boolean" ? NaN : readTimeOfDay(v);
  if (m === null) return null;
  if (Number.isNaN(m)) {
    return invalid(
      `${a.zh} ${quote(v)} 不是时间（应为 08:31 这样的文字或 Excel 时间）`,
      `${a.en} ${quote(v)} is not a time of day (text like 08:31, or an Excel time)`,
    );
  }
  return m;
}

/** Whole minutes ≥ 0 (a grace period); blank → `fallback`. */
export function readMinutes(v: Scalar, a: ArgName, fallback: number): number | FnError {
  if (isBlank(v)) return fallback;
  const n = readCount(v, a);
  if (n instanceof FnError) return n;
  if (!Number.isInteger(n)) return invalid(`${a.zh} ${quote(v)} 应为整数分钟`, `${a.en} ${quote(v)} must be whole minutes`);
  return n;
}

/** Direction words the KPI functions take beside the yes / no words (values.ts). */
const TRUE_TEXT = new Set(["reverse", "反向", "越低越好"]);
const FALSE_TEXT = new Set(["正向", "越高越好"]);

/** TRUE/FALSE, 1/0, 是/否 and the other yes / no words; blank → `fallback`. */
export function readFlag(v: Scalar, a: ArgName, fallback: boolean): boolean | FnError {
  if (isBlank(v)) return fallback;
  const yes = yesNo(v);
  if (yes !== null) return yes;
  const t = toHalfWidth(String(v)).trim().toLowerCase();
  if (TRUE_TEXT.has(t)) return true;
  if (FALSE_TEXT.has(t)) return false;
  return invalid(`${a.zh} ${quote(v)} 应为 TRUE 或 FALSE（是/否）`, `${a.en} ${quote(v)} must be TRUE or FALSE`);
}

/**
 * An argument that is one value of the rules sheet (开除起始次数, 损失阈值, 比例上限): its one
 * cell. A wider range is refused — 规则!C42:E42 passed where E42 was meant would read the 1st
 * fine (50) as "dismissal from the 50th", in silence.
 */
export function oneCell(v: unknown, a: ArgName): Scalar | FnError {
  const g = toGrid(v);
  const filled = g.flat().filter((x) => !isBlank(x));
  if (filled.length > 1) {
    const shape = `${g.length}×${g[0]?.length ?? 0}`;
    return invalid(`${a.zh}应为一个单元格，收到 ${shape} 的区域（${filled.length} 个有值）`, `${a.en} should be one cell; got a ${shape} range (${filled.length} filled)`);
  }
  return filled.length === 1 ? filled[0] : g[0]?.[0];
}

/** Trimmed, half-width text of a cell ("" when blank); numbers as JavaScript prints them. */
export function textOfCell(v: Scalar): string {
  if (v === null || v === undefined) return "";
  return toHalfWidth(String(v)).trim();
}
