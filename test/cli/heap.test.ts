/**
 * The launcher's heap for big builds (src/cli/heap.ts): V8's default limit for a month of a
 * million orders, room for several million, never past 85 % of the machine, never over a limit
 * the user set. The launcher passing the flag to its second node is tested on the compiled
 * command, in bin.test.ts.
 */
import * as path from "path";
import { COMPACT_ABOVE_BYTES, SETTLE_MAX_MS, SETTLE_POLL_MS, childEnv, collectOrders, heapFlag, pauseThread, type HeapInputs } from "../../src/cli/heap";

const MB = 2 ** 20;
const GB = 2 ** 30;
const files: Record<string, number> = { "orders-1m.csv": 511 * MB, "orders-5m.csv": 2434 * MB, "orders-10m.csv": 4869 * MB, "roster.xlsx": 20_000 };
const base: HeapInputs = {
  args: [],
  execArgv: [],
  nodeOptions: "",
  totalMemoryBytes: 23.5 * GB,
  defaultLimitBytes: 4288 * MB,
  sizeOf: (p) => files[path.basename(p)] ?? null,
};
const build = (orders: string) => ["build", "--orders", `/data/${orders}`, "--roster", "/data/roster.xlsx", "--out", "/out/board.xlsx"];

test.each([
  ["a month of a million orders: the default heap", { args: build("orders-1m.csv") }, null],
  ["five million: 2.5 × the inputs", { args: build("orders-5m.csv") }, `--max-old-space-size=${Math.floor((2434 * MB + 20_000) * 2.5 / MB)}`],
  ["ten million: 2.5 × the inputs", { args: build("orders-10m.csv") }, `--max-old-space-size=${Math.floor((4869 * MB + 20_000) * 2.5 / MB)}`],
  ["ten million on an 8 GB machine: 85 % of its memory", { args: build("orders-10m.csv"), totalMemoryBytes: 8 * GB }, `--max-old-space-size=${Math.floor(8 * 1024 * 0.85)}`],
  ["five million on a 4 GB machine: no more than the default", { args: build("orders-5m.csv"), totalMemoryBytes: 4 * GB }, null],
  ["a limit given to node is kept", { args: build("orders-10m.csv"), execArgv: ["--max-old-space-size=6000"] }, null],
  ["a limit in NODE_OPTIONS is kept", { args: build("orders-10m.csv"), nodeOptions: "--max-old-space-size=6000" }, null],
  ["no files (help, version)", { args: ["--help"] }, null],
] as [string, Partial<HeapInputs>, string | null][])("%s", (_name, change, want) => {
  expect(heapFlag({ ...base, ...change })).toBe(want);
});

test("the launcher reads the sizes of the files it is given (a sparse 2 GB export gets a bigger heap)", () => {
  const fs = require("fs") as typeof import("fs");
  const os = require("os") as typeof import("os");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-heap-"));
  try {
    const big = path.join(dir, "orders.csv");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, 2 * GB); // sparse: no disk used
    const flag = heapFlag({ ...base, args: ["build", "--orders", big], sizeOf: (p) => (fs.existsSync(p) && fs.statSync(p).isFile() ? fs.statSync(p).size : null) });
    expect(flag).toBe(`--max-old-space-size=${Math.floor(2 * 1024 * 2.5)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.each([
  ["none set: glibc's threshold fixed at 128 KB", {}, "131072"],
  ["the user's own value is kept", { MALLOC_MMAP_THRESHOLD_: "1048576" }, "1048576"],
  ["an empty value is the user's too", { MALLOC_MMAP_THRESHOLD_: "" }, ""],
] as [string, NodeJS.ProcessEnv, string][])("the build's environment: %s", (_name, env, want) => {
  const given = { PATH: "/usr/bin", ...env };
  const out = childEnv(given);
  expect(out.MALLOC_MMAP_THRESHOLD_).toBe(want);
  expect(out.PATH).toBe("/usr/bin");
  expect(given).toEqual({ PATH: "/usr/bin", ...env }); // the launcher's own environment is left as it was
});

describe("collectOrders: the collection once a lean build has let the orders go", () => {
  /** A process whose resident size follows `series` (MB), one value per reading; the last repeats. */
  const run = (gc: boolean, series: number[], failSecond = false) => {
    const calls: string[] = [];
    let read = 0;
    let paused = 0;
    let gcs = 0;
    const go = () =>
      collectOrders({
        gc: gc
          ? () => {
              calls.push("gc");
              if (failSecond && ++gcs === 2) throw new Error("collector failed");
            }
          : undefined,
        setFlags: (f) => calls.push(f),
        rss: () => series[Math.min(read++, series.length - 1)] * MB,
        pause: (ms) => void (paused += ms),
      });
    return { go, calls, paused: () => paused };
  };
  const BOTH = ["gc", "--compact-on-every-full-gc", "gc", "--no-compact-on-every-full-gc"];

  test.each([
    // before, after the collection, then the helper thread unmaps: 1,200 → 1,180 → 1,060 → 910, then still
    ["a big build: a plain collection, a wait until the freed pages have left (two still readings), then one compacting collection", true, [1200, 1200, 1200, 1180, 1060, 910, 910, 909, 909, 909], BOTH, 6 * SETTLE_POLL_MS],
    ["pages that never leave: the compaction waits no longer than its cap", true, [1200], BOTH, SETTLE_MAX_MS],
    ["at the threshold: a big build", true, [COMPACT_ABOVE_BYTES / MB], BOTH, SETTLE_MAX_MS],
    ["a small build (the demo): nothing, V8 collects as it goes", true, [COMPACT_ABOVE_BYTES / MB - 1], [], 0],
    ["without an exposed collector (node run by hand): nothing", false, [2000], [], 0],
  ] as [string, boolean, number[], string[], number][])("%s", (_name, gc, series, calls, paused) => {
    const r = run(gc, series);
    r.go();
    expect(r.calls).toEqual(calls);
    expect(r.paused()).toBe(paused);
  });

  test("compaction is switched off even when the compacting collection throws", () => {
    const r = run(true, [1200, 900], true);
    expect(r.go).toThrow("collector failed");
    expect(r.calls[r.calls.length - 1]).toBe("--no-compact-on-every-full-gc");
  });

  test("pauseThread may block node's main thread (Atomics.wait, which a browser's main thread refuses)", () => {
    expect(() => pauseThread(1)).not.toThrow();
  });
});
