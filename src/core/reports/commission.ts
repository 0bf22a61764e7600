/**
 * Commission sheet (提成表): per agent per month — base, lunch per day worked, the four bonuses,
 * commission on collected sales by tier, the quarterly commission in a quarter's last month,
 * fines, the manager's adjustment, net pay; and for every bonus given or withheld a reason in
 * Chinese and English ("全勤奖 0：10-05 迟到" / "no full-attendance bonus: late on 10-05").
 */
import type { Cents, MonthStr, SourceRef } from "../model";
import { commissionFor, quarterlyCommission } from "../rules/commission";
import { formatYuan, mulRate } from "../rules/money";
import type { Rules } from "../rules/types";
import type { AttendanceSummary } from "./attendance";
import { emptyAttendance } from "./attendance";
import { shortDate } from "./calendar";
import { idPart } from "./ids";
import type { OrderTotals } from "./ordertable";
import type { AgentRef, CommissionRow, ManagerState, PenaltyRow } from "./types";

export interface QuarterInfo {
  /** Is the month a quarter's last month? */
  quarterEnd: boolean;
  /** Per agent Σ collected over the quarter; null when the data does not cover it. */
  collected: ReadonlyMap<string, Cents> | null;
  /** The quarter's months missing from the order data. */
  missing: MonthStr[];
}

type Reason = CommissionRow["reasons"][number];

const y = formatYuan;
const pct = (r: number): string => `${+(r * 100).toFixed(4)}%`;

const BREAKS: { zh: string; en: string; on: (d: AttendanceSummary["days"][number]) => boolean }[] = [
  { zh: "迟到", en: "late", on: (d) => d.late && !d.seriousLate },
  { zh: "严重迟到", en: "seriously late", on: (d) => d.seriousLate },
  { zh: "早退", en: "left early", on: (d) => d.early },
  { zh: "旷工", en: "absent", on: (d) => d.absent > 0 },
  { zh: "缺卡", en: "missing punch", on: (d) => d.missing > 0 },
  { zh: "请假", en: "on leave", on: (d) => d.leave > 0 },
  { zh: "病假", en: "on sick leave", on: (d) => d.sick > 0 },
];

/**
 * What broke full attendance, by kind: "10-05 迟到 1 次" / "late once on 10-05", or
 * "迟到 2 次（10-05、10-26）" / "late 2 times (10-05, 10-26)".
 */
function attendanceBreaks(att: AttendanceSummary): { zh: string[]; en: string[] } {
  const zh: string[] = [];
  const en: string[] = [];
  for (const b of BREAKS) {
    const dates = att.days.filter(b.on).map((d) => shortDate(d.date));
    if (dates.length === 0) continue;
    if (dates.length === 1) {
      zh.push(`${dates[0]} ${b.zh} 1 次`);
      en.push(`${b.en} once on ${dates[0]}`);
    } else {
      zh.push(`${b.zh} ${dates.length} 次（${listed(dates, "、", (n) => `等另 ${n} 天`)}）`);
      en.push(`${b.en} ${dates.length} times (${listed(dates, ", ", (n) => `and ${n} more days`)})`);
    }
  }
  return { zh, en };
}

function listed(items: string[], sep: string, more: (n: number) => string): string {
  return items.length <= 6 ? items.join(sep) : items.slice(0, 6).join(sep) + sep + more(items.length - 6);
}

export function buildCommission(
  month: MonthStr,
  agents: readonly AgentRef[],
  totals: ReadonlyMap<string, OrderTotals>,
  attendance: ReadonlyMap<string, AttendanceSummary>,
  penalties: readonly PenaltyRow[],
  quarter: QuarterInfo,
  targets: ReadonlyMap<string, Cents>,
  rules: Rules,
  manager: ManagerState,
): CommissionRow[] {
  const pay = rules.pay;
  const byAgent = new Map<string, PenaltyRow[]>();
  for (const p of penalties) {
    const l = byAgent.get(p.agent.staffNo);
    if (l) l.push(p);
    else byAgent.set(p.agent.staffNo, [p]);
  }
  return agents.map((agent) => {
    const reasons: Reason[] = [];
    const t = totals.get(agent.staffNo) ?? { orders: 0, sales: 0, refunds: 0, collected: 0, buyers: 0, orderIds: [] };
    const att = attendance.get(agent.staffNo) ?? emptyAttendance();
    const fines = byAgent.get(agent.staffNo) ?? [];
    const collected = t.collected;

    reasons.push({ item: "base", zh: `底薪 ${y(pay.base)}`, en: `base pay ${y(pay.base)}` });
    const lunch = pay.lunchPerDay * att.daysWorked;
    reasons.push({
      item: "lunch",
      zh: `餐补 ${y(pay.lunchPerDay)} × 出勤 ${att.daysWorked} 天 = ${y(lunch)}`,
      en: `lunch ${y(pay.lunchPerDay)} × ${att.daysWorked} days worked = ${y(lunch)}`,
    });

    let fullAttendance = 0;
    const breaks = attendanceBreaks(att);
    if (att.days.length === 0) {
      reasons.push({ item: "fullAttendance", zh: "全勤奖 0：本月没有考勤记录", en: "no full-attendance bonus: no attendance records this month" });
    } else if (breaks.zh.length > 0) {
      reasons.push({
        item: "fullAttendance",
        zh: `全勤奖 0：${breaks.zh.join("；")}`,
        en: `no full-attendance bonus: ${breaks.en.join("; ")}`,
      });
    } else {
      fullAttendance = pay.fullAttendance;
      reasons.push({
        item: "fullAttendance",
        zh: `全勤奖 ${y(fullAttendance)}：无迟到、早退、旷工、缺卡、请假、病假`,
        en: `full-attendance bonus ${y(fullAttendance)}: no lateness, early leave, absence, missing punch, leave or sick day`,
      });
    }

    const target = targets.get(agent.staffNo) ?? rules.pay.defaultTarget;
    const threshold = mulRate(target, pay.performanceRatio);
    const performanceBonus = collected >= threshold ? pay.performanceBonus : 0;
    reasons.push({
      item: "performanceBonus",
      zh: `业绩奖 ${y(performanceBonus)}：回款 ${y(collected)} ${performanceBonus ? "≥" : "<"} 目标 ${y(target)} × ${pct(pay.performanceRatio)} = ${y(threshold)}`,
      en: `performance bonus ${y(performanceBonus)}: collected ${y(collected)} ${performanceBonus ? "≥" : "<"} target ${y(target)} × ${pct(pay.performanceRatio)} = ${y(threshold)}`,
    });

    const breaches = fines.filter((p) => !p.waived);
    const executionBonus = breaches.length === 0 ? pay.executionBonus : 0;
    if (executionBonus) {
      reasons.push({ item: "executionBonus", zh: `执行奖 ${y(executionBonus)}：本月无违规（或均已免罚）`, en: `execution bonus ${y(executionBonus)}: no violation this month (or all waived)` });
    } else {
      const zh = breaches.map((p) => `${shortDate(p.date)} ${p.ruleLabel}`);
      const en = breaches.map((p) => `${p.rule} on ${shortDate(p.date)}`);
      reasons.push({
        item: "executionBonus",
        zh: `执行奖 0：${listed(zh, "、", (n) => `等另 ${n} 项`)}`,
        en: `no execution bonus: ${listed(en, ", ", (n) => `and ${n} more`)}`,
      });
    }

    const positionAllowance = collected >= pay.positionThreshold ? pay.positionAllowance : 0;
    reasons.push({
      item: "positionAllowance",
      zh: `职位补贴 ${y(positionAllowance)}：回款 ${y(collected)} ${positionAllowance ? "≥" : "<"} ${y(pay.positionThreshold)}`,
      en: `position allowance ${y(positionAllowance)}: collected ${y(collected)} ${positionAllowance ? "≥" : "<"} ${y(pay.positionThreshold)}`,
    });

    const c = rules.commission;
    const { rate, commission } = commissionFor(collected, t.orders, c);
    const basisZh = c.basis === "count" ? `订单 ${t.orders} 单` : `回款 ${y(collected)}`;
    const basisEn = c.basis === "count" ? `${t.orders} orders` : `collected ${y(collected)}`;
    reasons.push({
      item: "commission",
      zh: `提成 ${y(commission)}：${basisZh} 达到 ${pct(rate)} 档，${c.mode === "whole" ? `全额 ${y(collected)} × ${pct(rate)}` : "超额累进逐段计算"}`,
      en: `commission ${y(commission)}: ${basisEn} reach the ${pct(rate)} tier, ${c.mode === "whole" ? `whole amount ${y(collected)} × ${pct(rate)}` : "marginal, slice by slice"}`,
    });

    let quarterlyCollected: Cents | null = null;
    let quarterly = 0;
    if (!quarter.quarterEnd) {
      reasons.push({ item: "quarterly", zh: "季度提成 0：本月不是季末月", en: "no quarterly commission: not a quarter's last month" });
    } else if (quarter.collected === null) {
      reasons.push({
        item: "quarterly",
        zh: `季度提成 未计：订单数据未覆盖整个季度（缺 ${quarter.missing.join("、")}）`,
        en: `quarterly commission not computed: the order data does not cover the quarter (missing ${quarter.missing.join(", ")})`,
      });
    } else {
      quarterlyCollected = quarter.collected.get(agent.staffNo) ?? 0;
      quarterly = quarterlyCommission(quarterlyCollected, c);
      reasons.push({
        item: "quarterly",
        zh: `季度提成 ${y(quarterly)}：季度回款 ${y(quarterlyCollected)} ${quarterly ? "≥" : "<"} ${y(c.quarterlyThreshold)}${quarterly ? ` × ${pct(c.quarterlyRate)}` : ""}`,
        en: `quarterly commission ${y(quarterly)}: quarter's collected ${y(quarterlyCollected)} ${quarterly ? "≥" : "<"} ${y(c.quarterlyThreshold)}${quarterly ? ` × ${pct(c.quarterlyRate)}` : ""}`,
      });
    }

    const fineTotal = fines.reduce((s, p) => s + p.effective, 0);
    const waivedCount = fines.length - breaches.length;
    reasons.push({
      item: "fines",
      zh: `罚款 ${y(fineTotal)}：${fines.length} 条${waivedCount ? `（${waivedCount} 条免罚）` : ""}`,
      en: `fines ${y(fineTotal)}: ${fines.length} rows${waivedCount ? ` (${waivedCount} waived)` : ""}`,
    });
    const dismissal = breaches.some((p) => p.dismissal);
    if (dismissal) reasons.push({ item: "dismissal", zh: "自动离职标记：本月投诉达到开除次数", en: "dismissal flag: complaints reached the dismissal count this month" });

    const id = `C-${month}-${idPart(agent.staffNo)}`;
    const m = manager[id] ?? {};
    const adjustment = Number.isFinite(m.adjustment) ? Math.round(m.adjustment as number) : 0;
    if (adjustment !== 0) reasons.push({ item: "adjustment", zh: `主管调整 ${y(adjustment)}`, en: `manager's adjustment ${y(adjustment)}` });
    if (!agent.inRoster) reasons.push({ item: "roster", zh: "该客服不在花名册中，请核对", en: "this agent is not in the roster; please check" });

    const netPay =
      pay.base + lunch + fullAttendance + performanceBonus + executionBonus + positionAllowance + commission + quarterly - fineTotal + adjustment;
    const attendanceSources: SourceRef[] = att.days.map((d) => d.source);
    return {
      id,
      agent,
      daysWorked: att.daysWorked,
      base: pay.base,
      lunch,
      fullAttendance,
      performanceBonus,
      executionBonus,
      positionAllowance,
      collected,
      orderCount: t.orders,
      tierRate: rate,
      commission,
      quarterlyCollected,
      quarterly,
      fines: fineTotal,
      dismissal,
      adjustment,
      remark: m.remark ?? "",
      netPay,
      reasons,
      orderIds: t.orderIds,
      attendanceSources,
      penaltyIds: fines.map((p) => p.id),
    };
  });
}
