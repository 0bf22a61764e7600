/** Cells cut to Excel's cell limit, counted by the engine (core/truncation.ts) for the pane's summary. */
export { CUT_MARK, isCut, truncatedCells, type TruncatedSheet } from "../core";
