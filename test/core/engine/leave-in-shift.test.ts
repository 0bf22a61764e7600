/**
 * A manager's plain sheet writes a leave where the shift goes (班次 = 请假, 病假 …). Domain: leave
 * and sick leave break the full-attendance bonus (50). The day is a leave day, judged as the
 * DingTalk export's 请假 verdict is — never a rest day that keeps the bonus.
 */
import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { emptyDataset } from "../../../src/core/model";
import { importSheet } from "../../../src/core/import/importer";
import type { Cell } from "../../../src/core/import/types";

const ROSTER = [["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"], ["KF01", "王美", "店:小美", "售前", "2021-01-01", 20000]];

/** October 2026 on time every day, 休 every seventh day, and `mark` in 班次 on the 10th. */
function october(mark: string) {
  const rows: Cell[][] = [["姓名", "工号", "日期", "班次", "上班打卡", "下班打卡"]];
  for (let d = 1; d <= 31; d++) {
    const date = `2026-10-${String(d).padStart(2, "0")}`;
    rows.push(["王美", "KF01", date, d % 7 === 0 ? "休" : d === 10 ? mark : "白班", ...(d % 7 === 0 || d === 10 ? [null, null] : ["08:20", "17:40"])]);
  }
  const data = emptyDataset();
  data.roster = importSheet({ file: "花名册.xlsx", sheet: "花名册", rows: ROSTER }, "roster").data.roster;
  const read = importSheet({ file: "考勤.xlsx", sheet: "考勤", rows }, "attendance");
  data.shifts = read.data.shifts;
  const r = buildMonth(data, defaultRules(), { month: "2026-10" });
  const day = r.attendance!.find((d) => d.date === "2026-10-10")!;
  return { day, pay: r.commission.find((c) => c.agent.staffNo === "KF01")!, problems: read.problems };
}

test.each([
  ["请假", 1, 0],
  ["事假", 1, 0],
  ["年假", 1, 0],
  ["病假", 0, 1],
  ["事假（上午）", 1, 0],
])("班次 %p: a leave day, no full-attendance bonus, no warning", (mark, leave, sick) => {
  const m = october(mark);
  expect([m.day.rest, m.day.leave, m.day.sick, m.day.absent]).toEqual([false, leave, sick, 0]);
  expect(m.pay.fullAttendance).toBe(0);
  expect(m.problems).toEqual([]);
});

test.each(["休", "休息", "调休"])("班次 %p stays a rest day: the bonus is kept", (mark) => {
  const m = october(mark);
  expect(m.day.rest).toBe(true);
  expect(m.pay.fullAttendance).toBe(5000);
});
