/**
 * Commission tiers (提成阶梯): whole-amount (全额累进: the whole base at the rate of the tier
 * reached) or marginal (超额累进: each slice at its own rate); tiers by collected amount (cents)
 * or by order count; an optional cap on the rate (affiliate shape: 50%).
 */
import type { Cents } from "../model";
import type { Cell } from "../import/types";
import type { CommissionMode, CommissionRules, Tier } from "./types";
import { divRoundHalfUp, mulRate, RATE_SCALE, scaledRate } from "./money";
import { rangeProblem, rateRange, type RangeProblem, type RateRange } from "./range";

/**
 * A commission tier's rate: 0%–20%. The handbook's top tier is 2.8% on the whole collected amount;
 * a fifth of an agent's sales is already beyond any shop's margin, and 100% (a `1` meant as 1%)
 * would hand the agent the sales themselves — never legitimate. A table by order count (the
 * affiliate shape, 10–15%) still fits.
 */
export const COMMISSION_TIER_RATE: RateRange = rateRange(0, 0.2);

/**
 * An affiliate (淘宝客) tier's rate: 0%–50%. Handbook 004 tiers run 10 / 13 / 15% and cap an
 * order's commission at 50%, so a tier above the cap could never be paid; 100% is never legitimate.
 */
export const AFFILIATE_TIER_RATE: RateRange = rateRange(0, 0.5);

/**
 * A cap on a tier rate (比例上限): up to the affiliate shape's 50%. A cap of 100% caps nothing (blank
 * says that), so a `1` meant as 1% is refused rather than read as no cap.
 */
export const COMMISSION_MAX_RATE: RateRange = rateRange(0, 0.5);

/**
 * The words a manager may write for the commission mode — in the rules sheet (规则, key
 * `commission.mode`) and as KEFU.COMMISSION's `mode` argument alike. The first word of each list is
 * the one the rules sheet writes. Compared trimmed and lower-cased, as the rules sheet compares every
 * word choice (and as the 提成表's live formulas compare them: TRIM, case-blind; no full-width folding).
 */
export const COMMISSION_MODE_WORDS: Readonly<Record<CommissionMode, readonly string[]>> = {
  whole: ["全额累进", "全额", "全额提成", "whole", "1"],
  marginal: ["超额累进", "超额", "超额提成", "分段累进", "分段", "marginal", "excess", "2"],
};

/**
 * A cell as a commission mode: one of `COMMISSION_MODE_WORDS`, else null (blank included).
 * @example commissionMode(" 超额 ") // "marginal"
 */
export function commissionMode(cell: Cell | undefined): CommissionMode | null {
  if (cell === null || cell === undefined || cell instanceof Date) return null;
  const k = String(cell).trim().toLowerCase();
  if (k === "") return null;
  for (const mode of ["whole", "marginal"] as const) {
    if (COMMISSION_MODE_WORDS[mode].includes(k)) return mode;
  }
  return null;
}

/** What is wrong with a tier table: the 0-based tier `index`, a stable code, Chinese and English. */
export interface TierProblem {
  index: number;
  code: "rules.tiers.start" | "rules.tiers.overlap" | "rules.tiers.order" | "rules.tiers.falling" | RangeProblem["code"];
  /** A warning leaves the table usable (falling rates may be meant); an error refuses it. */
  severity: "error" | "warning";
  zh: string;
  en: string;
}

/**
 * Every problem of a tier table in the order written, the one rule for the rules sheet and the
 * KEFU.* functions: the first tier starts at 0, lower bounds ascend strictly (an equal bound is an
 * overlap), rates lie in `rates` (errors); a rate below the tier before is a warning, because
 * domain.md gives no reason for a higher tier to pay less and it is the mark of two rates swapped.
 * An empty list means the table is good.
 * @example tierProblems([{ from: 100, rate: 0.01 }])[0].code // "rules.tiers.start"
 */
export function tierProblems(tiers: readonly Tier[], rates: RateRange = COMMISSION_TIER_RATE): TierProblem[] {
  const out: TierProblem[] = [];
  tiers.forEach((t, index) => {
    const prev = index > 0 ? tiers[index - 1] : null;
    const error = (code: TierProblem["code"], zh: string, en: string) => out.push({ index, code, severity: "error", zh, en });
    if (index === 0 && t.from !== 0) {
      error("rules.tiers.start", "第一档的下限须为 0", "the first tier must start at 0");
    } else if (prev && t.from === prev.from) {
      error("rules.tiers.overlap", "与上一档下限相同，档位重叠", "same lower bound as the tier above: the tiers overlap");
    } else if (prev && t.from < prev.from) {
      error("rules.tiers.order", "下限须比上一档大（按从小到大排列）", "lower bounds must ascend (each above the tier before)");
    }
    const bad = rangeProblem(t.rate, rates);
    if (bad) error(bad.code, bad.zh, bad.en);
    else if (prev && prev.from < t.from && t.rate < prev.rate && rangeProblem(prev.rate, rates) === null) {
      out.push({
        index,
        code: "rules.tiers.falling",
        severity: "warning",
        zh: `比例 ${+(t.rate * 100).toFixed(10)}% 低于上一档的 ${+(prev.rate * 100).toFixed(10)}%：档位越高比例越低，请确认没有写反`,
        en: `the rate ${+(t.rate * 100).toFixed(10)}% is below the tier before (${+(prev.rate * 100).toFixed(10)}%): a higher tier pays less; check the rates are not swapped`,
      });
    }
  });
  return out;
}

/**
 * The rate of the highest tier whose lower bound `from` is ≤ value; 0 below the first tier.
 * Tiers need not be sorted.
 * @example tierRate(2_000_000, defaultRules().commission.tiers) // 0.01 (20,000 yuan)
 */
export function tierRate(value: number, tiers: readonly Tier[]): number {
  let best: Tier | null = null;
  for (const t of tiers) {
    if (t.from <= value && (best === null || t.from >= best.from)) best = t;
  }
  return best === null ? 0 : best.rate;
}

function sorted(tiers: readonly Tier[]): readonly Tier[] {
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i].from < tiers[i - 1].from) return tiers.slice().sort((a, b) => a.from - b.from);
  }
  return tiers;
}

const capped = (rate: number, maxRate: number | null): number =>
  maxRate === null ? rate : Math.min(rate, maxRate);

/**
 * Commission on `collected` (cents). With tiers by count, `count` (orders) picks the tier and the
 * rate applies to `collected`. Marginal by count: the rate is the order-weighted average of the
 * slices' rates (orders 1–100 at the first rate, 101–200 at the next, …).
 * Result in integer cents, rounded half-up once.
 * @example commissionFor(5_000_000, 0, defaultRules().commission) // {rate: 0.02, commission: 100_000}
 */
export function commissionFor(
  collected: Cents,
  count: number,
  c: Pick<CommissionRules, "mode" | "basis" | "tiers" | "maxRate">,
): { rate: number; commission: Cents } {
  const base = Math.max(0, collected);
  const value = c.basis === "count" ? count : base;
  const rate = capped(tierRate(value, c.tiers), c.maxRate);
  if (c.mode === "whole") return { rate, commission: mulRate(base, rate) };

  // Marginal: Σ slice × rate, exact, rounded once.
  const tiers = sorted(c.tiers);
  let weighted = 0n; // Σ slice(value units) × scaled rate
  for (let i = 0; i < tiers.length; i++) {
    const from = tiers[i].from;
    const to = i + 1 < tiers.length ? tiers[i + 1].from : Infinity;
    if (value <= from) break;
    const slice = Math.min(value, to) - from;
    weighted += BigInt(Math.round(slice)) * scaledRate(capped(tiers[i].rate, c.maxRate));
  }
  if (c.basis === "amount") return { rate, commission: Number(divRoundHalfUp(weighted, RATE_SCALE)) };
  if (value <= 0) return { rate, commission: 0 };
  const commission = divRoundHalfUp(BigInt(Math.round(base)) * weighted, RATE_SCALE * BigInt(Math.round(value)));
  return { rate, commission: Number(commission) };
}

/**
 * Quarterly commission (季度提成): `quarterlyRate` of the quarter's collected sales when they
 * reach `quarterlyThreshold`, else 0.
 * @example quarterlyCommission(6_000_000, defaultRules().commission) // 60_000 (1% of 60,000)
 */
export function quarterlyCommission(
  quarterCollected: Cents,
  c: Pick<CommissionRules, "quarterlyRate" | "quarterlyThreshold">,
): Cents {
  return quarterCollected >= c.quarterlyThreshold ? mulRate(quarterCollected, c.quarterlyRate) : 0;
}
