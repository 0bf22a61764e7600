/**
 * The zip container of an xlsx package, written as a stream: small parts go in whole, a big
 * worksheet is piped in as it is generated, so the file never sits in memory.
 *
 * Why not a zip library (yazl, archiver): on a million-row sheet their per-chunk work lands on
 * the main thread that is also producing the XML — a JavaScript CRC-32 (1.5 s), 16 KB deflate
 * output buffers whose allocation churns the heap (~3 s) — and none lets us set zlib's chunk
 * size. Here deflate runs in libuv's thread pool (the second core) with 1 MB output chunks, and
 * the CRC is zlib's native one. The format written is plain PKZIP 2.0 (deflate, data
 * descriptors, UTF-8 names), what Excel, LibreOffice and every xlsx reader accept.
 */
import { createWriteStream } from "fs";
import { once } from "events";
import * as zlib from "zlib";
import { crc32Combine, crc32Js } from "./crc32";

/** Deflate level for parts: 6 is zlib's default; big sheets use 1 (see write.ts). */
export const SMALL_PART_LEVEL = 6;

export interface PartStream {
  /** Appends text; resolves after one turn of the event loop, or once the compressor catches up. */
  write(text: string): Promise<void>;
  /**
   * An empty buffer of at least 1 MB to fill and hand back through `writeBytes` (a pooled one:
   * fresh buffers for 500 MB of XML make V8 count external memory and run full collections).
   */
  buffer(): Promise<Buffer> | Buffer;
  /** Appends `b[0, length)` and takes `b` back when the compressor is done with it. */
  writeBytes(b: Buffer, length: number): Promise<void>;
  /** Gives back a buffer from `buffer()` that was not written. */
  release(b: Buffer): void;
  /** Ends the part; resolves once its last bytes are in the file. */
  end(): Promise<void>;
}

/** A part compressed elsewhere (a worker thread): its raw deflate bytes and what the zip records. */
export interface CompressedPart {
  /** The bytes, or where they come from (a worker thread sends them when asked). */
  chunks: readonly Uint8Array[] | AsyncIterable<Uint8Array>;
  /** Compressed size. */
  csize: number;
  crc: number;
  /** Uncompressed size. */
  usize: number;
}

/** A part streamed into the package. */
export interface PackagePart extends PartStream {
  /**
   * Ends the part with `tail`, the rest of its bytes deflated elsewhere as a stream of their own
   * (deflatingPart): what was written here is sync-flushed (byte-aligned, not final) and the
   * tail's blocks follow, so the entry is one valid deflate stream; CRCs combined.
   */
  endWith(tail: CompressedPart): Promise<void>;
}

export interface PackageWriter {
  addPart(name: string, text: string, level?: number): void;
  /** Opens a part to stream into; open one at a time and end it before the next. */
  openPart(name: string, level?: number): PackagePart;
  /** Finishes the zip; resolves once the file is written and closed. */
  close(): Promise<void>;
  /** Stops writing (after a failure); the caller removes the file. */
  abort(): Promise<void>;
}

const LIMIT = 0xffffffff;
const FLAG_UTF8 = 0x0800;
const FLAG_DESCRIPTOR = 0x0008;
const DEFLATE = 8;
const VERSION = 20;
const CHUNK = 1 << 20;
/** Input buffers reused across a streamed part: how many, and their size. */
const POOL = 8;
export const SLOT = 1 << 20;

/** Fixed buffers handed out and given back; `take` waits while all are in use. */
export class BufferPool {
  private readonly free: Buffer[];
  private readonly waiting: ((b: Buffer) => void)[] = [];
  private readonly mine: Set<Buffer>;
  constructor(count: number, size: number) {
    this.free = Array.from({ length: count }, () => Buffer.allocUnsafe(size));
    this.mine = new Set(this.free);
  }
  owns(b: Buffer): boolean {
    return this.mine.has(b);
  }
  take(): Promise<Buffer> | Buffer {
    const b = this.free.pop();
    return b ?? new Promise((ok) => this.waiting.push(ok));
  }
  give(b: Buffer): void {
    const next = this.waiting.shift();
    if (next) next(b);
    else this.free.push(b);
  }
}

/** zlib.crc32 (Node ≥ 20.15); the table-driven one for older Nodes. */
export const crc32: (data: Uint8Array, value: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === "function" ? (zlib as unknown as { crc32: (d: Uint8Array, v: number) => number }).crc32 : crc32Js;

interface Entry {
  name: Buffer;
  flags: number;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
}

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export function createPackage(file: string): PackageWriter {
  // Up to 8 MB queued before waiting for the disk: with the default 16 KB every megabyte the
  // deflate streams hand over waited for its own write.
  const out = createWriteStream(file, { highWaterMark: 8 << 20 });
  let failure: Error | null = null;
  out.on("error", (e) => (failure ??= e));
  const closed = once(out, "close");
  const entries: Entry[] = [];
  const stamp = dosDateTime(new Date());
  let offset = 0;
  let busy = false;
  let current: zlib.DeflateRaw | null = null;
  const pool = new BufferPool(POOL, SLOT);

  function put(b: Uint8Array): void {
    offset += b.length;
    out.write(b);
  }
  function check(e: Entry, what: string): void {
    if (e.csize > LIMIT || e.usize > LIMIT || offset > LIMIT) {
      throw new Error(`${what} 超过 4 GB，xlsx 无法容纳 / exceeds 4 GB, more than an xlsx package holds`);
    }
  }
  function localHeader(e: Entry): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(VERSION, 4);
    h.writeUInt16LE(e.flags, 6);
    h.writeUInt16LE(DEFLATE, 8);
    h.writeUInt16LE(stamp.time, 10);
    h.writeUInt16LE(stamp.date, 12);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.csize, 18);
    h.writeUInt32LE(e.usize, 22);
    h.writeUInt16LE(e.name.length, 26);
    return Buffer.concat([h, e.name]);
  }
  function start(name: string, flags: number): Entry {
    if (failure) throw failure;
    if (busy) throw new Error(`zip: part ${name} opened while another is being written`);
    return { name: Buffer.from(name, "utf8"), flags, crc: 0, csize: 0, usize: 0, offset };
  }

  return {
    addPart(name, text, level = SMALL_PART_LEVEL) {
      const e = start(name, FLAG_UTF8);
      const data = Buffer.from(text, "utf8");
      const packed = zlib.deflateRawSync(data, { level });
      e.crc = crc32(data, 0);
      e.usize = data.length;
      e.csize = packed.length;
      check(e, name);
      put(localHeader(e));
      put(packed);
      entries.push(e);
    },
    openPart(name, level = SMALL_PART_LEVEL) {
      const e = start(name, FLAG_UTF8 | FLAG_DESCRIPTOR);
      busy = true;
      put(localHeader(e));
      const z = deflateStream(level, pool, put, {
        failed: () => failure,
        onError: (err) => (failure ??= err),
        drain: async () => {
          if (out.writableNeedDrain) await once(out, "drain");
        },
      });
      const deflate = z.deflate;
      current = deflate;
      return {
        write: z.write,
        buffer: z.buffer,
        writeBytes: z.writeBytes,
        release: z.release,
        async endWith(tail) {
          await new Promise<void>((ok) => deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => ok()));
          // The flushed bytes reach "data" from zlib's callback: let them all through first.
          while (deflate.readableLength > 0 || deflate.writableLength > 0) await new Promise((ok) => setImmediate(ok));
          await new Promise((ok) => setImmediate(ok));
          if (failure) throw failure;
          deflate.removeAllListeners("data");
          deflate.on("error", () => undefined);
          deflate.destroy();
          const own = z.sizes();
          let csize = 0;
          for await (const c of tail.chunks) {
            csize += c.length;
            put(c);
            if (out.writableNeedDrain) await once(out, "drain");
          }
          if (csize !== tail.csize) throw new Error(`zip: ${name}: ${csize} of ${tail.csize} compressed bytes arrived`);
          finish({ crc: crc32Combine(own.crc, tail.crc, tail.usize), usize: own.usize + tail.usize, csize: own.csize + csize });
        },
        async end() {
          await z.end();
          finish(z.sizes());
        },
      };
      function finish(sizes: { crc: number; usize: number; csize: number }): void {
        {
          e.crc = sizes.crc;
          e.usize = sizes.usize;
          e.csize = sizes.csize;
          check(e, name);
          const d = Buffer.alloc(16);
          d.writeUInt32LE(0x08074b50, 0);
          d.writeUInt32LE(e.crc, 4);
          d.writeUInt32LE(e.csize, 8);
          d.writeUInt32LE(e.usize, 12);
          put(d);
          entries.push(e);
          busy = false;
          current = null;
        }
      }
    },
    async close() {
      const dirStart = offset;
      for (const e of entries) {
        const c = Buffer.alloc(46);
        c.writeUInt32LE(0x02014b50, 0);
        c.writeUInt16LE(VERSION, 4);
        c.writeUInt16LE(VERSION, 6);
        c.writeUInt16LE(e.flags, 8);
        c.writeUInt16LE(DEFLATE, 10);
        c.writeUInt16LE(stamp.time, 12);
        c.writeUInt16LE(stamp.date, 14);
        c.writeUInt32LE(e.crc, 16);
        c.writeUInt32LE(e.csize, 20);
        c.writeUInt32LE(e.usize, 24);
        c.writeUInt16LE(e.name.length, 28);
        c.writeUInt32LE(e.offset, 42);
        put(Buffer.concat([c, e.name]));
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(entries.length, 8);
      end.writeUInt16LE(entries.length, 10);
      end.writeUInt32LE(offset - dirStart, 12);
      end.writeUInt32LE(dirStart, 16);
      put(end);
      if (offset > LIMIT) failure ??= new Error("xlsx 文件超过 4 GB / the xlsx file exceeds 4 GB");
      out.end();
      await closed;
      if (failure) throw failure;
    },
    async abort() {
      current?.destroy();
      out.destroy();
      await closed;
    },
  };
}

/**
 * A part deflated as it is written, outside any package: its compressed bytes go to `emit` as
 * zlib produces them (a worker thread keeps them for the main thread, which ends its part with
 * them: endWith). Same buffers, chunk size and pacing as a package's streamed part.
 */
export function deflatingPart(level: number, emit: (b: Buffer) => void): PartStream & { sizes(): { crc: number; usize: number; csize: number } } {
  let failure: Error | null = null;
  const { deflate: _deflate, ...part } = deflateStream(level, new BufferPool(POOL, SLOT), emit, { failed: () => failure, onError: (err) => (failure ??= err) });
  return part;
}

/**
 * One deflate stream fed from pooled buffers — a package's streamed part and a worker's part are
 * this, with their own place for the bytes (`emit`), their own way to wait for it (`drain`) and
 * their own failure (`failed`: any error so far, the stream's own reported through `onError`).
 */
function deflateStream(
  level: number,
  pool: BufferPool,
  emit: (b: Buffer) => void,
  how: { failed: () => Error | null; onError: (err: Error) => void; drain?: () => Promise<void> },
): PartStream & { deflate: zlib.DeflateRaw; sizes(): { crc: number; usize: number; csize: number } } {
  // Room for all pooled buffers, so the producer runs ahead while the pool compresses.
  const options: zlib.ZlibOptions & { writableHighWaterMark: number } = { level, chunkSize: CHUNK, writableHighWaterMark: POOL * SLOT };
  const deflate = zlib.createDeflateRaw(options);
  let crc = 0;
  let usize = 0;
  let csize = 0;
  deflate.on("data", (b: Buffer) => {
    csize += b.length;
    emit(b);
  });
  deflate.on("error", how.onError);
  const ended = once(deflate, "end");
  const fail = () => {
    const e = how.failed();
    if (e) throw e;
  };
  /** Appends `b[0, length)`; a pooled `b` goes back to the pool once compressed. */
  async function append(b: Buffer, length: number): Promise<void> {
    fail();
    const data = b.subarray(0, length);
    crc = crc32(data, crc);
    usize += data.length;
    deflate.write(data, pool.owns(b) ? () => pool.give(b) : undefined);
    // Always give the event loop a turn: zlib hands the next chunk to the thread pool only
    // from a callback on this thread, so a producer that never yields gets no overlap.
    await new Promise((ok) => setImmediate(ok));
    if (how.drain) await how.drain();
    fail();
  }
  return {
    deflate,
    async write(text) {
      if (text.length * 3 <= SLOT) {
        const slot = await pool.take();
        await append(slot, slot.write(text, 0, "utf8"));
      } else {
        const b = Buffer.from(text, "utf8");
        await append(b, b.length);
      }
    },
    buffer: () => pool.take(),
    writeBytes: (b, length) => append(b, length),
    release: (b) => {
      if (pool.owns(b)) pool.give(b);
    },
    async end() {
      deflate.end();
      await ended;
      fail();
    },
    sizes: () => ({ crc, usize, csize }),
  };
}
