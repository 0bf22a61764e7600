/**
 * The zip reader (./zip-read.ts) on bytes in memory, for the task pane: inflating by the
 * browser's DecompressionStream("deflate-raw") (native, streaming), CRC-32 in JavaScript.
 */
import { crc32Js } from "./crc32";
import { openZipSource, type ByteSource, type ZipPackage, type ZipPlatform } from "./zip-read";

/** Whether this host can inflate a zip part (Edge / Chrome 103+, Safari 16.4+, Node 20). */
export function canInflate(): boolean {
  try {
    new DecompressionStream("deflate-raw" as CompressionFormat);
    return true;
  } catch {
    return false;
  }
}

export const BROWSER_ZIP: ZipPlatform = {
  async *inflateRaw(compressed) {
    const ds = new DecompressionStream("deflate-raw" as CompressionFormat);
    const writer = ds.writable.getWriter();
    // Fed as the reader pulls: a write waits for room, so a bomb's output is never queued whole.
    const feeding = (async () => {
      try {
        for await (const b of compressed) await writer.write(b as Uint8Array<ArrayBuffer>);
        await writer.close();
      } catch (e) {
        await writer.abort(e).catch(() => undefined);
      }
    })();
    const reader = ds.readable.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        yield value;
      }
      await feeding;
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  },
  crc32: crc32Js,
};

/** Opens a package held in memory (a chosen file's bytes). */
export function openZipBytes(bytes: Uint8Array): Promise<ZipPackage> {
  const source: ByteSource = {
    size: bytes.length,
    read: async (position, length) => bytes.subarray(position, Math.min(bytes.length, position + length)),
    close: async () => undefined,
  };
  return openZipSource(source, BROWSER_ZIP);
}
