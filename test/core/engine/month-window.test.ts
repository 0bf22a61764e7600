/** The month a build picks, and what it says of rows outside that month. */
import { buildMonth, pickMonth } from "../../../src/core/engine";
import type { Dataset } from "../../../src/core/model";
import { defaultRules } from "../../../src/core/rules/defaults";
import { agent, at, dataset, incident, order, sales, shift } from "./build";

describe("pickMonth never picks a month from a date outside 2000–2099", () => {
  const t = (y: number, mo: number, d: number) => Date.UTC(y, mo - 1, d, 10);
  test.each([
    ["one order of 9999-12 beside one of 2026-10", [t(9999, 12, 31), t(2026, 10, 3)], "2026-10"],
    ["three orders of 9999-12 beside one of 2026-10", [t(9999, 12, 31), t(9999, 12, 30), t(9999, 12, 1), t(2026, 10, 3)], "2026-10"],
    ["1900-01 only", [t(1900, 1, 1)], null],
    ["1999-12 only", [t(1999, 12, 31)], null],
    ["2000-01 (the window's first month)", [t(2000, 1, 1)], "2000-01"],
    ["2099-12 (the window's last month)", [t(2099, 12, 31)], "2099-12"],
    ["2100-01 (past the window)", [t(2100, 1, 1)], null],
    ["NaN", [NaN], null],
  ] as [string, number[], string | null][])("%s", (_, paid, month) => {
    expect(pickMonth(paid.map((paidAt) => ({ paidAt })))).toBe(month);
  });
});

describe("rows outside the built month: one info per file and kind, counted, with the dates seen", () => {
  const rules = defaultRules();
  const month = "2026-10";
  const outside = (data: Dataset, r = rules) =>
    buildMonth(data, r, { month })
      .problems.filter((p) => p.code.endsWith(".outside_month"))
      .map((p) => [p.severity, p.code, p.file, p.value, p.zh.match(/（(20[^）]*)）/)?.[1] ?? ""]);
  const o = (n: number, paidAt: number | null, file = "orders.csv") => {
    const x = order({ id: `28731904623315${String(20000 + n)}`, note: "KF01", paidAt });
    x.source = { ...x.source, file };
    return x;
  };
  const cases: [string, Dataset, (string | number)[][]][] = [
    ["orders on the month's first and last second: none", dataset({ orders: [o(1, at("2026-10-01", "00:00")), o(2, Date.UTC(2026, 9, 31, 23, 59, 59))] }), []],
    [
      "orders a second before and at the end of the month",
      dataset({ orders: [o(1, Date.UTC(2026, 8, 30, 23, 59, 59)), o(2, at("2026-11-01", "00:00")), o(3, at("2026-10-05"))] }),
      [["info", "orders.outside_month", "orders.csv", "2", "2026-09-30 至 2026-11-01"]],
    ],
    ["an unpaid order (no payment time) is not outside the month", dataset({ orders: [o(1, null)] }), []],
    [
      "two order files, counted apart",
      dataset({ orders: [o(1, at("2026-09-03"), "a.csv"), o(2, at("2026-09-04"), "b.csv"), o(3, at("2026-09-01"), "a.csv")] }),
      [
        ["info", "orders.outside_month", "a.csv", "2", "2026-09-01 至 2026-09-03"],
        ["info", "orders.outside_month", "b.csv", "1", "2026-09-04"],
      ],
    ],
    [
      "attendance of 09-30 and 11-01",
      dataset({ shifts: [shift("KF01", "2026-09-30", "白班", "08:25", "17:35"), shift("KF01", "2026-10-01", "白班", "08:25", "17:35"), shift("KF01", "2026-11-01", "白班", "08:25", "17:35")] }),
      [["info", "attendance.outside_month", "attendance.xlsx", "2", "2026-09-30 至 2026-11-01"]],
    ],
    ["sales rows without a date (the month's summary) are the month's", dataset({ sales: [sales("小店:小美", null), sales("小店:小美", "2026-10-31")] }), []],
    ["a sales row of 2026-11-01", dataset({ sales: [sales("小店:小美", "2026-11-01")] }), [["info", "sales.outside_month", "sales.xlsx", "1", "2026-11-01"]]],
    ["a complaint typed as 2026-11-03", dataset({ incidents: [incident("KF01", "2026-10-03", "投诉"), incident("KF01", "2026-11-03", "投诉")] }), [["info", "incidents.outside_month", "incidents.xlsx", "1", "2026-11-03"]]],
  ];
  test.each(cases)("%s", (_, data, want) => {
    expect(outside({ ...data, roster: [agent("KF01", "小美", "小店:小美")] })).toEqual(want);
  });

  test("with 确认收货时间 as the month's date, the message names it and counts by it", () => {
    const r = defaultRules();
    r.sales.dateBasis = "confirmed";
    const x = o(1, at("2026-10-05"));
    x.confirmedAt = at("2026-11-02");
    const p = buildMonth(dataset({ orders: [x], roster: [agent("KF01", "小美")] }), r, { month }).problems.find((q) => q.code === "orders.outside_month")!;
    expect([p.value, p.column]).toEqual(["1", "确认收货时间"]);
    expect(p.zh).toContain("确认收货时间不在 2026-10（2026-11-02）");
    expect(p.en).toContain("confirmation time outside 2026-10 (2026-11-02)");
  });

  test("a quarter's end still counts the quarter's earlier orders, while saying they are not this month's", () => {
    const data = dataset({ orders: [o(1, at("2026-07-10")), o(2, at("2026-08-10")), o(3, at("2026-09-10"))], roster: [agent("KF01", "小美")] });
    const report = buildMonth(data, rules, { month: "2026-09" });
    expect(report.problems.filter((p) => p.code === "orders.outside_month").map((p) => p.value)).toEqual(["2"]);
    expect(report.commission[0].quarterlyCollected).toBe(30000);
  });
});
