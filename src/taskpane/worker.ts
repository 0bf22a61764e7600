/**
 * The pane's Web Worker: recognition, import and reports off the main thread, so the pane stays
 * responsive on a million-row order sheet; and the CSV of "Import a file" decoded and parsed here.
 * Excel itself is only reachable from the pane; rows come in as the adapter reads them and the
 * WorkbookSpec goes back in slices (workerHandler.ts).
 */
import type { FromWorker, ToWorker } from "./protocol";
import { createWorkerHandler } from "./workerHandler";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(m: FromWorker, transfer?: Transferable[]): void;
};
const handle = createWorkerHandler((m, transfer) => scope.postMessage(m, transfer ?? []));
scope.onmessage = (e) => void handle(e.data);
