/**
 * Export presets beyond the golden fixtures: the one-cell day verdicts of 企业微信, the day
 * columns of a month grid, and the ERP-number join in both directions (the joining row before
 * or after the row that needs it).
 */
import { dayColumnOf, dayVerdicts } from "../../src/core/import/attendance";
import { importSheet } from "../../src/core/import";

describe("企业微信 day verdicts (考勤概况, 月度汇总 cells)", () => {
  test.each([
    ["正常", true, true, { in: "normal", out: "normal" }],
    ["迟到1次", true, true, { in: "late", out: "normal" }],
    ["严重迟到1次", true, true, { in: "seriousLate", out: "normal" }],
    ["迟到1次;早退1次", true, true, { in: "late", out: "early" }],
    ["缺卡1次", true, false, { in: "normal", out: "missing" }],
    ["缺卡1次", false, true, { in: "missing", out: "normal" }],
    ["休息", false, false, { in: "rest", out: "rest" }],
    ["旷工", false, false, { in: "absent", out: "absent" }],
    ["事假", false, false, { in: "leave", out: "leave" }],
    ["地点异常", true, true, { in: "normal", out: "normal" }],
    ["", true, true, null],
    ["--", true, true, null],
    ["见审批", true, true, undefined],
  ])("%s (in %s, out %s)", (text, hasIn, hasOut, want) => {
    expect(dayVerdicts(text, hasIn, hasOut)).toEqual(want);
  });
});

describe("a month grid's day columns", () => {
  test.each([
    ["1", { day: 1, month: null }],
    ["01 四", { day: 1, month: null }],
    ["15日", { day: 15, month: null }],
    ["3号(周六)", { day: 3, month: null }],
    ["10-01 星期四", { day: 1, month: 10 }],
    ["10月31日", { day: 31, month: 10 }],
    ["每日考勤/07", { day: 7, month: null }],
    ["32", null],
    ["0", null],
    ["13-01", null],
    ["应打卡天数", null],
  ])("%s", (header, want) => {
    expect(dayColumnOf(header)).toEqual(want);
  });
});

describe("ERP numbers joined to the platform id through the file's own columns", () => {
  const head = ["内部单号", "线上单号", "已付金额", "付款日期", "备注"];
  test("the joining row may come after the row that needs it", () => {
    const r = importSheet({
      file: "聚水潭.xlsx",
      sheet: "订单",
      rows: [head, ["501", "", "10", "2026-10-03 10:00:00", "KF01"], ["501", "2873190462331529999", "10", "2026-10-03 10:00:00", "KF01"]],
    });
    expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(r.data.orders.map((o) => [o.id, o.source.row])).toEqual([
      ["2873190462331529999", 3],
      ["2873190462331529999", 2],
    ]);
  });
  test("a blank platform id with no ERP number is the usual empty-id error", () => {
    const r = importSheet({ file: "e.xlsx", sheet: "s", rows: [head, ["", "", "10", "2026-10-03 10:00:00", ""]] });
    expect(r.problems.map((p) => p.code)).toEqual(["order.id.empty"]);
  });
  test("a Taobao export's broken id is not taken for an ERP number", () => {
    const r = importSheet({ file: "t.csv", sheet: "t", rows: [["订单编号", "买家实际支付金额", "订单状态"], ["12345", "10", "交易成功"]] });
    expect(r.problems.map((p) => p.code)).toEqual(["order.id.invalid"]);
  });
});
