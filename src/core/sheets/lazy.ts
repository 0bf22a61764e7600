/**
 * Rows produced on demand. 订单明细 holds up to a million rows of 14 cells; built as arrays they
 * cost hundreds of megabytes that the xlsx writer only reads once, in order. A lazy sheet carries
 * `rowCount` + `rowAt` (non-enumerable: a spread or structuredClone of the spec sees plain `rows`
 * and nothing stale), and `rows` turns into a real array the first time someone reads it — the
 * Office adapter and the tests see the very same cells.
 */
import type { SheetSpec, SpecCell } from "./types";

export function withLazyRows(spec: Omit<SheetSpec, "rows">, count: number, rowAt: (i: number) => SpecCell[], cutFree = false): SheetSpec {
  const sheet = spec as SheetSpec;
  const hidden = (value: unknown) => ({ value, enumerable: false, configurable: true, writable: true });
  Object.defineProperty(sheet, "rowCount", hidden(count));
  Object.defineProperty(sheet, "rowAt", hidden(rowAt));
  if (cutFree) Object.defineProperty(sheet, "cutFree", hidden(true));
  Object.defineProperty(sheet, "rows", {
    enumerable: true,
    configurable: true,
    get(this: SheetSpec): SpecCell[][] {
      const rows: SpecCell[][] = new Array(count);
      for (let i = 0; i < count; i++) rows[i] = rowAt(i);
      settle(this, rows);
      return rows;
    },
    set(this: SheetSpec, rows: SpecCell[][]) {
      settle(this, rows);
    },
  });
  return sheet;
}

/** Once `rows` is an array it is the truth: the generator goes. */
function settle(sheet: SheetSpec, rows: SpecCell[][]): void {
  Object.defineProperty(sheet, "rows", { value: rows, enumerable: true, configurable: true, writable: true });
  delete sheet.rowCount;
  delete sheet.rowAt;
  delete sheet.cutFree;
}

/** How many data rows a sheet has, without materialising lazy rows. */
export function sheetRowCount(sheet: SheetSpec): number {
  return sheet.rowAt && sheet.rowCount !== undefined ? sheet.rowCount : sheet.rows.length;
}

/** Data row `i` of a sheet, lazy or not. */
export function sheetRow(sheet: SheetSpec, i: number): SpecCell[] {
  return sheet.rowAt && sheet.rowCount !== undefined ? sheet.rowAt(i) : sheet.rows[i];
}
