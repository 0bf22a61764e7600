/**
 * "Import a file" in the browser: the bytes of a chosen CSV (GBK / UTF-8 detected by the core)
 * or xlsx (the command line's own streaming reader, src/xlsx/read-xlsx.ts, with the same limits
 * against crafted files; parts inflated by the browser's DecompressionStream) → rows for a new sheet. A CSV is decoded and parsed in the
 * pane's worker, so a big export never freezes the pane; when the worker cannot start, the same
 * streaming parse runs in-page in 1 MB slices that yield to the event loop.
 */
import type { Cell } from "../core";
import { KefuError, problem, type Problem } from "../core";
// The one xlsx reader of every host (no Node code in these modules).
import { XlsxRefused } from "../xlsx/limits";
import { packageSheetRows } from "../xlsx/read-xlsx";
import { canInflate, openZipBytes } from "../xlsx/zip-browser";
import { csvRows } from "./csvFile";
import { yieldToEventLoop, type EngineEvents } from "./engineClient";
import type { FromWorker, ToWorker } from "./protocol";
import { pageWorkers, type WorkerLauncher } from "./workerLauncher";

export interface FileSheet {
  /** Name for the new sheet (file name, plus the sheet name for multi-sheet workbooks). */
  name: string;
  rows: Cell[][];
}

export interface FileRead {
  sheets: FileSheet[];
  /** What was wrong with the file but still let it be read (a cut-off last row, invalid bytes). */
  problems: Problem[];
}

/**
 * An xlsx's non-empty sheets. A file past the reader's limits, or not an xlsx, is a KefuError
 * naming the file (and the sheet, row and cell where the reader knows them).
 */
async function readXlsx(name: string, bytes: Uint8Array): Promise<FileSheet[]> {
  const where = { file: name, sheet: "" };
  if (!canInflate()) {
    throw new KefuError([problem("error", "file.xlsx_unavailable", where, "DecompressionStream", "此环境无法解压 xlsx 文件（需要较新的 Excel / Edge）；请另存为 CSV 后导入", "this host cannot inflate an xlsx file (a newer Excel / Edge is needed); save it as CSV and import that")]);
  }
  let all;
  try {
    all = await packageSheetRows(await openZipBytes(bytes), name);
  } catch (e) {
    if (e instanceof XlsxRefused) throw new KefuError([e.toProblem(name)]);
    throw new KefuError([problem("error", "file.unreadable", where, (e as Error).message, "无法打开这个 xlsx 文件（文件损坏或不是 xlsx）；未导入", "cannot open this xlsx file (damaged, or not an xlsx); not imported")]);
  }
  const base = baseName(name);
  const sheets = all.filter((s) => s.rows.length > 0);
  return sheets.map((s) => ({ name: all.length > 1 ? `${base}-${s.sheet}` : base, rows: s.rows }));
}

function baseName(name: string): string {
  return name.replace(/\.[^.]+$/, "");
}

const isXlsx = (name: string) => /\.xlsx$/i.test(name);

/**
 * The sheets a chosen file holds, read in the pane itself (an xlsx, or a CSV when there is no
 * worker): a CSV in slices that yield to the event loop. Throws a KefuError (bilingual, naming
 * the file) for binary junk or an empty file.
 */
export async function readFileSheets(name: string, bytes: Uint8Array): Promise<FileRead> {
  if (isXlsx(name)) return { sheets: await readXlsx(name, bytes), problems: [] };
  const rows: Cell[][] = [];
  const end = await csvRows(name, bytes, (batch) => pushAll(rows, batch), { pause: yieldToEventLoop });
  return { sheets: [{ name: baseName(name), rows }], problems: end.problems };
}

/**
 * The sheets of a chosen file: a CSV parsed in the page's worker (its bytes transferred — do not
 * use `bytes` afterwards — and rows sent back in slices), or in-page when the worker cannot start
 * (`events.onFallback` says why; nothing was sent, so the bytes are still there).
 */
export async function importFileSheets(name: string, bytes: Uint8Array, events: EngineEvents = {}, launcher: WorkerLauncher = pageWorkers): Promise<FileRead> {
  if (isXlsx(name)) return readFileSheets(name, bytes);
  const started = await launcher.start();
  if (!started.worker) {
    events.onFallback?.(started.reason);
    return readFileSheets(name, bytes);
  }
  const worker = started.worker;
  const rows: Cell[][] = [];
  try {
    const end = await new Promise<{ problems: Problem[] }>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<FromWorker>) => {
        const m = e.data;
        if (m.type === "csvRows") pushAll(rows, m.rows);
        else if (m.type === "csvDone") resolve(m);
        else if (m.type === "error") reject(m.problems.length ? new KefuError(m.problems) : new Error(m.message));
      };
      worker.onerror = (e: ErrorEvent) => reject(new Error(e.message || "worker error"));
      // Handed over, not copied, when the bytes are a whole buffer (as a File's arrayBuffer() is).
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      const buffer = (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
      const msg: ToWorker = { type: "parseCsv", name, bytes: buffer };
      worker.postMessage(msg, [buffer]);
    });
    return { sheets: [{ name: baseName(name), rows }], problems: end.problems };
  } finally {
    worker.terminate();
  }
}

/** Appends without spreading (a spread of 5,000 rows is fine, of a million is not). */
function pushAll<T>(into: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) into.push(items[i]);
}
