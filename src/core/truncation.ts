/**
 * Cells whose text was cut to fit Excel's 32,767-character limit. The sheet layer cuts with a
 * visible marker (cellText in core/sheets/layout.ts); the pane counts the marked cells per sheet
 * so the manager is told how many were cut and where, not left to find them.
 */
import { cellText, MAX_CELL_TEXT } from "./sheets/layout";
import { sheetRow, sheetRowCount } from "./sheets/lazy";
import type { SheetSpec, SpecCell, WorkbookSpec } from "./sheets/types";

/** The marker cellText ends a cut text with, taken from cellText itself so the two never drift. */
export const CUT_MARK = cellText("a".repeat(MAX_CELL_TEXT + 1)).replace(/^a+/, "");
/** A cut text is MAX_CELL_TEXT long, or one less when the cut fell inside a surrogate pair. */
const MIN_CUT_LENGTH = MAX_CELL_TEXT - 1;

export interface TruncatedSheet {
  /** Sheet (tab) name, as written. */
  sheet: string;
  cells: number;
}

/** True for a cell holding text cellText cut (a link's text counts too). */
export function isCut(c: SpecCell): boolean {
  const s = typeof c === "string" ? c : c !== null && typeof c === "object" && "text" in c ? c.text : null;
  return s !== null && s.length >= MIN_CUT_LENGTH && s.endsWith(CUT_MARK);
}

function countCells(r: readonly SpecCell[]): number {
  let n = 0;
  for (let c = 0; c < r.length; c++) if (isCut(r[c])) n++;
  return n;
}

/**
 * Row by row through sheetRow: reading `rows` of a lazy sheet (订单明细, a million rows) would
 * turn it into an array of every row's cells and keep it with the spec until the write.
 */
function countSheet(s: SheetSpec): number {
  if (s.rowAt && s.cutFree) return 0;
  let n = 0;
  const count = sheetRowCount(s);
  for (let i = 0; i < count; i++) n += countCells(sheetRow(s, i));
  return n;
}

/** Cut cells per sheet, sheets with none left out, in the workbook's order. */
export function truncatedCells(spec: WorkbookSpec): TruncatedSheet[] {
  const out: TruncatedSheet[] = [];
  for (const s of spec.sheets as SheetSpec[]) {
    let cells = countSheet(s);
    for (const b of s.blocks) for (const r of b.rows) cells += countCells(r);
    if (cells > 0) out.push({ sheet: s.name, cells });
  }
  return out;
}
