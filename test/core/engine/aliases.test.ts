/**
 * Roster 别名 (login names, sub-accounts, "N号"): matched in notes like the 工号 — first code wins,
 * Latin/digit boundaries — and in every source; an alias two agents claim is a located error.
 * Without a roster, sales nicks join attendance agents through the report's own 工号 / 姓名, or
 * are refused with one message instead of listing everybody twice.
 */
import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { aliasList } from "../../../src/core/import/roster";
import { importSheet } from "../../../src/core/import";
import type { Agent } from "../../../src/core/model";
import { agent, dataset, order, sales, shift } from "./build";

const OCT = { month: "2026-10" };
const withAliases = (a: Agent, aliases: string[]): Agent => ({ ...a, aliases });
const roster = [
  withAliases(agent("KF05", "胡敏", "小店:小五", 2), ["小五", "小店:小五", "5号"]),
  withAliases(agent("KF06", "赵六", "小店:六六", 3), ["6号", "小六"]),
  agent("KF12", "王芳", "", 4),
];
const who = (note: string, r = roster) => {
  const m = buildMonth(dataset({ roster: r, orders: [order({ id: "2873190462331520001", note })] }), defaultRules(), OCT);
  return m.attributions[0].agent;
};

describe("roster aliases in notes", () => {
  test.each([
    ["小五 1.2*1.5米", "KF05"],
    ["小店:小五 加急", "KF05"],
    ["6号客服 跟进", "KF06"],
    ["16号发货", null], // 6号 is not inside 16号 (digit boundary)
    ["5号 转 KF06", "KF05"], // first code wins
    ["KF06 补 小五", "KF06"],
    ["王芳 小六", "KF12"], // a name and an alias: the first
    ["无备注", null],
  ])("%s → %s", (note, want) => {
    expect(who(note)).toBe(want);
  });

  test("an alias two agents claim names nobody and is a located error; the others still work", () => {
    const r = [withAliases(agent("KF05", "胡敏", "", 2), ["小五", "客服A"]), withAliases(agent("KF06", "赵六", "", 5), ["小五"])];
    const m = buildMonth(dataset({ roster: r, orders: [order({ id: "2873190462331520002", note: "小五" }), order({ id: "2873190462331520003", note: "客服A" })] }), defaultRules(), OCT);
    expect(m.attributions.map((a) => a.agent)).toEqual([null, "KF05"]);
    const e = m.problems.filter((p) => p.code === "roster.alias.duplicate");
    expect(e.map((p) => [p.severity, p.file, p.row, p.column, p.value])).toEqual([["error", "roster.xlsx", 5, "别名", "小五"]]);
    expect(e[0].zh).toContain("KF05（第2行）和 KF06");
  });

  test("an alias that is another agent's 工号 or name is an error; a one-character alias a warning; both unused", () => {
    const r = [withAliases(agent("KF05", "胡敏", "", 2), ["赵六", "KF06", "五"]), agent("KF06", "赵六", "", 3)];
    const m = buildMonth(dataset({ roster: r, orders: [order({ id: "2873190462331520004", note: "五 赵六" })] }), defaultRules(), OCT);
    expect(m.attributions[0].agent).toBe("KF06");
    const got = m.problems.filter((p) => p.code.startsWith("roster.alias")).map((p) => [p.code, p.severity, p.value]);
    expect(got.sort()).toEqual([
      ["roster.alias.short", "warning", "五"],
      ["roster.alias.taken", "error", "KF06"],
      ["roster.alias.taken", "error", "赵六"],
    ]);
  });

  test("an alias names the agent in the sales export and the incidents too", () => {
    const m = buildMonth(dataset({ roster, sales: [sales("小六", "2026-10-05", { inquiries: 8, payers: 2 })] }), defaultRules(), OCT);
    expect(m.performance.find((p) => p.agent.staffNo === "KF06")!.inquiries).toBe(8);
    expect(m.problems.filter((p) => p.code === "agent.notInRoster")).toEqual([]);
  });

  test("the roster's 别名 / 登录名 column is read as a list", () => {
    expect(aliasList("小五、小店:小五 6号，小五")).toEqual(["小五", "小店:小五", "6号"]);
    const r = importSheet({ file: "花名册.xlsx", sheet: "花名册", rows: [["工号", "姓名", "旺旺", "登录名"], ["KF05", "胡敏", "小店:小五", "xiaowu; 5号"]] });
    expect(r.data.roster[0].aliases).toEqual(["xiaowu", "5号"]);
  });
});

describe("no roster: one agent, not one per name", () => {
  const shifts = [shift("KF01", "2026-10-05", "白班", "08:20", "17:30", { name: "王美" }), shift("KF02", "2026-10-05", "白班", "08:20", "17:30", { name: "李丽" })];
  test("the sales report's own 工号 / 姓名 columns tie each nick to its agent", () => {
    const m = buildMonth(
      dataset({ shifts, sales: [sales("小店:小美", "2026-10-05", { inquiries: 10, staffNo: "KF01" }), sales("小店:丽丽", "2026-10-05", { inquiries: 6, name: "李丽" })] }),
      defaultRules(),
      OCT,
    );
    expect(m.agents.map((a) => [a.staffNo, a.nick])).toEqual([
      ["KF01", "小店:小美"],
      ["KF02", "小店:丽丽"],
    ]);
    expect(m.performance.map((p) => [p.agent.staffNo, p.inquiries])).toEqual([
      ["KF01", 10],
      ["KF02", 6],
    ]);
  });
  test("a nick whose sub-account is the agent's name joins it", () => {
    const m = buildMonth(dataset({ shifts, sales: [sales("小店:王美", "2026-10-05", { inquiries: 3 })] }), defaultRules(), OCT);
    expect(m.agents.map((a) => a.staffNo)).toEqual(["KF01", "KF02"]);
  });
  test("nicks nothing ties are refused with one located message, not listed as second agents", () => {
    const m = buildMonth(dataset({ shifts, sales: [sales("小店:小美", "2026-10-05", { inquiries: 10 }), sales("小店:丽丽", "2026-10-06", { inquiries: 6 })] }), defaultRules(), OCT);
    expect(m.agents.map((a) => a.staffNo)).toEqual(["KF01", "KF02"]);
    const e = m.problems.filter((p) => p.code === "agent.nick.unmatched");
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ severity: "error", file: "sales.xlsx", column: "旺旺昵称", value: "小店:小美" });
    expect(e[0].zh).toContain("小店:丽丽、小店:小美");
    expect(e[0].en).toContain("--roster");
  });
  test("with no attendance either, the nicks are the agents (nobody to list twice)", () => {
    const m = buildMonth(dataset({ sales: [sales("小店:小美", "2026-10-05", { inquiries: 10 })] }), defaultRules(), OCT);
    expect(m.agents.map((a) => a.staffNo)).toEqual(["小店:小美"]);
    expect(m.problems.filter((p) => p.code === "agent.nick.unmatched")).toEqual([]);
  });
});
