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
import type { Rules } from "../rules/types";
import { HOUR_MS, monthDates } from "./calendar";
import { compareCodes, compareText } from "./order";
import type { OrderTable } from "./ordertable";
import { dayRuns, firstFalse, zeros } from "./timeorder";
import type { AgentRef, DayAgentDiff, DayRow } from "./types";

export interface Reconciliation {
  days: DayRow[];
  dayAgentDiffs: DayAgentDiff[];
}

const lists = (n: number): string[][] => Array.from({ length: n }, () => []);

export function buildReconciliation(
  table: OrderTable,
  rules: Rules,
  sales: readonly { s: AgentSales; agent: string }[],
  agents: ReadonlyMap<string, AgentRef>,
): Reconciliation {
  const dates = monthDates(table.span);
  const n = dates.length;

  const asOf = table.asOf;
  const chaseLimit = rules.reconciliation.unpaidChaseHours * HOUR_MS;
  const shipLimit = rules.reconciliation.shipDeadlineHours * HOUR_MS;

  // The walks below go in time order: each day is a run of rows, and "late" is a leading run,
  // both found by bisection — no row's time is read out of order in the walks.
  const lateRun = (times: readonly number[], order: readonly number[], limit: number): number =>
    asOf === null ? 0 : firstFalse(order.length, (j) => asOf - times[order[j]] > limit);

  const created = lists(n);
  const unpaid = lists(n);
  const c = table.created;
  const cDays = dayRuns(c.time, c.order, table.span.start, n);
  const cLate = lateRun(c.time, c.order, chaseLimit);
  for (let d = 0; d < n; d++) {
    for (let j = cDays[d]; j < cDays[d + 1]; j++) {
      const s = c.order[j];
      created[d].push(c.ids[s]);
      if (j < cLate && c.open[s] === 1) unpaid[d].push(c.ids[s]);
    }
  }

  const paid = lists(n);
  const refunded = lists(n);
  const unshipped = lists(n);
  const paidAmount = zeros(n);
  const refunds = zeros(n);
  const p = table.paid;
  const pDays = dayRuns(p.time, p.order, table.span.start, n);
  const pLate = lateRun(p.time, p.order, shipLimit);
  for (let d = 0; d < n; d++) {
    for (let j = pDays[d]; j < pDays[d + 1]; j++) {
      const s = p.order[j];
      paid[d].push(p.ids[s]);
      paidAmount[d] += p.amount[s];
      if (p.refund[s] > 0) {
        refunds[d] += p.refund[s];
        refunded[d].push(p.ids[s]);
      }
      if (j < pLate && p.open[s] === 1) unshipped[d].push(p.ids[s]);
    }
  }

  const attributed = zeros(n);
  const unattrAmount = zeros(n);
  const attributedIds = lists(n);
  const unattrIds = lists(n);
  const creditIds = lists(n);
  const collectedIds = lists(n);
  const cols = table.cols;
  for (let d = 0; d < n; d++) {
    for (let s = cols.dayStart[d]; s < cols.dayStart[d + 1]; s++) {
      if (cols.collected[s] !== 0) collectedIds[d].push(cols.ids[s]);
      if (cols.removed[s] === 1) creditIds[d].push(cols.ids[s]);
      if (cols.agent[s] < 0) {
        unattrAmount[d] += cols.collected[s];
        unattrIds[d].push(cols.ids[s]);
      } else {
        attributed[d] += cols.collected[s];
        attributedIds[d].push(cols.ids[s]);
      }
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
    put("collected", collectedIds[d]);
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
    // A row without a sales figure (the export lacks the column) compares nothing.
    if (s.sales === null || s.date === null || s.date < dates[0] || s.date > dates[dates.length - 1]) continue;
    exportDays.add(s.date);
    const k = `${s.date}\u0000${agent}`;
    exportSales.set(k, (exportSales.get(k) ?? 0) + s.sales);
  }
  const byDay = new Map<DateStr, { sum: Cents; exp: Cents; ids: string[] }>();
  if (exportDays.size === 0) return { diffs: [], byDay };

  const na = table.agentNames.length;
  const covered = dates.map((date) => exportDays.has(date));
  // Indexed by day × agents + agent: a month has at most a few thousand such cells.
  const ourSales = zeros(dates.length * na);
  const ourIds: (string[] | undefined)[] = new Array(dates.length * na);
  const cols = table.cols;
  for (let d = 0; d < dates.length; d++) {
    if (!covered[d]) continue;
    for (let s = cols.dayStart[d]; s < cols.dayStart[d + 1]; s++) {
      const a = cols.agent[s];
      if (a < 0 || cols.removed[s] === 1) continue;
      const k = d * na + a;
      ourSales[k] += cols.paid[s];
      (ourIds[k] ??= []).push(cols.ids[s]);
    }
  }
  const keys = new Set<string>(exportSales.keys());
  const oursByKey = new Map<string, { sales: Cents; ids: string[] }>();
  for (let k = 0; k < ourIds.length; k++) {
    const ids = ourIds[k];
    if (ids === undefined) continue;
    const key = `${dates[Math.floor(k / na)]}\u0000${table.agentNames[k % na]}`;
    oursByKey.set(key, { sales: ourSales[k], ids });
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
