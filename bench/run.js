#!/usr/bin/env node
/**
 * `npm run bench` (after `npm run build:cli`): the issue-7 benchmark — a million-row month
 * measured end to end, by phase, against DuckDB and a SUMIFS/COUNTIFS workbook, through the
 * Office.js adapter, and the custom functions' cost per call. Prints one table and writes
 * bench/results/latest.json plus a dated copy. Not part of the test suite.
 *
 *   node bench/run.js            full run (1,048,575 orders; HyperFormula at 200,000)
 *   node bench/run.js --quick    everything at 200,000 orders
 *   --skip=duckdb,hf,office,functions   leave steps out (they show as "not run", a miss)
 *   --pairs=N                    command line / DuckDB runs on the big month, alternating
 *                                (cli, duckdb, cli, duckdb, …; default 3): the table gives the
 *                                medians and the ratio of medians, latest.json every pair
 *   --hf-agents=N|all            agents in the formula workbook (default 20: each formula
 *                                rescans all 200,000 rows, ~0.5–2.5 s apiece here, so 200
 *                                agents × 2 formulas take 4–15 minutes; the table shows the
 *                                measured cost per formula and what all agents would take)
 *
 * Every figure comes from its own child process (harness/proc.js); see docs/bench.md.
 */
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");
const { ensureWorkload, DATA, ROOT } = require("./harness/data");
const { machine, loadNow, cpuProbe } = require("./harness/machine");
const { runMeasured, runScript, hasGnuTime } = require("./harness/proc");
const { transcodeGbkToUtf8 } = require("./harness/transcode");
const { rosterTokens, creditRemovedIds, excludedStatuses } = require("./harness/reference");
const { agentTotalsOfJson, diffTotals, summary, FIELDS } = require("./harness/totals");
const { printTable, row } = require("./harness/table");

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, dflt) => {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
};
const QUICK = flag("quick");
const SKIP = new Set(option("skip", "").split(",").filter(Boolean));
const HF_AGENTS = option("hf-agents", "20");
const PAIRS = Math.max(1, Number(option("pairs", "3")));

const MONTH = "2026-10";
const SEED = 20261001;
const AGENTS = 200;
const BIG = QUICK ? 200_000 : 1_048_575;
const SMALL = 200_000;
const DUCKDB_DIR = path.join(ROOT, "bench", ".duckdb", "node_modules", "@duckdb", "node-api");

const log = (s) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)} load ${loadNow()[0]}] ${s}\n`);
const s1 = (ms) => +(ms / 1000).toFixed(2);
const mb = (bytes) => Math.round(bytes / 1048576);
const median = (xs) => {
  const v = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  if (v.length === 0) return null;
  const h = v.length >> 1;
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
};

/** `kefu-board build` on a workload, as a user runs it. */
async function cliBuild(w, tag) {
  // Named per bench process (bench/data may be shared by several checkouts), renamed to
  // out-<tag>.* once read back: a concurrent run never deletes the file this one reads.
  const out = path.join(DATA, `out-${tag}-${process.pid}.xlsx`);
  const json = path.join(DATA, `out-${tag}-${process.pid}.json`);
  // A previous board would be read back for the manager's columns: start clean, as a first build.
  fs.rmSync(out, { force: true });
  fs.rmSync(json, { force: true });
  const f = w.files;
  const args = ["bin/kefu-board.js", "build", "--orders", f.orders, "--attendance", f.attendance, "--sales", f.sales, "--roster", f.roster, "--incidents", f.incidents, "--out", out, "--json", json];
  const r = await runMeasured(process.execPath, args, { cwd: ROOT });
  if (r.code !== 0) throw new Error(`kefu-board build exited ${r.code}: ${r.stderr.split("\n").slice(-10).join("\n")}`);
  const report = JSON.parse(fs.readFileSync(json, "utf8"));
  const xlsxBytes = fs.statSync(out).size;
  fs.renameSync(out, path.join(DATA, `out-${tag}.xlsx`));
  fs.renameSync(json, path.join(DATA, `out-${tag}.json`));
  return { wallMs: r.wallMs, maxRssBytes: r.maxRssBytes, userS: r.userS, sysS: r.sysS, how: r.how, xlsxBytes, totals: agentTotalsOfJson(report), problems: report.problems.length };
}

async function phases(w, month) {
  // The same young generation the command line gives itself (bin/kefu-board.js).
  const r = await runScript(path.join(__dirname, "steps", "phases.js"), [JSON.stringify(w.files), month, path.join(DATA, "out-phases.xlsx")], { nodeArgs: ["--max-semi-space-size=16"] });
  return { ...r.result, wallMs: r.wallMs, maxRssBytes: r.maxRssBytes };
}

function utf8Copy(w) {
  const dst = path.join(w.dir, "orders.utf8.csv");
  // Written beside and renamed: a DuckDB run of another checkout reading the copy keeps its file.
  const tmp = `${dst}.${process.pid}.tmp`;
  const t0 = performance.now();
  const r = transcodeGbkToUtf8(w.files.orders, tmp);
  const ms = performance.now() - t0;
  fs.renameSync(tmp, dst);
  return { file: dst, ms, ...r };
}

/**
 * The command line and DuckDB on the same month, alternating (cli, duckdb, cli, duckdb, …) so a
 * change of load on the shared machine falls on both sides; the medians of each side and their
 * ratio are the figures (a single pair's ratio moves with whatever else ran during it).
 */
async function pairs(results, w, csv, n, tag) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const loadCli = loadNow();
    const cli = await step(results, i === 0 ? "cli" : `cli#${i + 1}`, () => cliBuild(w, tag));
    const loadDuck = loadNow();
    const duck = csv && (await step(results, i === 0 ? "duckdb" : `duckdb#${i + 1}`, () => duckdb(w, csv, null)));
    out.push({ cli: cli && { ...cli, loadBefore: loadCli }, duckdb: duck && { ...duck, loadBefore: loadDuck } });
  }
  const clis = out.map((p) => p.cli).filter(Boolean);
  const ducks = out.map((p) => p.duckdb).filter(Boolean);
  const med = (list, f) => median(list.map(f));
  return {
    pairs: out,
    cli: clis.length
      ? { wallMs: med(clis, (c) => c.wallMs), cpuS: med(clis, (c) => c.userS + c.sysS), maxRssBytes: med(clis, (c) => c.maxRssBytes), totals: clis[0].totals, runs: clis.length, xlsxBytes: clis[0].xlsxBytes }
      : null,
    duckdb: ducks.length ? { wallMs: med(ducks, (d) => d.wallMs), queryMs: med(ducks, (d) => d.queryMs), maxRssBytes: med(ducks, (d) => d.maxRssBytes), totals: ducks[0].totals, runs: ducks.length } : null,
  };
}

async function duckdb(w, csv, hfInput) {
  const opts = {
    csv,
    month: MONTH,
    tokens: await rosterTokens(w.files.roster),
    removed: await creditRemovedIds(w.files.incidents),
    excluded: excludedStatuses(),
    hfInput,
  };
  const r = await runScript(path.join(__dirname, "steps", "duckdb.js"), [JSON.stringify(opts)]);
  return { ...r.result, wallMs: r.wallMs, maxRssBytes: r.maxRssBytes };
}

async function hyperformula(tsv, agents) {
  const opts = { tsv, month: MONTH, agents, excluded: excludedStatuses() };
  const r = await runScript(path.join(__dirname, "steps", "hyperformula.js"), [JSON.stringify(opts)], { nodeArgs: ["--max-old-space-size=12288"] });
  return { ...r.result, wallMs: r.wallMs, maxRssBytes: r.maxRssBytes };
}

async function office(csv) {
  const script = path.join(__dirname, "steps", "office.js");
  const r = await runScript(script, [JSON.stringify({ csv, pane: false })], { nodeArgs: ["--max-old-space-size=6144"] });
  // The pane's import in a process of its own: in the same heap as the read and the write before
  // it (the double's 1M × 73 sheet, a built month), their collections landed in its slices.
  const p = await runScript(script, [JSON.stringify({ csv, paneOnly: true })], { nodeArgs: ["--max-old-space-size=6144"] });
  return { ...r.result, pane: p.result.pane, wallMs: r.wallMs + p.wallMs, maxRssBytes: Math.max(r.maxRssBytes, p.maxRssBytes) };
}

async function functions() {
  const r = await runMeasured(process.execPath, [path.join(__dirname, "functions.bench.js")], { cwd: ROOT });
  if (r.code !== 0) throw new Error(`functions.bench.js exited ${r.code}: ${r.stderr.slice(-800)}`);
  return JSON.parse(fs.readFileSync(path.join(__dirname, "results", "functions.json"), "utf8"));
}

/** Runs a step; a failure is recorded (and shown as a miss), never dropped. */
async function step(results, name, fn) {
  if (SKIP.has(name)) {
    results.errors[name] = "skipped (--skip)";
    return null;
  }
  const load = loadNow();
  log(`${name} …`);
  const t0 = performance.now();
  try {
    const v = await fn();
    results.steps[name] = { ms: Math.round(performance.now() - t0), loadBefore: load };
    return v;
  } catch (e) {
    results.errors[name] = String(e.stack || e).split("\n").slice(0, 12).join("\n");
    log(`${name} FAILED: ${String(e.message || e).split("\n")[0]}`);
    return null;
  }
}

function agree(label, a, b, fields, names) {
  const d = diffTotals(a, b, fields, names);
  return { label, fields, equal: d.length === 0, differences: d.length, first: d.slice(0, 5) };
}

async function main() {
  const started = performance.now();
  const results = {
    when: new Date().toISOString(),
    quick: QUICK,
    machine: { ...machine(), cpuProbeMs: cpuProbe() },
    peakRssBy: hasGnuTime() ? "/usr/bin/time -v" : "/proc/<pid>/status VmHWM",
    workloads: {},
    steps: {},
    errors: {},
  };
  if (!fs.existsSync(DUCKDB_DIR) && !SKIP.has("duckdb")) {
    log("DuckDB is not installed for the bench: running scripts/install-duckdb.sh (a separate prefix, bench/.duckdb)");
    const r = await runMeasured("bash", [path.join(ROOT, "scripts", "install-duckdb.sh")], { cwd: ROOT, noGnuTime: true });
    if (r.code !== 0) results.errors.duckdbInstall = r.stderr.slice(-800);
  }

  const big = await ensureWorkload({ orders: BIG, agents: AGENTS, month: MONTH, seed: SEED }, log);
  const small = BIG === SMALL ? big : await ensureWorkload({ orders: SMALL, agents: AGENTS, month: MONTH, seed: SEED }, log);
  for (const w of [big, small]) results.workloads[w.manifest.orders] = { ...w.manifest, dir: path.relative(ROOT, w.dir), reused: w.reused };

  const copy = await step(results, "transcode", async () => utf8Copy(big));
  const paired = await pairs(results, big, copy && copy.file, PAIRS, String(BIG));
  const cli = paired.cli;
  let duck = paired.duckdb;
  if (BIG === SMALL && copy && !SKIP.has("duckdb")) {
    // --quick: the formula workbook's data sheet comes from one more DuckDB run (not timed here).
    await step(results, "hf-input", () => duckdb(big, copy.file, path.join(DATA, "hf-input.tsv")));
  }
  const ph = await step(results, "phases", () => phases(big, MONTH));
  let cliSmall = cli;
  let duckSmall = duck;
  let copySmall = copy;
  if (BIG !== SMALL) {
    cliSmall = await step(results, "cli200k", () => cliBuild(small, String(SMALL)));
    copySmall = await step(results, "transcode200k", async () => utf8Copy(small));
    duckSmall = copySmall && (await step(results, "duckdb200k", () => duckdb(small, copySmall.file, path.join(DATA, "hf-input.tsv"))));
  }
  const phSmall = BIG === SMALL ? ph : await step(results, "phases200k", () => phases(small, MONTH));
  const agentCodes = (await rosterTokens(small.files.roster)).map((t) => t.code);
  const hfAgents = HF_AGENTS === "all" ? agentCodes : agentCodes.slice(0, Number(HF_AGENTS));
  const hf = duckSmall && (await step(results, "hf", () => hyperformula(path.join(DATA, "hf-input.tsv"), hfAgents)));
  const off = copy && (await step(results, "office", () => office(copy.file)));
  const fn = await step(results, "functions", functions);

  // ── agreement to the cent ──
  const checks = [];
  if (cli && ph) checks.push(agree(`${BIG.toLocaleString("en-US")}: command line JSON = in-process report`, cli.totals, ph.totals, FIELDS, ["cli", "report"]));
  // Every pair's command line against its DuckDB (and so every run against the first).
  const both = paired.pairs.filter((p) => p.cli && p.duckdb);
  if (both.length) {
    const per = both.map((p) => agree("", p.cli.totals, p.duckdb.totals, FIELDS, ["kefu", "duckdb"]));
    const bad = per.filter((c) => !c.equal);
    checks.push({ ...(bad[0] || per[0]), label: `${BIG.toLocaleString("en-US")}: KefuBoard = DuckDB (each of ${both.length} pair${both.length > 1 ? "s" : ""})`, equal: bad.length === 0, pairsEqual: per.map((c) => c.equal) });
  }
  if (BIG !== SMALL && cliSmall && duckSmall) checks.push(agree(`${SMALL.toLocaleString("en-US")}: KefuBoard = DuckDB`, cliSmall.totals, duckSmall.totals, FIELDS, ["kefu", "duckdb"]));
  if (cliSmall && hf) {
    const only = (t) => ({ agents: Object.fromEntries(Object.entries(t.agents).filter(([k]) => hfAgents.includes(k))), unattributed: t.unattributed });
    checks.push(agree(`${SMALL.toLocaleString("en-US")}: KefuBoard = HyperFormula (${hf.fields.join(", ")}; ${hfAgents.length} agents)`, only(cliSmall.totals), hf.totals, hf.fields.filter((f) => f !== "unattributed"), ["kefu", "hyperformula"]));
  }
  results.agreement = checks;
  results.totals = {
    big: cli ? summary(cli.totals) : null,
    small: cliSmall ? summary(cliSmall.totals) : null,
  };

  // ── figures ──
  const n = BIG.toLocaleString("en-US");
  const ns = SMALL.toLocaleString("en-US");
  const parseOnly = ph ? ph.phases.filter((p) => p.name.startsWith("read ") || p.name === "merge").reduce((s, p) => s + p.ms, 0) : null;
  const phase = (prefix) => (ph ? ph.phases.find((p) => p.name.startsWith(prefix)) : null);
  const reportsSmall = phSmall ? phSmall.phases.find((p) => p.name.startsWith("reports")) : null;
  const rows = [];
  const missing = (what) => results.errors[what] || "not run";
  const runs = (list, f) => list.map(f).join(" / ");
  const pc = paired.pairs.filter((p) => p.cli).map((p) => p.cli);
  const pd = paired.pairs.filter((p) => p.duckdb).map((p) => p.duckdb);
  const m = cli ? `median of ${cli.runs}` : "";
  rows.push(row("1. Command line end to end", `wall, ${m}: ${n} orders + attendance, sales, roster, incidents → xlsx + JSON`, cli && s1(cli.wallMs), "s", { max: 15 }, cli ? null : missing("cli")));
  rows.push(row("1. Command line end to end", `peak RSS (${m})`, cli && mb(cli.maxRssBytes), "MB", { max: 1024 }, cli ? null : missing("cli")));
  rows.push(row("1. Command line end to end", `CPU user + sys (${m})`, cli && +cli.cpuS.toFixed(1), "s"));
  if (pc.length > 1) {
    rows.push(row("1. Command line end to end", `  runs (wall s/CPU s/peak MB): ${runs(pc, (c) => `${(c.wallMs / 1000).toFixed(1)}/${(c.userS + c.sysS).toFixed(1)}/${mb(c.maxRssBytes)}`)}`, "", ""));
    rows.push(row("1. Command line end to end", `  each run: load average (1 min) before: ${runs(pc, (c) => c.loadBefore[0])}`, "", ""));
  }
  if (ph) {
    for (const p of ph.phases) rows.push(row("2. Where the time goes (in process)", `${p.name}  [RSS after ${p.rssMB} MB]`, s1(p.ms), "s"));
    rows.push(row("2. Where the time goes (in process)", "parse-only (reading every input + merge)", s1(parseOnly), "s"));
    rows.push(row("2. Where the time goes (in process)", "end to end (median) ÷ parse-only", cli && +(cli.wallMs / parseOnly).toFixed(2), "×", { max: 2 }, cli ? null : missing("cli")));
    rows.push(row("2. Where the time goes (in process)", "in-process total ÷ parse-only", +(ph.phases.reduce((s, p) => s + p.ms, 0) / parseOnly).toFixed(2), "×"));
  } else rows.push(row("2. Where the time goes (in process)", "phases", null, "", { max: 2 }, missing("phases")));
  rows.push(row("3. Side by side", `GBK → UTF-8 copy for DuckDB (${n} rows, ${copy ? mb(copy.bytesIn) : "?"} MB)`, copy && s1(copy.ms), "s"));
  const dm = duck ? `median of ${duck.runs}` : "";
  rows.push(row("3. Side by side", `DuckDB read_csv + GROUP BY, end to end (${n} rows, UTF-8; ${dm})`, duck && s1(duck.wallMs), "s", null, duck ? null : missing("duckdb")));
  rows.push(row("3. Side by side", "  of which the query (median)", duck && s1(duck.queryMs), "s"));
  rows.push(row("3. Side by side", "  DuckDB peak RSS (median)", duck && mb(duck.maxRssBytes), "MB"));
  if (pd.length > 1) rows.push(row("3. Side by side", `  each run: wall s: ${runs(pd, (d) => s1(d.wallMs))}`, "", ""));
  const pairRatios = paired.pairs.filter((p) => p.cli && p.duckdb).map((p) => +(p.cli.wallMs / p.duckdb.wallMs).toFixed(2));
  rows.push(row("3. Side by side", `KefuBoard end to end ÷ DuckDB end to end (ratio of medians, ${pairRatios.length} alternating pairs)`, cli && duck && +(cli.wallMs / duck.wallMs).toFixed(2), "×", { max: 3 }, cli && duck ? null : missing("duckdb")));
  if (pairRatios.length > 1) rows.push(row("3. Side by side", `  each pair's ratio: ${pairRatios.join(" / ")}`, "", ""));
  rows.push(row("3. Side by side", "KefuBoard end to end ÷ (DuckDB + its UTF-8 copy)", cli && duck && copy && +(cli.wallMs / (duck.wallMs + copy.ms)).toFixed(2), "×"));
  if (ph && duck) {
    const read = phase("read orders");
    const reports = phase("reports");
    rows.push(row("3. Side by side", "KefuBoard read orders + reports (same work as the query) ÷ DuckDB", +((read.ms + reports.ms) / duck.wallMs).toFixed(2), "×"));
  }
  // The formula workbook: measured for hfAgents; all agents' formulas cost per formula × count
  // (each formula rescans every row: the cost is linear in formulas — see docs/bench.md).
  const hfAll = hf && agentCodes.length * hf.fields.length;
  const hfFull = hf && hf.evaluateMs + hf.perFormulaMs * (hfAll - hf.formulas);
  rows.push(row("3. Side by side", `HyperFormula: load ${ns} order rows into the workbook`, hf && s1(hf.loadMs), "s", null, hf ? null : missing("hf")));
  rows.push(row("3. Side by side", `HyperFormula: recalculate ${hf ? hf.formulas : "?"} COUNTIFS/SUMIFS (${hfAgents.length} agents × ${hf ? hf.fields.length : "?"}, ${hf ? hf.criteriaPairs : "?"} criteria each)`, hf && s1(hf.evaluateMs), "s", null, hf ? null : missing("hf")));
  rows.push(row("3. Side by side", `HyperFormula: per formula${hf && hf.batchMs.length === 2 ? ` (two batches: ${hf.batchMs.map((b) => s1(b.ms / b.formulas)).join(" / ")} s — linear)` : ""}`, hf && s1(hf.perFormulaMs), "s"));
  if (hf && hf.formulas < hfAll) rows.push(row("3. Side by side", `HyperFormula: all ${agentCodes.length} agents (${hfAll} formulas), estimated as measured + per formula × rest`, s1(hfFull), "s"));
  rows.push(row("3. Side by side", "HyperFormula peak RSS", hf && mb(hf.maxRssBytes), "MB"));
  rows.push(row("3. Side by side", `KefuBoard reports at ${ns} (buildMonth: all four reports, all agents)`, reportsSmall && s1(reportsSmall.ms), "s"));
  rows.push(row("3. Side by side", `HyperFormula recalculation, measured ${hf ? hf.formulas : "?"} formulas ÷ KefuBoard reports`, hf && reportsSmall && Math.round(hf.evaluateMs / reportsSmall.ms), "×"));
  rows.push(row("3. Side by side", `HyperFormula recalculation, all agents ÷ KefuBoard reports (in memory, like for like)`, hf && reportsSmall && Math.round(hfFull / reportsSmall.ms), "×", { min: 1000 }, hf && reportsSmall ? null : missing("hf")));
  rows.push(row("3. Side by side", `HyperFormula load + recalculation, all agents ÷ KefuBoard command line end to end at ${ns}`, hf && cliSmall && +((hf.loadMs + hfFull) / cliSmall.wallMs).toFixed(1), "×", { min: 1000 }, hf && cliSmall ? null : missing("hf")));
  for (const c of checks) rows.push(row("3. Side by side", `agree to the cent — ${c.label}`, c.equal ? "yes" : `NO (${c.differences})`, "", { equal: "yes" }));
  if (off) {
    const a = off.readSource;
    rows.push(row("4. Office.js (Excel double)", `readSource, ${off.sheetRows.toLocaleString("en-US")} rows × ${off.sheetColumns} columns: requests (syncs)`, a.requests, ""));
    rows.push(row("4. Office.js (Excel double)", "largest request/response payload", +(a.largestPayloadBytes / 1e6).toFixed(2), "MB", { max: 4 }));
    rows.push(row("4. Office.js (Excel double)", "largest request, cells", a.largestCells, "cells", { max: 5_000_000 }));
    rows.push(row("4. Office.js (Excel double)", `columns the importer needs / cells read per row`, `${off.neededColumns.length} / ${a.cellsPerRow}`, ""));
    rows.push(row("4. Office.js (Excel double)", "readSource (import on the page): longest main-thread block", a.longestBlockMs, "ms", { max: 200 }));
    if (a.longestBlockCpuMs !== undefined) rows.push(row("4. Office.js (Excel double)", `readSource (import on the page): longest main-thread block, CPU time${off.blockCpu ? ` (${off.blockCpu})` : ""}`, a.longestBlockCpuMs, "ms", { max: 200 }));
    if (a.gc) rows.push(row("4. Office.js (Excel double)", "readSource: the same without GC pauses / longest GC pause (heap of 1M orders)", `${a.longestBlockCpuExGcMs} / ${a.gc.longestGcMs}`, "ms"));
    if (off.pane) rows.push(row("4. Office.js (Excel double)", "pane build (import in the Web Worker): longest main-thread block", off.pane.longestBlockMs, "ms", { max: 200 }));
    // The write: the month's report sheets + 订单明细 through the adapter's writer.
    const w = off.write;
    if (w) {
      const ord = w.sheetRows["订单明细"];
      for (const [label, x] of [[`first ${(w.paged.detailPageRows ?? 0).toLocaleString("en-US")} rows of 订单明细 (what the pane writes)`, w.paged], ["every row of 订单明细 (before paging)", w.whole]]) {
        if (!x) continue;
        const g = `4. Office.js (Excel double)`;
        rows.push(row(g, `write, ${ord.toLocaleString("en-US")} orders, ${label}: requests (syncs)`, x.requests, ""));
        rows.push(row(g, `write, ${label}: largest request payload`, +(x.largestPayloadBytes / 1e6).toFixed(2), "MB", { max: 4 }));
        rows.push(row(g, `write, ${label}: cells per request (mean / largest)`, `${x.cellsPerRequest.toLocaleString("en-US")} / ${x.largestCells.toLocaleString("en-US")}`, "cells"));
        rows.push(row(g, `write, ${label}: longest main-thread block (CPU time${off.blockCpu ? `, ${off.blockCpu}` : ""})`, x.longestBlockCpuMs, "ms", { max: 200 }));
        if (x.gc) rows.push(row(g, `write, ${label}: the same without GC pauses / longest GC pause`, `${x.longestBlockCpuExGcMs} / ${x.gc.longestGcMs}`, "ms"));
        rows.push(row(g, `write, ${label}: wall (CPU)`, `${s1(x.wallMs)} (${s1(x.cpuMs)})`, "s"));
      }
    }
  } else rows.push(row("4. Office.js (Excel double)", "readSource", null, "", { max: 200 }, missing("office")));
  if (fn) {
    for (const r of fn.results) rows.push(row("5. Custom functions", `${r.name} (${r.cells.toLocaleString("en-US")} cells)`, r.perCellUs, "µs/cell"));
    const single = fn.results.find((r) => /AGENT single-cell calls, same roster/.test(r.name));
    const batched = fn.results.find((r) => /AGENT one whole-column/.test(r.name));
    if (single && batched) rows.push(row("5. Custom functions", "KEFU.AGENT single-cell ÷ one whole-column call, per cell", +(single.perCellUs / batched.perCellUs).toFixed(1), "×"));
  } else rows.push(row("5. Custom functions", "functions.bench.js", null, "", null, missing("functions")));

  results.table = rows;
  // The ratios the issue's targets name, in one place for the README and scripts.
  results.ratios = {
    endToEndOverDuckdb: cli && duck ? +(cli.wallMs / duck.wallMs).toFixed(2) : null,
    endToEndOverParseOnly: cli && parseOnly ? +(cli.wallMs / parseOnly).toFixed(2) : null,
    pairRatios,
    pairs: pairRatios.length,
  };
  results.pairs = paired.pairs.map((p) => ({
    cli: p.cli && { wallMs: Math.round(p.cli.wallMs), userS: p.cli.userS, sysS: p.cli.sysS, maxRssBytes: p.cli.maxRssBytes, loadBefore: p.cli.loadBefore },
    duckdb: p.duckdb && { wallMs: Math.round(p.duckdb.wallMs), queryMs: p.duckdb.queryMs, maxRssBytes: p.duckdb.maxRssBytes, loadBefore: p.duckdb.loadBefore },
  }));
  results.raw = { cli, phases: ph, transcode: copy, duckdb: duck, cli200k: BIG === SMALL ? null : cliSmall, phases200k: BIG === SMALL ? null : phSmall, duckdb200k: BIG === SMALL ? null : duckSmall, hyperformula: hf, office: off, functions: fn };
  for (const k of ["cli", "phases", "duckdb", "cli200k", "duckdb200k", "phases200k"]) if (results.raw[k]) delete results.raw[k].totals;
  if (results.raw.hyperformula) delete results.raw.hyperformula.totals;
  results.machine.loadAverageAtEnd = loadNow();
  results.machine.cpuProbeMsAtEnd = cpuProbe();
  results.benchMs = Math.round(performance.now() - started);

  const text = printTable(results);
  process.stdout.write(text);
  const dir = path.join(__dirname, "results");
  fs.mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(results, null, 2) + "\n";
  fs.writeFileSync(path.join(dir, "latest.json"), json);
  fs.writeFileSync(path.join(dir, `${results.when.slice(0, 16).replace(/:/g, "")}${QUICK ? "-quick" : ""}.json`), json);
  fs.writeFileSync(path.join(dir, "latest.txt"), text);
  log(`written bench/results/latest.json (${s1(results.benchMs)} s in all)`);
  const failedChecks = checks.filter((c) => !c.equal);
  if (failedChecks.length) {
    log(`TOTALS DISAGREE: ${failedChecks.map((c) => `${c.label}: ${c.first.join("; ")}`).join(" | ")}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
