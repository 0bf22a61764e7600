/**
 * The one-screen summary after a build: agents, shop collected, fund, unattributed orders, the
 * top three by KPI, problems by severity — Chinese first, English beside.
 */
import type { MonthReport } from "../core";
import { formatYuan, selfAuditCounts } from "../core";
import type { Problem, Severity } from "../core";

export function severityCounts(problems: readonly Problem[]): Record<Severity, number> {
  const n: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const p of problems) n[p.severity]++;
  return n;
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

const LABEL = 26;
const line = (label: string, value: string) => label + " ".repeat(Math.max(1, LABEL - width(label))) + value;

export function summaryText(report: MonthReport): string {
  let unattributed = 0;
  for (const o of report.unattributed) unattributed += o.collected;
  const top = report.performance.slice(0, 3).map((p, i) => `  ${i + 1}. ${p.agent.staffNo} ${p.agent.name}  KPI ${p.kpiScore.toFixed(2)}  回款 collected ¥${formatYuan(p.collected)}`);
  const n = severityCounts(report.problems);
  return [
    line("月份 Month", report.month),
    line("客服 Agents", String(report.agents.length)),
    line("全店回款 Shop collected", `¥${formatYuan(report.shopCollected)}`),
    line("部门基金 Fund", `¥${formatYuan(report.fund)}  (${report.penalties.length} 条罚款 penalties)`),
    line("未归属 Unattributed", `${report.unattributed.length} 单 orders, ¥${formatYuan(unattributed)}`),
    ...selfAuditLine(report),
    "KPI 前三 Top 3:",
    ...(top.length ? top : ["  (无 none)"]),
    line("问题 Problems", `错误 errors ${n.error} · 警告 warnings ${n.warning} · 提示 info ${n.info}`),
  ].join("\n") + "\n";
}

/** The self-audit under 每日对账, the checks that were made, in one line (none when none was). */
function selfAuditLine(report: MonthReport): string[] {
  const c = selfAuditCounts(report);
  if (!c) return [];
  const parts: string[] = [];
  if (c.noTracking !== null) parts.push(`已发货无单号 ${c.noTracking} 单 shipped without tracking`);
  if (c.partShipped > 0) parts.push(`同一买家部分发货 ${c.partShipped} 单 shipped in part`);
  if (c.erpShipped !== null) parts.push(`ERP已发货淘宝未发货 ${c.erpShipped} 单 ERP-only shipped`);
  if (c.clerkUnattributed !== null) parts.push(`业务员名下未归属 ${c.clerkUnattributed} 单 under a clerk, no agent`);
  return parts.length > 0 ? [line("自查 Self-audit", parts.join(" · "))] : [];
}
