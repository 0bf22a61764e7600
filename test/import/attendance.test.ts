import { importSheet } from "../../src/core/import";
import { shiftOf, verdictOf } from "../../src/core/import/attendance";
import type { Cell } from "../../src/core/import/types";
import { CSV_ENCODINGS, codes, errors, importCsv, importXlsx, withoutSource } from "./helpers";

const W = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const WORKDATE_1001 = String(Date.UTC(2026, 9, 1) - 8 * 3600_000);
const WORKDATE_1002 = String(Date.UTC(2026, 9, 2) - 8 * 3600_000);

/** DingTalk 每日统计: banner rows 1–2, two-level header rows 3–4 (groups over their parts). */
const TOP = ["姓名", "考勤组", "部门", "工号", "职位", "UserId", "日期", "workDate", "班次", "上班1", "", "下班1", "", "迟到次数", "迟到时长(分钟)", "严重迟到次数", "严重迟到时长(分钟)", "早退次数", "早退时长(分钟)", "上班缺卡次数", "下班缺卡次数", "旷工天数", "请假", "", ""];
const SUB = ["", "", "", "", "", "", "", "", "", "打卡时间", "打卡结果", "打卡时间", "打卡结果", "", "", "", "", "", "", "", "", "", "事假(天)", "病假(天)", "调休(小时)"];
function dt(rows: Cell[][]): Cell[][] {
  return [
    ["每日统计", ...new Array(TOP.length - 1).fill(null)],
    ["统计日期：2026-10-01 至 2026-10-31    报表生成时间：2026-11-01 09:00"],
    TOP.map((h) => (h === "" ? null : h)),
    TOP.map((h, c) => (SUB[c] !== "" ? SUB[c] : h === "" ? null : h)),
    ...rows,
  ];
}
const MERGES = ["A1:Y1", "A2:Y2", ...["A", "B", "C", "D", "E", "F", "G", "H", "I", "N", "O", "P", "Q", "R", "S", "T", "U", "V"].map((c) => `${c}3:${c}4`), "J3:K3", "L3:M3", "W3:Y3"];

function person(name: string, no: string, date: string, workDate: string, shift: string, inT: Cell, inR: string, outT: Cell, outR: string, counters: Partial<Record<number, string>> = {}): Cell[] {
  const row: Cell[] = [name, "客服组", "客服部", no, "售前客服", "u-" + no, date, workDate, shift, inT, inR, outT, outR];
  for (let c = 13; c < TOP.length; c++) row.push(counters[c] ?? "");
  return row;
}

const DINGTALK = dt([
  person("王美", "0012", "26-10-01 星期四", WORKDATE_1001, "白班 08:30-17:30", "08:21", "正常", "17:35", "正常"),
  person("王美", "0012", "26-10-02 星期五", WORKDATE_1002, "白班 08:30-17:30", "08:42", "迟到", "17:31", "正常", { 13: "1", 14: "12" }),
  person("李丽", "0013", "26-10-01 星期四", WORKDATE_1001, "晚班 17:30-次日01:00", "17:25", "正常", "次日 00:55", "早退", { 17: "1", 18: "5" }),
  person("李丽", "0013", "26-10-02 星期五", WORKDATE_1002, "晚班 17:30-次日01:00", "18:45", "严重迟到", "00:58", "早退", { 15: "1", 16: "75", 17: "1", 18: "2" }),
  person("张芳", "0014", "26-10-01 星期四", WORKDATE_1001, "休息", "", "休息", "", "休息"),
  person("张芳", "0014", "26-10-02 星期五", WORKDATE_1002, "白班 08:30-17:30", "08:10", "正常", "", "缺卡", { 20: "1" }),
  person("刘静", "0015", "26-10-01 星期四", WORKDATE_1001, "白班 08:30-17:30", "", "请假", "", "请假", { 22: "1" }),
  person("刘静", "0015", "26-10-02 星期五", WORKDATE_1002, "白班 08:30-17:30", "", "请假", "", "请假", { 23: "0.5", 24: "4" }),
]);

describe("attendance: DingTalk 每日统计", () => {
  const check = (r: ReturnType<typeof importSheet>) => {
    expect(r.recognition).toMatchObject({ kind: "attendance", variant: "dingtalk", headerRow: 4 });
    expect(r.rowsRead).toBe(8);
    expect(errors(r)).toEqual([]);
    expect(r.problems).toEqual([]);
    const s = r.data.shifts;
    expect(s).toHaveLength(8);
    // 工号 is text with its leading zeros; the agent key is the 工号.
    expect(s[0]).toMatchObject({ agentKey: "0012", staffNo: "0012", name: "王美", date: "2026-10-01", shift: { label: "白班", start: 510, end: 1050 } });
    expect(s[0]).toMatchObject({ clockIn: W(2026, 10, 1, 8, 21), clockOut: W(2026, 10, 1, 17, 35), inVerdict: "normal", outVerdict: "normal" });
    // Blank counters are 0, not null (the columns exist).
    expect(s[0]).toMatchObject({ lateMinutes: 0, earlyMinutes: 0, leaveDays: 0, sickDays: 0, absentDays: 0 });
    expect(s[1]).toMatchObject({ inVerdict: "late", lateMinutes: 12, clockIn: W(2026, 10, 2, 8, 42) });
    // Night shift: 次日 00:55 is the next calendar day and 5 minutes early, not 23 hours late.
    expect(s[2]).toMatchObject({ date: "2026-10-01", shift: { label: "晚班", start: 1050, end: 1500 }, clockIn: W(2026, 10, 1, 17, 25), clockOut: W(2026, 10, 2, 0, 55), outVerdict: "early", earlyMinutes: 5 });
    // Without the 次日 prefix, a clock-out before the night shift's start is still the next day.
    expect(s[3]).toMatchObject({ inVerdict: "seriousLate", lateMinutes: 75, clockOut: W(2026, 10, 3, 0, 58), earlyMinutes: 2 });
    expect(s[4]).toMatchObject({ shift: null, inVerdict: "rest", outVerdict: "rest", clockIn: null, clockOut: null });
    expect(s[5]).toMatchObject({ outVerdict: "missing", clockOut: null, clockIn: W(2026, 10, 2, 8, 10) });
    expect(s[6]).toMatchObject({ inVerdict: "leave", leaveDays: 1, sickDays: 0 });
    expect(s[7]).toMatchObject({ inVerdict: "leave", leaveDays: 0.5, sickDays: 0.5 }); // 调休 4 小时 = half a day
    expect(s[7].source).toMatchObject({ row: 12 });
  };

  test("in memory with ExcelJS-style repeated merged values", () => check(importSheet({ file: "钉钉.xlsx", sheet: "每日统计", rows: DINGTALK })));
  test("with merged cells blank except their first cell (as other hosts give them)", () => {
    const rows = DINGTALK.map((r, i) => (i === 3 ? r.map((v, c) => (SUB[c] === "" ? null : v)) : r));
    check(importSheet({ file: "钉钉.xlsx", sheet: "每日统计", rows }));
  });
  test("as a real xlsx with merged header cells", async () => check(await importXlsx(DINGTALK, "attendance", MERGES)));
  test.each(CSV_ENCODINGS)("as CSV in %s", (enc) => check(importCsv(DINGTALK, enc, "attendance")));
  test("the same shifts from every encoding", () => {
    const base = withoutSource(importCsv(DINGTALK, "utf8").data.shifts);
    for (const enc of CSV_ENCODINGS) expect(withoutSource(importCsv(DINGTALK, enc).data.shifts)).toEqual(base);
  });
  test("a 工号 given as a number cell keeps what it has (leading zeros cannot come back)", async () => {
    const rows = DINGTALK.map((r, i) => (i === 4 ? r.map((v, c) => (c === 3 ? 12 : v)) : r));
    const r = await importXlsx(rows, "attendance", MERGES);
    expect(r.data.shifts[0].staffNo).toBe("12");
  });
});

describe("attendance: the manager's plain sheet", () => {
  const rows: Cell[][] = [
    ["客服", "日期", "班次", "上班打卡", "下班打卡"],
    ["KF01", "2026-10-01", "白班", "08:29", "17:31"],
    ["KF02", "2026/10/1", "晚班", "17:40", "00:55"],
    ["KF03", "2026-10-01", "休", "", ""],
    ["KF04", "2026-10-01", "09:00-18:00", "09:05", "18:00"],
    ["王美", "2026-10-01", "22:00-06:00", "21:58", "06:01"],
    ["KF05", "2026-10-01", "白班", 0.35416666666666669, 0.7291666666666666],
    ["KF06", "2026-10-01", "白班", "08:31", "08:00"],
    ["KF07", "2026-10-01", "早八晚五", "8:30", "24:10"],
    ["KF08", "10月1日", "白班", "8:30", "17:30"],
    ["", "2026-10-01", "白班", "8:30", "17:30"],
  ];
  test("shifts by label or time range, night shift past midnight, problems located", () => {
    const r = importSheet({ file: "排班.xlsx", sheet: "考勤", rows });
    expect(r.recognition).toMatchObject({ kind: "attendance", variant: "plain", headerRow: 1 });
    const s = r.data.shifts;
    expect(s.map((x) => x.agentKey)).toEqual(["KF01", "KF02", "KF03", "KF04", "王美", "KF05", "KF06", "KF07"]);
    expect(s[0]).toMatchObject({ staffNo: "KF01", name: "", shift: { label: "白班", start: 510, end: 1050 }, inVerdict: null, lateMinutes: null, earlyMinutes: null });
    expect(s[1]).toMatchObject({ shift: { label: "晚班", start: 1050, end: 1500 }, clockIn: W(2026, 10, 1, 17, 40), clockOut: W(2026, 10, 2, 0, 55) });
    expect(s[2]).toMatchObject({ shift: null, clockIn: null, clockOut: null });
    expect(s[3]).toMatchObject({ shift: { label: "09:00-18:00", start: 540, end: 1080 } });
    expect(s[4]).toMatchObject({ staffNo: "", name: "王美", shift: { start: 1320, end: 1800 }, clockOut: W(2026, 10, 2, 6, 1) });
    expect(s[5]).toMatchObject({ clockIn: W(2026, 10, 1, 8, 30), clockOut: W(2026, 10, 1, 17, 30) });
    expect(s[6]).toMatchObject({ clockIn: W(2026, 10, 1, 8, 31), clockOut: null });
    expect(s[7]).toMatchObject({ shift: null, clockOut: W(2026, 10, 2, 0, 10) });

    const before = r.problems.find((p) => p.code === "attendance.clockout.before_clockin")!;
    expect(before).toMatchObject({ severity: "warning", row: 8, column: "下班打卡", value: "08:00" });
    expect(before.zh).toBe("下班打卡早于上班打卡；下班时间按空值处理");
    const shift = r.problems.find((p) => p.code === "attendance.shift.unknown")!;
    expect(shift).toMatchObject({ severity: "warning", row: 9, column: "班次", value: "早八晚五" });
    expect(shift.en).toContain("expected a shift (白班, 晚班, 休, or a start–end time such as 09:00-18:00)");
    const date = r.problems.find((p) => p.code === "attendance.date.invalid")!;
    expect(date).toMatchObject({ severity: "error", row: 10, column: "日期", value: "10月1日" });
    expect(date.zh).toBe("无法读取「日期」：应为日期（如 2026-10-03）；该行未导入");
    const agent = r.problems.find((p) => p.code === "attendance.agent.missing")!;
    expect(agent).toMatchObject({ severity: "error", row: 11, column: "客服" });
    expect(agent.en).toBe("the agent (staff number or name) is missing; the row is skipped");
    expect(codes(r)).toHaveLength(4);
    expect(r.rowsRead).toBe(10);
  });
});

describe("attendance from xlsx time cells", () => {
  test("time-only cells (Excel serial fractions, read back as Dates on 1899-12-30) are times of day", async () => {
    const t = (h: number, m: number) => new Date(Date.UTC(1899, 11, 30, h, m));
    const rows = [
      ["工号", "日期", "班次", "上班打卡", "下班打卡"],
      ["KF01", new Date(Date.UTC(2026, 9, 1)), "白班", t(8, 29), t(17, 31)],
      ["KF02", new Date(Date.UTC(2026, 9, 1)), "晚班", t(17, 40), t(0, 55)],
      ["KF03", new Date(Date.UTC(2026, 9, 1)), "白班", new Date(Date.UTC(2026, 9, 1, 8, 35)), new Date(Date.UTC(2026, 9, 1, 17, 30))],
    ];
    const r = await importXlsx(rows, "attendance");
    expect(r.problems).toEqual([]);
    expect(r.data.shifts.map((s) => [s.agentKey, s.clockIn, s.clockOut])).toEqual([
      ["KF01", W(2026, 10, 1, 8, 29), W(2026, 10, 1, 17, 31)],
      ["KF02", W(2026, 10, 1, 17, 40), W(2026, 10, 2, 0, 55)],
      ["KF03", W(2026, 10, 1, 8, 35), W(2026, 10, 1, 17, 30)],
    ]);
  });
});

describe("verdicts and shift labels", () => {
  test.each([
    ["正常", "normal"],
    ["迟到", "late"],
    ["迟到12分钟", "late"],
    ["严重迟到", "seriousLate"],
    ["早退", "early"],
    ["缺卡", "missing"],
    ["未打卡", "missing"],
    ["请假", "leave"],
    ["事假", "leave"],
    ["休息", "rest"],
    ["旷工", "absent"],
    ["旷工迟到", "absent"],
    ["外勤", "normal"],
    ["出差", "normal"],
    ["正常(补卡审批通过)", "normal"],
    ["休息并打卡", "rest"],
    ["", null],
    ["???", undefined],
  ] as [string, unknown][])("%p → %p", (text, v) => {
    expect(verdictOf(text)).toBe(v);
  });
  test.each([
    ["白班", { label: "白班", start: 510, end: 1050 }],
    ["晚班", { label: "晚班", start: 1050, end: 1500 }],
    ["晚班 17:30-次日01:00", { label: "晚班", start: 1050, end: 1500 }],
    ["17:30-01:00", { label: "17:30-01:00", start: 1050, end: 1500 }],
    ["09:00~18:00", { label: "09:00~18:00", start: 540, end: 1080 }],
    ["休", null],
    ["休息", null],
    ["", null],
    ["夜猫子", undefined],
    ["25:00-26:00", undefined],
  ] as [string, unknown][])("shift %p → %p", (text, v) => {
    expect(shiftOf(text)).toEqual(v);
  });
});

describe("attendance: DingTalk split shift (两次上下班: 上班2/下班2)", () => {
  const TOP2 = ["姓名", "工号", "日期", "班次", "上班1", "", "下班1", "", "上班2", "", "下班2", "", "迟到时长(分钟)"];
  const SUB2 = ["", "", "", "", "打卡时间", "打卡结果", "打卡时间", "打卡结果", "打卡时间", "打卡结果", "打卡时间", "打卡结果", ""];
  const body: Cell[][] = [
    ["王美", "0012", "2026-10-01", "早班 09:00-12:00 14:00-18:00", "08:58", "正常", "12:01", "正常", "14:20", "迟到", "18:02", "正常", "20"],
    ["王美", "0012", "2026-10-02", "白班 08:30-17:30", "08:29", "正常", "17:31", "正常", "--", "", "--", "", ""],
    ["李丽", "0013", "2026-10-01", "早班 09:00-12:00 14:00-18:00", "09:00", "正常", "12:00", "正常", "", "缺卡", "", "缺卡", ""],
    ["李丽", "0013", "2026-10-02", "夜班 20:00-23:00 01:00-03:00", "19:58", "正常", "23:01", "正常", "01:02", "迟到", "02:50", "早退", "2"],
    ["张芳", "0014", "2026-10-01", "早班 09:00-12:00 14:00-18:00", "09:00", "正常", "12:00", "正常", "14:00", "正常", "13:00", "早退", ""],
  ];
  const twoLevel: Cell[][] = [
    ["每日统计"],
    TOP2.map((h) => (h === "" ? null : h)),
    TOP2.map((h, c) => (SUB2[c] !== "" ? SUB2[c] : h === "" ? null : h)),
    ...body,
  ];
  const flat: Cell[][] = [TOP2.map((h, c) => (SUB2[c] !== "" ? `${TOP2[c - (TOP2[c] === "" ? 1 : 0)]}${SUB2[c]}` : h)), ...body];
  const slashed: Cell[][] = [TOP2.map((h, c) => (SUB2[c] !== "" ? `${TOP2[c - (TOP2[c] === "" ? 1 : 0)]} / ${SUB2[c]}` : h)), ...body];

  const check = (r: ReturnType<typeof importSheet>) => {
    expect(r.recognition.kind).toBe("attendance");
    expect(r.rowsRead).toBe(5);
    const s = r.data.shifts;
    expect(s[0]).toMatchObject({
      shift: { label: "早班", start: 540, end: 720, laterPeriods: [{ start: 840, end: 1080 }] },
      clockIn: W(2026, 10, 1, 8, 58),
      clockOut: W(2026, 10, 1, 12, 1),
      inVerdict: "normal",
      lateMinutes: 20,
      laterPairs: [{ clockIn: W(2026, 10, 1, 14, 20), clockOut: W(2026, 10, 1, 18, 2), inVerdict: "late", outVerdict: "normal" }],
    });
    // A one-pair day in the same export: the blank 上班2/下班2 add nothing.
    expect(s[1].laterPairs).toBeUndefined();
    expect(s[1].shift).toEqual({ label: "白班", start: 510, end: 1050 });
    expect(s[2].laterPairs).toEqual([{ clockIn: null, clockOut: null, inVerdict: "missing", outVerdict: "missing" }]);
    // The second period is after midnight: its punches are on the next calendar day.
    expect(s[3].shift).toEqual({ label: "夜班", start: 1200, end: 1380, laterPeriods: [{ start: 1500, end: 1620 }] });
    expect(s[3].laterPairs).toEqual([{ clockIn: W(2026, 10, 3, 1, 2), clockOut: W(2026, 10, 3, 2, 50), inVerdict: "late", outVerdict: "early" }]);
    // 下班2 before 上班2: located on the 下班2 column, the clock-out left empty, the row kept.
    expect(s[4].laterPairs).toEqual([{ clockIn: W(2026, 10, 1, 14, 0), clockOut: null, inVerdict: "normal", outVerdict: "early" }]);
    const before = r.problems.find((p) => p.code === "attendance.clockout.before_clockin")!;
    expect(before).toMatchObject({ severity: "warning", row: r.recognition.headerRow + 5, value: "13:00" });
    expect(before.column).toMatch(/^下班2 ?\/? ?打卡时间$/);
    expect(r.problems).toHaveLength(1);
  };
  test("two-level header (上班2 over 打卡时间 / 打卡结果)", () => check(importSheet({ file: "钉钉.xlsx", sheet: "每日统计", rows: twoLevel })));
  test("two-level header in a real xlsx with merged group cells", async () => check(await importXlsx(twoLevel, "attendance", ["A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:F2", "G2:H2", "I2:J2", "K2:L2", "M2:M3"])));
  test("flat header (上班2打卡时间)", () => check(importSheet({ file: "钉钉.csv", sheet: "钉钉", rows: flat })));
  test("flat header written as a flattened pair (上班2 / 打卡时间)", () => check(importSheet({ file: "钉钉.csv", sheet: "钉钉", rows: slashed })));
  test("as GBK CSV", () => check(importCsv(twoLevel, "gbk", "attendance")));

  test("a 上班2 verdict that is not a verdict is located on its own column", () => {
    const rows = flat.map((r, i) => (i === 1 ? r.map((v, c) => (c === 9 ? "???" : v)) : r));
    const r = importSheet({ file: "钉钉.csv", sheet: "钉钉", rows });
    const p = r.problems.find((x) => x.code === "attendance.verdict.unknown")!;
    expect(p).toMatchObject({ row: 2, column: "上班2打卡结果", value: "???" });
    expect(r.data.shifts[0].laterPairs![0].inVerdict).toBeNull();
  });
});

describe("split shift labels", () => {
  test.each([
    ["早班 09:00-12:00 14:00-18:00", { label: "早班", start: 540, end: 720, laterPeriods: [{ start: 840, end: 1080 }] }],
    ["09:00-12:00;14:00-18:00", { label: "09:00-12:00 14:00-18:00", start: 540, end: 720, laterPeriods: [{ start: 840, end: 1080 }] }],
    ["A班 08:00-11:00、13:00-16:00、18:00-21:00", { label: "A班", start: 480, end: 660, laterPeriods: [{ start: 780, end: 960 }, { start: 1080, end: 1260 }] }],
    ["夜班 20:00-23:00 01:00-03:00", { label: "夜班", start: 1200, end: 1380, laterPeriods: [{ start: 1500, end: 1620 }] }],
    ["晚班 17:30-21:00 22:00-次日01:00", { label: "晚班", start: 1050, end: 1260, laterPeriods: [{ start: 1320, end: 1500 }] }],
    ["09:00-12:00 11:00-18:00", undefined], // overlapping periods
    ["14:00-18:00 09:00-12:00", undefined], // out of order (not a period 15 hours later)
    ["09:00-12:00 14:00-25:61", undefined],
  ] as [string, unknown][])("%p → %p", (text, v) => {
    expect(shiftOf(text)).toEqual(v);
  });
});
