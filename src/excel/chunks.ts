/**
 * Row-chunked transfer between the pane and Excel, sized by payload: each chunk is one request
 * under `REQUEST_BUDGET` bytes and `CELL_BUDGET` cells, and a request Excel still rejects as too
 * large is retried with half the rows.
 */
import type { Cell } from "../core";
import type { CellFormat, SpecCell } from "../core";
import { toExcelCell, type SheetRenames } from "./cells";
import { CELL_BUDGET, MAX_CHUNK_ROWS, REQUEST_BUDGET, isPayloadError, jsonCellBytes, jsonStringBytes, rowsForBudget } from "./payload";
import { throwIfCancelled, yieldToPage } from "./types";

/** Contiguous columns read together; columns in between are never read (export columns can be long text). */
export interface ColumnSpan {
  c0: number;
  cols: number;
}

export function spansOf(columns: readonly number[], maxGap = 0): ColumnSpan[] {
  const sorted = [...new Set(columns)].filter((c) => c >= 0).sort((a, b) => a - b);
  const out: ColumnSpan[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && c - (last.c0 + last.cols) <= maxGap) last.cols = c - last.c0 + 1;
    else out.push({ c0: c, cols: 1 });
  }
  return out;
}

/** One chunk as read: `cell(i, col)` for the chunk's i-th row and a sheet column index. */
export interface ReadChunk {
  /** 0-based sheet row of the chunk's first row. */
  row0: number;
  rows: number;
  cell(i: number, col: number): Cell;
  /** The cell's number format; null unless the read asked for formats (ReadRowsOptions.formats). */
  format(i: number, col: number): string | null;
  /** Whether the cell holds a formula; null unless the read asked for formulas (ReadRowsOptions.formulas). */
  isFormula(i: number, col: number): boolean | null;
}

export interface ReadRowsOptions {
  /**
   * Columns whose numbers are also read as displayed text, and how to choose between the two
   * (a staff number shown as 003; an order id shown as 2.87E+18).
   */
  display?: ReadonlyMap<number, (value: number, text: string) => Cell>;
  /** First guess of JSON bytes per row (from the header scan). */
  bytesPerRow?: number;
  signal?: AbortSignal;
  /** Read the cells' number formats too (a manager's sheet: a typed 10-1 is a date only by its format). */
  formats?: boolean;
  /** Tell formula cells from values too (a manager's sheet: a value typed over a formula is named, not lost unseen). */
  formulas?: boolean;
}

const MAX_RETRIES = 10;

/**
 * Reads rows [row0, rowEnd) of `columns` in chunks, one `sync` each, handing every chunk to
 * `consume` before the next is requested.
 */
export async function readRowChunks(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  row0: number,
  rowEnd: number,
  columns: readonly number[],
  opts: ReadRowsOptions,
  consume: (chunk: ReadChunk) => void | Promise<void>,
): Promise<void> {
  const spans = spansOf(columns);
  if (spans.length === 0 || rowEnd <= row0) return;
  const width = spans.reduce((n, s) => n + s.cols, 0);
  const display = opts.display ?? new Map<number, (value: number, text: string) => Cell>();
  const textCols = [...display.keys()].filter((c) => columns.includes(c));
  // Column → [span index, offset] for constant-time cell lookup.
  const where = new Map<number, [number, number]>();
  spans.forEach((s, k) => {
    for (let j = 0; j < s.cols; j++) where.set(s.c0 + j, [k, j]);
  });
  let rowsPerChunk = rowsForBudget(opts.bytesPerRow ?? width * 24, width + textCols.length);
  let r = row0;
  let retries = 0;
  while (r < rowEnd) {
    throwIfCancelled(opts.signal);
    const n = Math.min(rowsPerChunk, rowEnd - r);
    const props = ["values", ...(opts.formats ? ["numberFormat"] : []), ...(opts.formulas ? ["formulas"] : [])].join(",");
    const ranges = spans.map((s) => ws.getRangeByIndexes(r, s.c0, n, s.cols).load(props));
    const texts = textCols.map((c) => ws.getRangeByIndexes(r, c, n, 1).load("text"));
    try {
      await ctx.sync();
    } catch (e) {
      if (!isPayloadError(e) || n === 1 || retries >= MAX_RETRIES) throw e;
      retries++;
      rowsPerChunk = Math.max(1, Math.floor(n / 2));
      continue;
    }
    retries = 0;
    const values = ranges.map((rg) => rg.values as Cell[][]);
    const formats = opts.formats ? ranges.map((rg) => rg.numberFormat as string[][]) : null;
    const formulas = opts.formulas ? ranges.map((rg) => rg.formulas as unknown[][]) : null;
    const textOf = new Map<number, string[][]>();
    textCols.forEach((c, k) => textOf.set(c, texts[k].text));
    let bytes = 0;
    for (const m of values) for (const row of m) for (const v of row) bytes += jsonCellBytes(v);
    const chunk: ReadChunk = {
      row0: r,
      rows: n,
      cell(i: number, col: number): Cell {
        const w = where.get(col);
        if (!w) return null;
        const v = values[w[0]][i][w[1]];
        if (typeof v === "number") {
          const t = textOf.get(col);
          if (t) return display.get(col)!(v, t[i][0]);
        }
        return v;
      },
      format(i: number, col: number): string | null {
        const w = where.get(col);
        return formats && w ? (formats[w[0]][i]?.[w[1]] ?? null) : null;
      },
      isFormula(i: number, col: number): boolean | null {
        const w = where.get(col);
        if (!formulas || !w) return null;
        const f = formulas[w[0]][i]?.[w[1]];
        // A text constant that starts with "=" reads the same in both properties.
        return typeof f === "string" && f.startsWith("=") && f !== values[w[0]][i]?.[w[1]];
      },
    };
    await consume(chunk);
    r += n;
    rowsPerChunk = rowsForBudget(bytes / n, width + textCols.length);
  }
}

/**
 * Cells converted for a write request between two yields to the page: ~30 ms of toExcelCell and
 * byte counting, so a block (one slice, or the request's serialisation at sync) stays well under
 * 200 ms.
 */
export const WRITE_SLICE_CELLS = 20_000;

/** Rows to write: row i of the block, and the format of column c. */
export interface RowSource {
  count: number;
  width: number;
  row(i: number): readonly SpecCell[] | undefined;
  format(c: number): CellFormat;
}

/**
 * Writes `src` from sheet row `row0` (0-based) in chunks: each chunk sets the number formats
 * (text "@" first, so no string turns into a formula or a number) and then the formulas/values
 * of the same range, in one request.
 */
export async function writeRowChunks(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  row0: number,
  src: RowSource,
  renames: SheetRenames,
  signal: AbortSignal | undefined,
  onChunk?: (done: number, total: number) => void,
  pause: () => Promise<void> = yieldToPage,
): Promise<void> {
  const width = Math.max(1, src.width);
  let i = 0;
  let limitRows = MAX_CHUNK_ROWS;
  while (i < src.count) {
    throwIfCancelled(signal);
    const values: (string | number | boolean)[][] = [];
    const formats: string[][] = [];
    let bytes = 0;
    let cells = 0;
    let sinceYield = 0;
    const start = i;
    while (i < src.count && values.length < limitRows) {
      // A chunk's cells are converted in slices, the page yielding between them: a 3 MB chunk
      // converted at once held the page's thread for ~300 ms.
      if (sinceYield >= WRITE_SLICE_CELLS) {
        sinceYield = 0;
        await pause();
        throwIfCancelled(signal);
      }
      sinceYield += width;
      const spec = src.row(i);
      const vrow = new Array<string | number | boolean>(width);
      const frow = new Array<string>(width);
      let rowBytes = 0;
      for (let c = 0; c < width; c++) {
        const x = toExcelCell(spec ? spec[c] : null, src.format(c), renames);
        vrow[c] = x.value;
        frow[c] = x.format;
        rowBytes += jsonCellBytes(x.value) + jsonStringBytes(x.format) + 1;
      }
      if (values.length > 0 && (bytes + rowBytes > REQUEST_BUDGET || cells + width > CELL_BUDGET)) break;
      values.push(vrow);
      formats.push(frow);
      bytes += rowBytes;
      cells += width;
      i++;
    }
    const range = ws.getRangeByIndexes(row0 + start, 0, values.length, width);
    range.numberFormat = formats;
    range.formulas = values;
    try {
      await ctx.sync();
    } catch (e) {
      if (!isPayloadError(e) || values.length === 1) throw e;
      i = start;
      limitRows = Math.max(1, Math.floor(values.length / 2));
      continue;
    }
    onChunk?.(i, src.count);
  }
}
