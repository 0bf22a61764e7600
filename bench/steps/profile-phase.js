/**
 * Diagnostic (not part of `npm run bench`): CPU profile of one phase on a workload — "reports"
 * (buildMonth), "spec" (buildWorkbookSpec) or "write" (writeWorkbook); the phases before it run
 * unprofiled. Writes a .cpuprofile to open in Chrome DevTools.
 * Args: workload files JSON, month, phase, out.xlsx, out.cpuprofile.
 */
const fs = require("fs");
const inspector = require("inspector");
const { readSourceFile } = require("../../lib/xlsx/read.js");
const { mergeImports } = require("../../lib/core/import/index.js");
const { buildMonth } = require("../../lib/core/engine.js");
const { defaultRules } = require("../../lib/core/rules/defaults.js");
const { buildWorkbookSpec } = require("../../lib/core/sheets/index.js");
const { writeWorkbook } = require("../../lib/xlsx/write.js");

const [filesJson, month, phase, outXlsx, outProfile] = process.argv.slice(2);
const files = JSON.parse(filesJson);
const post = (s, m, p) => new Promise((ok, ko) => s.post(m, p, (e, r) => (e ? ko(e) : ok(r))));

async function profiled(name, fn) {
  if (name !== phase) return fn();
  const s = new inspector.Session();
  s.connect();
  await post(s, "Profiler.enable");
  await post(s, "Profiler.start");
  const t0 = Date.now();
  const v = await fn();
  const ms = Date.now() - t0;
  const { profile } = await post(s, "Profiler.stop");
  fs.writeFileSync(outProfile, JSON.stringify(profile));
  console.log(`${name} ${ms} ms`);
  return v;
}

async function main() {
  const results = [];
  for (const slot of Object.keys(files)) results.push(...(await readSourceFile(files[slot], slot)));
  const merged = mergeImports(results);
  const report = await profiled("reports", () => buildMonth(merged.data, defaultRules(), { month, importProblems: merged.problems }));
  const spec = await profiled("spec", () => buildWorkbookSpec(report));
  await profiled("write", () => writeWorkbook(spec, outXlsx));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
