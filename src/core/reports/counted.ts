/**
 * The month's counted orders, read one way whatever made the report: the engine's reports carry
 * them as columns (`countedColumns`, in canonical order) and make `counted`'s objects only when
 * something reads that list; reports made by hand (tests, older callers) carry `counted` alone.
 * Readers that walk every counted order go through here, so a build never makes the objects.
 */
import type { Cents, Order } from "../model";
import { unboxedCents } from "../model";
import type { CountedColumns, CountedOrder, MonthReport } from "./types";

/** How many orders the month counts. */
export function countedCount(report: MonthReport): number {
  return report.countedColumns ? report.countedColumns.ids.length : report.counted.length;
}

/** Each counted order in canonical order: its object, collected, agent (null: nobody) and the incident that removed its credit. */
export function countedEach(report: MonthReport, visit: (order: Order, collected: Cents, agent: string | null, creditRemovedBy: string | null, j: number) => void): void {
  const cols = report.countedColumns;
  if (!cols) {
    report.counted.forEach((c, j) => visit(c.order, c.collected, c.agent, c.creditRemovedBy, j));
    return;
  }
  for (let j = 0; j < cols.ids.length; j++) {
    const a = cols.agent[j];
    visit(cols.orders[j], cols.collected[j], a < 0 ? null : cols.agentNames[a], cols.removed[j] === 1 ? (cols.removedBy.get(j) ?? null) : null, j);
  }
}

/**
 * The counted orders as objects, from their columns (`unattributed`: the month's, whose objects
 * are reused). A million of them are ~60 MB and a walk in time order: made only for a reader of
 * `MonthReport.counted` (the task pane's views, the functions, tests), not by the build.
 */
export function countedOrders(cols: CountedColumns, unattributed: readonly CountedOrder[]): CountedOrder[] {
  const k = cols.ids.length;
  const out = new Array<CountedOrder>(k);
  let u = 0;
  for (let j = 0; j < k; j++) {
    const a = cols.agent[j];
    out[j] = a < 0 && u < unattributed.length && unattributed[u].order === cols.orders[j] ? unattributed[u++] : countedAt(cols, j);
  }
  return out;
}

/** Row j of the columns as a CountedOrder (a new object each call). */
export function countedAt(cols: CountedColumns, j: number): CountedOrder {
  const a = cols.agent[j];
  return {
    order: cols.orders[j],
    agent: a < 0 ? null : cols.agentNames[a],
    collected: unboxedCents(cols.collected[j]),
    creditRemovedBy: cols.removedBy.get(j) ?? null,
    matched: cols.matched[j],
  };
}

/** The counted orders one by one, as a sheet's rows read them: the report's columns when it has them (no list made), else its list. */
export function countedRows(report: MonthReport): { length: number; at: (i: number) => CountedOrder } {
  const cols = report.countedColumns;
  if (cols) return { length: cols.ids.length, at: (i) => countedAt(cols, i) };
  const list = report.counted;
  return { length: list.length, at: (i) => list[i] };
}
