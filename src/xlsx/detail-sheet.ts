/**
 * 订单明细 (sheet key "orders") on two threads. On a month of a million orders it is ~550 MB of
 * XML, most of the write, and one thread producing it left the second core half idle. From
 * 50,000 rows the command line has a worker thread (./detail-worker.ts) write and deflate the
 * sheet's rows from the report's columns while the main thread writes every other part and the
 * JSON (KEFU_DETAIL=rows: the old path; see WriteOptions.detail in ./write.ts for the figures).
 * The part is the main thread's deflate stream (the frame's head), sync-flushed, followed by the
 * worker's (zip.ts endWith).
 *
 * The split of the work:
 *  - main thread (`planDetail`): the rows' counted orders as typed columns, a chunk of 100,000
 *    rows at a time (orderSheetColumns: a few long strings and typed arrays, cheap to move to the
 *    worker; read from the report's columns, no order object), each checked at sampled rows
 *    against the spec's own lazy rows (any difference and the sheet is written as before); the
 *    frame below the data rows (totals formulas, autofilter, print setup) rendered by
 *    writeSheetPart itself with the workbook's styles and shared strings, so it is the old
 *    path's; the shared strings of the few-valued columns (agents, statuses) added per chunk.
 *  - `DetailRowWriter` (the worker; this thread in tests): the data rows from the columns (no
 *    cell object per row), byte for byte what SheetRows.row writes for the same cells, then the
 *    frame's tail, into a PartStream. It writes a chunk while the main thread gathers the next.
 *
 * Row positions are those of the old path (title, subtitle, header, data from FIRST_DATA_ROW,
 * blocks after), so links from other sheets to rows of 订单明细 land where they did.
 */
import { FIRST_DATA_ROW, ORDER_COLUMNS, colLetter, countedCount, dateSerial, orderSheetColumns, sheetRow, sheetRowCount } from "../core";
import type { CountedSheet, MonthReport, OrderSheetColumn, SheetSpec, SpecCell } from "../core";
import type { SharedStrings } from "./shared-strings";
import { FLUSH_AT, SAMPLE, variantIds, writeSheetPart, type StringMode } from "./sheet-writer";
import type { StyleBook } from "./styles";
import { XmlBytes, ascii } from "./xml-bytes";
import { SLOT, type PartStream } from "./zip";

/** What the thread writing the rows needs first: plain data (structured-clonable). */
export interface DetailJob {
  /** The rows written from the columns: [from, count); they come in chunks (DetailChunk), in order. */
  from: number;
  count: number;
  letters: string[];
  /** Data cells' style id per column (allocated on the main thread). */
  styles: number[];
  /** Deflate level of the part. */
  level: number;
}

/** Rows [start, end) of the job as columns: value k of a column is row start + k. */
export interface DetailChunk {
  start: number;
  end: number;
  columns: OrderSheetColumn[];
  /** Per coded column: value index → shared-string index (-1: no cell); null: written inline. */
  shared: (Int32Array | null)[];
}

export interface DetailPlan {
  job: DetailJob;
  /** The frame's bytes after the data rows: blocks (totals) to </worksheet> (DetailRowWriter.finish). */
  suffix: Uint8Array;
  /**
   * The job's chunks, each gathered when asked for (the first is already, and checked): the
   * worker writes one while this thread gathers the next. A chunk is null when its columns
   * disagree with the sheet's cells: the sheet must then be written from its rows.
   */
  chunks(): Generator<DetailChunk | null>;
  /** Uses of the shared table by the coded columns beyond one per distinct value (its `count`), so far. */
  extraUses(): number;
}

/** The typed arrays of a chunk, to move to the worker rather than copy. */
export function chunkTransfer(c: DetailChunk): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const col of c.columns) {
    if (col.kind === "number") out.push(col.values.buffer as ArrayBuffer);
    else if (col.kind === "coded") out.push(col.codes.buffer as ArrayBuffer);
    else if (col.kind === "text") out.push(col.lengths.buffer as ArrayBuffer);
    else out.push(col.codes.buffer as ArrayBuffer, col.numbers.buffer as ArrayBuffer);
  }
  for (const m of c.shared) if (m) out.push(m.buffer as ArrayBuffer);
  return out;
}

/** Rows per chunk: the worker starts after the first one is gathered (~0.1 s at this size). */
const CHUNK_ROWS = 100_000;

/** Why the sheet cannot go this way (it is then written from its rows, as before). */
function unfit(sheet: SheetSpec, report: MonthReport): boolean {
  const cols = sheet.columns;
  if (sheet.key !== "orders" || cols.length !== ORDER_COLUMNS.length) return true;
  if (cols.some((c, j) => c.key !== ORDER_COLUMNS[j].key || c.format !== ORDER_COLUMNS[j].format || c.manager || c.wrap || c.allowed?.length)) return true;
  return sheetRowCount(sheet) > countedCount(report);
}

/** A spec cell as the column holds it: text ("" = no cell) or number (NaN = no cell); undefined = neither. */
function specValue(c: SpecCell): string | number | undefined {
  if (c === null || c === undefined) return "";
  if (typeof c === "string") return c;
  if (typeof c === "number") return Number.isFinite(c) ? c : NaN;
  if (typeof c === "object" && "date" in c) {
    const serial = c.serial ?? dateSerial(c.date);
    return serial === null ? undefined : serial;
  }
  return undefined;
}

/** How many rows a column holds. */
function columnRows(c: OrderSheetColumn): number {
  return c.kind === "number" ? c.values.length : c.kind === "text" ? c.lengths.length : c.codes.length;
}

/** Value `i` of a column, the way specValue reads a cell. */
function columnValue(col: OrderSheetColumn, i: number, textAt: (col: OrderSheetColumn, i: number) => string): string | number {
  if (col.kind === "number") return col.values[i];
  if (col.kind === "coded") return col.values[col.codes[i]];
  if (col.kind === "numbered") return col.prefixes[col.codes[i]] + col.numbers[i];
  return textAt(col, i);
}

/** Reads a chunk's values by row, the way specValue reads a cell. */
function valueReader(cols: OrderSheetColumn[]): (i: number, j: number) => string | number {
  const starts = new Map<OrderSheetColumn, Float64Array>();
  const textAt = (col: OrderSheetColumn, i: number): string => {
    if (col.kind !== "text") return "";
    let s = starts.get(col);
    if (!s) {
      s = new Float64Array(col.lengths.length + 1);
      for (let k = 0; k < col.lengths.length; k++) s[k + 1] = s[k] + col.lengths[k];
      starts.set(col, s);
    }
    return col.joined.slice(s[i], s[i + 1]);
  };
  return (i, j) => columnValue(cols[j], i, textAt);
}

/** Whether a sheet row's cells are these values (NaN = no number cell, as in the columns). */
function sameRow(cells: readonly SpecCell[], values: readonly (string | number)[]): boolean {
  for (let j = 0; j < values.length; j++) {
    const want = specValue(cells[j]);
    const got = values[j];
    if (want === undefined) return false;
    if (typeof want === "number" && typeof got === "number" && Number.isNaN(want) && Number.isNaN(got)) continue;
    if (want !== got) return false;
  }
  return true;
}

/** The rows of a chunk checked against the sheet's cells: its first `first` rows, and rows spread over it. */
function checkedRows(n: number, first: number): number[] {
  const check: number[] = [];
  for (let k = 0; k < Math.min(first, n); k++) check.push(k);
  for (let k = 0; k <= 16; k++) check.push(Math.floor(((n - 1) * k) / 16));
  return check.filter((k) => k >= 0 && k < n);
}

/** Whether the columns hold the spec's cells at `rows` (the sampled rows, spread rows, the last). */
function sameCells(sheet: SheetSpec, from: number, cols: OrderSheetColumn[], rows: number[], sampled: SpecCell[][]): boolean {
  const at = valueReader(cols);
  for (const i of rows) {
    const cells = i < sampled.length ? sampled[i] : sheetRow(sheet, from + i);
    if (!sameRow(cells, cols.map((_c, j) => at(i, j)))) return false;
  }
  return true;
}

/** A part that keeps what is written, to take the frame's bytes apart. */
function capturePart(): { part: PartStream; bytes(): Buffer } {
  const pieces: Buffer[] = [];
  const part: PartStream = {
    write: async (text) => void pieces.push(Buffer.from(text, "utf8")),
    buffer: () => Buffer.allocUnsafe(SLOT),
    writeBytes: async (b, length) => void pieces.push(Buffer.from(b.subarray(0, length))),
    release: () => undefined,
    end: async () => undefined,
  };
  return { part, bytes: () => Buffer.concat(pieces) };
}

export interface DetailContext {
  styles: StyleBook;
  strings: SharedStrings;
  stringMode: StringMode;
  inlineFrom: number;
  level: number;
  /** Rows per chunk (tests make it small to cover several). */
  chunkRows?: number;
}

/**
 * The text columns to give as distinct values + indices: those whose sampled values mostly
 * repeat go to the shared table (agent codes, statuses); near-unique ones (order ids, buyers,
 * sources) inline — the old path's choice. `valueAt(i, j)`: sampled row i's value in column j.
 */
function codedKeys(valueAt: (i: number, j: number) => unknown, sampledRows: number, count: number, ctx: DetailContext): Set<string> {
  const coded = new Set<string>();
  const sampling = ctx.stringMode === "auto" && count >= ctx.inlineFrom;
  ORDER_COLUMNS.forEach((c, j) => {
    if (c.format !== "text") return;
    if (ctx.stringMode === "always-shared" || (ctx.stringMode === "auto" && !sampling)) coded.add(c.key);
    if (!sampling) return;
    const seen = new Set<string>();
    let n = 0;
    for (let i = 0; i < sampledRows; i++) {
      const v = valueAt(i, j);
      if (typeof v === "string" && v !== "") {
        n++;
        seen.add(v);
      }
    }
    if (seen.size * 2 <= n) coded.add(c.key);
  });
  return coded;
}

/** Chunks from columns: each coded column's distinct values put in the shared table, and their uses beyond one counted. */
class ChunkMaker {
  extraUses = 0;
  constructor(private readonly ctx: DetailContext) {}

  make(start: number, end: number, columns: OrderSheetColumn[]): DetailChunk {
    const shared = columns.map((c) => {
      if (c.kind !== "coded" || this.ctx.stringMode === "always-inline") return null;
      const map = new Int32Array(c.values.length);
      const uses = new Float64Array(c.values.length);
      for (let i = 0; i < c.codes.length; i++) uses[c.codes[i]]++;
      c.values.forEach((v, k) => {
        if (v === "" || uses[k] === 0) map[k] = -1;
        else {
          map[k] = this.ctx.strings.add(v);
          this.extraUses += uses[k] - 1;
        }
      });
      return map;
    });
    return { start, end, columns, shared };
  }
}

/**
 * The frame, by the old path's own code: its bytes after the data rows, and the data rows' style
 * ids. The bytes before are thrown away (the main thread's writeSheetPart writes them again): so
 * are their uses of the shared table. Null when the sheet has no data rows to leave out.
 */
async function captureFrame(sheet: SheetSpec, ctx: DetailContext): Promise<{ styles: number[]; suffix: Uint8Array } | null> {
  const cap = capturePart();
  let split = -1;
  let styles: number[] = [];
  const usesBefore = ctx.strings.uses;
  let headUses = 0;
  await writeSheetPart(cap.part, sheet, {
    styles: ctx.styles,
    strings: ctx.strings,
    stringMode: ctx.stringMode,
    inlineFrom: ctx.inlineFrom,
    dataRows: async (ids) => {
      split = cap.bytes().length;
      styles = ids.slice();
      headUses = ctx.strings.uses - usesBefore;
    },
  });
  ctx.strings.unuse(headUses);
  if (split < 0) return null;
  return { styles, suffix: new Uint8Array(cap.bytes().subarray(split)) };
}

/**
 * The job for 订单明细 (see the module comment), or null when the sheet must be written from its
 * rows: not the orders sheet as ORDER_COLUMNS lays it out, or the columns disagree with its cells.
 */
export async function planDetail(sheet: SheetSpec, report: MonthReport, ctx: DetailContext, from = 0): Promise<DetailPlan | null> {
  if (unfit(sheet, report)) return null;
  const count = sheetRowCount(sheet);
  if (from < 0 || from > count) return null;
  const sampled: SpecCell[][] = [];
  for (let i = from; i < Math.min(from + SAMPLE, count); i++) sampled.push(sheetRow(sheet, i));
  const coded = codedKeys((i, j) => sampled[i][j], sampled.length, count, ctx);

  const maker = new ChunkMaker(ctx);
  const size = Math.max(1, ctx.chunkRows ?? CHUNK_ROWS);
  /** Rows [start, end) as a chunk, checked against the sheet's own cells; null if they differ. */
  const gather = (start: number, end: number): DetailChunk | null => {
    const cols = orderSheetColumns(report, end, (k) => coded.has(k), start);
    const n = end - start;
    if (!cols || cols.length !== sheet.columns.length || cols.some((c) => columnRows(c) !== n)) return null;
    // The first rows (already built for the choice above) where they fall in this chunk, and
    // rows spread over it.
    const ownSampled = start === from ? sampled.slice(0, n) : [];
    if (!sameCells(sheet, start, cols, checkedRows(n, ownSampled.length), ownSampled)) return null;
    return maker.make(start, end, cols);
  };
  const first = gather(from, Math.min(count, from + size));
  if (!first) return null;
  const frame = await captureFrame(sheet, ctx);
  if (!frame) return null;

  const job: DetailJob = { from, count, letters: sheet.columns.map((_c, j) => colLetter(j)), styles: frame.styles, level: ctx.level };
  function* chunks(): Generator<DetailChunk | null> {
    yield first;
    for (let start = first!.end; start < count; start += size) {
      const c = gather(start, Math.min(count, start + size));
      yield c;
      if (!c) return;
    }
  }
  return { job, suffix: frame.suffix, chunks, extraUses: () => maker.extraUses };
}

/**
 * 订单明细 planned before its sheet spec exists, from the counted orders' columns (core's
 * CountedSheet, given while the build goes on): the same job, styles and chunks as planDetail
 * would make, its rows checked against the spec's once there is one (`matches`). The frame comes
 * then too (`frame`), so the rows can be written meanwhile.
 */
export interface EarlyPlan {
  job: DetailJob;
  /** Every chunk, gathered when asked for. */
  chunks(): Generator<DetailChunk>;
  /** Whether the spec's 订单明细 is the sheet planned: its layout, its row count, its cells at the rows sampled. */
  matches(sheet: SheetSpec, report: MonthReport): boolean;
  /** Its frame's bytes after the data rows, or null when its data cells' styles are not the job's. */
  frame(sheet: SheetSpec): Promise<Uint8Array | null>;
  extraUses(): number;
}

export function planEarlyDetail(source: CountedSheet, ctx: DetailContext): EarlyPlan | null {
  const count = source.rows;
  const sample = source.columns(0, Math.min(count, SAMPLE), () => false);
  if (!sample || sample.length !== ORDER_COLUMNS.length) return null;
  const sampleAt = valueReader(sample);
  const coded = codedKeys(sampleAt, Math.min(count, SAMPLE), count, ctx);
  const maker = new ChunkMaker(ctx);
  const size = Math.max(1, ctx.chunkRows ?? CHUNK_ROWS);
  // What the spec's rows must hold, recorded before the chunks' arrays move to the worker.
  const checks: { row: number; values: (string | number)[] }[] = [];
  let whole = true;
  const job: DetailJob = { from: 0, count, letters: ORDER_COLUMNS.map((_c, j) => colLetter(j)), styles: variantIds(ctx.styles, ORDER_COLUMNS, "data"), level: ctx.level };
  function* chunks(): Generator<DetailChunk> {
    for (let start = 0; start < count; start += size) {
      const end = Math.min(count, start + size);
      const cols = source.columns(start, end, (k) => coded.has(k));
      if (!cols || cols.length !== ORDER_COLUMNS.length || cols.some((c) => columnRows(c) !== end - start)) {
        whole = false;
        return;
      }
      const at = valueReader(cols);
      for (const i of checkedRows(end - start, start === 0 ? SAMPLE : 0)) checks.push({ row: start + i, values: cols.map((_c, j) => at(i, j)) });
      yield maker.make(start, end, cols);
    }
  }
  return {
    job,
    chunks,
    matches: (sheet, report) => whole && !unfit(sheet, report) && sheetRowCount(sheet) === count && checks.every((c) => sameRow(sheetRow(sheet, c.row), c.values)),
    frame: async (sheet) => {
      const frame = await captureFrame(sheet, ctx);
      return frame && frame.styles.length === job.styles.length && frame.styles.every((id, j) => id === job.styles[j]) ? frame.suffix : null;
    },
    extraUses: () => maker.extraUses,
  };
}

const ROW_START = ascii('<row r="');
const ROW_OPENED = ascii('">');
const ROW_END = ascii("</row>");
const VALUE_END = ascii("</v></c>");
const INLINE_END = ascii("</t></is></c>");

const enum Kind {
  Number,
  Shared,
  Inline,
}

/**
 * The data rows of the job, chunk by chunk, between its frame's bytes, into `part` (ended by
 * `finish`). Each cell is what SheetRows writes for the same cell: `<c r="B12" s="7" t="s"><v>3</v></c>`,
 * inline text with xml:space="preserve" when it starts or ends with a space, no cell for "" or NaN.
 */
export class DetailRowWriter {
  private out: XmlBytes | null = null;
  private readonly opens: Uint8Array[];
  private readonly valueTail: Uint8Array[];
  private readonly sharedTail: Uint8Array[];
  private readonly inlineTail: Uint8Array[];
  private readonly keepTail: Uint8Array[];
  private next: number;
  private rowAt = 0;
  private rowLen = 0;

  constructor(
    private readonly job: DetailJob,
    private readonly part: PartStream,
    private readonly onProgress?: (done: number) => void,
  ) {
    const tail = (j: number, t: string) => ascii(`" s="${job.styles[j]}"${t}`);
    this.opens = job.letters.map((l) => ascii(`<c r="${l}`));
    this.valueTail = job.letters.map((_l, j) => tail(j, "><v>"));
    this.sharedTail = job.letters.map((_l, j) => tail(j, ' t="s"><v>'));
    this.inlineTail = job.letters.map((_l, j) => tail(j, ' t="inlineStr"><is><t>'));
    this.keepTail = job.letters.map((_l, j) => tail(j, ' t="inlineStr"><is><t xml:space="preserve">'));
    this.next = job.from;
  }

  private open(j: number, t: Uint8Array): void {
    this.out!.cellOpen(this.opens[j], this.rowAt, this.rowLen, t);
  }

  private inline(j: number, s: string, from: number, to: number): void {
    this.open(j, s.charCodeAt(from) <= 32 || s.charCodeAt(to - 1) <= 32 ? this.keepTail[j] : this.inlineTail[j]);
    this.out!.text(s, from, to);
    this.out!.bytes(INLINE_END);
  }

  /** The chunk's rows: the next ones of the job, in order. */
  async write(chunk: DetailChunk): Promise<void> {
    if (chunk.start !== this.next || chunk.end > this.job.count) throw new Error(`detail rows ${chunk.start}..${chunk.end} after ${this.next}`);
    this.out ??= new XmlBytes(await this.part.buffer());
    const out = this.out;
    const columns = chunk.columns;
    const n = columns.length;
    const kinds: Kind[] = columns.map((c, j) => (c.kind === "number" ? Kind.Number : chunk.shared[j] ? Kind.Shared : Kind.Inline));
    const at = new Float64Array(n);
    const empty = new Float64Array(0);
    const nums = columns.map((c) => (c.kind === "number" ? c.values : empty));
    for (let r = chunk.start; r < chunk.end; r++) {
      const i = r - chunk.start;
      out.bytes(ROW_START);
      this.rowAt = out.pos;
      out.num(FIRST_DATA_ROW + r);
      this.rowLen = out.pos - this.rowAt;
      out.bytes(ROW_OPENED);
      for (let j = 0; j < n; j++) {
        const c = columns[j];
        const kind = kinds[j];
        if (kind === Kind.Number) {
          const v = nums[j][i];
          if (!Number.isFinite(v)) continue;
          this.open(j, this.valueTail[j]);
          out.num(v);
          out.bytes(VALUE_END);
        } else if (c.kind === "coded") {
          const code = c.codes[i];
          if (kind === Kind.Shared) {
            const k = chunk.shared[j]![code];
            if (k < 0) continue;
            this.open(j, this.sharedTail[j]);
            out.num(k);
            out.bytes(VALUE_END);
          } else {
            const s = c.values[code];
            if (s !== "") this.inline(j, s, 0, s.length);
          }
        } else if (c.kind === "numbered") {
          // The text prefix + number, as one inline string would be written (it ends in a digit).
          const p = c.prefixes[c.codes[i]];
          this.open(j, p.charCodeAt(0) <= 32 ? this.keepTail[j] : this.inlineTail[j]);
          out.text(p);
          out.num(c.numbers[i]);
          out.bytes(INLINE_END);
        } else if (c.kind === "text") {
          const from = at[j];
          const to = from + c.lengths[i];
          at[j] = to;
          if (to > from) this.inline(j, c.joined, from, to);
        }
      }
      out.bytes(ROW_END);
      if (out.pos > FLUSH_AT) {
        const spare = out.spare;
        const wait = this.part.writeBytes(out.buf, out.pos);
        out.reset(spare ?? (await this.part.buffer()));
        await wait;
      }
      if (this.onProgress && (i + 1) % 20000 === 0) this.onProgress(20000);
    }
    this.onProgress?.((chunk.end - chunk.start) % 20000);
    this.next = chunk.end;
  }

  /** After the last chunk: the frame's tail (DetailPlan.suffix), and the part ends. */
  async finish(suffix: Uint8Array): Promise<void> {
    if (this.next !== this.job.count) throw new Error(`detail rows end at ${this.next}, not ${this.job.count}`);
    if (this.out) {
      await this.part.writeBytes(this.out.buf, this.out.pos);
      if (this.out.spare) this.part.release(this.out.spare);
    }
    await this.part.writeBytes(Buffer.from(suffix.buffer, suffix.byteOffset, suffix.byteLength), suffix.length);
    await this.part.end();
  }
}
