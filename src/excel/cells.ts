/**
 * One SpecCell → what goes into Excel: the value (or formula) and the number format that must be
 * in place BEFORE the value is written. Every plain string gets "@", so a buyer name such as
 * `=HYPERLINK(…)` or `@SUM(1)`, or an id such as `2873…`, is stored as the text it is.
 */
import { cellText, dateSerial, sheetPrefix } from "../core";
import { NUMBER_FORMATS, type CellFormat, type SpecCell } from "../core";

export const TEXT_FORMAT = "@";
export const GENERAL_FORMAT = "General";

export interface ExcelCell {
  value: string | number | boolean;
  format: string;
}


/** Sheet renames (spec name → written name) applied to references inside formulas and links. */
export type SheetRenames = ReadonlyMap<string, string>;

export function renameSheetRefs(formula: string, renames: SheetRenames): string {
  let out = formula;
  for (const [from, to] of renames) {
    out = out.split(sheetPrefix(from)).join(sheetPrefix(to));
    // Unquoted references (Excel accepts them for names without spaces or punctuation).
    out = out.replace(new RegExp(`(^|[^'\\p{L}\\p{N}_.])${escapeRegExp(from)}!`, "gu"), (_m, pre: string) => pre + sheetPrefix(to));
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Longest string literal a formula may hold. */
const MAX_FORMULA_LITERAL = 255;

function formulaString(s: string): string {
  return '"' + s.slice(0, MAX_FORMULA_LITERAL).replace(/"/g, '""') + '"';
}

/** "罚款台账!A12" or "'罚款台账'!A12" → `#'<written name>'!A12` for HYPERLINK. */
export function linkTarget(target: string, renames: SheetRenames): string {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(target);
  if (!m) return "#" + target;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return "#" + sheetPrefix(renames.get(sheet) ?? sheet) + m[3];
}

/** The Excel value and number format of one spec cell in a column of format `col`. */
export function toExcelCell(cell: SpecCell | undefined, col: CellFormat, renames: SheetRenames): ExcelCell {
  const colFormat = NUMBER_FORMATS[col];
  const nonText = col === "text" ? GENERAL_FORMAT : colFormat;
  if (cell === null || cell === undefined) return { value: "", format: colFormat };
  switch (typeof cell) {
    case "string":
      return { value: cellText(cell), format: TEXT_FORMAT };
    case "number":
      return { value: Number.isFinite(cell) ? cell : "", format: nonText };
    case "boolean":
      return { value: cell, format: GENERAL_FORMAT };
  }
  if ("f" in cell) return { value: "=" + renameSheetRefs(cell.f, renames), format: nonText };
  if ("date" in cell) {
    const serial = cell.serial ?? dateSerial(cell.date);
    if (serial === null) return { value: cellText(cell.date), format: TEXT_FORMAT };
    const fmt = col === "date" || col === "datetime" ? colFormat : NUMBER_FORMATS[cell.date.length > 10 ? "datetime" : "date"];
    return { value: serial, format: fmt };
  }
  return {
    value: `=HYPERLINK(${formulaString(linkTarget(cell.target, renames))},${formulaString(cell.text)})`,
    format: nonText,
  };
}
