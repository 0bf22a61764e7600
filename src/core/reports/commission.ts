/**
 * Commission sheet (提成表): per agent per month, the pay items composed — each item is its own
 * small function in `pay/` returning `{ amount, reason }` (base, lunch, full attendance,
 * performance, execution, position, commission, quarterly, fines …); this module only gathers
 * what each agent's items read and adds them up to net pay.
 */
import type { Agent, Cents, MonthStr } from "../model";
import type { Rules } from "../rules/types";
import { mulRate } from "../rules/money";
import type { AttendanceSummary } from "./attendance";
import { emptyAttendance } from "./attendance";
import type { MonthSpan } from "./calendar";
import { idPart } from "./ids";
import type { OrderTotals } from "./ordertable";
import { basePay } from "./pay/base";
import { executionPay } from "./pay/execution";
import { finesPay } from "./pay/fines";
import { fullAttendancePay } from "./pay/fullAttendance";
import { lunchPay } from "./pay/lunch";
import { performancePay } from "./pay/performance";
import { positionPay } from "./pay/position";
import { quarterlyPay, type QuarterInfo } from "./pay/quarterly";
import { scheduleFor } from "./pay/schedule";
import { commissionPay } from "./pay/tier";
import { clawbackPay, type AgentClawback } from "./pay/clawback";
import { rewardsPay, type Reward } from "./pay/rewards";
import { yearEndPay, type YearInfo } from "./pay/yearEnd";
import { y, type AgentMonth, type PayItem } from "./pay/types";
import type { AgentRef, CommissionRow, ManagerState, PenaltyRow } from "./types";

export type { QuarterInfo } from "./pay/quarterly";

/** Last month's late refunds per agent, when last month's board was given. */
export interface ClawbackInput {
  /** The previous board's month. */
  month: MonthStr;
  byAgent: ReadonlyMap<string, AgentClawback>;
}

export interface CommissionInput {
  span: MonthSpan;
  agents: readonly AgentRef[];
  /** Roster rows by staff number (employment period, probation). */
  roster: ReadonlyMap<string, Agent>;
  totals: ReadonlyMap<string, OrderTotals>;
  attendance: ReadonlyMap<string, AttendanceSummary>;
  penalties: readonly PenaltyRow[];
  quarter: QuarterInfo;
  targets: ReadonlyMap<string, Cents>;
  rules: Rules;
  manager: ManagerState;
  /** null / absent = no previous board: no 追回 line. */
  clawback?: ClawbackInput | null;
  /** December: the year's earlier months (year-end commission); null / absent in other months. */
  year?: YearInfo | null;
  /** The month's rewards (奖励) by staff number. */
  rewards?: ReadonlyMap<string, readonly Reward[]>;
}

const NO_ORDERS: OrderTotals = { orders: 0, paying: 0, sales: 0, refunds: 0, collected: 0, buyers: 0, orderIds: [] };

/**
 * Attendance was given for the month (some agent has rows) and this agent, employed and scheduled,
 * worked not one day of it: an agent seen only in the sales export (a sub-account missing from the
 * roster), or one absent all month. Without any attendance, nobody is judged so.
 */
function noDayWorked(a: AgentMonth, input: CommissionInput): boolean {
  return input.attendance.size > 0 && a.schedule.from !== null && a.schedule.scheduledDays > 0 && a.schedule.workedDays === 0;
}

/** The schedule line: only when it says something a clean month does not. */
function scheduleReason(a: AgentMonth): { zh: string; en: string } | null {
  const s = a.schedule;
  if (s.wholeMonth && s.absentDays === 0) return null;
  const dates = s.absentDates.map((d) => d.slice(5));
  const list = (sep: string) => (dates.length > 6 ? dates.slice(0, 6).join(sep) + sep + "…" : dates.join(sep));
  const period = s.from === null ? "本月不在职" : `在职 ${s.from.slice(5)}–${s.to!.slice(5)}`;
  const periodEn = s.from === null ? "not employed this month" : `employed ${s.from.slice(5)}–${s.to!.slice(5)}`;
  return {
    zh: `${period}，应出勤 ${s.scheduledDays} 天，出勤 ${s.workedDays} 天，缺勤 ${s.absentDays} 天${dates.length ? `（${list("、")}）` : ""}`,
    en: `${periodEn}, ${s.scheduledDays} days scheduled, ${s.workedDays} worked, ${s.absentDays} absent${dates.length ? ` (${list(", ")})` : ""}`,
  };
}

function agentRow(a: AgentMonth, input: CommissionInput): CommissionRow {
  const { rules, manager, span } = input;
  const pay = rules.pay;
  const month: MonthStr = span.month;
  const reasons: CommissionRow["reasons"] = [];
  const add = (key: string, p: PayItem): Cents => {
    reasons.push({ item: key, ...p.reason });
    return p.amount;
  };
  const collected = a.totals.collected;
  const base = add("base", basePay(a, span.days));
  const sched = scheduleReason(a);
  if (sched) reasons.push({ item: "schedule", ...sched });
  const lunch = add("lunch", lunchPay(a));
  const fullAttendance = add("fullAttendance", fullAttendancePay(a));
  const performanceBonus = add("performanceBonus", performancePay(collected, a.target, pay));
  const executionBonus = add("executionBonus", executionPay(a.fines, pay.executionBonus, a.schedule.from !== null, !noDayWorked(a, input)));
  const positionAllowance = add("positionAllowance", positionPay(collected, pay));
  const tier = commissionPay(collected, a.totals.paying, rules.commission);
  const commission = add("commission", tier);
  const q = quarterlyPay(a.agent.staffNo, input.quarter, rules.commission);
  const quarterly = add("quarterly", q);
  const claw = input.clawback ? input.clawback.byAgent.get(a.agent.staffNo) : undefined;
  const clawback = input.clawback ? add("clawback", clawbackPay(claw, input.clawback.month)) : 0;
  const yearEnd = input.year ? add("yearEnd", yearEndPay(a.agent.staffNo, collected, a.roster, input.year, pay)) : 0;
  const myRewards = input.rewards?.get(a.agent.staffNo) ?? [];
  const rewards = myRewards.length > 0 ? add("rewards", rewardsPay(myRewards)) : 0;
  const fines = add("fines", finesPay(a.fines));
  // Any rule may dismiss at its n-th breach (the rules sheet's 开除起始次数), not only complaints: name the ones that did.
  const dismissedBy = a.fines.filter((p, i, all) => !p.waived && p.dismissal && !all.some((q, j) => j < i && q.rule === p.rule && !q.waived && q.dismissal));
  const dismissal = dismissedBy.length > 0;
  if (dismissal) {
    reasons.push({
      item: "dismissal",
      zh: `自动离职标记：本月${dismissedBy.map((p) => `「${p.ruleLabel}」第 ${p.occurrence} 次`).join("、")}达到开除次数`,
      en: `dismissal flag: ${dismissedBy.map((p) => `"${p.ruleLabel}" breach ${p.occurrence}`).join(", ")} reached the dismissal count this month`,
    });
  }

  const id = `C-${month}-${idPart(a.agent.staffNo)}`;
  const m = manager[id] ?? {};
  const adjustment = Number.isFinite(m.adjustment) ? Math.round(m.adjustment as number) : 0;
  if (adjustment !== 0) reasons.push({ item: "adjustment", zh: `主管调整 ${y(adjustment)}`, en: `manager's adjustment ${y(adjustment)}` });
  if (!a.agent.inRoster) reasons.push({ item: "roster", zh: "该客服不在花名册中，请核对", en: "this agent is not in the roster; please check" });

  const netPay = base + lunch + fullAttendance + performanceBonus + executionBonus + positionAllowance + commission + quarterly + yearEnd + clawback + rewards - fines + adjustment;
  const s = a.schedule;
  return {
    id,
    agent: a.agent,
    daysWorked: a.att.daysWorked,
    scheduledDays: s.scheduledDays,
    workedDays: s.workedDays,
    absentDays: s.absentDays,
    absentDates: s.absentDates,
    noRecordDates: s.absentDates.filter((d) => s.missingDates.includes(d)),
    wholeMonth: s.wholeMonth,
    employed: s.from !== null,
    ...(noDayWorked(a, input) ? { noDayWorked: true } : {}),
    fullSchedule: s.fullSchedule,
    probationDays: s.probationDays,
    base: pay.base,
    basePay: base,
    lunch,
    fullAttendance,
    performanceBonus,
    performanceThreshold: mulRate(a.target, pay.performanceRatio),
    executionBonus,
    positionAllowance,
    collected,
    orderCount: a.totals.paying,
    tierRate: tier.rate,
    commission,
    quarterlyCollected: q.collected,
    quarterly,
    yearEnd,
    clawback,
    clawbackOrders: claw?.orders ?? [],
    rewards,
    rewardItems: myRewards.map((r) => ({ date: r.date, what: r.what, amount: r.amount })),
    fines,
    dismissal,
    adjustment,
    remark: m.remark ?? "",
    netPay,
    reasons,
    orderIds: a.totals.orderIds,
    attendanceSources: a.att.days.map((d) => d.source),
    penaltyIds: a.fines.map((p) => p.id),
  };
}

/**
 * Every agent's pay for the month.
 * @example buildCommission({ span: monthSpan("2026-10"), agents, roster, totals, attendance, penalties, quarter, targets, rules, manager })[0].netPay
 */
export function buildCommission(input: CommissionInput): CommissionRow[] {
  const byAgent = new Map<string, PenaltyRow[]>();
  for (const p of input.penalties) {
    const l = byAgent.get(p.agent.staffNo);
    if (l) l.push(p);
    else byAgent.set(p.agent.staffNo, [p]);
  }
  return input.agents.map((agent) => {
    const roster = input.roster.get(agent.staffNo) ?? null;
    const att = input.attendance.get(agent.staffNo) ?? emptyAttendance();
    const a: AgentMonth = {
      agent,
      roster,
      att,
      schedule: scheduleFor(input.span, roster, att, input.rules.pay),
      totals: input.totals.get(agent.staffNo) ?? NO_ORDERS,
      fines: byAgent.get(agent.staffNo) ?? [],
      target: input.targets.get(agent.staffNo) ?? input.rules.pay.defaultTarget,
      rules: input.rules,
    };
    return agentRow(a, input);
  });
}
