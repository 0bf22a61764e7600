/**
 * The Office.js adapter: plain async functions over an `Excel.run`-shaped entry point, so the
 * pane passes `Excel.run` and tests pass a double (`test/support/excelDouble.ts`).
 *
 * @example
 *   const sources = await scanSources(Excel.run);
 *   const orders = await readSource(Excel.run, sources[0].sheet, "orders", onProgress);
 *   const result = await writeWorkbookSpec(Excel.run, buildWorkbookSpec(report), onProgress);
 */
export type { ExcelRun, Progress, OnProgress, AdapterMessage } from "./types";
export { CancelledError } from "./types";
export { scanSources, readSource, streamSheet, readSheetRows, type SourceInfo, type RowConsumer } from "./read";
export { writeWorkbookSpec, type WriteResult, type WrittenSheet } from "./write";
export { addSourceSheet, type AddedSheet } from "./sourceSheet";
export { selectRange } from "./navigate";
export { listSheets, OWNED_PROPERTY, LAYOUT_PROPERTY } from "./owned";
export { MAX_REQUEST_BYTES, MAX_REQUEST_CELLS } from "./payload";
