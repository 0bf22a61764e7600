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
import { UNCOUNTED_CLOSED, UNCOUNTED_ELSEWHERE, UNCOUNTED_EXCLUDED, type OrderTable } from "./ordertable";
import { dayRuns, firstFalse, zeros } from "./timeorder";
import type { AgentRef, AttendanceDay, DayAgentDiff, DayRow, DiffReason, DiffReasonKind, DiffStatus, LateOrder } from "./types";

export interface Reconciliation {
  days: DayRow[];
  dayAgentDiffs: DayAgentDiff[];
  /** The orders behind the days' unshippedLate and unpaidToChase, by day then time. */
  late: { unshipped: LateOrder[]; unpaid: LateOrder[] };
}

const lists = (n: number): string[][] => Array.from({ length: n }, () => []);

export function buildReconciliation(
  table: OrderTable,
  rules: Rules,
  sales: readonly { s: AgentSales; agent: string }[],
  agents: ReadonlyMap<string, AgentRef>,
  /** "YYYY-MM-DD\u0000staffNo" of the agents' rest days (from attendance). */
  restDays: ReadonlySet<string> = new Set(),
): Reconciliation {
  const dates = monthDates(table.span);
  const n = dates.length;

  const asOf = table.asOf;
  const chaseLimit = rules.reconciliation.unpaidChaseHours * HOUR_MS;
  const shipLimit = rules.reconciliation.shipDeadlineHours * HOUR_MS;

  // The walks below go in time order: each day is a run of rows, and "late" is a leading run,
  // both found by bisection — no row's time is read out of order in the walks.
  const lateRun = (times: ArrayLike<number>, order: ArrayLike<number>, limit: number): number =>
    asOf === null ? 0 : firstFalse(order.length, (j) => asOf - times[order[j]] > limit);

  const late: Reconciliation["late"] = { unshipped: [], unpaid: [] };
  const created = lists(n);
  const unpaid = lists(n);
  const c = table.created;
  const cDays = dayRuns(c.time, c.order, table.span.start, n);
  const cLate = lateRun(c.time, c.order, chaseLimit);
  for (let d = 0; d < n; d++) {
    for (let j = cDays[d]; j < cDays[d + 1]; j++) {
      const s = c.order[j];
      created[d].push(c.ids[s]);
      if (j < cLate && c.open[s] === 1) {
        unpaid[d].push(c.ids[s]);
        late.unpaid.push({ date: dates[d], orderId: c.ids[s], since: c.time[s] });
      }
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
      if (j < pLate && p.open[s] === 1) {
        unshipped[d].push(p.ids[s]);
        late.unshipped.push({ date: dates[d], orderId: p.ids[s], since: p.time[s] });
      }
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

  const { diffs, byDay } = exportDiffs(table, dates, sales, agents, rules, restDays);

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
    if (x && x.ids.length > 0) trace.salesExportDiff = x.ids;
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
  return { days, dayAgentDiffs: diffs, late };
}

/** The agents' rest days as `exportDiffs` looks them up ("YYYY-MM-DD\u0000staffNo"). */
export function restDaysOf(days: readonly AttendanceDay[]): Set<string> {
  const out = new Set<string>();
  for (const d of days) if (d.rest || (d.shift === null && !d.worked)) out.add(`${d.date}\u0000${d.agent}`);
  return out;
}

/** A reason's sums while the orders are walked. */
interface Acc {
  ids: string[];
  amount: Cents;
  /** Signed orders: + in the export and not ours, − ours and not the export's. */
  count: number;
}

const REASON_ORDER: DiffReasonKind[] = ["refundClosed", "notCounted", "creditRemoved", "crossDay"];

/**
 * Crossing days one way: ours on this day, the export's on another. Kept apart from the other way
 * because it holds even where the export has no row for the agent that day.
 */
const CROSS_OUT = "crossDayOut";

/**
 * The sales export's per-agent sales (询单最终付款金额, money paid, by pay day) against the paid
 * amount of the orders we attribute to that agent that day (credit-removed orders excluded), for
 * the days the export covers; each difference explained by the orders behind it where it can be
 * (see DiffReasonKind) and judged (DiffStatus): only what neither the orders nor the tolerance
 * account for is left for a person.
 */
function exportDiffs(
  table: OrderTable,
  dates: DateStr[],
  sales: readonly { s: AgentSales; agent: string }[],
  agents: ReadonlyMap<string, AgentRef>,
  rules: Rules,
  restDays: ReadonlySet<string>,
): { diffs: DayAgentDiff[]; byDay: Map<DateStr, { sum: Cents; exp: Cents; ids: string[] }> } {
  const exportSales = new Map<string, Cents>();
  const exportCount = new Map<string, number>();
  const exportDays = new Set<DateStr>();
  for (const { s, agent } of sales) {
    // A row without a sales figure (the export lacks the column) compares nothing.
    if (s.sales === null || s.date === null || s.date < dates[0] || s.date > dates[dates.length - 1]) continue;
    exportDays.add(s.date);
    const k = `${s.date}\u0000${agent}`;
    exportSales.set(k, (exportSales.get(k) ?? 0) + s.sales);
    // Orders compare only where the export counts orders (销售订单数): payers are buyers.
    const c = exportCount.get(k);
    exportCount.set(k, s.orders === null || c === -1 ? -1 : (c ?? 0) + s.orders);
  }
  const byDay = new Map<DateStr, { sum: Cents; exp: Cents; ids: string[] }>();
  if (exportDays.size === 0) return { diffs: [], byDay };

  const na = table.agentNames.length;
  const covered = dates.map((date) => exportDays.has(date));
  const start = table.span.start;
  const dayOf = (t: number): number => (Number.isFinite(t) ? Math.floor((t - start) / 86_400_000) : -1);
  const keyOf = (d: number, agent: string) => `${dates[d]}\u0000${agent}`;
  // Indexed by day × agents + agent: a month has at most a few thousand such cells.
  const ourSales = zeros(dates.length * na);
  const ourIds: (string[] | undefined)[] = new Array(dates.length * na);
  const reasons = new Map<string, Map<DiffReasonKind | typeof CROSS_OUT, Acc>>();
  const note = (d: number, agent: string, kind: DiffReasonKind | typeof CROSS_OUT, id: string, amount: Cents, count: number) => {
    if (d < 0 || d >= dates.length || !covered[d]) return;
    const k = keyOf(d, agent);
    let m = reasons.get(k);
    if (!m) reasons.set(k, (m = new Map()));
    let acc = m.get(kind);
    if (!acc) m.set(kind, (acc = { ids: [], amount: 0, count: 0 }));
    acc.ids.push(id);
    acc.amount += amount;
    acc.count += count;
  };
  // By pay day, as the export credits them.
  const unattributedIds = dates.map((): string[] => []);
  const unattributed = (d: number, id: string) => {
    if (d >= 0 && d < dates.length && covered[d]) unattributedIds[d].push(id);
  };
  const cols = table.cols;
  for (let d = 0; d < dates.length; d++) {
    for (let s = cols.dayStart[d]; s < cols.dayStart[d + 1]; s++) {
      const a = cols.agent[s];
      const paidDay = dayOf(cols.paidAt[s]);
      if (a < 0) {
        unattributed(paidDay, cols.ids[s]);
        continue;
      }
      const agent = table.agentNames[a];
      if (cols.removed[s] === 1) {
        note(paidDay, agent, "creditRemoved", cols.ids[s], cols.paid[s], 1);
        continue;
      }
      if (paidDay !== d) {
        // Ours on day d, the export's on the day it was paid.
        note(d, agent, CROSS_OUT, cols.ids[s], -cols.paid[s], -1);
        note(paidDay, agent, "crossDay", cols.ids[s], cols.paid[s], 1);
      }
      if (!covered[d]) continue;
      const k = d * na + a;
      ourSales[k] += cols.paid[s];
      (ourIds[k] ??= []).push(cols.ids[s]);
    }
  }
  const u = table.uncounted;
  for (let i = 0; i < u.ids.length; i++) {
    const agent = u.agent[i];
    const paidDay = dayOf(u.paidAt[i]);
    const why = u.why[i];
    if (agent === null || !agents.has(agent)) {
      if (agent === null && why === UNCOUNTED_ELSEWHERE) unattributed(paidDay, u.ids[i]);
      continue;
    }
    // An unknown status is not a reason the export may differ: only a person can say whether it counts.
    if (why === UNCOUNTED_CLOSED) note(paidDay, agent, "refundClosed", u.ids[i], u.paid[i], 1);
    else if (why === UNCOUNTED_EXCLUDED) note(paidDay, agent, "notCounted", u.ids[i], u.paid[i], 1);
    else if (why === UNCOUNTED_ELSEWHERE) note(paidDay, agent, "crossDay", u.ids[i], u.paid[i], 1);
    else note(paidDay, agent, "unknownStatus", u.ids[i], 0, 0);
  }

  const keys = new Set<string>(exportSales.keys());
  const oursByKey = new Map<string, { sales: Cents; ids: string[] }>();
  for (let k = 0; k < ourIds.length; k++) {
    const ids = ourIds[k];
    if (ids === undefined) continue;
    const key = keyOf(Math.floor(k / na), table.agentNames[k % na]);
    oursByKey.set(key, { sales: ourSales[k], ids });
    keys.add(key);
  }
  const tolerance = rules.reconciliation;
  const dayIndex = new Map(dates.map((date, d) => [date, d]));
  const diffs: DayAgentDiff[] = [];
  for (const k of keys) {
    const [date, agent] = k.split("\u0000");
    const inExport = exportSales.has(k);
    const exp = exportSales.get(k) ?? 0;
    const our = oursByKey.get(k);
    const a = our?.sales ?? 0;
    const diff = exp - a;
    const counted = exportCount.get(k) ?? -1;
    const countDiff = counted === -1 ? 0 : counted - (our?.ids.length ?? 0);
    // Where the export has no row for the agent's day it credited nothing: only our orders it
    // credits on another day explain ours here.
    const found = reasons.get(k);
    const list: DiffReason[] = [];
    let explained = 0;
    let explainedCount = 0;
    for (const kind of REASON_ORDER) {
      const parts = kind === "crossDay" ? [found?.get(CROSS_OUT), inExport ? found?.get(kind) : undefined] : [inExport ? found?.get(kind) : undefined];
      const ids: string[] = [];
      let amount = 0;
      let count = 0;
      for (const acc of parts) {
        if (!acc) continue;
        for (const id of acc.ids) ids.push(id); // not spread: a busy day can pass the engine's argument limit
        amount += acc.amount;
        count += acc.count;
      }
      if (amount === 0 && count === 0) continue;
      list.push({ kind, ids, amount });
      explained += amount;
      explainedCount += count;
    }
    const unexplained = diff - explained;
    const countLeft = counted === -1 ? 0 : countDiff - explainedCount;
    let status: DiffStatus;
    if (diff === 0 && countDiff === 0) status = "match";
    else if (!inExport && restDays.has(k)) status = "rest";
    else if (unexplained === 0 && countLeft === 0) status = "explained";
    else if (Math.abs(unexplained) <= tolerance.toleranceAmount && Math.abs(countLeft) <= tolerance.toleranceOrders) status = "tolerance";
    else status = "check";
    if (status === "check") {
      const d = dayIndex.get(date)!;
      const unknown = found?.get("unknownStatus");
      if (unknown) list.push({ kind: "unknownStatus", ids: unknown.ids, amount: 0 });
      if (unattributedIds[d].length > 0) list.push({ kind: "unattributed", ids: unattributedIds[d], amount: 0 });
    }
    diffs.push({ date, agent: agents.get(agent)!, exportSales: exp, attributed: a, diff, orderIds: our?.ids ?? [], status, reasons: list, unexplained });
  }
  diffs.sort((x, y) => compareText(x.date, y.date) || compareCodes(x.agent.staffNo, y.agent.staffNo));
  for (const date of exportDays) byDay.set(date, { sum: 0, exp: 0, ids: [] });
  for (const d of diffs) {
    const e = byDay.get(d.date)!;
    e.sum += d.diff;
    e.exp += d.exportSales;
    if (d.status === "check") for (const id of d.orderIds) e.ids.push(id);
  }
  return { diffs, byDay };
}
