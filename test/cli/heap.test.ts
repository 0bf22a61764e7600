/**
 * The launcher's heap for big builds (src/cli/heap.ts): V8's default limit for a month of a
 * million orders, room for several million, never past 85 % of the machine, never over a limit
 * the user set. The launcher passing the flag to its second node is tested on the compiled
 * command, in bin.test.ts.
 */
import * as path from "path";
import { childEnv, collectForWrite, heapFlag, type HeapInputs } from "../../src/cli/heap";

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

describe("collectForWrite: the collection between the build and the write", () => {
  const run = (gc: boolean) => {
    const calls: string[] = [];
    collectForWrite({ gc: gc ? () => calls.push("gc") : undefined, setFlags: (f) => calls.push(f) });
    return calls;
  };
  test("a plain collection first, then one compacting collection, and compaction switched off again", () => {
    expect(run(true)).toEqual(["gc", "--compact-on-every-full-gc", "gc", "--no-compact-on-every-full-gc"]);
  });
  test("without an exposed collector nothing is done (node run by hand)", () => {
    expect(run(false)).toEqual([]);
  });
  test("compaction is switched off even when the compacting collection throws", () => {
    const calls: string[] = [];
    expect(() =>
      collectForWrite({
        gc: (() => {
          let n = 0;
          return () => {
            calls.push("gc");
            if (++n === 2) throw new Error("collector failed");
          };
        })(),
        setFlags: (f) => calls.push(f),
      }),
    ).toThrow("collector failed");
    expect(calls[calls.length - 1]).toBe("--no-compact-on-every-full-gc");
  });
});
