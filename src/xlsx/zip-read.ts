/**
 * Reading a zip package by its central directory (the index at the end of the file), so parts
 * are opened by name in the order the reader needs, whatever order the writer put them in.
 *
 * Why not unzip front to back (ExcelJS's streaming reader, unzipper's Parse): Excel, ExcelJS and
 * this tool's own writer put the worksheets before xl/sharedStrings.xml (ExcelJS even before
 * xl/workbook.xml), so a front-to-back reader must park the sheets and come back to them, and
 * unzipper's Parse announces its end while parts are still queued, which loses them depending
 * on timing. Here each part is its own byte range of the file, inflated as a stream: a big
 * worksheet never sits in memory, and nothing depends on timing.
 *
 * Host-neutral: the bytes come from a `ByteSource` and inflating from a `ZipPlatform`, so the
 * same reader (and the same limits) serves the command line (./zip-node.ts: a file handle and
 * zlib) and the task pane (./zip-browser.ts: the file's bytes and DecompressionStream).
 *
 * Why this reader and not a library (fflate, @zip.js/zip.js): what it needs from zip is the
 * central directory and a byte range per part (~200 lines here); the inflating is the host's own
 * (zlib in Node, DecompressionStream in the browser, both native code), so a library would add a
 * dependency and a JavaScript inflater for no gain in what is read (README, "Reading xlsx").
 */
import { XLSX_LIMITS, refuse } from "./limits";

/** Random access to a package's bytes. */
export interface ByteSource {
  size: number;
  /** Up to `length` bytes at `position` (fewer only at the end). */
  read(position: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** What a host brings: raw-deflate inflating as a stream, and CRC-32. */
export interface ZipPlatform {
  inflateRaw(compressed: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array>;
  crc32(data: Uint8Array, value: number): number;
}

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

/**
 * Opens a package from its bytes and reads its central directory; throws on anything that is
 * not a readable zip, and XlsxRefused on a directory past the limits.
 */
export async function openZipSource(source: ByteSource, platform: ZipPlatform): Promise<ZipPackage> {
  try {
    const entries = await readDirectory(source);
    return packageOf(source, platform, entries);
  } catch (e) {
    await source.close();
    throw e;
  }
}

/** Little-endian reads over a byte array (Buffer's readUInt32LE without Node). */
class Bytes {
  private readonly view: DataView;
  constructor(readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  get length(): number {
    return this.data.length;
  }
  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  u64(at: number): number {
    const v = this.view.getBigUint64(at, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error("zip: size beyond 2^53");
    return Number(v);
  }
  text(from: number, to: number, utf8: boolean): string {
    const b = this.data.subarray(from, to);
    if (utf8) return new TextDecoder().decode(b);
    let out = "";
    for (let i = 0; i < b.length; i++) out += String.fromCharCode(b[i]);
    return out;
  }
}

async function readAt(source: ByteSource, position: number, length: number): Promise<Bytes> {
  const b = await source.read(position, length);
  if (b.length < length) throw new Error("zip: unexpected end of file");
  return new Bytes(b);
}

async function readDirectory(source: ByteSource): Promise<Map<string, ZipEntry>> {
  const size = source.size;
  const tailStart = Math.max(0, size - TAIL);
  const tail = await readAt(source, tailStart, size - tailStart);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.u32(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Error("zip: no end-of-central-directory record (not a zip file)");
  let count = tail.u16(at + 10);
  let dirSize = tail.u32(at + 12);
  let dirOffset = tail.u32(at + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locatorAt = tailStart + at - 20;
    const locator = locatorAt >= 0 ? await readAt(source, locatorAt, 20) : null;
    if (!locator || locator.u32(0) !== EOCD64_LOCATOR) throw new Error("zip: ZIP64 locator missing");
    const rec = await readAt(source, locator.u64(8), 56);
    if (rec.u32(0) !== EOCD64) throw new Error("zip: ZIP64 end record missing");
    count = rec.u64(32);
    dirSize = rec.u64(40);
    dirOffset = rec.u64(48);
  }
  if (dirOffset + dirSize > size) throw new Error("zip: central directory beyond the end of the file");
  if (count > XLSX_LIMITS.parts) throw refuse.directory({}, `${count} parts`);
  if (dirSize > XLSX_LIMITS.directoryBytes) throw refuse.directory({}, `${dirSize} bytes`);
  const dir = await readAt(source, dirOffset, dirSize);
  const entries = new Map<string, ZipEntry>();
  let declared = 0;
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.u32(p) !== CENTRAL) throw new Error("zip: damaged central directory");
    const flags = dir.u16(p + 8);
    const crc = dir.u32(p + 16);
    const method = dir.u16(p + 10);
    let compressedSize = dir.u32(p + 20);
    let uncompressed = dir.u32(p + 24);
    const nameLen = dir.u16(p + 28);
    const extraLen = dir.u16(p + 30);
    const commentLen = dir.u16(p + 32);
    let localOffset = dir.u32(p + 42);
    const name = dir.text(p + 46, p + 46 + nameLen, (flags & 0x0800) !== 0);
    // ZIP64 extra field: the 64-bit values, in this order, for those whose 32-bit field is full.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = dir.u16(e);
      const len = dir.u16(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressed === 0xffffffff) (uncompressed = dir.u64(q)), (q += 8);
        if (compressedSize === 0xffffffff) (compressedSize = dir.u64(q)), (q += 8);
        if (localOffset === 0xffffffff) localOffset = dir.u64(q);
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

function packageOf(source: ByteSource, platform: ZipPlatform, entries: Map<string, ZipEntry>): ZipPackage {
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
    const local = await readAt(source, e.localOffset, 30);
    if (local.u32(0) !== LOCAL) throw new Error(`zip: part "${name}" has no local header`);
    let pos = e.localOffset + 30 + local.u16(26) + local.u16(28);
    const end = pos + e.compressedSize;
    async function* compressed(): AsyncGenerator<Uint8Array> {
      while (pos < end) {
        const b = (await readAt(source, pos, Math.min(READ_CHUNK, end - pos))).data;
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
    const checked = (b: Uint8Array): Uint8Array => {
      size += b.length;
      inflatedTotal += b.length;
      if (size > e.size) throw refuse.sizeLied(at, e.size);
      crc = platform.crc32(b, crc);
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
    // Pulled through the inflater's own iterator, so the next read waits for the consumer; a
    // step is small enough that even a zip bomb's step (deflate expands 1,032 times at most)
    // stays within tens of MB.
    for await (const chunk of platform.inflateRaw(compressed())) yield checked(chunk);
    verify();
  }
  return {
    names: () => [...entries.keys()],
    find: (name) => byKey.get(keyOf(name)) ?? null,
    compressedSize: (name) => entries.get(name)?.compressedSize ?? 0,
    chunks,
    close: () => source.close(),
  };
}

function keyOf(name: string): string {
  return name.replace(/\\/g, "/").replace(/^\/+/, "").toLowerCase();
}
