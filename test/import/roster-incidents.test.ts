import { importSheet, resolveRule } from "../../src/core/import";
import type { Cell } from "../../src/core/import/types";
import { RULE_KEYS } from "../../src/core/rules/types";
import { defaultRules } from "../../src/core/rules/defaults";
import { CSV_ENCODINGS, errors, importCsv, importXlsx, withoutSource } from "./helpers";

const ROSTER: Cell[][] = [
  ["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"],
  ["KF01", "王美", "小店旗舰店:小美", "售前", "2021-01-14", "80000"],
  ["KF02", "李丽", "小店旗舰店:小丽", "售后", "2025/3/8", ""],
  ["007", "张芳", "", "售前", "", "2万"],
  ["KF01", "王美二", "", "售前", "", ""],
  ["", "无名", "", "", "", ""],
];

describe("roster", () => {
  const check = (r: ReturnType<typeof importSheet>) => {
    expect(r.recognition).toMatchObject({ kind: "roster", headerRow: 1 });
    expect(r.data.roster.map((a) => a.staffNo)).toEqual(["KF01", "KF02", "007"]);
    expect(r.data.roster[0]).toMatchObject({ name: "王美", nick: "小店旗舰店:小美", role: "售前", hiredOn: "2021-01-14", monthlyTarget: 8_000_000 });
    expect(r.data.roster[1]).toMatchObject({ hiredOn: "2025-03-08", monthlyTarget: null });
    expect(r.data.roster[2]).toMatchObject({ monthlyTarget: null });
    const target = r.problems.find((p) => p.code === "roster.target.invalid")!;
    expect(target).toMatchObject({ severity: "warning", row: 4, column: "月度目标", value: "2万" });
    const dup = r.problems.find((p) => p.code === "roster.staffno.duplicate")!;
    expect(dup).toMatchObject({ severity: "warning", row: 5, value: "KF01" });
    expect(dup.zh).toBe("工号 KF01 在第2行已出现；以第2行为准，本行未导入");
    expect(dup.en).toBe("staff number KF01 already appears on row 2; row 2 is used and this row is skipped");
    expect(r.problems.find((p) => p.code === "roster.staffno.missing")).toMatchObject({ severity: "error", row: 6 });
  };
  test("in memory", () => check(importSheet({ file: "花名册.xlsx", sheet: "花名册", rows: ROSTER })));
  test.each(CSV_ENCODINGS)("as CSV in %s", (enc) => check(importCsv(ROSTER, enc, "roster")));
  test("as xlsx with a real date and number cells", async () => {
    const rows = ROSTER.map((r, i) => (i === 1 ? ["KF01", "王美", "小店旗舰店:小美", "售前", new Date(Date.UTC(2021, 0, 14)), 80000] : r));
    check(await importXlsx(rows, "roster"));
  });
});

const INCIDENTS: Cell[][] = [
  ["日期", "客服", "类型", "订单编号", "损失金额", "备注"],
  ["2026-10-08", "KF05", "投诉", "", "", "回复慢"],
  ["2026-10-15", "胡敏", "客户投诉", "", "", ""],
  ["2026-10-27", "KF05", "complaint", "", "", ""],
  ["2026-10-11", "KF03", "生产延误", '="2873190462331523456"', "", ""],
  ["2026-10-19", "KF06", "备注错误（实际损失）", "2873190462331523457", "800", ""],
  ["2026-10-21", "KF07", "迟到早退", "", "", "不认识的类型"],
  ["2026-10-22", "KF08", "off_task", "2.873E+18", "", ""],
  ["10月23日", "KF08", "cleaning", "", "", ""],
  ["2026-10-24", "", "cleaning", "", "", ""],
  ["2026-10-25", "KF09", "", "", "", ""],
];

describe("incidents", () => {
  const check = (r: ReturnType<typeof importSheet>) => {
    expect(r.recognition).toMatchObject({ kind: "incidents", headerRow: 1 });
    const inc = r.data.incidents;
    expect(inc.map((i) => [i.date, i.agentKey, i.rule])).toEqual([
      ["2026-10-08", "KF05", "complaint"],
      ["2026-10-15", "胡敏", "complaint"],
      ["2026-10-27", "KF05", "complaint"],
      ["2026-10-11", "KF03", "production_delay"],
      ["2026-10-19", "KF06", "note_error_loss"],
      ["2026-10-21", "KF07", "迟到早退"],
      ["2026-10-22", "KF08", "off_task"],
    ]);
    expect(inc[3].orderId).toBe("2873190462331523456");
    expect(inc[4]).toMatchObject({ orderId: "2873190462331523457", loss: 80000 });
    expect(inc[6].orderId).toBeNull();
    const unknown = r.problems.find((p) => p.code === "incident.rule.unknown")!;
    expect(unknown).toMatchObject({ severity: "warning", row: 7, column: "类型", value: "迟到早退" });
    expect(unknown.zh).toContain("未知的违规类型「迟到早退」");
    expect(unknown.en).toContain('unknown incident type "迟到早退"');
    expect(r.problems.find((p) => p.code === "incident.order.mangled")).toMatchObject({ severity: "warning", row: 8, column: "订单编号" });
    expect(r.problems.find((p) => p.code === "incident.date.invalid")).toMatchObject({ severity: "error", row: 9, value: "10月23日" });
    expect(r.problems.find((p) => p.code === "incident.agent.missing")).toMatchObject({ severity: "error", row: 10 });
    expect(r.problems.find((p) => p.code === "incident.rule.missing")).toMatchObject({ severity: "error", row: 11 });
    expect(errors(r)).toHaveLength(3);
  };
  test("in memory", () => check(importSheet({ file: "违规.xlsx", sheet: "违规记录", rows: INCIDENTS })));
  test.each(CSV_ENCODINGS)("as CSV in %s", (enc) => check(importCsv(INCIDENTS, enc, "incidents")));
  test("as xlsx", async () => check(await importXlsx(INCIDENTS, "incidents")));
  test("same incidents whatever the encoding", () => {
    const base = withoutSource(importCsv(INCIDENTS, "utf8").data.incidents);
    for (const enc of CSV_ENCODINGS) expect(withoutSource(importCsv(INCIDENTS, enc).data.incidents)).toEqual(base);
  });
  test("every rule resolves by key, label, English label and alias", () => {
    const rules = defaultRules();
    for (const key of RULE_KEYS) {
      const f = rules.fines[key];
      expect(resolveRule(key)).toBe(key);
      expect(resolveRule(f.label)).toBe(key);
      expect(resolveRule(f.labelEn)).toBe(key);
      for (const a of f.aliases) expect(resolveRule(a)).toBe(key);
    }
    expect(resolveRule(" 投 诉 ")).toBe("complaint");
    expect(resolveRule("Complaint")).toBe("complaint");
    expect(resolveRule("备注错误（已到工厂）")).toBe("note_error_after");
    expect(resolveRule("没有这条")).toBeNull();
  });
});

describe("roster 月度目标: negative is an error and the default target; 0 is kept with a warning", () => {
  const cases: [string, number | null, string | null, string][] = [
    ["-0.01", null, "error", "roster.target.negative"],
    ["-1", null, "error", "roster.target.negative"],
    ["-0", 0, "warning", "roster.target.zero"],
    ["0", 0, "warning", "roster.target.zero"],
    ["0.00", 0, "warning", "roster.target.zero"],
    ["0.01", 1, null, ""],
    ["20000", 2_000_000, null, ""],
    ["", null, null, ""],
  ];
  test.each(cases)("月度目标 %p → %p", (cell, target, severity, code) => {
    const r = importCsv([["工号", "姓名", "月度目标"], ["KF01", "小美", cell]], "utf8", "roster");
    expect(r.data.roster.map((a) => a.monthlyTarget)).toEqual([target]);
    const found = r.problems.filter((p) => p.code.startsWith("roster.target")).map((p) => [p.severity, p.code, p.row, p.column, p.value]);
    expect(found).toEqual(severity === null ? [] : [[severity, code, 2, "月度目标", cell]]);
  });
});
