/**
 * The zip reader (./zip-read.ts) on a file, in Node: random reads through a file handle,
 * inflating by zlib, CRC-32 by zlib where it has it.
 */
import { promises as fsp } from "fs";
import { pipeline, Readable } from "stream";
import * as zlib from "zlib";
import { crc32 } from "./zip";
import { openZipSource, type ByteSource, type ZipPackage, type ZipPlatform } from "./zip-read";

export const NODE_ZIP: ZipPlatform = {
  async *inflateRaw(compressed) {
    // Pulled through the stream's own iterator, so the next read waits for the consumer; an
    // error on either side (a bad read, a corrupt stream) ends both.
    const inflate = pipeline(Readable.from(compressed), zlib.createInflateRaw(), () => undefined);
    try {
      for await (const chunk of inflate) yield chunk as Buffer;
    } finally {
      inflate.destroy();
    }
  },
  crc32,
};

/** Opens a zip file and reads its central directory; throws on anything that is not a readable zip. */
export async function openZip(file: string): Promise<ZipPackage> {
  const fh = await fsp.open(file, "r");
  let size: number;
  try {
    size = (await fh.stat()).size;
  } catch (e) {
    await fh.close();
    throw e;
  }
  const source: ByteSource = {
    size,
    async read(position, length) {
      const b = Buffer.alloc(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await fh.read(b, got, length - got, position + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === length ? b : b.subarray(0, got);
    },
    close: () => fh.close(),
  };
  return openZipSource(source, NODE_ZIP);
}
