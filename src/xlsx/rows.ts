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

  function cellXml(c: SpecCell, ref: string, style: number): string {
    if (c === null || c === undefined || c === "") return "";
    if (typeof c === "string") return `<c r="${ref}" s="${style}" t="s"><v>${strings.add(deps.encode(c))}</v></c>`;
    if (typeof c === "number") return Number.isFinite(c) ? `<c r="${ref}" s="${style}"><v>${c}</v></c>` : "";
    if (typeof c === "boolean") return `<c r="${ref}" s="${style}" t="b"><v>${c ? 1 : 0}</v></c>`;
    if ("f" in c) {
      const f = `<f>${escapeXml(c.f)}</f>`;
      if (typeof c.v === "string") return `<c r="${ref}" s="${style}" t="str">${f}<v>${escapeXml(deps.encode(c.v))}</v></c>`;
      return Number.isFinite(c.v) ? `<c r="${ref}" s="${style}">${f}<v>${c.v}</v></c>` : `<c r="${ref}" s="${style}">${f}</c>`;
    }
    if ("date" in c) {
      const d = deps.toDate(c.date);
      if (d === null) return cellXml(c.date, ref, style);
      return `<c r="${ref}" s="${style}"><v>${25569 + d.getTime() / 86400000}</v></c>`;
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
    const total = sheet.rows.length;
    let r = FIRST_DATA_ROW;
    let chunk = "";
    for (let i = 0; i < total; i++, r++) {
      chunk += rowXml(r, sheet.rows[i], data, managerCols);
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

function blockVariant(b: BlockSpec, i: number): Variant {
  if (b.style === "total") return i === 0 ? "totalFirst" : "total";
  if (b.style === "removed") return "removed";
  if (b.style === "note") return "note";
  return "data";
}
