/**
 * Reading the workbook's export sheets. A scan looks at the first rows of every sheet to say
 * what each is; a read streams one sheet in payload-sized row chunks, asking only for the columns
 * the importer needs once it has recognised the headers.
 */
import { shopsOf, sourceMonth } from "../core";
import { createRowImporter, importSheet, recognise, rulesFromRows } from "../core";
import type { Cell, ColumnMapping, ImportResult, Recognition, SourceKind } from "../core";
import { SHEET_NAMES } from "../core";
import { readRowChunks, type ReadChunk } from "./chunks";
import { jsonCellBytes } from "./payload";
import { listSheets, rulesSheetOf } from "./owned";
import { throwIfCancelled, yieldToPage, type ExcelRun, type OnProgress } from "./types";

/** Rows the importer looks at to recognise a sheet (its SCAN_ROWS). */
export const HEAD_ROWS = 12;
/** Widest header read during a scan (a Taobao export has 73 columns). */
const MAX_SCAN_COLUMNS = 256;
/** How much of the 规则 sheet a scan reads for its 【列名】 block (the default sheet: ~70 rows × 9). */
const MAX_RULES_ROWS = 2000;
const MAX_RULES_COLUMNS = 32;

export interface SourceInfo {
  sheet: string;
  kind: SourceKind | null;
  recognition: Recognition;
  /** Rows below the header row (summary rows included: the import tells them apart). */
  rows: number;
  /** Month found in the first rows ("2026-10"), null when none. */
  month: string | null;
  /** Shops (店铺名称) the first rows' orders name, as the engine reads them (core/shops.ts); empty when none. */
  shops?: string[];
}

/**
 * Which sheets are exports, and of what: every sheet except the add-in's own and the rules sheet,
 * recognised with the rules sheet's 【列名】 lines (the manager's names for columns) first.
 */
export async function scanSources(run: ExcelRun): Promise<SourceInfo[]> {
  const all = await listSheets(run);
  const rulesSheet = rulesSheetOf(all, SHEET_NAMES.rules.name);
  const sheets = all.filter((s) => !s.owned && s.name !== rulesSheet);
  return run(async (ctx) => {
    // The 规则 sheet is read in the same two round trips as the heads (its 【列名】 lines name columns).
    const named = rulesSheet === null ? [] : [rulesSheet];
    const used = [...sheets.map((s) => s.name), ...named].map((name) => {
      const r = ctx.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
      r.load("rowIndex,rowCount,columnIndex,columnCount");
      return r;
    });
    await ctx.sync();
    const heads = sheets.map((s, i) => {
      const u = used[i];
      if (u.isNullObject) return null;
      const rows = Math.min(HEAD_ROWS, u.rowIndex + u.rowCount);
      const cols = Math.min(MAX_SCAN_COLUMNS, u.columnIndex + u.columnCount);
      return ctx.workbook.worksheets.getItem(s.name).getRangeByIndexes(0, 0, rows, cols).load("values");
    });
    const ru = rulesSheet === null ? null : used[sheets.length];
    const rulesRange =
      ru === null || ru.isNullObject
        ? null
        : ctx.workbook.worksheets
            .getItem(rulesSheet!)
            .getRangeByIndexes(0, 0, Math.min(MAX_RULES_ROWS, ru.rowIndex + ru.rowCount), Math.min(MAX_RULES_COLUMNS, ru.columnIndex + ru.columnCount))
            .load("values");
    await ctx.sync();
    const columns = rulesRange ? rulesFromRows(rulesRange.values as Cell[][], { file: "", sheet: SHEET_NAMES.rules.name }).rules.columns : [];
    return sheets.map((s, i): SourceInfo => {
      const head = heads[i];
      const rows = (head ? head.values : []) as Cell[][];
      const recognition = recognise(rows, columns);
      const end = used[i].isNullObject ? 0 : used[i].rowIndex + used[i].rowCount;
      const sample = recognition.kind ? importSheet({ file: "", sheet: s.name, rows }, recognition.kind, { columns }) : null;
      return {
        sheet: s.name,
        kind: recognition.kind,
        recognition,
        rows: recognition.kind ? Math.max(0, end - recognition.headerRow) : 0,
        month: sample ? sourceMonth(sample) : null,
        shops: sample ? shopsOf(sample.data) : [],
      };
    });
  });
}

/** Fields whose displayed text is what the export meant when Excel turned them into numbers. */
const TEXT_FIELDS = new Set(["staffNo", "agent", "tracking", "nick"]);
/** Id fields: a number there lost its digits; its display (2.87E+18) says so best. */
const ID_FIELDS = new Set(["id", "orderId"]);

/** After the head: the columns to read, and where the recognised fields are (for display rules). */
export interface HeadReply {
  columns: number[] | null;
  fields: Record<string, number>;
}

/** What a sheet read delivers, chunk by chunk, to whoever imports the rows. */
export interface RowConsumer {
  /**
   * The first rows (row 1 on, every column) as values and as displayed text. Returns the columns
   * to read from then on, with the recognised fields — or only the columns, and the reader
   * recognises the head itself (costs a recognition on the reading thread).
   */
  head(values: Cell[][], texts: string[][]): HeadReply | number[] | null | Promise<HeadReply | number[] | null>;
  /** Rows after the head, restricted to `columns`. */
  chunk(chunk: ReadChunk, columns: readonly number[]): void | Promise<void>;
}

/** The head as the importer should see it: numbers in text-like fields replaced by their display. */
export function displayedHead(values: Cell[][], texts: string[][], fields: Record<string, number>): Cell[][] {
  const display = displayRules(fields);
  if (display.size === 0) return values;
  return values.map((row, r) => row.map((v, c) => (typeof v === "number" && display.has(c) ? display.get(c)!(v, texts[r]?.[c] ?? String(v)) : v)));
}

/**
 * Starts an import with a sheet's head: recognises it, feeds the importer the displayed head
 * and says which columns to read next. Used wherever the importer runs (pane, worker, Node).
 */
export function startImport(importer: { push(row: Cell[]): void; neededColumns(): number[] | null }, values: Cell[][], texts: string[][], columns: readonly ColumnMapping[] = []): HeadReply {
  // With the 【列名】 lines the importer got: a column the manager named (员工编号 → 工号) is read
  // by its display like a known one (003, not 3).
  const fields = recognise(values, columns).columns;
  for (const r of displayedHead(values, texts, fields)) importer.push(r);
  return { columns: importer.neededColumns(), fields };
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Workbook name for problem locations. */
  file?: string;
  /**
   * readSource only (the import on the page's own thread): rows imported between two yields to
   * the page, so no block of work holds the page much longer than a response's JSON parse plus
   * this many rows (a chunk is thousands of rows). Default `PAGE_SLICE_ROWS`.
   */
  sliceRows?: number;
  /** How readSource yields to the page between slices (default: a macrotask, `yieldToPage`). */
  pause?: () => Promise<void>;
}

/**
 * Rows readSource imports on the page between two yields. At a million rows × 14 needed columns
 * a chunk is ~4,700 rows and imported whole took ~230 ms of the page's thread; 1,000 rows take
 * ~50 ms, so a block (the response's JSON parse + one slice) stays well under 200 ms.
 */
export const PAGE_SLICE_ROWS = 1000;

/**
 * Streams one sheet to `consumer`: the head in one request, then row chunks of the needed columns.
 * Returns the number of sheet rows read.
 */
export async function streamSheet(run: ExcelRun, sheetName: string, consumer: RowConsumer, onProgress?: OnProgress, opts: ReadOptions = {}): Promise<number> {
  return run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheetName);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,rowCount,columnIndex,columnCount");
    await ctx.sync();
    if (used.isNullObject) {
      await consumer.head([], []);
      return 0;
    }
    const end = used.rowIndex + used.rowCount;
    const width = used.columnIndex + used.columnCount;
    const headRows = Math.min(HEAD_ROWS, end);
    const head = ws.getRangeByIndexes(0, 0, headRows, width).load("values,text");
    await ctx.sync();
    const values = head.values as Cell[][];
    const reply = await consumer.head(values, head.text);
    const { columns: cols, fields } = reply === null || Array.isArray(reply) ? { columns: reply, fields: recognise(values).columns } : reply;
    const columns = cols ?? [];
    const display = displayRules(fields);
    const rows = values;
    onProgress?.({ step: "read", sheet: sheetName, done: headRows, total: end });
    if (columns.length === 0 || end <= headRows) return end;
    // First guess of a row's size from the sample rows' needed cells.
    let sampleBytes = 0;
    for (let r = 1; r < rows.length; r++) for (const c of columns) sampleBytes += jsonCellBytes(rows[r][c]);
    const bytesPerRow = rows.length > 1 ? sampleBytes / (rows.length - 1) : columns.length * 24;
    await readRowChunks(ctx, ws, headRows, end, columns, { display, bytesPerRow, signal: opts.signal }, async (chunk) => {
      throwIfCancelled(opts.signal);
      await consumer.chunk(chunk, columns);
      onProgress?.({ step: "read", sheet: sheetName, done: chunk.row0 + chunk.rows, total: end });
    });
    return end;
  });
}

/** An id Excel turned into a number keeps it (the importer flags it), or shows 2.87E+18 as the manager sees it. */
function scientificOrValue(value: number, text: string): Cell {
  return /E[+-]/i.test(text) ? text : value;
}

/** How numbers in text-like fields are read: their display (003), or for ids the number unless shown as 2.87E+18. */
function displayRules(fields: Record<string, number>): Map<number, (value: number, text: string) => Cell> {
  const display = new Map<number, (value: number, text: string) => Cell>();
  for (const [f, c] of Object.entries(fields)) {
    if (TEXT_FIELDS.has(f)) display.set(c, (_v, t) => t);
    else if (ID_FIELDS.has(f)) display.set(c, scientificOrValue);
  }
  return display;
}

/** Pushes chunk rows [from, to) into a row importer through one reused row array (the importer keeps none). */
export function pushChunk(importer: { push(row: Cell[]): void }, chunk: ReadChunk, columns: readonly number[], buffer: Cell[], from = 0, to = chunk.rows): void {
  for (let i = from; i < to; i++) {
    buffer.fill(null);
    for (const c of columns) buffer[c] = chunk.cell(i, c);
    importer.push(buffer);
  }
}

/**
 * Reads one export sheet into an ImportResult (records + located problems).
 *
 * @example
 *   const orders = await readSource(Excel.run, "订单", "orders", (p) => bar(p.done / p.total));
 */
export async function readSource(run: ExcelRun, sheetName: string, kind: SourceKind | null, onProgress?: OnProgress, opts: ReadOptions = {}): Promise<ImportResult> {
  const importer = createRowImporter(kind, opts.file ?? "", sheetName);
  let buffer: Cell[] = [];
  const slice = Math.max(1, opts.sliceRows ?? PAGE_SLICE_ROWS);
  const pause = opts.pause ?? yieldToPage;
  await streamSheet(
    run,
    sheetName,
    {
      head(values, texts) {
        const reply = startImport(importer, values, texts);
        const cols = reply.columns;
        buffer = new Array<Cell>(cols && cols.length ? Math.max(...cols) + 1 : 0).fill(null);
        return reply;
      },
      async chunk(chunk, columns) {
        // In slices, the page yielding between them: a chunk imported whole blocks it ~230 ms.
        for (let i = 0; i < chunk.rows; i += slice) {
          if (i > 0) {
            await pause();
            throwIfCancelled(opts.signal);
          }
          pushChunk(importer, chunk, columns, buffer, i, Math.min(chunk.rows, i + slice));
        }
      },
    },
    onProgress,
    opts,
  );
  return importer.finish();
}

/**
 * A whole small sheet as rows (the rules sheet), or null when there is no such sheet.
 * Chunked like every read, so even an oversized sheet stays under the limits.
 */
export async function readSheetRows(run: ExcelRun, sheetName: string): Promise<Cell[][] | null> {
  return (await readSheetTable(run, sheetName, false))?.rows ?? null;
}

/**
 * A whole small sheet as rows, with each cell's number format when `formats` (a manager's sheet:
 * Office.js gives a typed 10-1 as 46296, a date only by its format), or null when there is no such sheet.
 */
export async function readSheetTable(
  run: ExcelRun,
  sheetName: string,
  formats: boolean,
  formulas = false,
): Promise<{ rows: Cell[][]; formats?: (string | null)[][]; formulas?: boolean[][] } | null> {
  return run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItemOrNullObject(sheetName);
    await ctx.sync();
    if (ws.isNullObject) return null;
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,rowCount,columnIndex,columnCount");
    await ctx.sync();
    const empty = { rows: [], ...(formats ? { formats: [] } : {}), ...(formulas ? { formulas: [] } : {}) };
    if (used.isNullObject) return empty;
    const end = used.rowIndex + used.rowCount;
    const width = used.columnIndex + used.columnCount;
    const cols = Array.from({ length: width }, (_v, i) => i);
    const rows: Cell[][] = [];
    const fmts: (string | null)[][] = [];
    const fx: boolean[][] = [];
    await readRowChunks(ctx, ws, 0, end, cols, { formats, formulas }, (chunk) => {
      for (let i = 0; i < chunk.rows; i++) {
        rows.push(cols.map((c) => chunk.cell(i, c)));
        if (formats) fmts.push(cols.map((c) => chunk.format(i, c)));
        if (formulas) fx.push(cols.map((c) => chunk.isFormula(i, c) === true));
      }
    });
    return { rows, ...(formats ? { formats: fmts } : {}), ...(formulas ? { formulas: fx } : {}) };
  });
}
