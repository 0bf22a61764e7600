/**
 * The Office.js adapter: plain async functions over an `Excel.run`-shaped entry point, so the
 * pane passes `Excel.run` and tests pass a double.
 */
export type { ExcelRun, Progress, OnProgress, AdapterMessage } from "./types";
export { CancelledError } from "./types";
export { writeWorkbookSpec, type WriteResult, type WrittenSheet } from "./write";
export { readManagerState } from "./manager";
export { listSheets, OWNED_PROPERTY } from "./owned";
