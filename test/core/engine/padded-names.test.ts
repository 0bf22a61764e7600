/**
 * Attendance apps and HR sheets name agents by 姓名 instead of 工号, and pad a two-character name
 * to line up with three-character ones (王　美 with an ideographic space, 王 美). The padded name
 * is the roster's agent: before, it was a second agent not in the roster, so its late day was
 * fined to nobody on the payroll and the real agent's day read as an absence.
 */
import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { emptyDataset } from "../../../src/core/model";
import { importSheet } from "../../../src/core/import/importer";

const ROSTER = [["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"], ["KF01", "王美", "店:小美", "售前", "2021-01-01", 20000]];

test.each(["王　美", "王 美", " 王美 ", "王美"])("attendance 姓名 %p is KF01 王美", (name) => {
  const data = emptyDataset();
  data.roster = importSheet({ file: "花名册.xlsx", sheet: "花名册", rows: ROSTER }, "roster").data.roster;
  data.shifts = importSheet({ file: "考勤.xlsx", sheet: "考勤", rows: [["姓名", "日期", "班次", "上班打卡", "下班打卡"], [name, "2026-10-01", "白班", "09:03", "17:30"]] }, "attendance").data.shifts;
  const r = buildMonth(data, defaultRules(), { month: "2026-10" });
  expect(r.agents.map((a) => a.staffNo)).toEqual(["KF01"]);
  expect(r.penalties.map((p) => [p.agent.staffNo, p.date, p.amount])).toEqual([["KF01", "2026-10-01", 1000]]);
  expect(r.problems.filter((p) => p.code === "agent.notInRoster")).toEqual([]);
});
