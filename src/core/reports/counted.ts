/**
 * The month's counted orders, read one way whatever made the report: the engine's reports carry
 * them as columns (`countedColumns`, in canonical order) and make `counted`'s objects only when
 * something reads that list; reports made by hand (tests, older callers) carry `counted` alone.
 * Readers that walk every counted order go through here, so a build never makes the objects —
 * and a lean build (BuildOptions.lean) keeps no order object at all.
 */
import type { Cents, Order } from "../model";
import { unboxedCents } from "../model";
import { basisTime } from "./attribution";
import { DAY_MS, dateOf, monthSpan } from "./calendar";
import type { CountedColumns, CountedOrder, MonthReport } from "./types";
import { textAt, textRows } from "./textcolumn";

/** Row j's staff number, or null (credited to nobody). */
export function agentOf(cols: CountedColumns, j: number): string | null {
  const a = cols.agent[j];
  return a < 0 ? null : cols.agentNames[a];
}

/** How many orders the month counts. */
export function countedCount(report: MonthReport): number {
  return report.countedColumns ? report.countedColumns.ids.length : report.counted.length;
}

/** One counted order as the whole-month readers see it. */
export interface CountedFacts {
  /** 店铺名称 as spelled; "" when none. */
  shop: string;
  collected: Cents;
  refund: Cents;
  /** Staff number; null: credited to nobody. */
  agent: string | null;
  creditRemovedBy: string | null;
  /** The day it counts on (by the rules' date basis); null when it has no such time. */
  day: string | null;
}

/** Each counted order in canonical order. */
export function countedEach(report: MonthReport, visit: (o: CountedFacts, j: number) => void): void {
  const cols = report.countedColumns;
  if (!cols) {
    report.counted.forEach((c, j) => {
      const t = basisTime(c.order, report.rules.sales);
      visit({ shop: c.order.shop ?? "", collected: c.collected, refund: c.order.refund, agent: c.agent, creditRemovedBy: c.creditRemovedBy, day: t === null ? null : dateOf(t) }, j);
    });
    return;
  }
  // Run d of the rows is the month's day d (CountedColumns.dayStart).
  const start = monthSpan(report.month).start;
  for (let d = 0; d + 1 < cols.dayStart.length; d++) {
    const day = dateOf(start + d * DAY_MS);
    for (let j = cols.dayStart[d]; j < cols.dayStart[d + 1]; j++) {
      const creditRemovedBy = cols.removed[j] === 1 ? (cols.removedBy.get(j) ?? null) : null;
      visit({ shop: textAt(cols.shop, j), collected: cols.collected[j], refund: cols.refund[j], agent: agentOf(cols, j), creditRemovedBy, day }, j);
    }
  }
}

/**
 * The counted orders as objects, from their columns (`unattributed`: the month's, whose objects
 * are reused). A million of them are ~60 MB and a walk in time order: made only for a reader of
 * `MonthReport.counted` (the task pane's views, the functions, tests), not by the build.
 */
export function countedOrders(cols: CountedColumns, unattributed: readonly CountedOrder[]): CountedOrder[] {
  const orders = cols.orders;
  if (!orders) throw new Error("MonthReport.counted is not kept by a lean build (BuildOptions.lean): read countedColumns");
  const k = cols.ids.length;
  const out = new Array<CountedOrder>(k);
  let u = 0;
  for (let j = 0; j < k; j++) {
    const a = cols.agent[j];
    out[j] = a < 0 && u < unattributed.length && unattributed[u].order === orders[j] ? unattributed[u++] : countedAt(cols, j);
  }
  return out;
}

/**
 * Row j of the columns as a CountedOrder (a new object each call). Without the order objects (a
 * lean build) its `order` holds what the columns hold — all 订单明细 shows, for its rows (the
 * first EXCEL_MAX_ROWS) — and blanks for the rest (note, tracking, salesperson, created and
 * shipped times).
 */
export function countedAt(cols: CountedColumns, j: number): CountedOrder {
  return {
    order: cols.orders ? cols.orders[j] : orderFromColumns(cols, j),
    agent: agentOf(cols, j),
    collected: unboxedCents(cols.collected[j]),
    creditRemovedBy: cols.removedBy.get(j) ?? null,
    matched: textAt(cols.matched, j),
  };
}

const time = (t: number | undefined): number | null => (t === undefined || Number.isNaN(t) ? null : t);

function orderFromColumns(cols: CountedColumns, j: number): Order {
  const order: Order = {
    id: cols.ids[j],
    buyer: cols.buyer[j] ?? "",
    paid: unboxedCents(cols.paid[j]),
    shipping: unboxedCents(cols.shipping[j]),
    refund: unboxedCents(cols.refund[j]),
    status: j < textRows(cols.status) ? textAt(cols.status, j) : "",
    createdAt: null,
    paidAt: time(cols.paidAt[j]),
    shippedAt: null,
    confirmedAt: time(cols.confirmedAt[j]),
    note: "",
    tracking: "",
    salesperson: "",
    source: { file: "", sheet: j < textRows(cols.sourceSheet) ? textAt(cols.sourceSheet, j) : "", row: cols.sourceRow[j] ?? 0 },
  };
  const shop = textAt(cols.shop, j);
  if (shop !== "") order.shop = shop;
  return order;
}

/** Orders one by one, as a drill-down's rows read them. */
export interface OrderRows {
  length: number;
  at: (i: number) => CountedOrder;
}

/** The counted orders one by one: the report's columns when it has them (no list made), else its list. */
export function countedRows(report: MonthReport): OrderRows {
  const cols = report.countedColumns;
  if (cols) return { length: cols.ids.length, at: (i) => countedAt(cols, i) };
  const list = report.counted;
  return { length: list.length, at: (i) => list[i] };
}
