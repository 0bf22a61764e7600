/**
 * Child: where the command line's time goes, in one process and in the CLI's own order — read
 * each input (the command line's loadInputs), merge, reports (buildMonth), sheet spec
 * (buildWorkbookSpec), xlsx write (writeWorkbook), JSON text. Each phase is timed with
 * performance.now() and followed by the process's RSS; the peak comes from the parent.
 *
 * Args: workload dir JSON ({files}), month, out. Writes the figures and the per-agent totals
 * (cents) the comparison checks.
 */
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");
const { loadInputs } = require("../../lib/cli/inputs.js");
const { slotInputs } = require("../../lib/cli/build.js");
const { mergeImports } = require("../../lib/core/import/index.js");
const { buildMonth, pickMonth } = require("../../lib/core/engine.js");
const { defaultRules } = require("../../lib/core/rules/defaults.js");
const { buildWorkbookSpec } = require("../../lib/core/sheets/index.js");
const { reportJsonText } = require("../../lib/core/sheets/json.js");
const { writeWorkbook } = require("../../lib/xlsx/write.js");
const { sheetRowCount } = require("../../lib/core/sheets/lazy.js");
const { agentTotalsOfReport } = require("../harness/totals");

const [filesJson, monthArg, outXlsx, out] = process.argv.slice(2);
const files = JSON.parse(filesJson);
const mb = () => Math.round(process.memoryUsage().rss / 1048576);

async function main() {
  const phases = [];
  const start = (name) => ({ name, t0: performance.now(), c0: process.cpuUsage() });
  const stop = ({ name, t0, c0 }) => {
    const c = process.cpuUsage(c0);
    phases.push({ name, ms: +(performance.now() - t0).toFixed(1), cpuMs: Math.round((c.user + c.system) / 1000), rssMB: mb() });
  };
  const timed = async (name, fn) => {
    const at = start(name);
    const v = await fn();
    stop(at);
    return v;
  };
  // The inputs read by the command line's own reader, in its order (the smallest first), each
  // timed from its progress call to the next.
  let reading = null;
  const loaded = await loadInputs(slotInputs(files), (f) => {
    if (reading) stop(reading);
    reading = start(`read ${f.slot} (${path.basename(f.file)})`);
  });
  if (reading) stop(reading);
  const results = loaded.sources.flatMap((source) => source.results);
  const merged = await timed("merge", () => mergeImports(results));
  const month = monthArg || pickMonth(merged.data.orders);
  const report = await timed("reports (buildMonth)", () => buildMonth(merged.data, defaultRules(), { month, importProblems: merged.problems }));
  const spec = await timed("sheet spec (buildWorkbookSpec)", () => buildWorkbookSpec(report));
  fs.rmSync(outXlsx, { force: true });
  // Per sheet: the writer reports progress as it goes; a sheet's time runs from its first report
  // (or the previous sheet's last) to its last.
  const perSheet = new Map();
  let mark = performance.now();
  let current = null;
  const onProgress = (sheet) => {
    const now = performance.now();
    if (sheet !== current) current = sheet;
    perSheet.set(sheet, (perSheet.get(sheet) ?? 0) + (now - mark));
    mark = now;
  };
  await timed("write xlsx (writeWorkbook)", async () => {
    mark = performance.now();
    await writeWorkbook(spec, outXlsx, { onProgress, report }); // as the command line: 订单明细 by the worker
    perSheet.set("(after the last sheet: zip / file)", performance.now() - mark);
  });
  await timed("JSON (reportJsonText)", () => reportJsonText(report).length);

  const rows = Object.fromEntries(spec.sheets.map((s) => [s.name, sheetRowCount(s)]));
  fs.writeFileSync(
    out,
    JSON.stringify({
      month,
      phases,
      orders: merged.data.orders.length,
      counted: report.counted.length,
      sheetRows: rows,
      writeMsBySheet: Object.fromEntries([...perSheet].map(([k, v]) => [k, Math.round(v)])),
      xlsxBytes: fs.statSync(outXlsx).size,
      maxRssSelfMB: Math.round(process.resourceUsage().maxRSS / 1024),
      totals: agentTotalsOfReport(report),
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
