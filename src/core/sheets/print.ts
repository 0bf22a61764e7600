/**
 * Where a sheet's content ends and how it prints — the one place both hosts ask: the last row
 * (data, blocks), the chart's anchor below it, the print area over both, and the default page
 * setup (A4 landscape, one page wide, header row on every page, sheet and page in the footer).
 */
import { blockFirstRows, colLetter } from "./layout";
import { sheetRowCount } from "./lazy";
import { FIRST_DATA_ROW, HEADER_ROW, type PrintSpec, type SheetSpec } from "./types";

/** Last sheet row (1-based) holding content: the header, the data, the last block. */
export function sheetLastRow(sheet: SheetSpec): number {
  const total = sheetRowCount(sheet);
  const k = sheet.blocks.length - 1;
  if (k >= 0) {
    const firsts = blockFirstRows(total, sheet.blocks);
    return firsts[k] + Math.max(0, sheet.blocks[k].rows.length - 1);
  }
  return Math.max(HEADER_ROW, FIRST_DATA_ROW + total - 1);
}

/** A chart's place: 0-based first column and row, and how many columns and rows it spans. */
export interface ChartAnchor {
  col: number;
  row: number;
  cols: number;
  rows: number;
}

/** Where a sheet's chart goes: two blank rows below its content, over columns B to M. */
export function chartAnchor(sheet: SheetSpec): ChartAnchor {
  return { col: 1, row: sheetLastRow(sheet) + 2, cols: 12, rows: 20 };
}

/** Whether a sheet gets its chart (there must be rows to plot). */
export function hasChart(sheet: SheetSpec): boolean {
  return !!sheet.chart && sheet.chart.seriesKeys.length > 0 && sheetRowCount(sheet) > 0;
}

/**
 * The print area ("A1:AC40"): every column (or up to the print's last column), down to the last
 * row or the chart's bottom.
 */
export function printArea(sheet: SheetSpec): string {
  const cut = sheet.print?.lastColumnKey === undefined ? -1 : sheet.columns.findIndex((c) => c.key === sheet.print!.lastColumnKey);
  let lastCol = cut >= 0 ? cut : Math.max(0, sheet.columns.length - 1);
  let lastRow = sheetLastRow(sheet);
  if (hasChart(sheet)) {
    const a = chartAnchor(sheet);
    lastCol = Math.max(lastCol, a.col + a.cols - 1);
    lastRow = Math.max(lastRow, a.row + a.rows);
  }
  return `A1:${colLetter(lastCol)}${lastRow}`;
}

/** The print titles: "$3:$3". */
export function printTitleRows(p: PrintSpec): string {
  return `$${p.repeatRows.first}:$${p.repeatRows.last}`;
}

/** The default page setup: landscape, one page wide, the column headers on every page. */
export function defaultPrint(overrides: Partial<PrintSpec> = {}): PrintSpec {
  return { orientation: "landscape", pagesTall: 0, repeatRows: { first: HEADER_ROW, last: HEADER_ROW }, breaksBefore: [], ...overrides };
}

/** The sheet's page setup (the default when the builder set none). */
export function printOf(sheet: SheetSpec): PrintSpec {
  return sheet.print ?? defaultPrint();
}
