/**
 * The commission table as a formula argument: a two-column range (lower bound in yuan, rate),
 * as the rules sheet (规则) lays it out, and the mode word (全额 / 超额).
 */
import { commissionMode, COMMISSION_MODE_WORDS, defaultRules, rateFraction, tierProblems } from "../core";
import type { CommissionMode, Tier } from "../core";
import { arg, emptyError, readYuan } from "./args";
import { FnError, invalid, isBlank, omitted, quote, single, toGrid, type Scalar } from "./values";

/** The handbook's table (domain.md): < 20,000: 0; 1%; 2%; 2.5%; ≥ 100,000: 2.8%. */
export const HANDBOOK_TIERS: Tier[] = defaultRules().commission.tiers;

const FROM = arg("阶梯下限", "tier lower bound");
const RATE = arg("阶梯比例", "tier rate");

/**
 * Tiers from a range: one row per tier, blank rows ignored; a first row of text (下限 | 比例) is
 * taken as a header. The table must pass the rules sheet's rule (first tier at 0, lower bounds
 * ascending, rates 0–100%). Omitted → the handbook's table.
 */
export function readTiers(v: unknown): Tier[] | FnError {
  if (omitted(v)) return HANDBOOK_TIERS;
  const g = toGrid(v);
  const width = g[0]?.length ?? 0;
  if (width !== 2) {
    return invalid(
      `提成阶梯应为两列区域（下限元, 比例），收到 ${width} 列`,
      `tiers must be a two-column range (lower bound in yuan, rate); got ${width} column(s)`,
    );
  }
  const tiers: Tier[] = [];
  const rowOf: number[] = []; // 1-based row in the range of each tier
  for (let r = 0; r < g.length; r++) {
    const [a, b] = g[r];
    if (isBlank(a) && isBlank(b)) continue;
    if (r === 0 && isHeader(a) && isHeader(b)) continue;
    const at = `（第 ${r + 1} 行）`;
    const atEn = ` (row ${r + 1} of tiers)`;
    const from = readYuan(a, FROM);
    if (from instanceof FnError) return invalid(from.zh + at, from.en + atEn);
    const rate = readTierRate(b);
    if (rate instanceof FnError) return invalid(rate.zh + at, rate.en + atEn);
    tiers.push({ from, rate });
    rowOf.push(r + 1);
  }
  if (tiers.length === 0) return invalid("提成阶梯区域没有任何阶梯", "the tiers range holds no tier");
  // The rules sheet's own tier rule (core tierProblems): first tier at 0, ascending, each rate in
  // the commission tier's plausible range. A formula has no place for a warning (falling rates).
  const p = tierProblems(tiers).find((x) => x.severity === "error");
  if (p) {
    const row = rowOf[p.index];
    return invalid(`提成阶梯第 ${row} 行：${p.zh}`, `tiers row ${row}: ${p.en}`);
  }
  return tiers;
}

/** The form of a tier rate only (0.02, "2%"); its range is the tier rule's, checked with the table. */
function readTierRate(v: Scalar): number | FnError {
  if (isBlank(v)) return emptyError(RATE);
  const r = typeof v === "number" || typeof v === "string" ? rateFraction(v) : null;
  if (r === null) return invalid(`${RATE.zh} ${quote(v)} 不是比例（如 0.02 或 2%）`, `${RATE.en} ${quote(v)} is not a rate (e.g. 0.02 or 2%)`);
  return r;
}

function isHeader(v: Scalar): boolean {
  if (typeof v !== "string" || isBlank(v)) return false;
  return readYuan(v, FROM) instanceof FnError && rateFraction(v) === null;
}

/**
 * 全额 (whole amount at the tier reached, the default) or 超额 (each slice at its rate): the words
 * of core's COMMISSION_MODE_WORDS, the same the rules sheet accepts for `commission.mode`.
 */
export function readMode(v: unknown): CommissionMode | FnError {
  const s = single(v);
  if (isBlank(s)) return "whole";
  const mode = commissionMode(s);
  if (mode) return mode;
  return invalid(
    `提成方式 ${quote(s)} 无法识别，应为 ${COMMISSION_MODE_WORDS.whole.map((w) => `"${w}"`).join("、")}（全额累进）或 ${COMMISSION_MODE_WORDS.marginal.map((w) => `"${w}"`).join("、")}（超额累进）`,
    `commission mode ${quote(s)} is not known; use "whole" (全额) or "marginal" (超额)`,
  );
}
