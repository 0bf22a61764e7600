/**
 * The adapter's view of Office.js: one entry point shaped like `Excel.run`, passed in by the
 * caller (the pane passes `Excel.run`, tests pass a double), and progress reporting.
 */

/** `Excel.run` or a stand-in with the same shape. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** A step of a long operation, for the pane's progress bar. */
export interface Progress {
  /** Stable step code: "read", "write", "format", "chart" … */
  step: string;
  /** Sheet being read or written. */
  sheet: string;
  done: number;
  total: number;
}

export type OnProgress = (p: Progress) => void;

/** A bilingual message for the manager (e.g. "the sheet was written under another name"). */
export interface AdapterMessage {
  code: string;
  zh: string;
  en: string;
}

/** Thrown between chunks when the caller's signal says stop. */
export class CancelledError extends Error {
  constructor() {
    super("已取消 / Cancelled");
    this.name = "CancelledError";
  }
}

export function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Lets the page paint and handle input between slices of work on its own thread. */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
