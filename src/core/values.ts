/**
 * The value readers a manager's typing goes through, in one place: yes / no words, money to
 * integer cents, column letters. The rules sheet, the manager columns of a previous board and the
 * KEFU.* functions read with these, so a "✓" or a "¥12" means the same thing everywhere.
 * (The importers' cell cleaning — dates, order ids, statuses — lives in import/cells.ts; money is
 * read by its `readMoney`, re-exported here as the one money reader.)
 */
import { readMoney, toHalfWidth } from "./import/cells";
import type { Cell } from "./import/types";

/** Words (and marks) that mean yes, compared after trimming, NFKC and lower-casing. */
export const YES_WORDS: readonly string[] = ["是", "true", "yes", "y", "1", "√", "✓", "✔", "对", "有"];
/** Words that mean no. */
export const NO_WORDS: readonly string[] = ["否", "false", "no", "n", "0", "×", "✗", "✘", "不", "无"];
const YES = new Set(YES_WORDS);
const NO = new Set(NO_WORDS);

/** A cell as a yes / no word's key: NFKC (full-width letters), trimmed (also the no-break space), lower case. */
export function wordKey(cell: Cell | undefined): string {
  if (cell === null || cell === undefined || cell instanceof Date) return "";
  return String(cell).normalize("NFKC").replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, "").toLowerCase();
}

/**
 * true for a yes (是, Y, yes, TRUE, 1, ✓ …), false for a no (否, N, FALSE, 0 …), null for blank
 * or anything else. Booleans are themselves; numbers only 1 and 0.
 * @example yesNo(" 是 ") // true
 */
export function yesNo(cell: Cell | undefined): boolean | null {
  if (typeof cell === "boolean") return cell;
  if (typeof cell === "number") return cell === 1 ? true : cell === 0 ? false : null;
  const k = wordKey(cell);
  return YES.has(k) ? true : NO.has(k) ? false : null;
}

/** Whether a cell is blank (null, empty or spaces only). */
export function isBlankCell(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.replace(/[\s\u00a0]+/g, "") === "");
}

/**
 * A format code that shows a date or time: y, m, d, h, s, b (the Buddhist year) or aaa (the
 * Chinese weekday) outside quotes, brackets and escapes. In the engine because both hosts meet
 * dates as numbers under such a format (the xlsx reader, Office.js values + numberFormat).
 */
export function isDateFormat(code: string): boolean {
  return /[ymdhsb]|aaa/i.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "").replace(/\\./g, ""));
}

/** A date cell as a manager reads it: 2026-10-01, with the time only when it has one. */
export function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return String(d);
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

/**
 * Money in yuan as typed (12, "12", "¥12", "12元", "1,200.50", "(12)", full-width digits) to
 * integer cents; null for blank, NaN for anything that is not money.
 * @example moneyCents("¥12") // 1200
 */
export function moneyCents(cell: Cell | undefined): number | null {
  if (typeof cell === "string" && cell.replace(/[\s\u00a0]+/g, "") === "") return null;
  if (typeof cell === "boolean" || cell instanceof Date) return NaN;
  return readMoney(typeof cell === "string" ? toHalfWidth(cell) : cell);
}

/**
 * A rate as a fraction — 0.02, "0.02", "2%", full-width "２％" — with float noise cleaned (2.8% is
 * 0.028, not 0.027999…); null when blank or not a rate. Range checks are the caller's. The one rate
 * reader of the rules sheet and the KEFU.* functions.
 * @example rateFraction("2.8%") // 0.028
 */
export function rateFraction(cell: Cell | undefined): number | null {
  if (typeof cell === "number") return Number.isFinite(cell) ? +cell.toFixed(12) : null;
  if (typeof cell !== "string") return null;
  const s = cell.normalize("NFKC").replace(/[\s\u00a0,]/g, "");
  const percent = s.endsWith("%");
  const body = percent ? s.slice(0, -1) : s;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(body)) return null;
  const n = Number(body);
  return +(percent ? n / 100 : n).toFixed(12);
}

/**
 * A 0-based column index as its letters.
 * @example columnLetter(0) // "A"; columnLetter(27) // "AB"
 */
/** Rows in an Excel worksheet. */
export const EXCEL_MAX_ROWS = 1_048_576;

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "AB" → 27 (0-based); -1 when the text is not column letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
