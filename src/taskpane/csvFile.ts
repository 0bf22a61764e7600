/**
 * A CSV file's bytes → rows, streamed: the encoding detected on the first 64 KB, the text decoded
 * and parsed slice by slice, rows handed on in batches. The worker runs it straight through; the
 * in-page fallback pauses between slices so the pane keeps painting.
 */
import { createCsvStream } from "../core";
import type { Cell } from "../core";
import { KefuError, type Problem } from "../core";

export interface CsvRowsOptions {
  /** Bytes decoded per slice (1 MB). */
  sliceBytes?: number;
  /** Rows per `onRows` call (5,000). */
  batchRows?: number;
  /** Awaited between slices: the in-page path yields to the event loop here. */
  pause?: () => Promise<void>;
}

export interface CsvRowsEnd {
  encoding: string;
  /** What was wrong with the file but still let it be read (a cut-off last row, invalid bytes). */
  problems: Problem[];
}

/** Problems that leave nothing to import: binary bytes, an empty file. */
const UNREADABLE = new Set(["file.binary", "import.empty"]);

/**
 * Streams `bytes` through the core's CSV reader and calls `onRows` with batches of rows.
 * Throws a KefuError (bilingual, naming the file) when the file is binary or empty.
 * @example await csvRows("订单.csv", bytes, (rows) => all.push(...rows));
 */
export async function csvRows(name: string, bytes: Uint8Array, onRows: (rows: Cell[][]) => void, opts: CsvRowsOptions = {}): Promise<CsvRowsEnd> {
  const slice = opts.sliceBytes ?? 1 << 20;
  const batchRows = opts.batchRows ?? 5000;
  let batch: Cell[][] = [];
  const csv = createCsvStream(
    (cells) => {
      batch.push(cells.slice());
      if (batch.length >= batchRows) {
        onRows(batch);
        batch = [];
      }
    },
    { file: name, sheet: name.replace(/\.[^.]+$/, "") },
  );
  for (let o = 0; o < bytes.length; o += slice) {
    csv.write(bytes.subarray(o, Math.min(bytes.length, o + slice)));
    if (opts.pause && o + slice < bytes.length) await opts.pause();
  }
  const end = csv.end();
  if (batch.length > 0) onRows(batch);
  const fatal = end.problems.filter((p) => UNREADABLE.has(p.code));
  if (fatal.length > 0) throw new KefuError(fatal);
  return { encoding: end.encoding, problems: end.problems };
}
