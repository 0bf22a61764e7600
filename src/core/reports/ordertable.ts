/**
 * The month's orders, scanned once: which count (date basis, status rules), what each collects
 * (回款), to whom it belongs, which incident removed its credit; per-agent totals; and the
 * created / paid orders of each day for the reconciliation.
 *
 * Why columns: a million order objects do not fit in the CPU cache, and every extra walk over
 * them in a different order (sorted by time) is a cache miss per field. So the one pass in
 * input order copies what the reports need into columns, the canonical orders are index
 * permutations (`orderByTime`), and the reports read the columns, not the objects. The counted
 * orders' columns are laid out in canonical order once, so the reports walk them sequentially.
 */
import type { Cents, MonthStr, Order, WallTime } from "../model";
import { problem, ProblemLog, type Problem } from "../problems";
import { NO_OTHERS } from "../rules/attribution";
import { collectedOf, statusMeaning, statusVerdict } from "../rules/collected";
import type { Rules } from "../rules/types";
import { basisTime, severalAgents, type OrderAttributor } from "./attribution";
import { BuyerCounter } from "./buyers";
import { monthSpan, quarterMonths, type MonthSpan } from "./calendar";
import { compareIds, compareSources } from "./order";
import { checkOrderText } from "./text";
import { dayRuns, orderByTime, zeros } from "./timeorder";
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
  /** The counted orders no agent is credited with, in the same order. */
  unattributed: CountedOrder[];
  /** Why each counted order went to whom, in the order of `counted`; built when first asked. */
  attributions: () => Attribution[];
  /** Σ collected of all counted orders. */
  shopCollected: Cents;
  totals: Map<string, OrderTotals>;
  /** Per agent Σ collected over the quarter up to the month's end (quarter-end months only). */
  quarter: Map<string, Cents> | null;
  /** Quarter months without any order in the data. */
  quarterMissing: MonthStr[];
  /** Order fields too long for a cell (see text.ts). */
  textProblems: Problem[];
  /** The ids of `credit` found among all the orders (any month). */
  creditFound: Set<string>;
  /**
   * When the export was made: the latest 订单创建时间 / 付款时间 in it — "now" for the late checks.
   * Not ship or receipt times: a 确认收货时间 can be filled in days after the export's orders.
   */
  asOf: WallTime | null;
  /** Agent index → staff number (for `cols.agent`). */
  agentNames: string[];
  /** The counted orders as columns, in the order of `counted`; day d of the month (from 0) is the run from `dayStart[d]` up to `dayStart[d + 1]`. */
  cols: { dayStart: number[]; agent: number[]; collected: number[]; paid: number[]; paidAt: number[]; removed: number[]; ids: string[] };
  /**
   * Orders paid in the month whose status does not count (closed after a full refund …), with the
   * agent their note names: a chat-sales export still credits them (see the reconciliation).
   */
  uncounted: { ids: string[]; agent: (string | null)[]; paid: Cents[]; paidAt: number[] };
  /** Orders created in the month, `order` by creation time; `open` = unpaid and not closed. */
  created: { order: number[]; time: number[]; open: number[]; ids: string[] };
  /** Orders paid in the month with a counted status, `order` by payment time; `open` = not shipped. */
  paid: { order: number[]; time: number[]; amount: number[]; refund: number[]; open: number[]; ids: string[] };
}

/** The error for an order whose status is not a known one: it is not counted. */
function unknownStatus(o: Order): Problem {
  return problem(
    "error",
    "order.status.unknown",
    { file: o.source.file, sheet: o.source.sheet, row: o.source.row, column: "订单状态" },
    o.status,
    `订单 ${o.id} 的状态「${o.status}」不是已知的订单状态（淘宝/天猫、开放平台英文码、常见 ERP）；此订单未计入回款。请核对；若这类订单应计入，在规则表「只计入的状态」中列出应计入的全部状态；若不应计入，把它加入「不计入的状态」`,
    `order ${o.id} has the status "${o.status}", which is not a known order status (Taobao/Tmall, the open platform's English codes, the common ERPs); the order is not counted. Please check; if such orders should count, list every status that counts under 只计入的状态 in the rules sheet; if not, add it to 不计入的状态`,
  );
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
  const UNKNOWN_BIT = 8;
  const infoOf = (status: string): number => {
    let v = statusInfo.get(status);
    if (v === undefined) {
      const verdict = statusVerdict(status, rules.sales);
      const meaning = statusMeaning(status);
      v =
        (verdict.counts ? COUNTS : 0) |
        (verdict.known ? 0 : UNKNOWN_BIT) |
        (meaning === "closed" || status.includes(CLOSED) ? CLOSED_BIT : 0) |
        (meaning === "shipped" || meaning === "done" || SHIPPED.some((x) => status.includes(x)) ? SHIPPED_BIT : 0);
      statusInfo.set(status, v);
    }
    return v;
  };
  const anyCredit = credit.size > 0;
  const creditFound = new Set<string>();

  // Counted slots, in input order.
  const cs: CountedOrder[] = [];
  // The other codes of a note, by counted slot: most notes name one agent, so this stays small.
  const othersOf = new Map<number, string[]>();
  const cTime = zeros(n);
  const cAgent = zeros(n);
  const cCollected = zeros(n);
  const cPaid = zeros(n);
  const cPaidAt = zeros(n);
  const cRemoved = zeros(n);
  const cIds = new Array<string>(n);
  // Created / paid in the month, in input order.
  const crIdx = zeros(n);
  const crTime = zeros(n);
  const crOpen = zeros(n);
  const crIds = new Array<string>(n);
  let nCr = 0;
  const pdIdx = zeros(n);
  const pdTime = zeros(n);
  const pdOpen = zeros(n);
  const pdIds = new Array<string>(n);
  const pdAmount = zeros(n);
  const pdRefund = zeros(n);
  let nPd = 0;
  // Per agent.
  const agentIndex = new Map<string, number>();
  const agentNames: string[] = [];
  const aOrders: number[] = [];
  const aSales: number[] = [];
  const aRefunds: number[] = [];
  const aCollected: number[] = [];
  const buyers = new BuyerCounter(n);

  const uncounted: OrderTable["uncounted"] = { ids: [], agent: [], paid: [], paidAt: [] };
  let asOf = -Infinity;
  let shop = 0;
  const textProblems: Problem[] = [];
  // Per-row findings of the scan (unknown status, several agents): the first 1,000 of each kind
  // listed, the rest counted in one line, so a file of a million such rows stays readable.
  const rowLog = new ProblemLog(1000);
  for (let i = 0; i < n; i++) {
    const o = orders[i];
    checkOrderText(o, textProblems);
    const createdAt = o.createdAt;
    const paidAt = o.paidAt;
    if (createdAt !== null && createdAt > asOf) asOf = createdAt;
    if (paidAt !== null && paidAt > asOf) asOf = paidAt;
    const info = infoOf(o.status);
    if ((info & UNKNOWN_BIT) !== 0) rowLog.add(unknownStatus(o));
    const removedBy = anyCredit ? credit.get(o.id) ?? null : null;
    if (removedBy !== null) creditFound.add(o.id);

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
    } else if (!counts && paidAt !== null && paidAt >= span.start && paidAt < span.end && o.paid > 0) {
      uncounted.ids.push(o.id);
      uncounted.agent.push(attributor.find(o));
      uncounted.paid.push(o.paid);
      uncounted.paidAt.push(paidAt);
    }

    const t = basisTime(o, rules.sales);
    if (t === null || !(t >= qStart && t < span.end)) continue; // (NaN-safe)
    if (withQuarter) for (let k = 0; k < qSpans.length; k++) if (t >= qSpans[k].start && t < qSpans[k].end) seenMonth[k] = true;
    if (!counts) continue;
    const agent = attributor.find(o);
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
        buyers.add(o.buyer || "\u0000" + o.id, a);
      }
    }
    const slot = cs.length;
    cTime[slot] = t;
    cAgent[slot] = a;
    cCollected[slot] = collected;
    cPaid[slot] = o.paid;
    cPaidAt[slot] = paidAt ?? NaN;
    cRemoved[slot] = removedBy !== null ? 1 : 0;
    cIds[slot] = o.id;
    cs.push({ order: o, agent, collected, creditRemovedBy: removedBy, matched: attributor.matched });
    if (attributor.others.length > 0) {
      othersOf.set(slot, attributor.others);
      rowLog.add(severalAgents(o, attributor.matched, attributor.others, rules.attribution.mode));
    }
  }

  for (const p of rowLog.list()) textProblems.push(p);

  // Counted orders in canonical order, and their columns.
  const k = cs.length;
  const perm = orderByTime(cTime, k, (x, y) => compareIds(cIds[x], cIds[y]) || compareSources(cs[x].order.source, cs[y].order.source));
  const counted = new Array<CountedOrder>(k);
  const others = new Map<number, string[]>();
  const unattributed: CountedOrder[] = [];
  const orderIds: string[][] = agentNames.map(() => []);
  const cols = { dayStart: dayRuns(cTime, perm, span.start, span.days), agent: zeros(k), collected: zeros(k), paid: zeros(k), paidAt: zeros(k), removed: zeros(k), ids: new Array<string>(k) };
  for (let j = 0; j < k; j++) {
    const s = perm[j];
    counted[j] = cs[s];
    if (othersOf.size > 0) {
      const x = othersOf.get(s);
      if (x !== undefined) others.set(j, x);
    }
    const a = cAgent[s];
    const id = cIds[s];
    if (a < 0) unattributed.push(cs[s]);
    else if (cRemoved[s] === 0) orderIds[a].push(id);
    cols.agent[j] = a;
    cols.collected[j] = cCollected[s];
    cols.paid[j] = cPaid[s];
    cols.paidAt[j] = cPaidAt[s];
    cols.removed[j] = cRemoved[s];
    cols.ids[j] = id;
  }

  const distinct = buyers.counts(agentNames.length);
  const totals = new Map<string, OrderTotals>();
  agentNames.forEach((name, a) => {
    totals.set(name, { orders: aOrders[a], sales: aSales[a], refunds: aRefunds[a], collected: aCollected[a], buyers: distinct[a], orderIds: orderIds[a] });
  });

  const byTime = (idx: number[], ids: string[], times: number[], count: number) =>
    orderByTime(times, count, (x, y) => compareIds(ids[x], ids[y]) || compareSources(orders[idx[x]].source, orders[idx[y]].source));
  return {
    span,
    counted,
    unattributed,
    attributions: lazyAttributions(counted, others),
    shopCollected: shop,
    totals,
    quarter,
    quarterMissing: qMonths.filter((_, q) => !seenMonth[q]),
    textProblems,
    creditFound,
    asOf: asOf === -Infinity ? null : asOf,
    agentNames,
    cols,
    uncounted,
    created: { order: byTime(crIdx, crIds, crTime, nCr), time: crTime, open: crOpen, ids: crIds },
    paid: { order: byTime(pdIdx, pdIds, pdTime, nPd), time: pdTime, amount: pdAmount, refund: pdRefund, open: pdOpen, ids: pdIds },
  };
}

/**
 * The month's attributions, made on the first call: the reports themselves read `counted`, so a
 * million Attribution objects are built only for a caller that asks. A function of its own so
 * that the closure keeps `counted` alive, not the whole scan's scratch columns.
 */
function lazyAttributions(counted: readonly CountedOrder[], others: ReadonlyMap<number, string[]>): () => Attribution[] {
  let made: Attribution[] | null = null;
  return () =>
    (made ??= counted.map((c, j) => ({ orderId: c.order.id, agent: c.agent, matched: c.matched ?? "", others: others.get(j) ?? NO_OTHERS })));
}
