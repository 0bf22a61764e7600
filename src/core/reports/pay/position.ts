/** 职位补贴 — position allowance: collected ≥ the rules' threshold. */
import type { Cents } from "../../model";
import type { PayRules } from "../../rules/types";
import { item, y, type PayItem } from "./types";

export function positionAllowanceFor(collected: Cents, pay: PayRules): Cents {
  return collected >= pay.positionThreshold ? pay.positionAllowance : 0;
}

export function positionPay(collected: Cents, pay: PayRules): PayItem {
  const amount = positionAllowanceFor(collected, pay);
  const cmp = amount ? "≥" : "<";
  return item(amount, `职位补贴 ${y(amount)}：回款 ${y(collected)} ${cmp} ${y(pay.positionThreshold)}`, `position allowance ${y(amount)}: collected ${y(collected)} ${cmp} ${y(pay.positionThreshold)}`);
}
