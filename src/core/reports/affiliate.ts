/**
 * 淘宝客 (affiliate) commission, handbook 004: per affiliate, the month's confirmed orders (状态
 * 订单结算 / 订单成功 …, by 结算时间, else 创建时间) pick the rate — 100 / 200 / 500 orders →
 * 10 / 13 / 15% by default, the whole month at the tier reached — applied to each order's base,
 * the larger of its unit price or (payment − shipping), and capped at 50% of its payment. The
 * shipping comes from the orders export (same 订单编号), else 0. Every figure is in the rules
 * sheet's 【淘宝客】 block; the 淘宝客 sheet lists the orders behind each line.
 */
import type { AffiliateOrder, Cents, DateStr, MonthStr, Order, SourceRef } from "../model";
import { problem, type Problem } from "../problems";
import { tierRate } from "../rules/commission";
import { mulRate } from "../rules/money";
import type { AffiliateRules } from "../rules/types";
import { dateOf } from "./calendar";

export interface AffiliateOrderLine {
  orderId: string;
  date: DateStr;
  price: Cents | null;
  amount: Cents;
  shipping: Cents;
  /** max(price, amount − shipping), never below 0. */
  base: Cents;
  commission: Cents;
  /** The 50% cap decided the commission. */
  capped: boolean;
  source: SourceRef;
}

export interface AffiliateLine {
  affiliate: string;
  /** Confirmed orders in the month: the tier's count. */
  orders: number;
  rate: number;
  commission: Cents;
  lines: AffiliateOrderLine[];
}

/** One order's commission at `rate`: the base at the rate, at most `cap` of its payment. */
export function affiliateCommission(o: Pick<AffiliateOrder, "price" | "amount">, shipping: Cents, rate: number, cap: number): { base: Cents; commission: Cents; capped: boolean } {
  const base = Math.max(o.price ?? 0, o.amount - shipping, 0);
  const byRate = mulRate(base, rate);
  const limit = mulRate(Math.max(o.amount, 0), cap);
  return byRate > limit ? { base, commission: limit, capped: true } : { base, commission: byRate, capped: false };
}

/**
 * The month's affiliate lines, by affiliate name. The same order twice for one affiliate (two
 * overlapping exports) counts once, with a warning; orders outside the month or not confirmed
 * are not counted (one info line says how many).
 */
export function buildAffiliates(list: readonly AffiliateOrder[], orders: readonly Order[], rules: AffiliateRules, month: MonthStr): { lines: AffiliateLine[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const shippingOf = new Map<string, Cents>();
  for (const o of orders) if (!shippingOf.has(o.id)) shippingOf.set(o.id, o.shipping);
  const seen = new Map<string, SourceRef>();
  const byWho = new Map<string, { o: AffiliateOrder; date: DateStr }[]>();
  let skipped = 0;
  for (const o of list) {
    const t = o.settledAt ?? o.createdAt;
    const date = t === null ? null : dateOf(t);
    const confirmed = rules.confirmedStatuses.some((s) => s !== "" && o.status.includes(s));
    if (date === null || date.slice(0, 7) !== month || !confirmed) {
      skipped++;
      continue;
    }
    const key = `${o.affiliate}\u0000${o.orderId}`;
    const first = seen.get(key);
    if (first) {
      problems.push(
        problem("warning", "affiliate.order.duplicate", { ...o.source, column: "订单编号" }, o.orderId,
          `淘宝客 ${o.affiliate} 的订单 ${o.orderId} 重复出现（首次在第${first.row}行）；只计一次`,
          `order ${o.orderId} of the affiliate ${o.affiliate} appears twice (first on row ${first.row}); counted once`),
      );
      continue;
    }
    seen.set(key, o.source);
    const g = byWho.get(o.affiliate) ?? [];
    g.push({ o, date });
    byWho.set(o.affiliate, g);
  }
  if (skipped > 0) {
    problems.push(
      problem("info", "affiliate.not_counted", { file: list[0]?.source.file ?? "", sheet: list[0]?.source.sheet ?? "" }, skipped,
        `${skipped} 笔淘宝客订单不在 ${month} 结算或未确认收货（状态不是 ${rules.confirmedStatuses.join("、")}），不计单数和佣金`,
        `${skipped} affiliate orders are not settled in ${month} or not confirmed (status not ${rules.confirmedStatuses.join(", ")}): not counted`),
    );
  }
  const lines: AffiliateLine[] = [];
  for (const [affiliate, group] of [...byWho.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    group.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.o.orderId < y.o.orderId ? -1 : x.o.orderId > y.o.orderId ? 1 : 0));
    const rate = tierRate(group.length, rules.tiers);
    let total = 0;
    const out: AffiliateOrderLine[] = group.map(({ o, date }) => {
      const shipping = shippingOf.get(o.orderId) ?? 0;
      const c = affiliateCommission(o, shipping, rate, rules.cap);
      total += c.commission;
      return { orderId: o.orderId, date, price: o.price, amount: o.amount, shipping, ...c, source: o.source };
    });
    lines.push({ affiliate, orders: group.length, rate, commission: total, lines: out });
  }
  return { lines, problems };
}
