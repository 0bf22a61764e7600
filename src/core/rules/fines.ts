/**
 * Fines (罚款): the amount of the n-th violation of a rule in a calendar month, escalation and
 * the dismissal flag (自动离职), and the loss rule (a note error with an actual loss over the
 * threshold is fined the loss itself).
 */
import type { Cents } from "../model";
import { KefuError, problem } from "../problems";
import type { FineRule, RuleKey, Rules } from "./types";
import { RULE_KEYS } from "./types";

/**
 * The fine for the `occurrence`-th (1-based) violation of `rule` in the month.
 * - From `dismissalFrom` on: amount 0 and `dismissal: true` (complaint: the 3rd).
 * - Otherwise `amounts[occurrence − 1]`, the last amount repeating.
 * - When the rule has a loss threshold and `loss` exceeds it, the amount is the loss.
 * @example fineFor(defaultRules().fines.complaint, 2, null) // {amount: 10000, dismissal: false}
 * @example fineFor(defaultRules().fines.complaint, 3, null) // {amount: 0, dismissal: true}
 * @example fineFor(defaultRules().fines.note_error_loss, 1, 80000) // {amount: 80000, dismissal: false}
 */
export function fineFor(rule: FineRule, occurrence: number, loss: Cents | null): { amount: Cents; dismissal: boolean } {
  if (!Number.isInteger(occurrence) || occurrence < 1) {
    throw new KefuError([
      problem(
        "error",
        "fine.occurrence",
        { file: "", sheet: "" },
        occurrence,
        `第几次违规须为 ≥1 的整数（规则 ${rule.label}）`,
        `The occurrence must be a whole number ≥ 1 (rule ${rule.labelEn})`,
      ),
    ]);
  }
  if (rule.dismissalFrom !== null && occurrence >= rule.dismissalFrom) return { amount: 0, dismissal: true };
  const amounts = rule.amounts;
  let amount = amounts.length === 0 ? 0 : amounts[Math.min(occurrence, amounts.length) - 1];
  if (rule.lossThreshold !== null && loss !== null && loss > rule.lossThreshold) amount = loss;
  return { amount, dismissal: false };
}

const norm = (s: string): string =>
  s
    .normalize("NFKC")
    .replace(/[\s()（）【】\[\]]/g, "")
    .toLowerCase();

/**
 * Resolves how an incidents sheet names a rule — its key (`complaint`), its label (投诉), an
 * alias (客户投诉), ignoring spaces, brackets and width — to the rule key; null when unknown.
 */
export function resolveRuleKey(text: string, fines: Rules["fines"]): RuleKey | null {
  const t = norm(text);
  if (t === "") return null;
  for (const key of RULE_KEYS) {
    const r = fines[key];
    if (norm(key) === t || norm(r.label) === t || norm(r.labelEn) === t) return key;
    if (r.aliases.some((a) => norm(a) === t)) return key;
  }
  return null;
}
