import { importSheet } from "../../src/core/import";
import type { Cell } from "../../src/core/import/types";
import { CSV_ENCODINGS, errors, importCsv, importXlsx, withoutSource } from "./helpers";

const QIANNIU: Cell[][] = [
  ["客服绩效 统计时间：2026-10-01 ~ 2026-10-31  店铺：小店旗舰店"],
  ["日期", "旺旺昵称", "询单人数", "询单最终付款人数", "询单最终付款转化率", "询单最终付款金额", "首次响应时长（秒)", "平均响应时长（秒)", "客户满意率", "旺旺回复率", "成功退款金额"],
  ["2026-10-01", "小店旗舰店:小美", "51", "16", "31.37%", "3,235.87", "7.1", "27.5", "95.55%", "99.00%", "8.00"],
  ["20261002", "小店旗舰店:小丽", "40", "10", "25.00%", "1200.00", "12", "30.25", "100.00%", "98.50%", ""],
  ["2026-10-02", "小店旗舰店:小芳", "abc", "3", "", "300", "", "", "", "", ""],
  ["", "汇总值", "91", "26", "28.57%", "4435.87", "", "", "", "", ""],
  ["", "平均值", "45", "13", "28.57%", "2217.94", "9.5", "28.9", "97.7%", "98.8%", ""],
  ["", "全店汇总值", "200", "50", "25%", "9000", "", "", "", "", ""],
  ["", "同行同层均值", "3200", "1100", "34.38%", "215000.00", "18.0", "40.0", "93.00%", "97.00%", ""],
];

describe("sales: 千牛 per-agent export", () => {
  const check = (r: ReturnType<typeof importSheet>) => {
    expect(r.recognition).toMatchObject({ kind: "sales", variant: "qianniu", headerRow: 2 });
    // Summary rows are not agents and not counted as data rows.
    expect(r.rowsRead).toBe(3);
    expect(r.data.sales.map((s) => s.nick)).toEqual(["小店旗舰店:小美", "小店旗舰店:小丽", "小店旗舰店:小芳"]);
    expect(r.data.sales[0]).toMatchObject({ date: "2026-10-01", inquiries: 51, payers: 16, sales: 323587, firstResponseSec: 7.1, avgResponseSec: 27.5, refunds: 800, provisional: false });
    expect(r.data.sales[0].satisfaction).toBeCloseTo(0.9555, 10);
    expect(r.data.sales[1]).toMatchObject({ date: "2026-10-02", refunds: null, satisfaction: 1 });
    // 询单人数 "abc" beside 3 payers: neither side counts (3 payers over no inquiries would lift the conversion).
    expect(r.data.sales[2]).toMatchObject({ inquiries: 0, payers: 0, avgResponseSec: null });
    expect(r.problems.filter((p) => p.code === "sales.conversion.half").map((p) => [p.row, p.column])).toEqual([[5, "询单人数"]]);
    const summaries = r.problems.filter((p) => p.code === "sales.summary_row");
    expect(summaries.map((p) => [p.severity, p.row, p.value])).toEqual([
      ["info", 6, "汇总值"],
      ["info", 7, "平均值"],
      ["info", 8, "全店汇总值"],
      ["info", 9, "同行同层均值"],
    ]);
    expect(summaries[0].zh).toBe("「汇总值」是汇总行，不是客服，已跳过");
    expect(summaries[0].en).toBe('"汇总值" is a summary row, not an agent; skipped');
    const bad = r.problems.find((p) => p.code === "sales.count.invalid")!;
    expect(bad).toMatchObject({ severity: "warning", row: 5, column: "询单人数", value: "abc" });
    expect(bad.en).toContain("expected a whole number, 0 or more");
    expect(errors(r)).toEqual([]);
  };
  test("in memory", () => check(importSheet({ file: "千牛.xlsx", sheet: "客服绩效", rows: QIANNIU })));
  test.each(CSV_ENCODINGS)("as CSV in %s", (enc) => check(importCsv(QIANNIU, enc, "sales")));
  test("as xlsx", async () => check(await importXlsx(QIANNIU, "sales")));
  test("same records from every encoding", () => {
    const base = withoutSource(importCsv(QIANNIU, "utf8").data.sales);
    for (const enc of CSV_ENCODINGS) expect(withoutSource(importCsv(QIANNIU, enc).data.sales)).toEqual(base);
  });
});

test("a 日期 holding a period means the row covers it (date null, no problem)", () => {
  const r = importSheet({ file: "q.xlsx", sheet: "s", rows: [["日期", "旺旺昵称", "询单人数", "询单最终付款人数"], ["2026-10-01~2026-10-31", "小店旗舰店:小美", 30, 10], ["2026-10-01 至 2026-10-31", "小店旗舰店:小丽", 20, 5]] });
  expect(r.data.sales.map((s) => s.date)).toEqual([null, null]);
  expect(r.problems).toEqual([]);
});

test("a 千牛 export naming the nick column 旺旺", () => {
  const r = importSheet({ file: "q.xlsx", sheet: "s", rows: [["日期", "旺旺", "询单人数", "询单最终付款人数", "询单最终付款金额"], ["2026-10-01", "小店旗舰店:小美", 3, 1, 99]] });
  expect(r.recognition.kind).toBe("sales");
  expect(r.data.sales[0]).toMatchObject({ nick: "小店旗舰店:小美", inquiries: 3, payers: 1, sales: 9900 });
});

describe("sales: 赤兔 Chitu custom report", () => {
  const CHITU: Cell[][] = [
    ["客服昵称", "聊天人数(原咨询人数)", "接待人数", "询单人数", "销售额", "销售量", "销售人数", "销售订单数"],
    ["小店旗舰店:小美", "120", "110", "60", "12,345.60", "40", "30", "32"],
    ["小店旗舰店:小丽", "90", "85", "50", "延迟统计", "延迟统计", "20", "延迟统计"],
    ["汇总", "210", "195", "110", "12345.6", "40", "50", "32"],
    ["均值", "105", "97.5", "55", "6172.8", "20", "25", "16"],
  ];
  test("no date column (a period), 延迟统计 → provisional, 汇总/均值 skipped", () => {
    const r = importSheet({ file: "赤兔.xlsx", sheet: "自定义报表", rows: CHITU });
    expect(r.recognition).toMatchObject({ kind: "sales", variant: "chitu" });
    expect(r.data.sales).toHaveLength(2);
    expect(r.data.sales[0]).toMatchObject({ nick: "小店旗舰店:小美", date: null, consultations: 120, inquiries: 60, payers: 30, sales: 1234560, orders: 32, provisional: false });
    expect(r.data.sales[1]).toMatchObject({ sales: null, orders: null, payers: 20, provisional: true });
    const prov = r.problems.find((p) => p.code === "sales.provisional")!;
    expect(prov).toMatchObject({ severity: "info", row: 3, value: "小店旗舰店:小丽" });
    expect(prov.zh).toContain("延迟统计");
    expect(r.problems.filter((p) => p.code === "sales.summary_row").map((p) => p.row)).toEqual([4, 5]);
    expect(r.rowsRead).toBe(2);
  });
  test("as GBK CSV", () => {
    const r = importCsv(CHITU, "gbk");
    expect(r.data.sales[1].provisional).toBe(true);
    expect(r.data.sales[0].sales).toBe(1234560);
  });
});

describe("sales: more paying buyers than inquiring ones is a warning on the row, the figures kept", () => {
  const cases: [string, string[], Cell[], string | null][] = [
    ["payers = inquiries", ["客服昵称", "日期", "询单人数", "询单最终付款人数"], ["小店:小美", "2026-10-02", "4", "4"], null],
    ["payers one more than inquiries", ["客服昵称", "日期", "询单人数", "询单最终付款人数"], ["小店:小美", "2026-10-02", "3", "4"], "「询单最终付款人数」4 大于「询单人数」3"],
    ["payers with no inquiries at all", ["客服昵称", "日期", "询单人数", "询单最终付款人数"], ["小店:小美", "2026-10-02", "0", "1"], "「询单最终付款人数」1 大于「询单人数」0"],
    ["no 询单人数 column: compared with 咨询人数", ["客服昵称", "日期", "咨询人数", "销售人数", "销售额"], ["小店:小美", "2026-10-02", "2", "5", "500"], "「销售人数」5 大于「咨询人数」2"],
    ["询单人数 present: 咨询人数 is not the measure", ["客服昵称", "日期", "咨询人数", "询单人数", "询单最终付款人数"], ["小店:小美", "2026-10-02", "1", "6", "5"], null],
  ];
  test.each(cases)("%s", (_, head, row, zh) => {
    const r = importCsv([head, row], "utf8", "sales");
    const [rec] = r.data.sales;
    expect(rec.payers).toBe(Number(row[head.findIndex((h) => /付款人数|销售人数/.test(h))]));
    const p = r.problems.filter((x) => x.code === "sales.payers.exceed_inquiries");
    if (zh === null) return expect(p).toEqual([]);
    expect(p.map((x) => [x.severity, x.file, x.row, x.column])).toEqual([["warning", "t.csv", 2, head.find((h) => /付款人数|销售人数/.test(h))]]);
    expect(p[0].zh).toContain(zh);
    expect(p[0].zh).toContain("不封顶");
    expect(p[0].en).toContain("not capped");
  });
});

describe("sales: a response time as the tools and managers write it is seconds", () => {
  // Hand conversion: 1分23秒 = 60 + 23 = 83 s; 1.38分钟 = 1.38 × 60 = 82.8 s; 00:01:23 = 83 s.
  const rows = (unit: string): Cell[][] => [
    ["日期", "旺旺昵称", "询单人数", "询单->最终付款人数", "询单->最终付款金额", `平均响应时长${unit}`],
    ["2026-10-01", "店:小美", 10, 4, "100", "83"],
    ["2026-10-02", "店:小美", 10, 4, "100", "83秒"],
    ["2026-10-03", "店:小美", 10, 4, "100", "1分23秒"],
    ["2026-10-04", "店:小美", 10, 4, "100", "1分钟23秒"],
    ["2026-10-05", "店:小美", 10, 4, "100", "00:01:23"],
    ["2026-10-06", "店:小美", 10, 4, "100", "01:23"],
    ["2026-10-07", "店:小美", 10, 4, "100", "1.38分钟"],
    ["2026-10-08", "店:小美", 10, 4, "100", "—"],
    ["2026-10-09", "店:小美", 10, 4, "100", "/"],
  ];
  const seconds = (r: ReturnType<typeof importSheet>) => r.data.sales.map((s) => s.avgResponseSec);
  test.each(["(秒)", ""])("under 平均响应时长%s", (unit) => {
    const r = importSheet({ file: "千牛.xlsx", sheet: "客服绩效", rows: rows(unit) }, "sales");
    expect(seconds(r)).toEqual([83, 83, 83, 83, 83, 83, 82.8, null, null]);
    expect(r.problems).toEqual([]);
  });
  test.each(CSV_ENCODINGS)("as CSV in %s", (enc) => {
    expect(seconds(importCsv(rows("(秒)"), enc, "sales"))).toEqual([83, 83, 83, 83, 83, 83, 82.8, null, null]);
  });
  test("a column in minutes: its bare numbers are minutes, never read as seconds", async () => {
    const minutes: Cell[][] = [
      ["日期", "旺旺昵称", "询单人数", "询单->最终付款人数", "询单->最终付款金额", "平均响应时长(分钟)", "首次响应时间（min）"],
      ["2026-10-01", "店:小美", 10, 4, "100", "1.38", 0.5],
      ["2026-10-02", "店:小美", 10, 4, "100", "1分23秒", "45秒"],
    ];
    const r = importSheet({ file: "千牛.xlsx", sheet: "客服绩效", rows: minutes }, "sales");
    expect(r.data.sales.map((s) => [s.avgResponseSec, s.firstResponseSec])).toEqual([[82.8, 30], [83, 45]]);
    expect((await importXlsx(minutes, "sales")).data.sales.map((s) => s.avgResponseSec)).toEqual([82.8, 83]);
  });
  test.each(["1分23", "abc", "00:99", "#N/A", "-5"])("%p is unreadable: a located warning, the figure left empty", (v) => {
    const r = importSheet({ file: "千牛.xlsx", sheet: "客服绩效", rows: [rows("(秒)")[0], ["2026-10-01", "店:小美", 10, 4, "100", v]] }, "sales");
    expect(r.data.sales[0].avgResponseSec).toBeNull();
    const p = r.problems.find((x) => x.code === "sales.seconds.invalid")!;
    expect(p).toMatchObject({ severity: "warning", row: 2, column: "平均响应时长(秒)", value: v });
    expect(p.zh).toContain("1分23秒");
    expect(p.en).toContain("a duration");
  });
});

describe("sales: a row giving only one side of the conversion gives neither", () => {
  // Agent 小美: row 2 gives 10 inquiries and 2 payers; row 3 one side only. By hand the conversion
  // is 2 ÷ 10 = 20%; counting row 3's side would give 7 ÷ 10 = 70% or 2 ÷ 20 = 10%.
  const head = ["客服昵称", "日期", "询单人数", "询单最终付款人数"];
  test.each([
    ["#N/A inquiries", "#N/A", "5", "询单人数"],
    ["#DIV/0! inquiries", "#DIV/0!", "5", "询单人数"],
    ["blank inquiries", "", "5", "询单人数"],
    ["— inquiries", "—", "5", "询单人数"],
    ["#N/A payers", "10", "#N/A", "询单最终付款人数"],
  ])("%s", (_n, inq, pay, column) => {
    const r = importCsv([head, ["小店:小美", "2026-10-01", "10", "2"], ["小店:小美", "2026-10-02", inq, pay]], "gbk", "sales");
    const inquiries = r.data.sales.reduce((a, s) => a + s.inquiries, 0);
    const payers = r.data.sales.reduce((a, s) => a + s.payers, 0);
    expect([inquiries, payers]).toEqual([10, 2]);
    const p = r.problems.filter((x) => x.code === "sales.conversion.half");
    expect(p.map((x) => [x.severity, x.row, x.column])).toEqual([["warning", 3, column]]);
    expect(p[0].zh).toContain("都不计入");
    expect(p[0].en).toContain("both left out");
  });
  test.each([
    ["both blank", "", ""],
    ["both —", "—", "/"],
    ["payers blank (nobody paid)", "10", ""],
  ])("%s: no warning", (_n, inq, pay) => {
    const r = importCsv([head, ["小店:小美", "2026-10-02", inq, pay]], "utf8", "sales");
    expect(r.problems).toEqual([]);
  });
});

describe("sales: a manager's summary line is not an agent", () => {
  const head = ["日期", "旺旺昵称", "询单人数", "询单->最终付款人数", "询单->最终付款金额"];
  const agent: Cell[] = ["2026-10-01", "店:小美", 10, 4, "100"];
  test.each([
    ["合计 in 日期, the nick blank, at the bottom", [agent, ["合计", "", 10, 4, "100"]], 3, "日期", "合计"],
    ["平均 in 日期, at the top", [["平均", null, 10, 4, "100"], agent], 2, "日期", "平均"],
    ["全部", [agent, ["2026-10-01", "全部", 10, 4, "100"]], 3, "旺旺昵称", "全部"],
    ["所有客服", [agent, ["", "所有客服", 10, 4, "100"]], 3, "旺旺昵称", "所有客服"],
    ["客服汇总", [agent, ["", "客服汇总", 10, 4, "100"]], 3, "旺旺昵称", "客服汇总"],
    ["店铺合计", [agent, ["", "店铺合计", 10, 4, "100"]], 3, "旺旺昵称", "店铺合计"],
  ] as [string, Cell[][], number, string, string][])("%s: skipped with an info, the agent read once", (_n, rows, row, column, value) => {
    const r = importCsv([head, ...rows], "gbk", "sales");
    expect(r.data.sales.map((s) => [s.nick, s.inquiries])).toEqual([["店:小美", 10]]);
    expect(r.problems.map((p) => [p.severity, p.code, p.row, p.column, p.value])).toEqual([["info", "sales.summary_row", row, column, value]]);
  });
  test("a row with neither nick nor label is still an error", () => {
    const r = importCsv([head, agent, ["2026-10-02", "", 10, 4, "100"]], "utf8", "sales");
    expect(r.problems.map((p) => [p.severity, p.code, p.row])).toEqual([["error", "sales.nick.missing", 3]]);
  });
});

/**
 * A period summary export (no 日期 column) says its period in its banner (统计时间 / 统计周期 /
 * 时间), its file name or a 统计周期 column: its rows cover that period, so it counts in the month
 * it names only. Said nowhere, the rows count in whatever month is built, and a warning says so.
 */
describe("sales: the period of an export without a 日期 column", () => {
  const HEAD: Cell[] = ["客服昵称", "询单人数", "销售人数", "销售额"];
  const ROW: Cell[] = ["小店旗舰店:小美", "60", "30", "1234.5"];
  test.each([
    ["banner 统计时间", "赤兔.xlsx", [["客服绩效 统计时间：2026-09-01 ~ 2026-09-30  店铺：小店旗舰店"]], { from: "2026-09-01", to: "2026-09-30" }],
    ["banner 统计周期 in 年月日", "赤兔.xlsx", [["统计周期：2026年9月1日至2026年9月30日"]], { from: "2026-09-01", to: "2026-09-30" }],
    ["banner 时间, a month", "赤兔.xlsx", [["时间：2026年9月"]], { from: "2026-09-01", to: "2026-09-30" }],
    ["banner, one day", "赤兔.xlsx", [["统计日期：2026/09/05"]], { from: "2026-09-05", to: "2026-09-05" }],
    ["file name with the month", "客服绩效-2026-09.xlsx", [], { from: "2026-09-01", to: "2026-09-30" }],
    ["file name with both days", "赤兔_20260901-20260930.xlsx", [], { from: "2026-09-01", to: "2026-09-30" }],
    ["file name 2026年2月", "赤兔2026年2月.xlsx", [], { from: "2026-02-01", to: "2026-02-28" }],
    ["the sheet's name (a sheet pasted into a workbook)", "Book1.xlsx", [], { from: "2026-09-01", to: "2026-09-30" }],
    ["the banner before the file name", "客服绩效-2026-10.xlsx", [["统计时间：2026-09-01 ~ 2026-09-30"]], { from: "2026-09-01", to: "2026-09-30" }],
  ] as [string, string, Cell[][], { from: string; to: string }][])("%s", (_n, file, banner, period) => {
    const r = importSheet({ file, sheet: file.startsWith("Book") ? "客服绩效 2026-09" : "自定义报表", rows: [...banner, HEAD, ROW] }, "sales");
    expect(r.data.sales.map((s) => [s.date, s.period])).toEqual([[null, period]]);
    expect(r.problems.filter((p) => p.code === "sales.period.unknown")).toEqual([]);
  });
  test("a 统计周期 column is the row's period", () => {
    const r = importSheet({ file: "赤兔.xlsx", sheet: "s", rows: [["统计周期", ...HEAD], ["2026-09-01~2026-09-30", ...ROW]] }, "sales");
    expect(r.data.sales[0]).toMatchObject({ date: null, period: { from: "2026-09-01", to: "2026-09-30" } });
  });
  test("said nowhere: one located warning, the rows kept", () => {
    const r = importSheet({ file: "赤兔.xlsx", sheet: "自定义报表", rows: [HEAD, ROW, ["小店旗舰店:小丽", "50", "20", "100"]] }, "sales");
    expect(r.data.sales.map((s) => s.period)).toEqual([undefined, undefined]);
    const p = r.problems.filter((x) => x.code === "sales.period.unknown");
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ severity: "warning", file: "赤兔.xlsx", sheet: "自定义报表", value: "2" });
    expect(p[0].zh).toContain("统计时段");
    expect(p[0].en).toContain("whatever month is built");
  });
  test("a dated export is not given a period", () => {
    const r = importSheet({ file: "客服绩效-2026-09.xlsx", sheet: "s", rows: [["统计时间：2026-09-01 ~ 2026-09-30"], ["日期", ...HEAD], ["2026-10-03", ...ROW]] }, "sales");
    expect(r.data.sales.map((s) => [s.date, s.period])).toEqual([["2026-10-03", undefined]]);
    expect(r.problems.filter((p) => p.code === "sales.period.unknown")).toEqual([]);
  });
});

/**
 * A report giving the conversion (询单转化率) but no 付款人数 column: payers read as 0 made every
 * agent's conversion 0% without a word. Payers are inquiries × rate, rounded (40 × 12.5% = 5),
 * however the rate is written, and the sheet says they were worked out.
 */
describe("sales: payers from the conversion when the report has no payers column", () => {
  test.each([
    ["12.5%", 40, 5],
    [0.125, 40, 5],
    ["12.5", 40, 5],
    ["31.37%", 51, 16],
    ["", 40, 0],
  ] as [Cell, number, number][])("询单转化率 %p of %p inquiries → %p payers", (rate, inquiries, payers) => {
    const r = importSheet({ file: "赤兔.xlsx", sheet: "s", rows: [["日期", "客服昵称", "询单人数", "询单转化率", "销售额"], ["2026-10-01", "店A:小美", inquiries, rate, "100"]] }, "sales");
    expect(r.data.sales[0]).toMatchObject({ inquiries, payers });
    const told = r.problems.filter((p) => p.code === "sales.payers.from_rate");
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ severity: "info", column: "询单转化率" });
  });
  // A header naming its unit: a bare number under 「(%)」 is in percent — 0.5 is 0.5 %, not 50 %.
  test.each([
    ["询单转化率(%)", 0.5, 200, 1],
    ["询单转化率（%）", 12.5, 40, 5],
    ["询单转化率(%)", "12.5%", 40, 5],
    ["询单转化率", 0.5, 200, 100],
  ] as [string, Cell, number, number][])("%s %p of %p inquiries → %p payers", (header, rate, inquiries, payers) => {
    const r = importSheet({ file: "赤兔.xlsx", sheet: "s", rows: [["日期", "客服昵称", "询单人数", header, "销售额"], ["2026-10-01", "店A:小美", inquiries, rate, "100"]] }, "sales");
    expect(r.data.sales[0]).toMatchObject({ inquiries, payers });
  });
  test("a payers column wins over the rate", () => {
    const r = importSheet({ file: "q.xlsx", sheet: "s", rows: [["日期", "旺旺昵称", "询单人数", "询单最终付款人数", "询单最终付款转化率"], ["2026-10-01", "店A:小美", 40, 6, "12.5%"]] }, "sales");
    expect(r.data.sales[0].payers).toBe(6);
    expect(r.problems.filter((p) => p.code === "sales.payers.from_rate")).toEqual([]);
  });
});

test.each([["150%"], ["abc"]])("a conversion of %p gives no payers, and the row's inquiries are left out with them", (rate) => {
  const r = importSheet({ file: "赤兔.xlsx", sheet: "s", rows: [["日期", "客服昵称", "询单人数", "询单转化率"], ["2026-10-01", "店A:小美", 40, rate]] }, "sales");
  expect(r.data.sales[0]).toMatchObject({ inquiries: 0, payers: 0 });
  expect(r.problems.map((p) => [p.code, p.column])).toEqual(expect.arrayContaining([["sales.rate.invalid", "询单转化率"], ["sales.conversion.half", "询单转化率"]]));
});

/** A monthly report writes its 日期 as the month: the row covers that month (was: an unreadable date, counted in any month). */
test.each([
  ["2026-10", { from: "2026-10-01", to: "2026-10-31" }],
  ["2026年10月", { from: "2026-10-01", to: "2026-10-31" }],
  ["2026/2", { from: "2026-02-01", to: "2026-02-28" }],
])("a 日期 of %p is the month's period", (cell, period) => {
  const r = importSheet({ file: "q.xlsx", sheet: "s", rows: [["日期", "旺旺昵称", "询单人数", "询单最终付款人数"], [cell, "小店旗舰店:小美", 30, 10]] });
  expect(r.data.sales.map((s) => [s.date, s.period])).toEqual([[null, period]]);
  expect(r.problems).toEqual([]);
});

test("a 日期 of 2026-13 is no month: an unreadable date, said", () => {
  const r = importSheet({ file: "q.xlsx", sheet: "s", rows: [["日期", "旺旺昵称", "询单人数", "询单最终付款人数"], ["2026-13", "小店旗舰店:小美", 30, 10]] });
  expect(r.data.sales[0].period).toBeUndefined();
  expect(r.problems.map((p) => [p.code, p.row, p.column])).toEqual([["sales.date.invalid", 2, "日期"]]);
});

/** A period no day of which can be read, or ending before it starts, counted in any month without a word; now said on the cell. */
test.each([["2026-10-01~2026-13-40"], ["2026-10-31~2026-10-01"]])("an unreadable period %p is a located warning", (cell) => {
  const r = importSheet({ file: "q.xlsx", sheet: "s", rows: [["日期", "旺旺昵称", "询单人数", "询单最终付款人数"], [cell, "小店旗舰店:小美", 30, 10]] });
  expect(r.data.sales[0]).toMatchObject({ date: null, inquiries: 30 });
  const p = r.problems.filter((x) => x.code === "sales.date.invalid");
  expect(p.map((x) => [x.severity, x.row, x.column, x.value])).toEqual([["warning", 2, "日期", cell]]);
  expect(p[0].en).toContain("2026-10-01~2026-10-31");
});

/** A dated export with a row whose 日期 is blank: the row covers the sheet's period if it names one, and is told otherwise. */
describe("sales: a blank 日期 cell", () => {
  const rows = (banner: Cell[][]): Cell[][] => [...banner, ["日期", "旺旺昵称", "询单人数", "询单最终付款人数"], ["2026-10-01", "店A:小美", 3, 1], ["", "店A:小静", 30, 10]];
  test("under a title naming September: September's period", () => {
    const r = importSheet({ file: "q.xlsx", sheet: "s", rows: rows([["统计时间：2026-09-01 ~ 2026-09-30"]]) }, "sales");
    expect(r.data.sales.map((s) => [s.date, s.period])).toEqual([["2026-10-01", undefined], [null, { from: "2026-09-01", to: "2026-09-30" }]]);
    expect(r.problems).toEqual([]);
  });
  test("named nowhere: a warning at the row", () => {
    const r = importSheet({ file: "q.xlsx", sheet: "s", rows: rows([]) }, "sales");
    expect(r.data.sales[1]).toMatchObject({ date: null, inquiries: 30 });
    expect(r.problems.map((p) => [p.code, p.severity, p.row, p.value])).toEqual([["sales.period.unknown", "warning", 3, "1"]]);
    expect(r.problems[0].zh).toContain("日期为空");
  });
});

/** A row with no nick but its 工号 / 姓名 (a report keyed by staff): the agent is known, the row is kept under that key. */
test.each([
  [["工号", "客服昵称", "询单人数", "销售人数"], ["KF01", "", 10, 4], "KF01"],
  [["姓名", "客服昵称", "询单人数", "销售人数"], ["王美", "", 10, 4], "王美"],
])("a blank nick beside %p is named by it", (head, row, key) => {
  const r = importSheet({ file: "赤兔-2026-10.xlsx", sheet: "s", rows: [head, row, ["合计", "", 10, 4]] }, "sales");
  expect(r.data.sales.map((s) => [s.nick, s.inquiries, s.payers])).toEqual([[key, 10, 4]]);
  expect(r.problems.map((p) => p.code)).toEqual(["sales.summary_row"]);
});
