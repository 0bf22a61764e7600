/** 提成 — commission on collected sales at the tier reached (whole or marginal; by amount or count). */
import type { Cents } from "../../model";
import { commissionFor } from "../../rules/commission";
import type { CommissionRules } from "../../rules/types";
import { pct, y, type PayItem } from "./types";

export function commissionPay(collected: Cents, orders: number, c: CommissionRules): PayItem & { rate: number } {
  const { rate, commission } = commissionFor(collected, orders, c);
  const basisZh = c.basis === "count" ? `订单 ${orders} 单` : `回款 ${y(collected)}`;
  const basisEn = c.basis === "count" ? `${orders} orders` : `collected ${y(collected)}`;
  return {
    amount: commission,
    rate,
    reason: {
      zh: `提成 ${y(commission)}：${basisZh} 达到 ${pct(rate)} 档，${c.mode === "whole" ? `全额 ${y(collected)} × ${pct(rate)}` : "超额累进逐段计算"}`,
      en: `commission ${y(commission)}: ${basisEn} reach the ${pct(rate)} tier, ${c.mode === "whole" ? `whole amount ${y(collected)} × ${pct(rate)}` : "marginal, slice by slice"}`,
    },
  };
}
