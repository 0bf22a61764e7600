/**
 * Plausible ranges for rates and ratios. A bare number in a rate cell is ambiguous (is `1` one
 * percent or 100 %?), so every rate rule states, beside its definition, the range its meaning
 * allows; a value outside is refused with the way to write one percent, never read as 100 %.
 */

/** Inclusive bounds, as fractions (0.2 = 20 %), or as plain numbers for points (a KPI weight). */
export interface RateRange {
  min: number;
  max: number;
  points?: boolean;
  /** Points of 100 (a KPI weight): a percentage written there means as many points ("40%" = 40). */
  percentIsPoints?: boolean;
}

export const rateRange = (min: number, max: number): RateRange => ({ min, max });
export const pointsRange = (min: number, max: number): RateRange => ({ min, max, points: true });

const PERCENT_END = /[%％]\s*$/;

/**
 * The value a cell means in its range, from the fraction its text reads as: in a range of points
 * of 100, "40%" is 40 points (a percentage of the whole score), not 0.4.
 * @example inRangeUnits(0.4, { min: 0, max: 100, points: true, percentIsPoints: true }, "40%") // 40
 */
export function inRangeUnits(r: number, range: RateRange, written: unknown): number {
  return range.percentIsPoints && typeof written === "string" && PERCENT_END.test(written) ? +(r * 100).toFixed(10) : r;
}

export interface RangeProblem {
  code: "rules.value.negative" | "rules.rate.tooHigh" | "rules.rate.tooLow" | "rules.value.percent";
  zh: string;
  en: string;
}

const pct = (r: number): string => `${+(r * 100).toFixed(10)}%`;

/**
 * "0%–20%", as the messages write a range; an open-ended one (a target in seconds) is "≥ 0",
 * never "0–Infinity" (a manager reads that as a fault).
 */
export function rangeText(range: RateRange): string {
  const f = range.points ? (x: number) => String(x) : pct;
  return range.max === Infinity ? `≥ ${f(range.min)}` : `${f(range.min)}–${f(range.max)}`;
}

const ONE_PERCENT = { zh: "1% 请写 1% 或 0.01", en: "write 1% or 0.01 for one percent" };

/**
 * What is wrong with a rate for its range, or null when it lies in it. `written` is the cell as
 * typed: a points value (a KPI weight is 40 of 100) written as a percentage is refused, because
 * "40%" reads as 0.4 points — neither the 40 meant nor anything a reader would guess.
 * @example rangeProblem(1, rateRange(0, 0.2))?.code // "rules.rate.tooHigh"
 * @example rangeProblem(0.4, pointsRange(0, 100), "40%")?.code // "rules.value.percent"
 */
export function rangeProblem(r: number, range: RateRange, written?: unknown): RangeProblem | null {
  if (range.points && !range.percentIsPoints && typeof written === "string" && PERCENT_END.test(written)) {
    const span = rangeText(range);
    const meant = `${+(r * 100).toFixed(10)}`;
    return {
      code: "rules.value.percent",
      zh: `应为数值（合理范围 ${span}），不是百分比：${written.trim()} 请写 ${meant}`,
      en: `expected a number (plausible range ${span}), not a percentage: write ${written.trim()} as ${meant}`,
    };
  }
  if (r >= range.min && r <= range.max) return null;
  const span = rangeText(range);
  const hint = range.points ? "" : `（${ONE_PERCENT.zh}）`;
  const hintEn = range.points ? "" : ` (${ONE_PERCENT.en})`;
  const shown = range.points ? String(r) : pct(r);
  const what = range.points ? { zh: "数值", en: "the value" } : { zh: "比例", en: "the rate" };
  if (r < 0) return { code: "rules.value.negative", zh: `${what.zh}不能为负，合理范围 ${span}${hint}`, en: `${what.en} cannot be negative; the plausible range is ${span}${hintEn}` };
  if (r > range.max) {
    return { code: "rules.rate.tooHigh", zh: `${what.zh} ${shown} 超出合理范围 ${span}${hint}`, en: `${what.en} ${shown} is above the plausible range ${span}${hintEn}` };
  }
  return { code: "rules.rate.tooLow", zh: `${what.zh} ${shown} 低于合理范围 ${span}${hint}`, en: `${what.en} ${shown} is below the plausible range ${span}${hintEn}` };
}
