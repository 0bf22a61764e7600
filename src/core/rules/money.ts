/**
 * Exact money arithmetic: amounts are integer cents, rates are decimal fractions typed by a
 * person (0.025, 2.8%). Multiplying cents by a float rate drifts (1,999,999 × 0.025 is not
 * 49,999.975 in binary), so rates are scaled to integers first and the product is rounded once,
 * half away from zero, to the cent.
 */
import type { Cents } from "../model";

/** Rates are exact to 1e-9 (a rate typed with more decimals is rounded there). */
const RATE_SCALE = 1_000_000_000n;

/** A rate as an integer number of billionths. */
export function scaledRate(rate: number): bigint {
  return BigInt(Math.round(rate * 1e9));
}

/** round(n / d) half away from zero, for bigint n and positive d. */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  if (n < 0n) return -divRoundHalfUp(-n, d);
  return (n * 2n + d) / (2n * d);
}

/**
 * cents × rate, rounded half-up to the cent.
 * @example mulRate(1_999_999, 0.025) // 50_000 (49,999.975 → 50,000 cents)
 */
export function mulRate(cents: Cents, rate: number): Cents {
  return Number(divRoundHalfUp(BigInt(Math.round(cents)) * scaledRate(rate), RATE_SCALE));
}

/** Σ slice × rate over slices, rounded once (marginal commission). */
export function sumSlices(slices: { amount: number; rate: number }[]): Cents {
  let total = 0n;
  for (const s of slices) total += BigInt(Math.round(s.amount)) * scaledRate(s.rate);
  return Number(divRoundHalfUp(total, RATE_SCALE));
}

export { RATE_SCALE };

/** Yuan (as a person writes it) to cents, rounding the float's drift away: 19999.99 → 1999999. */
export function yuanToCents(yuan: number): Cents {
  return Math.round(yuan * 100);
}

/** Cents to yuan, for display and the JSON contract (exact to 0.01). */
export function centsToYuan(cents: Cents): number {
  return cents / 100;
}

/** A cents amount written like a manager reads it: 1234567 → "12,345.67". */
export function formatYuan(cents: Cents): string {
  const neg = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = (abs % 100).toString().padStart(2, "0");
  return `${neg ? "-" : ""}${whole}.${frac}`;
}
