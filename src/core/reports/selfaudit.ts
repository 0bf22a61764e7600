/**
 * The order clerk's end-of-day self-audit (打单员每日自查, domain.md "Daily routine"), the parts an
 * order export can answer:
 * - 已打印无单号: an order that left (ship time, or a shipped status) with no tracking number —
 *   the parcel cannot be followed, and Taobao counts it as not shipped. Checked only when the
 *   export carries tracking numbers at all: an export without the column would flag every order.
 * - ERP 已发货、淘宝未发货: given both an ERP's and the platform's export of the same orders, those
 *   the ERP shipped and the platform still shows waiting to ship (import/merge.ts finds them).
 * - 某一买家的订单发货不完全: an order still waiting to ship while another order of the same buyer
 *   left after it was paid — they could have gone in one parcel; often the parcel did, and only one
 *   of the two was marked shipped.
 * - 按业务员统计: the month's counted orders by the ERP's 业务员. An ERP files an order under the
 *   clerk who printed it when the note names nobody, so a clerk's total that is too high means
 *   agents forgot their code in the note: the orders no one is credited with, per 业务员.
 *
 * Filled during the order scan (ordertable.ts), while it holds each order: ids, counts and the
 * buyers' digests, no copy of an order.
 */
import type { Cents, DateStr, Order, ShipMismatch, SourceRef, WallTime } from "../model";
import { dateOf } from "./calendar";
import { digest, identifiesBuyer } from "./buyers";
import { compareIds, compareText } from "./order";

/** One order shipped without a tracking number. */
export interface NoTrackingOrder {
  orderId: string;
  /** The day it left: its ship time, else (a shipped status without one) its payment time. */
  date: DateStr | null;
  status: string;
  salesperson: string;
  source: SourceRef;
}

/** An order waiting to ship while another order of its buyer left after it was paid. */
export interface PartShipped {
  orderId: string;
  buyer: string;
  paidAt: WallTime;
  source: SourceRef;
  /** The buyer's order that left (the earliest to leave after this one was paid). */
  shippedOrderId: string;
  shippedAt: WallTime;
}

/** One 业务员's counted orders of the month. */
export interface SalespersonLine {
  salesperson: string;
  orders: number;
  collected: Cents;
  /** Orders whose note names an agent. */
  byNote: number;
  /** Orders credited through the 业务员 column (the note names nobody, the column is an agent's). */
  byColumn: number;
  /** Orders credited to nobody, and what they collect. */
  unattributed: number;
  unattributedCollected: Cents;
}

export interface SelfAudit {
  /** Whether any order of the export has a tracking number (else the check below was not made). */
  trackingKnown: boolean;
  /** Counted orders paid in the month, shipped without a tracking number, by day then order id (the first NO_TRACKING_LISTED found). */
  noTracking: NoTrackingOrder[];
  /** How many there are in all. */
  noTrackingCount: number;
  /** Per 业务员 (orders without one are left out), most unattributed orders first; [] when the export has no such column. */
  bySalesperson: SalespersonLine[];
  /** Shipped in the ERP, not on the platform, by order id; null unless both kinds of export were given. */
  erpShipped: ShipMismatch[] | null;
  /** Counted orders paid in the month, waiting to ship while the buyer's other order left; by payment time. */
  partShipped: PartShipped[];
}

/** What an export writes where a parcel needs no number (virtual goods, pick-up): not a miss. */
const NOT_NEEDED = /无需物流|无需发货|无物流|自提|虚拟|电子凭证|no ?logistics/i;
/** What some exports write for "none": no number either. */
const NONE = /^[\s\-—–_/.。·*]*$|^(无|没有|null|none|n\/a)$/i;

/** A tracking cell read: a number, none, or a note that the parcel needs none. */
export function trackingOf(text: string): "number" | "none" | "notNeeded" {
  // Most cells are a carrier's number (a digit, or letters such as YT / SF / JD, first): no regex
  // for them — a million-order month asks this of every parcel that left.
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90 && c !== 78)) return "number";
  const t = text.trim();
  if (NONE.test(t)) return "none";
  return NOT_NEEDED.test(t) ? "notNeeded" : "number";
}

/** Orders listed by the tracking check: an export that lost its numbers altogether is one finding, not a million rows. */
export const NO_TRACKING_LISTED = 10_000;

export class SelfAuditTally {
  private trackingKnown = false;
  private noTrackingCount = 0;
  private readonly noTracking: NoTrackingOrder[] = [];
  private readonly bySalesperson = new Map<string, SalespersonLine>();
  // Buyers as digests (buyers.ts), taken while the scan holds each order: pairing them afterwards
  // by name walked a million orders' buyer strings again, scattered in the heap (~0.5 s at 1M).
  /** Orders that left, by input index, and their buyers' digests. */
  private leftIdx: Int32Array;
  private leftDigest: Uint32Array;
  private nLeft = 0;
  /** The month's counted orders waiting to ship, by input index, and their buyers' digests. */
  private readonly waitIdx: number[] = [];
  private readonly waitDigest: number[] = [];

  constructor(n: number) {
    this.leftIdx = new Int32Array(n);
    this.leftDigest = new Uint32Array(n);
  }

  /** Every order of the input: whether the export carries tracking numbers at all. */
  see(o: Order): void {
    if (!this.trackingKnown && o.tracking !== "" && trackingOf(o.tracking) === "number") this.trackingKnown = true;
  }

  /** A counted order paid in the month that has left (ship time or shipped status). */
  shipped(o: Order): void {
    if (trackingOf(o.tracking) !== "none") return;
    if (this.noTrackingCount++ >= NO_TRACKING_LISTED) return;
    const t: WallTime | null = o.shippedAt ?? o.paidAt;
    this.noTracking.push({ orderId: o.id, date: t === null ? null : dateOf(t), status: o.status, salesperson: o.salesperson, source: o.source });
  }

  /** Order `i` of the input, any status: when it left, it may be the part of a buyer's orders that did. */
  seeLeft(i: number, o: Order): void {
    if (o.shippedAt === null || !identifiesBuyer(o.buyer)) return;
    this.leftIdx[this.nLeft] = i;
    this.leftDigest[this.nLeft++] = digest(o.buyer);
  }

  /** Order `i`, counted and paid in the month, that has not left. */
  waiting(i: number, o: Order): void {
    if (!identifiesBuyer(o.buyer) || o.paidAt === null) return;
    this.waitIdx.push(i);
    this.waitDigest.push(digest(o.buyer));
  }

  /** A counted order of the month: `how` it was credited. */
  counted(o: Order, collected: Cents, how: "note" | "column" | "none"): void {
    const name = o.salesperson.trim();
    if (name === "") return;
    let line = this.bySalesperson.get(name);
    if (line === undefined) {
      line = { salesperson: name, orders: 0, collected: 0, byNote: 0, byColumn: 0, unattributed: 0, unattributedCollected: 0 };
      this.bySalesperson.set(name, line);
    }
    line.orders++;
    line.collected += collected;
    if (how === "note") line.byNote++;
    else if (how === "column") line.byColumn++;
    else {
      line.unattributed++;
      line.unattributedCollected += collected;
    }
  }

  /**
   * The waiting orders whose buyer had another order leave after they were paid (the earliest to
   * leave is named). Per buyer, the orders that left sorted by ship time and each waiting one
   * placed among them by bisection: one buyer account with thousands of orders (a wholesale
   * buyer, an ERP's 散客) costs their sort, not waiting × left.
   */
  private partShipped(orders: readonly Order[]): PartShipped[] {
    if (this.waitIdx.length === 0) return [];
    // A bit per digest's low bits (1 MB, in cache) before the set (large, not): most orders that
    // left have no buyer waiting, and the bit says so without a miss.
    const bits = new Uint8Array(1 << 20);
    for (const d of this.waitDigest) bits[(d >>> 3) & 0xfffff] |= 1 << (d & 7);
    const wanted = new Set(this.waitDigest);
    const leftByBuyer = new Map<string, Order[]>();
    // The same for the buyers kept there: a waiting order whose buyer's bit is clear is not read.
    const leftBits = new Uint8Array(1 << 20);
    for (let k = 0; k < this.nLeft; k++) {
      const d = this.leftDigest[k];
      if ((bits[(d >>> 3) & 0xfffff] & (1 << (d & 7))) === 0 || !wanted.has(d)) continue;
      leftBits[(d >>> 3) & 0xfffff] |= 1 << (d & 7);
      const o = orders[this.leftIdx[k]];
      const list = leftByBuyer.get(o.buyer);
      if (list === undefined) leftByBuyer.set(o.buyer, [o]);
      else list.push(o);
    }
    for (const list of leftByBuyer.values()) list.sort((x, y) => x.shippedAt! - y.shippedAt! || compareIds(x.id, y.id));
    const out: PartShipped[] = [];
    for (let k = 0; k < this.waitIdx.length; k++) {
      const d = this.waitDigest[k];
      if ((leftBits[(d >>> 3) & 0xfffff] & (1 << (d & 7))) === 0) continue;
      const w = orders[this.waitIdx[k]];
      const left = leftByBuyer.get(w.buyer);
      if (left === undefined) continue;
      // The first to leave at or after this one's payment.
      let lo = 0;
      let hi = left.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (left[mid].shippedAt! < w.paidAt!) lo = mid + 1;
        else hi = mid;
      }
      if (lo === left.length) continue;
      const o = left[lo];
      out.push({ orderId: w.id, buyer: w.buyer, paidAt: w.paidAt!, source: w.source, shippedOrderId: o.id, shippedAt: o.shippedAt! });
    }
    return out.sort((x, y) => x.paidAt - y.paidAt || compareIds(x.orderId, y.orderId));
  }

  finish(erpShipped: ShipMismatch[] | null, orders: readonly Order[]): SelfAudit {
    const noTracking = this.trackingKnown ? this.noTracking.sort((x, y) => compareText(x.date ?? "", y.date ?? "") || compareIds(x.orderId, y.orderId)) : [];
    const bySalesperson = [...this.bySalesperson.values()].sort((x, y) => y.unattributed - x.unattributed || y.orders - x.orders || compareText(x.salesperson, y.salesperson));
    const partShipped = this.partShipped(orders);
    // Once: the orders that left (8 bytes an order) are let go before the reports run.
    this.leftIdx = new Int32Array(0);
    this.leftDigest = new Uint32Array(0);
    this.nLeft = 0;
    return { trackingKnown: this.trackingKnown, noTracking, noTrackingCount: this.trackingKnown ? this.noTrackingCount : 0, bySalesperson, erpShipped, partShipped };
  }
}
