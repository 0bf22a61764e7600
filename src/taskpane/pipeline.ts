/**
 * One build, as the pane runs it: manager entries and rules from the workbook, each chosen
 * source streamed into the engine, the WorkbookSpec written back. Cancellable between steps
 * and between chunks.
 */
import type { PreviousBoardInput } from "./processor";
import { BOARD_SHEETS, SHEET_NAMES, rulesFromRows, type BoardSheet, type Cell, type SourceKind, type WorkbookSpec } from "../core";
import { listSheets, rulesSheetOf } from "../excel/owned";
import { readSheetRows, readSheetTable, streamSheet } from "../excel/read";
import { throwIfCancelled, type ExcelRun, type Progress } from "../excel/types";
import { writeWorkbookSpec, type WriteResult } from "../excel/write";
import type { EngineClient } from "./engineClient";
import type { BuildSummary } from "./summary";

export interface ChosenSource {
  sheet: string;
  kind: SourceKind;
}

export interface BuildRequest {
  run: ExcelRun;
  sources: ChosenSource[];
  month: string | null;
  /** Workbook name for problem locations. */
  file: string;
  engine: EngineClient;
  signal?: AbortSignal;
  onStep(p: Progress): void;
  /** Also return the report's JSON (as the command line's --json), for the parity test. */
  json?: boolean;
  /** Last month's board, read from the file the manager chose (the command line's --previous). */
  previous?: PreviousBoardInput[];
  /** One shop of a group, as the command line's --shop; null / absent = every shop together. */
  shop?: string | null;
  /** Rows above which 订单明细 / 未归属订单 are written in pages (default DETAIL_PAGE_ROWS; tests lower it). */
  detailPageRows?: number;
}

export interface BuildResult {
  summary: BuildSummary;
  write: WriteResult;
  json?: string;
  /**
   * The detail sheets written in part, whole, for "write more detail rows" (writeMoreRows);
   * absent when every row was written.
   */
  detail?: WorkbookSpec;
}

/**
 * The add-in's own report sheets that hold manager columns, as raw cells: the engine reads the
 * manager's entries out of them (core/board.ts), as it does from the command line's old --out.
 */
async function readBoardSheets(run: ExcelRun): Promise<{ sheets: BoardSheet[]; built: boolean; rules: string | null }> {
  const keys = new Set(BOARD_SHEETS.map((s) => s.key));
  const out: BoardSheet[] = [];
  const all = await listSheets(run);
  // An earlier build's reports are here (规则 alone is made by 打开规则 too): a manager sheet
  // missing among them was deleted, and what was typed there is gone — said, not passed over.
  const built = all.some((s) => s.owned !== null && s.owned !== "rules");
  for (const s of all) {
    if (s.owned === null || !keys.has(s.owned)) continue;
    // With formats: a date typed into a money column (调整 10-1) is told from an amount by its format alone.
    // With formulas: a value typed over a formula (net pay by hand) is named before the rebuild writes the formula back.
    // (Not on a build written in part: its formulas into 订单明细 were written as values.)
    const table = await readSheetTable(run, s.name, true, !s.valuesOnly);
    if (table) out.push({ sheet: s.name, key: s.owned, rows: table.rows, formats: table.formats, ...(table.formulas ? { formulas: table.formulas } : {}) });
  }
  return { sheets: out, built, rules: rulesSheetOf(all, SHEET_NAMES.rules.name) };
}

export async function runBuild(req: BuildRequest): Promise<BuildResult> {
  const { run, engine, signal, onStep } = req;
  try {
    onStep({ step: "manager", sheet: "", done: 0, total: 1 });
    const { sheets: board, built, rules } = await readBoardSheets(run);
    throwIfCancelled(signal);
    onStep({ step: "rules", sheet: SHEET_NAMES.rules.name, done: 0, total: 1 });
    // A 规则 the manager renamed is still the rules (the write names it back).
    const rulesRows = rules === null ? null : await readSheetRows(run, rules);
    // The 【列名】 lines name columns before recognition; invalid rules are refused by the build itself.
    const columns = rulesRows ? rulesFromRows(rulesRows, { file: req.file, sheet: SHEET_NAMES.rules.name }).rules.columns : [];
    for (const src of req.sources) {
      throwIfCancelled(signal);
      await streamSheet(
        run,
        src.sheet,
        {
          // Recognition happens where the engine runs (the worker), not on the pane's thread.
          head: (values: Cell[][], texts: string[][]) => engine.head(src.sheet, src.kind, values, texts, columns),
          async chunk(chunk, columns) {
            const rows: Cell[][] = new Array(chunk.rows);
            for (let i = 0; i < chunk.rows; i++) {
              const row: Cell[] = new Array(columns.length);
              for (let k = 0; k < columns.length; k++) row[k] = chunk.cell(i, columns[k]);
              rows[i] = row;
            }
            await engine.rows(src.sheet, columns as number[], rows);
          },
        },
        onStep,
        { signal, file: req.file },
      );
    }
    throwIfCancelled(signal);
    onStep({ step: "compute", sheet: "", done: 0, total: 1 });
    const { spec, summary, json } = await engine.finish({ month: req.month, rulesRows, board, built, file: req.file, json: req.json, ...(req.previous ? { previous: req.previous } : {}), shop: req.shop ?? null });
    throwIfCancelled(signal);
    const write = await writeWorkbookSpec(run, spec, onStep, { signal, ...(req.detailPageRows !== undefined ? { detailPageRows: req.detailPageRows } : {}) });
    // Only the sheets written in part are kept (the pane writes their next pages from them).
    const part = new Set((write.paged ?? []).map((p) => p.key));
    const detail = part.size > 0 ? { month: spec.month, sheets: spec.sheets.filter((s) => part.has(s.key)) } : undefined;
    return { summary, write, ...(json !== undefined ? { json } : {}), ...(detail ? { detail } : {}) };
  } finally {
    engine.dispose();
  }
}
