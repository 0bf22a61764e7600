/**
 * The order clerk's end-of-day self-audit (打单员每日自查, domain.md "Daily routine"), the parts an
 * order export can answer:
 * - 已打印无单号: an order that left (ship time, or a shipped status) with no tracking number —
 *   the parcel cannot be followed, and Taobao counts it as not shipped. Checked only when the
 *   export carries tracking numbers at all: an export without the column would flag every order.
 * - ERP 已发货、淘宝未发货: given both an ERP's and the platform's export of the same orders, those
 *   the ERP shipped and the platform still shows waiting to ship (import/merge.ts finds them).
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

  finish(erpShipped: ShipMismatch[] | null): SelfAudit {
    const noTracking = this.trackingKnown ? this.noTracking.sort((x, y) => compareText(x.date ?? "", y.date ?? "") || compareIds(x.orderId, y.orderId)) : [];
    const bySalesperson = [...this.bySalesperson.values()].sort((x, y) => y.unattributed - x.unattributed || y.orders - x.orders || compareText(x.salesperson, y.salesperson));
    return { trackingKnown: this.trackingKnown, noTracking, noTrackingCount: this.trackingKnown ? this.noTrackingCount : 0, bySalesperson, erpShipped };
  }
}
