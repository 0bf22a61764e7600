/**
 * The month's orders, scanned once: which count (date basis, status rules), what each collects
 * (回款), to whom it belongs, which incident removed its credit; per-agent totals; and the
 * created / paid orders of each day for the reconciliation.
 *
 * Why columns: a million order objects do not fit in the CPU cache, and every extra walk over
 * them in a different order (sorted by time) is a cache miss per field. So the one pass in
 * input order copies what the reports need into typed arrays, the canonical orders are index
 * permutations (`orderByTime`), and the reports read the columns, not the objects.
 */
import type { Cents, MonthStr, Order, WallTime } from "../model";
import { collectedOf, isCounted } from "../rules/collected";
import type { Rules } from "../rules/types";
import { basisTime, type OrderAttributor } from "./attribution";
import { DAY_MS, HOUR_MS, monthSpan, quarterMonths, type MonthSpan } from "./calendar";
import { compareIds, compareSources } from "./order";
import { orderByTime } from "./timeorder";
import type { Attribution, CountedOrder } from "./types";

/** Per-agent sums over the month's counted orders whose credit stands. */
export interface OrderTotals {
  orders: number;
  sales: Cents;
  refunds: Cents;
  collected: Cents;
  /** Distinct buyers (a blank buyer name counts once per order). */
  buyers: number;
  orderIds: string[];
}

export interface OrderTable {
  span: MonthSpan;
  /** Counted orders of the month, by basis time then order id. */
  counted: CountedOrder[];
  attributions: Attribution[];
  /** Σ collected of all counted orders. */
  shopCollected: Cents;
  totals: Map<string, OrderTotals>;
  /** Per agent Σ collected over the quarter up to the month's end (quarter-end months only). */
  quarter: Map<string, Cents> | null;
  /** Quarter months without any order in the data. */
  quarterMissing: MonthStr[];
  /** The latest timestamp in the order export: "now" for the late checks. */
  asOf: WallTime | null;
  /** Agent index → staff number (for `cols.agent`). */
  agentNames: string[];
  /** `counted` as columns, same order: agent index (−1 = nobody), day of month (0-based). */
  cols: { agent: Int32Array; day: Int32Array; collected: Float64Array; paid: Float64Array; removed: Uint8Array; ids: string[] };
  /** Orders created in the month, in creation order; `chase` = unpaid past the chase time. */
  created: { ids: string[]; day: Int32Array; chase: Uint8Array };
  /** Orders paid in the month with a counted status, in payment order. */
  paid: { ids: string[]; day: Int32Array; amount: Float64Array; refund: Float64Array; unshipped: Uint8Array };
}

/** Statuses that say the parcel left even when the export has no ship time. */
const SHIPPED = ["已发货", "交易成功", "等待买家确认"];
const CLOSED = "交易关闭";

export function scanOrders(
  orders: readonly Order[],
  month: MonthStr,
  rules: Rules,
  attributor: OrderAttributor,
  credit: ReadonlyMap<string, string>,
  withQuarter: boolean,
): OrderTable {
  const span = monthSpan(month);
  const n = orders.length;
  const qMonths = withQuarter ? quarterMonths(month) : [];
  const qSpans = qMonths.map(monthSpan);
  const qStart = withQuarter ? qSpans[0].start : span.start;
  const seenMonth = qSpans.map(() => false);
  const quarter = withQuarter ? new Map<string, Cents>() : null;
  // What a status means, looked up once per distinct status (a month has a handful).
  const statusInfo = new Map<string, number>();
  const COUNTS = 1;
  const CLOSED_BIT = 2;
  const SHIPPED_BIT = 4;
  const infoOf = (status: string): number => {
    let v = statusInfo.get(status);
    if (v === undefined) {
      v = (isCounted(status, rules.sales) ? COUNTS : 0) | (status.includes(CLOSED) ? CLOSED_BIT : 0) | (SHIPPED.some((x) => status.includes(x)) ? SHIPPED_BIT : 0);
      statusInfo.set(status, v);
    }
    return v;
  };
  const anyCredit = credit.size > 0;

  // Counted slots, in input order.
  const cs: CountedOrder[] = [];
  const as: Attribution[] = [];
  const cTime = new Float64Array(n);
  const cAgent = new Int32Array(n);
  const cCollected = new Float64Array(n);
  const cPaid = new Float64Array(n);
  const cRemoved = new Uint8Array(n);
  const cIds = new Array<string>(n);
  // Created / paid in the month, in input order.
  const crIdx = new Int32Array(n);
  const crTime = new Float64Array(n);
  const crOpen = new Uint8Array(n);
  const crIds = new Array<string>(n);
  let nCr = 0;
  const pdIdx = new Int32Array(n);
  const pdTime = new Float64Array(n);
  const pdOpen = new Uint8Array(n);
  const pdIds = new Array<string>(n);
  const pdAmount = new Float64Array(n);
  const pdRefund = new Float64Array(n);
  let nPd = 0;
  // Per agent.
  const agentIndex = new Map<string, number>();
  const agentNames: string[] = [];
  const aOrders: number[] = [];
  const aSales: number[] = [];
  const aRefunds: number[] = [];
  const aCollected: number[] = [];
  const buyerId = new Map<string, number>();
  const pairs = new Float64Array(n);
  let nPairs = 0;

  let asOf = -Infinity;
  let shop = 0;
  for (let i = 0; i < n; i++) {
    const o = orders[i];
    const createdAt = o.createdAt;
    const paidAt = o.paidAt;
    if (createdAt !== null && createdAt > asOf) asOf = createdAt;
    if (paidAt !== null && paidAt > asOf) asOf = paidAt;
    if (o.shippedAt !== null && o.shippedAt > asOf) asOf = o.shippedAt;
    if (o.confirmedAt !== null && o.confirmedAt > asOf) asOf = o.confirmedAt;
    const info = infoOf(o.status);

    if (createdAt !== null && createdAt >= span.start && createdAt < span.end) {
      crIdx[nCr] = i;
      crIds[nCr] = o.id;
      crTime[nCr] = createdAt;
      crOpen[nCr++] = paidAt === null && (info & CLOSED_BIT) === 0 ? 1 : 0;
    }
    const counts = (info & COUNTS) !== 0;
    if (counts && paidAt !== null && paidAt >= span.start && paidAt < span.end) {
      pdIdx[nPd] = i;
      pdIds[nPd] = o.id;
      pdAmount[nPd] = o.paid;
      pdRefund[nPd] = o.refund;
      pdTime[nPd] = paidAt;
      pdOpen[nPd++] = o.shippedAt === null && (info & SHIPPED_BIT) === 0 ? 1 : 0;
    }

    const t = basisTime(o, rules.sales);
    if (t === null || !(t >= qStart && t < span.end)) continue; // (NaN-safe)
    if (withQuarter) for (let k = 0; k < qSpans.length; k++) if (t >= qSpans[k].start && t < qSpans[k].end) seenMonth[k] = true;
    if (!counts) continue;
    const agent = attributor.find(o);
    const removedBy = anyCredit ? credit.get(o.id) ?? null : null;
    const collected = removedBy !== null ? 0 : collectedOf(o.paid, o.refund, o.shipping, rules.sales);
    if (quarter !== null && agent !== null && collected > 0) quarter.set(agent, (quarter.get(agent) ?? 0) + collected);
    if (t < span.start) continue;

    shop += collected;
    let a = -1;
    if (agent !== null) {
      const known = agentIndex.get(agent);
      if (known === undefined) {
        a = agentNames.length;
        agentIndex.set(agent, a);
        agentNames.push(agent);
        aOrders.push(0);
        aSales.push(0);
        aRefunds.push(0);
        aCollected.push(0);
      } else a = known;
      if (removedBy === null) {
        aOrders[a]++;
        aSales[a] += o.paid;
        aRefunds[a] += o.refund;
        aCollected[a] += collected;
        // A blank buyer name is one unknown buyer per order, not one buyer for all of them.
        const buyer = o.buyer || "\u0000" + o.id;
        let b = buyerId.get(buyer);
        if (b === undefined) buyerId.set(buyer, (b = buyerId.size));
        pairs[nPairs++] = b * 65536 + a;
      }
    }
    const slot = cs.length;
    cTime[slot] = t;
    cAgent[slot] = a;
    cCollected[slot] = collected;
    cPaid[slot] = o.paid;
    cRemoved[slot] = removedBy !== null ? 1 : 0;
    cIds[slot] = o.id;
    cs.push({ order: o, agent, collected, creditRemovedBy: removedBy });
    as.push({ orderId: o.id, agent, matched: attributor.matched, others: attributor.others });
  }

  // Counted orders in canonical order, and their columns.
  const k = cs.length;
  const perm = orderByTime(cTime.subarray(0, k), (x, y) => compareIds(cIds[x], cIds[y]) || compareSources(cs[x].order.source, cs[y].order.source));
  const counted = new Array<CountedOrder>(k);
  const attributions = new Array<Attribution>(k);
  const cols = {
    agent: new Int32Array(k),
    day: new Int32Array(k),
    collected: new Float64Array(k),
    paid: new Float64Array(k),
    removed: new Uint8Array(k),
    ids: new Array<string>(k),
  };
  const orderIds: string[][] = agentNames.map(() => []);
  for (let j = 0; j < k; j++) {
    const s = perm[j];
    counted[j] = cs[s];
    attributions[j] = as[s];
    const a = cAgent[s];
    cols.agent[j] = a;
    cols.day[j] = Math.floor((cTime[s] - span.start) / DAY_MS);
    cols.collected[j] = cCollected[s];
    cols.paid[j] = cPaid[s];
    cols.removed[j] = cRemoved[s];
    cols.ids[j] = cIds[s];
    if (a >= 0 && cRemoved[s] === 0) orderIds[a].push(cIds[s]);
  }

  const buyers = new Array<number>(agentNames.length).fill(0);
  const sortedPairs = pairs.subarray(0, nPairs).sort();
  for (let j = 0; j < nPairs; j++) if (j === 0 || sortedPairs[j] !== sortedPairs[j - 1]) buyers[sortedPairs[j] % 65536]++;
  const totals = new Map<string, OrderTotals>();
  agentNames.forEach((name, a) => {
    totals.set(name, { orders: aOrders[a], sales: aSales[a], refunds: aRefunds[a], collected: aCollected[a], buyers: buyers[a], orderIds: orderIds[a] });
  });

  const now = asOf === -Infinity ? null : asOf;
  const byTime = (idx: Int32Array, ids: string[], times: Float64Array, count: number) =>
    orderByTime(times.subarray(0, count), (x, y) => compareIds(ids[x], ids[y]) || compareSources(orders[idx[x]].source, orders[idx[y]].source));
  const chaseLimit = rules.reconciliation.unpaidChaseHours * HOUR_MS;
  const crPerm = byTime(crIdx, crIds, crTime, nCr);
  const created = { ids: new Array<string>(nCr), day: new Int32Array(nCr), chase: new Uint8Array(nCr) };
  for (let j = 0; j < nCr; j++) {
    const s = crPerm[j];
    created.ids[j] = crIds[s];
    created.day[j] = Math.floor((crTime[s] - span.start) / DAY_MS);
    created.chase[j] = crOpen[s] === 1 && now !== null && now - crTime[s] > chaseLimit ? 1 : 0;
  }
  const shipLimit = rules.reconciliation.shipDeadlineHours * HOUR_MS;
  const pdPerm = byTime(pdIdx, pdIds, pdTime, nPd);
  const paid = { ids: new Array<string>(nPd), day: new Int32Array(nPd), amount: new Float64Array(nPd), refund: new Float64Array(nPd), unshipped: new Uint8Array(nPd) };
  for (let j = 0; j < nPd; j++) {
    const s = pdPerm[j];
    paid.ids[j] = pdIds[s];
    paid.day[j] = Math.floor((pdTime[s] - span.start) / DAY_MS);
    paid.amount[j] = pdAmount[s];
    paid.refund[j] = pdRefund[s];
    paid.unshipped[j] = pdOpen[s] === 1 && now !== null && now - pdTime[s] > shipLimit ? 1 : 0;
  }

  return {
    span,
    counted,
    attributions,
    shopCollected: shop,
    totals,
    quarter,
    quarterMissing: qMonths.filter((_, q) => !seenMonth[q]),
    asOf: now,
    agentNames,
    cols,
    created,
    paid,
  };
}
