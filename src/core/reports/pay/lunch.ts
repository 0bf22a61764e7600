/** 餐补 — lunch allowance per day worked inside the employment period. */
import { item, y, type AgentMonth, type PayItem } from "./types";

export function lunchPay(a: AgentMonth): PayItem {
  const per = a.rules.pay.lunchPerDay;
  const days = a.schedule.workedDays;
  const amount = per * days;
  return item(amount, `餐补 ${y(per)} × 出勤 ${days} 天 = ${y(amount)}`, `lunch ${y(per)} × ${days} days worked = ${y(amount)}`);
}
