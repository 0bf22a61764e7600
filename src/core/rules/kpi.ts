/**
 * KPI arithmetic for the performance board: one metric's weighted score, and the two ratios
 * that are undefined on zero (conversion, average order value).
 */

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
