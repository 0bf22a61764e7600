/**
 * Worker thread: writes the last rows of 订单明细's part from its columns and deflates them as a
 * stream of their own (./detail-sheet.ts), while the main thread writes the workbook's other
 * parts and then the sheet's first rows. The compressed bytes go back as they come (each a
 * transferred copy), then their CRC and size; the main thread ends the part with them
 * (zip.ts endWith).
 */
import { parentPort, workerData } from "worker_threads";
import { writeDetailRows, type DetailJob } from "./detail-sheet";


import { deflatingPart } from "./zip";

export type DetailReply =
  | { type: "chunk"; data: Uint8Array }
  | { type: "progress"; rows: number }
  | { type: "done"; crc: number; usize: number; csize: number }
  | { type: "failed"; message: string };

async function run(job: DetailJob): Promise<void> {
  const port = parentPort!;
  const part = deflatingPart(job.level, (b) => {
    // zlib's output chunks are views of its own buffers: post an exact copy, transferred.
    const data = new Uint8Array(b.length);
    data.set(b);
    port.postMessage({ type: "chunk", data } satisfies DetailReply, [data.buffer]);
  });
  await writeDetailRows(job, part, (rows) => port.postMessage({ type: "progress", rows } satisfies DetailReply));
  port.postMessage({ type: "done", ...part.sizes() } satisfies DetailReply);
}

if (parentPort) {
  run(workerData as DetailJob).catch((e: unknown) => {
    parentPort!.postMessage({ type: "failed", message: String((e as Error)?.stack ?? e) } satisfies DetailReply);
  });
}
