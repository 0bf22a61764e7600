import { ExcelDouble } from "../support/excelDouble";
import { rowRuns, writeWorkbookSpec } from "../../src/excel/write";
import { WRITE_SLICE_CELLS } from "../../src/excel/chunks";
import { carryManagerValues, readBoard, type BoardSheet } from "../../src/core";
import { readSheetRows } from "../../src/excel/read";
import { listSheets } from "../../src/excel/owned";
import { CancelledError } from "../../src/excel/types";
import { MAX_REQUEST_BYTES, MAX_REQUEST_CELLS } from "../../src/excel/payload";
import type { ColumnSpec, SheetSpec, SpecCell, WorkbookSpec } from "../../src/core/sheets/types";
import { penaltySpec, performanceSpec } from "./specs";

const HOSTILE = [
  '=HYPERLINK("http://evil","点我")',
  "=cmd|' /C calc'!A0",
  "@SUM(1)",
  "+1+2",
  "-3",
  "\t=1+1",
  "\r=1+1",
  "00123",
  "2873000000000000000",
  "<script>alert(1)</script>",
];

function sourceWorkbook(): ExcelDouble {
  const x = new ExcelDouble();
  x.addSheet("订单", [
    ["订单编号", "买家会员名", "买家实际支付金额", "订单备注"],
    ["2873000000000000001", "=HYPERLINK(\"http://evil\",\"x\")", 12.5, "KF01 小美"],
    ["2873000000000000002", "tom", 30, "@SUM(1)"],
  ], [{ column: 0, format: "@" }, { column: 1, format: "@" }, { column: 3, format: "@" }]);
  x.addSheet("考勤", [["姓名", "日期"], ["小美", 46296]]);
  return x;
}

function workbook(sheets: SheetSpec[]): WorkbookSpec {
  return { month: "2026-10", sheets };
}

function snapshots(x: ExcelDouble, names: string[]): string[] {
  return names.map((n) => x.sheet(n).snapshot());
}

describe("writeWorkbookSpec", () => {
  test("lays a sheet out as title, subtitle, header, data from row 4 and blocks after a blank row", async () => {
    const x = sourceWorkbook();
    const spec = penaltySpec([
      { id: "P1", amount: 10 },
      { id: "P2", amount: 50 },
    ]);
    const result = await writeWorkbookSpec(x.run, workbook([spec]));
    expect(result.messages).toEqual([]);
    expect(result.sheets[0]).toMatchObject({ key: "penalties", name: "罚款台账", rows: 2, firstDataRow: 4, lastDataRow: 5 });
    const rows = x.rows("罚款台账");
    expect(rows[0][0]).toBe("罚款台账 2026-10");
    expect(rows[1][0]).toBe("Penalty ledger · 2026-10");
    expect(rows[2]).toEqual(spec.columns.map((c) => c.header));
    expect(rows[3].slice(0, 4)).toEqual(["P1", 46296, "KF00", 10]);
    expect(rows[3][6]).toBe('=$D4*(COUNTIFS($E4,"是")=0)');
    expect(rows[5].every((v) => v === null)).toBe(true); // blank row
    expect(rows[6][0]).toBe("合计 Total");
    expect(rows[7][0]).toBe("部门基金 Fund");
    expect(rows[7][3]).toBe("=SUM($G$4:$G$5)");
    const s = x.sheet("罚款台账");
    expect(s.format(3, 1)).toBe("yyyy-mm-dd");
    expect(s.format(3, 3)).toBe("¥#,##0.00");
    expect(s.format(3, 0)).toBe("@");
    expect(s.customProperties.get("kefuboard.owned")?.value).toBe("penalties");
    expect(JSON.parse(s.customProperties.get("kefuboard.layout")!.value)).toEqual({ id: 0, m: { waived: 4, remark: 5 } });
    expect(s.freeze).toEqual({ rows: 3, columns: 1 });
    expect(s.autoFilter).toBe("'罚款台账'!A3:G5");
    expect(s.validations).toEqual([
      { address: "'罚款台账'!E4:E5", rule: { list: { inCellDropDown: true, source: "是,Y" } }, errorAlert: { showAlert: false, style: "Information", title: "", message: "" } },
    ]);
    expect(s.tabColor).toBe("#C00000");
    expect(s.columnWidths.get(0)).toBeCloseTo((18 * 7 + 5) * 0.75);
    expect(s.styles).toContainEqual({ address: "'罚款台账'!A3:G3", prop: "font.bold", value: true });
    expect(s.styles).toContainEqual({ address: "'罚款台账'!A8:G8", prop: "font.bold", value: true });
  });

  test("hostile strings stay text in text and non-text columns; formulas stay formulas", async () => {
    const x = new ExcelDouble();
    const columns: ColumnSpec[] = [
      { key: "name", header: "买家 Buyer", format: "text", width: 20 },
      { key: "amount", header: "金额 Amount", format: "money", width: 12 },
      { key: "f", header: "公式 Formula", format: "money", width: 12 },
    ];
    const spec: SheetSpec = {
      key: "orders",
      name: "订单明细",
      nameEn: "Orders",
      title: "=1+1",
      subtitle: "@x",
      tabColor: "#A5A5A5",
      columns,
      rows: HOSTILE.map((h, i): SpecCell[] => [h, h, { f: `SUM(B${4 + i})`, v: 0 }]),
      blocks: [],
      freeze: { rows: 3, columns: 0 },
      autoFilter: false,
    };
    await writeWorkbookSpec(x.run, workbook([spec]));
    const s = x.sheet("订单明细");
    HOSTILE.forEach((h, i) => {
      for (const c of [0, 1]) {
        expect(s.formula(3 + i, c)).toBeNull();
        expect(s.value(3 + i, c)).toBe(h);
      }
      expect(s.formula(3 + i, 2)).toBe(`=SUM(B${4 + i})`);
    });
    expect(s.value(0, 0)).toBe("=1+1");
    expect(s.formula(0, 0)).toBeNull();
    expect(s.value(1, 0)).toBe("@x");
  });

  test("the double does turn such strings into formulas without the text format (the guard is needed)", async () => {
    const x = new ExcelDouble();
    x.addSheet("t", []);
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("t").getRange("A1:C1").values = [[HOSTILE[0], "@SUM(1)", "00123"]];
    });
    expect(x.sheet("t").formula(0, 0)).toBe(HOSTILE[0]);
    expect(x.sheet("t").formula(0, 1)).toBe("=@SUM(1)");
    expect(x.sheet("t").value(0, 2)).toBe(123);
  });

  test("a user's sheet with a report's name is never touched; the report goes to 'name (2)' and is replaced there on rebuild", async () => {
    const x = sourceWorkbook();
    x.addSheet("绩效看板", [["我自己的表"], ["my own notes", 1, 2]]);
    const before = snapshots(x, ["订单", "考勤", "绩效看板"]);
    const spec = performanceSpec([["KF01", "小美", 1234.5, 0.25], ["KF02", "阿强", 99, 0.1]]);
    const r1 = await writeWorkbookSpec(x.run, workbook([spec, penaltySpec([{ id: "P1", amount: 10 }])]));
    expect(r1.sheets.map((s) => s.name)).toEqual(["绩效看板 (2)", "罚款台账"]);
    expect(r1.messages.map((m) => m.code)).toEqual(["sheet.renamed"]);
    expect(r1.messages[0].zh).toContain("绩效看板 (2)");
    expect(r1.messages[0].en).toContain('"绩效看板"');
    expect(snapshots(x, ["订单", "考勤", "绩效看板"])).toEqual(before);

    const r2 = await writeWorkbookSpec(x.run, workbook([performanceSpec([["KF03", "新人", 5, 0]]), penaltySpec([])]));
    expect(r2.sheets.map((s) => s.name)).toEqual(["绩效看板 (2)", "罚款台账"]);
    expect(x.sheetNames()).toEqual(["订单", "考勤", "绩效看板", "绩效看板 (2)", "罚款台账"]);
    expect(snapshots(x, ["订单", "考勤", "绩效看板"])).toEqual(before);
    const board = x.rows("绩效看板 (2)");
    expect(board[3].slice(0, 4)).toEqual([1, "KF03", "新人", 5]);
    expect(board.length).toBe(6); // the old second agent row is gone: cleared, not left behind
    expect(x.sheet("绩效看板 (2)").charts).toHaveLength(1);

    // Once the user's sheet is gone, the report takes its proper name back (same sheet, renamed).
    await x.run(async (ctx) => ctx.workbook.worksheets.getItem("绩效看板").delete());
    const r3 = await writeWorkbookSpec(x.run, workbook([performanceSpec([["KF03", "新人", 5, 0]])]));
    expect(r3.sheets[0].name).toBe("绩效看板");
    expect(r3.messages).toEqual([]);
    expect(x.sheetNames()).toEqual(["订单", "考勤", "绩效看板", "罚款台账"]);
  });

  test("references to a renamed report sheet follow it (formulas and links)", async () => {
    const x = new ExcelDouble();
    x.addSheet("罚款台账", [["user's own"]]);
    await writeWorkbookSpec(x.run, workbook([performanceSpec([["KF01", "小美", 1, 0.5]]), penaltySpec([{ id: "P1", amount: 10 }])]));
    const board = x.rows("绩效看板");
    expect(board[3][5]).toBe("=SUMIFS('罚款台账 (2)'!$G:$G,'罚款台账 (2)'!$C:$C,$B4)");
    expect(board[5][2]).toBe(`=HYPERLINK("#'罚款台账 (2)'!A4","罚款明细 → ledger")`);
  });

  test("chart: collected as clustered columns by agent, conversion as a line on the secondary axis; highlights", async () => {
    const x = new ExcelDouble();
    await writeWorkbookSpec(x.run, workbook([performanceSpec([["KF01", "小美", 1234.5, 0.25], ["KF02", "阿强", 99, 0.1]])]));
    const s = x.sheet("绩效看板");
    expect(s.charts).toHaveLength(1);
    const c = s.charts[0];
    expect(c.type).toBe("ColumnClustered");
    expect(c.title).toBe("回款与询单转化率");
    expect(c.series.map((x) => [x.name, x.values, x.xValues, x.chartType, x.axisGroup])).toEqual([
      ["回款 Collected", "'绩效看板'!D4:D5", "'绩效看板'!C4:C5", "ColumnClustered", "Primary"],
      ["询单转化率 Conversion", "'绩效看板'!E4:E5", "'绩效看板'!C4:C5", "Line", "Secondary"],
    ]);
    // The xlsx writer's series colours (core/sheets/theme.ts): bars filled, the line stroked.
    expect(c.series.map((x) => [x.fillColor, x.lineColor])).toEqual([
      ["#2E75B6", undefined],
      [undefined, "#ED7D31"],
    ]);
    // Below the table, where the xlsx writer anchors it (core/sheets/print.ts).
    expect(c.position).toEqual(["B10", "M29"]);
    expect(s.conditionalFormats).toEqual([
      { type: "Custom", address: "'绩效看板'!F4:F5", rule: { formula: "=AND(ISNUMBER(F4),F4<>0)" }, fontColor: "#9C0006", fillColor: "#FFC7CE" },
    ]);
    expect(s.freeze).toEqual({ rows: 3, columns: 3 });
  });

  /** What the pane's pipeline does around the write: the owned sheets' cells read, interpreted by the engine's board reader. */
  async function board(x: ExcelDouble) {
    const sheets: BoardSheet[] = [];
    for (const s of await listSheets(x.run)) if (s.owned === "penalties") sheets.push({ sheet: s.name, key: s.owned, rows: (await readSheetRows(x.run, s.name)) ?? [] });
    return readBoard({ file: "book.xlsx", sheets });
  }
  async function rebuild(x: ExcelDouble, spec: WorkbookSpec) {
    const b = await board(x);
    const sheets = spec.sheets.map((s) => (b.values.has(s.key) ? carryManagerValues(s, b.values.get(s.key)!).spec : s));
    return writeWorkbookSpec(x.run, { ...spec, sheets });
  }
  const readManagerState = async (x: ExcelDouble) => (await board(x)).state;

  test("manager columns survive a rebuild; entries whose row disappeared go to a 'removed' block, then come back", async () => {
    const x = sourceWorkbook();
    const before = snapshots(x, ["订单", "考勤"]);
    await writeWorkbookSpec(x.run, workbook([penaltySpec([{ id: "P1", amount: 10 }, { id: "P2", amount: 20 }, { id: "P3", amount: 50 }])]));
    // The manager waives P1 and comments on P3, in the sheet.
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("罚款台账");
      ws.getRange("E4").values = [["是"]];
      ws.getRange("F6").values = [["=投诉已撤回 withdrawn"]];
    });
    expect(await readManagerState(x)).toEqual({ P1: { waived: true }, P3: { remark: "=投诉已撤回 withdrawn" } });

    // Rebuild without P3 (its source row was deleted) and with a new P4.
    const r = await rebuild(x, workbook([penaltySpec([{ id: "P1", amount: 10 }, { id: "P2", amount: 20 }, { id: "P4", amount: 10 }])]));
    expect(r.sheets[0].removed).toBe(1);
    expect(r.messages.map((m) => m.code)).toEqual(["manager.removed"]);
    let rows = x.rows("罚款台账");
    expect(rows[3].slice(0, 6)).toEqual(["P1", 46296, "KF00", 10, "是", null]);
    expect(rows[5][0]).toBe("P4");
    const removedAt = rows.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("已移除"));
    expect(removedAt).toBeGreaterThan(8);
    expect(rows[removedAt + 1][0]).toBe("P3");
    expect(rows[removedAt + 1][5]).toBe("=投诉已撤回 withdrawn");
    expect(x.sheet("罚款台账").formula(removedAt + 1, 5)).toBeNull();
    expect(await readManagerState(x)).toEqual({ P1: { waived: true }, P3: { remark: "=投诉已撤回 withdrawn" } });

    // A second rebuild still without P3 keeps it (read back from the removed block).
    await rebuild(x, workbook([penaltySpec([{ id: "P1", amount: 10 }])]));
    expect(await readManagerState(x)).toEqual({ P1: { waived: true }, P3: { remark: "=投诉已撤回 withdrawn" } });

    // P3 comes back: its remark returns to its row and the removed block is gone.
    const r3 = await rebuild(x, workbook([penaltySpec([{ id: "P1", amount: 10 }, { id: "P3", amount: 50 }])]));
    expect(r3.sheets[0].removed).toBe(0);
    rows = x.rows("罚款台账");
    expect(rows[4][0]).toBe("P3");
    expect(rows[4][5]).toBe("=投诉已撤回 withdrawn");
    expect(rows.some((r) => typeof r[0] === "string" && r[0].startsWith("已移除"))).toBe(false);
    expect(snapshots(x, ["订单", "考勤"])).toEqual(before);
  });

  test("calculation is manual during every write and restored after, also on cancel", async () => {
    const x = sourceWorkbook();
    await writeWorkbookSpec(x.run, workbook([penaltySpec([{ id: "P1", amount: 10 }])]));
    const writes = x.data.requests.filter((r) => r.wrote && r.cellsWritten > 0);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((r) => r.calculationMode === "Manual")).toBe(true);
    expect(x.data.calculationMode).toBe("Automatic");

    x.data.calculationMode = "AutomaticExceptTables";
    const abort = new AbortController();
    const p = writeWorkbookSpec(x.run, workbook([penaltySpec([]), performanceSpec([["KF01", "a", 1, 0]])]), (e) => {
      if (e.step === "format") abort.abort();
    }, { signal: abort.signal });
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(x.data.calculationMode).toBe("AutomaticExceptTables");
  });

  test("the rules sheet is created when missing and never replaced", async () => {
    const x = new ExcelDouble();
    const rules: SheetSpec = { ...penaltySpec([]), key: "rules", name: "规则", idColumn: undefined, columns: [{ key: "c0", header: "项目", format: "text", width: 10 }], rows: [["a"]], blocks: [] };
    await writeWorkbookSpec(x.run, workbook([rules]));
    expect(x.rows("规则")[3]).toEqual(["a"]);
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("规则").getRange("A4").values = [["edited"]];
    });
    const r = await writeWorkbookSpec(x.run, workbook([{ ...rules, rows: [["b"]] }]));
    expect(r.sheets[0].skipped).toBe(true);
    expect(r.messages.map((m) => m.code)).toEqual(["sheet.kept"]);
    expect(x.rows("规则")[3]).toEqual(["edited"]);
  });

  test("ownership is read back in two requests", async () => {
    const x = sourceWorkbook();
    await writeWorkbookSpec(x.run, workbook([penaltySpec([{ id: "P1", amount: 1 }])]));
    x.resetStats();
    const sheets = await listSheets(x.run);
    expect(x.syncCount).toBe(2);
    expect(sheets.map((s) => [s.name, s.owned])).toEqual([["订单", null], ["考勤", null], ["罚款台账", "penalties"]]);
  });

  test("a chunk's cells are converted in slices of WRITE_SLICE_CELLS, the page yielding between them", async () => {
    const x = new ExcelDouble();
    const N = 6000;
    const spec = penaltySpec(Array.from({ length: N }, (_v, i) => ({ id: "P" + i, amount: i % 90 })));
    let pauses = 0;
    const res = await writeWorkbookSpec(x.run, workbook([spec]), undefined, { pause: async () => void pauses++ });
    expect(res.sheets[0].rows).toBe(N);
    const cells = (N + 3) * spec.columns.length;
    // At least one yield per WRITE_SLICE_CELLS converted cells, less one per request.
    const writes = x.data.requests.filter((r) => r.cellsWritten > 0).length;
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(cells / WRITE_SLICE_CELLS) - writes);
    expect(pauses).toBeGreaterThan(0);
    expect(x.rows("罚款台账")[3 + N - 1][0]).toBe("P" + (N - 1));
  });

  test("per-row styles go as one range per run of rows", () => {
    expect(rowRuns([3, 4, 5, 9, 11, 12])).toEqual([
      [3, 3],
      [9, 1],
      [11, 2],
    ]);
    expect(rowRuns([])).toEqual([]);
  });

  test("a 200,000-row sheet is written in payload-sized chunks under Office's limits", async () => {
    const x = new ExcelDouble();
    const columns: ColumnSpec[] = [
      { key: "id", header: "订单编号 Order id", format: "text", width: 22 },
      { key: "buyer", header: "买家 Buyer", format: "text", width: 14 },
      { key: "paid", header: "实付 Paid", format: "money", width: 12 },
      { key: "date", header: "日期 Date", format: "date", width: 12 },
      { key: "agent", header: "工号 Agent", format: "text", width: 8 },
      { key: "note", header: "备注 Note", format: "text", width: 30 },
      { key: "collected", header: "回款 Collected", format: "money", width: 12 },
    ];
    const N = 200_000;
    const rows: SpecCell[][] = new Array(N);
    const note = "KF03 王小美, 1.8*2.4米, 定制图案, 10月9日发货, 顺丰";
    for (let i = 0; i < N; i++) {
      rows[i] = [String(2873000000000000000n + BigInt(i)), "买家" + (i % 977), (i % 5000) / 100, { date: "2026-10-15" }, "KF0" + (i % 9), note, { f: `C${4 + i}`, v: 0 }];
    }
    const spec: SheetSpec = { key: "orders", name: "订单明细", nameEn: "Orders", title: "订单明细", subtitle: "", tabColor: "#A5A5A5", columns, rows, idColumn: 0, blocks: [], freeze: { rows: 3, columns: 1 }, autoFilter: true };
    const t0 = Date.now();
    // Every row (paging.ts would write the first page only): this is about the chunks.
    const res = await writeWorkbookSpec(x.run, workbook([spec]), undefined, { detailPageRows: Infinity });
    const ms = Date.now() - t0;
    expect(res.sheets[0].rows).toBe(N);
    const chunks = x.data.requests.filter((r) => r.cellsWritten > 0);
    expect(x.maxRequestBytes()).toBeLessThan(MAX_REQUEST_BYTES);
    expect(x.maxCells()).toBeLessThan(MAX_REQUEST_CELLS);
    // ~330 bytes a row → about 9,000 rows per request: tens of requests, not thousands.
    expect(chunks.length).toBeGreaterThanOrEqual(10);
    expect(chunks.length).toBeLessThan(60);
    expect(x.sheet("订单明细").value(3 + N - 1, 0)).toBe(String(2873000000000000000n + BigInt(N - 1)));
    expect(x.sheet("订单明细").format(3 + N - 1, 0)).toBe("@");
    console.log(`write 200k×7: ${x.syncCount} syncs, ${chunks.length} data chunks, max ${x.maxRequestBytes()} bytes, ${x.maxCells()} cells, ${ms} ms`);
  });
});
