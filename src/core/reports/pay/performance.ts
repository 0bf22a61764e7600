/** 业绩奖 — performance bonus: collected ≥ the monthly target × the rules' ratio. */
import type { Cents } from "../../model";
import { mulRate } from "../../rules/money";
import type { PayRules } from "../../rules/types";
import { item, pct, y, type PayItem } from "./types";

/** The bonus against a threshold already worked out (last month's, for the clawback). */
export function performanceBonusAt(collected: Cents, threshold: Cents, pay: Pick<PayRules, "performanceBonus">): Cents {
  return collected >= threshold ? pay.performanceBonus : 0;
}

/** The bonus alone. */
export function performanceBonusFor(collected: Cents, target: Cents, pay: PayRules): Cents {
  return performanceBonusAt(collected, mulRate(target, pay.performanceRatio), pay);
}

export function performancePay(collected: Cents, target: Cents, pay: PayRules): PayItem {
  const threshold = mulRate(target, pay.performanceRatio);
  const amount = performanceBonusFor(collected, target, pay);
  const cmp = amount ? "≥" : "<";
  return item(
    amount,
    `业绩奖 ${y(amount)}：回款 ${y(collected)} ${cmp} 目标 ${y(target)} × ${pct(pay.performanceRatio)} = ${y(threshold)}`,
    `performance bonus ${y(amount)}: collected ${y(collected)} ${cmp} target ${y(target)} × ${pct(pay.performanceRatio)} = ${y(threshold)}`,
  );
}
