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

/** An argument's name in both languages, for messages. */
export interface ArgName {
  zh: string;
  en: string;
}

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

/** Excel's sheet size: a reference this long is a whole column (A:A) or a whole row (1:1). */
export const SHEET_ROWS = 1048576;
export const SHEET_COLUMNS = 16384;

const cellsAcross = (g: Grid): number => g[0]?.length ?? 0;

/**
 * A whole column (or row) paired with a bounded range of another length: B:B beside C2:C100 pairs
 * B1 with C2 — every row shifted — and past the shorter one nothing pairs at all. Position by
 * position that is a million #N/A and a hundred wrong figures; it is one mistake, said once.
 */
export function wholeLineMismatch(grids: readonly Grid[], names: readonly ArgName[] | undefined): FnError | null {
  const name = (i: number): ArgName => names?.[i] ?? { zh: `第 ${i + 1} 个参数`, en: `argument ${i + 1}` };
  for (const line of WHOLE_LINES) {
    const whole = grids.findIndex((g) => line.size(g) === line.whole);
    const other = whole < 0 ? -1 : grids.findIndex((g) => line.size(g) > 1 && line.size(g) !== line.whole);
    if (other < 0) continue;
    const [w, o, n] = [name(whole), name(other), line.size(grids[other])];
    return invalid(
      `${w.zh}是${line.zh.whole}（${line.whole} ${line.zh.unit}），${o.zh}只有 ${n} ${line.zh.unit}：逐${line.zh.unit}配对会错位，超出部分没有对应的值。请都用${line.zh.whole}（${line.zh.example}）`,
      `${w.en} is ${line.en.whole} (${line.whole} ${line.en.unit}) but ${o.en} has ${n} ${line.en.unit}: paired one by one they shift, and past the shorter one nothing pairs. ${line.en.example}`,
    );
  }
  return null;
}

const WHOLE_LINES = [
  {
    size: (g: Grid) => g.length,
    whole: SHEET_ROWS,
    zh: { whole: "整列", unit: "行", example: "如 B:B 与 C:C），或同样的行（如 B2:B100 与 C2:C100" },
    en: { whole: "a whole column", unit: "rows", example: "Use whole columns for both (B:B and C:C) or the same rows (B2:B100 and C2:C100)" },
  },
  {
    size: cellsAcross,
    whole: SHEET_COLUMNS,
    zh: { whole: "整行", unit: "列", example: "如 2:2 与 3:3），或同样的列（如 B2:Z2 与 B3:Z3" },
    en: { whole: "a whole row", unit: "columns", example: "Use whole rows for both (2:2 and 3:3) or the same columns (B2:Z2 and B3:Z3)" },
  },
];

/** How `broadcast` treats blank positions (see there). */
export type Blanks = "blank" | "blankAfterData";

/**
 * Calls `f` for every cell of the broadcast shape of `grids` (Excel's rule: a 1-row or
 * 1-column argument repeats; a position outside a larger argument is #N/A). `cells` is reused
 * between calls — `f` must not keep it. `names` (one per grid) name the arguments in messages.
 *
 * A blank position gives "" without calling `f`: one where every argument that is a range (more
 * than one cell) is blank. =KEFU.AGENT(A:A) hands over 1,048,576 rows, nearly all blank, and a
 * blank row must spill a blank, as Excel's own functions do — not a million "empty" errors. A
 * single-cell call keeps its message (the formula names that cell). With "blankAfterData" only
 * the positions after the last filled one are blank: for a punch column against one shift a blank
 * inside the data is a missing punch (#N/A 缺卡), which must never read as an empty, on-time day.
 *
 * Rows that are blank throughout share one row array, so a blank tail costs no object per row;
 * callers must not mutate a result row that holds no error (functions.ts only replaces errors).
 */
export function broadcast(grids: readonly Grid[], f: (cells: Scalar[]) => Out, names?: readonly ArgName[], blanks: Blanks = "blank"): Out[][] {
  let rows = 1;
  let cols = 1;
  for (const g of grids) {
    rows = Math.max(rows, g.length);
    cols = Math.max(cols, g[0]?.length ?? 1);
  }
  const mismatch = wholeLineMismatch(grids, names);
  if (mismatch) return [[mismatch]];
  const ranged = grids.map((g) => g.length > 1 || cellsAcross(g) > 1);
  const skipBlank = ranged.includes(true);
  // Row-major index of the last position holding a value in a range (-1: none).
  const lastFilled = skipBlank && blanks === "blankAfterData" ? lastFilledAt(grids, ranged, rows, cols) : -1;
  let blankRow: Out[] | null = null;
  const cells: Scalar[] = new Array(grids.length);
  const out: Out[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    let o: Out[] | null = null;
    for (let c = 0; c < cols; c++) {
      let missing = false;
      let blank = skipBlank && r * cols + c > lastFilled;
      for (let i = 0; i < grids.length; i++) {
        const g = grids[i];
        const row = g[g.length === 1 ? 0 : r];
        const gc = row === undefined ? -1 : row.length === 1 ? 0 : c;
        if (row === undefined || gc >= row.length) {
          missing = true;
          continue;
        }
        const v = row[gc];
        cells[i] = v;
        if (blank && ranged[i] && !isBlank(v)) blank = false;
      }
      if (blank) {
        if (o !== null) o[c] = "";
        continue;
      }
      if (o === null) {
        o = new Array(cols);
        for (let k = 0; k < c; k++) o[k] = "";
      }
      o[c] = missing ? SHAPE_MISMATCH : f(cells);
    }
    out[r] = o ?? (blankRow ??= new Array<Out>(cols).fill(""));
  }
  return out;
}

/** The cell of `g` at a broadcast position; undefined outside it. */
function at(g: Grid, r: number, c: number): Scalar {
  const row = g[g.length === 1 ? 0 : r];
  return row === undefined ? undefined : row[row.length === 1 ? 0 : c];
}

/** The row-major index of the last position where a range argument holds a value; -1 when none. */
function lastFilledAt(grids: readonly Grid[], ranged: readonly boolean[], rows: number, cols: number): number {
  for (let k = rows * cols - 1; k >= 0; k--) {
    const r = Math.floor(k / cols);
    const c = k - r * cols;
    for (let i = 0; i < grids.length; i++) if (ranged[i] && !isBlank(at(grids[i], r, c))) return k;
  }
  return -1;
}
