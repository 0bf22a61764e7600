/**
 * 奖励 — rewards recorded in the incidents sheet, paid as their own line: 带教奖励 (trainer reward,
 * handbook 001) with 第一名 / 第二名 / 第三名 in the note → the rules' 150 / 100 / 50; any other
 * 奖励 with its amount in the amount column (损失金额). A reward row is never a fine.
 */
import type { Cents, DateStr, Incident, SourceRef } from "../../model";
import { problem, type Problem } from "../../problems";
import type { PayRules } from "../../rules/types";
import { shortDate } from "../calendar";
import { item, y, type PayItem } from "./types";

export interface Reward {
  agent: string;
  date: DateStr;
  amount: Cents;
  /** "带教奖励 第一名" / the row's kind and note. */
  what: string;
  source: SourceRef;
}

/** Is the incidents row's 类型 a reward (带教奖励, 奖励, 好评奖励 …)? */
export function isRewardKind(kind: string): boolean {
  return kind.normalize("NFKC").includes("奖励");
}

const PLACES: [RegExp, number][] = [
  [/第\s*[一1]\s*名|冠军/, 0],
  [/第\s*[二2]\s*名|亚军/, 1],
  [/第\s*[三3]\s*名|季军/, 2],
];

/**
 * The month's rewards from the incidents; a reward whose amount cannot be told is a located warning.
 * `resolve` maps the row's 客服 to a staff number (null: unknown agent).
 */
export function rewardsOf(
  incidents: readonly Incident[],
  inMonth: (d: DateStr) => boolean,
  resolve: (key: string) => string | null,
  pay: Pick<PayRules, "trainerRewards">,
  problems: Problem[],
): Reward[] {
  const out: Reward[] = [];
  for (const inc of incidents) {
    if (!isRewardKind(inc.rule) || !inMonth(inc.date)) continue;
    const at = { file: inc.source.file, sheet: inc.source.sheet, row: inc.source.row };
    const agent = resolve(inc.agentKey);
    if (agent === null) {
      problems.push(problem("warning", "reward.agent.missing", { ...at, column: "客服" }, inc.agentKey, "奖励记录的客服无法对应到花名册，未发放", "The reward's agent matches nobody; not paid"));
      continue;
    }
    const trainer = inc.rule.includes("带教");
    const place = trainer ? PLACES.find(([re]) => re.test(inc.remark)) : undefined;
    let amount: Cents | null = null;
    let what = inc.rule;
    if (inc.loss !== null && inc.loss > 0) amount = inc.loss;
    else if (place) {
      amount = pay.trainerRewards[place[1]];
      what = `${inc.rule} 第${"一二三"[place[1]]}名`;
    }
    if (amount === null) {
      problems.push(
        problem(
          "warning",
          "reward.amount.missing",
          { ...at, column: trainer ? "备注" : "损失金额" },
          inc.remark || inc.rule,
          trainer ? "带教奖励需在备注写明 第一名/第二名/第三名，或在金额列填写金额；未发放" : "奖励需在金额列（损失金额）填写金额；未发放",
          trainer ? "A trainer reward needs 第一名 / 第二名 / 第三名 in the note, or an amount; not paid" : "A reward needs its amount in the amount column (损失金额); not paid",
        ),
      );
      continue;
    }
    out.push({ agent, date: inc.date, amount, what: inc.remark && !place ? `${what}：${inc.remark}` : what, source: inc.source });
  }
  return out;
}

export function rewardsPay(rewards: readonly Reward[]): PayItem {
  const total = rewards.reduce((s, r) => s + r.amount, 0);
  const zh = rewards.map((r) => `${shortDate(r.date)} ${r.what} ${y(r.amount)}`).join("、");
  const en = rewards.map((r) => `${r.what} on ${shortDate(r.date)} ${y(r.amount)}`).join(", ");
  return item(total, `奖励 ${y(total)}：${zh}`, `rewards ${y(total)}: ${en}`);
}
