/** 季度提成 — quarterly commission, in a quarter's last month, over the quarter's collected. */
import type { Cents, MonthStr } from "../../model";
import { quarterlyCommission } from "../../rules/commission";
import type { CommissionRules } from "../../rules/types";
import { item, pct, y, type PayItem } from "./types";

export interface QuarterInfo {
  /** Is the month a quarter's last month? */
  quarterEnd: boolean;
  /** Per agent Σ collected over the quarter; null when the data does not cover it. */
  collected: ReadonlyMap<string, Cents> | null;
  /** The quarter's months missing from the order data. */
  missing: MonthStr[];
}

export function quarterlyPay(staffNo: string, quarter: QuarterInfo, c: CommissionRules): PayItem & { collected: Cents | null } {
  if (!quarter.quarterEnd) return { ...item(0, "季度提成 0：本月不是季末月", "no quarterly commission: not a quarter's last month"), collected: null };
  if (quarter.collected === null) {
    return {
      ...item(
        0,
        `季度提成 未计：订单数据未覆盖整个季度，也没有 ${quarter.missing.join("、")} 的看板（--previous）`,
        `quarterly commission not computed: the order data does not cover the quarter and there is no board for ${quarter.missing.join(", ")} (--previous)`,
      ),
      collected: null,
    };
  }
  const collected = quarter.collected.get(staffNo) ?? 0;
  const amount = quarterlyCommission(collected, c);
  const cmp = amount ? "≥" : "<";
  const rate = amount ? ` × ${pct(c.quarterlyRate)}` : "";
  return {
    ...item(
      amount,
      `季度提成 ${y(amount)}：季度回款 ${y(collected)} ${cmp} ${y(c.quarterlyThreshold)}${rate}`,
      `quarterly commission ${y(amount)}: quarter's collected ${y(collected)} ${cmp} ${y(c.quarterlyThreshold)}${rate}`,
    ),
    collected,
  };
}
