/**
 * What the pane writes when a detail sheet is huge. 订单明细 (and 未归属订单) of a big month holds
 * up to a million rows: written whole through Office.js that is ~200 requests of 3 MB, and a
 * workbook with a million-row sheet that other sheets' SUMIFS/COUNTIFS reach into recalculates
 * slowly on every edit. So above `DETAIL_PAGE_ROWS` rows the pane writes the first page of the
 * sheet only, and the manager adds pages on demand ("写入更多订单明细 / Write more detail rows").
 *
 * The figures stay right whatever is written: every formula cell of the engine's spec carries
 * the engine's value (`{ f, v }`), and each formula that reaches into a sheet written in part —
 * the other sheets' SUMIFS over 订单明细, the sheet's own 合计 SUMs — is written as that value,
 * as the engine itself does for a sheet beyond Excel's row limit (core/sheets/orders.ts
 * ordersFit). Links into rows not written are written as their text. The sheet says what it
 * holds in a note row, in Chinese and English; the pane says it too.
 */
import { pagedNote, sheetPrefix, sheetRow, sheetRowCount, withLazyRows, FIRST_DATA_ROW, type SheetSpec, type SpecCell, type WorkbookSpec } from "../core";

// The note itself is the engine's: last month's board read back (the clawback) recognises it too.
export { pagedNote, pagedNoteOf } from "../core";

/** Data rows of a detail sheet written at first, and added by each "write more". */
export const DETAIL_PAGE_ROWS = 100_000;

/** Sheets that may be written in part: drill-downs whose figures the report sheets also hold. */
export const PAGEABLE_SHEETS: ReadonlySet<string> = new Set(["orders", "unattributed"]);

/** A sheet written in part. */
export interface PagedSheet {
  key: string;
  /** The spec's name (the workbook's may differ: see WrittenSheet.name). */
  name: string;
  /** Data rows the engine has for it. */
  total: number;
  /** Data rows written (the first ones). */
  written: number;
}

const isFormula = (c: SpecCell): c is { f: string; v: number | string } => c !== null && typeof c === "object" && "f" in c;
const isLink = (c: SpecCell): c is { text: string; target: string } => c !== null && typeof c === "object" && "target" in c;

/** Does a formula reach into one of `names` (quoted as the engine writes, or bare)? */
function reaches(f: string, names: readonly string[]): boolean {
  return names.some((n) => f.includes(sheetPrefix(n)) || f.includes(n + "!"));
}

/** "'订单明细'!A1234" → sheet and 1-based row, or null. */
function linkRow(target: string): { sheet: string; row: number } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?[A-Z]+\$?(\d+)/.exec(target);
  if (!m) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], row: Number(m[3]) };
}

/**
 * One row with the formulas that reach into a partly written sheet as their values, and links
 * to rows not written as their text. The same array when nothing changes.
 */
function cutRow(row: SpecCell[], names: readonly string[], lastWritten: ReadonlyMap<string, number>, own: boolean): SpecCell[] {
  let out: SpecCell[] | null = null;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    let next: SpecCell = cell;
    if (isFormula(cell) && (own || reaches(cell.f, names))) next = cell.v;
    else if (isLink(cell)) {
      const at = linkRow(cell.target);
      const last = at ? lastWritten.get(at.sheet) : undefined;
      if (at && last !== undefined && at.row > last) next = cell.text;
    }
    if (next !== cell) {
      out ??= row.slice();
      out[c] = next;
    }
  }
  return out ?? row;
}

/** A copy of a sheet's own fields without reading `rows` (a lazy sheet would build every row). */
function shell(s: SheetSpec): Omit<SheetSpec, "rows"> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(s)) if (k !== "rows") out[k] = (s as unknown as Record<string, unknown>)[k];
  return out as unknown as Omit<SheetSpec, "rows">;
}

/**
 * The first `written` data rows of a detail sheet, its note, and its blocks with every formula as
 * its value (the 合计 row counts all rows). Rows stay lazy: nothing past `written` is built.
 */
export function pageOfSheet(s: SheetSpec, written: number, names: readonly string[] = [s.name], lastWritten: ReadonlyMap<string, number> = new Map()): SheetSpec {
  const total = sheetRowCount(s);
  const n = Math.max(0, Math.min(written, total));
  const blocks = [
    { rows: [[pagedNote(n, total)] as SpecCell[]], style: "note" as const },
    ...s.blocks.map((b) => ({ ...b, rows: b.rows.map((r) => cutRow(r, names, lastWritten, true)) })),
  ];
  // A data row's own formulas (its row) hold on the page; its totals, over every row, do not.
  return withLazyRows({ ...shell(s), blocks }, n, (i) => cutRow(sheetRow(s, i), names, lastWritten, false));
}

/**
 * The spec the pane writes: detail sheets over `pageRows` rows cut to their first page, and every
 * other sheet's formulas into them as values. Unchanged (the same object) when nothing is cut.
 */
export function pageWorkbookSpec(spec: WorkbookSpec, pageRows = DETAIL_PAGE_ROWS): { spec: WorkbookSpec; paged: PagedSheet[] } {
  const paged: PagedSheet[] = spec.sheets
    .filter((s) => PAGEABLE_SHEETS.has(s.key) && sheetRowCount(s) > pageRows)
    .map((s) => ({ key: s.key, name: s.name, total: sheetRowCount(s), written: pageRows }));
  if (paged.length === 0) return { spec, paged };
  const names = paged.map((p) => p.name);
  // 1-based sheet row of the last data row written, per sheet written in part.
  const lastWritten = new Map(paged.map((p) => [p.name, FIRST_DATA_ROW + p.written - 1]));
  const sheets = spec.sheets.map((s) => {
    const p = paged.find((x) => x.key === s.key);
    if (p) return pageOfSheet(s, p.written, names, lastWritten);
    // Report sheets are small; their rows are arrays.
    const rows = s.rows.map((r) => cutRow(r, names, lastWritten, false));
    const blocks = s.blocks.map((b) => ({ ...b, rows: b.rows.map((r) => cutRow(r, names, lastWritten, false)) }));
    return { ...s, rows, blocks };
  });
  return { spec: { ...spec, sheets }, paged };
}
