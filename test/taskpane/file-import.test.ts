/**
 * "Import a file": a CSV is decoded and parsed in the worker (its bytes handed over, rows back in
 * slices), or in-page in yielding slices when the worker cannot start — the same rows either way.
 */
import * as iconv from "iconv-lite";
import { KefuError } from "../../src/core/problems";
import { csvRows } from "../../src/taskpane/csvFile";
import { importFileSheets, readFileSheets } from "../../src/taskpane/fileImport";
import { ROWS_PER_MESSAGE } from "../../src/taskpane/protocol";
import { WorkerLauncher } from "../../src/taskpane/workerLauncher";
import { asWorker, InProcessWorker, MissingWorker } from "./workers";

const HEAD = "订单编号,买家会员名,买家实际支付金额,订单状态,订单付款时间,订单备注";
function ordersCsv(n: number): string {
  const lines = [HEAD];
  for (let i = 0; i < n; i++) lines.push(`="${2873190462331520000 + i}",买家${i},${(i % 97) + 0.5},交易成功,2026-10-${String((i % 28) + 1).padStart(2, "0")} 10:00:00,"KF0${i % 9}, 2*2米"`);
  return lines.join("\r\n") + "\r\n";
}
const gbk = (s: string) => new Uint8Array(iconv.encode(s, "gbk"));

const N = 12_345; // more than two row slices
let expected: string[][];
beforeAll(async () => {
  expected = (await readFileSheets("订单.csv", gbk(ordersCsv(N)))).sheets[0].rows as string[][];
  expect(expected).toHaveLength(N + 1);
  expect(expected[1]).toEqual(['="2873190462331520000"', "买家0", "0.5", "交易成功", "2026-10-01 10:00:00", "KF00, 2*2米"]);
});

test("a GBK CSV goes to the worker: bytes handed over (not kept on the page), rows back in slices, same rows", async () => {
  const made: InProcessWorker[] = [];
  const launcher = new WorkerLauncher(() => {
    const w = new InProcessWorker();
    made.push(w);
    return asWorker(w);
  });
  const bytes = gbk(ordersCsv(N));
  const fallback = jest.fn();
  const r = await importFileSheets("订单.csv", bytes, { onFallback: fallback }, launcher);
  expect(fallback).not.toHaveBeenCalled();
  expect(r.problems).toEqual([]);
  expect(r.sheets).toHaveLength(1);
  expect(r.sheets[0].name).toBe("订单");
  expect(r.sheets[0].rows).toEqual(expected);
  const parse = made[0].received.find((m) => m.type === "parseCsv");
  expect(parse).toMatchObject({ type: "parseCsv", name: "订单.csv" });
  // Transferred: the page no longer holds the bytes, so it cannot have parsed them.
  expect(bytes.byteLength).toBe(0);
  expect(made[0].terminated).toBe(true);
});

test("worker.js missing: the same rows are read in-page, and the pane is told", async () => {
  const fallback = jest.fn();
  const bytes = gbk(ordersCsv(N));
  const r = await importFileSheets("订单.csv", bytes, { onFallback: fallback }, new WorkerLauncher(() => asWorker(new MissingWorker())));
  expect(fallback).toHaveBeenCalledWith(expect.stringMatching(/404/));
  expect(r.sheets[0].rows).toEqual(expected);
  expect(bytes.byteLength).toBeGreaterThan(0); // nothing was sent before the fallback
});

test("a cut-off last row is reported with the file's name instead of vanishing", async () => {
  const text = ordersCsv(3) + '="2873190462331529999",买家X,"12';
  for (const launcher of [new WorkerLauncher(() => asWorker(new InProcessWorker())), new WorkerLauncher(() => asWorker(new MissingWorker()))]) {
    const r = await importFileSheets("订单.csv", gbk(text), {}, launcher);
    expect(r.sheets[0].rows).toHaveLength(4);
    expect(r.problems.map((p) => [p.code, p.file, p.row])).toEqual([["csv.truncated", "订单.csv", 5]]);
  }
});

test.each([
  ["binary junk", Uint8Array.from({ length: 3000 }, (_v, i) => (i * 131 + 7) & 0xff), "file.binary"],
  ["an empty file", new Uint8Array(0), "import.empty"],
])("%s is a bilingual error naming the file, in the worker and in-page", async (_n, bytes, code) => {
  for (const make of [() => asWorker(new InProcessWorker()), () => asWorker(new MissingWorker())]) {
    const err = await importFileSheets("坏.csv", bytes.slice(), {}, new WorkerLauncher(make)).catch((e) => e);
    expect(err).toBeInstanceOf(KefuError);
    expect((err as KefuError).problems).toEqual([expect.objectContaining({ code, file: "坏.csv", severity: "error" })]);
    expect((err as KefuError).problems[0].zh).toMatch(/\p{Script=Han}/u);
  }
});

test("in-page parsing yields to the event loop between 1 MB slices", async () => {
  const bytes = gbk(ordersCsv(60_000)); // ~5 MB
  const pause = jest.fn(() => Promise.resolve());
  let batches = 0;
  let rows = 0;
  await csvRows("订单.csv", bytes, (b) => {
    batches++;
    rows += b.length;
    expect(b.length).toBeLessThanOrEqual(ROWS_PER_MESSAGE);
  }, { pause, batchRows: ROWS_PER_MESSAGE });
  expect(rows).toBe(60_001);
  expect(batches).toBe(Math.ceil(60_001 / ROWS_PER_MESSAGE));
  expect(pause).toHaveBeenCalledTimes(Math.ceil(bytes.length / (1 << 20)) - 1);
  expect(pause.mock.calls.length).toBeGreaterThanOrEqual(4);
});
