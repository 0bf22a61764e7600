/**
 * Daily reconciliation (每日对账): per day of the month, what the order export says (created,
 * paid, refunds), how the money was attributed, what is late (paid but unshipped past the ship
 * deadline; created and unpaid past the chase time — both "as of" the latest timestamp in the
 * order export, never the system clock), and, where the sales export has days, its per-agent
 * sales against our attribution. Every non-zero figure lists the order ids behind it.
 *
 * Reads the order table's columns (see ordertable.ts), never the order objects.
 */
import type { AgentSales, Cents, DateStr } from "../model";
import { monthDates } from "./calendar";
import { compareCodes, compareText } from "./order";
import type { OrderTable } from "./ordertable";
import type { AgentRef, DayAgentDiff, DayRow } from "./types";

export interface Reconciliation {
  days: DayRow[];
  dayAgentDiffs: DayAgentDiff[];
}

const lists = (n: number): string[][] => Array.from({ length: n }, () => []);

export function buildReconciliation(
  table: OrderTable,
  sales: readonly { s: AgentSales; agent: string }[],
  agents: ReadonlyMap<string, AgentRef>,
): Reconciliation {
  const dates = monthDates(table.span);
  const n = dates.length;

  const created = lists(n);
  const unpaid = lists(n);
  const c = table.created;
  for (let j = 0; j < c.ids.length; j++) {
    created[c.day[j]].push(c.ids[j]);
    if (c.chase[j] === 1) unpaid[c.day[j]].push(c.ids[j]);
  }

  const paid = lists(n);
  const refunded = lists(n);
  const unshipped = lists(n);
  const paidAmount = new Array<number>(n).fill(0);
  const refunds = new Array<number>(n).fill(0);
  const p = table.paid;
  for (let j = 0; j < p.ids.length; j++) {
    const d = p.day[j];
    paid[d].push(p.ids[j]);
    paidAmount[d] += p.amount[j];
    if (p.refund[j] > 0) {
      refunds[d] += p.refund[j];
      refunded[d].push(p.ids[j]);
    }
    if (p.unshipped[j] === 1) unshipped[d].push(p.ids[j]);
  }

  const attributed = new Array<number>(n).fill(0);
  const unattrAmount = new Array<number>(n).fill(0);
  const attributedIds = lists(n);
  const unattrIds = lists(n);
  const creditIds = lists(n);
  const cols = table.cols;
  for (let j = 0; j < cols.ids.length; j++) {
    const d = cols.day[j];
    if (cols.removed[j] === 1) creditIds[d].push(cols.ids[j]);
    if (cols.agent[j] < 0) {
      unattrAmount[d] += cols.collected[j];
      unattrIds[d].push(cols.ids[j]);
    } else {
      attributed[d] += cols.collected[j];
      attributedIds[d].push(cols.ids[j]);
    }
  }

  const { diffs, byDay } = exportDiffs(table, dates, sales, agents);

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
    const x = byDay.get(date) ?? null;
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

/**
 * The sales export's per-agent sales (询单最终付款金额, money paid) against the paid amount of the
 * orders we attribute to that agent that day (credit-removed orders excluded), for the days the
 * export covers.
 */
function exportDiffs(
  table: OrderTable,
  dates: DateStr[],
  sales: readonly { s: AgentSales; agent: string }[],
  agents: ReadonlyMap<string, AgentRef>,
): { diffs: DayAgentDiff[]; byDay: Map<DateStr, { sum: Cents; exp: Cents; ids: string[] }> } {
  const exportSales = new Map<string, Cents>();
  const exportDays = new Set<DateStr>();
  for (const { s, agent } of sales) {
    if (s.date === null || s.date < dates[0] || s.date > dates[dates.length - 1]) continue;
    exportDays.add(s.date);
    const k = `${s.date}\u0000${agent}`;
    exportSales.set(k, (exportSales.get(k) ?? 0) + (s.sales ?? 0));
  }
  const byDay = new Map<DateStr, { sum: Cents; exp: Cents; ids: string[] }>();
  if (exportDays.size === 0) return { diffs: [], byDay };

  const na = table.agentNames.length;
  const ours = new Map<number, { sales: Cents; ids: string[] }>(); // day × agents + agent
  const cols = table.cols;
  for (let j = 0; j < cols.ids.length; j++) {
    const a = cols.agent[j];
    if (a < 0 || cols.removed[j] === 1 || !exportDays.has(dates[cols.day[j]])) continue;
    const k = cols.day[j] * na + a;
    const e = ours.get(k);
    if (e) {
      e.sales += cols.paid[j];
      e.ids.push(cols.ids[j]);
    } else ours.set(k, { sales: cols.paid[j], ids: [cols.ids[j]] });
  }
  const keys = new Set<string>(exportSales.keys());
  const oursByKey = new Map<string, { sales: Cents; ids: string[] }>();
  for (const [k, v] of ours) {
    const key = `${dates[Math.floor(k / na)]}\u0000${table.agentNames[k % na]}`;
    oursByKey.set(key, v);
    keys.add(key);
  }
  const diffs: DayAgentDiff[] = [];
  for (const k of keys) {
    const [date, agent] = k.split("\u0000");
    const exp = exportSales.get(k) ?? 0;
    const our = oursByKey.get(k);
    const a = our?.sales ?? 0;
    diffs.push({ date, agent: agents.get(agent)!, exportSales: exp, attributed: a, diff: exp - a, orderIds: our?.ids ?? [] });
  }
  diffs.sort((x, y) => compareText(x.date, y.date) || compareCodes(x.agent.staffNo, y.agent.staffNo));
  for (const date of exportDays) byDay.set(date, { sum: 0, exp: 0, ids: [] });
  for (const d of diffs) {
    const e = byDay.get(d.date)!;
    e.sum += d.diff;
    e.exp += d.exportSales;
    if (d.diff !== 0) e.ids.push(...d.orderIds);
  }
  return { diffs, byDay };
}
