/**
 * 执行奖 — execution bonus: no violation in the month that stands (waived ones do not count), for
 * an agent employed at some point of the month: "no breach" by somebody who was not there is not
 * execution, and an agent who left stays in the roster (and on the sheet, for a clawback) for months.
 * Nor by somebody employed who, by the month's attendance, worked not a day of it (`worked` false).
 */
import { shortDate } from "../calendar";
import type { PenaltyRow } from "../types";
import { item, listed, y, type PayItem } from "./types";

export function executionPay(fines: readonly PenaltyRow[], bonus: number, employed: boolean, worked = true): PayItem {
  if (!employed) return item(0, "执行奖 0：本月不在职", "no execution bonus: not employed this month");
  if (!worked) return item(0, "执行奖 0：考勤中本月没有一天出勤", "no execution bonus: by the attendance, not a day worked this month");
  const breaches = fines.filter((p) => !p.waived);
  if (breaches.length === 0) {
    return item(bonus, `执行奖 ${y(bonus)}：本月无违规（或均已免罚）`, `execution bonus ${y(bonus)}: no violation this month (or all waived)`);
  }
  const zh = breaches.map((p) => `${shortDate(p.date)} ${p.ruleLabel}`);
  const en = breaches.map((p) => `${p.rule} on ${shortDate(p.date)}`);
  return item(0, `执行奖 0：${listed(zh, "、", (n) => `等另 ${n} 项`)}`, `no execution bonus: ${listed(en, ", ", (n) => `and ${n} more`)}`);
}
