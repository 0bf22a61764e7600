/**
 * 订单明细 (sheet key "orders") on two threads. On a month of a million orders it is ~550 MB of
 * XML, most of the write, and one thread producing it left the second core half idle. With
 * KEFU_DETAIL=worker (off by default: see WriteOptions.detail in ./write.ts for the measurements)
 * the command line has a worker thread (./detail-worker.ts) write and deflate the sheet's last rows from the
 * report's columns while the main thread writes every other part and then the sheet's first rows
 * from the spec, as any sheet; the part is the main thread's deflate stream, sync-flushed,
 * followed by the worker's (zip.ts endWith).
 *
 * The split of the work:
 *  - main thread (`planDetail`): the last rows' counted orders as typed columns
 *    (orderSheetColumns: a few long strings and typed arrays, cheap to copy to the worker); a
 *    check of sampled rows against the spec's own lazy rows (any difference and the sheet is
 *    written as before); the frame below the data rows (totals formulas, autofilter, print setup)
 *    rendered by writeSheetPart itself with the workbook's styles and shared strings, so it is
 *    the old path's; the shared strings of the few-valued columns (agents, statuses) added to the
 *    table up front.
 *  - `writeDetailRows` (the worker; this thread if it fails): the data rows from the columns (no
 *    cell object per row), byte for byte what SheetRows.row writes for the same cells, then the
 *    frame's tail, into a PartStream.
 *
 * Row positions are those of the old path (title, subtitle, header, data from FIRST_DATA_ROW,
 * blocks after), so links from other sheets to rows of 订单明细 land where they did.
 */
import { FIRST_DATA_ROW, ORDER_COLUMNS, colLetter, dateSerial, orderSheetColumns, sheetRow, sheetRowCount } from "../core";
import type { MonthReport, OrderSheetColumn, SheetSpec, SpecCell } from "../core";
import type { SharedStrings } from "./shared-strings";
import { FLUSH_AT, SAMPLE, writeSheetPart, type StringMode } from "./sheet-writer";
import type { StyleBook } from "./styles";
import { XmlBytes, ascii } from "./xml-bytes";
import { SLOT, type PartStream } from "./zip";

/** What the thread writing the rows needs: plain data and typed arrays (structured-clonable). */
export interface DetailJob {
  /** The rows written from the columns: [from, count); value k of a column is row from + k. */
  from: number;
  count: number;
  letters: string[];
  /** Data cells' style id per column (allocated on the main thread). */
  styles: number[];
  columns: OrderSheetColumn[];
  /** Per coded column: value index → shared-string index (-1: no cell); null: written inline. */
  shared: (Int32Array | null)[];
  /** The frame's bytes after the data rows: blocks (totals) to </worksheet>. */
  suffix: Uint8Array;
  /** Deflate level of the part. */
  level: number;
}

export interface DetailPlan {
  job: DetailJob;
  /** The job's typed arrays, moved to the worker rather than copied (this thread keeps none). */
  transfer: ArrayBuffer[];
  /** Uses of the shared table by the coded columns beyond one per distinct value (its `count`). */
  extraUses: number;
}

/** Why the sheet cannot go this way (it is then written from its rows, as before). */
function unfit(sheet: SheetSpec, report: MonthReport): boolean {
  const cols = sheet.columns;
  if (sheet.key !== "orders" || cols.length !== ORDER_COLUMNS.length) return true;
  if (cols.some((c, j) => c.key !== ORDER_COLUMNS[j].key || c.format !== ORDER_COLUMNS[j].format || c.manager || c.wrap || c.allowed?.length)) return true;
  return sheetRowCount(sheet) > report.counted.length;
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

/** Value `i` of a column, the way specValue reads a cell. */
function columnValue(col: OrderSheetColumn, i: number, textAt: (col: OrderSheetColumn, i: number) => string): string | number {
  if (col.kind === "number") return col.values[i];
  if (col.kind === "coded") return col.values[col.codes[i]];
  return textAt(col, i);
}

/** Whether the columns hold the spec's cells at `rows` (the sampled rows, spread rows, the last). */
function sameCells(sheet: SheetSpec, from: number, cols: OrderSheetColumn[], rows: number[], sampled: SpecCell[][]): boolean {
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
  for (const i of rows) {
    const cells = i < sampled.length ? sampled[i] : sheetRow(sheet, from + i);
    for (let j = 0; j < cols.length; j++) {
      const want = specValue(cells[j]);
      const got = columnValue(cols[j], i, textAt);
      if (want === undefined) return false;
      if (typeof want === "number" && typeof got === "number" && Number.isNaN(want) && Number.isNaN(got)) continue;
      if (want !== got) return false;
    }
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
  // Text columns whose sampled values mostly repeat go to the shared table (agent codes,
  // statuses); near-unique ones (order ids, buyers, sources) inline — the old path's choice.
  const coded = new Set<string>();
  const sampling = ctx.stringMode === "auto" && count >= ctx.inlineFrom;
  ORDER_COLUMNS.forEach((c, j) => {
    if (c.format !== "text") return;
    if (ctx.stringMode === "always-shared" || (ctx.stringMode === "auto" && !sampling)) coded.add(c.key);
    if (!sampling) return;
    const seen = new Set<string>();
    let n = 0;
    for (const cells of sampled) {
      const v = cells[j];
      if (typeof v === "string" && v !== "") {
        n++;
        seen.add(v);
      }
    }
    if (seen.size * 2 <= n) coded.add(c.key);
  });
  const cols = orderSheetColumns(report, count, (k) => coded.has(k), from);
  const n = count - from;
  if (!cols || cols.length !== sheet.columns.length || cols.some((c) => (c.kind === "number" ? c.values.length : c.kind === "coded" ? c.codes.length : c.lengths.length) !== n)) return null;
  const check = sampled.map((_c, k) => k);
  for (let k = 1; k <= 64; k++) check.push(Math.floor(((n - 1) * k) / 64));
  if (!sameCells(sheet, from, cols, check.filter((k) => k >= 0 && k < n), sampled)) return null;

  // The frame, by the old path's own code: its bytes before and after the data rows.
  const cap = capturePart();
  let split = -1;
  let dataStyles: number[] = [];
  await writeSheetPart(cap.part, sheet, {
    styles: ctx.styles,
    strings: ctx.strings,
    stringMode: ctx.stringMode,
    inlineFrom: ctx.inlineFrom,
    dataRows: async (ids) => {
      split = cap.bytes().length;
      dataStyles = ids.slice();
    },
  });
  const frame = cap.bytes();
  if (split < 0) return null;

  let extraUses = 0;
  const shared = cols.map((c) => {
    if (c.kind !== "coded" || ctx.stringMode === "always-inline") return null;
    const map = new Int32Array(c.values.length);
    const uses = new Float64Array(c.values.length);
    for (let i = 0; i < c.codes.length; i++) uses[c.codes[i]]++;
    c.values.forEach((v, k) => {
      if (v === "") map[k] = -1;
      else {
        map[k] = ctx.strings.add(v);
        extraUses += uses[k] - 1;
      }
    });
    return map;
  });
  const job: DetailJob = {
    from,
    count,
    letters: sheet.columns.map((_c, j) => colLetter(j)),
    styles: dataStyles,
    columns: cols,
    shared,
    suffix: new Uint8Array(frame.subarray(split)),
    level: ctx.level,
  };
  const transfer: ArrayBuffer[] = [job.suffix.buffer as ArrayBuffer];
  for (const c of cols) transfer.push((c.kind === "number" ? c.values.buffer : c.kind === "coded" ? c.codes.buffer : c.lengths.buffer) as ArrayBuffer);
  for (const m of shared) if (m) transfer.push(m.buffer as ArrayBuffer);
  return { job, transfer, extraUses };
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
 * The data rows of the job, between its frame's bytes, into `part` (then ended). Each cell is
 * what SheetRows writes for the same cell: `<c r="B12" s="7" t="s"><v>3</v></c>`, inline text
 * with xml:space="preserve" when it starts or ends with a space, no cell for "" or NaN.
 */
export async function writeDetailRows(job: DetailJob, part: PartStream, onProgress?: (done: number) => void): Promise<void> {
  const n = job.columns.length;
  const bytes = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  const { from, count } = job;
  const out = new XmlBytes(await part.buffer());
  const opens = job.letters.map((l) => ascii(`<c r="${l}`));
  const tail = (j: number, t: string) => ascii(`" s="${job.styles[j]}"${t}`);
  const valueTail = job.columns.map((_c, j) => tail(j, "><v>"));
  const sharedTail = job.columns.map((_c, j) => tail(j, ' t="s"><v>'));
  const inlineTail = job.columns.map((_c, j) => tail(j, ' t="inlineStr"><is><t>'));
  const keepTail = job.columns.map((_c, j) => tail(j, ' t="inlineStr"><is><t xml:space="preserve">'));
  const kinds: Kind[] = job.columns.map((c, j) => (c.kind === "number" ? Kind.Number : job.shared[j] ? Kind.Shared : Kind.Inline));
  const at = new Float64Array(n);
  const empty = new Float64Array(0);
  const nums = job.columns.map((c) => (c.kind === "number" ? c.values : empty));
  let rowAt = 0;
  let rowLen = 0;
  const open = (j: number, t: Uint8Array): void => {
    const head = opens[j];
    out.room(head.length + rowLen + t.length);
    const buf = out.buf;
    let p = out.pos;
    for (let i = 0; i < head.length; i++) buf[p++] = head[i];
    for (let i = 0; i < rowLen; i++) buf[p++] = buf[rowAt + i];
    for (let i = 0; i < t.length; i++) buf[p++] = t[i];
    out.pos = p;
  };
  const inline = (j: number, s: string, from: number, to: number): void => {
    open(j, s.charCodeAt(from) <= 32 || s.charCodeAt(to - 1) <= 32 ? keepTail[j] : inlineTail[j]);
    out.text(s, from, to);
    out.bytes(INLINE_END);
  };
  for (let r = from; r < count; r++) {
    const i = r - from;
    out.bytes(ROW_START);
    rowAt = out.pos;
    out.num(FIRST_DATA_ROW + r);
    rowLen = out.pos - rowAt;
    out.bytes(ROW_OPENED);
    for (let j = 0; j < n; j++) {
      const c = job.columns[j];
      const kind = kinds[j];
      if (kind === Kind.Number) {
        const v = nums[j][i];
        if (!Number.isFinite(v)) continue;
        open(j, valueTail[j]);
        out.num(v);
        out.bytes(VALUE_END);
      } else if (c.kind === "coded") {
        const code = c.codes[i];
        if (kind === Kind.Shared) {
          const k = job.shared[j]![code];
          if (k < 0) continue;
          open(j, sharedTail[j]);
          out.num(k);
          out.bytes(VALUE_END);
        } else {
          const s = c.values[code];
          if (s !== "") inline(j, s, 0, s.length);
        }
      } else if (c.kind === "text") {
        const from = at[j];
        const to = from + c.lengths[i];
        at[j] = to;
        if (to > from) inline(j, c.joined, from, to);
      }
    }
    out.bytes(ROW_END);
    if (out.pos > FLUSH_AT) {
      const spare = out.spare;
      const wait = part.writeBytes(out.buf, out.pos);
      out.reset(spare ?? (await part.buffer()));
      await wait;
    }
    if (onProgress && (i + 1) % 20000 === 0) onProgress(20000);
  }
  await part.writeBytes(out.buf, out.pos);
  if (out.spare) part.release(out.spare);
  await part.writeBytes(Buffer.from(bytes(job.suffix)), job.suffix.length);
  await part.end();
  onProgress?.((count - from) % 20000);
}
