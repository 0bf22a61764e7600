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
