#!/usr/bin/env node
"use strict";
// The compiled command line (npm run build:cli → lib/). Exit codes: 0 ok, 1 bad input, 2 usage.
//
// The young generation: V8's own 16 MB semi-spaces, named so the second process knows it is the
// build. 64 MB once took seconds off a million-order build, when the import made short-lived
// strings by the gigabyte; since the CSV is read on its bytes, 16 MB is as fast at 1M orders and
// its peak ~75 MB lower (a 128 MB young generation is resident at the reports' summit; docs/bench.md).
// V8 reads the size only from the command line, so this process starts the real one with the flag
// and passes its exit code on.
const YOUNG = "--max-semi-space-size=16";
// The build lets the import's order objects go once the report is made (a lean report keeps
// none) and collects them then, before the write grows the heap (lib/cli/build.js).
const GC = "--expose-gc";
const main = () => require("../lib/cli/main.js").run();

function bigHeap() {
  try {
    const fs = require("fs");
    return require("../lib/cli/heap.js").heapFlag({
      args: process.argv.slice(2),
      execArgv: process.execArgv,
      nodeOptions: process.env.NODE_OPTIONS || "",
      totalMemoryBytes: require("os").totalmem(),
      defaultLimitBytes: require("v8").getHeapStatistics().heap_size_limit,
      sizeOf: (p) => {
        try {
          const s = fs.statSync(p);
          return s.isFile() ? s.size : null;
        } catch {
          return null;
        }
      },
    });
  } catch {
    return null; // sizing is a help, never a reason not to run
  }
}

if (process.execArgv.some((a) => a.startsWith("--max-semi-space-size")) || process.env.KEFU_BOARD_SINGLE_PROCESS) {
  main();
} else {
  const { spawnSync } = require("child_process");
  // A month of several million orders needs more than V8's default heap (lib/cli/heap.js).
  const heap = bigHeap();
  // glibc's malloc gives big freed blocks back only with a fixed threshold (lib/cli/heap.js).
  let env = process.env;
  try {
    env = require("../lib/cli/heap.js").childEnv(process.env);
  } catch {
    // as bigHeap: a help, never a reason not to run
  }
  const r = spawnSync(process.execPath, [...process.execArgv, YOUNG, GC, ...(heap ? [heap] : []), __filename, ...process.argv.slice(2)], { stdio: "inherit", windowsHide: true, env });
  if (r.error) {
    main(); // could not start a second node: run here, with the default heap
  } else if (r.signal) {
    process.kill(process.pid, r.signal);
  } else {
    process.exitCode = r.status ?? 3;
  }
}
