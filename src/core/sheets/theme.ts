/**
 * The workbook's look, in one place: the xlsx writer (src/xlsx) and the Office.js adapter
 * (src/excel) both read these colours (RRGGBB, no "#"), fills and sizes, and the number formats
 * of types.ts (NUMBER_FORMATS) — so a file written by the command line and a board built in the
 * pane look the same.
 */
export const THEME = {
  /** The title row's font size (points). */
  titleSize: 14,
  /** Grey of the subtitle (English name, month, as-of). */
  subtitleFont: "595959",
  /** Column headers. */
  headerFill: "D9E1F2",
  /** Columns the manager fills in (免罚, 备注, 调整 …). */
  managerFill: "FFF2CC",
  /** Totals rows. */
  totalFill: "F2F2F2",
  /** Rows kept in the "removed" block. */
  removedFont: "808080",
  /** A figure that needs a person (conditional highlight). */
  badFont: "9C0006",
  badFill: "FFC7CE",
  /** Chart series, in order: bars first (回款), then lines (询单转化率). */
  series: ["2E75B6", "ED7D31", "70AD47", "FFC000", "7030A0", "A5A5A5"],
  /** Office's default palette: the xlsx theme part's accents (LibreOffice draws from it too). */
  accents: ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"],
  font: "Calibri",
  /** East Asian font of the theme (Chinese text). */
  fontEastAsian: "等线",
} as const;

/** "#RRGGBB" for hosts that want the hash (Office.js). */
export function hex(rgb: string): string {
  return "#" + rgb;
}
