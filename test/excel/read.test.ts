import { ExcelDouble } from "../support/excelDouble";
import { PAGE_SLICE_ROWS, readSource, scanSources } from "../../src/excel/read";
import { writeWorkbookSpec } from "../../src/excel/write";
import { CancelledError } from "../../src/excel/types";
import { MAX_REQUEST_BYTES, MAX_REQUEST_CELLS } from "../../src/excel/payload";
import { ORDER_WIDTH, orderCell, orderId, paidOf } from "./orderSheet";
import { penaltySpec } from "./specs";

function smallOrders(n: number): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (let r = 0; r <= n; r++) {
    const row: (string | number)[] = [];
    for (let c = 0; c < ORDER_WIDTH; c++) row.push(orderCell(r, c) as string | number);
    rows.push(row);
  }
  return rows;
}

describe("readSource", () => {
  test("a 200,000 × 73 order sheet: only the needed columns, in chunks under 4 MB and 5,000,000 cells", async () => {
    const N = 200_000;
    const x = new ExcelDouble();
    const sheet = x.addGeneratedSheet("订单", N + 1, ORDER_WIDTH, orderCell);
    const steps: number[] = [];
    const t0 = Date.now();
    const result = await readSource(x.run, "订单", "orders", (p) => steps.push(p.done));
    const ms = Date.now() - t0;
    expect(result.kind).toBe("orders");
    expect(result.rowsRead).toBe(N);
    expect(result.data.orders).toHaveLength(N);
    expect(result.data.orders[N - 1].id).toBe(orderId(N - 1));
    expect(result.data.orders[12345].paid).toBe(paidOf(12345) * 100);
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(x.maxRequestBytes()).toBeLessThan(MAX_REQUEST_BYTES);
    expect(x.maxCells()).toBeLessThan(MAX_REQUEST_CELLS);
    const reads = x.data.requests.filter((r) => r.cellsRead > 0);
    // Head (12 rows × 73, values and text) once; after that no chunk reads anywhere near 73 cells a row.
    expect(reads[0].cellsRead).toBe(2 * 12 * ORDER_WIDTH);
    const chunkCells = reads.slice(1).reduce((n, r) => n + r.cellsRead, 0);
    expect(chunkCells / (N - 11)).toBeLessThan(30);
    expect(reads.length).toBeLessThan(80);
    expect(x.syncCount).toBe(reads.length + 1);
    expect(steps[steps.length - 1]).toBe(N + 1);
    expect(sheet.mutations).toBe(0);
    console.log(`read 200k×73: ${x.syncCount} syncs, max ${x.maxRequestBytes()} bytes, max ${x.maxCells()} cells, ${(chunkCells / (N - 11)).toFixed(1)} cells/row, ${ms} ms`);
  });

  test("on the page: a chunk is imported in slices of sliceRows rows, the page yielding between them", async () => {
    const N = 20_000;
    const x = new ExcelDouble();
    x.addGeneratedSheet("订单", N + 1, ORDER_WIDTH, orderCell);
    const done: number[] = [];
    let pauses = 0;
    const result = await readSource(x.run, "订单", "orders", (p) => done.push(p.done), { sliceRows: 700, pause: async () => void pauses++ });
    expect(result.data.orders).toHaveLength(N);
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    // Chunk sizes from the progress (head first); each chunk of n rows yields ceil(n / 700) - 1 times.
    const sizes = done.slice(1).map((d, i) => d - done[i]);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeGreaterThan(700);
    expect(pauses).toBe(sizes.reduce((n, k) => n + Math.ceil(k / 700) - 1, 0));
    // The default slice is PAGE_SLICE_ROWS rows.
    let defaultPauses = 0;
    await readSource(x.run, "订单", "orders", undefined, { pause: async () => void defaultPauses++ });
    expect(defaultPauses).toBe(sizes.reduce((n, k) => n + Math.ceil(k / PAGE_SLICE_ROWS) - 1, 0));
  });

  test("an order id Excel turned into a number is reported as the manager sees it (2.87E+18)", async () => {
    const x = new ExcelDouble();
    const rows = smallOrders(3);
    rows[2][0] = 2873190462331523456 as number; // typed into a General cell: digits lost
    x.addSheet("订单", rows, [{ column: 0, format: "@" }]);
    const r = await readSource(x.run, "订单", "orders");
    expect(r.data.orders.map((o) => o.id)).toEqual([orderId(0), orderId(2)]);
    const p = r.problems.find((q) => q.row === 3);
    expect(p).toBeDefined();
    expect(p!.value).toBe("2.87319E+18");
    expect(p!.sheet).toBe("订单");
  });

  test("reads the used range from row 1 whatever the chunk size, and stops when cancelled", async () => {
    const x = new ExcelDouble();
    x.addGeneratedSheet("订单", 60001, ORDER_WIDTH, orderCell);
    const abort = new AbortController();
    const p = readSource(x.run, "订单", "orders", (e) => {
      if (e.done > 12) abort.abort();
    }, { signal: abort.signal });
    await expect(p).rejects.toBeInstanceOf(CancelledError);
  });

  test("a staff number shown as 003 is read as 003", async () => {
    const x = new ExcelDouble();
    x.addSheet("花名册", [["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"], [3, "小美", "店:小美", "售前", "2025-01-02", 20000]], [{ column: 0, format: "000" }]);
    x.addSheet("pad", [["x"]]);
    const r = await readSource(x.run, "花名册", "roster");
    expect(r.kind).toBe("roster");
    expect(r.data.roster[0].staffNo).toBe("003");
  });
});

describe("scanSources", () => {
  test("lists every export with kind, rows and month; skips the add-in's sheets and 规则; touches nothing", async () => {
    const x = new ExcelDouble();
    x.addSheet("订单", smallOrders(40), [{ column: 0, format: "@" }]);
    x.addSheet("考勤", [
      ["姓名", "工号", "日期", "班次", "上班打卡", "下班打卡"],
      ["小美", "KF01", "2026-10-01", "白班", "08:29", "17:31"],
      ["小美", "KF01", "2026-10-02", "白班", "08:35", "17:31"],
    ]);
    x.addSheet("备忘", [["随便写写"], ["nothing here"]]);
    x.addSheet("空表", []);
    x.addSheet("规则", [["项目", "值"]]);
    await writeWorkbookSpec(x.run, { month: "2026-10", sheets: [penaltySpec([{ id: "P1", amount: 1 }])] });
    const before = ["订单", "考勤", "备忘", "空表"].map((n) => x.sheet(n).snapshot());
    x.resetStats();
    const sources = await scanSources(x.run);
    expect(sources.map((s) => [s.sheet, s.kind, s.rows, s.month])).toEqual([
      ["订单", "orders", 40, "2026-10"],
      ["考勤", "attendance", 2, "2026-10"],
      ["备忘", null, 0, null],
      ["空表", null, 0, null],
    ]);
    expect(x.syncCount).toBe(4);
    expect(["订单", "考勤", "备忘", "空表"].map((n) => x.sheet(n).snapshot())).toEqual(before);
    expect(x.data.requests.every((r) => !r.wrote)).toBe(true);
  });
});
