/**
 * Text cut to Excel's 32,767-character cell limit is counted per sheet for the pane's result
 * summary, from the same marker the sheet layer writes.
 */
import { buildMonth } from "../../src/core/engine";
import { defaultRules } from "../../src/core/rules/defaults";
import { buildWorkbookSpec } from "../../src/core/sheets";
import { cellText, MAX_CELL_TEXT } from "../../src/core/sheets/layout";
import type { WorkbookSpec } from "../../src/core/sheets/types";
import { summarise } from "../../src/taskpane/summary";
import { CUT_MARK, isCut, truncatedCells } from "../../src/taskpane/truncation";
import { agent, dataset, order } from "../core/engine/build";

test("the marker is the one cellText writes", () => {
  expect(CUT_MARK).toBe("…[截断 truncated]");
  expect(cellText("x".repeat(MAX_CELL_TEXT + 5)).endsWith(CUT_MARK)).toBe(true);
});

test.each([
  ["a cut text", cellText("a".repeat(MAX_CELL_TEXT + 1)), true],
  ["a text cut before an emoji's second half (one shorter)", cellText("a".repeat(MAX_CELL_TEXT - CUT_MARK.length - 1) + "😀".repeat(100)), true],
  ["exactly 32,767 characters, not cut", "a".repeat(MAX_CELL_TEXT), false],
  ["a short text that happens to end with the marker", "备注" + CUT_MARK, false],
  ["a link whose text was cut", { text: cellText("b".repeat(40000)), target: "订单!A1" }, true],
  ["a number", 42, false],
  ["null", null, false],
  ["a formula", { f: "SUM(A1:A2)", v: 3 }, false],
] as [string, Parameters<typeof isCut>[0], boolean][])("%s", (_n, cell, cut) => {
  expect(isCut(cell)).toBe(cut);
});

test("counts per sheet, main rows and blocks, sheets with none left out", () => {
  const long = cellText("n".repeat(50000));
  const spec = {
    month: "2026-10",
    sheets: [
      { name: "未归属订单", rows: [["a", long], [long, 1]], blocks: [{ rows: [[long]] }] },
      { name: "绩效看板", rows: [["KF01", 3]], blocks: [] },
      { name: "罚款台账", rows: [[long]], blocks: [] },
    ],
  } as unknown as WorkbookSpec;
  expect(truncatedCells(spec)).toEqual([
    { sheet: "未归属订单", cells: 3 },
    { sheet: "罚款台账", cells: 1 },
  ]);
});

test("a 40,000-character seller note: the pane's summary says how many cells were cut and on which sheets", () => {
  const note = "尺寸2*2米，".repeat(6000); // 42,000 characters, no agent code
  const data = dataset({
    roster: [agent("KF01", "小美")],
    orders: [order({ id: "2873190462331520001", note }), order({ id: "2873190462331520002", note: "KF01 正常备注" })],
  });
  const report = buildMonth(data, defaultRules(), { month: "2026-10" });
  const spec = buildWorkbookSpec(report);
  const summary = summarise(report, spec);
  expect(summary.truncated!.length).toBeGreaterThan(0);
  const bySheet = Object.fromEntries(summary.truncated!.map((t) => [t.sheet, t.cells]));
  // Every sheet that shows the whole note has exactly one cut cell (the note), nothing else is
  // cut (the 问题 sheet quotes only its first 200 characters).
  for (const s of spec.sheets) {
    const holdsNote = s.rows.some((r) => r.some((c) => typeof c === "string" && c.length > 1000 && c.startsWith("尺寸2*2米，尺寸")));
    expect([s.name, bySheet[s.name] ?? 0]).toEqual([s.name, holdsNote ? 1 : 0]);
  }
  // Without a long text, nothing is reported.
  const plain = buildMonth(dataset({ roster: [agent("KF01", "小美")], orders: [order({ id: "2873190462331520003", note: "KF01" })] }), defaultRules(), { month: "2026-10" });
  expect(summarise(plain, buildWorkbookSpec(plain)).truncated).toEqual([]);
});

test("订单明细 stays lazy: its cut cells are counted row by row, its rows are not turned into an array kept with the spec", () => {
  const buyer = "买".repeat(40000);
  const data = dataset({
    roster: [agent("KF01", "小美")],
    orders: [order({ id: "2873190462331520011", note: "KF01", buyer }), order({ id: "2873190462331520012", note: "KF01" })],
  });
  const report = buildMonth(data, defaultRules(), { month: "2026-10" });
  const spec = buildWorkbookSpec(report);
  const detail = spec.sheets.find((s) => s.key === "orders")!;
  expect(detail.rowAt).toBeDefined();
  // The long buyer is a text.too_long finding: the rows must be looked at.
  expect(detail.cutFree).toBeUndefined();
  const summary = summarise(report, spec);
  expect(Object.fromEntries(summary.truncated!.map((t) => [t.sheet, t.cells]))[detail.name]).toBe(1);
  // Still lazy after the count (a settled sheet drops rowAt).
  expect(detail.rowAt).toBeDefined();
  expect(detail.rowCount).toBe(2);
  // No field too long anywhere: the count may skip the rows.
  const plain = buildMonth(dataset({ roster: [agent("KF01", "小美")], orders: [order({ id: "2873190462331520013", note: "KF01" })] }), defaultRules(), { month: "2026-10" });
  expect(buildWorkbookSpec(plain).sheets.find((s) => s.key === "orders")!.cutFree).toBe(true);
});
