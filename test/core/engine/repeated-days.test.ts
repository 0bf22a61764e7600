/**
 * One agent's one day on several attendance rows is one day: lateness is fined per day (10 yuan,
 * grace 0; 白班 08:30–17:30), never per row. Figures by hand from the handbook's defaults.
 */
import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { emptyDataset } from "../../../src/core/model";
import { importSheet } from "../../../src/core/import/importer";
import type { Cell } from "../../../src/core/import/types";

const HEAD = ["姓名", "工号", "日期", "班次", "上班打卡", "下班打卡"];
const ROSTER = [["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"], ["KF01", "王美", "店:小美", "售前", "2021-01-01", 20000]];

function month(...files: Cell[][][]) {
  const data = emptyDataset();
  data.roster = importSheet({ file: "花名册.xlsx", sheet: "花名册", rows: ROSTER }, "roster").data.roster;
  files.forEach((rows, i) => data.shifts.push(...importSheet({ file: `考勤${i + 1}.xlsx`, sheet: "打卡", rows: [HEAD, ...rows] }, "attendance").data.shifts));
  const r = buildMonth(data, defaultRules(), { month: "2026-10" });
  const row = r.performance.find((p) => p.agent.staffNo === "KF01")!;
  const lates = r.penalties.filter((p) => p.rule === "late");
  return { r, late: row.lateCount, fines: row.fines, lateMinutes: lates.map((p) => p.detail.match(/迟到 (\d+) 分钟/)?.[1]), codes: r.problems.map((p) => p.code) };
}

const day = (date: string, shift: string, cin: string, cout: string): Cell[] => ["王美", "KF01", date, shift, cin, cout];

test.each([
  ["a row pasted twice in one sheet", [[day("2026-10-02", "白班", "09:03", "17:30"), day("2026-10-02", "白班", "09:03", "17:30")]], { file: "考勤1.xlsx", row: 3 }],
  ["two overlapping exports (10-01~10-15 and 10-01~10-31)", [[day("2026-10-02", "白班", "09:03", "17:30")], [day("2026-10-02", "白班", "09:03", "17:30")]], { file: "考勤2.xlsx", row: 2 }],
] as [string, Cell[][][], { file: string; row: number }][])("%s: one late day, one fine of 10 yuan", (_n, files, dropped) => {
  const m = month(...files);
  expect([m.late, m.fines, m.lateMinutes]).toEqual([1, 1000, ["33"]]);
  const p = m.r.problems.filter((x) => x.code === "attendance.day.duplicate");
  expect(p).toHaveLength(1);
  expect(p[0]).toMatchObject({ severity: "warning", ...dropped });
  expect(p[0].zh).toContain("与 考勤1.xlsx / 打卡 第2行 完全相同");
  expect(p[0].en).toContain("counted once");
});

test("a split shift punched one pair a row is one day, each pair against its own period", () => {
  // 09:05 is 5 min after 09:00, 14:10 is 10 min after 14:00: one late day of 15 minutes (the
  // second row alone, judged against 09:00, read 310 minutes and a second fine).
  const split = "09:00-12:00 14:00-18:00";
  const m = month([day("2026-10-01", split, "14:10", "18:00"), day("2026-10-01", split, "09:05", "12:00")]);
  expect([m.late, m.fines, m.lateMinutes]).toEqual([1, 1000, ["15"]]);
  expect(m.codes).toContain("attendance.day.pairs_joined");
  expect(m.r.attendance!.filter((d) => d.date === "2026-10-01")).toHaveLength(1);
});

test("two different rows for one day are judged each, and the day is reported", () => {
  const m = month([day("2026-10-02", "白班", "09:03", "17:30"), day("2026-10-02", "晚班", "17:40", "01:00")]);
  expect([m.late, m.fines]).toEqual([2, 2000]);
  const p = m.r.problems.find((x) => x.code === "attendance.day.repeated")!;
  expect(p.severity).toBe("warning");
  expect(p.zh).toContain("第2行、考勤1.xlsx / 打卡 第3行");
});

test("one row a day is untouched", () => {
  const m = month([day("2026-10-02", "白班", "09:03", "17:30"), day("2026-10-03", "白班", "08:20", "17:30")]);
  expect([m.late, m.fines]).toEqual([1, 1000]);
  expect(m.codes.filter((c) => c.startsWith("attendance.day.") && c !== "attendance.day.missing")).toEqual([]);
});

describe("企业微信 每日统计 and 月度汇总 both given: each day once", () => {
  const daily: Cell[][] = [
    ["时间", "姓名", "账号", "所属规则", "班次", "最早", "最晚", "考勤概况", "迟到时长(分钟)", "早退时长(分钟)"],
    ["2026/10/01 星期四", "王美", "WangMei", "客服白班", "白班 08:30-17:30", "08:29", "17:35", "正常", "", ""],
    ["2026/10/02 星期五", "王美", "WangMei", "客服白班", "白班 08:30-17:30", "08:42", "17:31", "迟到1次", "12", ""],
  ];
  const monthly = (oct2: string): Cell[][] => [
    ["时间", "姓名", "账号", "所属规则", "应打卡天数", "迟到次数", "01 四", "02 五"],
    ["2026-10", "王美", "WangMei", "客服白班", "26", "1", "正常 08:29-17:35", oct2],
  ];
  function both(oct2: string) {
    const data = emptyDataset();
    data.roster = importSheet({ file: "花名册.xlsx", sheet: "花名册", rows: ROSTER }, "roster").data.roster;
    data.shifts.push(...importSheet({ file: "每日统计.xlsx", sheet: "每日统计", rows: daily }, "attendance").data.shifts);
    data.shifts.push(...importSheet({ file: "月度汇总.xlsx", sheet: "月度汇总", rows: monthly(oct2) }, "attendance").data.shifts);
    const r = buildMonth(data, defaultRules(), { month: "2026-10" });
    return { r, lates: r.penalties.filter((p) => p.rule === "late").map((p) => [p.date, p.amount, p.source.file]), codes: r.problems.map((p) => p.code) };
  }
  test("agreeing: one late day (12 min, 10 yuan), the daily row's detail kept", () => {
    const m = both("迟到 08:42-17:31");
    expect(m.lates).toEqual([["2026-10-02", 1000, "每日统计.xlsx"]]);
    expect(m.r.penalties[0].detail).toContain("迟到 12 分钟");
    expect(m.codes.filter((c) => c === "attendance.day.two_exports")).toHaveLength(2);
    expect(m.r.attendance!.filter((d) => d.agent === "KF01" && d.date <= "2026-10-02")).toHaveLength(2);
  });
  test("disagreeing punches: each row judged, the day reported", () => {
    const m = both("迟到 08:50-17:31");
    expect(m.lates).toHaveLength(2);
    expect(m.codes).toContain("attendance.day.repeated");
  });
});

test("a file given twice is one warning for the pair of sheets, not one per day", () => {
  const week = [1, 2, 3, 4, 5].map((d) => day(`2026-10-0${d}`, "白班", d === 2 ? "09:03" : "08:20", "17:30"));
  const m = month(week, week);
  expect([m.late, m.fines]).toEqual([1, 1000]);
  const p = m.r.problems.filter((x) => x.code === "attendance.day.duplicate");
  expect(p.map((x) => [x.severity, x.file, x.row, x.value])).toEqual([["warning", "考勤2.xlsx", 2, "5"]]);
  expect(p[0].zh).toContain("考勤2.xlsx / 打卡 有 5 行考勤与 考勤1.xlsx / 打卡 的行完全相同");
  expect(p[0].en).toContain("rows 2, 3, 4, 5, 6, same as rows 2, 3, 4, 5, 6");
});

test("a one-period shift punched out and in for lunch on two rows is one day from the first clock-in to the last clock-out", () => {
  // 白班 08:30–17:30: in 08:25, out 17:35 — on time. Judged per row, 12:00 read 330 min early and 13:02 was 272 min late.
  const m = month([day("2026-10-01", "白班", "13:02", "17:35"), day("2026-10-01", "白班", "08:25", "12:00")]);
  expect([m.late, m.fines]).toEqual([0, 0]);
  const d = m.r.attendance!.filter((x) => x.date === "2026-10-01");
  expect(d.map((x) => [x.late, x.early, x.worked])).toEqual([[false, false, true]]);
  expect(m.r.problems.find((p) => p.code === "attendance.day.pairs_joined")!.zh).toContain("按第一次上班和最后一次下班判断");
});

test("two rows of one shift that overlap are not a break: each judged, the day reported", () => {
  const m = month([day("2026-10-01", "白班", "08:25", "17:35"), day("2026-10-01", "白班", "09:10", "17:40")]);
  expect(m.late).toBe(1);
  expect(m.codes).toContain("attendance.day.repeated");
});

test("rows alike but for the shift are not copies", () => {
  const m = month([day("2026-10-02", "白班", "17:40", "23:00"), day("2026-10-02", "晚班", "17:40", "23:00")]);
  expect(m.codes).not.toContain("attendance.day.duplicate");
  expect(m.codes).toContain("attendance.day.repeated");
});
