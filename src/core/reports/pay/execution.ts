/** 执行奖 — execution bonus: no violation in the month that stands (waived ones do not count). */
import { shortDate } from "../calendar";
import type { PenaltyRow } from "../types";
import { item, listed, y, type PayItem } from "./types";

export function executionPay(fines: readonly PenaltyRow[], bonus: number): PayItem {
  const breaches = fines.filter((p) => !p.waived);
  if (breaches.length === 0) {
    return item(bonus, `执行奖 ${y(bonus)}：本月无违规（或均已免罚）`, `execution bonus ${y(bonus)}: no violation this month (or all waived)`);
  }
  const zh = breaches.map((p) => `${shortDate(p.date)} ${p.ruleLabel}`);
  const en = breaches.map((p) => `${p.rule} on ${shortDate(p.date)}`);
  return item(0, `执行奖 0：${listed(zh, "、", (n) => `等另 ${n} 项`)}`, `no execution bonus: ${listed(en, ", ", (n) => `and ${n} more`)}`);
}
