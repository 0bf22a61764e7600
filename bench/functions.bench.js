#!/usr/bin/env node
/**
 * Per-call cost of the KEFU.* custom functions (not a test): `node bench/functions.bench.js`.
 *
 * Excel calls a custom function once per formula cell, passing every argument afresh. A column
 * of 100,000 `=KEFU.AGENT(A2, 花名册!$A$2:$B$13)` is 100,000 calls, each handing over the
 * roster again; `=KEFU.AGENT(A2:A100001, 花名册!$A$2:$B$13)` is ONE call that spills. Measured
 * here through the real entry points (functions.ts) with a stand-in CustomFunctions runtime:
 *   - AGENT, 100,000 single-cell calls, same roster (compiled matcher cached by content)
 *   - AGENT, the same 100,000 calls compiling the matcher every call (what the cache avoids)
 *   - AGENT, one whole-column call
 *   - COMMISSION, 100,000 single-cell calls and one whole-column call
 * Prints a table and writes bench/results/functions.json. "compiles" = AgentMatcher builds the
 * scenario needs: 1 = compiled on the first call (the warm-up) and reused by every later call;
 * N = one per call.
 */
require("./ts-require");
const fs = require("fs");
const os = require("os");
const path = require("path");

class HostError {
  constructor(code, message) {
    this.code = code;
    this.message = message;
  }
}
globalThis.CustomFunctions = {
  associate() {},
  Error: HostError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};

const F = require("../src/functions/functions.ts");
const { AgentMatcher } = require("../src/core/rules/attribution.ts");
const { matcherBuilds, rosterEntries } = require("../src/functions/agents.ts");

const N = Number(process.env.KEFU_BENCH_CALLS || 100_000);
const NAMES = ["小美", "阿强", "王芳", "李娜", "陈晨", "周杰", "赵敏", "孙丽", "吴刚", "郑爽", "冯巩", "何炅"];
const ROSTER = NAMES.map((name, i) => [`KF${String(i + 1).padStart(2, "0")}`, name]);

// Deterministic notes in the handbook's format; some append a second code, some have none.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const notes = Array.from({ length: N }, (_, i) => {
  const a = ROSTER[Math.floor(rand() * ROSTER.length)];
  const b = ROSTER[Math.floor(rand() * ROSTER.length)];
  const r = rand();
  const code = r < 0.7 ? a[0] : r < 0.8 ? `${a[0]} 补${b[0]}` : r < 0.9 ? a[1] : "";
  return `张三${i % 97}, 1.2*1.5米, 图案A${i % 9}, 10月${1 + (i % 28)}日发, 顺丰 ${code}`;
});
const amounts = Array.from({ length: N }, () => Math.round(rand() * 15_000_000) / 100);

/** Fresh copies per call, as Excel passes them. */
const rosterCopy = () => ROSTER.map((row) => row.slice());

function time(fn) {
  fn(); // warm-up (JIT, caches)
  const runs = [];
  for (let k = 0; k < 3; k++) {
    const t0 = process.hrtime.bigint();
    fn();
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.sort((x, y) => x - y);
  return runs[1]; // median of 3, ms
}

const results = [];
function record(name, calls, cells, ms, extra = {}) {
  results.push({ name, calls, cells, totalMs: +ms.toFixed(1), perCallUs: +((ms * 1000) / calls).toFixed(2), perCellUs: +((ms * 1000) / cells).toFixed(3), ...extra });
}

let check = 0;
{
  const before = matcherBuilds();
  const ms = time(() => {
    for (let i = 0; i < N; i++) check += F.agent([[notes[i]]], rosterCopy(), "first")[0][0].length;
  });
  record("KEFU.AGENT single-cell calls, same roster (cached matcher)", N, N, ms, { matchersCompiled: matcherBuilds() - before });
}
{
  const M = Math.min(N, 10_000); // compiling per call is slow: measure 10,000 and report per call
  const ms = time(() => {
    for (let i = 0; i < M; i++) {
      const m = new AgentMatcher(rosterEntries(rosterCopy()), "first");
      check += (m.match(notes[i]).agent || "").length;
    }
  });
  record("KEFU.AGENT single-cell calls, matcher compiled per call (no cache)", M, M, ms, { matchersCompiled: M });
}
{
  const column = notes.map((n) => [n]);
  // A roster range one blank row longer: other content, so this scenario compiles its own matcher.
  const roster = () => [...rosterCopy(), ["", ""]];
  const before = matcherBuilds();
  const ms = time(() => {
    check += F.agent(column, roster(), "first").length;
  });
  record("KEFU.AGENT one whole-column call", 1, N, ms, { matchersCompiled: matcherBuilds() - before });
}
{
  const ms = time(() => {
    for (let i = 0; i < N; i++) check += F.commission([[amounts[i]]])[0][0];
  });
  record("KEFU.COMMISSION single-cell calls (handbook tiers)", N, N, ms);
}
{
  const tiers = [[0, 0], [20000, 0.01], [50000, 0.02], [80000, 0.025], [100000, 0.028]];
  const ms = time(() => {
    for (let i = 0; i < N; i++) check += F.commission([[amounts[i]]], tiers.map((r) => r.slice()), "超额")[0][0];
  });
  record("KEFU.COMMISSION single-cell calls (tiers range, marginal)", N, N, ms);
}
{
  const column = amounts.map((a) => [a]);
  const ms = time(() => {
    check += F.commission(column).length;
  });
  record("KEFU.COMMISSION one whole-column call", 1, N, ms);
}

const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);
console.log(`KEFU.* custom functions, ${N.toLocaleString("en")} cells — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"})\n`);
console.log(pad("scenario (median of 3 runs after a warm-up)", 68) + padl("calls", 9) + padl("total ms", 11) + padl("µs/call", 10) + padl("µs/cell", 10) + padl("compiles", 10));
for (const r of results) {
  console.log(pad(r.name, 68) + padl(r.calls, 9) + padl(r.totalMs, 11) + padl(r.perCallUs, 10) + padl(r.perCellUs, 10) + padl(r.matchersCompiled ?? "", 10));
}
if (!Number.isFinite(check)) throw new Error("unreachable: keeps the work observable");

const out = path.join(__dirname, "results", "functions.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  JSON.stringify({ when: new Date().toISOString(), node: process.version, cores: os.cpus().length, cells: N, results }, null, 2) + "\n",
);
console.log(`\nwritten ${path.relative(process.cwd(), out)}`);
