/**
 * Reading a CSV file for the command line: 4 MB reads through the core's streaming importer.
 *
 * A big orders CSV (a month of a million orders is ~500 MB) is read in two halves at once, the
 * second in a worker thread (./csv-worker.ts): parsing is what the build spends most of its time
 * on, and this machine class has two cores. The halves meet at a line break near the middle.
 * Whether that break really ends a record (and is not inside a quoted, multi-line note) is only
 * known once the first half is parsed: if it does not, or the worker fails or meets anything
 * unusual, the main thread reads the second half itself — the result is the one a single pass
 * gives, only slower. The merged result is exactly that of one pass: the worker's rows are
 * renumbered, and the problems pass through one log with the same cap.
 */
import { existsSync, promises as fs } from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import { createCsvImporter, CSV_STREAM_CODES, partsReadApart, sheetNameOf } from "../core";
import type { ColumnMapping, ImportResult, SourceKind } from "../core";
import { ProblemLog, type Problem } from "../core";
import type { SplitJob, SplitReply } from "./csv-worker";
import { unpackOrders } from "./order-columns";

const CHUNK = 4 << 20;
/** Files from this size on are read in two halves; KEFU_CSV_SPLIT_FROM (bytes) overrides it. */
const SPLIT_FROM = 64 << 20;
/** How the importer's per-sheet problem log caps each code (src/core/import/context.ts). */
const PER_CODE = 1000;

export interface CsvReadOptions {
  /** Called after each chunk (bytes done, file size). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Told how a split read went: the worker's half was used, or read again here — the halves did
   * not meet at a record's end ("not-aligned"), the worker failed or met something it cannot
   * judge alone ("worker-failed"), or a half holds rows whose reading the other half's rows
   * decide in one pass ("sheet-wide": `05/10/2026` dates, ERP numbers waiting for their platform
   * id, ids Excel may have padded; see core's `partsReadApart`).
   */
  onSplit?: (at: number, outcome: "worker" | "not-aligned" | "worker-failed" | "sheet-wide") => void;
  /** The rules sheet's 【列名】 lines (recognition tries them before the built-in aliases). */
  columns?: ColumnMapping[];
}

/** Resolved when used: the pane's bundle includes this module (via read.ts) without Node's path. */
function workerScript(): string {
  return path.join(__dirname, "csv-worker.js");
}

function splitFrom(): number {
  const v = Number(process.env.KEFU_CSV_SPLIT_FROM);
  return Number.isFinite(v) && v >= 0 ? v : SPLIT_FROM;
}

/**
 * The main thread's share of the file. The worker's half costs more than its parse: starting the
 * thread, and packing its orders into columns (~0.7 s for half a million orders), so the main
 * thread takes a little more and both finish together (measured on the 1M-order workload).
 */
const MAIN_SHARE = 0.55;

/** The byte after the first line break at or after the main thread's share, or null. */
async function middleBreak(fd: fs.FileHandle, size: number, after: number): Promise<number | null> {
  const from = Math.max(after, Math.floor(size * MAIN_SHARE));
  const buf = Buffer.allocUnsafe(Math.min(1 << 20, size - from));
  const { bytesRead } = await fd.read(buf, 0, buf.length, from);
  const lf = buf.subarray(0, bytesRead).indexOf(10);
  return lf < 0 || from + lf + 1 >= size ? null : from + lf + 1;
}

interface Half {
  done: Promise<Extract<SplitReply, { type: "done" }> | null>;
  stop(): void;
}

function startHalf(job: SplitJob, onBytes: (n: number) => void): Half {
  const worker = new Worker(workerScript(), { workerData: job });
  let settled = false;
  const done = new Promise<Extract<SplitReply, { type: "done" }> | null>((resolve) => {
    const finish = (v: Extract<SplitReply, { type: "done" }> | null) => {
      if (settled) return;
      settled = true;
      resolve(v);
      void worker.terminate();
    };
    worker.on("message", (m: SplitReply) => {
      if (m.type === "progress") onBytes(m.bytes);
      else finish(m.type === "done" && m.unusual === null ? m : null);
    });
    worker.on("error", () => finish(null));
    worker.on("exit", () => finish(null));
  });
  return {
    done,
    stop() {
      settled = true;
      void worker.terminate();
    },
  };
}

/** Problems of the whole file: one log, the worker's file-level lines first as one pass has them. */
function mergedProblems(first: readonly Problem[], second: readonly Problem[]): Problem[] {
  const log = new ProblemLog(PER_CODE);
  log.absorb(second.filter((p) => CSV_STREAM_CODES.has(p.code)));
  log.absorb(first);
  log.absorb(second.filter((p) => !CSV_STREAM_CODES.has(p.code)));
  return log.list();
}

/** The byte path (core's csv-scan.ts) unless KEFU_CSV_SCAN=0 asks for the text path (to compare them). */
function scanWanted(): boolean {
  return process.env.KEFU_CSV_SCAN !== "0";
}

/**
 * A CSV file → its ImportResult (see the module comment). UTF-8 and GB18030 go through the byte
 * path; a file it cannot judge alone (a record past 16 MB) is read again through the text path.
 */
export async function readCsvFile(file: string, kind: SourceKind | null, opts: CsvReadOptions = {}): Promise<ImportResult> {
  if (scanWanted()) {
    const r = await readCsvFileWith(file, kind, opts, true);
    if (r !== null) return r;
  }
  return (await readCsvFileWith(file, kind, opts, false))!;
}

/** One read; null when the byte path said the file needs the text path. */
async function readCsvFileWith(file: string, kind: SourceKind | null, opts: CsvReadOptions, scan: boolean): Promise<ImportResult | null> {
  const name = path.basename(file);
  const sheet = sheetNameOf(name);
  const imp = createCsvImporter(kind, name, sheet, { columns: opts.columns, scan });
  const fd = await fs.open(file, "r");
  let half: Half | null = null;
  try {
    const size = (await fd.stat()).size;
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = 0;
    let elsewhere = 0;
    const progress = () => opts.onProgress?.(pos + elsewhere, size);
    const readUpTo = async (end: number) => {
      while (pos < end) {
        const { bytesRead } = await fd.read(buf, 0, Math.min(CHUNK, end - pos), pos);
        if (bytesRead === 0) break;
        imp.write(new Uint8Array(buf.buffer, buf.byteOffset, bytesRead));
        pos += bytesRead;
        progress();
        if (imp.stream.needsTextPath) break;
      }
    };

    // Enough to recognise the headers, and (for a small file split in a test) well before the middle.
    await readUpTo(Math.min(size, CHUNK, Math.max(64 << 10, Math.floor(size / 4))));
    let split: number | null = null;
    const rec = imp.importer.recognition;
    const { encoding, delimiter } = imp.stream;
    const head = imp.importer.head;
    if (size >= splitFrom() && existsSync(workerScript()) && rec?.kind === "orders" && head && delimiter && (encoding === "utf-8" || encoding === "gb18030")) {
      // In UTF-8 and GB18030 a line-feed byte is never part of another character.
      split = await middleBreak(fd, size, pos);
      if (split !== null) {
        const job: SplitJob = { file, name, sheet, kind: "orders", start: split, end: size, encoding, delimiter, head, columns: opts.columns, scan };
        half = startHalf(job, (n) => {
          elsewhere += n;
          progress();
        });
      }
    }
    await readUpTo(split ?? size);
    if (imp.stream.needsTextPath) return null;
    if (half && split !== null) {
      const aligned = imp.stream.atRecordStart();
      const done = aligned ? await half.done : null;
      if (!aligned) half.stop();
      half = null;
      const apart = done === null || partsReadApart(imp.importer.partFacts(), done.facts);
      const reply = apart ? done : null;
      opts.onSplit?.(split, reply ? "worker" : !apart ? "sheet-wide" : aligned ? "worker-failed" : "not-aligned");
      if (reply && head) {
        const rows = imp.stream.rows;
        const first = imp.end();
        // The worker numbered its rows as if they followed the head; here they follow `rows`.
        const offset = rows - head.length;
        const orders = unpackOrders(reply.columns, offset);
        // Not the worker's view of the head rows; but its file-level lines, and the counts of
        // what its capped log left unlisted ("….more"), which the merged log adds up.
        const second = reply.problems
          .filter((p) => (p.row !== null && p.row > head.length) || CSV_STREAM_CODES.has(p.code) || (p.row === null && p.code.endsWith(".more")))
          .map((p) => (p.row === null ? p : { ...p, row: p.row + offset }));
        const { encoding: _e, ...result } = first;
        return {
          ...result,
          data: { ...result.data, orders: result.data.orders.concat(orders) },
          problems: mergedProblems(result.problems, second),
          rowsRead: result.rowsRead + reply.rowsRead,
        };
      }
      // The halves did not meet at a record's end, or the worker failed: read on from here.
      elsewhere = 0;
      await readUpTo(size);
    }
    const { encoding: _e, ...result } = imp.end();
    return imp.stream.needsTextPath ? null : result;
  } finally {
    half?.stop();
    await fd.close();
  }
}
