/**
 * The one-screen summary after a build: agents, shop collected, fund, unattributed orders, the
 * top three by KPI, problems by severity — Chinese first, English beside.
 */
import type { MonthReport } from "../core/reports/types";
import { formatYuan } from "../core/rules/money";
import type { Problem, Severity } from "../core/problems";

export function severityCounts(problems: readonly Problem[]): Record<Severity, number> {
  const n: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const p of problems) n[p.severity]++;
  return n;
}

export function summaryText(report: MonthReport): string {
  let unattributed = 0;
  for (const o of report.unattributed) unattributed += o.collected;
  const top = report.performance.slice(0, 3).map((p, i) => `  ${i + 1}. ${p.agent.staffNo} ${p.agent.name}  KPI ${p.kpiScore.toFixed(2)}  回款 collected ¥${formatYuan(p.collected)}`);
  const n = severityCounts(report.problems);
  return [
    `月份 Month            ${report.month}`,
    `客服 Agents           ${report.agents.length}`,
    `全店回款 Shop collected ¥${formatYuan(report.shopCollected)}`,
    `部门基金 Fund          ¥${formatYuan(report.fund)}  (${report.penalties.length} 条罚款 penalties)`,
    `未归属 Unattributed    ${report.unattributed.length} 单 orders, ¥${formatYuan(unattributed)}`,
    `KPI 前三 Top 3:`,
    ...(top.length ? top : ["  (无 none)"]),
    `问题 Problems         错误 errors ${n.error} · 警告 warnings ${n.warning} · 提示 info ${n.info}`,
  ].join("\n") + "\n";
}
