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
 * Filled during the order scan (ordertable.ts), one call per order; it keeps ids and counts only.
 */
import type { Cents, DateStr, Order, ShipMismatch, SourceRef, WallTime } from "../model";
import { dateOf } from "./calendar";
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
  /** The month's paid orders waiting to ship, by buyer (a few per cent of the orders). */
  private readonly waitingByBuyer = new Map<string, Order[]>();

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

  /** A counted order paid in the month that has not left. */
  waiting(o: Order): void {
    if (o.buyer === "" || o.paidAt === null) return;
    const list = this.waitingByBuyer.get(o.buyer);
    if (list === undefined) this.waitingByBuyer.set(o.buyer, [o]);
    else list.push(o);
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

  /** The waiting orders whose buyer had another order leave after they were paid: one more walk, only when some wait. */
  private partShipped(orders: readonly Order[]): PartShipped[] {
    const waiting = this.waitingByBuyer;
    if (waiting.size === 0) return [];
    const found = new Map<Order, Order>();
    for (const o of orders) {
      if (o.shippedAt === null) continue;
      const list = waiting.get(o.buyer);
      if (list === undefined) continue;
      for (const w of list) {
        if (w === o || w.paidAt! > o.shippedAt) continue;
        const before = found.get(w);
        if (before === undefined || o.shippedAt < before.shippedAt! || (o.shippedAt === before.shippedAt && compareIds(o.id, before.id) < 0)) found.set(w, o);
      }
    }
    const out: PartShipped[] = [];
    for (const [w, o] of found) out.push({ orderId: w.id, buyer: w.buyer, paidAt: w.paidAt!, source: w.source, shippedOrderId: o.id, shippedAt: o.shippedAt! });
    return out.sort((x, y) => x.paidAt - y.paidAt || compareIds(x.orderId, y.orderId));
  }

  finish(erpShipped: ShipMismatch[] | null, orders: readonly Order[]): SelfAudit {
    const noTracking = this.trackingKnown ? this.noTracking.sort((x, y) => compareText(x.date ?? "", y.date ?? "") || compareIds(x.orderId, y.orderId)) : [];
    const bySalesperson = [...this.bySalesperson.values()].sort((x, y) => y.unattributed - x.unattributed || y.orders - x.orders || compareText(x.salesperson, y.salesperson));
    return { trackingKnown: this.trackingKnown, noTracking, noTrackingCount: this.trackingKnown ? this.noTrackingCount : 0, bySalesperson, erpShipped, partShipped: this.partShipped(orders) };
  }
}
