#!/usr/bin/env node
/**
 * `npm run bench:scale` (after `npm run build:cli`): the command line and DuckDB on generated
 * months of 1,048,575, 5,000,000 and 10,000,000 orders — wall, CPU, peak RSS, totals equal to the
 * cent, and the growth per row (ms per 1,000 orders, bytes per order). The figures of
 * docs/scale.md. Not part of the test suite; one run per size (the ratio of medians of alternating
 * pairs is bench/run.js's, at 1M).
 *
 *   node bench/scale.js                      1,048,575 / 5,000,000 / 10,000,000 orders
 *   --sizes=1048575,5000000                  other sizes
 *   --data=DIR                               where the months live (default bench/data; a 10M
 *                                            month is 5.1 GB of GBK, its UTF-8 copy 6 GB while
 *                                            DuckDB reads it — the copy is deleted after)
 *   --limit-gb=12                            the memory guard: a run whose process tree holds more
 *                                            is killed and recorded as "did not fit in 12 GB"
 *   --min-free-gb=2                          …or when the machine's MemAvailable falls under this
 *                                            (the machine is shared: never push others into swap
 *                                            or the OOM killer)
 *   --skip=duckdb                            the command line only
 *   --only=duckdb                            DuckDB again, the rest of each size kept from
 *                                            scale-latest.json (a DuckDB step that failed)
 *   --only=table                             print and write the table of scale-latest.json again
 *   --heap=guard|default                     guard (default): --max-old-space-size as large as the
 *                                            guard; default: V8's own heap limit, as a user runs it
 *   --json=auto|never|always                 auto (default): with --json as bench/run.js, and when
 *                                            that fails for a reason other than the guard (the JSON
 *                                            text of a 5M month is past V8's largest string), the
 *                                            build again without it, totals from the workbook;
 *                                            never: every size without --json (the same work at
 *                                            every size, half the time when --json cannot work)
 *
 * The months come from the project's own generator (lib/samples, the same as bench/run.js's
 * workloads): row content depends only on (seed, index), order ids are unique up to ten million,
 * and the side files (attendance, 千牛 sales, roster, incidents) follow the generated orders.
 * The command line gets a heap as large as the guard (--max-old-space-size) at every size, so a
 * month is stopped by the guard, not by V8's default heap limit (--heap=default: as a user runs
 * it; measured 2026-12-07 at 5M orders: 159.8 s / 4.8 GB against 83.6 s / 5.3 GB with the large
 * heap — near its default limit V8 collects over and over).
 *
 * Writes bench/results/scale-latest.json (+ a dated copy) and scale-latest.txt.
 */
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { performance } = require("perf_hooks");
const { ensureWorkload, DATA, ROOT } = require("./harness/data");
const { machine, loadNow, cpuProbe } = require("./harness/machine");
const { probeLine } = require("./harness/table");
const { runMeasured, runScript, hasGnuTime } = require("./harness/proc");
const { transcodeGbkToUtf8 } = require("./harness/transcode");
const { rosterTokens, creditRemovedIds, excludedStatuses } = require("./harness/reference");
const { agentTotalsOfJson, diffTotals, summary, FIELDS } = require("./harness/totals");
const { agentTotalsOfWorkbook } = require("./harness/workbook-totals");

const argv = process.argv.slice(2);
const option = (name, dflt) => {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
};
const SIZES = option("sizes", "1048575,5000000,10000000").split(",").map(Number);
const DATA_DIR = path.resolve(option("data", DATA));
const LIMIT = Number(option("limit-gb", "12")) * 2 ** 30;
const MIN_FREE = Number(option("min-free-gb", "2")) * 2 ** 30;
const SKIP = new Set(option("skip", "").split(",").filter(Boolean));
const JSON_MODE = option("json", "auto");
const ONLY = option("only", "");
const RESULTS = path.join(__dirname, "results");
const MONTH = "2026-10";
const SEED = 20261001;
const AGENTS = 200;
/** Excel's sheet: 1,048,576 rows; 订单明细 lists every counted order only below this (sheets/orders.ts). */
const EXCEL_ROWS = 1_048_576;
const GUARD = { rssBytes: LIMIT, minAvailableBytes: MIN_FREE };
const HEAP_MB = Math.round(LIMIT / 2 ** 20);
const HEAP = option("heap", "guard");

const log = (s) => process.stderr.write(`[scale ${new Date().toISOString().slice(11, 19)} load ${loadNow()[0]}] ${s}\n`);
const s1 = (ms) => (ms === null || ms === undefined ? null : +(ms / 1000).toFixed(1));
const mb = (bytes) => (bytes ? Math.round(bytes / 1048576) : null);
const gbText = (bytes) => `${+(bytes / 2 ** 30).toFixed(1)} GB`;

function commit() {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return "unknown";
  }
}

/** `kefu-board build` as a user runs it, with the guard; `json` false leaves --json out. */
async function cliRun(w, json) {
  const out = path.join(DATA_DIR, `scale-out-${w.manifest.orders}.xlsx`);
  const jsonPath = path.join(DATA_DIR, `scale-out-${w.manifest.orders}.json`);
  fs.rmSync(out, { force: true });
  fs.rmSync(jsonPath, { force: true });
  const f = w.files;
  const args = [...(HEAP === "guard" ? [`--max-old-space-size=${HEAP_MB}`] : []), "bin/kefu-board.js", "build", "--orders", f.orders, "--attendance", f.attendance, "--sales", f.sales, "--roster", f.roster, "--incidents", f.incidents, "--out", out, ...(json ? ["--json", jsonPath] : [])];
  const loadBefore = loadNow();
  const r = await runMeasured(process.execPath, args, { cwd: ROOT, guard: GUARD });
  const res = {
    json,
    code: r.code,
    wallMs: Math.round(r.wallMs),
    userS: r.userS,
    sysS: r.sysS,
    cpuS: r.userS === null ? null : +(r.userS + r.sysS).toFixed(1),
    maxRssBytes: r.maxRssBytes || r.polledPeakRssBytes,
    how: r.how,
    killed: r.killed,
    loadBefore,
    loadAfter: loadNow(),
  };
  if (r.code !== 0) {
    // How far it got: the command line's last progress line (读取 …, 计算 …, 写入 … n/total).
    const progress = r.stderr.split(/[\r\n]+/).map((l) => l.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").trim()).filter(Boolean);
    res.lastProgress = progress.length ? progress[progress.length - 1].slice(0, 160) : null;
    res.error = r.killed ? `did not fit: ${r.killed}` : r.stderr.split("\n").filter((l) => /Error|error|heap|FATAL/.test(l)).slice(0, 3).join(" | ") || r.stderr.slice(-300);
    return res;
  }
  res.xlsxBytes = fs.statSync(out).size;
  if (json) res.jsonBytes = fs.statSync(jsonPath).size;
  // A JSON file past ≈ 400 MB is not read back into one string here (V8's longest is ≈ 512 MB):
  // the same totals are read from the workbook.
  if (json && res.jsonBytes < 400 * 2 ** 20) {
    res.totals = agentTotalsOfJson(JSON.parse(fs.readFileSync(jsonPath, "utf8")));
    res.totalsFrom = "--json";
  } else {
    res.totals = await agentTotalsOfWorkbook(out);
    res.totalsFrom = "workbook (绩效看板, 未归属订单)";
  }
  fs.rmSync(out, { force: true });
  fs.rmSync(jsonPath, { force: true });
  return res;
}

async function duckdbRun(w) {
  const copy = path.join(DATA_DIR, `scale-utf8-${w.manifest.orders}.csv`);
  const t0 = performance.now();
  const tc = transcodeGbkToUtf8(w.files.orders, copy);
  const transcodeMs = Math.round(performance.now() - t0);
  try {
    const opts = { csv: copy, month: MONTH, tokens: await rosterTokens(w.files.roster), removed: await creditRemovedIds(w.files.incidents), excluded: excludedStatuses() };
    const loadBefore = loadNow();
    const r = await runScript(path.join(__dirname, "steps", "duckdb.js"), [JSON.stringify(opts)], { guard: GUARD });
    return { wallMs: Math.round(r.wallMs), queryMs: r.result.queryMs, maxRssBytes: r.maxRssBytes, cpuS: r.userS === null ? null : +(r.userS + r.sysS).toFixed(1), threads: r.result.threads, version: r.result.version, loadBefore, transcodeMs, utf8Bytes: tc.bytesOut, totals: r.result.totals };
  } finally {
    fs.rmSync(copy, { force: true });
  }
}

async function measureSize(orders, previous) {
  const spec = { orders, agents: AGENTS, month: MONTH, seed: SEED };
  // The generator keeps one small record per order for the side files: 10M need a bigger heap.
  const w = await ensureWorkload(spec, log, { data: DATA_DIR, nodeArgs: orders > 2_000_000 ? ["--max-old-space-size=8192"] : [] });
  if (ONLY === "duckdb") {
    // The command line's figures (and the comparison, which needs its totals) as measured before.
    const kept = { ...(previous || { orders }) };
    log(`${orders.toLocaleString("en-US")} orders: UTF-8 copy + DuckDB only (the rest as in scale-latest.json) …`);
    try {
      kept.duckdb = await duckdbRun(w);
      delete kept.duckdb.totals;
      kept.duckdbRemeasured = new Date().toISOString();
    } catch (e) {
      kept.duckdb = { error: String(e.message || e).split("\n").slice(0, 3).join(" | ") };
    }
    return kept;
  }
  const res = { orders, dir: w.dir, csvBytes: w.manifest.bytes.orders, generateMs: w.manifest.generateMs, reused: w.reused };
  log(`${orders.toLocaleString("en-US")} orders: command line (${JSON_MODE === "never" ? "without" : "with"} --json) …`);
  let cli = await cliRun(w, JSON_MODE !== "never");
  if (cli.code !== 0 && !cli.killed && JSON_MODE === "auto" && cli.json) {
    // The build itself may have gone through and the JSON text not (one string per file): the
    // failure is the finding; the build is measured again without --json, totals from the workbook.
    log(`  failed with --json (${cli.error}); again without --json`);
    res.cliWithJson = cli;
    cli = await cliRun(w, false);
  }
  res.cli = cli;
  log(`  ${cli.code === 0 ? `${s1(cli.wallMs)} s, ${cli.cpuS} s CPU, ${mb(cli.maxRssBytes)} MB` : cli.error}`);
  if (!SKIP.has("duckdb")) {
    log(`${orders.toLocaleString("en-US")} orders: UTF-8 copy + DuckDB …`);
    try {
      res.duckdb = await duckdbRun(w);
      log(`  ${s1(res.duckdb.wallMs)} s, ${mb(res.duckdb.maxRssBytes)} MB`);
    } catch (e) {
      res.duckdb = { error: String(e.message || e).split("\n").slice(0, 3).join(" | ") };
      log(`  DuckDB failed: ${res.duckdb.error}`);
    }
  }
  if (cli.totals && res.duckdb && res.duckdb.totals) {
    const d = diffTotals(cli.totals, res.duckdb.totals, FIELDS, ["kefu", "duckdb"]);
    res.agree = { equal: d.length === 0, differences: d.length, first: d.slice(0, 5) };
  }
  if (cli.totals) {
    res.totals = summary(cli.totals);
    // 订单明细 lists every counted order only when they fit one sheet with its frame rows.
    res.detailSheetCut = res.totals.orders + 5 > EXCEL_ROWS;
  }
  for (const k of ["cli", "cliWithJson", "duckdb"]) if (res[k]) delete res[k].totals;
  return res;
}

/** Growth per row: per size (figure ÷ orders) and between sizes (Δ figure ÷ Δ orders). */
function growth(sizes) {
  const ok = sizes.filter((s) => s.cli && s.cli.code === 0);
  const per = sizes.filter((s) => (s.cli && s.cli.code === 0) || (s.duckdb && s.duckdb.wallMs)).map((s) => ({
    orders: s.orders,
    cliMsPer1k: s.cli && s.cli.code === 0 ? +(s.cli.wallMs / (s.orders / 1000)).toFixed(2) : null,
    cliCpuMsPer1k: s.cli && s.cli.code === 0 && s.cli.cpuS !== null ? +((s.cli.cpuS * 1000) / (s.orders / 1000)).toFixed(2) : null,
    cliBytesPerOrder: s.cli && s.cli.code === 0 ? Math.round(s.cli.maxRssBytes / s.orders) : null,
    duckdbMsPer1k: s.duckdb && s.duckdb.wallMs ? +(s.duckdb.wallMs / (s.orders / 1000)).toFixed(3) : null,
    duckdbCpuMsPer1k: s.duckdb && s.duckdb.cpuS ? +((s.duckdb.cpuS * 1000) / (s.orders / 1000)).toFixed(2) : null,
    duckdbBytesPerOrder: s.duckdb && s.duckdb.maxRssBytes ? Math.round(s.duckdb.maxRssBytes / s.orders) : null,
  }));
  const marginal = [];
  for (let i = 1; i < ok.length; i++) {
    const a = ok[i - 1];
    const b = ok[i];
    const dn = b.orders - a.orders;
    marginal.push({
      from: a.orders,
      to: b.orders,
      cliMsPer1k: +((b.cli.wallMs - a.cli.wallMs) / (dn / 1000)).toFixed(2),
      cliCpuMsPer1k: a.cli.cpuS === null || b.cli.cpuS === null ? null : +(((b.cli.cpuS - a.cli.cpuS) * 1000) / (dn / 1000)).toFixed(2),
      cliBytesPerOrder: Math.round((b.cli.maxRssBytes - a.cli.maxRssBytes) / dn),
    });
  }
  return { per, marginal };
}

function table(results) {
  const m = results.machine;
  const L = [];
  L.push(`KefuBoard scale run — ${results.when}, commit ${results.commit}`);
  if (results.earlier) L.push(`(DuckDB only; the command line's figures from the run of ${results.earlier.when}, commit ${results.earlier.commit}, load ${results.earlier.machine.loadAverage.join(" ")} → ${results.earlier.machine.loadAverageAtEnd.join(" ")})`);
  L.push(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, node ${m.node}, ${m.os}`);
  L.push(`load average (1/5/15 min): ${m.loadAverage.join(" ")} at start, ${m.loadAverageAtEnd.join(" ")} at end; peak RSS by ${results.peakRssBy}; guard ${gbText(LIMIT)} (and MemAvailable ≥ ${gbText(MIN_FREE)}); command line heap: ${results.guard.heap === "guard" ? `--max-old-space-size=${results.guard.heapMB}` : "V8 default (as a user runs it)"}`);
  if (m.cpuProbeMs !== undefined) L.push(probeLine(m));
  L.push("");
  const cols = ["orders", "CSV MB", "--json", "CLI wall s", "CLI CPU s", "CLI peak MB", "load before", "DuckDB s", "DuckDB CPU s", "DuckDB MB", "UTF-8 copy s", "CLI ÷ DuckDB", "agree", "订单明细"];
  const rows = results.sizes.map((s) => {
    const c = s.cli || {};
    const d = s.duckdb || {};
    const ok = c.code === 0;
    return [
      s.orders.toLocaleString("en-US"),
      mb(s.csvBytes),
      c.json === undefined ? "—" : c.json ? "yes" : "no",
      ok ? s1(c.wallMs) : c.killed ? `did not fit in ${gbText(LIMIT)}` : "failed",
      ok ? c.cpuS : c.killed && c.cpuS ? `${c.cpuS} until killed` : "—",
      ok ? mb(c.maxRssBytes) : c.killed ? `> ${mb(LIMIT)}` : "—",
      c.loadBefore ? c.loadBefore[0] : "—",
      d.wallMs ? s1(d.wallMs) : "—",
      d.cpuS ?? "—",
      d.maxRssBytes ? mb(d.maxRssBytes) : "—",
      d.transcodeMs ? s1(d.transcodeMs) : "—",
      ok && d.wallMs ? `${+(c.wallMs / d.wallMs).toFixed(1)}${c.cpuS && d.cpuS ? ` (CPU ${+(c.cpuS / d.cpuS).toFixed(1)})` : ""}` : "—",
      s.agree ? (s.agree.equal ? "yes" : `NO (${s.agree.differences})`) : "—",
      s.totals ? (s.detailSheetCut ? `cut at ${(EXCEL_ROWS - 7).toLocaleString("en-US")} of ${s.totals.orders.toLocaleString("en-US")}` : `all ${s.totals.orders.toLocaleString("en-US")}`) : "—",
    ].map(String);
  });
  const w = cols.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  L.push(cols.map((h, i) => h.padStart(w[i])).join("  "));
  for (const r of rows) L.push(r.map((v, i) => v.padStart(w[i])).join("  "));
  L.push("");
  for (const s of results.sizes) {
    if (s.cliWithJson) L.push(`${s.orders.toLocaleString("en-US")}: with --json the command line failed (${s.cliWithJson.error.slice(0, 160)}) after ${s1(s.cliWithJson.wallMs)} s; the row above is without --json, totals read from the workbook`);
    if (s.cli && s.cli.code !== 0) L.push(`${s.orders.toLocaleString("en-US")}: ${s.cli.error.slice(0, 200)}${s.cli.lastProgress ? ` — last progress: ${s.cli.lastProgress}` : ""}`);
    if (s.duckdb && s.duckdb.error) L.push(`${s.orders.toLocaleString("en-US")}: DuckDB ${s.duckdb.error.slice(0, 200)}`);
    if (s.agree && !s.agree.equal) L.push(`${s.orders.toLocaleString("en-US")}: totals differ: ${s.agree.first.join("; ")}`);
  }
  L.push("growth per row (figure ÷ orders):");
  for (const g of results.growth.per) {
    const cli = g.cliMsPer1k === null ? "command line —" : `command line ${g.cliMsPer1k} ms wall / ${g.cliCpuMsPer1k} ms CPU per 1,000 orders, ${g.cliBytesPerOrder} bytes peak per order`;
    L.push(`  ${g.orders.toLocaleString("en-US").padStart(10)}: ${cli}; DuckDB ${g.duckdbMsPer1k ?? "—"} ms wall / ${g.duckdbCpuMsPer1k ?? "—"} ms CPU per 1,000, ${g.duckdbBytesPerOrder ?? "—"} bytes peak per order`);
  }
  if (results.growth.marginal.length) L.push("marginal (Δ figure ÷ Δ orders):");
  for (const g of results.growth.marginal) L.push(`  ${g.from.toLocaleString("en-US")} → ${g.to.toLocaleString("en-US")}: command line ${g.cliMsPer1k} ms wall / ${g.cliCpuMsPer1k} ms CPU per 1,000 more orders, ${g.cliBytesPerOrder} bytes more peak per order`);
  L.push("");
  L.push(`scale run took ${Math.round(results.benchMs / 1000)} s`);
  return L.join("\n") + "\n";
}

async function main() {
  const started = performance.now();
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const before = ONLY ? JSON.parse(fs.readFileSync(path.join(RESULTS, "scale-latest.json"), "utf8")) : null;
  if (ONLY === "table") {
    before.growth = growth(before.sizes);
    const text = table(before);
    process.stdout.write(text);
    fs.writeFileSync(path.join(RESULTS, "scale-latest.txt"), text);
    return;
  }
  const results = { when: new Date().toISOString(), commit: commit(), json: JSON_MODE, machine: { ...machine(), cpuProbeMs: cpuProbe() }, peakRssBy: hasGnuTime() ? "/usr/bin/time -v" : "/proc/<pid>/status VmHWM", guard: { rssBytes: LIMIT, minAvailableBytes: MIN_FREE, heapMB: HEAP === "guard" ? HEAP_MB : null, heap: HEAP }, sizes: [] };
  // --only: the sizes not asked for stay as they were.
  const sizes = before ? [...new Set([...before.sizes.map((s) => s.orders), ...SIZES])].sort((a, b) => a - b) : SIZES;
  for (const n of sizes) {
    const was = before && before.sizes.find((s) => s.orders === n);
    if (was && !SIZES.includes(n)) {
      results.sizes.push(was);
      continue;
    }
    try {
      results.sizes.push(await measureSize(n, was));
    } catch (e) {
      log(`${n}: ${e.stack || e}`);
      results.sizes.push({ orders: n, error: String(e.message || e).split("\n")[0] });
    }
  }
  if (before) results.earlier = { when: before.when, commit: before.commit, machine: before.machine, note: `--only=${ONLY}: the other figures are from that run` };
  results.growth = growth(results.sizes);
  results.machine.loadAverageAtEnd = loadNow();
  results.machine.cpuProbeMsAtEnd = cpuProbe();
  results.benchMs = Math.round(performance.now() - started);
  const text = table(results);
  process.stdout.write(text);
  const dir = RESULTS;
  fs.mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(results, null, 2) + "\n";
  fs.writeFileSync(path.join(dir, "scale-latest.json"), json);
  fs.writeFileSync(path.join(dir, `scale-${results.when.slice(0, 16).replace(/:/g, "")}.json`), json);
  fs.writeFileSync(path.join(dir, "scale-latest.txt"), text);
  if (results.sizes.some((s) => s.agree && !s.agree.equal)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
