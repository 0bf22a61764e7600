/**
 * Collected sales (回款): which orders count for a month and how much each one brings.
 */
import type { Cents } from "../model";
import type { SalesRules } from "./types";

/**
 * Whether an order with this (normalised) status counts: when `onlyStatuses` is non-empty only
 * those count; otherwise every status except those containing an excluded one (交易关闭,
 * 等待买家付款, 未付款 by default). Substring match, so "交易关闭(退款)" is excluded too.
 * @example isCounted("交易成功", defaultRules().sales) // true
 * @example isCounted("交易关闭", defaultRules().sales) // false
 */
export function isCounted(status: string, s: Pick<SalesRules, "excludedStatuses" | "onlyStatuses">): boolean {
  const st = status.trim();
  if (s.onlyStatuses.length > 0) return s.onlyStatuses.some((x) => x !== "" && st.includes(x));
  return !s.excludedStatuses.some((x) => x !== "" && st.includes(x));
}

/**
 * An order's collected amount: paid − refund (− shipping when the rules exclude it), never
 * below 0 (a full refund earns nothing, it does not take from other orders).
 * @example collectedOf(10000, 2500, 800, defaultRules().sales) // 7500
 */
export function collectedOf(
  paid: Cents,
  refund: Cents,
  shipping: Cents,
  s: Pick<SalesRules, "excludeShipping">,
): Cents {
  const v = paid - refund - (s.excludeShipping ? shipping : 0);
  return v > 0 ? v : 0;
}

/**
 * A memo of `isCounted` by status for bulk use: a month has a handful of distinct statuses and
 * a million orders.
 */
export class StatusFilter {
  private readonly memo = new Map<string, boolean>();
  constructor(private readonly s: Pick<SalesRules, "excludedStatuses" | "onlyStatuses">) {}
  counts(status: string): boolean {
    let v = this.memo.get(status);
    if (v === undefined) {
      v = isCounted(status, this.s);
      this.memo.set(status, v);
    }
    return v;
  }
}
