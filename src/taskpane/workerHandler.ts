/**
 * What the pane's worker does with each message: answer the start-up ping, run one build
 * (recognition, import, reports) and send the WorkbookSpec back in slices, or split an imported
 * CSV into rows. Kept apart from worker.ts (which only wires it to `self`) so tests can run the
 * real protocol in-process.
 */
import { KefuError } from "../core";
import { csvRows } from "./csvFile";
import { BuildProcessor } from "./processor";
import { ROWS_PER_MESSAGE, type FromWorker, type ToWorker } from "./protocol";

export type Post = (m: FromWorker, transfer?: Transferable[]) => void;

/** A message handler bound to `post`; one build at a time. */
export function createWorkerHandler(post: Post): (m: ToWorker) => Promise<void> {
  let processor: BuildProcessor | null = null;
  const fail = (err: unknown) =>
    post({ type: "error", message: err instanceof Error ? err.message : String(err), problems: err instanceof KefuError ? err.problems : [] });

  return async (m) => {
    try {
      switch (m.type) {
        case "ping":
          post({ type: "ready" });
          break;
        case "begin":
          processor = new BuildProcessor(m.file);
          break;
        case "head":
          post({ type: "headDone", sheet: m.sheet, reply: processor!.head(m.sheet, m.kind, m.values, m.texts, m.columns) });
          break;
        case "rows":
          processor!.rows(m.sheet, m.columns, m.rows);
          break;
        case "finish": {
          const { spec, summary } = processor!.finish(m.options);
          processor = null;
          spec.sheets.forEach((s, index) => {
            const { rows, ...rest } = s;
            post({ type: "sheet", index, sheet: rest });
            for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) post({ type: "sheetRows", index, rows: rows.slice(i, i + ROWS_PER_MESSAGE) });
          });
          post({ type: "done", month: spec.month, summary });
          break;
        }
        case "parseCsv": {
          const end = await csvRows(m.name, new Uint8Array(m.bytes), (rows) => post({ type: "csvRows", rows }), { batchRows: ROWS_PER_MESSAGE });
          post({ type: "csvDone", encoding: end.encoding, problems: end.problems });
          break;
        }
      }
    } catch (err) {
      processor = null;
      fail(err);
    }
  };
}
