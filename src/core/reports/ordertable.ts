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
import { unboxedCents, type Cents, type MonthStr, type Order, type ShipMismatch, type WallTime } from "../model";
import { problem, ProblemLog, type Problem } from "../problems";
import { NO_OTHERS } from "../rules/attribution";
import { collectedOf, statusMeaning, statusVerdict } from "../rules/collected";
import type { Rules } from "../rules/types";
import { basisTime, severalAgents, unknownCodeFirst, type OrderAttributor } from "./attribution";
import { SelfAuditTally, type SelfAudit } from "./selfaudit";
import { BuyerCounter, identifiesBuyer } from "./buyers";
import { monthSpan, quarterMonths, type MonthSpan } from "./calendar";
import { compareIds, compareSources } from "./order";
import { checkOrderText } from "./text";
import { OUTSIDE_KINDS, OutsideTally } from "./outside";
import { agentOf } from "./counted";
import { EXCEL_MAX_ROWS } from "../values";
import { dayRuns, orderByTime } from "./timeorder";
import { TextCodes, codeArray, textAt } from "./textcolumn";
import type { Attribution, CountedColumns, CountedOrder } from "./types";

/** Per-agent sums over the month's counted orders whose credit stands. */
export interface OrderTotals {
  orders: number;
  /**
   * Of them, the orders with collected sales left (> 0): the orders a commission tier by order
   * count counts. An order refunded in full earns nothing (domain.md), not even a higher tier for
   * the others — as the clawback already treats one refunded in full the month after.
   */
  paying: number;
  sales: Cents;
  refunds: Cents;
  collected: Cents;
  /** Distinct buyers (a blank buyer name counts once per order). */
  buyers: number;
  orderIds: string[];
}

export interface OrderTable {
  span: MonthSpan;
  /** The counted orders no agent is credited with, in the canonical order (basis time, order id). */
  unattributed: CountedOrder[];
  /** Why each counted order went to whom, in the canonical order; built when first asked. */
  attributions: () => Attribution[];
  /** Σ collected of all counted orders. */
  shopCollected: Cents;
  /** The shop names the counted orders carry, as spelled (a handful at most; [] when none). */
  shopSpellings: string[];
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
  /** Agent index → staff number (for `cols.agent`), in staff-number order. */
  agentNames: readonly string[];
  /**
   * The counted orders of the month as columns, by basis time then order id; day d of the month
   * (from 0) is the run from `dayStart[d]` up to `dayStart[d + 1]`. `countedOrders` makes the
   * objects from them.
   */
  cols: CountedColumns;
  /**
   * Orders paid in the month that the month does not count on their pay day, with the agent their
   * note names: a chat-sales export still credits them that day (see the reconciliation). `why`:
   * UNCOUNTED_CLOSED its status does not count (closed after a full refund …), UNCOUNTED_EXCLUDED the
   * rules' 只计入 / 不计入 statuses leave out an open order (in transit, say), UNCOUNTED_UNKNOWN its
   * status is unknown (an error on its row), UNCOUNTED_ELSEWHERE it counts, but by its 确认收货 time
   * in another month or none yet (the rules' confirmed date basis).
   */
  uncounted: { ids: string[]; agent: (string | null)[]; paid: Cents[]; paidAt: number[]; why: number[] };
  /** Orders created in the month, `order` by creation time; `open` = unpaid and not closed. */
  created: { order: Int32Array; time: Float64Array; open: Uint8Array; ids: string[] };
  /** The order clerk's end-of-day checks (selfaudit.ts). */
  selfAudit: SelfAudit;
  /** Orders paid in the month with a counted status, `order` by payment time; `open` = not shipped. */
  paid: { order: Int32Array; time: Float64Array; amount: Float64Array; refund: Float64Array; open: Uint8Array; ids: string[] };
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

/** The note for masked buyer names (t**8): the board's buyers and average order value count such orders one buyer each. */
function maskedBuyers(first: Order, count: number): Problem {
  return problem(
    "info",
    "order.buyer.masked",
    { file: first.source.file, sheet: first.source.sheet, row: first.source.row, column: "买家会员名" },
    first.buyer,
    `${count} 笔计入客服的订单买家会员名已脱敏（如「${first.buyer}」），无法区分是否同一买家：每笔按一位买家计，这些订单的客单价即按单计算。导出时若能取得完整会员名，买家数与客单价会更准确`,
    `${count} credited orders have a masked buyer name (such as "${first.buyer}"), so their buyers cannot be told apart: each such order counts as one buyer, and the average order value counts them per order. An export with the full names gives exact buyer counts and average order values`,
  );
}

export const UNCOUNTED_CLOSED = 0;
export const UNCOUNTED_UNKNOWN = 1;
export const UNCOUNTED_ELSEWHERE = 2;
export const UNCOUNTED_EXCLUDED = 3;

/** Statuses that say the parcel left even when the export has no ship time. */
const SHIPPED = ["已发货", "交易成功", "等待买家确认"];
const CLOSED = "交易关闭";

// What a status means, as bits.
const COUNTS = 1;
const CLOSED_BIT = 2;
const SHIPPED_BIT = 4;
const UNKNOWN_BIT = 8;
/** Paid, shipped or done by its meaning: a sale unless the rules leave it out. */
const OPEN_BIT = 16;

/**
 * The scan's one pass: each order goes to the jobs that need it — the reconciliation's days
 * (`DayLedger`), the quarter (`QuarterTally`), the agents' totals (`AgentTotals`) and the counted
 * orders' columns (`CountedSlots`) — then each job lays out its result.
 */
export function scanOrders(
  orders: readonly Order[],
  /** The ERP's shipped orders its platform export does not show shipped (Dataset.shipMismatches). */
  shipMismatches: ShipMismatch[] | null,
  month: MonthStr,
  rules: Rules,
  attributor: OrderAttributor,
  credit: ReadonlyMap<string, string>,
  withQuarter: boolean,
  /** Lay the counted orders' objects out beside their columns (`cols.orders`); a lean build does not. */
  keepOrders = true,
): OrderTable {
  const span = monthSpan(month);
  const n = orders.length;
  const infoOf = statusBits(rules);
  // The largest scratch first. Typed arrays are memory outside V8's heap, and each 64 MB of it
  // allocated since the last full collection brings on another (~0.3 s over a million orders'
  // heap): the slots' 88 MB bring on one, and the rest (58 MB at 1M) then fits under the next.
  // In the other order the ledger's 42 MB brought on one and the slots a second, freeing nothing.
  const slots = new CountedSlots(n);
  const ledger = new DayLedger(n, span);
  const quarter = new QuarterTally(month, span, withQuarter);
  const agents = new AgentTotals(n);
  const audit = new SelfAuditTally(n);
  const anyCredit = credit.size > 0;
  const creditFound = new Set<string>();
  let asOf = -Infinity;
  let shop = 0;
  // Shop names as spelled: a set entry only when a name differs from the order before's.
  const spellings = new Set<string>();
  let lastSpelling: string | undefined;
  const textProblems: Problem[] = [];
  // Per-row findings of the scan (unknown status, several agents): the first 1,000 of each kind
  // listed, the rest counted in one line, so a file of a million such rows stays readable.
  const rowLog = new ProblemLog(1000);
  const outside = new OutsideTally();
  for (let i = 0; i < n; i++) {
    const o = orders[i];
    checkOrderText(o, textProblems);
    if (o.createdAt !== null && o.createdAt > asOf) asOf = o.createdAt;
    if (o.paidAt !== null && o.paidAt > asOf) asOf = o.paidAt;
    const info = infoOf(o.status);
    if ((info & UNKNOWN_BIT) !== 0) rowLog.add(unknownStatus(o));
    const removedBy = anyCredit ? credit.get(o.id) ?? null : null;
    if (removedBy !== null) creditFound.add(o.id);
    const t = basisTime(o, rules.sales);
    ledger.add(i, o, info, attributor, !inSpan(t, span));
    audit.see(o);
    audit.seeLeft(i, o);
    if ((info & COUNTS) !== 0 && inSpan(o.paidAt, span)) {
      if (o.shippedAt !== null || (info & SHIPPED_BIT) !== 0) audit.shipped(o);
      else audit.waiting(i, o);
    }

    if (t !== null && !(t >= span.start && t < span.end)) outside.see(o.source, t);
    if (t === null || !(t >= quarter.start && t < span.end)) continue; // (NaN-safe)
    quarter.see(t);
    if ((info & COUNTS) === 0) continue;
    const agent = attributor.find(o);
    const collected = removedBy !== null ? 0 : collectedOf(o.paid, o.refund, o.shipping, rules.sales);
    quarter.add(agent, collected);
    if (t < span.start) continue;

    shop += collected;
    if (o.shop !== undefined && o.shop !== lastSpelling) spellings.add((lastSpelling = o.shop));
    const a = agent === null ? -1 : agents.indexOf(agent);
    if (a >= 0 && removedBy === null) agents.add(a, o, collected);
    if (o.salesperson !== "") audit.counted(o, collected, agent === null ? "none" : attributor.byColumn ? "column" : "note");
    const slot = slots.add(o, t, a, collected, removedBy, attributor.matched);
    if (attributor.others.length > 0) {
      slots.setOthers(slot, attributor.others);
      rowLog.add(severalAgents(o, attributor.matched, attributor.others, rules.attribution.mode));
    }
    if (agent !== null) {
      const unknown = attributor.unknownCodeBefore(o);
      if (unknown !== null) rowLog.add(unknownCodeFirst(o, unknown, attributor.matched));
    }
  }
  for (const p of rowLog.list()) textProblems.push(p);
  for (const p of outside.problems(rules.sales.dateBasis === "confirmed" ? OUTSIDE_KINDS.ordersConfirmed : OUTSIDE_KINDS.orders, month)) textProblems.push(p);
  if (agents.firstMasked !== null) textProblems.push(maskedBuyers(agents.firstMasked, agents.masked));

  const laid = slots.canonical(span, agents.names, keepOrders);
  return {
    span,
    unattributed: laid.unattributed,
    attributions: lazyAttributions(laid.cols, laid.others),
    shopCollected: shop,
    shopSpellings: [...spellings].sort(),
    totals: agents.totals(laid.orderIds),
    quarter: quarter.sums,
    quarterMissing: quarter.missing(),
    textProblems,
    creditFound,
    asOf: asOf === -Infinity ? null : asOf,
    agentNames: laid.cols.agentNames,
    cols: laid.cols,
    selfAudit: audit.finish(shipMismatches, orders),
    ...ledger.finish(orders),
  };
}

/** What a status means (counts, closed, shipped, unknown) as bits, looked up once per distinct status (a month has a handful). */
function statusBits(rules: Rules): (status: string) => number {
  const known = new Map<string, number>();
  return (status) => {
    let v = known.get(status);
    if (v === undefined) {
      const verdict = statusVerdict(status, rules.sales);
      const meaning = statusMeaning(status);
      v =
        (verdict.counts ? COUNTS : 0) |
        (verdict.known ? 0 : UNKNOWN_BIT) |
        (meaning === "closed" || meaning === "superseded" || status.includes(CLOSED) ? CLOSED_BIT : 0) |
        (meaning === "shipped" || meaning === "done" || SHIPPED.some((x) => status.includes(x)) ? SHIPPED_BIT : 0) |
        (meaning === "paid" || meaning === "shipped" || meaning === "done" ? OPEN_BIT : 0);
      known.set(status, v);
    }
    return v;
  };
}

const inSpan = (t: number | null, span: MonthSpan): t is number => t !== null && t >= span.start && t < span.end;

/**
 * The reconciliation's days: orders created in the month (open = unpaid and not closed), orders
 * paid in the month with a counted status (open = not shipped), and paid ones whose status does not
 * count, with the agent their note names. Slots in input order; `finish` orders them by time.
 */
class DayLedger {
  // Typed scratch: zeroed as allocated, outside the collected heap, never turned from small
  // integers into doubles (a million-element array of numbers does, copying itself each time).
  private readonly crIdx: Int32Array;
  private readonly crTime: Float64Array;
  private readonly crOpen: Uint8Array;
  private readonly crIds: string[];
  private nCr = 0;
  private readonly pdIdx: Int32Array;
  private readonly pdTime: Float64Array;
  private readonly pdOpen: Uint8Array;
  private readonly pdIds: string[];
  private readonly pdAmount: Float64Array;
  private readonly pdRefund: Float64Array;
  private nPd = 0;
  private readonly uncounted: OrderTable["uncounted"] = { ids: [], agent: [], paid: [], paidAt: [], why: [] };

  constructor(
    n: number,
    private readonly span: MonthSpan,
  ) {
    this.crIdx = new Int32Array(n);
    this.crTime = new Float64Array(n);
    this.crOpen = new Uint8Array(n);
    this.crIds = new Array<string>(n);
    this.pdIdx = new Int32Array(n);
    this.pdTime = new Float64Array(n);
    this.pdOpen = new Uint8Array(n);
    this.pdIds = new Array<string>(n);
    this.pdAmount = new Float64Array(n);
    this.pdRefund = new Float64Array(n);
  }

  /** Order `i` of the input, with its status bits; `countedElsewhere`: its basis time is not in the month. */
  add(i: number, o: Order, info: number, attributor: OrderAttributor, countedElsewhere: boolean): void {
    if (inSpan(o.createdAt, this.span)) {
      const c = this.nCr++;
      this.crIdx[c] = i;
      this.crIds[c] = o.id;
      this.crTime[c] = o.createdAt;
      this.crOpen[c] = o.paidAt === null && (info & CLOSED_BIT) === 0 ? 1 : 0;
    }
    if (!inSpan(o.paidAt, this.span)) return;
    if ((info & COUNTS) !== 0) {
      const p = this.nPd++;
      this.pdIdx[p] = i;
      this.pdIds[p] = o.id;
      this.pdAmount[p] = o.paid;
      this.pdRefund[p] = o.refund;
      this.pdTime[p] = o.paidAt;
      this.pdOpen[p] = o.shippedAt === null && (info & SHIPPED_BIT) === 0 ? 1 : 0;
      if (countedElsewhere && o.paid > 0) this.uncount(o, o.paidAt, attributor, UNCOUNTED_ELSEWHERE);
    } else if (o.paid > 0) {
      const why = (info & UNKNOWN_BIT) !== 0 ? UNCOUNTED_UNKNOWN : (info & CLOSED_BIT) !== 0 || (info & OPEN_BIT) === 0 ? UNCOUNTED_CLOSED : UNCOUNTED_EXCLUDED;
      this.uncount(o, o.paidAt, attributor, why);
    }
  }

  private uncount(o: Order, paidAt: number, attributor: OrderAttributor, why: number): void {
    this.uncounted.ids.push(o.id);
    this.uncounted.agent.push(attributor.find(o));
    this.uncounted.paid.push(o.paid);
    this.uncounted.paidAt.push(paidAt);
    this.uncounted.why.push(why);
  }

  finish(orders: readonly Order[]): Pick<OrderTable, "uncounted" | "created" | "paid"> {
    const byTime = (idx: Int32Array, ids: string[], times: Float64Array, count: number) =>
      orderByTime(times, count, (x, y) => compareIds(ids[x], ids[y]) || compareSources(orders[idx[x]].source, orders[idx[y]].source));
    return {
      uncounted: this.uncounted,
      created: { order: byTime(this.crIdx, this.crIds, this.crTime, this.nCr), time: this.crTime, open: this.crOpen, ids: this.crIds },
      paid: { order: byTime(this.pdIdx, this.pdIds, this.pdTime, this.nPd), time: this.pdTime, amount: this.pdAmount, refund: this.pdRefund, open: this.pdOpen, ids: this.pdIds },
    };
  }
}

/**
 * The quarter (quarter-end months only): which of its months have any order, and each agent's
 * Σ collected from the quarter's start up to the month's end. Outside a quarter end, `start` is the
 * month's start and nothing is summed.
 */
class QuarterTally {
  readonly start: number;
  readonly sums: Map<string, Cents> | null;
  private readonly months: MonthStr[];
  private readonly spans: MonthSpan[];
  private readonly seen: boolean[];

  constructor(month: MonthStr, span: MonthSpan, withQuarter: boolean) {
    this.months = withQuarter ? quarterMonths(month) : [];
    this.spans = this.months.map(monthSpan);
    this.seen = this.spans.map(() => false);
    this.start = withQuarter ? this.spans[0].start : span.start;
    this.sums = withQuarter ? new Map<string, Cents>() : null;
  }

  /** An order (counted or not) at basis time `t`, within the quarter. */
  see(t: number): void {
    for (let k = 0; k < this.spans.length; k++) if (t >= this.spans[k].start && t < this.spans[k].end) this.seen[k] = true;
  }

  /** A counted order's collected, for its agent. */
  add(agent: string | null, collected: Cents): void {
    if (this.sums !== null && agent !== null && collected > 0) this.sums.set(agent, (this.sums.get(agent) ?? 0) + collected);
  }

  /** Quarter months without any order in the data. */
  missing(): MonthStr[] {
    return this.months.filter((_, q) => !this.seen[q]);
  }
}

/** Per-agent sums over the month's counted orders whose credit stands; agents indexed in order of first appearance. */
class AgentTotals {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly orders: number[] = [];
  private readonly paying: number[] = [];
  private readonly sales: number[] = [];
  private readonly refunds: number[] = [];
  private readonly collected: number[] = [];
  private readonly buyers: BuyerCounter;
  /** Credited orders whose buyer name is masked (t**8), and the first of them (for the note). */
  masked = 0;
  firstMasked: Order | null = null;

  constructor(n: number) {
    this.buyers = new BuyerCounter(n);
  }

  /** The agent's index, added with zero sums when first seen (an agent whose every order lost its credit still has a row). */
  indexOf(agent: string): number {
    const known = this.index.get(agent);
    if (known !== undefined) return known;
    const a = this.names.length;
    this.index.set(agent, a);
    this.names.push(agent);
    this.orders.push(0);
    this.paying.push(0);
    this.sales.push(0);
    this.refunds.push(0);
    this.collected.push(0);
    return a;
  }

  add(a: number, o: Order, collected: Cents): void {
    this.orders[a]++;
    if (collected > 0) this.paying[a]++;
    this.sales[a] += o.paid;
    this.refunds[a] += o.refund;
    this.collected[a] += collected;
    // A blank or masked buyer name is one unknown buyer per order, not one buyer for all of them.
    if (identifiesBuyer(o.buyer)) this.buyers.add(o.buyer, a);
    else {
      this.buyers.addUnnamed(a);
      if (o.buyer !== "") {
        this.firstMasked ??= o;
        this.masked++;
      }
    }
  }

  totals(orderIds: string[][]): Map<string, OrderTotals> {
    const distinct = this.buyers.counts(this.names.length);
    const out = new Map<string, OrderTotals>();
    this.names.forEach((name, a) => {
      out.set(name, { orders: this.orders[a], paying: this.paying[a], sales: this.sales[a], refunds: this.refunds[a], collected: this.collected[a], buyers: distinct[a], orderIds: orderIds[a] });
    });
    return out;
  }
}

/** The month's counted orders: slots in input order as columns, then laid out in canonical order (basis time, order id, source). */
class CountedSlots {
  // Sized once for every order of the input (no month counts more): a million pushes grow each
  // array by copies, ~2 × its final size of dead arrays left to the collector at the scan's peak.
  // Not readonly: `canonical` lets them go (see there).
  private orders: Order[];
  private ids: string[];
  private buyer: string[];
  private size = 0;
  // Rare per slot: the incident that removed the credit, the other codes of a note.
  private readonly removedBy = new Map<number, string>();
  private readonly othersOf = new Map<number, string[]>();
  // Scratch, one row per slot, the row's fields side by side: the canonical layout reads the
  // slots in time order, all over a file sorted otherwise, and a field per column is a cache miss
  // each; a row of numbers is one or two lines of cache. Codes (agent, sheet, shop) ride in the
  // same row — a second array was a second miss per slot, the order object's shop a third (a
  // quarter of the layout's time at 1M orders). Typed arrays come zeroed and outside the collected heap.
  private time: Float64Array;
  /**
   * collected, paid, shipping, refund, paidAt, confirmedAt, source row, then three pairs of small
   * whole numbers, each pair in one double (`pair`): agent index + 1 (0: nobody) and the code of
   * what named the agent, status and sheet codes, shop code and flags (REMOVED, OTHERS: the rare
   * slots with an entry in a map).
   */
  private num: Float64Array;
  private readonly statuses = new TextCodes();
  private readonly sheets = new TextCodes();
  private readonly shops = new TextCodes();
  private readonly matchedTexts = new TextCodes();

  constructor(n: number) {
    this.time = new Float64Array(n);
    this.num = new Float64Array(n * NUM);
    this.orders = new Array<Order>(n);
    this.ids = new Array<string>(n);
    this.buyer = new Array<string>(n);
  }

  /** A counted order at basis time `t`, agent index `a` (-1: nobody); its slot. */
  add(o: Order, t: number, a: number, collected: Cents, removedBy: string | null, matched: string): number {
    const slot = this.size++;
    this.time[slot] = t;
    const num = this.num;
    const at = slot * NUM;
    num[at] = collected;
    num[at + 1] = o.paid;
    num[at + 2] = o.shipping;
    num[at + 3] = o.refund;
    num[at + 4] = o.paidAt ?? NaN;
    // Read here, in file order, where the order objects lie in memory one after the other.
    num[at + 5] = o.confirmedAt ?? NaN;
    num[at + 6] = o.source.row;
    // The agent and what named it in one number: a string per slot was one more read at random
    // when the slots are laid out in time order.
    num[at + 7] = pair(a + 1, this.matchedTexts.code(matched));
    num[at + 8] = pair(this.statuses.code(o.status), this.sheets.code(o.source.sheet));
    num[at + 9] = pair(this.shops.code(o.shop ?? ""), removedBy !== null ? REMOVED : 0);
    if (removedBy !== null) this.removedBy.set(slot, removedBy);
    this.orders[slot] = o;
    this.ids[slot] = o.id;
    this.buyer[slot] = o.buyer;
    return slot;
  }

  setOthers(slot: number, others: string[]): void {
    this.othersOf.set(slot, others);
    this.num[slot * NUM + 9] += OTHERS;
  }

  /** The counted orders in canonical order with their columns, the unattributed ones, and each agent's order ids whose credit stands. */
  canonical(span: MonthSpan, agentNames: readonly string[], keepOrders: boolean): Pick<OrderTable, "unattributed" | "cols"> & { others: Map<number, string[]>; orderIds: string[][] } {
    const { orders, ids, num } = this;
    const k = this.size;
    // What only 订单明细 shows (buyer, status, confirmed time, source): for the rows a worksheet
    // can hold — a 10M month's sheet stops at Excel's limit, its columns need not go further.
    const shown = Math.min(k, EXCEL_MAX_ROWS);
    const perm = orderByTime(this.time, k, (x, y) => compareIds(ids[x], ids[y]) || compareSources(orders[x].source, orders[y].source));
    const others = new Map<number, string[]>();
    const unattributed: CountedOrder[] = [];
    const orderIds: string[][] = agentNames.map(() => []);
    // The columns index the agents in staff-number order, not the scan's order of first
    // appearance: the report then does not depend on the order of the input's rows.
    const byName = agentNames.map((_, a) => a).sort((x, y) => (agentNames[x] < agentNames[y] ? -1 : agentNames[x] > agentNames[y] ? 1 : 0));
    const rank = new Int32Array(agentNames.length);
    byName.forEach((a, r) => (rank[a] = r));
    const agent = new Int32Array(k);
    const collectedCol = new Float64Array(k);
    const paid = new Float64Array(k);
    const shipping = new Float64Array(k);
    const refund = new Float64Array(k);
    const paidAt = new Float64Array(k);
    const removed = new Uint8Array(k);
    const confirmedAt = new Float64Array(shown);
    const sourceRow = new Int32Array(shown);
    const shops = this.shops.sorted();
    const matchedTexts = this.matchedTexts.sorted();
    const statuses = this.statuses.sorted();
    const sheets = this.sheets.sorted();
    const shop = codeArray(shops.texts.length, k);
    const matchedCodes = codeArray(matchedTexts.texts.length, k);
    const status = codeArray(statuses.texts.length, shown);
    const sheet = codeArray(sheets.texts.length, shown);
    const cols: CountedColumns = {
      dayStart: dayRuns(this.time, perm, span.start, span.days),
      agent,
      agentNames: byName.map((a) => agentNames[a]),
      orders: keepOrders ? new Array<Order>(k) : undefined,
      shop: { codes: shop, texts: shops.texts },
      matched: { codes: matchedCodes, texts: matchedTexts.texts },
      removedBy: new Map<number, string>(),
      collected: collectedCol,
      paid,
      shipping,
      refund,
      paidAt,
      removed,
      ids: new Array<string>(k),
      buyer: new Array<string>(shown),
      status: { codes: status, texts: statuses.texts },
      confirmedAt,
      sourceSheet: { codes: sheet, texts: sheets.texts },
      sourceRow,
    };
    for (let j = 0; j < k; j++) {
      const s = perm[j];
      const at = s * NUM;
      const a = high(num[at + 7]) - 1;
      const matchedCode = low(num[at + 7]);
      const flags = low(num[at + 9]);
      const removedBy = (flags & REMOVED) !== 0 ? this.removedBy.get(s)! : null;
      const collected = num[at];
      // The order object only where it is kept: in a lean build, one read at random fewer a slot.
      if (cols.orders) cols.orders[j] = orders[s];
      shop[j] = shops.rank[high(num[at + 9])];
      matchedCodes[j] = matchedTexts.rank[matchedCode];
      if (removedBy !== null) (cols.removedBy as Map<number, string>).set(j, removedBy);
      if ((flags & OTHERS) !== 0) others.set(j, this.othersOf.get(s)!);
      const id = ids[s];
      // An object only for the few no agent is credited with; the others' when first asked (countedOrders).
      if (a < 0) unattributed.push({ order: orders[s], agent: null, collected: unboxedCents(collected), creditRemovedBy: removedBy, matched: this.matchedTexts.text(matchedCode) });
      else if (removedBy === null) orderIds[a].push(id);
      agent[j] = a < 0 ? -1 : rank[a];
      collectedCol[j] = collected;
      paid[j] = num[at + 1];
      shipping[j] = num[at + 2];
      refund[j] = num[at + 3];
      paidAt[j] = num[at + 4];
      removed[j] = removedBy !== null ? 1 : 0;
      cols.ids[j] = id;
      if (j < shown) {
        cols.buyer[j] = this.buyer[s];
        status[j] = statuses.rank[high(num[at + 8])];
        confirmedAt[j] = num[at + 5];
        sheet[j] = sheets.rank[low(num[at + 8])];
        sourceRow[j] = num[at + 6];
      }
    }
    // Laid out once. The scratch (~120 MB at 1M orders) goes now, not when the scan returns: the
    // collection the rest of the scan's allocations bring on then takes it before the reports
    // grow the heap, instead of the reports' summit holding it.
    this.orders = this.ids = this.buyer = [];
    this.time = this.num = new Float64Array(0);
    return { unattributed, cols, others, orderIds };
  }
}

/** Fields of a slot's row (CountedSlots), and its flags. */
const NUM = 10;
const REMOVED = 1;
const OTHERS = 2;
/**
 * Two whole numbers below 2^26 in one double, exactly: a slot's row stays ten numbers. A text's
 * code is below the number of slots, and no month of 67 million orders fits in memory.
 */
const LOW = 2 ** 26;
const pair = (high: number, low: number): number => high * LOW + low;
const high = (v: number): number => Math.floor(v / LOW);
const low = (v: number): number => v % LOW;

/**
 * The month's attributions, made on the first call: the reports read the columns, so a million
 * Attribution objects are built only for a caller that asks. A function of its own so that the
 * closure keeps the columns alive, not the whole scan's scratch.
 */
function lazyAttributions(cols: CountedColumns, others: ReadonlyMap<number, string[]>): () => Attribution[] {
  let made: Attribution[] | null = null;
  return () =>
    (made ??= cols.ids.map((orderId, j) => ({ orderId, agent: agentOf(cols, j), matched: textAt(cols.matched, j), others: others.get(j) ?? NO_OTHERS })));
}
