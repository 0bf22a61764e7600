/** The roster against the month: hire dates, leave dates, shared nicks, negative targets. */
import { buildMonth } from "../../../src/core/engine";
import type { Agent, Dataset } from "../../../src/core/model";
import { defaultRules } from "../../../src/core/rules/defaults";
import { agent, at, dataset, order, sales, shift } from "./build";

const OCT = { month: "2026-10" };
const ROSTER_CODES = /^roster\.(hiredOn|dates|nick)/;

function roster(p: Partial<Agent>, staffNo = "KF01", name = "小美", nick = "小店:小美", row = 2): Agent {
  return { ...agent(staffNo, name, nick, row), ...p };
}
const build = (data: Partial<Dataset>) => buildMonth(dataset(data), defaultRules(), OCT);
const found = (data: Partial<Dataset>) =>
  build(data)
    .problems.filter((p) => ROSTER_CODES.test(p.code))
    .map((p) => [p.severity, p.code, p.row, p.column, p.value]);

describe("a hire date after the agent's punches or sales in the month is named, pay left to the rules", () => {
  const punch = (date: string) => shift("KF01", date, "白班", "08:25", "17:35");
  const cases: [string, string, Partial<Dataset>, string[][]][] = [
    ["hired on the first punch's day", "2026-10-05", { shifts: [punch("2026-10-05")] }, []],
    ["hired the day after the first punch", "2026-10-05", { shifts: [punch("2026-10-04"), punch("2026-10-05")] }, [["warning", "roster.hiredOn.after_activity", 2 as never, "入职日期", "2026-10-05"]]],
    ["a rest row (no punch) before the hire date is no work", "2026-10-05", { shifts: [shift("KF01", "2026-10-04", null, null, null)] }, []],
    ["hired on the first of the month", "2026-10-01", { shifts: [punch("2026-10-01")] }, []],
    ["an order credited before the hire date", "2026-10-15", { orders: [order({ id: "2873190462331520001", note: "KF01", paidAt: at("2026-10-14") })] }, [["warning", "roster.hiredOn.after_activity", 2 as never, "入职日期", "2026-10-15"]]],
    ["a closed order before the hire date credits nothing", "2026-10-15", { orders: [order({ id: "2873190462331520001", note: "KF01", status: "交易关闭", paidAt: at("2026-10-14") })] }, []],
    ["a sales-export row with inquiries before the hire date", "2026-10-15", { sales: [sales("小店:小美", "2026-10-02", { inquiries: 3 })] }, [["warning", "roster.hiredOn.after_activity", 2 as never, "入职日期", "2026-10-15"]]],
    ["a sales-export row of zeros is no sale", "2026-10-15", { sales: [sales("小店:小美", "2026-10-02")] }, []],
  ];
  test.each(cases)("%s", (_, hiredOn, data, want) => {
    expect(found({ roster: [roster({ hiredOn })], ...data })).toEqual(want);
  });

  test("the message names the agent, the hire date, the first punch and the first sale with their rows; base pay stays bounded by the roster", () => {
    const shifts = [shift("KF01", "2026-10-03", "白班", "08:25", "17:35"), shift("KF01", "2026-10-01", "白班", "08:25", "17:35")];
    const orders = [order({ id: "2873190462331520001", note: "KF01", paidAt: at("2026-10-09") }), order({ id: "2873190462331520002", note: "KF01", paidAt: at("2026-10-02") })];
    const r = build({ roster: [roster({ hiredOn: "2026-10-15" })], shifts, orders });
    const p = r.problems.find((x) => x.code === "roster.hiredOn.after_activity")!;
    expect(p.zh).toContain("KF01 小美 的入职日期是 2026-10-15");
    expect(p.zh).toContain(`2026-10-01 已有打卡（attendance.xlsx 第${shifts[1].source.row}行）`);
    expect(p.zh).toContain(`2026-10-02 已有订单 2873190462331520002（orders.csv 第${orders[1].source.row}行）`);
    expect(p.en).toContain("has punched on 2026-10-01");
    expect(p.en).toContain("has order 2873190462331520002 on 2026-10-02");
    // What the warning says pay does: no day before the hire date worked; the sales still credited.
    const c = r.commission.find((x) => x.agent.staffNo === "KF01")!;
    expect(c.workedDays).toBe(0);
    expect(r.performance.find((x) => x.agent.staffNo === "KF01")!.collected).toBe(20000);
  });
});

describe("hire and leave dates against the month and each other", () => {
  const cases: [string, Partial<Agent>, string[]][] = [
    ["hired on the month's last day", { hiredOn: "2026-10-31" }, []],
    ["hired the day after the month", { hiredOn: "2026-11-01" }, ["roster.hiredOn.future"]],
    ["hired in 2099", { hiredOn: "2099-01-01" }, ["roster.hiredOn.future"]],
    ["hired the day of leaving", { hiredOn: "2026-10-10", leftOn: "2026-10-10" }, []],
    ["hired the day after leaving", { hiredOn: "2026-10-11", leftOn: "2026-10-10" }, ["roster.dates.order"]],
  ];
  test.each(cases)("%s", (_, p, codes) => {
    expect(found({ roster: [roster(p)] }).map((x) => x[1])).toEqual(codes);
  });
  test("a future hire date with punches in the month says the punches, once", () => {
    const codes = found({ roster: [roster({ hiredOn: "2099-01-01" })], shifts: [shift("KF01", "2026-10-01", "白班", "08:25", "17:35")] }).map((x) => x[1]);
    expect(codes).toEqual(["roster.hiredOn.after_activity"]);
  });
});

describe("a 旺旺 two roster rows share", () => {
  const cases: [string, [string, string][], (string | number)[][]][] = [
    ["distinct nicks", [["KF01", "小店:小美"], ["KF02", "小店:阿强"]], []],
    ["one nick on two rows", [["KF01", "小店:小美"], ["KF02", "小店:小美"]], [["warning", "roster.nick.duplicate", 3, "旺旺", "小店:小美"]]],
    ["the same nick with a full-width colon", [["KF01", "小店:小美"], ["KF02", "小店\uff1a小美"]], [["warning", "roster.nick.duplicate", 3, "旺旺", "小店\uff1a小美"]]],
    ["blank nicks are no clash", [["KF01", ""], ["KF02", ""]], []],
  ];
  test.each(cases)("%s", (_, rows, want) => {
    expect(found({ roster: rows.map(([s, nick], i) => roster({}, s, s === "KF01" ? "小美" : "阿强", nick, i + 2)) })).toEqual(want);
  });
  test("the message names both rows and agents", () => {
    const p = build({ roster: [roster({}, "KF01", "小美", "小店:小美", 2), roster({}, "KF02", "阿强", "小店:小美", 3)] }).problems.find((x) => x.code === "roster.nick.duplicate")!;
    expect(p.zh).toContain("第2行（KF01 小美）和第3行（KF02 阿强）");
    expect(p.en).toContain("row 2 (KF01 小美) and on row 3 (KF02 阿强)");
  });
});

describe("a negative target from a host's own rows never pays the performance bonus", () => {
  test.each([
    [-1, 0],
    [0, 15000],
    [null, 0],
  ])("target %p cents → bonus %p", (target, bonus) => {
    const r = build({ roster: [{ ...roster({}), monthlyTarget: target }], orders: [order({ id: "2873190462331520001", note: "KF01", paid: 100 })] });
    expect(r.commission.find((c) => c.agent.staffNo === "KF01")!.performanceBonus).toBe(bonus);
  });
});

describe("a custom attribution pattern is tried on the roster's own staff numbers", () => {
  const withPattern = (pattern: string | null, codes: string[]) => {
    const rules = defaultRules();
    rules.attribution.pattern = pattern;
    const roster = codes.map((c, i) => agent(c, `客服${i}`, `店:客服${i}`, i + 2));
    return buildMonth(dataset({ roster }), rules, OCT).problems.filter((p) => p.code === "rules.pattern.roster");
  };
  test.each([
    ["the handbook's literal match (no pattern)", null, ["KF01"], 0],
    ["a pattern that fits the roster's codes", "(KF\\d+)", ["KF01", "KF02"], 0],
    ["a pattern that fits one of them", "(KF\\d+)", ["KF01", "A-7"], 0],
    ["a pattern of digits for a roster of KF codes", "工号(\\d{4})", ["KF01", "KF02"], 1],
    ["a pattern of KF codes for a roster of digits", "#(KF\\d+)", ["1001", "1002"], 1],
  ] as [string, string | null, string[], number][])("%s → %i warning", (_n, pattern, codes, n) => {
    const found = withPattern(pattern, codes);
    expect(found.length).toBe(n);
    if (n) expect(found[0]).toMatchObject({ severity: "warning", sheet: "规则", column: "attribution.pattern", value: pattern });
  });
});
