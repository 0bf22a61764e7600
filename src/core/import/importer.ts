/**
 * The one import code path: rows in (from sheet row 1, banners and headers included), records
 * and problems out. `importSheet` feeds it a sheet in memory; the CSV stream and the Office.js
 * adapter feed it row by row and, once the headers are recognised, read only `neededColumns()`.
 */
import { problem, type Problem } from "../problems";
import { createAttendanceReader } from "./attendance";
import { columnLetter, SheetContext, type KindReader, type PartFacts } from "./context";
import { kindEn, kindZh, recogniseRows, SCAN_ROWS, type Recognised } from "./headers";
import { createIncidentsReader } from "./incidents";
import { createOrdersReader } from "./orders";
import { createRowCheck, type RowCheck } from "./records";
import { createRosterReader } from "./roster";
import { createRefundsReader } from "./refunds";
import { createAffiliateReader } from "./affiliate";
import { createReturnShippingReader } from "./returnShipping";
import { createSalesReader } from "./sales";
import type { ColumnMapping } from "./mapping";
import type { Cell, ImportResult, RawSheet, Recognition, SourceKind } from "./types";

export interface RowImporter {
  /**
   * One sheet row, in order from row 1. The array is not kept (hosts may reuse it). After
   * recognition only `neededColumns()` are read, so other cells may be left out.
   */
  push(row: Cell[]): void;
  /** Set once the headers are recognised (or found unrecognisable); null before. */
  readonly recognition: Recognition | null;
  /** The 0-based columns the importer reads; null until recognised. */
  neededColumns(): number[] | null;
  /** Ends the sheet (recognising now if fewer than 12 rows came) and returns everything. */
  finish(): ImportResult;
  /** The first rows, as recognition saw them (null before recognition). */
  readonly head: Cell[][] | null;
  /** What the rows read so far leave to the sheet's other rows (see `partsReadApart`). */
  partFacts(): PartFacts;
  /**
   * With `records`, once recognised: the fields from this index on are checked to be empty, so
   * a host that narrows its reads keeps them too (null otherwise).
   */
  namedWidth(): number | null;
}

export interface RowImporterOptions {
  /**
   * Continue a sheet from the middle: these are its first rows (banner, headers …), used to
   * recognise it and then not imported; the rows pushed afterwards are numbered from
   * `head.length + 1` as if they followed them. A host reading one file in two parts gives
   * the second part's importer the first part's head, then renumbers its rows.
   */
  head?: Cell[][];
  /** The rules sheet's 【列名】 lines: the manager's names for fields, tried before the built-in aliases. */
  columns?: readonly ColumnMapping[];
  /**
   * True (asked once rows arrive) when each string cell is its own string, never a view on a
   * bigger text (the CSV byte path): readers then keep such a cell as it is instead of copying it.
   */
  ownCells?: () => boolean;
  /** Rows are CSV records: a field count other than the header's is reported (./records.ts). */
  records?: boolean;
}

const READERS: Record<SourceKind, (ctx: SheetContext, rec: Recognition) => KindReader> = {
  orders: createOrdersReader,
  attendance: createAttendanceReader,
  sales: createSalesReader,
  roster: createRosterReader,
  incidents: createIncidentsReader,
  refunds: createRefundsReader,
  affiliate: createAffiliateReader,
  returnShipping: createReturnShippingReader,
};

/**
 * @param kind the slot the user chose, or null to recognise any kind.
 * @example
 *   const imp = createRowImporter("orders", "订单.csv", "订单");
 *   for (const row of rows) imp.push(row);
 *   const { data, problems } = imp.finish();
 */
export function createRowImporter(kind: SourceKind | null, file: string, sheet: string, opts: RowImporterOptions = {}): RowImporter {
  let rowNo = 0;
  let rowsRead = 0;
  let buffer: Cell[][] | null = [];
  let rec: Recognised | null = null;
  let ctx: SheetContext | null = null;
  let reader: KindReader | null = null;
  let check: RowCheck | null = null;
  const early: Problem[] = [];
  let head: Cell[][] | null = null;

  function feed(row: Cell[], n: number): void {
    // An unrecognised sheet has one problem saying it is not imported; its rows go nowhere.
    if (!reader || n <= rec!.headerRow) return;
    // A row the check refused was read and told about, as a row with a bad id is: it counts.
    if (!check!.check(row, n) || reader.read(row, n)) rowsRead++;
  }

  function recogniseNow(importRows: boolean): void {
    const rows = buffer!;
    buffer = null;
    head = rows;
    rec = recogniseRows(rows, kind, opts.columns);
    const where = { file, sheet };
    if (rec.kind === null) {
      const reason = rec.reason!;
      const empty = !rows.some((r) => r.some((c) => c !== null && c !== undefined && String(c).trim() !== ""));
      const wrong = kind !== null && rec.closest !== null && rec.closest !== kind;
      early.push(
        problem(
          "error",
          empty ? "import.empty" : wrong ? "import.wrong_kind" : "import.unrecognised",
          where,
          empty ? "" : (rec.headers ?? []).filter((h) => h !== "").slice(0, 12).join(", "),
          `${reason.zh}；此表未导入${kind ? `（应为${kindZh(kind)}）` : ""}`,
          `${reason.en}; this sheet is not imported${kind ? ` (expected ${kindEn(kind)})` : ""}`,
        ),
      );
    } else {
      ctx = new SheetContext(file, sheet, rec.headers ?? [], opts.ownCells);
      ctx.banner = rows.slice(0, Math.max(0, rec.headerRow - 1));
      for (const d of rec.duplicates) {
        const name = ctx.columnName(d.column);
        const kept = columnLetter(rec.columns[d.field]);
        const dropped = columnLetter(d.column);
        ctx.cell(
          "warning",
          "header.duplicate",
          rec.headerRow,
          d.column,
          name,
          `表头「${name}」重复出现（${kept} 列和 ${dropped} 列）；使用 ${kept} 列，忽略 ${dropped} 列`,
          `the header "${name}" appears twice (columns ${kept} and ${dropped}); column ${kept} is used and column ${dropped} is ignored`,
        );
      }
      reader = READERS[rec.kind](ctx, rec);
      check = createRowCheck(ctx, rec.kind, rec, reader.columns, opts.records === true);
    }
    if (importRows) rows.forEach((r, i) => feed(r, i + 1));
  }

  if (opts.head) {
    buffer = opts.head.map((r) => r.slice());
    rowNo = buffer.length;
    recogniseNow(false);
  }

  return {
    push(row: Cell[]): void {
      rowNo++;
      if (buffer) {
        buffer.push(row.slice());
        if (buffer.length >= SCAN_ROWS) recogniseNow(true);
        return;
      }
      feed(row, rowNo);
    },
    get recognition(): Recognition | null {
      return rec ? publicRecognition(rec) : null;
    },
    get head(): Cell[][] | null {
      return head;
    },
    partFacts(): PartFacts {
      return ctx ? ctx.partFacts() : { slashDates: { oneWay: 0, twoWay: 0 }, sheetDecided: 0, toldOnce: 0 };
    },
    neededColumns(): number[] | null {
      return reader ? reader.columns.slice() : null;
    },
    namedWidth(): number | null {
      return check ? check.namedWidth : null;
    },
    finish(): ImportResult {
      if (buffer) recogniseNow(true);
      const r = rec!;
      if (reader && ctx) {
        reader.finish();
        ctx.settleDates();
        if (rowsRead === 0) {
          ctx.sheetProblem(
            "warning",
            "import.no_data",
            null,
            "",
            `只有表头，没有数据行（识别为${kindZh(r.kind!)}，表头在第${r.headerRow}行）`,
            `only headers, no data rows (recognised as ${kindEn(r.kind!)}, headers on row ${r.headerRow})`,
          );
        }
      }
      const problems = [...early, ...(ctx ? ctx.log.list() : [])];
      return {
        kind: r.kind,
        recognition: publicRecognition(r),
        data: ctx ? ctx.data : { orders: [], shifts: [], sales: [], roster: [], incidents: [] },
        problems,
        rowsRead,
      };
    },
  };
}

/** The contract's Recognition, without the recogniser's internals. */
function publicRecognition(r: Recognised): Recognition {
  const out: Recognition = {
    kind: r.kind,
    variant: r.variant,
    headerRow: r.headerRow,
    columns: r.columns,
    score: r.score,
    missing: r.missing,
    headers: r.headers,
  };
  if (r.reason) out.reason = r.reason;
  if (r.kind === null) out.closest = r.closest;
  return out;
}

/** A sheet already in memory, through the same row importer. */
export function importSheet(sheet: RawSheet, kind?: SourceKind | null, opts: Pick<RowImporterOptions, "columns"> = {}): ImportResult {
  const imp = createRowImporter(kind ?? null, sheet.file, sheet.sheet, opts);
  for (const row of sheet.rows) imp.push(row ?? []);
  return imp.finish();
}

/** Which source is this? (looks at the first 12 rows) */
export function recognise(rows: Cell[][], columns?: readonly ColumnMapping[]): Recognition {
  return publicRecognition(recogniseRows(rows, null, columns));
}
