/**
 * Child: the manager's spreadsheet alternative — a workbook of SUMIFS / COUNTIFS formulas over
 * the order sheet, evaluated by HyperFormula (GPL-3.0, dev-only). Args: options JSON, out.
 *
 * The data sheet is what the manager has after opening the export: one row per order, with a
 * helper column naming the agent (Excel formulas cannot say "first roster code with word
 * boundaries", so that column is filled by DuckDB's SQL rule, which matches the engine's). The
 * formulas do the rest, per agent: paid in the month, status not excluded, credit not removed.
 * By default two formulas per agent, COUNTIFS (orders) and SUMIFS (collected): each costs a scan
 * of every row, ~0.4 s at 200,000 rows, so Σ paid and Σ refund (two more per agent) are left to
 * the DuckDB comparison unless asked for (`fields`).
 *
 * Options: {tsv, month, agents:[code], excluded:[status], fields?:[…]}.
 */
const fs = require("fs");
const { performance } = require("perf_hooks");
const { HyperFormula } = require("hyperformula");

const [optsJson, out] = process.argv.slice(2);
const opts = JSON.parse(optsJson);

function readTsv(file) {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const rows = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === "") continue;
    const [agent, serial, status, paid, refund, collected, removed] = lines[i].split("\t");
    rows.push([agent === "" ? null : agent, serial === "" ? null : Number(serial), status, Number(paid), Number(refund), Number(collected), Number(removed)]);
  }
  return rows;
}

const serialOf = (y, m) => (Date.UTC(y, m - 1, 1) - Date.UTC(1899, 11, 30)) / 86400000;

function main() {
  const t0 = performance.now();
  const data = readTsv(opts.tsv);
  const n = data.length;
  const tRead = performance.now();
  const [y, m] = opts.month.split("-").map(Number);
  const start = serialOf(y, m);
  const end = m === 12 ? serialOf(y + 1, 1) : serialOf(y, m + 1);
  const last = n + 1;
  const col = (c) => `'订单'!$${c}$2:$${c}$${last}`;
  // Every rule in the formulas themselves: agent, paid in the month, status not excluded
  // (wildcards: the status contains none of them), credit not removed.
  const criteria = [`${col("A")},$A{a}`, `${col("B")},">=${start}"`, `${col("B")},"<${end}"`, ...opts.excluded.map((s) => `${col("C")},"<>*${s}*"`), `${col("G")},0`].join(",");
  const fields = opts.fields || ["orders", "collected"];
  const formula = { orders: `=COUNTIFS(${criteria})`, sales: `=SUMIFS(${col("D")},${criteria})`, refunds: `=SUMIFS(${col("E")},${criteria})`, collected: `=SUMIFS(${col("F")},${criteria})` };
  const summaryOf = (agents) => [["客服 agent", ...fields], ...agents.map((a, i) => [a, ...fields.map((f) => formula[f].replace(/\{a\}/g, String(i + 2)))])];
  const sheet = [["客服 agent", "付款时间 paid (serial)", "订单状态 status", "实付 paid", "退款 refund", "回款 collected", "扣除业绩 credit removed"], ...data];
  // Loading the rows and evaluating the formulas are timed apart: the load is paid once, each
  // formula scans every row again (its criteria differ by agent, so HyperFormula's criterion
  // cache cannot share the scans).
  const tLoad0 = performance.now();
  const hf = HyperFormula.buildFromSheets({ 订单: sheet }, { licenseKey: "gpl-v3", maxRows: Math.max(1_048_576, n + 2) });
  const tLoad = performance.now();
  // Two batches on two sheets: if the second batch costs the same per formula as the first, the
  // cost is linear in formulas (what the all-agents estimate in run.js assumes).
  const half = Math.ceil(opts.agents.length / 2);
  const batches = [opts.agents.slice(0, half), opts.agents.slice(half)].filter((b) => b.length > 0);
  const batchMs = [];
  for (let k = 0; k < batches.length; k++) {
    const t = performance.now();
    hf.setSheetContent(hf.getSheetId(hf.addSheet(`汇总${k + 1}`)), summaryOf(batches[k]));
    batchMs.push({ formulas: batches[k].length * fields.length, ms: +(performance.now() - t).toFixed(1) });
  }
  const tEval = performance.now();
  const values = batches.flatMap((_, k) => hf.getSheetValues(hf.getSheetId(`汇总${k + 1}`)).slice(1));
  const totals = { agents: {}, unattributed: null };
  for (let i = 0; i < values.length; i++) {
    const [agent, ...v] = values[i];
    const row = {};
    fields.forEach((f, k) => {
      if (typeof v[k] !== "number") throw new Error(`${agent} ${f}: ${JSON.stringify(v[k])}`);
      row[f] = f === "orders" ? v[k] : Math.round(v[k] * 100);
    });
    if (row.orders > 0 || row.collected > 0) totals.agents[agent] = row;
  }
  fs.writeFileSync(
    out,
    JSON.stringify({
      rows: n,
      formulas: opts.agents.length * fields.length,
      criteriaPairs: 4 + opts.excluded.length,
      readMs: +(tRead - t0).toFixed(1),
      loadMs: +(tLoad - tLoad0).toFixed(1),
      evaluateMs: +(tEval - tLoad).toFixed(1),
      batchMs,
      perFormulaMs: +((tEval - tLoad) / (opts.agents.length * fields.length)).toFixed(1),
      version: HyperFormula.version,
      fields,
      totals,
    }),
  );
}

main();
