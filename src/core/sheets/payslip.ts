/**
 * 工资条 — the pay slip a manager hands out: one block per agent (printed one a page, or cut as
 * strips), every pay item with its amount and a short reason, each fine (date, rule, amount,
 * waived), each clawed-back order, the days scheduled / worked / absent, and the net. Chinese
 * first, English beside it in its own column. Every amount is a reference to the agent's 提成表
 * cell (each fine to its 罚款台账 row), so an edit there — a waiver, a corrected 回款 in 订单明细
 * (its 退款 column is a value that nothing sums into pay), an absent day — moves the slip too; so do a fine's waiver and remark and the manager's adjustment and its
 * remark. The other reasons are the engine's text as built.
 */
import type { CommissionRow, MonthReport, PenaltyRow } from "../reports/types";
import { formatYuan } from "../rules/money";
import { TableRef, cellText, formula, yuan } from "./layout";
import { SHEET_NAMES } from "./names";
import { waivedCount } from "./penalties";
import { defaultPrint } from "./print";
import { FIRST_DATA_ROW, type ColumnSpec, type SheetSpec, type SpecCell } from "./types";

export const PAYSLIP_COLUMNS: ColumnSpec[] = [
  { key: "item", header: "项目", format: "text", width: 16 },
  { key: "itemEn", header: "Item", format: "text", width: 20 },
  { key: "amount", header: "金额 Amount", format: "money", width: 12 },
  { key: "reason", header: "说明", format: "text", width: 48, wrap: true },
  { key: "reasonEn", header: "Reason", format: "text", width: 48, wrap: true },
];

/** The pay items in slip order: key on the row, Chinese and English label. */
const ITEMS: { key: keyof CommissionRow & string; reason: string; zh: string; en: string }[] = [
  { key: "basePay", reason: "base", zh: "底薪", en: "Base pay" },
  { key: "lunch", reason: "lunch", zh: "餐补", en: "Lunch allowance" },
  { key: "fullAttendance", reason: "fullAttendance", zh: "全勤奖", en: "Full-attendance bonus" },
  { key: "performanceBonus", reason: "performanceBonus", zh: "业绩奖", en: "Performance bonus" },
  { key: "executionBonus", reason: "executionBonus", zh: "执行奖", en: "Execution bonus" },
  { key: "positionAllowance", reason: "positionAllowance", zh: "职位补贴", en: "Position allowance" },
  { key: "commission", reason: "commission", zh: "提成", en: "Commission" },
  { key: "quarterly", reason: "quarterly", zh: "季度提成", en: "Quarterly commission" },
  { key: "yearEnd", reason: "yearEnd", zh: "年终提成", en: "Year-end commission" },
  { key: "rewards", reason: "rewards", zh: "奖励", en: "Rewards" },
  { key: "clawback", reason: "clawback", zh: "追回", en: "Clawback" },
];

/** A remark as CLEAN() shows it on the slip: without control characters (a line break would break the slip's line). */
const printable = (s: string): string => s.replace(/[\u0000-\u001f]/g, "");

/** "全勤奖 50.00：无迟到…" → "无迟到…": the reason without the item's own label and amount. */
export function shortReason(text: string): string {
  const i = text.search(/[：:]/);
  return i >= 0 && i < 40 ? text.slice(i + 1).trim() : text;
}

/** A deduction as the slip shows it: negative, never -0. */
const minus = (cents: number): number => (cents === 0 ? 0 : yuan(-cents));

/** Where the slip's amounts live: the 提成表 and 罚款台账 tables. */
export interface PayslipRefs {
  commission: TableRef;
  penalties: TableRef;
}

/** One agent's block: `row` is the agent's 提成表 row, `fines` each with its 罚款台账 row. */
function agentBlock(r: CommissionRow, row: number, fines: readonly { p: PenaltyRow; row: number }[], month: string, refs: PayslipRefs): SpecCell[][] {
  const at = (key: string, value: number): SpecCell => formula(refs.commission.ref(key, row), value);
  // 0 − x: a deduction shown negative, and 0 (not −0) when nothing is taken off.
  const off = (ref: string, cents: number): SpecCell => formula(`0-${ref}`, minus(cents));
  const reason = (item: string) => r.reasons.find((x) => x.item === item);
  const rows: SpecCell[][] = [];
  rows.push([cellText(`${r.agent.staffNo} ${r.agent.name}`), cellText(`Pay slip ${month}`), null, `工资条 ${month}`, ""]);
  const absent = r.absentDates.map((d) => d.slice(5));
  const dates = absent.length ? `（${absent.join("、")}）` : "";
  rows.push([
    "出勤",
    "Attendance",
    null,
    `应出勤 ${r.scheduledDays} 天，出勤 ${r.workedDays} 天，缺勤 ${r.absentDays} 天${dates}`,
    `${r.scheduledDays} days scheduled, ${r.workedDays} worked, ${r.absentDays} absent${absent.length ? ` (${absent.join(", ")})` : ""}`,
  ]);
  rows.push(["回款", "Collected", at("collected", yuan(r.collected)), `有回款 ${r.orderCount} 单`, `${r.orderCount} orders with collected sales`]);
  for (const it of ITEMS) {
    const why = reason(it.reason);
    const amount = r[it.key] as number;
    if (!why && amount === 0) continue;
    rows.push([it.zh, it.en, at(it.key, yuan(amount)), cellText(shortReason(why?.zh ?? "")), cellText(shortReason(why?.en ?? ""))]);
  }
  for (const o of r.clawbackOrders) {
    rows.push([
      cellText(`  追回订单 ${o.orderId}`),
      cellText(`  clawed-back order ${o.orderId}`),
      null,
      cellText(`上月回款 ${formatYuan(o.before)} → ${formatYuan(o.after)}；${o.why}`),
      cellText(`last month's collected ${formatYuan(o.before)} → ${formatYuan(o.after)}`),
    ]);
  }
  rows.push(["罚款", "Fines", off(refs.commission.ref("fines", row), r.fines), `${fines.length} 条`, `${fines.length} rows`]);
  for (const { p, row: at } of fines) {
    // The waiver and the remark read the ledger's cells: one typed there after the build shows here.
    const waived = `(${waivedCount(refs.penalties.ref("waived", at))})>0`;
    const remark = `CLEAN(${refs.penalties.ref("remark", at)})`;
    const zh = `罚 ${formatYuan(p.amount)}`;
    const en = `fine ${formatYuan(p.amount)}`;
    const said = printable(p.remark);
    rows.push([
      cellText(`  ${p.date.slice(5)} ${p.ruleLabel}`),
      cellText(`  ${p.date.slice(5)} ${p.rule}`),
      off(refs.penalties.ref("effective", at), p.effective),
      formula(`CONCATENATE("${zh}",IF(${waived},"，已免罚",""),IF(${remark}="","","；"&${remark}))`, `${zh}${p.waived ? "，已免罚" : ""}${said ? `；${said}` : ""}`),
      formula(`CONCATENATE("${en}",IF(${waived},", waived",""))`, `${en}${p.waived ? ", waived" : ""}`),
    ]);
  }
  // Always a line, read from 提成表: an adjustment typed there after the build is in the net pay,
  // and the slip shows where it came from. SUM: as the net pay's N(), text that is no number adds nothing.
  const adjustment = refs.commission.ref("adjustment", row);
  rows.push(["主管调整", "Manager's adjustment", formula(`SUM(${adjustment})`, yuan(r.adjustment)), formula(`CONCATENATE(CLEAN(${refs.commission.ref("remark", row)}))`, printable(r.remark)), ""]);
  rows.push(["实发", "Net pay", at("netPay", yuan(r.netPay)), "", ""]);
  rows.push([null, null, null, null, null]);
  return rows;
}

/** 工资条, its amounts referring to 提成表 (rows in report.commission's order) and 罚款台账 (report.penalties'). */
export function buildPayslipSheet(report: MonthReport, refs: PayslipRefs): SheetSpec {
  const byAgent = new Map<string, { p: PenaltyRow; row: number }[]>();
  report.penalties.forEach((p, i) => {
    const x = { p, row: refs.penalties.firstRow + i };
    const l = byAgent.get(p.agent.staffNo);
    if (l) l.push(x);
    else byAgent.set(p.agent.staffNo, [x]);
  });
  const rows: SpecCell[][] = [];
  const breaksBefore: number[] = [];
  report.commission.forEach((r, i) => {
    if (rows.length > 0) breaksBefore.push(FIRST_DATA_ROW + rows.length);
    rows.push(...agentBlock(r, refs.commission.firstRow + i, byAgent.get(r.agent.staffNo) ?? [], report.month, refs));
  });
  const s = SHEET_NAMES.payslip;
  return {
    key: "payslip",
    name: s.name,
    nameEn: s.nameEn,
    title: `${s.name} ${report.month}`,
    subtitle: `${s.nameEn} · ${report.month} · 每位客服一页（或剪成条） one agent a page (or cut as strips)`,
    tabColor: s.tabColor,
    columns: PAYSLIP_COLUMNS,
    rows,
    blocks: [],
    freeze: { rows: 3, columns: 0 },
    autoFilter: false,
    print: defaultPrint({ breaksBefore }),
  };
}
