/**
 * Worker thread: writes the last rows of 订单明细's part from its columns and deflates them as a
 * stream of their own (./detail-sheet.ts), while the main thread writes the workbook's other
 * parts and then the sheet's first rows. It reports the bytes' CRC and sizes when done, and sends
 * the compressed bytes (transferred) when the main thread asks: it then ends the part with them
 * (zip.ts endWith).
 */
import { parentPort, workerData } from "worker_threads";
import { writeDetailRows, type DetailJob } from "./detail-sheet";
import { deflatingPart } from "./zip";

export type DetailReply =
  | { type: "chunk"; data: Uint8Array }
  | { type: "progress"; rows: number }
  | { type: "done"; crc: number; usize: number; csize: number }
  | { type: "sent" }
  | { type: "failed"; message: string };

/** The main thread asks for the compressed bytes once it is ready to put them in the file. */
export type DetailAsk = { type: "send" };

async function run(job: DetailJob): Promise<void> {
  const port = parentPort!;
  // Kept here until asked for: in this thread's small heap they cost nothing, while 50 MB of
  // buffers arriving early in the main thread's (a million orders) start a full collection there.
  const chunks: Uint8Array[] = [];
  const part = deflatingPart(job.level, (b) => {
    // zlib's output chunks are views of its own buffers: keep an exact copy.
    const data = new Uint8Array(b.length);
    data.set(b);
    chunks.push(data);
  });
  await writeDetailRows(job, part, (rows) => port.postMessage({ type: "progress", rows } satisfies DetailReply));
  port.on("message", (m: DetailAsk) => {
    if (m.type !== "send") return;
    for (let c = chunks.shift(); c; c = chunks.shift()) port.postMessage({ type: "chunk", data: c } satisfies DetailReply, [c.buffer as ArrayBuffer]);
    port.postMessage({ type: "sent" } satisfies DetailReply);
  });
  port.postMessage({ type: "done", ...part.sizes() } satisfies DetailReply);
}

if (parentPort) {
  run(workerData as DetailJob).catch((e: unknown) => {
    parentPort!.postMessage({ type: "failed", message: String((e as Error)?.stack ?? e) } satisfies DetailReply);
  });
}
