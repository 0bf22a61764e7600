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
import { compareCodes, compareIds, compareText } from "./order";
import type { AgentRef, CountedOrder, DayAgentDiff, DayRow } from "./types";

/** Statuses that say the parcel left even when the export has no ship time. */
const SHIPPED = ["已发货", "交易成功", "等待买家确认"];
const CLOSED = "交易关闭";

interface Pick {
  t: WallTime;
  id: string;
}

class DayLists {
  private readonly lists: Pick[][];
  constructor(days: number) {
    this.lists = Array.from({ length: days }, () => []);
  }
  add(day: number, t: WallTime, id: string): void {
    this.lists[day].push({ t, id });
  }
  ids(day: number): string[] {
    const l = this.lists[day];
    l.sort((a, b) => a.t - b.t || compareIds(a.id, b.id));
    return l.map((p) => p.id);
  }
  count(day: number): number {
    return this.lists[day].length;
  }
}

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

  const created = new DayLists(n);
  const paid = new DayLists(n);
  const unshipped = new DayLists(n);
  const unpaid = new DayLists(n);
  const refunded = new DayLists(n);
  const paidAmount = new Array<number>(n).fill(0);
  const refunds = new Array<number>(n).fill(0);

  for (const o of orders) {
    const dc = dayOf(o.createdAt);
    if (dc >= 0) {
      created.add(dc, o.createdAt!, o.id);
      if (o.paidAt === null && asOf !== null && asOf - o.createdAt! > chaseLimit && !o.status.includes(CLOSED)) {
        unpaid.add(dc, o.createdAt!, o.id);
      }
    }
    const dp = dayOf(o.paidAt);
    if (dp < 0 || !filter.counts(o.status)) continue;
    paid.add(dp, o.paidAt!, o.id);
    paidAmount[dp] += o.paid;
    if (o.refund > 0) {
      refunds[dp] += o.refund;
      refunded.add(dp, o.paidAt!, o.id);
    }
    if (
      o.shippedAt === null &&
      asOf !== null &&
      asOf - o.paidAt! > shipLimit &&
      !SHIPPED.some((s) => o.status.includes(s))
    ) {
      unshipped.add(dp, o.paidAt!, o.id);
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
    put("ordersCreated", created.ids(d));
    const paidIds = paid.ids(d);
    put("ordersPaid", paidIds);
    if (paidAmount[d] !== 0) trace.paidAmount = paidIds;
    put("refunds", refunded.ids(d));
    put("attributedAmount", attributedIds[d]);
    put("unattributedOrders", unattrIds[d]);
    if (unattrAmount[d] !== 0) trace.unattributedAmount = unattrIds[d];
    put("unshippedLate", unshipped.ids(d));
    put("unpaidToChase", unpaid.ids(d));
    put("creditRemoved", creditIds[d]);
    const x = exportDays.has(date) ? diffByDay.get(date) ?? { sum: 0, ids: [], exp: 0 } : null;
    if (x && x.sum !== 0) trace.salesExportDiff = x.ids;
    return {
      date,
      ordersCreated: created.count(d),
      ordersPaid: paid.count(d),
      paidAmount: paidAmount[d],
      refunds: refunds[d],
      attributedAmount: attributed[d],
      unattributedOrders: unattrIds[d].length,
      unattributedAmount: unattrAmount[d],
      collected: attributed[d] + unattrAmount[d],
      unshippedLate: unshipped.count(d),
      unpaidToChase: unpaid.count(d),
      salesExport: x ? x.exp : null,
      salesExportDiff: x ? x.sum : null,
      trace,
    };
  });
  return { days, dayAgentDiffs: diffs };
}
