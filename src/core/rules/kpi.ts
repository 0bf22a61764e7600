/**
 * KPI arithmetic for the performance board: one metric's weighted score, and the two ratios
 * that are undefined on zero (conversion, average order value).
 */

import type { KpiMetric } from "./types";
import { pointsRange, rateRange, type RateRange } from "./range";

/** What a KPI metric's target is measured in: yuan, a rate, seconds or a count. */
export type KpiTargetUnit = "money" | "rate" | "seconds" | "count";

/**
 * The one table of KPI metrics: the label (Chinese, English), the target's unit and, for a rate
 * target, its plausible range, read by the rules sheet (规则's KPI rows and their errors) and the
 * performance board (score headers, the notes under it).
 */
export const KPI_METRICS: Readonly<Record<KpiMetric, { zh: string; en: string; unit: KpiTargetUnit; targetRange?: RateRange }>> = {
  collected: { zh: "回款", en: "Collected", unit: "money" },
  // Conversion (最终付款人数 / 询单人数) cannot pass 100%, so 100% is the strictest target there is,
  // still a target; 4000% (a `40` meant as 40%) is not.
  conversion: { zh: "询单转化率", en: "Conversion", unit: "rate", targetRange: rateRange(0, 1) },
  aov: { zh: "客单价", en: "AOV", unit: "money" },
  avgResponseSec: { zh: "平均响应时长", en: "Response time", unit: "seconds" },
  // Lower is better: a refund-rate target of 100% (a `1` meant as 1%) would score every agent full;
  // half the sales refunded is already beyond a target any shop sets.
  refundRate: { zh: "退款率", en: "Refund rate", unit: "rate", targetRange: rateRange(0, 0.5) },
  complaints: { zh: "投诉次数", en: "Complaints", unit: "count" },
  lateCount: { zh: "迟到次数", en: "Late arrivals", unit: "count" },
};

/**
 * A KPI weight is points (the handbook's 40 / 25 / 10 / 15 / 10 add up to 100), not a share:
 * 0–100, and 100 itself is one metric carrying the whole score. Points of 100 are a share of the
 * score, so "40%" written there is 40 points (never 0.4, a hundredth of what was meant).
 */
export const KPI_WEIGHT_RANGE: RateRange = { ...pointsRange(0, 100), percentIsPoints: true };

/**
 * The widest plausible target of any rate metric (conversion's 0–100%). KEFU.SCORE is not told the
 * metric; once its actual or target is written as a percentage the metric is a rate, and a target
 * outside this (a `40` beside "30%") is the rules sheet's own refusal of a conversion target of 40.
 */
export const KPI_RATE_TARGET: RateRange = rateRange(
  0,
  Math.max(...Object.values(KPI_METRICS).flatMap((m) => (m.unit === "rate" && m.targetRange ? [m.targetRange.max] : []))),
);

/**
 * A target in seconds or a count: any number ≥ 0, a plain number (30 seconds), not a rate — so a
 * negative one is told as a number, and "30%" is refused rather than read as 0.3 seconds.
 */
export const KPI_OPEN_TARGET: RateRange = pointsRange(0, Infinity);

/**
 * A KPI cap is a multiple of the weight (1.2 = at most 120%): above 0, at most 5. 1 (100%) is
 * legitimate — no credit beyond the target; 120 (a `120` meant as 120%) is not.
 */
export const KPI_CAP_RANGE: RateRange = rateRange(0.01, 5);

/** How a unit's target reads, in words: "目标单位：元 / target in yuan". */
export const KPI_UNIT_WORDS: Readonly<Record<KpiTargetUnit, { zh: string; en: string }>> = {
  money: { zh: "目标单位：元", en: "target in yuan" },
  rate: { zh: "目标为比例", en: "target as a rate" },
  seconds: { zh: "目标单位：秒", en: "target in seconds" },
  count: { zh: "目标单位：次", en: "target as a count" },
};

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/**
 * One metric's contribution: weight × min(actual / target, cap); for a reverse metric (lower is
 * better: response time, refund rate) weight × min(target / actual, cap), and an actual of 0
 * earns the cap. A missing actual (null) scores 0; a target ≤ 0 counts as met (ratio 1).
 * @example metricScore(25_000_00, 50_000_00, 40, false, 1.2) // 20
 * @example metricScore(60, 30, 15, true, 1.2)                 // 7.5
 */
export function metricScore(
  actual: number | null,
  target: number,
  weight: number,
  reverse: boolean,
  cap: number,
): number {
  if (!finite(actual) || !finite(target) || !finite(weight)) return 0;
  const top = finite(cap) && cap > 0 ? cap : 1;
  let ratio: number;
  if (target <= 0) ratio = 1;
  else if (reverse) ratio = actual <= 0 ? top : target / actual;
  else ratio = actual / target;
  if (ratio < 0) ratio = 0;
  return weight * Math.min(ratio, top);
}

/**
 * Inquiry conversion (询单转化率) = paying buyers / inquiring buyers; null when nobody inquired.
 * @example conversion(12, 40) // 0.3
 */
export function conversion(payers: number, inquiries: number): number | null {
  if (!finite(payers) || !finite(inquiries) || inquiries <= 0) return null;
  return payers / inquiries;
}

/**
 * Average order value (客单价) = amount / buyers; null when there are no buyers. Amount in
 * whatever unit it comes (cents in the engine).
 * @example aov(30000, 4) // 7500
 */
export function aov(amount: number, buyers: number): number | null {
  if (!finite(amount) || !finite(buyers) || buyers <= 0) return null;
  return amount / buyers;
}
