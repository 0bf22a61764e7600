/** Messages between the pane and its worker (structured-cloned plain data only). */
import type { Cell, ColumnMapping, SourceKind } from "../core";
import type { HeadReply } from "../excel/read";
import type { Problem } from "../core";
import type { SheetSpec } from "../core";
import type { FinishOptions } from "./processor";
import type { BuildSummary } from "./summary";

export type ToWorker =
  /** Are you running? Answered by "ready"; a worker that cannot load never answers. */
  | { type: "ping" }
  | { type: "begin"; file: string }
  | { type: "head"; sheet: string; kind: SourceKind | null; values: Cell[][]; texts: string[][]; columns?: ColumnMapping[] }
  | { type: "rows"; sheet: string; columns: number[]; rows: Cell[][] }
  | { type: "finish"; options: FinishOptions }
  /** "Import a file": a CSV's bytes (transferred, not copied) to decode and split into rows. */
  | { type: "parseCsv"; name: string; bytes: ArrayBuffer };

/**
 * The spec comes back sheet by sheet and in row slices, so no single message (and no single
 * structured-clone on the pane's thread) carries a million rows. A parsed CSV comes back the
 * same way.
 */
export type FromWorker =
  | { type: "ready" }
  | { type: "headDone"; sheet: string; reply: HeadReply }
  | { type: "sheet"; index: number; sheet: Omit<SheetSpec, "rows"> }
  | { type: "sheetRows"; index: number; rows: SheetSpec["rows"] }
  | { type: "done"; month: string; summary: BuildSummary }
  | { type: "csvRows"; rows: Cell[][] }
  | { type: "csvDone"; encoding: string; problems: Problem[] }
  | { type: "error"; message: string; problems: Problem[] };

/** Rows per "sheetRows" / "csvRows" message. */
export const ROWS_PER_MESSAGE = 5000;
