/**
 * The results table: one row per figure with its target, and pass / miss. A row whose figure
 * could not be measured is a miss with the reason — no target disappears from the table.
 */

/**
 * @param target {max} | {min} | {equal} | null (a figure without a target)
 * @param error why the figure is missing (then the row is a miss when it has a target)
 */
function row(group, figure, value, unit, target = null, error = null) {
  let verdict = "";
  if (target) {
    if (value === null || value === undefined) verdict = "MISS";
    else if (target.max !== undefined) verdict = value < target.max || (unit === "×" && value <= target.max) ? "pass" : "MISS";
    else if (target.min !== undefined) verdict = value > target.min ? "pass" : "MISS";
    else if (target.equal !== undefined) verdict = value === target.equal ? "pass" : "MISS";
  }
  const targetText = !target ? "" : target.max !== undefined ? (unit === "×" ? `≤ ${target.max}` : `< ${target.max.toLocaleString("en-US")}`) : target.min !== undefined ? `> ${target.min.toLocaleString("en-US")}` : `= ${target.equal}`;
  // By how much a miss misses: the factor over (or under) the target.
  let by = null;
  if (verdict === "MISS" && typeof value === "number") {
    // Three places when two round a miss to "×1" (15.01 s against < 15 s).
    const factor = (x) => (+x.toFixed(2) === 1 ? +x.toFixed(3) : +x.toFixed(2));
    if (target.max !== undefined) by = factor(value / target.max);
    else if (target.min !== undefined) by = factor(target.min / value);
  }
  return { group, figure, value: value ?? null, unit, target: targetText, verdict, missBy: by, error: error ? String(error).split("\n")[0] : null };
}

/** Display width: CJK characters take two columns. */
function width(s) {
  let w = 0;
  for (const ch of String(s)) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s, n) => String(s) + " ".repeat(Math.max(0, n - width(s)));
const padStart = (s, n) => " ".repeat(Math.max(0, n - width(s))) + String(s);

function fmt(v) {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") return Math.abs(v) >= 10000 ? v.toLocaleString("en-US") : String(v);
  return String(v);
}

function printTable(results) {
  const m = results.machine;
  const lines = [];
  lines.push(`KefuBoard benchmark — ${results.when}${results.quick ? " (--quick)" : ""}`);
  lines.push(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, node ${m.node}, ${m.os}`);
  lines.push(`load average (1/5/15 min): ${m.loadAverage.join(" ")} at start, ${m.loadAverageAtEnd.join(" ")} at end; peak RSS by ${results.peakRssBy}`);
  if (m.cpuProbeMs !== undefined) lines.push(probeLine(m));
  lines.push("");
  const W = 86;
  let group = "";
  for (const r of results.table) {
    if (r.group !== group) {
      group = r.group;
      lines.push(group);
    }
    const value = r.value === null && r.error ? `— (${r.error.slice(0, 40)})` : `${fmt(r.value)} ${r.unit}`.trim();
    const verdict = r.verdict === "MISS" && r.missBy ? `MISS ×${r.missBy}` : r.verdict;
    lines.push(`  ${padEnd(r.figure.length > W ? r.figure.slice(0, W - 1) + "…" : r.figure, W)} ${padStart(value, 16)}  ${padEnd(r.target, 12)} ${verdict}`);
  }
  const misses = results.table.filter((r) => r.verdict === "MISS");
  lines.push("");
  const q = results.ratios;
  if (q) {
    // The two ratios issue 17 sets targets on, in one line a reader cannot miss.
    const v = (x, max) => (x === null || x === undefined ? "— (not measured)" : `${x} × (target ≤ ${max}: ${x <= max ? "pass" : `MISS ×${+(x / max).toFixed(2)}`})`);
    lines.push(`RATIOS  end to end ÷ DuckDB = ${v(q.endToEndOverDuckdb, 3)}, ratio of medians of ${q.pairs} alternating pair${q.pairs === 1 ? "" : "s"}${q.pairRatios && q.pairRatios.length > 1 ? ` (each pair: ${q.pairRatios.join(" / ")})` : ""}`);
    lines.push(`        end to end ÷ parse-only = ${v(q.endToEndOverParseOnly, 2)}`);
  }
  lines.push(`${results.table.filter((r) => r.verdict === "pass").length} targets met, ${misses.length} missed; bench took ${(results.benchMs / 1000).toFixed(0)} s`);
  for (const [k, e] of Object.entries(results.errors)) lines.push(`step ${k}: ${String(e).split("\n")[0]}`);
  return lines.join("\n") + "\n";
}

/** The one-core speed probe (harness/machine.js cpuProbe) at the run's start and end. */
function probeLine(m) {
  return `CPU probe (1M String(double), best of 3, one core): ${m.cpuProbeMs} ms at start, ${m.cpuProbeMsAtEnd ?? "?"} ms at end — compare runs only at alike figures`;
}

module.exports = { row, printTable, probeLine };
