/**
 * Order attribution (订单归属): to whom an order belongs — the code in the note (first code by
 * default), else the ERP 业务员 column.
 */
import type { Order, WallTime } from "../model";
import { problem, type Problem } from "../problems";
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

  /** A code not on the roster written before the one `find` credited (see AgentMatcher.unknownCodeBefore). */
  unknownCodeBefore(order: Order): string | null {
    return this.byColumn ? null : this.matcher.unknownCodeBefore(order.note, this.matched);
  }

  /** The text behind the last `find`. */
  matched = "";
  others: string[] = [];
  /** Whether the last `find` credited through the 业务员 column. */
  byColumn = false;

  /** `attribute` without a result object, for the million-order scan. */
  find(order: Order): string | null {
    const agent = this.matcher.find(order.note);
    this.matched = this.matcher.lastMatched;
    this.others = this.matcher.lastOthers;
    this.byColumn = false;
    if (agent !== null || !order.salesperson) return agent;
    const byColumn = this.identity.resolve(order.salesperson);
    if (byColumn !== null) {
      this.matched = `业务员:${order.salesperson}`;
      this.byColumn = true;
    }
    return byColumn;
  }
}

/** The time that places an order in a month under the rules' date basis. */
export function basisTime(o: Order, rules: Rules["sales"]): WallTime | null {
  return rules.dateBasis === "confirmed" ? o.confirmedAt : o.paidAt;
}

/**
 * The warning for a note that names more than one agent: who was credited, by which rule, and
 * the other codes found — the manager decides whether the order was shared or mis-typed.
 * @example severalAgents(order, "KF01", ["KF02"], "first") // warning "attribution.several_agents"
 */
export function severalAgents(order: Order, matched: string, others: readonly string[], mode: Rules["attribution"]["mode"]): Problem {
  const rule = mode === "last" ? { zh: "按规则取最后写的", en: "the last one written wins by the rules" } : { zh: "按规则取先写的", en: "the first one written wins by the rules" };
  return problem(
    "warning",
    "attribution.several_agents",
    { file: order.source.file, sheet: order.source.sheet, row: order.source.row, column: "订单备注" },
    order.note,
    `订单 ${order.id} 的备注写了多个客服：${[matched, ...others].join("、")}；${rule.zh}，归 ${matched}，请核对`,
    `the note of order ${order.id} names several agents: ${[matched, ...others].join(", ")}; ${rule.en}, so it is credited to ${matched}: please check`,
  );
}

/**
 * The warning for a note whose first code is on no roster row, before the code credited: the
 * order may belong to someone the roster does not list (a departed agent, a typo), so the manager
 * decides.
 * @example unknownCodeFirst(order, "KF09", "KF02") // warning "attribution.unknown_code_first"
 */
export function unknownCodeFirst(order: Order, unknown: string, matched: string): Problem {
  return problem(
    "warning",
    "attribution.unknown_code_first",
    { file: order.source.file, sheet: order.source.sheet, row: order.source.row, column: "订单备注" },
    order.note,
    `订单 ${order.id} 的备注在 ${matched} 之前写了 ${unknown}，花名册中没有这个工号；按规则归先写的花名册工号 ${matched}，请核对（${unknown} 是否为离职或写错的工号）`,
    `the note of order ${order.id} names ${unknown}, which is on no roster row, before ${matched}; by the rules it is credited to ${matched}, the first roster code written: please check whether ${unknown} is a departed agent's code or a typo`,
  );
}
