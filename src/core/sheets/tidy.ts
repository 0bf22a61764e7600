/**
 * The last pass over every built sheet, so it reads without a touch: money cells rounded to the
 * cent (no 99.5000000000001), column widths from the headers and the content (a Chinese
 * character counts double), long text wrapped inside its column (never spilling over the
 * manager's columns), and a header row tall enough for its wrapped headers. Both hosts render
 * the result (ColumnSpec.width / wrap, SheetSpec.headerHeight).
 */
import { sheetRow, sheetRowCount } from "./lazy";
import { NUMBER_FORMATS, type ColumnSpec, type SheetSpec, type SpecCell } from "./types";

/** Rows of a big drill-down looked at for widths (the rest are the same kinds of values). */
const SAMPLE_ROWS = 500;
const MIN_WIDTH = 6;
const MANAGER_WIDTH = 12;
/** Widest a column grows; longer text wraps. */
const MAX_WIDTH = 48;
/** Points per header line (Calibri 11) and the padding. */
const LINE_HEIGHT = 15;

/** Display width in Excel "characters": CJK, full-width forms and emoji count 2. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x1f300
        ? 2
        : 1;
  }
  return w;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/** A money cell rounded to the cent (plain numbers and formula results alike). */
function centCell(c: SpecCell): SpecCell {
  if (typeof c === "number") return Number.isFinite(c) ? round2(c) : c;
  if (c !== null && typeof c === "object" && "f" in c && typeof c.v === "number" && Number.isFinite(c.v)) return { f: c.f, v: round2(c.v) };
  return c;
}

/** Width a value takes as the column's format shows it. */
function shownWidth(c: SpecCell, col: ColumnSpec): number {
  if (c === null || c === undefined || typeof c === "boolean") return 0;
  if (typeof c === "string") return textWidth(c);
  if (typeof c === "object" && "text" in c) return textWidth(c.text);
  if (typeof c === "object" && "date" in c) return c.date.length > 10 && col.format !== "date" ? 19 : 10;
  const v = typeof c === "number" ? c : c.v;
  if (typeof v === "string") return textWidth(v);
  switch (col.format) {
    case "money":
      return `¥${Math.abs(v).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`.length + (v < 0 ? 1 : 0);
    case "rate":
      return `${(v * 100).toFixed(1)}%`.length;
    case "int":
      return String(Math.round(v)).length;
    case "number":
    case "seconds":
      return v.toFixed(NUMBER_FORMATS[col.format].split(".")[1]?.length ?? 0).length;
    default:
      return String(v).length;
  }
}

/**
 * A header takes up to two lines (Chinese, then English): the width it needs is the longer of its
 * widest word and half of the whole, so 询单转化率得分 Conversion score fits in two lines.
 */
function headerWidth(h: string): number {
  const words = h.split(/\s+/).filter(Boolean);
  const widest = Math.max(0, ...words.map(textWidth));
  return Math.max(widest, Math.ceil(textWidth(h) / 2));
}

/** Lines a header wraps to in a column of `width` characters. */
function headerLines(h: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const w of h.split(/\s+/).filter(Boolean).map(textWidth)) {
    if (used > 0 && used + 1 + w > width - 1) {
      lines++;
      used = w;
    } else used += (used > 0 ? 1 : 0) + w;
  }
  return lines;
}

/**
 * A sheet printed one page wide shrinks to fit: past this many characters of width the print
 * becomes too small to read, so its longest text columns give way (wrapping) first.
 */
const PAGE_WIDTH = 400;
/** Narrowest a text column is made to fit the page (about seven Chinese characters). */
const MIN_TEXT_WIDTH = 14;

/**
 * Narrows the widest text columns (never ids, never the manager's) until the printed columns fit
 * PAGE_WIDTH. Columns after the print area's last (提成表's reasons, which the pay slip prints) are
 * on no page: narrowed, they only wrapped into rows four lines tall on screen and on paper.
 */
function fitPage(sheet: SheetSpec, need: number[]): void {
  const cols = sheet.columns;
  const cut = sheet.print?.lastColumnKey === undefined ? -1 : cols.findIndex((c) => c.key === sheet.print!.lastColumnKey);
  const printed = (j: number) => cut < 0 || j <= cut;
  const total = cols.reduce((s, c, j) => s + (printed(j) ? c.width : 0), 0);
  if (total <= PAGE_WIDTH) return;
  const give = cols.map((c, j) => printed(j) && c.format === "text" && !c.manager && j !== sheet.idColumn && c.width > MIN_TEXT_WIDTH);
  const fixed = cols.reduce((s, c, j) => s + (give[j] || !printed(j) ? 0 : c.width), 0);
  const flexible = cols.filter((_c, j) => give[j]).map((c) => c.width);
  if (flexible.length === 0) return;
  // The cap that fits: every giving column at most `cap` wide (never under MIN_TEXT_WIDTH).
  let lo = MIN_TEXT_WIDTH;
  let hi = Math.max(...flexible);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fixed + flexible.reduce((s, w) => s + Math.min(w, mid), 0) <= PAGE_WIDTH) lo = mid;
    else hi = mid - 1;
  }
  sheet.columns = cols.map((c, j) => {
    if (!give[j] || c.width <= lo) return c;
    const width = Math.max(lo, headerWidth(c.header) + 2 > lo ? Math.min(c.width, headerWidth(c.header) + 2) : lo);
    return { ...c, width, ...(need[j] + 2 > width ? { wrap: true } : {}) };
  });
}

/**
 * How many lines a row's wrapped cells take (1 when none wraps): hosts set the row's height to
 * match, so wrapped text never runs into the next row.
 */
export function wrappedLines(columns: readonly ColumnSpec[], cells: readonly SpecCell[]): number {
  let lines = 1;
  for (let j = 0; j < columns.length && j < cells.length; j++) {
    const c = cells[j];
    if (!columns[j].wrap || typeof c !== "string") continue;
    lines = Math.max(lines, Math.ceil(textWidth(c) / Math.max(1, columns[j].width - 1)));
  }
  return lines;
}

/** Points for a row of `lines` lines. */
export function rowHeight(lines: number): number {
  return lines * LINE_HEIGHT;
}

export function tidySheet(sheet: SheetSpec): void {
  const cols = sheet.columns;
  const money = cols.map((c) => c.format === "money");
  const lazy = sheet.rowAt !== undefined && sheet.rowCount !== undefined;
  // Lazy drill-downs are built from exact cents (yuan()); the others are rounded here.
  if (!lazy && money.some(Boolean)) {
    for (const row of sheet.rows) for (let j = 0; j < row.length; j++) if (money[j]) row[j] = centCell(row[j]);
  }
  for (const b of sheet.blocks) for (const row of b.rows) for (let j = 0; j < row.length; j++) if (money[j]) row[j] = centCell(row[j]);

  const need = cols.map((c) => 0 * c.width);
  const n = Math.min(sheetRowCount(sheet), SAMPLE_ROWS);
  for (let i = 0; i < n; i++) {
    const row = sheetRow(sheet, i);
    for (let j = 0; j < cols.length && j < row.length; j++) need[j] = Math.max(need[j], shownWidth(row[j], cols[j]));
  }
  // Blocks too (totals, per-agent tables, the reconciliation's differences, 订单明细's clawed-back
  // orders), except their first-column labels and notes, which may run on to the right: a text in
  // a later column (the clawed-back block's reason, in the last one) runs off the printed page.
  for (const b of sheet.blocks) {
    for (const row of b.rows) for (let j = 1; j < cols.length && j < row.length; j++) need[j] = Math.max(need[j], shownWidth(row[j], cols[j]));
  }
  sheet.columns = cols.map((c, j) => {
    const content = need[j] + 2;
    // Bold headers are wider than the body font: two characters of room; a manager's column is
    // wide enough to type in.
    const width = Math.min(MAX_WIDTH, Math.max(c.manager ? MANAGER_WIDTH : MIN_WIDTH, headerWidth(c.header) + 2, content));
    const wrap = c.format === "text" && content > width;
    return { ...c, width, ...(wrap ? { wrap } : {}) };
  });
  fitPage(sheet, need);
  const lines = Math.max(1, ...sheet.columns.map((c) => headerLines(c.header, c.width)));
  sheet.headerHeight = lines * LINE_HEIGHT + 3;
}
