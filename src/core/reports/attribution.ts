/**
 * Order attribution (订单归属) and counting for a month: which orders count (by the date basis
 * and status rules), what each one collects (回款), to whom it belongs (the code in the note,
 * else the ERP 业务员 column), and which incident removed its credit.
 */
import type { Cents, MonthStr, Order, WallTime } from "../model";
import { AgentMatcher, type CodeMatch } from "../rules/attribution";
import { collectedOf, StatusFilter } from "../rules/collected";
import type { Rules } from "../rules/types";
import { monthSpan, quarterMonths, type MonthSpan } from "./calendar";
import type { Identity } from "./identity";
import { compareIds, compareSources } from "./order";
import { orderByTime } from "./timeorder";
import type { Attribution, CountedOrder } from "./types";

export class OrderAttributor {
  private readonly matcher: AgentMatcher;
  constructor(
    private readonly identity: Identity,
    rules: Rules["attribution"],
  ) {
    this.matcher = new AgentMatcher(identity.codeEntries(rules.matchNames), rules.mode, rules.pattern);
  }

  /** The note's code first; the 业务员 column only when the note names nobody. */
  attribute(order: Order): CodeMatch {
    const m = this.matcher.match(order.note);
    if (m.agent !== null || !order.salesperson) return m;
    const agent = this.identity.resolve(order.salesperson);
    return agent === null ? m : { agent, matched: `业务员:${order.salesperson}`, others: [] };
  }
}

/** The time that places an order in a month under the rules' date basis. */
export function basisTime(o: Order, rules: Rules["sales"]): WallTime | null {
  return rules.dateBasis === "confirmed" ? o.confirmedAt : o.paidAt;
}

export interface CountedMonth {
  /** Counted orders of the month, by basis time then order id. */
  counted: CountedOrder[];
  attributions: Attribution[];
  /** Σ collected of all counted orders. */
  shopCollected: Cents;
  /** Per agent: Σ collected over the quarter up to the month's end (quarter-end months only). */
  quarter: Map<string, Cents> | null;
  /** Quarter months without any order in the data (the quarterly figure is then unknown). */
  quarterMissing: MonthStr[];
  /** The latest timestamp in the order export: "now" for unshipped / unpaid checks. */
  asOf: WallTime | null;
}

/**
 * One pass over the orders. `credit` maps an order id to the violation id that removed its
 * credit (生产延误 / 未核对收货信息).
 */
export function countMonth(
  orders: readonly Order[],
  month: MonthStr,
  rules: Rules,
  attributor: OrderAttributor,
  credit: ReadonlyMap<string, string>,
  withQuarter: boolean,
): CountedMonth {
  const span: MonthSpan = monthSpan(month);
  const qMonths = withQuarter ? quarterMonths(month) : [];
  const qSpans = qMonths.map(monthSpan);
  const qStart = withQuarter ? qSpans[0].start : span.start;
  const seenMonth = qSpans.map(() => false);
  const quarter = withQuarter ? new Map<string, Cents>() : null;
  const filter = new StatusFilter(rules.sales);
  const cs: CountedOrder[] = [];
  const as: Attribution[] = [];
  const times = new Float64Array(orders.length);
  let asOf: WallTime | null = null;
  let shop = 0;
  for (const o of orders) {
    const latest = Math.max(o.createdAt ?? -Infinity, o.paidAt ?? -Infinity, o.shippedAt ?? -Infinity, o.confirmedAt ?? -Infinity);
    if (latest !== -Infinity && (asOf === null || latest > asOf)) asOf = latest;
    const t = basisTime(o, rules.sales);
    if (t === null || t < qStart || t >= span.end) continue;
    if (withQuarter) for (let k = 0; k < qSpans.length; k++) if (t >= qSpans[k].start && t < qSpans[k].end) seenMonth[k] = true;
    if (!filter.counts(o.status)) continue;
    const m = attributor.attribute(o);
    const removedBy = credit.get(o.id) ?? null;
    const collected = removedBy !== null ? 0 : collectedOf(o.paid, o.refund, o.shipping, rules.sales);
    if (quarter !== null && m.agent !== null && collected > 0) quarter.set(m.agent, (quarter.get(m.agent) ?? 0) + collected);
    if (t < span.start) continue;
    shop += collected;
    times[cs.length] = t;
    cs.push({ order: o, agent: m.agent, collected, creditRemovedBy: removedBy });
    as.push({ orderId: o.id, agent: m.agent, matched: m.matched, others: m.others });
  }
  const order = orderByTime(times.subarray(0, cs.length), (a, b) => compareIds(cs[a].order.id, cs[b].order.id) || compareSources(cs[a].order.source, cs[b].order.source));
  const counted = new Array<CountedOrder>(cs.length);
  const attributions = new Array<Attribution>(cs.length);
  for (let i = 0; i < order.length; i++) {
    counted[i] = cs[order[i]];
    attributions[i] = as[order[i]];
  }
  return {
    counted,
    attributions,
    shopCollected: shop,
    quarter,
    quarterMissing: qMonths.filter((_, k) => !seenMonth[k]),
    asOf,
  };
}
