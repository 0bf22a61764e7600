/**
 * 罚款台账 — one row per violation, the manager's 免罚 / 备注 columns, the amount that counts as a
 * live formula of the two, totals per agent (SUMIFS) and the 部门基金 balance (SUM).
 */
import type { AgentRef, MonthReport, PenaltyRow } from "../reports/types";
import type { Cell } from "../import/types";
import { BlockCursor, TableRef, cellText, formula, isPlainCriterion, yuan } from "./layout";
import { SHEET_NAMES, yesMark } from "./names";
import { sourceText } from "./orders";
import type { BlockSpec, ColumnSpec, SheetSpec, SpecCell } from "./types";

export const PENALTY_COLUMNS: ColumnSpec[] = [
  { key: "id", header: "编号 Id", format: "text", width: 18 },
  { key: "date", header: "日期 Date", format: "date", width: 12 },
  { key: "agent", header: "工号 Agent", format: "text", width: 10 },
  { key: "name", header: "姓名 Name", format: "text", width: 10 },
  { key: "ruleLabel", header: "规则 Rule", format: "text", width: 16 },
  { key: "occurrence", header: "本月第几次 Occurrence", format: "int", width: 10 },
  { key: "amount", header: "罚款 Amount", format: "money", width: 12, handEdit: { grounds: ["ruleLabel", "occurrence", "detail"], use: ["waived", "remark"] } },
  { key: "dismissal", header: "自动离职 Dismissal", format: "text", width: 10 },
  { key: "orderId", header: "订单编号 Order id", format: "text", width: 22 },
  { key: "source", header: "来源 Source", format: "text", width: 16 },
  { key: "file", header: "来源文件 File", format: "text", width: 20 },
  { key: "detail", header: "说明 Detail", format: "text", width: 30 },
  { key: "waived", header: "免罚 Waived (填 是)", format: "text", width: 10, manager: true, allowed: ["是"] },
  { key: "remark", header: "备注 Remark", format: "text", width: 24, manager: true },
  { key: "effective", header: "实计 Effective", format: "money", width: 12 },
];

/**
 * What a manager may type in 免罚 to waive a fine (matched without regard to case, as COUNTIFS
 * does). The effective-amount formula and the hosts reading the column back use this one list.
 */
export const WAIVED_MARKS = ["是", "Y", "YES"] as const;
export const WAIVED_MARK = WAIVED_MARKS[0];

/** Whether a 免罚 cell, as read back from a sheet, waives the fine. */
export function isWaivedMark(cell: Cell): boolean {
  if (typeof cell !== "string") return false;
  const up = cell.toUpperCase();
  return WAIVED_MARKS.some((m) => m === up);
}

/** How many waiving marks the 免罚 cell `w` holds (0 or 1), as a formula: the ledger's and the pay slip's one test. */
export function waivedCount(w: string): string {
  return WAIVED_MARKS.map((m) => `COUNTIFS(${w},"${m}")`).join("+");
}

function effectiveFormula(t: TableRef, row: number): string {
  return `${t.cell("amount", row)}*(${waivedCount(t.cell("waived", row))}=0)`;
}

function penaltyRow(p: PenaltyRow, t: TableRef, row: number): SpecCell[] {
  return [
    p.id,
    { date: p.date },
    cellText(p.agent.staffNo),
    cellText(p.agent.name),
    cellText(p.ruleLabel),
    p.occurrence,
    yuan(p.amount),
    yesMark(p.dismissal),
    p.orderId === null ? "" : p.orderId,
    cellText(sourceText(p.source)),
    cellText(p.source.file),
    cellText(p.detail),
    p.waived ? WAIVED_MARK : "",
    cellText(p.remark),
    formula(effectiveFormula(t, row), yuan(p.effective)),
  ];
}

/** Agents with at least one penalty, in the report's agent order, then any not listed there. */
function penalisedAgents(report: MonthReport): AgentRef[] {
  const byCode = new Map<string, AgentRef>();
  const has = new Set(report.penalties.map((p) => p.agent.staffNo));
  for (const a of report.agents) if (has.has(a.staffNo) && !byCode.has(a.staffNo)) byCode.set(a.staffNo, a);
  for (const p of report.penalties) if (!byCode.has(p.agent.staffNo)) byCode.set(p.agent.staffNo, p.agent);
  return [...byCode.values()];
}

export function buildPenaltiesSheet(report: MonthReport, t: TableRef): SheetSpec {
  const rows = report.penalties.map((p, i) => penaltyRow(p, t, t.firstRow + i));
  const width = PENALTY_COLUMNS.length;
  const blank = (): SpecCell[] => new Array(width).fill(null);

  let amount = 0;
  for (const p of report.penalties) amount += p.amount;
  const total = blank();
  total[0] = "部门基金 Department fund";
  total[t.col("amount")] = formula(`SUM(${t.range("amount", false)})`, yuan(amount));
  total[t.col("effective")] = formula(`SUM(${t.range("effective", false)})`, yuan(report.fund));

  const agents = penalisedAgents(report);
  const cursor = new BlockCursor(rows.length);
  cursor.place(undefined, 1);
  const perAgentTitle = "按客服汇总 Totals per agent";
  const first = cursor.place(perAgentTitle, agents.length + 1) + 1; // + its header row
  const header = blank();
  header[0] = "汇总 Per agent";
  header[t.col("agent")] = "工号 Agent";
  header[t.col("name")] = "姓名 Name";
  header[t.col("occurrence")] = "次数 Count";
  header[t.col("amount")] = "罚款 Amount";
  header[t.col("effective")] = "实计 Effective";
  const perAgent: SpecCell[][] = [header];
  const sums = new Map<string, { count: number; amount: number; effective: number }>();
  for (const p of report.penalties) {
    const m = sums.get(p.agent.staffNo) ?? { count: 0, amount: 0, effective: 0 };
    m.count++;
    m.amount += p.amount;
    m.effective += p.effective;
    sums.set(p.agent.staffNo, m);
  }
  agents.forEach((a, i) => {
    const row = first + i;
    const { count, amount: amt, effective: eff } = sums.get(a.staffNo)!;
    const cells = blank();
    cells[t.col("agent")] = cellText(a.staffNo);
    cells[t.col("name")] = cellText(a.name);
    const live = isPlainCriterion(a.staffNo);
    const by = `${t.range("agent", false)},${t.cell("agent", row)}`;
    cells[t.col("occurrence")] = live ? formula(`COUNTIFS(${by})`, count) : count;
    cells[t.col("amount")] = live ? formula(`SUMIFS(${t.range("amount", false)},${by})`, yuan(amt)) : yuan(amt);
    cells[t.col("effective")] = live ? formula(`SUMIFS(${t.range("effective", false)},${by})`, yuan(eff)) : yuan(eff);
    perAgent.push(cells);
  });

  const blocks: BlockSpec[] = [
    { rows: [total], style: "total" },
    { title: perAgentTitle, rows: perAgent, style: "total" },
  ];
  const s = SHEET_NAMES.penalties;
  return {
    key: "penalties",
    name: s.name,
    nameEn: s.nameEn,
    title: `${s.name} ${report.month}`,
    subtitle: `${s.nameEn} · ${report.month} · 罚款全部进入部门基金 all fines go to the department fund · 免罚填「是」 type 是 to waive`,
    tabColor: s.tabColor,
    columns: PENALTY_COLUMNS,
    rows,
    idColumn: 0,
    blocks,
    freeze: { rows: 3, columns: 1 },
    autoFilter: true,
  };
}
