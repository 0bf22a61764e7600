/**
 * Diagnostic (not part of `npm run bench`): CPU profile of writeWorkbook alone on a workload —
 * the inputs are read and the reports built first, unprofiled. Writes a .cpuprofile to open in
 * Chrome DevTools. Args: workload files JSON, month, out.xlsx, out.cpuprofile.
 */
const fs = require("fs");
const inspector = require("inspector");
const { readSourceFile } = require("../../lib/xlsx/read.js");
const { mergeImports } = require("../../lib/core/import/index.js");
const { buildMonth } = require("../../lib/core/engine.js");
const { defaultRules } = require("../../lib/core/rules/defaults.js");
const { buildWorkbookSpec } = require("../../lib/core/sheets/index.js");
const { writeWorkbook } = require("../../lib/xlsx/write.js");

const [filesJson, month, outXlsx, outProfile] = process.argv.slice(2);
const files = JSON.parse(filesJson);
const post = (s, m, p) => new Promise((ok, ko) => s.post(m, p, (e, r) => (e ? ko(e) : ok(r))));

async function main() {
  const results = [];
  for (const slot of Object.keys(files)) results.push(...(await readSourceFile(files[slot], slot)));
  const merged = mergeImports(results);
  const spec = buildWorkbookSpec(buildMonth(merged.data, defaultRules(), { month, importProblems: merged.problems }));
  const s = new inspector.Session();
  s.connect();
  await post(s, "Profiler.enable");
  await post(s, "Profiler.start");
  const t0 = Date.now();
  await writeWorkbook(spec, outXlsx);
  const ms = Date.now() - t0;
  const { profile } = await post(s, "Profiler.stop");
  fs.writeFileSync(outProfile, JSON.stringify(profile));
  console.log(`write ${ms} ms`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
