/**
 * The commission table as a formula argument: a two-column range (lower bound in yuan, rate),
 * as the rules sheet (规则) lays it out, and the mode word (全额 / 超额).
 */
import { defaultRules } from "../core";
import type { CommissionMode, Tier } from "../core";
import { arg, readRateArg, readYuan, textOfCell } from "./args";
import { FnError, invalid, isBlank, omitted, quote, single, toGrid, type Scalar } from "./values";

/** The handbook's table (domain.md): < 20,000: 0; 1%; 2%; 2.5%; ≥ 100,000: 2.8%. */
export const HANDBOOK_TIERS: Tier[] = defaultRules().commission.tiers;

const FROM = arg("阶梯下限", "tier lower bound");
const RATE = arg("阶梯比例", "tier rate");

/**
 * Tiers from a range: one row per tier, ascending lower bounds, blank rows ignored; a first row
 * of text (下限 | 比例) is taken as a header. Omitted → the handbook's table.
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
  for (let r = 0; r < g.length; r++) {
    const [a, b] = g[r];
    if (isBlank(a) && isBlank(b)) continue;
    if (r === 0 && isHeader(a) && isHeader(b)) continue;
    const at = `（第 ${r + 1} 行）`;
    const atEn = ` (row ${r + 1} of tiers)`;
    const from = readYuan(a, FROM);
    if (from instanceof FnError) return invalid(from.zh + at, from.en + atEn);
    const rate = readRateArg(b, RATE);
    if (rate instanceof FnError) return invalid(rate.zh + at, rate.en + atEn);
    const prev = tiers[tiers.length - 1];
    if (prev && from <= prev.from) {
      return invalid(
        `提成阶梯下限须从小到大排列：第 ${r + 1} 行的 ${quote(a)} 不大于上一行`,
        `tier lower bounds must be in ascending order: row ${r + 1} (${quote(a)}) is not above the row before`,
      );
    }
    tiers.push({ from, rate });
  }
  if (tiers.length === 0) return invalid("提成阶梯区域没有任何阶梯", "the tiers range holds no tier");
  return tiers;
}

function isHeader(v: Scalar): boolean {
  if (typeof v !== "string" || isBlank(v)) return false;
  return readYuan(v, FROM) instanceof FnError && readRateArg(v, RATE) instanceof FnError;
}

const WHOLE = new Set(["whole", "全额", "全额累进", "全额提成", "1"]);
const MARGINAL = new Set(["marginal", "超额", "超额累进", "分段", "分段累进", "excess", "2"]);

/** 全额 (whole amount at the tier reached, the default) or 超额 (each slice at its rate). */
export function readMode(v: unknown): CommissionMode | FnError {
  const s = single(v);
  if (isBlank(s)) return "whole";
  const t = textOfCell(s).toLowerCase();
  if (WHOLE.has(t)) return "whole";
  if (MARGINAL.has(t)) return "marginal";
  return invalid(
    `提成方式 ${quote(s)} 无法识别，应为 "全额"（全额累进）或 "超额"（超额累进）`,
    `commission mode ${quote(s)} is not known; use "whole" (全额) or "marginal" (超额)`,
  );
}
