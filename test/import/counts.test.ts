/**
 * Counts (询单人数, 付款人数 …) and other figures read as numbers: a value no export can
 * mean — NaN, ±Infinity, 1E300, a 400-digit string, 2^53 — is a located warning and an empty
 * field; the row is still imported and nothing throws.
 */
import { importSheet } from "../../src/core/import";
import { isCount, isUsableNumber } from "../../src/core/import/context";
import type { Cell } from "../../src/core/import/types";
import { importXlsx } from "./helpers";

const HEAD = ["日期", "旺旺昵称", "询单人数", "询单最终付款人数", "询单最终付款金额", "平均响应时长(秒)", "客户满意率"];
const DIGITS_400 = "1" + "0".repeat(400);

/** How a problem shows the value: as text, cut at 200 characters. */
const shown = (v: Cell) => (String(v).length > 200 ? String(v).slice(0, 200) + "…" : String(v));

function sheet(inquiries: Cell, avg: Cell = "20", sat: Cell = "95%"): Cell[][] {
  return [HEAD, ["2026-10-01", "小店旗舰店:小美", inquiries, "3", "300", avg, sat]];
}

describe("counts must be safe integers, 0 or more", () => {
  test.each([
    ["NaN cell", NaN],
    ["Infinity cell", Infinity],
    ["-Infinity cell", -Infinity],
    ["1E300 cell", 1e300],
    ["2^53 cell (not safe)", 2 ** 53],
    ["400-digit text", DIGITS_400],
    ["1e300 text", "1e300"],
    ["negative", -1],
    ["fraction", 1.5],
  ] as [string, Cell][])("%s → warning located on the cell, the row kept with 0 inquiries", (_, value) => {
    const r = importSheet({ file: "千牛.xlsx", sheet: "客服绩效", rows: sheet(value) });
    expect(r.rowsRead).toBe(1);
    expect(r.data.sales).toHaveLength(1);
    // Its 3 payers go with it: payers over no inquiries would lift the conversion (sales.test.ts).
    expect(r.data.sales[0]).toMatchObject({ nick: "小店旗舰店:小美", inquiries: 0, payers: 0, sales: 30000 });
    expect(r.problems.filter((p) => p.code === "sales.conversion.half").map((p) => [p.row, p.column])).toEqual([[2, "询单人数"]]);
    const bad = r.problems.filter((p) => p.code === "sales.count.invalid");
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ severity: "warning", file: "千牛.xlsx", sheet: "客服绩效", row: 2, column: "询单人数", value: shown(value) });
    expect(bad[0].zh).toBe("无法读取「询单人数」：应为非负整数（不超过 9007199254740991）；该项按空值处理，其余照常导入");
    expect(bad[0].en).toBe('cannot read "询单人数": expected a whole number, 0 or more (at most 9007199254740991); the field is left empty and the rest of the row is kept');
  });

  test.each([
    [0, 0],
    ["1,234", 1234],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    ["12人", 12],
  ] as [Cell, number][])("%p is read as %p without a problem", (value, n) => {
    const r = importSheet({ file: "千牛.xlsx", sheet: "客服绩效", rows: sheet(value) });
    // No reading problem; 0 inquiries beside the row's 3 payers is another finding (sales.test.ts).
    expect(r.problems.filter((p) => p.code !== "sales.payers.exceed_inquiries")).toEqual([]);
    expect(r.data.sales[0].inquiries).toBe(n);
  });

  test("a 1E300 number cell in a real xlsx is reported, not summed", async () => {
    const r = await importXlsx(sheet(1e300, 1e300), "sales");
    expect(r.data.sales).toHaveLength(1);
    expect(r.data.sales[0]).toMatchObject({ inquiries: 0, avgResponseSec: null });
    expect(r.problems.map((p) => [p.code, p.row, p.column])).toEqual([
      ["sales.count.invalid", 2, "询单人数"],
      ["sales.conversion.half", 2, "询单人数"],
      ["sales.seconds.invalid", 2, "平均响应时长(秒)"],
    ]);
  });
});

describe("plain numbers and rates must be finite and within ±2^53", () => {
  test.each([
    ["400-digit text", DIGITS_400],
    ["1E300 cell", 1e300],
    ["-1E300 cell", -1e300],
    ["Infinity cell", Infinity],
  ] as [string, Cell][])("response time %s → warning, field empty, row kept", (_, value) => {
    const r = importSheet({ file: "q.xlsx", sheet: "s", rows: sheet("5", value) });
    expect(r.data.sales[0]).toMatchObject({ inquiries: 5, avgResponseSec: null });
    const bad = r.problems.find((p) => p.code === "sales.seconds.invalid")!;
    expect(bad).toMatchObject({ severity: "warning", row: 2, column: "平均响应时长(秒)", value: shown(value) });
    expect(bad.en).toContain("expected a duration (e.g. 83, 83秒, 1分23秒");
    expect(bad.zh).toContain("应为时长（如 83、83秒、1分23秒");
  });

  test.each([
    ["400-digit percentage", DIGITS_400 + "%"],
    ["1E300 cell", 1e300],
  ] as [string, Cell][])("satisfaction %s → warning, field empty", (_, value) => {
    const r = importSheet({ file: "q.xlsx", sheet: "s", rows: sheet("5", "20", value) });
    expect(r.data.sales[0]).toMatchObject({ satisfaction: null, avgResponseSec: 20 });
    expect(r.problems.map((p) => [p.code, p.row, p.column])).toEqual([["sales.rate.invalid", 2, "客户满意率"]]);
  });

  test("attendance counters: 1E300 late minutes is reported and counted as 0, the day kept", () => {
    const r = importSheet({
      file: "考勤.xlsx",
      sheet: "考勤",
      rows: [
        ["工号", "日期", "班次", "上班打卡", "下班打卡", "迟到时长(分钟)", "事假(天)"],
        ["KF01", "2026-10-01", "白班", "08:40", "17:30", 1e300, DIGITS_400],
      ],
    });
    expect(r.data.shifts).toHaveLength(1);
    expect(r.data.shifts[0]).toMatchObject({ agentKey: "KF01", lateMinutes: 0, leaveDays: 0 });
    expect(r.problems.map((p) => [p.code, p.row, p.column])).toEqual([
      ["attendance.late.invalid", 2, "迟到时长(分钟)"],
      ["attendance.leave.invalid", 2, "事假(天)"],
    ]);
  });
});

test.each([
  [0, true, true],
  [3, true, true],
  [-3, false, true],
  [2.5, false, true],
  [Number.MAX_SAFE_INTEGER, true, true],
  [2 ** 53, false, false],
  [1e300, false, false],
  [Infinity, false, false],
  [NaN, false, false],
])("isCount(%p) = %p, isUsableNumber = %p", (v, count, usable) => {
  expect(isCount(v)).toBe(count);
  expect(isUsableNumber(v)).toBe(usable);
});
