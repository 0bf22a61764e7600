/**
 * The import layer's contract. Hosts turn files / Excel ranges into rows of `Cell`s; the import
 * layer recognises the source by its headers and turns rows into typed records + problems.
 *
 * Two ways in, same code underneath:
 * - `importSheet(sheet)` for a sheet already in memory (xlsx sheets, Excel ranges, small CSVs);
 * - a `RowImporter` fed row by row (streamed CSV of a million orders, Office.js row chunks), which
 *   after recognition says which columns it needs so hosts can read only those.
 */
import type { Dataset } from "../model";
import type { Problem } from "../problems";

/** A cell as hosts deliver it: CSV gives strings; xlsx / Excel give numbers, booleans, Dates. */
export type Cell = string | number | boolean | Date | null;

export type SourceKind = "orders" | "attendance" | "sales" | "roster" | "incidents" | "refunds" | "affiliate" | "returnShipping";

export const SOURCE_KINDS: readonly SourceKind[] = ["orders", "attendance", "sales", "roster", "incidents", "refunds", "affiliate", "returnShipping"];

/** A whole sheet: `rows[0]` is the sheet's row 1. */
export interface RawSheet {
  file: string;
  sheet: string;
  rows: Cell[][];
}

/** The result of looking at a sheet's first rows. */
export interface Recognition {
  kind: SourceKind | null;
  /** Layout variant, e.g. "taobao", "erp", "dingtalk", "plain", "qianniu", "chitu". */
  variant: string;
  /** 1-based row of the (last) header row; data starts on the next row. */
  headerRow: number;
  /** Field name → 0-based column index, for the fields this kind reads. */
  columns: Record<string, number>;
  /** 0..1, share of the kind's key headers found. */
  score: number;
  /** Headers the kind expects that were not found (for messages and the pane). */
  missing: string[];
  /** Why the sheet was not recognised (kind null), bilingual; absent when recognised. */
  reason?: { zh: string; en: string };
  /** Header text of each column as written (trimmed), for messages; two-level headers flattened. */
  headers?: string[];
  /** When not recognised: the kind the headers come closest to (for the column-mapping step). */
  closest?: SourceKind | null;
}

export interface ImportResult {
  kind: SourceKind | null;
  recognition: Recognition;
  data: Dataset;
  problems: Problem[];
  /** Data rows seen (excluding banner, header and summary rows). */
  rowsRead: number;
}
