/** 罚款 — the month's fines that stand (a waived fine counts 0), deducted from pay. */
import type { PenaltyRow } from "../types";
import { item, y, type PayItem } from "./types";

export function finesPay(fines: readonly PenaltyRow[]): PayItem {
  const total = fines.reduce((s, p) => s + p.effective, 0);
  const waived = fines.filter((p) => p.waived).length;
  return item(
    total,
    `罚款 ${y(total)}：${fines.length} 条${waived ? `（${waived} 条免罚）` : ""}`,
    `fines ${y(total)}: ${fines.length} rows${waived ? ` (${waived} waived)` : ""}`,
  );
}
