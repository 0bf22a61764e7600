/**
 * Worker thread: writes 订单明细's rows from their columns and deflates them as a stream of their
 * own (./detail-sheet.ts), while the main thread gathers the next chunk of columns and then
 * writes the workbook's other parts and the JSON. It reports the bytes' CRC and sizes when the
 * last chunk is written, and sends the compressed bytes (transferred) from when the main thread
 * asks — those made so far, then each block as it fills — which ends the part with them (zip.ts
 * endWith).
 */
import { parentPort, workerData } from "worker_threads";
import { DetailRowWriter, type DetailChunk, type DetailJob } from "./detail-sheet";
import { deflatingPart } from "./zip";

export type DetailReply =
  | { type: "chunk"; data: Uint8Array }
  | { type: "progress"; rows: number }
  | { type: "done"; crc: number; usize: number; csize: number }
  | { type: "sent" }
  | { type: "failed"; message: string };

/**
 * From the main thread: the rows' chunks in order, then "end" with the frame's bytes after them
 * (known only once the sheet spec is: the chunks may come before it, src/xlsx/detail-early.ts);
 * "send" (taken at once, whatever is queued) asks for the compressed bytes.
 */
export type DetailAsk = { type: "rows"; chunk: DetailChunk } | { type: "end"; suffix: Uint8Array } | { type: "send" };

const BLOCK = 8 << 20;

function run(job: DetailJob): void {
  const port = parentPort!;
  // Kept here until asked for: in this thread's small heap they cost nothing, while 50 MB of
  // buffers arriving early in the main thread's (a million orders) start a full collection there.
  // zlib's output chunks (~100 KB, views of its own buffers) copied into blocks of 8 MB: the
  // main thread then takes a dozen messages and writes, not eight hundred.
  const chunks: Uint8Array[] = [];
  let block = new Uint8Array(BLOCK);
  let used = 0;
  // Once asked ("send"), each block goes as soon as it is full: the main thread writes the bytes
  // into the file while the last rows are still being written here.
  let sending = false;
  let finished = false;
  const post = (c: Uint8Array) => port.postMessage({ type: "chunk", data: c } satisfies DetailReply, [c.buffer as ArrayBuffer]);
  const keep = (b: Uint8Array): void => {
    let from = 0;
    while (from < b.length) {
      const n = Math.min(b.length - from, BLOCK - used);
      block.set(b.subarray(from, from + n), used);
      used += n;
      from += n;
      if (used === BLOCK) {
        if (sending) post(block);
        else chunks.push(block);
        block = new Uint8Array(BLOCK);
        used = 0;
      }
    }
  };
  /** The bytes kept and the last block's, then "sent" (once the rows are all written). */
  const sendRest = (): void => {
    for (let c = chunks.shift(); c; c = chunks.shift()) post(c);
    if (!finished) return;
    if (used > 0) post(block.subarray(0, used));
    used = 0;
    port.postMessage({ type: "sent" } satisfies DetailReply);
  };
  const part = deflatingPart(job.level, keep);
  const writer = new DetailRowWriter(job, part, (rows) => port.postMessage({ type: "progress", rows } satisfies DetailReply));
  // One message at a time, in the order sent: a chunk's write awaits the deflate stream.
  let queue = Promise.resolve();
  let failed = false;
  const step = async (m: DetailAsk): Promise<void> => {
    if (failed) return;
    // Tests make the worker fail at a given step (the main thread must then still write the sheet).
    if (process.env.KEFU_DETAIL_FAULT === m.type) throw new Error(`KEFU_DETAIL_FAULT=${m.type}`);
    if (m.type === "rows") await writer.write(m.chunk);
    else if (m.type === "end") {
      await writer.finish(m.suffix);
      finished = true;
      port.postMessage({ type: "done", ...part.sizes() } satisfies DetailReply);
      if (sending) sendRest();
    }
  };
  port.on("message", (m: DetailAsk) => {
    // "send" at once, not behind the rows still queued: the bytes made so far can go meanwhile.
    if (m.type === "send") {
      if (!failed) {
        try {
          if (process.env.KEFU_DETAIL_FAULT === "send") throw new Error("KEFU_DETAIL_FAULT=send");
          sending = true;
          sendRest();
        } catch (e) {
          failed = true;
          port.postMessage({ type: "failed", message: String((e as Error)?.stack ?? e) } satisfies DetailReply);
          port.close();
        }
      }
      return;
    }
    queue = queue.then(() => step(m)).catch((e: unknown) => {
      failed = true;
      port.postMessage({ type: "failed", message: String((e as Error)?.stack ?? e) } satisfies DetailReply);
      port.close();
    });
  });
}

if (parentPort) {
  try {
    run(workerData as DetailJob);
  } catch (e) {
    parentPort.postMessage({ type: "failed", message: String((e as Error)?.stack ?? e) } satisfies DetailReply);
  }
}
