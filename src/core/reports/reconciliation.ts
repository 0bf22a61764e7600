/**
 * Daily reconciliation (每日对账): per day of the month, what the order export says (created,
 * paid, refunds), how the paid money was attributed, what is late (paid but unshipped past the
 * ship deadline; created and unpaid past the chase time — both "as of" the latest timestamp in
 * the order export, never the system clock), and, where the sales export has days, its
 * per-agent sales against our attribution. Every non-zero figure lists the order ids behind it.
 */
import type { AgentSales, Cents, DateStr, Order, WallTime } from "../model";
import { StatusFilter } from "../rules/collected";
import type { Rules } from "../rules/types";
import { basisTime } from "./attribution";
import { DAY_MS, HOUR_MS, monthDates, type MonthSpan } from "./calendar";
import { compareCodes, compareIds, compareSources, compareText } from "./order";
import { orderByTime } from "./timeorder";
import type { AgentRef, CountedOrder, DayAgentDiff, DayRow } from "./types";

/** Statuses that say the parcel left even when the export has no ship time. */
const SHIPPED = ["已发货", "交易成功", "等待买家确认"];
const CLOSED = "交易关闭";

export interface Reconciliation {
  days: DayRow[];
  dayAgentDiffs: DayAgentDiff[];
}

export function buildReconciliation(
  orders: readonly Order[],
  counted: readonly CountedOrder[],
  span: MonthSpan,
  rules: Rules,
  asOf: WallTime | null,
  sales: readonly { s: AgentSales; agent: string }[],
  agents: ReadonlyMap<string, AgentRef>,
): Reconciliation {
  const n = span.days;
  const dates = monthDates(span);
  const dayOf = (t: WallTime | null): number => (t === null || t < span.start || t >= span.end ? -1 : Math.floor((t - span.start) / DAY_MS));
  const filter = new StatusFilter(rules.sales);
  const shipLimit = rules.reconciliation.shipDeadlineHours * HOUR_MS;
  const chaseLimit = rules.reconciliation.unpaidChaseHours * HOUR_MS;

  // Orders created / paid in the month, each walked in time order so trace lists come out sorted.
  const createdIdx: number[] = [];
  const paidIdx: number[] = [];
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i];
    if (dayOf(o.createdAt) >= 0) createdIdx.push(i);
    if (dayOf(o.paidAt) >= 0 && filter.counts(o.status)) paidIdx.push(i);
  }
  const inTimeOrder = (idx: number[], time: (o: Order) => WallTime): number[] => {
    const times = new Float64Array(idx.length);
    for (let k = 0; k < idx.length; k++) times[k] = time(orders[idx[k]]);
    const ord = orderByTime(times, (a, b) => compareIds(orders[idx[a]].id, orders[idx[b]].id) || compareSources(orders[idx[a]].source, orders[idx[b]].source));
    const out = new Array<number>(idx.length);
    for (let k = 0; k < ord.length; k++) out[k] = idx[ord[k]];
    return out;
  };
  const lists = () => Array.from({ length: n }, () => [] as string[]);
  const created = lists();
  const unpaid = lists();
  const paid = lists();
  const refunded = lists();
  const unshipped = lists();
  const paidAmount = new Array<number>(n).fill(0);
  const refunds = new Array<number>(n).fill(0);
  for (const i of inTimeOrder(createdIdx, (o) => o.createdAt!)) {
    const o = orders[i];
    const d = dayOf(o.createdAt);
    created[d].push(o.id);
    if (o.paidAt === null && asOf !== null && asOf - o.createdAt! > chaseLimit && !o.status.includes(CLOSED)) unpaid[d].push(o.id);
  }
  for (const i of inTimeOrder(paidIdx, (o) => o.paidAt!)) {
    const o = orders[i];
    const d = dayOf(o.paidAt);
    paid[d].push(o.id);
    paidAmount[d] += o.paid;
    if (o.refund > 0) {
      refunds[d] += o.refund;
      refunded[d].push(o.id);
    }
    if (o.shippedAt === null && asOf !== null && asOf - o.paidAt! > shipLimit && !SHIPPED.some((s) => o.status.includes(s))) {
      unshipped[d].push(o.id);
    }
  }

  // Attribution by basis day, from the counted orders (already in basis-time order).
  const attributed = new Array<number>(n).fill(0);
  const unattrAmount = new Array<number>(n).fill(0);
  const attributedIds: string[][] = Array.from({ length: n }, () => []);
  const unattrIds: string[][] = Array.from({ length: n }, () => []);
  const creditIds: string[][] = Array.from({ length: n }, () => []);
  const ours = new Map<string, { sales: Cents; ids: string[] }>(); // date \0 agent
  for (const c of counted) {
    const d = dayOf(basisTime(c.order, rules.sales));
    if (d < 0) continue;
    if (c.creditRemovedBy !== null) creditIds[d].push(c.order.id);
    if (c.agent === null) {
      unattrAmount[d] += c.collected;
      unattrIds[d].push(c.order.id);
      continue;
    }
    attributed[d] += c.collected;
    attributedIds[d].push(c.order.id);
    if (c.creditRemovedBy !== null) continue;
    const k = `${dates[d]}\u0000${c.agent}`;
    const e = ours.get(k);
    if (e) {
      e.sales += c.order.paid;
      e.ids.push(c.order.id);
    } else ours.set(k, { sales: c.order.paid, ids: [c.order.id] });
  }

  // The sales export, per agent per day, where it has days.
  const exportSales = new Map<string, Cents>();
  const exportDays = new Set<DateStr>();
  for (const { s, agent } of sales) {
    if (s.date === null || s.date < dates[0] || s.date > dates[n - 1]) continue;
    exportDays.add(s.date);
    const k = `${s.date}\u0000${agent}`;
    exportSales.set(k, (exportSales.get(k) ?? 0) + (s.sales ?? 0));
  }
  const diffs: DayAgentDiff[] = [];
  const keys = new Set<string>();
  for (const k of exportSales.keys()) keys.add(k);
  for (const k of ours.keys()) if (exportDays.has(k.slice(0, 10))) keys.add(k);
  for (const k of keys) {
    const [date, agent] = k.split("\u0000");
    const exp = exportSales.get(k) ?? 0;
    const our = ours.get(k);
    const a = our?.sales ?? 0;
    diffs.push({ date, agent: agents.get(agent)!, exportSales: exp, attributed: a, diff: exp - a, orderIds: our?.ids ?? [] });
  }
  diffs.sort((x, y) => compareText(x.date, y.date) || compareCodes(x.agent.staffNo, y.agent.staffNo));
  const diffByDay = new Map<DateStr, { sum: Cents; ids: string[]; exp: Cents }>();
  for (const d of diffs) {
    let e = diffByDay.get(d.date);
    if (!e) diffByDay.set(d.date, (e = { sum: 0, ids: [], exp: 0 }));
    e.sum += d.diff;
    e.exp += d.exportSales;
    if (d.diff !== 0) e.ids.push(...d.orderIds);
  }

  const days: DayRow[] = dates.map((date, d) => {
    const trace: Record<string, string[]> = {};
    const put = (name: string, ids: string[]) => {
      if (ids.length > 0) trace[name] = ids;
    };
    put("ordersCreated", created[d]);
    put("ordersPaid", paid[d]);
    if (paidAmount[d] !== 0) trace.paidAmount = paid[d];
    put("refunds", refunded[d]);
    put("attributedAmount", attributedIds[d]);
    put("unattributedOrders", unattrIds[d]);
    if (unattrAmount[d] !== 0) trace.unattributedAmount = unattrIds[d];
    put("unshippedLate", unshipped[d]);
    put("unpaidToChase", unpaid[d]);
    put("creditRemoved", creditIds[d]);
    const x = exportDays.has(date) ? diffByDay.get(date) ?? { sum: 0, ids: [], exp: 0 } : null;
    if (x && x.sum !== 0) trace.salesExportDiff = x.ids;
    return {
      date,
      ordersCreated: created[d].length,
      ordersPaid: paid[d].length,
      paidAmount: paidAmount[d],
      refunds: refunds[d],
      attributedAmount: attributed[d],
      unattributedOrders: unattrIds[d].length,
      unattributedAmount: unattrAmount[d],
      collected: attributed[d] + unattrAmount[d],
      unshippedLate: unshipped[d].length,
      unpaidToChase: unpaid[d].length,
      salesExport: x ? x.exp : null,
      salesExportDiff: x ? x.sum : null,
      trace,
    };
  });
  return { days, dayAgentDiffs: diffs };
}
