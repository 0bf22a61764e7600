/**
 * Incidents (违规记录): what the manager records — 日期, 客服, 类型, 订单编号, 损失金额, 备注 →
 * `Incident`s. 类型 may be a rule's Chinese label, one of its aliases, its English label or its
 * key (`complaint`, `off_task` …); unknown text is kept as written with a warning, so the
 * manager can add it to the rules sheet.
 */
import type { Incident } from "../model";
import { defaultRules } from "../rules/defaults";
import type { Rules } from "../rules/types";
import { codeOf, dateOf, parseOrderId, readDateTime, textOf, toHalfWidth } from "./cells";
import { colOf, EXPECT, rowBlank, type KindReader, type SheetContext } from "./context";
import type { Cell, Recognition } from "./types";
import { isRewardKind } from "../reports/pay/rewards";

function ruleName(s: string): string {
  return toHalfWidth(s).replace(/[\s\u00a0]+/g, "").toLowerCase();
}

let defaultIndex: Map<string, string> | null = null;

/** Label / alias / English label / key → rule key, for the given rules (default: the handbook's). */
export function ruleIndex(rules?: Rules): Map<string, string> {
  if (!rules && defaultIndex) return defaultIndex;
  const index = new Map<string, string>();
  const fines = (rules ?? defaultRules()).fines;
  for (const rule of Object.values(fines)) {
    for (const name of [rule.key, rule.label, rule.labelEn, ...rule.aliases]) {
      const k = ruleName(name);
      if (!index.has(k)) index.set(k, rule.key);
    }
  }
  if (!rules) defaultIndex = index;
  return index;
}

/** 类型 → rule key, or null when unknown. @example resolveRule("客户投诉") // "complaint" */
export function resolveRule(text: string, rules?: Rules): string | null {
  return ruleIndex(rules).get(ruleName(text)) ?? null;
}

export function createIncidentsReader(ctx: SheetContext, rec: Recognition): KindReader {
  const c = rec.columns;
  const iDate = colOf(c, "date");
  const iAgent = colOf(c, "agent");
  const iRule = colOf(c, "rule");
  const iOrder = colOf(c, "orderId");
  const iLoss = colOf(c, "loss");
  const iRemark = colOf(c, "remark");
  const columns = [iDate, iAgent, iRule, iOrder, iLoss, iRemark].filter((i) => i >= 0);
  const out = ctx.data.incidents;

  return {
    columns,
    read(row: Cell[], rowNo: number): boolean {
      if (rowBlank(row, columns)) return false;
      const t = readDateTime(row[iDate]);
      if (t === null || isNaN(t)) {
        ctx.bad("error", t === null ? "incident.date.missing" : "incident.date.invalid", rowNo, iDate, row[iDate], EXPECT.date, true);
        return true;
      }
      const agentKey = codeOf(row[iAgent]);
      if (agentKey === "") {
        ctx.cell("error", "incident.agent.missing", rowNo, iAgent, "", "缺少客服（工号或姓名）；该行未导入", "the agent (staff number or name) is missing; the row is skipped");
        return true;
      }
      const ruleText = textOf(row[iRule]);
      if (ruleText === "") {
        ctx.cell("error", "incident.rule.missing", rowNo, iRule, "", "缺少违规类型；该行未导入", "the incident type is missing; the row is skipped");
        return true;
      }
      let rule = resolveRule(ruleText);
      // A reward (带教奖励, 奖励 …) is no fine: the pay report reads it (reports/pay/rewards.ts).
      if (rule === null && !isRewardKind(ruleText)) {
        ctx.cell(
          "warning",
          "incident.rule.unknown",
          rowNo,
          iRule,
          ruleText,
          `未知的违规类型「${ruleText}」：应为规则表中的类型名称、别名或代码（如 投诉、complaint）；按原文保留，不计罚款，除非在规则表中添加`,
          `unknown incident type "${ruleText}": expected a rule's label, alias or key from the rules sheet (e.g. 投诉, complaint); kept as written, not fined unless added to the rules sheet`,
        );
        rule = ruleText;
      } else if (rule === null) {
        rule = ruleText;
      }
      let orderId: string | null = null;
      if (iOrder >= 0 && !rowBlank(row, [iOrder])) {
        const id = parseOrderId(row[iOrder]);
        if (id.ok) orderId = id.id;
        else {
          ctx.cell(
            "warning",
            `incident.order.${id.reason}`,
            rowNo,
            iOrder,
            row[iOrder],
            `${id.zh}；订单编号按空值处理，其余照常导入`,
            `${id.en}; the order id is left empty and the rest of the row is kept`,
          );
        }
      }
      const incident: Incident = {
        date: dateOf(t),
        agentKey,
        rule,
        orderId,
        loss: ctx.money(row, iLoss, rowNo, "incident.loss.invalid"),
        remark: iRemark >= 0 ? textOf(row[iRemark]) : "",
        source: { file: ctx.file, sheet: ctx.sheet, row: rowNo },
      };
      out.push(incident);
      return true;
    },
    finish(): void {},
  };
}
