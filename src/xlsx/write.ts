/**
 * WorkbookSpec → .xlsx file (command line host). Streams rows through ExcelJS's workbook writer
 * (a month can hold a million orders), then adds the charts ExcelJS cannot write (./chart.ts).
 *
 * Untrusted text stays text: every string is written as a shared-string value whatever it starts
 * with (=, +, -, @, tab, CR); only FormulaCells become formulas, each with its cached result.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { addCharts } from "./chart";
import { fastRowWriter } from "./rows";
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  NUMBER_FORMATS,
  type BlockSpec,
  type SheetSpec,
  type SpecCell,
  type WorkbookSpec,
} from "../core/sheets/types";
import { colLetter } from "../core/sheets/layout";
import { sheetRow, sheetRowCount } from "../core/sheets/lazy";

export interface WriteOptions {
  /** Called every few thousand rows and at each sheet's end. */
  onProgress?: (sheet: string, rowsWritten: number, rowsTotal: number) => void;
  /** Write data rows as XML directly (./rows.ts); false = through ExcelJS cell by cell. Default true. */
  fastRows?: boolean;
  /** Sheets with at least this many data rows get inline strings (see rows.ts). Default 50,000. */
  inlineStringsFrom?: number;
}

const INLINE_STRINGS_FROM = 50_000;

/**
 * Text as it is stored in the package. Characters XML cannot hold (control characters, CR) are
 * written with the OOXML `_xHHHH_` escape — Excel and ExcelJS decode it — instead of being dropped
 * or normalised; a literal `_xHHHH_` in the text is protected by escaping its underscore.
 */
export function encodeCellText(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/_x[0-9A-Fa-f]{4}_|[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF\uD800-\uDFFF]/.test(s)) return s;
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** "YYYY-MM-DD[ HH:mm:ss]" → a Date whose UTC fields are the wall clock (ExcelJS writes UTC). */
function toDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
}

/** Parsed date-only strings (a month has 31 of them; the same Date object serves every cell). */
const dayCache = new Map<string, Date | null>();

function cachedDate(s: string): Date | null {
  if (s.length !== 10) return toDate(s);
  let d = dayCache.get(s);
  if (d === undefined) {
    d = toDate(s);
    if (dayCache.size < 10000) dayCache.set(s, d);
  }
  return d;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A SpecCell as an ExcelJS value. Strings go in as plain strings: ExcelJS never parses them. */
export function excelValue(c: SpecCell): ExcelJS.CellValue {
  // An empty string is an empty cell, as Excel itself stores it.
  if (c === null || c === undefined || c === "") return null;
  if (typeof c === "string") return encodeCellText(c);
  if (typeof c === "number") return Number.isFinite(c) ? c : null;
  if (typeof c === "boolean") return c;
  if ("f" in c) {
    const result = typeof c.v === "string" ? encodeCellText(c.v) : Number.isFinite(c.v) ? c.v : undefined;
    return { formula: c.f, result } as ExcelJS.CellFormulaValue;
  }
  if ("date" in c) return cachedDate(c.date) ?? encodeCellText(c.date);
  const bang = c.target.lastIndexOf("!");
  const target = bang > 0 ? `#${quoteSheet(c.target.slice(0, bang).replace(/^'|'$/g, ""))}!${c.target.slice(bang + 1)}` : `#${c.target}`;
  return { text: encodeCellText(c.text), hyperlink: target } as ExcelJS.CellHyperlinkValue;
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
const MANAGER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const TOTAL_BORDER: Partial<ExcelJS.Borders> = { top: { style: "thin" } };

function argb(hex: string): string {
  return "FF" + hex.replace(/^#/, "").toUpperCase();
}

function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: SheetSpec, opts: WriteOptions): void {
  const progress = opts.onProgress;
  const ncols = sheet.columns.length;
  const total = sheetRowCount(sheet);
  const ws = wb.addWorksheet(sheet.name, {
    properties: { tabColor: { argb: argb(sheet.tabColor) } },
    views: [
      sheet.freeze.rows || sheet.freeze.columns
        ? { state: "frozen", xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows, topLeftCell: `${colLetter(sheet.freeze.columns)}${sheet.freeze.rows + 1}` }
        : { state: "normal" },
    ],
    autoFilter: sheet.autoFilter
      ? { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW + total, column: ncols } }
      : undefined,
  } as Partial<ExcelJS.AddWorksheetOptions>);
  ws.columns = sheet.columns.map((c) => ({ key: c.key, width: c.width, style: { numFmt: NUMBER_FORMATS[c.format] } }));
  const formats = sheet.columns.map((c) => NUMBER_FORMATS[c.format]);
  const manager = sheet.columns.map((c) => c.manager === true);

  const title = ws.addRow([encodeCellText(sheet.title)]);
  title.font = { bold: true, size: 14 };
  title.commit();
  const subtitle = ws.addRow([encodeCellText(sheet.subtitle)]);
  subtitle.font = { italic: true, color: { argb: "FF595959" } };
  subtitle.commit();
  const header = ws.addRow(sheet.columns.map((c) => encodeCellText(c.header)));
  header.eachCell((cell, col) => {
    cell.font = { bold: true };
    cell.fill = manager[col - 1] ? MANAGER_FILL : HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: "middle" };
    cell.numFmt = "@";
  });
  header.height = 32;
  header.commit();

  const inlineStrings = total >= (opts.inlineStringsFrom ?? INLINE_STRINGS_FROM);
  const fast = opts.fastRows === false ? null : fastRowWriter(wb, ws, sheet, { encode: encodeCellText, toDate: cachedDate, inlineStrings });
  if (fast) {
    fast(progress && ((done, all) => progress(sheet.name, done, all)));
  } else {
    // One style object per column, shared by all its cells: ExcelJS caches style ids by object
    // identity, so a million rows cost one style lookup per column instead of one per cell.
    const styles: Partial<ExcelJS.Style>[] = formats.map((numFmt, j) => (manager[j] ? { numFmt, fill: MANAGER_FILL } : { numFmt }));
    for (let i = 0; i < total; i++) {
      const cells = sheetRow(sheet, i);
      const values: ExcelJS.CellValue[] = new Array(cells.length);
      for (let j = 0; j < cells.length; j++) values[j] = excelValue(cells[j]);
      const row = ws.addRow(values);
      for (let j = 0; j < cells.length; j++) if (cells[j] !== null || manager[j]) row.getCell(j + 1).style = styles[j];
      row.commit();
      if (progress && (i + 1) % 20000 === 0) progress(sheet.name, i + 1, total);
    }
    writeBlocks(ws, sheet.blocks);
  }
  addDropdowns(ws, sheet, total);
  addHighlights(ws, sheet, total);
  ws.commit();
  progress?.(sheet.name, total, total);
}

function writeBlocks(ws: ExcelJS.Worksheet, blocks: BlockSpec[]): void {
  for (const b of blocks) {
    ws.addRow([]).commit();
    if (b.title) {
      const t = ws.addRow([encodeCellText(b.title)]);
      t.font = { bold: true };
      t.commit();
    }
    b.rows.forEach((cells, i) => {
      const row = ws.addRow(cells.map(excelValue));
      if (b.style === "total") {
        row.font = { bold: true };
        if (i === 0) row.eachCell((cell) => (cell.border = TOTAL_BORDER));
      } else if (b.style === "removed") {
        row.font = { color: { argb: "FF808080" }, strike: true };
      } else if (b.style === "note") {
        row.font = { italic: true };
      }
      row.commit();
    });
  }
}

/** Dropdown lists on manager columns that offer values (免罚 → 是); free text stays allowed. */
function addDropdowns(ws: ExcelJS.Worksheet, sheet: SheetSpec, rows: number): void {
  if (rows === 0) return;
  sheet.columns.forEach((c, i) => {
    if (!c.allowed || c.allowed.length === 0) return;
    const l = colLetter(i);
    const list = c.allowed.map((v) => v.replace(/"/g, "")).join(",");
    // Present at run time on the streaming sheet writer, missing from ExcelJS's typings.
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${l}${FIRST_DATA_ROW}:${l}${FIRST_DATA_ROW + rows - 1}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${list}"`],
      showErrorMessage: false,
    });
  });
}

function addHighlights(ws: ExcelJS.Worksheet, sheet: SheetSpec, rows: number): void {
  if (!sheet.highlights || rows === 0) return;
  const last = FIRST_DATA_ROW + rows - 1;
  for (const h of sheet.highlights) {
    const i = sheet.columns.findIndex((c) => c.key === h.columnKey);
    if (i < 0) continue;
    const l = colLetter(i);
    const first = `${l}${FIRST_DATA_ROW}`;
    const test = h.when === "negative" ? `AND(ISNUMBER(${first}),${first}<0)` : h.when === "true" ? `${first}=TRUE` : `AND(ISNUMBER(${first}),${first}<>0)`;
    ws.addConditionalFormatting({
      ref: `${first}:${l}${last}`,
      rules: [
        {
          type: "expression",
          priority: 1,
          formulae: [test],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } }, font: { color: { argb: "FF9C0006" } } },
        },
      ],
    });
  }
}


/**
 * Write the workbook to `file` (directories created). Written to a temporary file first and
 * renamed, so a failed run never leaves half a workbook under the real name.
 * @example await writeWorkbook(buildWorkbookSpec(report), "out/kefu-board-2026-10.xlsx");
 */
export async function writeWorkbook(spec: WorkbookSpec, file: string, opts: WriteOptions = {}): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
    wb.creator = "KefuBoard 客服绩效台";
    for (const sheet of spec.sheets) writeSheet(wb, sheet, opts);
    await wb.commit();
    const charted = spec.sheets.filter((s) => s.chart && sheetRowCount(s) > 0);
    if (charted.length > 0) await fs.writeFile(tmp, await addCharts(await fs.readFile(tmp), charted));
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
