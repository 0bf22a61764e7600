/**
 * The sales export's day for one sub-account counts once: two overlapping exports (or one pasted
 * twice) must not double an agent's inquiries, payers and sales. Figures by hand.
 */
import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { emptyDataset } from "../../../src/core/model";
import { importSheet } from "../../../src/core/import/importer";
import type { Cell } from "../../../src/core/import/types";

const HEAD = ["日期", "旺旺昵称", "询单人数", "询单->最终付款人数", "询单->最终付款金额", "平均响应时长(秒)"];
const ROSTER = [["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"], ["KF01", "王美", "店A:小美", "售前", "2021-01-01", 20000]];

function month(...files: Cell[][][]) {
  const data = emptyDataset();
  data.roster = importSheet({ file: "花名册.xlsx", sheet: "花名册", rows: ROSTER }, "roster").data.roster;
  files.forEach((rows, i) => data.sales.push(...importSheet({ file: `千牛${i + 1}.xlsx`, sheet: "客服绩效", rows: [HEAD, ...rows] }, "sales").data.sales));
  const r = buildMonth(data, defaultRules(), { month: "2026-10" });
  const p = r.performance.find((x) => x.agent.staffNo === "KF01")!;
  return { r, figures: [p.inquiries, p.payers, p.avgResponseSec], codes: r.problems.map((x) => x.code) };
}

const A1: Cell[] = ["2026-10-01", "店A:小美", 10, 4, "100", 30];
const A2: Cell[] = ["2026-10-02", "店A:小美", 20, 5, "200", 60];

test.each([
  ["a row pasted twice", [[A1, A2, A1]], { file: "千牛1.xlsx", row: 4 }],
  ["two overlapping exports", [[A1], [A1, A2]], { file: "千牛2.xlsx", row: 2 }],
] as [string, Cell[][][], { file: string; row: number }][])("%s: the day counts once", (_n, files, dropped) => {
  // 10 + 20 inquiries, 4 + 5 payers, response (10×30 + 20×60) ÷ 30 = 50 s.
  const m = month(...files);
  expect(m.figures).toEqual([30, 9, 50]);
  const p = m.r.problems.filter((x) => x.code === "sales.day.duplicate");
  expect(p).toHaveLength(1);
  expect(p[0]).toMatchObject({ severity: "warning", ...dropped });
  expect(p[0].zh).toContain("与 千牛1.xlsx / 客服绩效 第2行 完全相同");
});

test("two sub-accounts of one agent (two shops) on one day both count, silently", () => {
  const m = month([A1, ["2026-10-01", "店B:小美", 20, 5, "200", 60]]);
  expect(m.figures).toEqual([30, 9, 50]);
  expect(m.codes.filter((c) => c.startsWith("sales.day"))).toEqual([]);
});

test("one day twice with different figures: counted as given, reported", () => {
  const m = month([A1, ["2026-10-01", "店A:小美", 12, 4, "100", 30]]);
  expect(m.figures.slice(0, 2)).toEqual([22, 8]);
  const p = m.r.problems.find((x) => x.code === "sales.day.repeated")!;
  expect(p).toMatchObject({ severity: "warning", row: 2 });
  expect(p.en).toContain("may be counted twice");
});

test("a period row beside the same sub-account's daily rows is reported", () => {
  const m = month([A1, A2, ["2026-10-01~2026-10-31", "店A:小美", 30, 9, "300", 50]]);
  const p = m.r.problems.find((x) => x.code === "sales.period_and_days")!;
  expect(p).toMatchObject({ severity: "warning", row: 4 });
  expect(p.zh).toContain("算两遍");
});

test("a sales file given twice is one warning, the figures once", () => {
  const days: Cell[][] = [1, 2, 3, 4].map((d) => [`2026-10-0${d}`, "店A:小美", 10, 4, "100", 30]);
  const m = month(days, days);
  expect(m.figures).toEqual([40, 16, 30]);
  const p = m.r.problems.filter((x) => x.code === "sales.day.duplicate");
  expect(p.map((x) => [x.file, x.row, x.value])).toEqual([["千牛2.xlsx", 2, "4"]]);
});

describe("a period row (日期 2026-10-01~2026-10-31) counts in the month it names", () => {
  const row = (period: string): Cell[] => [period, "店A:小美", 30, 9, "300", 50];
  test.each([
    ["October", "2026-10-01~2026-10-31", [30, 9, 50], null],
    ["September", "2026-09-01~2026-09-30", [0, 0, null], "sales.outside_month"],
    ["reaching into September", "2026-09-16~2026-10-15", [30, 9, 50], "sales.period.straddles"],
    ["not a readable period", "2026-10-01~2026-13-40", [30, 9, 50], null],
  ] as [string, string, (number | null)[], string | null][])("%s", (_n, period, figures, code) => {
    const m = month([row(period)]);
    expect(m.figures).toEqual(figures);
    const told = m.codes.filter((c) => c === "sales.outside_month" || c === "sales.period.straddles");
    expect(told).toEqual(code === null ? [] : [code]);
  });
});

/**
 * 千牛 names the sub-account `店A:小美`, 赤兔 the same agent `小美`: both exports of one day are
 * one day, the shop-named row's figures kept (it names the sub-account as the roster and --shop do).
 */
describe("one agent-day in two tools (千牛 店A:小美, 赤兔 小美) counts once", () => {
  const CHITU = ["日期", "客服", "询单人数", "询单->最终付款人数", "询单->最终付款金额", "平均响应时长(秒)"];
  function twoTools(qianniu: Cell[][], chitu: Cell[][]) {
    const data = emptyDataset();
    data.roster = importSheet({ file: "花名册.xlsx", sheet: "花名册", rows: ROSTER }, "roster").data.roster;
    data.sales.push(...importSheet({ file: "千牛.xlsx", sheet: "客服绩效", rows: [HEAD, ...qianniu] }, "sales").data.sales);
    data.sales.push(...importSheet({ file: "赤兔.xlsx", sheet: "客服绩效", rows: [CHITU, ...chitu] }, "sales").data.sales);
    const r = buildMonth(data, defaultRules(), { month: "2026-10" });
    const p = r.performance.find((x) => x.agent.staffNo === "KF01")!;
    return { figures: [p.inquiries, p.payers, p.avgResponseSec], told: r.problems.filter((x) => x.code === "sales.day.two_tools"), codes: r.problems.map((x) => x.code) };
  }
  const bare = (day: string, inq: number, pay: number, resp: number): Cell[] => [day, "小美", inq, pay, "100", resp];
  test("赤兔's month for 小美 beside 千牛's days for 店A:小美 is reported, as for one nick", () => {
    const m = twoTools([A1, A2], [["2026-10-01~2026-10-31", "小美", 30, 9, "300", 50]]);
    expect(m.codes).toContain("sales.period_and_days");
  });
  test.each([
    // A1 alone: 10 inquiries, 4 payers, 30 s; the 赤兔 copy (equal or not) adds nothing.
    ["the same figures", [A1], [bare("2026-10-01", 10, 4, 30)], [10, 4, 30], 1],
    ["different figures: 千牛's kept", [A1], [bare("2026-10-01", 12, 6, 40)], [10, 4, 30], 1],
    // 10-01 from 千牛; 10-02 only in 赤兔 (20, 5, 60 s): (10×30 + 20×60) ÷ 30 = 50 s.
    ["赤兔 gives a day 千牛 lacks", [A1], [bare("2026-10-01", 12, 6, 40), bare("2026-10-02", 20, 5, 60)], [30, 9, 50], 1],
    // 店A:小美 10 + 店B:小美 20 on 10-01, the bare 小美 of that day dropped: (10×30 + 20×60) ÷ 30 = 50 s.
    ["two shops' sub-accounts and the bare nick", [A1, ["2026-10-01", "店B:小美", 20, 5, "200", 60]], [bare("2026-10-01", 30, 9, 50)], [30, 9, 50], 1],
    ["no day in common: both count", [A1], [bare("2026-10-02", 20, 5, 60)], [30, 9, 50], 0],
  ] as [string, Cell[][], Cell[][], (number | null)[], number][])("%s", (_n, qianniu, chitu, figures, told) => {
    const m = twoTools(qianniu, chitu);
    expect(m.figures).toEqual(figures);
    expect(m.told).toHaveLength(told);
    if (told === 0) return;
    expect(m.told[0]).toMatchObject({ severity: "warning", file: "赤兔.xlsx", row: 2 });
    expect(m.told[0].zh).toContain("千牛.xlsx / 客服绩效 第2行");
    expect(m.told[0].en).toContain("not counted");
  });
});

test("千牛's 店A:小美 with figures not final yet (延迟统计) gives way to 赤兔's complete 小美 of the day", () => {
  const CHITU = ["日期", "客服", "询单人数", "询单->最终付款人数", "询单->最终付款金额", "平均响应时长(秒)"];
  const data = emptyDataset();
  data.roster = importSheet({ file: "花名册.xlsx", sheet: "花名册", rows: ROSTER }, "roster").data.roster;
  data.sales.push(...importSheet({ file: "千牛.xlsx", sheet: "客服绩效", rows: [HEAD, ["2026-10-01", "店A:小美", 10, "延迟统计", "100", 30]] }, "sales").data.sales);
  data.sales.push(...importSheet({ file: "赤兔.xlsx", sheet: "客服绩效", rows: [CHITU, ["2026-10-01", "小美", 12, 6, "100", 40]] }, "sales").data.sales);
  const r = buildMonth(data, defaultRules(), { month: "2026-10" });
  const p = r.performance.find((x) => x.agent.staffNo === "KF01")!;
  expect([p.inquiries, p.payers, p.avgResponseSec]).toEqual([12, 6, 40]);
  const told = r.problems.filter((x) => x.code === "sales.day.two_tools");
  expect(told).toHaveLength(1);
  expect(told[0]).toMatchObject({ severity: "warning", file: "千牛.xlsx", row: 2 });
  expect(told[0].zh).toContain("以完整的 小美 为准");
  expect(told[0].en).toContain("the complete 小美 row counts");
});

test("a month in both tools is one warning, not one a day", () => {
  const CHITU = ["日期", "客服", "询单人数", "询单->最终付款人数", "询单->最终付款金额", "平均响应时长(秒)"];
  const days = [1, 2, 3, 4, 5].map((d) => `2026-10-0${d}`);
  const data = emptyDataset();
  data.roster = importSheet({ file: "花名册.xlsx", sheet: "花名册", rows: ROSTER }, "roster").data.roster;
  data.sales.push(...importSheet({ file: "千牛.xlsx", sheet: "客服绩效", rows: [HEAD, ...days.map((d) => [d, "店A:小美", 10, 4, "100", 30])] }, "sales").data.sales);
  data.sales.push(...importSheet({ file: "赤兔.xlsx", sheet: "客服绩效", rows: [CHITU, ...days.map((d) => [d, "小美", 11, 4, "100", 30])] }, "sales").data.sales);
  const r = buildMonth(data, defaultRules(), { month: "2026-10" });
  expect(r.performance.find((x) => x.agent.staffNo === "KF01")!.inquiries).toBe(50);
  const p = r.problems.filter((x) => x.code === "sales.day.two_tools");
  expect(p.map((x) => [x.file, x.row, x.value])).toEqual([["赤兔.xlsx", 2, "5"]]);
  expect(p[0].en).toContain("rows 2, 3, 4, 5, 6");
});

test("a bare nick two roster agents' sub-accounts end in names nobody: said, no phantom agent", () => {
  const roster = [["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"], ["KF01", "王美", "店A:小美", "售前", "2021-01-01", 20000], ["KF05", "李美", "店B:小美", "售前", "2021-01-01", 20000]];
  const data = emptyDataset();
  data.roster = importSheet({ file: "花名册.xlsx", sheet: "花名册", rows: roster }, "roster").data.roster;
  data.sales.push(...importSheet({ file: "赤兔.xlsx", sheet: "客服绩效", rows: [HEAD, ["2026-10-01", "小美", 10, 4, "100", 30], ["2026-10-02", "小美", 10, 4, "100", 30]] }, "sales").data.sales);
  const r = buildMonth(data, defaultRules(), { month: "2026-10" });
  expect(r.performance.map((p) => [p.agent.staffNo, p.inquiries])).toEqual([["KF01", 0], ["KF05", 0]]);
  const p = r.problems.filter((x) => x.code === "sales.nick.ambiguous");
  expect(p.map((x) => [x.severity, x.file, x.row, x.column, x.value])).toEqual([["error", "赤兔.xlsx", 2, "旺旺昵称", "小美"]]);
  expect(p[0].zh).toContain("KF01（店A:小美）");
  expect(p[0].en).toContain("KF05 (店B:小美)");
  expect(r.problems.map((x) => x.code)).not.toContain("agent.notInRoster");
  expect(r.problems.map((x) => x.code)).not.toContain("row.agent.missing");
});
