/**
 * 年终提成 — year-end commission (handbook 004), in December: the rules' rate (1%) of the year's
 * collected, for agents with 12 months of service by the year's end, or with less service but a
 * year's collected of at least the threshold (500,000). The year's collected is December's plus
 * the year's earlier boards' credited orders (last month's as corrected by the clawback); months
 * without a board are named, never guessed — then nothing is computed.
 */
import type { Agent, Cents, MonthStr } from "../../model";
import { mulRate } from "../../rules/money";
import type { PayRules } from "../../rules/types";
import { item, pct, y, type PayItem } from "./types";

export interface YearInfo {
  year: number;
  /** Per agent Σ collected over the year's earlier months, from their boards. */
  earlier: ReadonlyMap<string, Cents>;
  /** Earlier months of the year with no board given. */
  missing: MonthStr[];
}

/**
 * Whole months of service from 入职日期 to the year's end: hired on 1 January → 12.
 * @example serviceMonths("2026-01-02", 2026) // 11
 */
export function serviceMonths(hiredOn: string, year: number): number {
  const [hy, hm, hd] = hiredOn.split("-").map(Number);
  return Math.max(0, (year + 1 - hy) * 12 - (hm - 1) - (hd > 1 ? 1 : 0));
}

export function yearEndPay(staffNo: string, collectedNow: Cents, roster: Pick<Agent, "hiredOn"> | null, info: YearInfo, pay: PayRules): PayItem {
  if (info.missing.length > 0) {
    return item(
      0,
      `年终提成 未计：缺少本年 ${info.missing.join("、")} 的看板（--previous）`,
      `year-end commission not computed: no board for ${info.missing.join(", ")} of the year (--previous)`,
    );
  }
  const collected = collectedNow + (info.earlier.get(staffNo) ?? 0);
  const months = roster?.hiredOn ? serviceMonths(roster.hiredOn, info.year) : null;
  const byService = months !== null && months >= pay.yearEndServiceMonths;
  const bySales = collected >= pay.yearEndThreshold;
  const service = months === null ? "入职日期未知" : `工龄 ${months} 个月`;
  const serviceEn = months === null ? "hire date unknown" : `${months} months of service`;
  if (!byService && !bySales) {
    return item(
      0,
      `年终提成 0：${service} < ${pay.yearEndServiceMonths}，全年回款 ${y(collected)} < ${y(pay.yearEndThreshold)}`,
      `no year-end commission: ${serviceEn} < ${pay.yearEndServiceMonths}, year's collected ${y(collected)} < ${y(pay.yearEndThreshold)}`,
    );
  }
  const amount = mulRate(collected, pay.yearEndRate);
  const why = byService ? `${service} ≥ ${pay.yearEndServiceMonths}` : `全年回款 ≥ ${y(pay.yearEndThreshold)}`;
  const whyEn = byService ? `${serviceEn} ≥ ${pay.yearEndServiceMonths}` : `year's collected ≥ ${y(pay.yearEndThreshold)}`;
  return item(
    amount,
    `年终提成 ${y(amount)}：${why}，全年回款 ${y(collected)} × ${pct(pay.yearEndRate)}`,
    `year-end commission ${y(amount)}: ${whyEn}, year's collected ${y(collected)} × ${pct(pay.yearEndRate)}`,
  );
}
