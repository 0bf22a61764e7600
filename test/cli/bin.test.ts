/**
 * The installed command: bin/kefu-board.js running the compiled CLI (tsconfig.cli.json) as a real
 * process — exit codes as the shell sees them, stdout / stderr apart. Compiled into a temporary
 * folder so the repository's lib/ is left alone.
 */
import { execFile } from "child_process";
import { promises as fs, readFileSync, statSync } from "fs";
import * as path from "path";
import { heapFlag } from "../../src/cli/heap";
import { compileCli, NODE_PATH, ROOT, type CompiledCli } from "./compiled";

const T = path.join(ROOT, "test", "fixtures", "cli", "tiers");
let cli: CompiledCli;
let tmp: string;
let bin: string;

beforeAll(async () => {
  cli = await compileCli("kefu-bin-");
  tmp = cli.dir;
  bin = cli.bin;
}, 180000);
afterAll(async () => {
  await cli?.remove();
});

const run = (...args: string[]) => cli.run(args);

test("bin/kefu-board.js is an executable node script requiring the compiled CLI", () => {
  const text = readFileSync(path.join(ROOT, "bin", "kefu-board.js"), "utf8");
  expect(text.startsWith("#!/usr/bin/env node\n")).toBe(true);
  expect(text).toContain('require("../lib/cli/main.js")');
  expect(statSync(path.join(ROOT, "bin", "kefu-board.js")).mode & 0o111).not.toBe(0);
});

test("exit 0 on a good build, paths on stdout, progress on stderr", async () => {
  const out = path.join(tmp, "board.xlsx");
  const r = await run("build", ...["orders", "attendance", "sales", "roster", "incidents"].flatMap((k) => [`--${k}`, path.join(T, `${k}.csv`)]), "--out", out);
  expect(r.code).toBe(0);
  expect(r.out).toContain(out);
  expect(r.err).toContain("读取 reading");
  expect(statSync(out).size).toBeGreaterThan(1000);
}, 120000);

test("exit 1 on bad input, exit 2 on a usage error", async () => {
  const bad = await run("build", "--orders", path.join(T, "nope.csv"), "--attendance", path.join(T, "attendance.csv"), "--sales", path.join(T, "sales.csv"), "--out", path.join(tmp, "x.xlsx"));
  expect(bad.code).toBe(1);
  expect(bad.err).toContain("nope.csv");
  const usage = await run("build", "--month", "October");
  expect(usage.code).toBe(2);
  expect((await run()).code).toBe(2);
}, 120000);

test("the command runs in a second node with a 64 MB young generation, and relays its exit code", async () => {
  const log = path.join(tmp, "argv.log");
  const probe = path.join(tmp, "probe.js");
  await fs.writeFile(probe, `require("fs").appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.execArgv) + "\\n");`);
  const r = await new Promise<{ code: number }>((resolve) => {
    execFile(process.execPath, [bin, "build", "--orders", path.join(tmp, "missing.csv")], { env: { ...process.env, NODE_PATH, NODE_OPTIONS: `--require ${probe}` } }, (e) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? -1) : 0 }),
    );
  });
  const runs = readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as string[]);
  expect(runs).toHaveLength(2);
  expect(runs[0]).not.toContain("--max-semi-space-size=16");
  expect(runs[1]).toContain("--max-semi-space-size=16");
  expect(r.code).toBe(2); // a usage error (required inputs missing), as the inner process said
});

test("the launcher gives its second node a heap sized from the inputs' bytes (a sparse 2 GB export), and still runs", async () => {
  const big = path.join(tmp, "orders-2g.csv");
  await fs.writeFile(big, "");
  await fs.truncate(big, 2 * 2 ** 30); // sparse: no disk used; the usage error comes before any read
  const log = path.join(tmp, "heap.log");
  const probe = path.join(tmp, "heap-probe.js");
  // Each node notes its flags and what the launcher sizes from, so the expectation uses the same machine.
  await fs.writeFile(
    probe,
    `require("fs").appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv: process.execArgv, mem: require("os").totalmem(), limit: require("v8").getHeapStatistics().heap_size_limit, mmap: process.env.MALLOC_MMAP_THRESHOLD_ ?? null }) + "\\n");`,
  );
  const code = await new Promise<number>((resolve) => {
    execFile(process.execPath, [bin, "build", "--orders", big], { env: { ...process.env, NODE_PATH, NODE_OPTIONS: `--require ${probe}` } }, (e) =>
      resolve(e ? ((e as { code?: number }).code ?? -1) : 0),
    );
  });
  const runs = readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { argv: string[]; mem: number; limit: number; mmap: string | null });
  expect(runs).toHaveLength(2);
  // glibc's fixed mmap threshold for the build's process (src/cli/heap.ts childEnv), unless set.
  expect(runs.map((r) => r.mmap)).toEqual([process.env.MALLOC_MMAP_THRESHOLD_ ?? null, process.env.MALLOC_MMAP_THRESHOLD_ ?? "131072"]);
  const want = heapFlag({
    args: ["build", "--orders", big],
    execArgv: [],
    nodeOptions: "",
    totalMemoryBytes: runs[0].mem,
    defaultLimitBytes: runs[0].limit,
    sizeOf: (p) => (p === big ? 2 * 2 ** 30 : null),
  });
  const given = runs[1].argv.filter((a) => a.startsWith("--max-old-space-size"));
  expect(given).toEqual(want ? [want] : []);
  if (want) expect(want).toBe(`--max-old-space-size=${Math.floor(2 * 1024 * 2.5)}`);
  expect(code).toBe(2); // other inputs missing: a usage error, as the inner process said
});
