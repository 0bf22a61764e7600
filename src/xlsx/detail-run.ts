/**
 * The worker thread that writes 订单明细's rows (./detail-worker.ts), seen from the main thread:
 * started with its job, fed chunks and the "end", and read back as compressed bytes.
 */
import { existsSync } from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import { DetailRowWriter, type DetailJob } from "./detail-sheet";
import type { DetailAsk, DetailReply } from "./detail-worker";
import { deflatingPart, type CompressedPart } from "./zip";

/** Resolved when used: the worker runs only from the compiled command line (lib/xlsx). */
export function detailScript(): string | null {
  const file = path.join(__dirname, "detail-worker.js");
  return existsSync(file) ? file : null;
}

const T0 = Date.now();
/** KEFU_DETAIL_DEBUG=1: the detail sheet's steps on stderr (tests check the worker ran). */
export function debug(what: string): void {
  if (process.env.KEFU_DETAIL_DEBUG) process.stderr.write(`${what} (${Date.now() - T0} ms)\n`);
}

/** The worker failed while its bytes were going into the file: the package is written again without it. */
export class DetailWorkerLost extends Error {
  constructor(cause: Error) {
    super(`detail worker: lost while sending its rows: ${cause.message}`);
  }
}

/** A detail worker at work: feed it chunks, then "end"; `take` gives its compressed rows. */
export interface DetailRun {
  post(m: DetailAsk, transfer?: ArrayBuffer[]): void;
  /**
   * Its compressed rows, when the part is ready for them; null when it failed before. From a
   * worker at once: the bytes stream from then on (those made so far, then each block as it is
   * made) and the CRC and sizes are set once the chunks have all been read; in-thread, once written.
   */
  take(): Promise<CompressedPart | null>;
  stop(): void;
}

/** Starts the worker thread for the job, or null when none can run here. */
export function startDetailWorker(script: string, job: DetailJob, onProgress?: (rows: number) => void): DetailRun | null {
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: job });
  } catch {
    return null;
  }
  let failed = false;
  /**
   * Settles once the worker has written rows (its first progress), finished, or failed: a worker
   * that fails on its first rows is then known before any byte of its goes into the file, and the
   * sheet is written in place from the spec instead of the workbook again.
   */
  let started!: () => void;
  const working = new Promise<void>((ok) => (started = ok));
  let sending: ((m: DetailReply | Error) => void) | null = null;
  /** Every byte delivered: the worker's exit (it is terminated then) is no failure. */
  let delivered = false;
  const fail = (e: Error) => {
    if (delivered) return;
    debug(`detail worker: ${e.stack}`);
    if (sending) sending(e);
    failed = true;
    started();
    void worker.terminate();
  };
  /** The part's sizes, set by "done" (which comes before "sent"). */
  const part: CompressedPart = { crc: 0, usize: 0, csize: 0, chunks: [] };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const queue: (DetailReply | Error)[] = [];
    let wake: (() => void) | null = null;
    sending = (m) => {
      queue.push(m);
      wake?.();
    };
    worker.postMessage({ type: "send" } satisfies DetailAsk);
    try {
      for (;;) {
        if (queue.length === 0) await new Promise<void>((ok) => (wake = ok));
        wake = null;
        const m = queue.shift()!;
        if (m instanceof Error) throw new DetailWorkerLost(m);
        if (m.type === "sent") {
          delivered = true;
          return;
        }
        if (m.type === "chunk") yield m.data;
        else if (m.type === "done") done(m);
        else if (m.type === "progress") onProgress?.(m.rows);
        else if (m.type === "failed") throw new DetailWorkerLost(new Error(m.message));
      }
    } finally {
      void worker.terminate();
    }
  }
  const done = (m: Extract<DetailReply, { type: "done" }>) => {
    debug(`detail worker: rows from ${job.from}, ${m.usize} bytes of XML`);
    part.crc = m.crc;
    part.usize = m.usize;
    part.csize = m.csize;
  };
  worker.on("message", (m: DetailReply) => {
    if (m.type === "progress" || m.type === "done") started();
    if (sending) sending(m);
    else if (m.type === "progress") onProgress?.(m.rows);
    else if (m.type === "done") done(m);
    else if (m.type === "failed") fail(new Error(m.message));
  });
  worker.on("error", fail);
  worker.on("exit", () => fail(new Error("detail worker: exited")));
  return {
    post: (m, transfer) => worker.postMessage(m, transfer),
    take: async () => {
      await working;
      if (failed) return null;
      part.chunks = chunks();
      return part;
    },
    stop: () => {
      failed = true;
      started();
      void worker.terminate();
    },
  };
}

/**
 * The worker's part played on this thread, in the same order of messages (WriteOptions.detail
 * "here": tests of the rows begun during the build, ./detail-early.ts).
 */
export function inThreadRun(job: DetailJob, onProgress?: (rows: number) => void): DetailRun {
  const chunks: Uint8Array[] = [];
  const part = deflatingPart(job.level, (b) => chunks.push(new Uint8Array(b)));
  const writer = new DetailRowWriter(job, part, onProgress);
  let resolve!: (v: CompressedPart | null) => void;
  const tail = new Promise<CompressedPart | null>((ok) => (resolve = ok));
  let queue = Promise.resolve();
  let stopped = false;
  return {
    post: (m) => {
      queue = queue
        .then(async () => {
          if (stopped) return;
          if (m.type === "rows") await writer.write(m.chunk);
          else if (m.type === "end") {
            await writer.finish(m.suffix);
            resolve({ chunks, ...part.sizes() });
          }
        })
        .catch((e: unknown) => {
          debug(`detail rows: ${(e as Error)?.stack ?? e}`);
          stopped = true;
          resolve(null);
        });
    },
    take: () => tail,
    stop: () => {
      stopped = true;
      resolve(null);
    },
  };
}
