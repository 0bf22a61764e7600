/**
 * The pane's Web Worker: recognition, import and reports off the main thread, so the pane stays responsive on
 * a million-row order sheet. Excel itself is only reachable from the pane; rows come in as the
 * adapter reads them and the WorkbookSpec goes back in slices.
 */
import { KefuError } from "../core/problems";
import { BuildProcessor } from "./processor";
import { ROWS_PER_MESSAGE, type FromWorker, type ToWorker } from "./protocol";

const scope = self as unknown as { onmessage: ((e: MessageEvent<ToWorker>) => void) | null; postMessage(m: FromWorker): void };
let processor: BuildProcessor | null = null;

scope.onmessage = (e) => {
  const m = e.data;
  try {
    switch (m.type) {
      case "begin":
        processor = new BuildProcessor(m.file);
        break;
      case "head":
        scope.postMessage({ type: "headDone", sheet: m.sheet, reply: processor!.head(m.sheet, m.kind, m.values, m.texts) });
        break;
      case "rows":
        processor!.rows(m.sheet, m.columns, m.rows);
        break;
      case "finish": {
        const { spec, summary } = processor!.finish(m.options);
        processor = null;
        spec.sheets.forEach((s, index) => {
          const { rows, ...rest } = s;
          scope.postMessage({ type: "sheet", index, sheet: rest });
          for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) {
            scope.postMessage({ type: "sheetRows", index, rows: rows.slice(i, i + ROWS_PER_MESSAGE) });
          }
        });
        scope.postMessage({ type: "done", month: spec.month, summary });
        break;
      }
    }
  } catch (err) {
    processor = null;
    scope.postMessage({
      type: "error",
      message: err instanceof Error ? err.message : String(err),
      problems: err instanceof KefuError ? err.problems : [],
    });
  }
};
