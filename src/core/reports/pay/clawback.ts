/**
 * 追回 — clawback of last month's late refunds. An order is credited by its payment date, in
 * transit included, so some are refunded or closed after the month was paid out. With last
 * month's board, each order it credited is looked up in this month's order export (its status
 * and 退款金额) and Taobao's refund report (退款成功 rows' 买家退款金额, summed per order); an order
 * in both counts once (the lower amount stands). For each agent whose credited orders dropped,
 * last month's commission, performance bonus and position allowance are recomputed with the new
 * amounts — under last month's rules and target as its board keeps them (this month's where it
 * does not) — and the difference is this month's 追回 line (≤ 0).
 *
 * Refunds on orders last month's board did not credit — paid two months ago or earlier, maybe
 * recovered then — are named, never recovered twice. Without last month's board, the refunds of
 * last month's orders are counted and said to be unrecovered: never silent.
 */
import type { Cents, MonthStr, Order, Refund } from "../../model";
import { problem, type Problem } from "../../problems";
import { commissionFor } from "../../rules/commission";
import { collectedOf, isCounted } from "../../rules/collected";
import type { Rules } from "../../rules/types";
import { addMonths, monthOf, monthSpan } from "../calendar";
import { performanceBonusAt } from "./performance";
import { mulRate } from "../../rules/money";
import { positionAllowanceFor } from "./position";
import type { PreviousBoard, PreviousCredit } from "./previous";
import { item, y, type PayItem } from "./types";

/** One of last month's orders whose collected amount dropped. */
export interface ClawbackOrder {
  orderId: string;
  before: Cents;
  after: Cents;
  /** "退款成功 120.00（退款报表 refunds!5）" / "交易关闭（订单报表 orders!12）". */
  why: string;
}

/** Last month's pay items an agent's credited orders earned, before and after the refunds. */
export interface EarnedItems {
  collected: Cents;
  orders: number;
  commission: Cents;
  performanceBonus: Cents;
  positionAllowance: Cents;
}

export interface AgentClawback {
  agent: string;
  month: MonthStr;
  orders: ClawbackOrder[];
  before: EarnedItems;
  after: EarnedItems;
  /** after − before over the three items: ≤ 0. */
  amount: Cents;
}

/** A refund succeeded: 退款成功 (or a completion time without a closing / refusing word). */
export function refundSucceeded(r: Pick<Refund, "status" | "completedAt">): boolean {
  const s = r.status.trim();
  if (/关闭|拒绝|撤销|取消|失败/.test(s)) return false;
  return s.includes("成功") || (s === "" && r.completedAt !== null);
}

/** Σ successful refunds per order, each refund row once (the same report given twice counts once). */
function refundTotals(refunds: readonly Refund[]): Map<string, { amount: Cents; where: string }> {
  const seen = new Set<string>();
  const out = new Map<string, { amount: Cents; where: string }>();
  for (const r of refunds) {
    if (!refundSucceeded(r)) continue;
    const key = `${r.orderId}\u0000${r.refundId ?? ""}\u0000${r.amount}\u0000${r.completedAt ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const t = out.get(r.orderId);
    const where = `${r.source.sheet}!${r.source.row}`;
    if (t) {
      t.amount += r.amount;
      t.where += `、${where}`;
    } else out.set(r.orderId, { amount: r.amount, where });
  }
  return out;
}

/** An order's amount now: from the order export and / or the refund report, the lower one. */
function amountNow(
  c: PreviousCredit,
  order: Order | undefined,
  refunded: { amount: Cents; where: string } | undefined,
  rules: Rules,
): { after: Cents; why: string } | null {
  let best: { after: Cents; why: string } | null = null;
  if (order) {
    const counts = isCounted(order.status, rules.sales);
    const after = counts ? collectedOf(order.paid, order.refund, order.shipping, rules.sales) : 0;
    const why = counts ? `退款 ${y(order.refund)}（${order.source.sheet}!${order.source.row}）` : `${order.status}（${order.source.sheet}!${order.source.row}）`;
    best = { after, why };
  }
  if (refunded) {
    const after = collectedOf(c.paid, refunded.amount, c.shipping, rules.sales);
    if (best === null || after < best.after) best = { after, why: `退款成功 ${y(refunded.amount)}（${refunded.where}）` };
  }
  return best;
}

function earned(collected: Cents, orders: number, threshold: Cents, rules: Rules): EarnedItems {
  return {
    collected,
    orders,
    commission: commissionFor(collected, orders, rules.commission).commission,
    performanceBonus: performanceBonusAt(collected, threshold, rules.pay),
    positionAllowance: positionAllowanceFor(collected, rules.pay),
  };
}

const total = (e: EarnedItems) => e.commission + e.performanceBonus + e.positionAllowance;

/**
 * Every agent's clawback against last month's board, and the 问题 lines (refunds on orders the
 * board did not credit).
 */
export function computeClawback(
  prev: PreviousBoard,
  data: { orders: readonly Order[]; refunds?: readonly Refund[] },
  targetOf: (agent: string) => Cents,
  rules: Rules,
  problems: Problem[],
): Map<string, AgentClawback> {
  const byId = new Map<string, Order>();
  for (const o of data.orders) if (prev.credited.has(o.id) && !byId.has(o.id)) byId.set(o.id, o);
  const refunds = refundTotals(data.refunds ?? []);

  const perAgent = new Map<string, PreviousCredit[]>();
  for (const c of prev.credited.values()) {
    const l = perAgent.get(c.agent);
    if (l) l.push(c);
    else perAgent.set(c.agent, [c]);
  }
  const out = new Map<string, AgentClawback>();
  for (const [agent, credits] of perAgent) {
    const orders: ClawbackOrder[] = [];
    let before = 0;
    let after = 0;
    let countAfter = 0;
    for (const c of credits) {
      before += c.collected;
      const now = amountNow(c, byId.get(c.orderId), refunds.get(c.orderId), rules);
      const a = now !== null && now.after < c.collected ? now.after : c.collected;
      after += a;
      // An order with nothing collected is none of the orders a count tier counts, last month as now.
      if (a > 0) countAfter++;
      if (a < c.collected) orders.push({ orderId: c.orderId, before: c.collected, after: a, why: now!.why });
    }
    if (orders.length === 0) continue;
    orders.sort((x, z) => (x.orderId < z.orderId ? -1 : x.orderId > z.orderId ? 1 : 0));
    // Last month's items as last month computed them: its rules and its target when the board
    // keeps them, this month's otherwise.
    const paid = prev.rules ?? rules;
    const threshold = prev.thresholds.get(agent) ?? mulRate(targetOf(agent), paid.pay.performanceRatio);
    const b = earned(before, credits.filter((c) => c.collected > 0).length, threshold, paid);
    const n = earned(after, countAfter, threshold, paid);
    out.set(agent, { agent, month: prev.month, orders, before: b, after: n, amount: Math.min(0, total(n) - total(b)) });
  }

  // Refunds on orders last month's board did not credit and this month does not count either.
  const older: string[] = [];
  const paidMonth = new Map<string, MonthStr | null>();
  for (const o of data.orders) if (refunds.has(o.id)) paidMonth.set(o.id, o.paidAt === null ? null : monthOf(o.paidAt));
  const thisMonth = addMonths(prev.month, 1);
  for (const id of refunds.keys()) {
    if (prev.credited.has(id)) continue;
    const m = paidMonth.get(id);
    if (m === thisMonth || m === prev.month) continue; // this month's own, or last month's never credited
    older.push(m ? `${id}（${m}）` : id);
  }
  if (older.length > 0) {
    older.sort();
    const shown = older.length > 10 ? older.slice(0, 10).join("、") + ` 等 ${older.length} 笔` : older.join("、");
    problems.push(
      problem(
        "info",
        "clawback.older",
        { file: prev.file, sheet: "" },
        older.length,
        `${older.length} 笔退款的订单不在上月（${prev.month}）看板的计入订单中（更早月份计入，或未归属），本月不追回、不重复追回：${shown}`,
        `${older.length} refunds are on orders last month's board (${prev.month}) did not credit (credited in an earlier month, or to nobody); not recovered here, never twice: ${shown}`,
      ),
    );
  }
  return out;
}

/** The 追回 pay line: 0 with "nothing dropped" when the board was given, the orders behind a deduction. */
export function clawbackPay(c: AgentClawback | undefined, prevMonth: MonthStr): PayItem {
  if (!c) return item(0, `追回 0：上月（${prevMonth}）计入的订单无退款`, `clawback 0: no refund on last month's (${prevMonth}) credited orders`);
  const ids = c.orders.map((o) => o.orderId);
  const list = ids.length > 3 ? ids.slice(0, 3).join("、") + ` 等 ${ids.length} 笔` : ids.join("、");
  const listEn = ids.length > 3 ? ids.slice(0, 3).join(", ") + ` and ${ids.length - 3} more` : ids.join(", ");
  return item(
    c.amount,
    `追回 ${y(c.amount)}：上月（${c.month}）回款 ${y(c.before.collected)} → ${y(c.after.collected)}，提成+业绩奖+职位补贴 ${y(total(c.before))} → ${y(total(c.after))}（订单 ${list}）`,
    `clawback ${y(c.amount)}: last month's (${c.month}) collected ${y(c.before.collected)} → ${y(c.after.collected)}, commission + performance bonus + position allowance ${y(total(c.before))} → ${y(total(c.after))} (orders ${listEn})`,
  );
}

/**
 * Without last month's board: how many of last month's orders were refunded or closed since, and
 * for how much — and that nothing was recovered.
 */
export function unrecoveredProblem(month: MonthStr, data: { orders: readonly Order[]; refunds?: readonly Refund[] }, rules: Rules): Problem | null {
  const last = addMonths(month, -1);
  // Last month as a span of times: a month name per order was a date formatted a million times.
  const span = monthSpan(last);
  const refunds = refundTotals(data.refunds ?? []);
  const lost = new Map<string, Cents>();
  for (const o of data.orders) {
    const t = rules.sales.dateBasis === "confirmed" ? o.confirmedAt : o.paidAt;
    if (t === null || !(t >= span.start && t < span.end)) continue;
    const full = collectedOf(o.paid, 0, o.shipping, rules.sales);
    const now = isCounted(o.status, rules.sales) ? collectedOf(o.paid, o.refund, o.shipping, rules.sales) : 0;
    const r = refunds.get(o.id);
    const viaReport = r ? collectedOf(o.paid, r.amount, o.shipping, rules.sales) : full;
    const drop = full - Math.min(now, viaReport);
    if (drop > 0) lost.set(o.id, drop);
  }
  if (lost.size === 0) return null;
  let sum = 0;
  for (const v of lost.values()) sum += v;
  return problem(
    "warning",
    "clawback.none",
    { file: "", sheet: "" },
    lost.size,
    `上月（${last}）付款的 ${lost.size} 笔订单现已退款或关闭，共 ${y(sum)}；未提供上月看板（--previous），未追回`,
    `${lost.size} orders paid last month (${last}) now show refunds or closures, ${y(sum)} in all; last month's board was not given (--previous), so nothing was recovered`,
  );
}
