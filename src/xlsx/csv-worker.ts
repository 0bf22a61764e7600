/**
 * Worker thread: imports the second half of a big orders CSV (bytes `start`..`end`) while the
 * main thread imports the first half (./read-csv.ts). It is given what the first half already
 * knows — encoding, separator, the sheet's first rows — so it reads its rows exactly as one
 * importer would, numbered as if they came right after those first rows; the main thread
 * renumbers them. Orders go back as columns (./order-columns.ts).
 */
import { promises as fs } from "fs";
import { parentPort, workerData } from "worker_threads";
import { createCsvImporter } from "../core";
import type { Cell, ColumnMapping, PartFacts, SourceKind } from "../core";
import type { Problem } from "../core";
import { packOrders, transferables, type OrderColumns } from "./order-columns";

export interface SplitJob {
  file: string;
  /** File and sheet names as problems and orders show them. */
  name: string;
  sheet: string;
  kind: SourceKind;
  start: number;
  end: number;
  encoding: string;
  delimiter: string;
  head: Cell[][];
  /** The rules sheet's 【列名】 lines, so this half recognises the head as the first did. */
  columns?: ColumnMapping[];
  /** Through the byte path (the main thread's choice). */
  scan?: boolean;
}

export type SplitReply =
  | { type: "progress"; bytes: number }
  | { type: "done"; columns: OrderColumns; problems: Problem[]; rowsRead: number; unusual: string | null; facts: PartFacts }
  | { type: "failed"; message: string };

/** File-level trouble the main thread would word differently for the whole file: it then reads the half itself. */
const UNUSUAL = new Set(["csv.runaway_row", "csv.row_too_long", "file.encoding.invalid_bytes", "file.binary", "import.empty"]);
const CHUNK = 4 << 20;

async function run(job: SplitJob): Promise<void> {
  const imp = createCsvImporter(job.kind, job.name, job.sheet, { encoding: job.encoding, delimiter: job.delimiter, head: job.head, columns: job.columns, scan: job.scan });
  const fd = await fs.open(job.file, "r");
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = job.start;
    while (pos < job.end) {
      const { bytesRead } = await fd.read(buf, 0, Math.min(CHUNK, job.end - pos), pos);
      if (bytesRead === 0) break;
      imp.write(new Uint8Array(buf.buffer, buf.byteOffset, bytesRead));
      pos += bytesRead;
      parentPort!.postMessage({ type: "progress", bytes: bytesRead } satisfies SplitReply);
    }
  } finally {
    await fd.close();
  }
  const r = imp.end();
  // A half of one record cannot tell whether that record was cut short: it has no record before
  // it to count fields against (one pass has). Such a half is read again by the main thread.
  const unusual = imp.stream.needsTextPath
    ? "needs-text-path"
    : (r.problems.find((p) => UNUSUAL.has(p.code))?.code ?? (imp.stream.rows < 2 ? "single-record" : null));
  const columns = packOrders(r.data.orders, { file: job.name, sheet: job.sheet });
  const reply: SplitReply = { type: "done", columns, problems: r.problems, rowsRead: r.rowsRead, unusual, facts: imp.importer.partFacts() };
  parentPort!.postMessage(reply, transferables(columns));
}

if (parentPort) {
  run(workerData as SplitJob).catch((e: unknown) => {
    parentPort!.postMessage({ type: "failed", message: String((e as Error)?.stack ?? e) } satisfies SplitReply);
  });
}
