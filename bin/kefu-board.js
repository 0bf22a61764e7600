#!/usr/bin/env node
"use strict";
// The compiled command line (npm run build:cli → lib/). Exit codes: 0 ok, 1 bad input, 2 usage.
//
// A month of a million orders makes short-lived strings by the gigabyte. With V8's default young
// generation (16 MB semi-spaces) every survivor is copied again and again; 64 MB semi-spaces take
// seconds off a big build (docs/bench.md). V8 reads the size only from the command line, so this
// process starts the real one with the flag and passes its exit code on.
const YOUNG = "--max-semi-space-size=64";
const main = () => require("../lib/cli/main.js").run();

if (process.execArgv.some((a) => a.startsWith("--max-semi-space-size")) || process.env.KEFU_BOARD_SINGLE_PROCESS) {
  main();
} else {
  const { spawnSync } = require("child_process");
  const r = spawnSync(process.execPath, [...process.execArgv, YOUNG, __filename, ...process.argv.slice(2)], { stdio: "inherit", windowsHide: true });
  if (r.error) {
    main(); // could not start a second node: run here, with the default heap
  } else if (r.signal) {
    process.kill(process.pid, r.signal);
  } else {
    process.exitCode = r.status ?? 3;
  }
}
