/**
 * Reading a zip package by its central directory (the index at the end of the file), so parts
 * are opened by name in the order the reader needs, whatever order the writer put them in.
 *
 * Why not unzip front to back (ExcelJS's streaming reader, unzipper's Parse): Excel, ExcelJS and
 * this tool's own writer put the worksheets before xl/sharedStrings.xml (ExcelJS even before
 * xl/workbook.xml), so a front-to-back reader must park the sheets and come back to them, and
 * unzipper's Parse announces its end while parts are still queued, which loses them depending
 * on timing. Here each part is its own byte range of the file, inflated by zlib as a
 * stream: a big worksheet never sits in memory, and nothing depends on timing.
 */
import { promises as fsp } from "fs";
import { pipeline, Readable } from "stream";
import * as zlib from "zlib";
import { XLSX_LIMITS, refuse } from "./limits";
import { crc32 } from "./zip";

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** End-of-central-directory record (22 bytes) plus the longest comment (65,535). */
const TAIL = 22 + 0xffff;
/** Compressed bytes read from the file per step when streaming a part. */
const READ_CHUNK = 64 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  /** CRC-32 of the part's bytes, as the directory records it. */
  crc: number;
  localOffset: number;
}

export interface ZipPackage {
  /** The part names as written (a folder ends with "/"). */
  names(): string[];
  /** The part's name as stored, looked up without regard to case and leading "/" (some writers differ); null when absent. */
  find(name: string): string | null;
  /** Compressed size in bytes (the share of the file a part takes), 0 when absent. */
  compressedSize(name: string): number;
  /**
   * A part's bytes, inflated, as the consumer pulls them; `onRead` gets each step's compressed
   * byte count. Refused (XlsxRefused) when the part would inflate to more than `maxBytes`
   * (default XLSX_LIMITS.partBytes), to more than its directory records, or the parts read so
   * far to more than XLSX_LIMITS.totalBytes — before inflating when the directory says so,
   * else at the step that passes the limit.
   */
  chunks(name: string, onRead?: (bytes: number) => void, maxBytes?: number): AsyncGenerator<Uint8Array>;
  close(): Promise<void>;
}

/** Opens a zip file and reads its central directory; throws on anything that is not a readable zip. */
export async function openZip(file: string): Promise<ZipPackage> {
  const fh = await fsp.open(file, "r");
  try {
    const entries = await readDirectory(fh);
    return packageOf(fh, entries);
  } catch (e) {
    await fh.close();
    throw e;
  }
}

async function readAt(fh: fsp.FileHandle, position: number, length: number): Promise<Buffer> {
  const b = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(b, got, length - got, position + got);
    if (bytesRead === 0) throw new Error("zip: unexpected end of file");
    got += bytesRead;
  }
  return b;
}

function u64(b: Buffer, at: number): number {
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error("zip: size beyond 2^53");
  return Number(v);
}

async function readDirectory(fh: fsp.FileHandle): Promise<Map<string, ZipEntry>> {
  const { size } = await fh.stat();
  const tailStart = Math.max(0, size - TAIL);
  const tail = await readAt(fh, tailStart, size - tailStart);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Error("zip: no end-of-central-directory record (not a zip file)");
  let count = tail.readUInt16LE(at + 10);
  let dirSize = tail.readUInt32LE(at + 12);
  let dirOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locatorAt = tailStart + at - 20;
    const locator = locatorAt >= 0 ? await readAt(fh, locatorAt, 20) : null;
    if (!locator || locator.readUInt32LE(0) !== EOCD64_LOCATOR) throw new Error("zip: ZIP64 locator missing");
    const rec = await readAt(fh, u64(locator, 8), 56);
    if (rec.readUInt32LE(0) !== EOCD64) throw new Error("zip: ZIP64 end record missing");
    count = u64(rec, 32);
    dirSize = u64(rec, 40);
    dirOffset = u64(rec, 48);
  }
  if (dirOffset + dirSize > size) throw new Error("zip: central directory beyond the end of the file");
  if (count > XLSX_LIMITS.parts) throw refuse.directory({}, `${count} parts`);
  if (dirSize > XLSX_LIMITS.directoryBytes) throw refuse.directory({}, `${dirSize} bytes`);
  const dir = await readAt(fh, dirOffset, dirSize);
  const entries = new Map<string, ZipEntry>();
  let declared = 0;
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new Error("zip: damaged central directory");
    const flags = dir.readUInt16LE(p + 8);
    const crc = dir.readUInt32LE(p + 16);
    const method = dir.readUInt16LE(p + 10);
    let compressedSize = dir.readUInt32LE(p + 20);
    let uncompressed = dir.readUInt32LE(p + 24);
    const nameLen = dir.readUInt16LE(p + 28);
    const extraLen = dir.readUInt16LE(p + 30);
    const commentLen = dir.readUInt16LE(p + 32);
    let localOffset = dir.readUInt32LE(p + 42);
    const nameBytes = dir.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 0x0800 ? nameBytes.toString("utf8") : nameBytes.toString("latin1");
    // ZIP64 extra field: the 64-bit values, in this order, for those whose 32-bit field is full.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = dir.readUInt16LE(e);
      const len = dir.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressed === 0xffffffff) (uncompressed = u64(dir, q)), (q += 8);
        if (compressedSize === 0xffffffff) (compressedSize = u64(dir, q)), (q += 8);
        if (localOffset === 0xffffffff) localOffset = u64(dir, q);
      }
      e += 4 + len;
    }
    entries.set(name, { name, method, flags, compressedSize, size: uncompressed, crc, localOffset });
    declared += uncompressed;
    p = extraEnd + commentLen;
  }
  // Every part's inflated size is in the directory: a package that says it holds more than the
  // total limit is refused before anything is inflated.
  if (declared > XLSX_LIMITS.totalBytes) throw refuse.totalTooBig({}, XLSX_LIMITS.totalBytes);
  return entries;
}

function packageOf(fh: fsp.FileHandle, entries: Map<string, ZipEntry>): ZipPackage {
  const byKey = new Map<string, string>();
  for (const name of entries.keys()) byKey.set(keyOf(name), name);
  const entry = (name: string): ZipEntry => {
    const e = entries.get(name);
    if (!e) throw new Error(`zip: no part "${name}"`);
    if (e.flags & 0x0001) throw new Error(`zip: part "${name}" is encrypted`);
    if (e.method !== STORED && e.method !== DEFLATED) throw new Error(`zip: part "${name}" uses compression method ${e.method}`);
    return e;
  };
  let inflatedTotal = 0;
  async function* chunks(name: string, onRead?: (bytes: number) => void, maxBytes: number = XLSX_LIMITS.partBytes): AsyncGenerator<Uint8Array> {
    const e = entry(name);
    const at = { part: name };
    if (e.size > maxBytes) throw refuse.partTooBig(at, e.size, maxBytes);
    if (inflatedTotal + e.size > XLSX_LIMITS.totalBytes) throw refuse.totalTooBig(at, XLSX_LIMITS.totalBytes);
    const local = await readAt(fh, e.localOffset, 30);
    if (local.readUInt32LE(0) !== LOCAL) throw new Error(`zip: part "${name}" has no local header`);
    let pos = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const end = pos + e.compressedSize;
    async function* compressed(): AsyncGenerator<Buffer> {
      while (pos < end) {
        const b = await readAt(fh, pos, Math.min(READ_CHUNK, end - pos));
        pos += b.length;
        onRead?.(b.length);
        yield b;
      }
    }
    // A damaged download or a bad disk shows as a checksum that does not match: the part is
    // refused once read to its end, rather than imported with some cells silently wrong.
    let crc = 0;
    let size = 0;
    // The directory's size is the bound: a part that inflates past it (a bomb declaring a small
    // size) is refused at that step, not after gigabytes.
    const checked = (b: Buffer): Buffer => {
      size += b.length;
      inflatedTotal += b.length;
      if (size > e.size) throw refuse.sizeLied(at, e.size);
      crc = crc32(b, crc);
      return b;
    };
    const verify = () => {
      if (size !== e.size || crc !== e.crc) throw new Error(`zip: part "${name}" is damaged (its size or checksum does not match the zip's directory)`);
    };
    if (e.method === STORED) {
      for await (const b of compressed()) yield checked(b);
      verify();
      return;
    }
    // Pulled through a stream's own iterator, so the next read waits for the consumer; zlib
    // inflates a whole step at once, so a step is small enough that even a zip bomb's step
    // (deflate expands 1,032 times at most) stays within tens of MB.
    const inflated = pipeline(Readable.from(compressed()), zlib.createInflateRaw(), () => undefined);
    try {
      for await (const chunk of inflated) yield checked(chunk as Buffer);
    } finally {
      inflated.destroy();
    }
    verify();
  }
  return {
    names: () => [...entries.keys()],
    find: (name) => byKey.get(keyOf(name)) ?? null,
    compressedSize: (name) => entries.get(name)?.compressedSize ?? 0,
    chunks,
    close: () => fh.close(),
  };
}

function keyOf(name: string): string {
  return name.replace(/\\/g, "/").replace(/^\/+/, "").toLowerCase();
}
