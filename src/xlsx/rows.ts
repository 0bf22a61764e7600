/**
 * Row XML for the streaming writer, written straight into ExcelJS's worksheet stream. ExcelJS
 * builds several objects per cell (cell, value, model, style merge, XML node), which makes a
 * month of a million orders take many minutes; here a row is one string. ExcelJS still owns the
 * package: its shared-strings table and style sheet are used through their own `add` methods, so
 * every index and style id written here is one ExcelJS writes out.
 *
 * Uses two internals of ExcelJS's streaming WorksheetWriter (`_write`, `startedData`); when they
 * are missing (another ExcelJS version) `fastRowWriter` returns null and the caller goes through
 * ExcelJS row by row.
 */
import type ExcelJS from "exceljs";
import { colLetter } from "../core/sheets/layout";
import { sheetRow, sheetRowCount } from "../core/sheets/lazy";
import { FIRST_DATA_ROW, NUMBER_FORMATS, type BlockSpec, type SheetSpec, type SpecCell } from "../core/sheets/types";

interface SheetInternals {
  _write(text: string): void;
  startedData: boolean;
  _rows: unknown[];
}
interface BookInternals {
  styles: { addStyleModel(model: Partial<ExcelJS.Style>, cellType?: number): number };
  sharedStrings: { add(text: string): number };
}

type Variant = "data" | "total" | "totalFirst" | "removed" | "note" | "title";

const MANAGER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const BOLD: Partial<ExcelJS.Font> = { bold: true };

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

export interface RowWriterDeps {
  /** Text as stored in the package (control characters escaped): write.ts's encodeCellText. */
  encode: (s: string) => string;
  /** A date cell's value as a Date (UTC fields = wall clock), or null when not a date. */
  toDate: (s: string) => Date | null;
  /**
   * Strings written inline (`t="inlineStr"`) instead of into the shared-string table: for the big
   * drill-downs, whose order ids and buyers are nearly all distinct, the table only costs memory
   * and a second pass over every string at commit.
   */
  inlineStrings?: boolean;
}

/** Writes a sheet's data rows and blocks as XML, or null when ExcelJS's internals are not there. */
export function fastRowWriter(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  ws: ExcelJS.Worksheet,
  sheet: SheetSpec,
  deps: RowWriterDeps,
): ((progress?: (done: number, total: number) => void) => void) | null {
  const s = ws as unknown as Partial<SheetInternals>;
  const b = wb as unknown as Partial<BookInternals>;
  if (typeof s._write !== "function" || s.startedData !== true || !Array.isArray(s._rows) || s._rows.length !== 0) return null;
  if (typeof b.styles?.addStyleModel !== "function" || typeof b.sharedStrings?.add !== "function") return null;
  const write = s._write.bind(s);
  const styles = b.styles;
  const strings = b.sharedStrings;

  const n = sheet.columns.length;
  const letters = sheet.columns.map((_c, j) => colLetter(j));
  const styleIds = new Map<Variant, number[]>();
  const numFmts = sheet.columns.map((c) => NUMBER_FORMATS[c.format]);
  const variant = (v: Variant): number[] => {
    let ids = styleIds.get(v);
    if (!ids) {
      ids = numFmts.map((numFmt, j) => {
        const model: Partial<ExcelJS.Style> = { numFmt };
        if (v === "data" && sheet.columns[j].manager) model.fill = MANAGER_FILL;
        if (v === "total" || v === "totalFirst" || v === "title") model.font = BOLD;
        if (v === "totalFirst") model.border = { top: { style: "thin" } };
        if (v === "removed") model.font = { color: { argb: "FF808080" }, strike: true };
        if (v === "note") model.font = { italic: true };
        return styles.addStyleModel(model);
      });
      styleIds.set(v, ids);
    }
    return ids;
  };
  const managerCols = sheet.columns.map((c) => c.manager === true);

  const inline = deps.inlineStrings === true;
  function textXml(text: string, ref: string, style: number): string {
    const t = deps.encode(text);
    if (!inline) return `<c r="${ref}" s="${style}" t="s"><v>${strings.add(t)}</v></c>`;
    const edge = t.charCodeAt(0) <= 32 || t.charCodeAt(t.length - 1) <= 32;
    return `<c r="${ref}" s="${style}" t="inlineStr"><is>${edge ? '<t xml:space="preserve">' : "<t>"}${escapeXml(t)}</t></is></c>`;
  }

  function cellXml(c: SpecCell, ref: string, style: number): string {
    if (c === null || c === undefined || c === "") return "";
    if (typeof c === "string") return textXml(c, ref, style);
    if (typeof c === "number") return Number.isFinite(c) ? `<c r="${ref}" s="${style}"><v>${c}</v></c>` : "";
    if (typeof c === "boolean") return `<c r="${ref}" s="${style}" t="b"><v>${c ? 1 : 0}</v></c>`;
    if ("f" in c) {
      const f = `<f>${escapeXml(c.f)}</f>`;
      if (typeof c.v === "string") return `<c r="${ref}" s="${style}" t="str">${f}<v>${escapeXml(deps.encode(c.v))}</v></c>`;
      return Number.isFinite(c.v) ? `<c r="${ref}" s="${style}">${f}<v>${c.v}</v></c>` : `<c r="${ref}" s="${style}">${f}</c>`;
    }
    if ("date" in c) {
      const ms = wallClockMs(c.date) ?? deps.toDate(c.date)?.getTime() ?? null;
      if (ms === null) return cellXml(c.date, ref, style);
      return `<c r="${ref}" s="${style}"><v>${25569 + ms / 86400000}</v></c>`;
    }
    // Links (no builder makes one for the file yet) are written as their text.
    return cellXml(c.text, ref, style);
  }

  function rowXml(r: number, cells: SpecCell[], ids: number[], keepEmpty: boolean[] | null): string {
    let x = `<row r="${r}">`;
    for (let j = 0; j < n; j++) {
      const c = cells[j];
      if ((c === null || c === undefined || c === "") && keepEmpty?.[j]) x += `<c r="${letters[j]}${r}" s="${ids[j]}"/>`;
      else x += cellXml(c, letters[j] + r, ids[j]);
    }
    return x + "</row>";
  }

  return (progress) => {
    const data = variant("data");
    const total = sheetRowCount(sheet);
    let r = FIRST_DATA_ROW;
    let chunk = "";
    for (let i = 0; i < total; i++, r++) {
      chunk += rowXml(r, sheetRow(sheet, i), data, managerCols);
      if (chunk.length > 1 << 16) {
        write(chunk);
        chunk = "";
      }
      if (progress && (i + 1) % 20000 === 0) progress(i + 1, total);
    }
    for (const block of sheet.blocks) {
      r++; // the blank row before each block
      if (block.title) chunk += rowXml(r++, [block.title], variant("title"), null);
      block.rows.forEach((cells, i) => {
        chunk += rowXml(r++, cells, variant(blockVariant(block, i)), null);
      });
    }
    if (chunk) write(chunk);
  };
}

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const num2 = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/**
 * "YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss" as wall-clock ms (UTC fields), read by position: a
 * million paid-at times would otherwise each cost a regex match and a Date. Anything else (or a
 * field out of range) is null, and the caller falls back to the general parser.
 */
function wallClockMs(s: string): number | null {
  if (s.length !== 10 && s.length !== 19) return null;
  if (s[4] !== "-" || s[7] !== "-") return null;
  const long = s.length === 19;
  if (long && (s[10] !== " " || s[13] !== ":" || s[16] !== ":")) return null;
  const at = long ? [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18] : [0, 1, 2, 3, 5, 6, 8, 9];
  for (const i of at) {
    const d = digit(s, i);
    if (d < 0 || d > 9) return null;
  }
  const month = num2(s, 5);
  const day = num2(s, 8);
  const h = long ? num2(s, 11) : 0;
  const m = long ? num2(s, 14) : 0;
  const sec = long ? num2(s, 17) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || m > 59 || sec > 59) return null;
  return Date.UTC(digit(s, 0) * 1000 + digit(s, 1) * 100 + num2(s, 2), month - 1, day, h, m, sec);
}

function blockVariant(b: BlockSpec, i: number): Variant {
  if (b.style === "total") return i === 0 ? "totalFirst" : "total";
  if (b.style === "removed") return "removed";
  if (b.style === "note") return "note";
  return "data";
}
