/**
 * The pane's worker and its fallback: a build runs in the worker when worker.js starts, and the
 * same build runs in-page (and the pane is told why) when worker.js is missing, throws while
 * starting, never answers, or cannot be created at all.
 */
import type { SourceKind } from "../../src/core/import/types";
import { scanSources } from "../../src/excel/read";
import { ExcelDouble, type DCell } from "../support/excelDouble";
import { createEngine, FallbackEngine, LocalEngine } from "../../src/taskpane/engineClient";
import { runBuild } from "../../src/taskpane/pipeline";
import { WorkerLauncher } from "../../src/taskpane/workerLauncher";
import { ORDER_WIDTH, orderCell } from "../excel/orderSheet";
import { asWorker, CrashingWorker, InProcessWorker, MissingWorker, SilentWorker } from "./workers";

function workbook(): ExcelDouble {
  const x = new ExcelDouble();
  const rows: DCell[][] = [];
  for (let r = 0; r <= 60; r++) {
    const row: DCell[] = [];
    for (let c = 0; c < ORDER_WIDTH; c++) row.push(orderCell(r, c));
    rows.push(row);
  }
  x.addTypedSheet("订单", rows);
  x.addTypedSheet("花名册", [["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"], ...Array.from({ length: 5 }, (_v, i) => [`KF0${i}`, `客服${i}`, `店:客服${i}`, "售前", "2025-01-01", 20000])]);
  return x;
}

async function build(x: ExcelDouble, engine: ReturnType<typeof createEngine>) {
  const sources = (await scanSources(x.run)).filter((s) => s.kind).map((s) => ({ sheet: s.sheet, kind: s.kind as SourceKind }));
  return runBuild({ run: x.run, sources, month: "2026-10", file: "t.xlsx", engine, onStep: () => undefined });
}

let reference: Awaited<ReturnType<typeof build>>["summary"];
let referenceBoard: unknown[][];
beforeAll(async () => {
  const x = workbook();
  reference = (await build(x, new LocalEngine("t.xlsx"))).summary;
  referenceBoard = x.rows("绩效看板");
  expect(reference.agents).toBe(5);
}, 30000);

test("worker.js starts: the build runs in the worker, the pane is not told anything, the sheets are the same", async () => {
  const made: InProcessWorker[] = [];
  const launcher = new WorkerLauncher(() => {
    const w = new InProcessWorker();
    made.push(w);
    return asWorker(w);
  });
  const fallback = jest.fn();
  const engine = createEngine("t.xlsx", { onFallback: fallback }, launcher) as FallbackEngine;
  const x = workbook();
  const r = await build(x, engine);
  expect(engine.kind).toBe("worker");
  expect(fallback).not.toHaveBeenCalled();
  expect(r.summary).toEqual(reference);
  expect(x.rows("绩效看板")).toEqual(referenceBoard);
  // The ping came first, then the build; the worker is let go after it.
  expect(made).toHaveLength(1);
  expect(made[0].received.map((m) => m.type).slice(0, 3)).toEqual(["ping", "begin", "head"]);
  expect(made[0].received.some((m) => m.type === "rows")).toBe(true);
  expect(made[0].terminated).toBe(true);
}, 30000);

describe.each([
  ["worker.js is missing (an error event, no exception)", () => asWorker(new MissingWorker()), /404/],
  ["worker.js throws while starting", () => asWorker(new CrashingWorker()), /importScripts is not a function/],
  ["the host forbids workers (the constructor throws)", () => {
    throw new Error("Refused to create a worker: Content Security Policy");
  }, /Content Security Policy/],
  ["worker.js never answers", () => asWorker(new SilentWorker()), /did not answer within 0.05 s/],
] as [string, () => Worker, RegExp][])("%s", (_name, make, reason) => {
  test("the same build runs in-page and the pane is told why", async () => {
    const launcher = new WorkerLauncher(make, 50);
    const fallback = jest.fn();
    const engine = createEngine("t.xlsx", { onFallback: fallback }, launcher) as FallbackEngine;
    const x = workbook();
    const r = await build(x, engine);
    expect(engine.kind).toBe("local");
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(fallback.mock.calls[0][0]).toMatch(reason);
    expect(r.summary).toEqual(reference);
    expect(x.rows("绩效看板")).toEqual(referenceBoard);
  }, 30000);
});

test("once worker.js has failed, later runs go in-page at once without trying again", async () => {
  let made = 0;
  const launcher = new WorkerLauncher(() => {
    made++;
    return asWorker(new MissingWorker());
  });
  expect((await launcher.start()).worker).toBeNull();
  const second = await launcher.start();
  expect(second).toEqual({ worker: null, reason: expect.stringMatching(/404/) });
  expect(made).toBe(1);
});

test("a worker that started and then fails mid-build fails that build with its message (no silent half result)", async () => {
  class DiesOnRows extends InProcessWorker {
    protected override receive(m: Parameters<InProcessWorker["postMessage"]>[0]): void {
      if (m.type === "rows") return this.error("out of memory");
      super.receive(m);
    }
  }
  const engine = createEngine("t.xlsx", {}, new WorkerLauncher(() => asWorker(new DiesOnRows())));
  await expect(build(workbook(), engine)).rejects.toThrow("out of memory");
}, 30000);
