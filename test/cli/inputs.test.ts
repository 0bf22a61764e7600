/**
 * The command line's reading of its input files (src/cli/inputs.ts): the smallest first (a small
 * workbook parsed beside a million orders' heap took twice as long), the results in the order
 * the files were given — the engine's sources, the row counts and the mapping hints.
 */
import * as path from "path";
import { loadInputs, type InputFile } from "../../src/cli/inputs";
import { slotInputs } from "../../src/cli/build";

const SAMPLES = path.join(__dirname, "../../samples");
const files: InputFile[] = slotInputs({
  orders: path.join(SAMPLES, "订单报表-2026-10.csv"),
  attendance: path.join(SAMPLES, "钉钉考勤-2026-10.xlsx"),
  sales: path.join(SAMPLES, "千牛客服绩效-2026-10.xlsx"),
  roster: path.join(SAMPLES, "花名册.xlsx"),
  incidents: path.join(SAMPLES, "违规记录-2026-10.xlsx"),
});

test.each([
  ["by their sizes on disk", undefined],
  ["the given order when sizes tie", () => 1],
  ["the orders read first when they are the smallest", (f: string) => (f.endsWith(".csv") ? 0 : 10)],
] as [string, ((f: string) => number) | undefined][])("read smallest first (%s), results in the given order", async (_name, sizeOf) => {
  const fs = require("fs") as typeof import("fs");
  const size = sizeOf ?? ((f: string) => fs.statSync(f).size);
  const seen: { file: string; index: number }[] = [];
  const loaded = await loadInputs(files, (f, index) => seen.push({ file: f.file, index }), [], sizeOf);
  expect(seen.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
  const want = files.map((f, i) => ({ f, i })).sort((a, b) => size(a.f.file) - size(b.f.file) || a.i - b.i).map((x) => x.f.file);
  expect(seen.map((s) => s.file)).toEqual(want);
  expect(loaded.sources.map((s) => [s.file, s.slot])).toEqual(files.map((f) => [path.basename(f.file), f.slot]));
  expect(loaded.rows.map((r) => r.file)).toEqual(files.map((f) => path.basename(f.file)));
  // Each result is its own file's: the orders' under --orders, the roster's under --roster.
  expect(loaded.sources[0].results[0].data.orders.length).toBeGreaterThan(1000);
  expect(loaded.sources[3].results[0].data.roster.length).toBeGreaterThan(5);
  expect(loaded.sources[3].results[0].data.orders).toHaveLength(0);
}, 60000);
