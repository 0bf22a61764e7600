/**
 * 底薪 — base pay: the month's base (the probation base, by calendar days, until 试用期至),
 * × min(1, days worked ÷ the month's full schedule) when 底薪折算 = 按出勤; the whole base when
 * 不折算. A full month without absence pays exactly the base.
 */
import { divRoundHalfUp } from "../../rules/money";
import { shortDate } from "../calendar";
import { item, y, type AgentMonth, type PayItem } from "./types";

/** The month's base before proration: the probation base for the probation's calendar days. */
function monthlyBase(a: AgentMonth, monthDays: number): number {
  const pay = a.rules.pay;
  const pd = a.schedule.probationDays;
  if (pd === 0 || pay.probationBase === null || pay.probationBase === pay.base) return pay.base;
  const num = BigInt(pay.probationBase) * BigInt(pd) + BigInt(pay.base) * BigInt(monthDays - pd);
  return Number(divRoundHalfUp(num, BigInt(monthDays)));
}

export function basePay(a: AgentMonth, monthDays: number): PayItem {
  const s = a.schedule;
  const base = monthlyBase(a, monthDays);
  const probation =
    base !== a.rules.pay.base && a.roster?.probationUntil
      ? { zh: `（含试用期至 ${shortDate(a.roster.probationUntil)}）`, en: ` (probation until ${shortDate(a.roster.probationUntil)})` }
      : { zh: "", en: "" };
  if (a.rules.pay.baseProration === "none") {
    return item(base, `底薪 ${y(base)}${probation.zh}（不折算）`, `base pay ${y(base)}${probation.en} (not prorated)`);
  }
  if (s.fullSchedule > 0 && s.workedDays >= s.fullSchedule) {
    return item(base, `底薪 ${y(base)}${probation.zh}`, `base pay ${y(base)}${probation.en}`);
  }
  const amount = s.fullSchedule > 0 ? Number(divRoundHalfUp(BigInt(base) * BigInt(s.workedDays), BigInt(s.fullSchedule))) : 0;
  return item(
    amount,
    `底薪 ${y(base)}${probation.zh} × 出勤 ${s.workedDays} ÷ 满勤 ${s.fullSchedule} 天 = ${y(amount)}`,
    `base pay ${y(base)}${probation.en} × ${s.workedDays} days worked ÷ full schedule ${s.fullSchedule} = ${y(amount)}`,
  );
}
