/**
 * An agent the sales export (客服绩效) never names scores 0 on the KPI parts only that export gives
 * (conversion, AOV, response time): said once, located at the roster row, never silently.
 */
import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import type { Agent } from "../../../src/core/model";
import type { Rules } from "../../../src/core/rules/types";
import { agent, dataset, order, sales } from "./build";

const OCT = { month: "2026-10" };
const roster = (): Agent[] => [agent("KF01", "小美", "店:小美", 2), agent("KF02", "小丽", "店:小丽", 3), agent("KF03", "小涛", "店:小涛", 4)];
const data = (r: Agent[] = roster()) =>
  dataset({
    roster: r,
    orders: [order({ id: "801", note: "KF01", paid: 60000 }), order({ id: "802", note: "KF02", paid: 60000 }), order({ id: "803", note: "KF03", paid: 60000 })],
    sales: [sales("店:小美", "2026-10-10", { inquiries: 10, payers: 4, avgResponseSec: 20 })],
  });
const noChatParts = (): Rules => {
  const r = defaultRules();
  r.kpi = r.kpi.map((k) => (["conversion", "aov", "avgResponseSec"].includes(k.metric) ? { ...k, weight: 0 } : k));
  return r;
};

describe("kpi.sales.missing", () => {
  it.each([
    // case, roster, rules, agents named (null: no warning)
    ["two agents absent from the export", roster(), defaultRules(), "KF02, KF03"],
    ["one left before the month: not named", roster().map((a) => (a.staffNo === "KF03" ? { ...a, leftOn: "2026-09-30" } : a)), defaultRules(), "KF02"],
    ["one hired after the month: not named", roster().map((a) => (a.staffNo === "KF02" ? { ...a, hiredOn: "2026-11-02" } : a)), defaultRules(), "KF03"],
    ["no KPI part comes from the export", roster(), noChatParts(), null],
  ] as [string, Agent[], Rules, string | null][])("%s", (_n, r, rules, named) => {
    const report = buildMonth(data(r), rules, OCT);
    const w = report.problems.filter((p) => p.code === "kpi.sales.missing");
    if (named === null) {
      expect(w).toEqual([]);
      return;
    }
    expect(w).toHaveLength(1);
    expect(w[0].severity).toBe("warning");
    expect(w[0].value).toBe(named);
    expect([w[0].file, w[0].sheet, w[0].row, w[0].column]).toEqual(["roster.xlsx", "花名册", named.startsWith("KF02") ? 3 : 4, "旺旺"]);
    expect(w[0].zh).toContain("询单转化率、客单价、平均响应时长 按 0 分计");
    expect(w[0].en).toContain("Conversion, AOV, Response time parts score 0");
    // The board's figures themselves are unchanged: the named agents' chat parts are 0.
    for (const no of named.split(", ")) {
      const p = report.performance.find((x) => x.agent.staffNo === no)!;
      expect(p.kpiParts.filter((k) => ["conversion", "aov", "avgResponseSec"].includes(k.metric)).map((k) => k.score)).toEqual([0, 0, 0]);
      expect(w[0].zh).toContain(`${no} ${p.agent.name}（${p.agent.nick}） KPI ${p.kpiScore}，第 ${p.rank} 名`);
    }
  });
});
