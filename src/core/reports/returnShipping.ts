/**
 * Return-shipping reimbursements (退货运费补贴), handbooks 002 / 004: a quality return's postage
 * is refunded at 5 yuan from a near province (江浙沪) and 12 from elsewhere — or the claimed fee
 * when the sheet gives one — never above 15 without a manager's approval; an exchange's postage is
 * split half-half; a no-reason return within 7 days is the buyer's to pay. Every number and word
 * is in the 规则 sheet's 【运费补贴】 block.
 */
import type { Cents, DateStr, MonthStr, ReturnShippingClaim, SourceRef } from "../model";
import { mulRate } from "../rules/money";
import type { ReturnShippingRules } from "../rules/types";

export type ShippingKind = "quality" | "exchange" | "buyerPays";

export interface ReturnShippingLine {
  date: DateStr;
  orderId: string;
  reason: string;
  province: string;
  kind: ShippingKind;
  claimed: Cents | null;
  /** What the shop pays. */
  amount: Cents;
  /** Why, in Chinese (for the 运费补贴 sheet). */
  why: string;
  source: SourceRef;
}

const y = (c: Cents) => `${(c / 100).toFixed(2).replace(/\.00$/, "")} 元`;

/** What one claim is paid, and why. @example reimbursement({…reason: "质量问题", province: "浙江", claimed: null}, defaultRules().returnShipping).amount // 500 */
export function reimbursement(c: Pick<ReturnShippingClaim, "reason" | "province" | "claimed">, rules: ReturnShippingRules): { kind: ShippingKind; amount: Cents; why: string } {
  if (rules.buyerPaysWords.some((w) => w !== "" && c.reason.includes(w))) return { kind: "buyerPays", amount: 0, why: "七天无理由退货，运费由买家承担" };
  const near = c.province !== "" && rules.nearProvinces.some((p) => p !== "" && c.province.startsWith(p));
  const standard = near ? rules.near : rules.far;
  const where = c.province === "" ? "省份未知，按外省" : near ? `${c.province}（近处）` : `${c.province}（外省）`;
  let fee = c.claimed ?? standard;
  let why = c.claimed !== null ? `申报运费 ${y(c.claimed)}` : `${where}标准 ${y(standard)}`;
  if (fee > rules.cap) {
    fee = rules.cap;
    why += `，超过上限按 ${y(rules.cap)}（更多须主管批准）`;
  }
  if (rules.exchangeWords.some((w) => w !== "" && c.reason.includes(w))) {
    const share = mulRate(fee, rules.exchangeShare);
    return { kind: "exchange", amount: share, why: `换货，店铺承担 ${+(rules.exchangeShare * 100).toFixed(2)}%：${why} → ${y(share)}` };
  }
  return { kind: "quality", amount: fee, why };
}

/** The month's claims, by date then order; those of other months are left out (counted). */
export function buildReturnShipping(claims: readonly ReturnShippingClaim[], rules: ReturnShippingRules, month: MonthStr): { lines: ReturnShippingLine[]; outside: number } {
  let outside = 0;
  const lines: ReturnShippingLine[] = [];
  for (const c of claims) {
    if (c.date.slice(0, 7) !== month) {
      outside++;
      continue;
    }
    const r = reimbursement(c, rules);
    lines.push({ date: c.date, orderId: c.orderId, reason: c.reason, province: c.province, kind: r.kind, claimed: c.claimed, amount: r.amount, why: r.why, source: c.source });
  }
  lines.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : a.source.row - b.source.row));
  return { lines, outside };
}
