/**
 * Order attribution (订单归属): to whom an order belongs — the code in the note (first code by
 * default), else the ERP 业务员 column.
 */
import type { Order, WallTime } from "../model";
import { AgentMatcher, type CodeMatch } from "../rules/attribution";
import type { Rules } from "../rules/types";
import type { Identity } from "./identity";

export class OrderAttributor {
  private readonly matcher: AgentMatcher;
  constructor(
    private readonly identity: Identity,
    rules: Rules["attribution"],
  ) {
    this.matcher = new AgentMatcher(identity.codeEntries(rules.matchNames), rules.mode, rules.pattern);
  }

  /** The note's code first; the 业务员 column only when the note names nobody. */
  attribute(order: Order): CodeMatch {
    const agent = this.find(order);
    return agent === null ? { agent: null, matched: "", others: [] } : { agent, matched: this.matched, others: this.others };
  }

  /** The text behind the last `find`. */
  matched = "";
  others: string[] = [];

  /** `attribute` without a result object, for the million-order scan. */
  find(order: Order): string | null {
    const agent = this.matcher.find(order.note);
    this.matched = this.matcher.lastMatched;
    this.others = this.matcher.lastOthers;
    if (agent !== null || !order.salesperson) return agent;
    const byColumn = this.identity.resolve(order.salesperson);
    if (byColumn !== null) this.matched = `业务员:${order.salesperson}`;
    return byColumn;
  }
}

/** The time that places an order in a month under the rules' date basis. */
export function basisTime(o: Order, rules: Rules["sales"]): WallTime | null {
  return rules.dateBasis === "confirmed" ? o.confirmedAt : o.paidAt;
}
