/**
 * A pay item (工资项): one function per item, each returning its amount and the short reason a
 * manager and an agent read, in Chinese and English. The commission report composes them.
 */
import type { Agent, Cents } from "../../model";
import type { Rules } from "../../rules/types";
import { formatYuan } from "../../rules/money";
import type { AttendanceSummary } from "../attendance";
import type { OrderTotals } from "../ordertable";
import type { AgentRef, PenaltyRow } from "../types";
import type { Schedule } from "./schedule";

export interface PayItem {
  amount: Cents;
  reason: { zh: string; en: string };
}

/** Everything one agent's pay items read. */
export interface AgentMonth {
  agent: AgentRef;
  /** The roster row (employment dates, probation), null for an agent seen only in a source. */
  roster: Agent | null;
  att: AttendanceSummary;
  schedule: Schedule;
  totals: OrderTotals;
  /** The agent's penalty rows of the month (waived ones included). */
  fines: PenaltyRow[];
  /** Monthly target (the roster's, else the rules' default). */
  target: Cents;
  rules: Rules;
}

export const y = formatYuan;
export const pct = (r: number): string => `${+(r * 100).toFixed(4)}%`;
export const item = (amount: Cents, zh: string, en: string): PayItem => ({ amount, reason: { zh, en } });

/** Up to six items, then "and n more". */
export function listed(items: string[], sep: string, more: (n: number) => string): string {
  return items.length <= 6 ? items.join(sep) : items.slice(0, 6).join(sep) + sep + more(items.length - 6);
}
