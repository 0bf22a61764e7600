/**
 * 提成表 — each agent's pay for the month, item by item: days scheduled / worked / absent, base,
 * allowances, bonuses, commission at the tier reached, quarterly and year-end commission, the
 * clawback, rewards, fines, the manager's adjustment and net pay; one short 说明 column per item.
 * Live formulas over the detail sheets and the 规则 sheet: days worked and absent (考勤明细), base
 * (规则), base paid and lunch (days worked, 规则's rates, 底薪折算 and probation base), the
 * full-attendance bonus (考勤明细), the execution bonus and fines (罚款台账, so a waiver gives both
 * back), collected and orders (订单明细), the performance bonus and position allowance, the tier
 * rate and the commission (whole or marginal), and net pay over the row.
 */
import type { CommissionRow, MonthReport } from "../reports/types";
import { monthSpan } from "../reports/calendar";
import { enumWords, rulesToRows } from "../rules/sheet";
import { TableRef, cellText, formula, isPlainCriterion, sheetPrefix, yuan } from "./layout";
import { SHEET_NAMES, yesMark } from "./names";
import { defaultPrint } from "./print";
import { shortReason } from "./payslip";
import { WAIVED_MARKS } from "./penalties";
import { FIRST_DATA_ROW, type ColumnSpec, type SheetSpec, type SpecCell } from "./types";

/** The items whose reason gets its own 说明 column: item key, Chinese and English name. */
const REASON_ITEMS: [string, string, string][] = [
  ["base", "底薪", "base"],
  ["schedule", "出勤", "attendance"],
  ["fullAttendance", "全勤", "full attendance"],
  ["performanceBonus", "业绩", "performance"],
  ["executionBonus", "执行", "execution"],
  ["positionAllowance", "职位", "position"],
  ["commission", "提成", "commission"],
  ["quarterly", "季度", "quarterly"],
  ["yearEnd", "年终", "year-end"],
  ["clawback", "追回", "clawback"],
  ["rewards", "奖励", "rewards"],
  ["fines", "罚款", "fines"],
  ["other", "其他", "other"],
];
const REASON_KEYS = new Set(REASON_ITEMS.map(([k]) => k));

/** Each item's short Chinese reason, in its column; what no column names (dismissal, adjustment, roster) under 其他. */
function reasonCells(r: CommissionRow): SpecCell[] {
  const other = r.reasons.filter((x) => !REASON_KEYS.has(x.item)).map((x) => x.zh);
  return REASON_ITEMS.map(([item]) => {
    if (item === "other") return other.length ? cellText(other.join("；")) : null;
    const x = r.reasons.find((y) => y.item === item);
    return x ? cellText(shortReason(x.zh)) : null;
  });
}

/** A pay figure typed over is named on the next build; a lasting change is an adjustment with its remark. */
const payEdit = (why: string, from?: string) => ({ grounds: [why], use: ["adjustment", "remark"], ...(from ? { from } : {}) });

export const COMMISSION_COLUMNS: ColumnSpec[] = [
  { key: "id", header: "编号 Id", format: "text", width: 14 },
  { key: "agent", header: "工号 Agent", format: "text", width: 10 },
  { key: "name", header: "姓名 Name", format: "text", width: 10 },
  { key: "scheduledDays", header: "应出勤 Scheduled", format: "int", width: 9, handEdit: payEdit("why_schedule") },
  { key: "daysWorked", header: "出勤天数 Days worked", format: "int", width: 9, handEdit: payEdit("why_schedule", SHEET_NAMES.attendance.name) },
  { key: "absentDays", header: "缺勤 Absent", format: "int", width: 8, handEdit: payEdit("why_schedule", SHEET_NAMES.attendance.name) },
  { key: "base", header: "底薪 Base", format: "money", width: 11 },
  { key: "basePay", header: "实发底薪 Base paid", format: "money", width: 11 },
  { key: "lunch", header: "餐补 Lunch", format: "money", width: 10 },
  { key: "fullAttendance", header: "全勤奖 Full attendance", format: "money", width: 11 },
  { key: "performanceBonus", header: "业绩奖 Performance bonus", format: "money", width: 11 },
  { key: "executionBonus", header: "执行奖 Execution bonus", format: "money", width: 11 },
  { key: "positionAllowance", header: "职位补贴 Position allowance", format: "money", width: 11 },
  { key: "collected", header: "回款 Collected", format: "money", width: 13, handEdit: payEdit("why_commission", SHEET_NAMES.orders.name) },
  { key: "orderCount", header: "单数 Orders", format: "int", width: 8 },
  { key: "tierRate", header: "提成比例 Rate", format: "rate", width: 9 },
  { key: "commission", header: "提成 Commission", format: "money", width: 12 },
  { key: "quarterlyCollected", header: "季度回款 Quarter collected", format: "money", width: 13 },
  { key: "quarterly", header: "季度提成 Quarterly", format: "money", width: 11, handEdit: payEdit("why_quarterly") },
  { key: "yearEnd", header: "年终提成 Year-end", format: "money", width: 11, handEdit: payEdit("why_yearEnd") },
  { key: "clawback", header: "追回 Clawback", format: "money", width: 11, handEdit: payEdit("why_clawback") },
  { key: "rewards", header: "奖励 Rewards", format: "money", width: 10, handEdit: payEdit("why_rewards") },
  { key: "fines", header: "罚款 Fines", format: "money", width: 10 },
  { key: "dismissal", header: "自动离职 Dismissal", format: "text", width: 9 },
  { key: "adjustment", header: "调整 Adjustment", format: "money", width: 11, manager: true },
  { key: "remark", header: "备注 Remark", format: "text", width: 20, manager: true },
  { key: "netPay", header: "实发 Net pay", format: "money", width: 13 },
  // 说明: one short column per item (the pay slip has the English beside it).
  ...REASON_ITEMS.map(([item, zh, en]): ColumnSpec => ({ key: `why_${item}`, header: `说明·${zh} Why: ${en}`, format: "text", width: 24 })),
];

/** Items added to net pay, then the items taken off; the one definition of net pay in the sheet. */
const PAY_PLUS = ["basePay", "lunch", "fullAttendance", "performanceBonus", "executionBonus", "positionAllowance", "commission", "quarterly", "yearEnd", "clawback", "rewards", "adjustment"] as const;
const PAY_MINUS = ["fines"] as const;

/** The 规则 sheet's value cell of a scalar key ("pay.executionBonus"): its rows are rulesToRows' order. */
function rulesCell(rules: MonthReport["rules"], key: string): string | null {
  const i = rulesToRows(rules).slice(1).findIndex((row) => row[1] === key);
  return i < 0 ? null : `${sheetPrefix(SHEET_NAMES.rules.name)}$C$${FIRST_DATA_ROW + i}`;
}

export interface CommissionRefs {
  self: TableRef;
  /** 订单明细, when it holds every counted order (null: values only). */
  orders: TableRef | null;
  penalties: TableRef;
  /** 考勤明细, when the report carries its judged attendance days. */
  attendance: TableRef | null;
}

/** 规则 value cells of the pay rules the bonus formulas read. */
interface RuleCells {
  performanceBonus: string | null;
  executionBonus: string | null;
  positionAllowance: string | null;
  positionThreshold: string | null;
  fullAttendance: string | null;
  base: string | null;
  lunchPerDay: string | null;
  baseProration: string | null;
  probationBase: string | null;
  /** Days in the month (the probation base's calendar-day split). */
  monthDays: number;
  /** The 规则 sheet's commission tiers: lower bound cell and the rate as a number expression. */
  tiers: { from: string; rate: string }[];
  commission: MonthReport["rules"]["commission"];
}

/** The tiers' cells in the 规则 sheet (rates are written as text like "2%"; a typed number counts as is). */
function tierRefs(rules: MonthReport["rules"]): { from: string; rate: string }[] {
  const prefix = sheetPrefix(SHEET_NAMES.rules.name);
  const out: { from: string; rate: string }[] = [];
  rulesToRows(rules).slice(1).forEach((row, i) => {
    if (row[1] !== "commission.tier") return;
    const r = `${prefix}$D$${FIRST_DATA_ROW + i}`;
    out.push({ from: `${prefix}$C$${FIRST_DATA_ROW + i}`, rate: `IF(ISNUMBER(${r}),${r},VALUE(SUBSTITUTE(${r},"%",""))/100)` });
  });
  return out;
}

/**
 * 提成比例 and 提成 live over the row's collected (or order count) and the 规则 sheet's tiers: the
 * rate of the highest tier reached (tiers ascend, as the rules reader requires), capped when the
 * rules cap it; the commission whole (全额: collected × rate) or marginal (超额: each slice at its
 * tier's rate). Values only when the tiers are not the plain ascending list the formula assumes.
 */
function tierCells(r: CommissionRow, refs: CommissionRefs, row: number, rc: RuleCells): SpecCell[] {
  const { self } = refs;
  const c = rc.commission;
  const t = rc.tiers;
  const ascending = t.length === c.tiers.length && c.tiers.every((x, i) => i === 0 || x.from > c.tiers[i - 1].from);
  if (!ascending || t.length === 0) return [r.tierRate, yuan(r.commission)];
  const collected = `ROUND(${self.cell("collected", row)},2)`;
  const basis = c.basis === "count" ? self.cell("orderCount", row) : collected;
  const cap = (x: string) => (c.maxRate === null ? x : `MIN(${x},${c.maxRate})`);
  const reached = t.map((x, i) => `(${basis}>=${x.from})*(${x.rate}${i > 0 ? `-(${t[i - 1].rate})` : ""})`).join("+");
  // ROUND(…,10): the rate as written (2.8%), without the float noise of the sum of differences.
  const rate = formula(`ROUND(${cap(`(${reached})`)},10)`, r.tierRate);
  if (c.mode === "whole") return [rate, formula(`ROUND(${collected}*${self.cell("tierRate", row)},2)`, yuan(r.commission))];
  if (c.basis === "count") return [rate, yuan(r.commission)];
  const slices = t.map((x, i) => `MAX(0,MIN(${collected},${i + 1 < t.length ? t[i + 1].from : collected})-${x.from})*${cap(x.rate)}`).join("+");
  return [rate, formula(`ROUND(${slices},2)`, yuan(r.commission))];
}

/** The 考勤明细 columns whose any non-zero day breaks full attendance (缺勤 included). */
const BREAK_COLUMNS = ["late", "early", "missing", "absent", "leave", "sick", "absence"] as const;

/**
 * 全勤奖 live over 考勤明细 (an attendance day corrected there moves it): employed the whole month
 * (else a plain 0), at least one attendance row, and no late, early, missing-punch, absent,
 * leave, sick or no-punch day.
 */
function fullAttendanceCell(r: CommissionRow, refs: CommissionRefs, row: number, rc: RuleCells): SpecCell {
  const { self, attendance } = refs;
  if (!r.wholeMonth || !attendance || !rc.fullAttendance || !isPlainCriterion(r.agent.staffNo)) return yuan(r.fullAttendance);
  const me = self.cell("agent", row);
  const by = `${attendance.range("agent", true)},${me}`;
  const breaks = BREAK_COLUMNS.map((k) => `SUMIFS(${attendance.range(k, true)},${by})`).join("+");
  return formula(`IF(AND(COUNTIFS(${by})>0,${breaks}=0),${rc.fullAttendance},0)`, yuan(r.fullAttendance));
}

/**
 * 底薪, 实发底薪 and 餐补 live: 底薪 is the 规则 sheet's base; 实发底薪 that base (blended with the
 * 规则 probation base over the row's probation days, by calendar days, to 0.01) × min(1, 出勤天数 ÷
 * the month's full schedule) to 0.01 when 底薪折算 reads 按出勤, the whole of it when 不折算; 餐补 the
 * 规则 lunch rate × 出勤天数. The full schedule (the month minus the attendance file's rest days) is a
 * number in the formula. Values when 出勤天数 is not live, or counts days worked outside the
 * employment period (pay counts only the days inside it).
 */
function basePayCells(r: CommissionRow, refs: CommissionRefs, row: number, rc: RuleCells, workedLive: boolean): SpecCell[] {
  const { self } = refs;
  const base = rc.base ? formula(rc.base, yuan(r.base)) : yuan(r.base);
  if (!workedLive || r.daysWorked !== r.workedDays || !rc.base || !rc.lunchPerDay || !rc.baseProration) return [base, yuan(r.basePay), yuan(r.lunch)];
  const b = self.cell("base", row);
  const worked = self.cell("daysWorked", row);
  const pd = r.probationDays ?? 0;
  const md = rc.monthDays;
  const cents = (x: string) => `ROUND(${x}*100,0)`;
  const monthly =
    pd > 0 && rc.probationBase ? `IF(ISNUMBER(${rc.probationBase}),ROUND((${cents(rc.probationBase)}*${pd}+${cents(b)}*${md - pd})/${md},0)/100,${b})` : b;
  const full = r.fullSchedule;
  const prorated = full > 0 ? `ROUND(${cents(monthly)}*MIN(${worked},${full})/${full},0)/100` : "0";
  const none = enumWords("pay.baseProration", "none").map((w) => `TRIM(${rc.baseProration})="${w}"`).join(",");
  return [
    base,
    formula(`IF(OR(${none}),${monthly},${prorated})`, yuan(r.basePay)),
    formula(`ROUND(${rc.lunchPerDay}*${worked},2)`, yuan(r.lunch)),
  ];
}

/**
 * The bonuses as live formulas: the execution bonus over 罚款台账 (a waiver typed there gives it
 * back), the performance bonus and the position allowance over the row's own collected (a refund
 * corrected in 订单明细 moves them); amounts and thresholds read from the 规则 sheet.
 */
function bonusCells(r: CommissionRow, refs: CommissionRefs, row: number, rc: RuleCells): SpecCell[] {
  const { self, penalties } = refs;
  const collected = `ROUND(${self.cell("collected", row)},2)`;
  const me = self.cell("agent", row);
  const perf = rc.performanceBonus
    ? formula(`IF(${collected}>=${yuan(r.performanceThreshold)},${rc.performanceBonus},0)`, yuan(r.performanceBonus))
    : yuan(r.performanceBonus);
  const by = `${penalties.range("agent", true)},${me}`;
  const waived = WAIVED_MARKS.map((m) => `COUNTIFS(${by},${penalties.range("waived", true)},"${m}")`).join("+");
  const exec =
    rc.executionBonus && isPlainCriterion(r.agent.staffNo) && r.employed !== false && r.noDayWorked !== true
      ? formula(`IF(COUNTIFS(${by})-(${waived})=0,${rc.executionBonus},0)`, yuan(r.executionBonus))
      : yuan(r.executionBonus);
  const pos =
    rc.positionAllowance && rc.positionThreshold
      ? formula(`IF(${collected}>=${rc.positionThreshold},${rc.positionAllowance},0)`, yuan(r.positionAllowance))
      : yuan(r.positionAllowance);
  return [perf, exec, pos];
}

function commissionRow(r: CommissionRow, refs: CommissionRefs, row: number, rc: RuleCells): SpecCell[] {
  const { self, orders, penalties, attendance } = refs;
  const live = isPlainCriterion(r.agent.staffNo);
  const me = self.cell("agent", row);
  const workedLive = live && attendance !== null;
  // N(): an adjustment the manager typed that is not a number counts 0, as in the engine (which says so in 问题).
  const net = PAY_PLUS.map((k) => (k === "adjustment" ? `N(${self.cell(k, row)})` : self.cell(k, row))).join("+") + PAY_MINUS.map((k) => "-" + self.cell(k, row)).join("");
  return [
    r.id,
    cellText(r.agent.staffNo),
    cellText(r.agent.name),
    r.scheduledDays,
    workedLive
      ? formula(`SUMIFS(${attendance.range("workedDay", true)},${attendance.range("agent", true)},${me})`, r.daysWorked)
      : r.daysWorked,
    live && attendance
      ? formula(`SUMIFS(${attendance.range("absence", true)},${attendance.range("agent", true)},${me})`, r.absentDays)
      : r.absentDays,
    ...basePayCells(r, refs, row, rc, workedLive),
    fullAttendanceCell(r, refs, row, rc),
    ...bonusCells(r, refs, row, rc),
    live && orders
      ? formula(`SUMIFS(${orders.range("collected", true)},${orders.range("agent", true)},${me})`, yuan(r.collected))
      : yuan(r.collected),
    live && orders
      ? formula(`COUNTIFS(${orders.range("agent", true)},${me},${orders.range("credited", true)},1,${orders.range("collected", true)},">0")`, r.orderCount)
      : r.orderCount,
    ...tierCells(r, refs, row, rc),
    r.quarterlyCollected === null ? null : yuan(r.quarterlyCollected),
    yuan(r.quarterly),
    yuan(r.yearEnd),
    yuan(r.clawback),
    yuan(r.rewards),
    live
      ? formula(`SUMIFS(${penalties.range("effective", true)},${penalties.range("agent", true)},${me})`, yuan(r.fines))
      : yuan(r.fines),
    yesMark(r.dismissal),
    yuan(r.adjustment),
    cellText(r.remark),
    formula(`ROUND(${net},2)`, yuan(r.netPay)),
    ...reasonCells(r),
  ];
}

const SUMMED = ["base", "basePay", "lunch", "fullAttendance", "performanceBonus", "executionBonus", "positionAllowance", "collected", "commission", "quarterly", "yearEnd", "clawback", "rewards", "fines", "adjustment", "netPay"] as const;

export function buildCommissionSheet(report: MonthReport, refs: CommissionRefs): SheetSpec {
  const { self } = refs;
  const rc: RuleCells = {
    performanceBonus: rulesCell(report.rules, "pay.performanceBonus"),
    executionBonus: rulesCell(report.rules, "pay.executionBonus"),
    positionAllowance: rulesCell(report.rules, "pay.positionAllowance"),
    positionThreshold: rulesCell(report.rules, "pay.positionThreshold"),
    fullAttendance: rulesCell(report.rules, "pay.fullAttendance"),
    base: rulesCell(report.rules, "pay.base"),
    lunchPerDay: rulesCell(report.rules, "pay.lunchPerDay"),
    baseProration: rulesCell(report.rules, "pay.baseProration"),
    probationBase: rulesCell(report.rules, "pay.probationBase"),
    monthDays: monthSpan(report.month).days,
    tiers: tierRefs(report.rules),
    commission: report.rules.commission,
  };
  const rows = report.commission.map((r, i) => commissionRow(r, refs, self.firstRow + i, rc));
  const total: SpecCell[] = new Array(COMMISSION_COLUMNS.length).fill(null);
  total[0] = "合计 Total";
  for (const key of SUMMED) {
    let sum = 0;
    for (const r of report.commission) sum += r[key];
    total[self.col(key)] = formula(`SUM(${self.range(key, false)})`, yuan(sum));
  }
  const s = SHEET_NAMES.commission;
  return {
    key: "commission",
    name: s.name,
    nameEn: s.nameEn,
    title: `${s.name} ${report.month}`,
    subtitle: `${s.nameEn} · ${report.month} · 实发 = 各项合计 − 罚款 + 调整 net pay = items − fines + adjustment`,
    tabColor: s.tabColor,
    columns: COMMISSION_COLUMNS,
    rows,
    idColumn: 0,
    blocks: [{ rows: [total], style: "total" }],
    freeze: { rows: 3, columns: 3 },
    autoFilter: true,
    highlights: [{ columnKey: "adjustment", when: "nonzero" }],
    // The figures print; each item's reason is on the agent's pay slip (工资条).
    print: defaultPrint({ lastColumnKey: "netPay" }),
  };
}
