/**
 * The heap the launcher (bin/kefu-board.js) gives a big build. V8's default old-space limit here is
 * ~4 GB: a month of five million orders (a 2.4 GB export) lives near it and collects over and over
 * (159.8 s against 81.8 s with room, docs/scale.md); ten million do not fit at all. The heap grows
 * with the export (~2 bytes per byte of CSV, measured at 1M, 5M, 10M), so the limit is sized from
 * the inputs' bytes, never above 85 % of the machine's memory, and only when that is above the
 * default — a month of a million orders (511 MB) runs exactly as before.
 */
const MB = 2 ** 20;
/** Heap bytes to allow per byte of input. */
const PER_INPUT_BYTE = 2.5;
const SHARE_OF_MEMORY = 0.85;

export interface HeapInputs {
  /** The command's arguments (paths among them). */
  args: readonly string[];
  /** node's own flags for this process, and NODE_OPTIONS: a limit the user set is kept. */
  execArgv: readonly string[];
  nodeOptions: string;
  totalMemoryBytes: number;
  /** V8's limit without a flag (v8.getHeapStatistics().heap_size_limit). */
  defaultLimitBytes: number;
  /** A path's size when it is a file, else null. */
  sizeOf: (arg: string) => number | null;
}

/** `--max-old-space-size=N` for a build whose inputs need more than the default, else null. */
export function heapFlag(x: HeapInputs): string | null {
  const set = (s: string) => s.includes("--max-old-space-size");
  if (x.execArgv.some(set) || set(x.nodeOptions)) return null;
  let bytes = 0;
  for (const a of x.args) bytes += x.sizeOf(a) ?? 0;
  const want = Math.min(bytes * PER_INPUT_BYTE, x.totalMemoryBytes * SHARE_OF_MEMORY);
  return want > x.defaultLimitBytes ? `--max-old-space-size=${Math.floor(want / MB)}` : null;
}

/**
 * glibc's malloc keeps what the process freed when it moved its threshold for mapping a block on
 * its own: after the first big buffer is freed, every allocation up to that size (32 MB at most)
 * comes from its arenas, and their freed pages stay in the process — the import's read buffers,
 * a worker thread's typed arrays, zlib's windows. A fixed threshold (its initial 128 KB) gives
 * each such block back when freed: the 1M-order build peaked ~100 MB lower (1,240–1,270 MB
 * against 1,330–1,370, alternating runs, 2026-12-07). glibc reads it only at start, so the
 * launcher sets it for the process it starts; a value the user set is kept; other C libraries
 * ignore it.
 */
export const MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: String(128 * 1024) } as const;

/** The environment for the build's process: `env` with MALLOC_ENV's settings where `env` has none. */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const [k, v] of Object.entries(MALLOC_ENV)) if (out[k] === undefined) out[k] = v;
  return out;
}

/** What `collectOrders` needs of V8 and of the process. */
export interface Collector {
  /** `globalThis.gc`, present when the process runs with `--expose-gc` (the launcher's child does). */
  gc: (() => void) | undefined;
  setFlags: (flags: string) => void;
  /** The process's resident bytes now (process.memoryUsage.rss). */
  rss: () => number;
  /** Blocks this thread for `ms` (the build is synchronous here: Atomics.wait). */
  pause: (ms: number) => void;
}

/** Below this the build is small: V8 collects as it goes, nothing to do. */
export const COMPACT_ABOVE_BYTES = 512 * MB;
/** How often, and how long at most, to watch the freed pages go back before compacting. */
export const SETTLE_POLL_MS = 20;
export const SETTLE_MAX_MS = 500;
/** A fall of the resident size smaller than this is the pages having gone back. */
const SETTLED_WITHIN = 4 * MB;

/**
 * Half-way through a lean build, once the engine has read the orders for the last time and let
 * them go (BuildOptions.afterOrders): a million orders' objects (~350 MB) are garbage, and the
 * report's columns live on among them. A plain collection frees them, but leaves the report's
 * strings (order ids, buyers) scattered over the import's pages, which stay; a second, compacting
 * collection moves them into fresh pages and lets the old ones go. The rest of the build and the
 * write then grow the heap from the report's size (heap 640 → 230 MB at 1M orders).
 *
 * The compaction waits for the first collection's pages to leave the process: V8 unmaps them on a
 * helper thread, and compacting before that takes the new pages while the old are still resident
 * (at 1M orders, one run each: the summit 41 MB above the scan's end without the wait, 19 MB with
 * it; one compacting collection alone, 949 against 924 MB). V8 takes compaction as a flag only, so
 * it is set for the one collection and unset after.
 */
export function collectOrders(c: Collector): void {
  if (!c.gc) return;
  if (c.rss() < COMPACT_ABOVE_BYTES) return;
  c.gc();
  let last = c.rss();
  let fell = false;
  let still = 0;
  for (let waited = 0; waited < SETTLE_MAX_MS; waited += SETTLE_POLL_MS) {
    c.pause(SETTLE_POLL_MS);
    const now = c.rss();
    if (last - now > SETTLED_WITHIN) {
      fell = true;
      still = 0;
    } else if (fell && ++still >= 2) break;
    last = now;
  }
  c.setFlags("--compact-on-every-full-gc");
  try {
    c.gc();
  } finally {
    c.setFlags("--no-compact-on-every-full-gc");
  }
}

/** Collector.pause for this thread. */
export function pauseThread(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
