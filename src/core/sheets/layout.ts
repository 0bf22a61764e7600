/**
 * A1 addressing and the shared row layout of every report sheet (see types.ts): the one place
 * that knows where data rows and blocks land, so a formula on one sheet can point at another.
 */
import type { Cents } from "../model";
import { columnLetter } from "../values";
import { FIRST_DATA_ROW, type BlockSpec, type ColumnSpec, type DateCell, type FormulaCell } from "./types";

/** 0 → "A", 25 → "Z", 26 → "AA" (the one column-letter function lives in values.ts). */
export const colLetter = columnLetter;

/** A sheet name as a formula prefix: always quoted, so Chinese names and spaces are safe. */
export function sheetPrefix(name: string): string {
  return `'${name.replace(/'/g, "''")}'!`;
}

export { EXCEL_MAX_ROWS } from "../values";

/** Integer cents → yuan as written in a cell (exact to the cent). */
export function yuan(c: Cents): number {
  return Math.round(c) / 100;
}

export function yuanOrNull(c: Cents | null): number | null {
  return c === null ? null : yuan(c);
}

/** Last row of a data area; an empty area is the blank row below the header, so SUM → 0. */
export function lastDataRow(rowCount: number): number {
  return FIRST_DATA_ROW + Math.max(rowCount, 1) - 1;
}

/**
 * First sheet row of each block: the data, then per block one blank row, its title row (when
 * it has a title) and its rows. Both hosts write blocks exactly so.
 */
export function blockFirstRows(rowCount: number, blocks: Pick<BlockSpec, "title" | "rows">[]): number[] {
  const out: number[] = [];
  let next = FIRST_DATA_ROW + rowCount; // the blank row
  for (const b of blocks) {
    next += 1 + (b.title ? 1 : 0);
    out.push(next);
    next += b.rows.length;
  }
  return out;
}

/**
 * Places blocks one after another while the builder fills them: `place(title, n)` returns the
 * first row the block's n rows will occupy (same arithmetic as blockFirstRows).
 */
export class BlockCursor {
  private next: number;
  constructor(rowCount: number) {
    this.next = FIRST_DATA_ROW + rowCount;
  }
  place(title: string | undefined, rows: number): number {
    const first = this.next + 1 + (title ? 1 : 0);
    this.next = first + rows;
    return first;
  }
}

/** Column addressing for one table (a sheet's data area). */
export class TableRef {
  private readonly index = new Map<string, number>();
  readonly firstRow = FIRST_DATA_ROW;
  constructor(
    readonly sheetName: string,
    readonly columns: readonly ColumnSpec[],
    readonly rowCount: number,
  ) {
    columns.forEach((c, i) => this.index.set(c.key, i));
  }

  col(key: string): number {
    const i = this.index.get(key);
    if (i === undefined) throw new Error(`no column ${key} in ${this.sheetName}`);
    return i;
  }

  letter(key: string): string {
    return colLetter(this.col(key));
  }

  /** A cell on the same sheet, column-absolute: "$H12". */
  cell(key: string, row: number): string {
    return `$${this.letter(key)}${row}`;
  }

  /** One cell seen from another sheet, absolute: "'提成表'!$H$12". */
  ref(key: string, row: number): string {
    return `${sheetPrefix(this.sheetName)}$${this.letter(key)}$${row}`;
  }

  /** The whole data column, absolute; `from` another sheet → prefixed with this sheet's name. */
  range(key: string, fromOtherSheet: boolean): string {
    const l = this.letter(key);
    const r = `$${l}$${FIRST_DATA_ROW}:$${l}$${lastDataRow(this.rowCount)}`;
    return fromOtherSheet ? sheetPrefix(this.sheetName) + r : r;
  }
}

export function formula(f: string, v: number | string): FormulaCell {
  return { f, v };
}

/**
 * Whether a key can be used as a SUMIFS / COUNTIFS criterion and match only itself: wildcards
 * (* ? ~) and leading comparison operators would change the match. Unsafe keys get a plain value
 * instead of a formula (correct, just not live) rather than a formula that sums the wrong rows.
 */
export function isPlainCriterion(key: string): boolean {
  return key !== "" && !/[*?~]/.test(key) && !/^[<>=]/.test(key) && key.trim() === key;
}

/** Longest text a cell holds (Excel's limit); longer text is cut with a visible marker. */
export const MAX_CELL_TEXT = 32767;
const CUT_MARK = "…[截断 truncated]";

/** Untrusted text as it goes into a cell: unchanged unless it exceeds Excel's cell limit. */
export function cellText(s: string): string {
  if (s.length <= MAX_CELL_TEXT) return s;
  let end = MAX_CELL_TEXT - CUT_MARK.length;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // never split a surrogate pair (emoji)
  return s.slice(0, end) + CUT_MARK;
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => (i < 10 ? "0" : "") + i);
/** Day number → "YYYY-MM-DD": a month of a million orders has ~31 distinct days. */
const dayTexts = new Map<number, string>();

/** WallTime → its day "YYYY-MM-DD". */
export function wallDay(t: number): string {
  const d = Math.floor(t / DAY_MS);
  let s = dayTexts.get(d);
  if (s === undefined) {
    s = new Date(d * DAY_MS).toISOString().slice(0, 10);
    if (dayTexts.size < 100_000) dayTexts.set(d, s);
  }
  return s;
}

/** WallTime (shop clock as UTC ms) → "YYYY-MM-DD HH:mm:ss". */
export function wallTimeText(t: number): string {
  const sec = Math.floor((t - Math.floor(t / DAY_MS) * DAY_MS) / 1000);
  return `${wallDay(t)} ${TWO_DIGITS[Math.floor(sec / 3600)]}:${TWO_DIGITS[Math.floor(sec / 60) % 60]}:${TWO_DIGITS[sec % 60]}`;
}

/** Excel's serial of 1970-01-01. */
const EPOCH_SERIAL = 25569;

/**
 * WallTime → a date-and-time cell, its serial computed as `dateSerial` would from the text (to
 * the second, same arithmetic, so the very same number) without writing and reading it back.
 */
export function wallTimeCell(t: number): DateCell {
  return { date: wallTimeText(t), serial: timeSerial(t) };
}

/** WallTime → the Excel serial of its moment, to the second (wallTimeCell's serial). */
export function timeSerial(t: number): number {
  return EPOCH_SERIAL + (Math.floor(t / 1000) * 1000) / DAY_MS;
}

/** WallTime → the Excel serial of its day (wallDayCell's serial). */
export function daySerial(t: number): number {
  return EPOCH_SERIAL + Math.floor(t / DAY_MS);
}

const dayCells = new Map<number, DateCell>();
/** WallTime → the cell of its day; one shared object per day (cells are never modified). */
export function wallDayCell(t: number): DateCell {
  const d = Math.floor(t / DAY_MS);
  let c = dayCells.get(d);
  if (c === undefined) {
    c = { date: wallDay(t), serial: EPOCH_SERIAL + d };
    if (dayCells.size < 100_000) dayCells.set(d, c);
  }
  return c;
}

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const num2 = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);
const LONG_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/**
 * "YYYY-MM-DD" or "YYYY-MM-DD HH:mm[:ss]" → an Excel date serial, read by position (a million
 * paid-at times would otherwise each cost a regex and a Date). null when it is not such a date.
 */
export function dateSerial(s: string): number | null {
  const n = s.length;
  if ((n !== 10 && n !== 16 && n !== 19) || s[4] !== "-" || s[7] !== "-") return null;
  if (n > 10 && ((s[10] !== " " && s[10] !== "T") || s[13] !== ":" || (n === 19 && s[16] !== ":"))) return null;
  for (let k = 0; k < LONG_AT.length && LONG_AT[k] < n; k++) {
    const d = digit(s, LONG_AT[k]);
    if (d < 0 || d > 9) return null;
  }
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + num2(s, 2);
  const month = num2(s, 5);
  const day = num2(s, 8);
  const h = n > 10 ? num2(s, 11) : 0;
  const m = n > 10 ? num2(s, 14) : 0;
  const sec = n === 19 ? num2(s, 17) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || m > 59 || sec > 59) return null;
  const ms = Date.UTC(year, month - 1, day, h, m, sec);
  // Date.UTC rolls 2026-02-31 over to March: that is not a date.
  if (new Date(ms).getUTCDate() !== day) return null;
  return EPOCH_SERIAL + ms / DAY_MS;
}

/**
 * A conditional highlight's test as a formula over `first`, the column's first data cell (a
 * relative reference, so it applies row by row): the one meaning of a `SheetSpec` highlight's
 * `when` for every writer (the xlsx writer's expression rule, the Excel adapter's custom format).
 * "true" matches a TRUE cell and the 是 a yes/no figure is written as (`yesMark`).
 * @example highlightTest("nonzero", "F4") // "AND(ISNUMBER(F4),F4<>0)"
 */
export function highlightTest(when: "negative" | "nonzero" | "true", first: string): string {
  if (when === "negative") return `AND(ISNUMBER(${first}),${first}<0)`;
  if (when === "nonzero") return `AND(ISNUMBER(${first}),${first}<>0)`;
  return `OR(${first}=TRUE,${first}="是")`;
}
