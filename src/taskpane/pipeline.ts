/**
 * One build, as the pane runs it: manager entries and rules from the workbook, each chosen
 * source streamed into the engine, the WorkbookSpec written back. Cancellable between steps
 * and between chunks.
 */
import type { Cell, SourceKind } from "../core/import/types";
import { SHEET_NAMES } from "../core/sheets/names";
import { readManagerState } from "../excel/manager";
import { readSheetRows, streamSheet } from "../excel/read";
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
}

export interface BuildResult {
  summary: BuildSummary;
  write: WriteResult;
}

export async function runBuild(req: BuildRequest): Promise<BuildResult> {
  const { run, engine, signal, onStep } = req;
  try {
    onStep({ step: "manager", sheet: "", done: 0, total: 1 });
    const manager = await readManagerState(run);
    throwIfCancelled(signal);
    onStep({ step: "rules", sheet: SHEET_NAMES.rules.name, done: 0, total: 1 });
    const rulesRows = await readSheetRows(run, SHEET_NAMES.rules.name);
    for (const src of req.sources) {
      throwIfCancelled(signal);
      await streamSheet(
        run,
        src.sheet,
        {
          // Recognition happens where the engine runs (the worker), not on the pane's thread.
          head: (values: Cell[][], texts: string[][]) => engine.head(src.sheet, src.kind, values, texts),
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
    const { spec, summary } = await engine.finish({ month: req.month, rulesRows, manager, file: req.file });
    throwIfCancelled(signal);
    const write = await writeWorkbookSpec(run, spec, onStep, { signal });
    return { summary, write };
  } finally {
    engine.dispose();
  }
}
