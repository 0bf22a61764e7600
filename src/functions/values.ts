/**
 * What the KEFU.* functions receive from and give back to Excel, independent of the Office
 * runtime so tests and the benchmark run them in Node.
 *
 * Every range-capable parameter is declared `any[][]` in the metadata, so Excel hands over one
 * 2-D array per argument (a single cell is `[[v]]`) and a whole column is ONE call — that is
 * the batching. Results are 2-D arrays of the broadcast shape, which Excel spills.
 */

/** One cell as Excel passes it to an `any` parameter (blank is null, or "" on some hosts). */
export type Scalar = number | string | boolean | null | undefined;
export type Grid = Scalar[][];

export type ErrorCode = "#VALUE!" | "#N/A";

/**
 * An error value for one result cell. Only #VALUE! and #N/A carry a message in Excel, so those
 * are the two codes used: #VALUE! for an argument that cannot be read, #N/A for a value that
 * does not exist (no clock-in punch, ranges of different sizes).
 */
export class FnError {
  constructor(
    readonly code: ErrorCode,
    readonly zh: string,
    readonly en: string,
  ) {}
  /** The text Excel shows in the cell's error menu: Chinese first, English beside. */
  get message(): string {
    return `${this.zh} / ${this.en}`;
  }
}

export type Out = number | string | boolean | FnError;

export const isError = (v: unknown): v is FnError => v instanceof FnError;

export function invalid(zh: string, en: string): FnError {
  return new FnError("#VALUE!", zh, en);
}

/** A cell's value quoted for a message, short enough for Excel's error menu. */
export function quote(v: Scalar): string {
  const s = typeof v === "string" ? v : String(v);
  return `"${s.length > 40 ? s.slice(0, 40) + "…" : s}"`;
}

export function isBlank(v: Scalar): boolean {
  // NaN is how a host hands over an empty cell it failed to read; a message must say 空, not "NaN".
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (typeof v === "number" && Number.isNaN(v));
}

/** Whatever Excel passed (matrix, single value, omitted) as a 2-D array. */
export function toGrid(v: unknown): Grid {
  if (Array.isArray(v)) {
    if (v.length === 0) return [[null]];
    return Array.isArray(v[0]) ? (v as Grid) : [v as Scalar[]];
  }
  return [[v as Scalar]];
}

/** An omitted optional argument: not passed, null, or a single blank cell. */
export function omitted(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  const g = toGrid(v);
  return g.length === 1 && g[0].length === 1 && isBlank(g[0][0]);
}

/** A scalar optional argument that may arrive as a 1×1 matrix. */
export function single(v: unknown): Scalar {
  return Array.isArray(v) ? toGrid(v)[0][0] : (v as Scalar);
}

const SHAPE_MISMATCH = new FnError(
  "#N/A",
  "各参数区域大小不同，此位置没有对应的值",
  "the argument ranges differ in size; there is no value for this position",
);

/**
 * Calls `f` for every cell of the broadcast shape of `grids` (Excel's rule: a 1-row or
 * 1-column argument repeats; a position outside a larger argument is #N/A). `cells` is reused
 * between calls — `f` must not keep it.
 */
export function broadcast(grids: readonly Grid[], f: (cells: Scalar[]) => Out): Out[][] {
  if (grids.length === 1) {
    const g = grids[0];
    const cell: Scalar[] = [null];
    const out: Out[][] = new Array(g.length);
    for (let r = 0; r < g.length; r++) {
      const row = g[r];
      const o: Out[] = new Array(row.length);
      for (let c = 0; c < row.length; c++) {
        cell[0] = row[c];
        o[c] = f(cell);
      }
      out[r] = o;
    }
    return out;
  }
  let rows = 1;
  let cols = 1;
  for (const g of grids) {
    rows = Math.max(rows, g.length);
    cols = Math.max(cols, g[0]?.length ?? 1);
  }
  const cells: Scalar[] = new Array(grids.length);
  const out: Out[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const o: Out[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      let missing = false;
      for (let i = 0; i < grids.length; i++) {
        const g = grids[i];
        const gr = g.length === 1 ? 0 : r;
        const row = g[gr];
        const gc = row === undefined ? -1 : row.length === 1 ? 0 : c;
        if (row === undefined || gc >= row.length) {
          missing = true;
          break;
        }
        cells[i] = row[gc];
      }
      o[c] = missing ? SHAPE_MISMATCH : f(cells);
    }
    out[r] = o;
  }
  return out;
}
