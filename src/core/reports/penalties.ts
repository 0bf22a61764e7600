/**
 * Penalty ledger (罚款台账): one row per violation — lateness and early leave from attendance,
 * everything else from the incidents sheet — with its occurrence within the calendar month per
 * agent per rule, the escalated amount, and a stable id.
 *
 * Ids come from content: `P-<rule>-<agent>-<yyyymmdd>[-<order>][-<n>]`, n being the ordinal among
 * violations with the very same rule, agent, date and order (in content order, then sheet
 * order). Inserting rows elsewhere in a source therefore never changes an id, and a waiver keyed
 * by id survives every rebuild. Waived rows stay in the ledger with their id and count 0.
 */
import type { Cents, DateStr, Incident, SourceRef } from "../model";
import type { Problem } from "../problems";
import { problem } from "../problems";
import { fineFor, resolveRuleKey } from "../rules/fines";
import { RULE_KEYS, type RuleKey, type Rules } from "../rules/types";
import type { JudgedDay } from "./attendance";
import { describeShift } from "./attendance";
import { formatYuan } from "../rules/money";
import { isRewardKind } from "./pay/rewards";
import { idPart, Ordinals } from "./ids";
import type { Identity } from "./identity";
import { compareCodes, compareSources, compareText } from "./order";
import type { AgentRef, ManagerState, PenaltyRow } from "./types";

/** One violation before the ledger numbers it. */
export interface Violation {
  rule: RuleKey;
  agent: string;
  date: DateStr;
  orderId: string | null;
  loss: Cents | null;
  source: SourceRef;
  /** What happened, zh / en (minutes late, the incident's remark …). */
  detail: string;
  id: string;
}

const RULE_INDEX = new Map<string, number>(RULE_KEYS.map((k, i) => [k, i]));

function compareViolations(a: Violation, b: Violation): number {
  return (
    compareCodes(a.agent, b.agent) ||
    RULE_INDEX.get(a.rule)! - RULE_INDEX.get(b.rule)! ||
    compareText(a.date, b.date) ||
    compareText(a.orderId ?? "", b.orderId ?? "") ||
    (a.loss ?? -1) - (b.loss ?? -1) ||
    compareText(a.detail, b.detail) ||
    compareSources(a.source, b.source)
  );
}

/** Sorts violations by content and gives each its stable id (in place; returns the list). */
export function assignIds(list: Violation[]): Violation[] {
  list.sort(compareViolations);
  const ordinals = new Ordinals();
  for (const v of list) {
    const key = `P-${v.rule}-${idPart(v.agent)}-${v.date.replace(/-/g, "")}${v.orderId ? "-" + idPart(v.orderId) : ""}`;
    const n = ordinals.next(key);
    v.id = n === 1 ? key : `${key}-${n}`;
  }
  return list;
}

/** Violations recorded in the incidents sheet (all dates; the ledger keeps the month's). */
export function incidentViolations(
  incidents: readonly Incident[],
  identity: Identity,
  rules: Rules,
  problems: Problem[],
): Violation[] {
  const out: Violation[] = [];
  for (const inc of incidents) {
    if (isRewardKind(inc.rule)) continue; // a reward, paid by the pay report
    const at = { file: inc.source.file, sheet: inc.source.sheet, row: inc.source.row };
    const rule: RuleKey | null = RULE_INDEX.has(inc.rule) ? (inc.rule as RuleKey) : resolveRuleKey(inc.rule, rules.fines);
    if (rule === null) {
      problems.push(
        problem("warning", "incident.rule.unknown", { ...at, column: "类型" }, inc.rule, "违规类型不在规则表中，未计罚款", "The violation kind is not in the rules sheet; no fine recorded"),
      );
      continue;
    }
    const agent = identity.resolve(inc.agentKey);
    if (agent === null) {
      problems.push(problem("warning", "incident.agent.missing", { ...at, column: "客服" }, inc.agentKey, "违规记录没有客服，未计罚款", "The incident names no agent; no fine recorded"));
      continue;
    }
    const r = rules.fines[rule];
    if (inc.loss !== null && inc.loss > 0 && r.lossThreshold === null) {
      problems.push(
        problem(
          "warning",
          "incident.loss.ignored",
          { ...at, column: "损失金额" },
          formatYuan(inc.loss),
          `违规类型“${r.label}”不按损失计罚（规则表未设损失阈值），损失金额未计入罚款；如为备注错误请写“备注错误”`,
          `The kind "${r.labelEn}" is not fined by the loss (no loss threshold in the rules sheet); the loss amount is ignored — write 备注错误 for a note error`,
        ),
      );
    }
    const parts = [r.label + (inc.remark ? `：${inc.remark}` : "")];
    if (inc.loss !== null) parts.push(`损失 ${formatYuan(inc.loss)} / loss ${formatYuan(inc.loss)}`);
    out.push({ rule, agent, date: inc.date, orderId: inc.orderId?.trim() || null, loss: inc.loss, source: inc.source, detail: parts.join("；"), id: "" });
  }
  return out;
}

/** Lateness (迟到 / 严重迟到) and early leave (早退) from judged attendance days. */
export function attendanceViolations(days: readonly JudgedDay[]): Violation[] {
  const out: Violation[] = [];
  for (const d of days) {
    const shift = d.shift ? `（${describeShift(d.shift)}）` : "";
    const source = d.fromExport ? "考勤结果 / export verdict" : "按打卡计算 / from punch times";
    if (d.late) {
      const min = d.lateMinutes !== null ? ` ${d.lateMinutes} 分钟` : "";
      const minEn = d.lateMinutes !== null ? ` ${d.lateMinutes} min` : "";
      const rule: RuleKey = d.seriousLate ? "serious_late" : "late";
      const zh = d.seriousLate ? "严重迟到" : "迟到";
      const en = d.seriousLate ? "seriously late" : "late";
      out.push({ rule, agent: d.agent, date: d.date, orderId: null, loss: null, source: d.source, detail: `${zh}${min}${shift} / ${en}${minEn}; ${source}`, id: "" });
    }
    if (d.early) {
      const min = d.earlyMinutes !== null ? ` ${d.earlyMinutes} 分钟` : "";
      const minEn = d.earlyMinutes !== null ? ` ${d.earlyMinutes} min` : "";
      out.push({ rule: "early", agent: d.agent, date: d.date, orderId: null, loss: null, source: d.source, detail: `早退${min}${shift} / left early${minEn}; ${source}`, id: "" });
    }
  }
  return out;
}

export interface Ledger {
  rows: PenaltyRow[];
  fund: Cents;
}

/**
 * The month's ledger from id-carrying violations of that month: occurrence per agent per rule
 * in date order, the fine by the rules, the manager's waiver and remark by id.
 */
export function buildLedger(
  monthViolations: readonly Violation[],
  rules: Rules,
  agents: ReadonlyMap<string, AgentRef>,
  manager: ManagerState,
): Ledger {
  const list = monthViolations.slice().sort(compareViolations);
  const occurrence = new Map<string, number>();
  const rows: PenaltyRow[] = [];
  let fund = 0;
  for (const v of list) {
    const k = `${v.agent}\u0000${v.rule}`;
    const n = (occurrence.get(k) ?? 0) + 1;
    occurrence.set(k, n);
    const rule = rules.fines[v.rule];
    const { amount, dismissal } = fineFor(rule, n, v.loss);
    const m = manager[v.id] ?? {};
    const waived = m.waived === true;
    const effective = waived ? 0 : amount;
    fund += effective;
    rows.push({
      id: v.id,
      date: v.date,
      agent: agents.get(v.agent)!,
      rule: v.rule,
      ruleLabel: rule.label,
      occurrence: n,
      amount,
      dismissal,
      waived,
      remark: m.remark ?? "",
      effective,
      orderId: v.orderId,
      source: v.source,
      detail: dismissal ? `${v.detail}；第${n}次，自动离职 / occurrence ${n}: dismissal` : v.detail,
    });
  }
  rows.sort(
    (a, b) =>
      compareText(a.date, b.date) ||
      compareCodes(a.agent.staffNo, b.agent.staffNo) ||
      RULE_INDEX.get(a.rule)! - RULE_INDEX.get(b.rule)! ||
      a.occurrence - b.occurrence,
  );
  return { rows, fund };
}
