/**
 * 每日对账 — per day: orders and amounts, attributed vs unattributed, unshipped, to chase, the
 * difference with the chat-sales export; a totals row (SUM); the per-agent, per-day differences
 * (diff as a live formula); and the check "agents + unattributed = shop" as a formula.
 */
import type { DayRow, MonthReport } from "../reports/types";
import { BlockCursor, TableRef, cellText, formula, yuan } from "./layout";
import { SHEET_NAMES } from "./names";
import type { BlockSpec, ColumnSpec, SheetSpec, SpecCell } from "./types";

export const DAY_COLUMNS: ColumnSpec[] = [
  { key: "date", header: "日期 Date", format: "date", width: 12 },
  { key: "ordersCreated", header: "下单数 Created", format: "int", width: 10 },
  { key: "ordersPaid", header: "付款单数 Paid orders", format: "int", width: 10 },
  { key: "paidAmount", header: "付款金额 Paid amount", format: "money", width: 14 },
  { key: "refunds", header: "退款 Refunds", format: "money", width: 12 },
  { key: "attributedAmount", header: "已归属 Attributed", format: "money", width: 14 },
  { key: "unattributedOrders", header: "未归属单数 Unattributed", format: "int", width: 11 },
  { key: "unattributedAmount", header: "未归属金额 Unattributed amount", format: "money", width: 14 },
  { key: "unshippedLate", header: "超时未发货 Unshipped late", format: "int", width: 11 },
  { key: "unpaidToChase", header: "待催付 Unpaid to chase", format: "int", width: 10 },
  { key: "salesExportDiff", header: "与客服绩效差额 Diff vs sales export", format: "money", width: 16 },
  { key: "trace", header: "相关订单 Orders behind the figures", format: "text", width: 50 },
];

/** How many ids of each figure the trace cell lists before "(+n)"; the drill-down sheets hold all. */
const TRACE_IDS = 5;

function traceText(trace: Record<string, string[]>): string {
  const parts: string[] = [];
  for (const key of Object.keys(trace).sort()) {
    const ids = trace[key];
    if (ids.length === 0) continue;
    const more = ids.length > TRACE_IDS ? ` (+${ids.length - TRACE_IDS})` : "";
    parts.push(`${key}: ${ids.slice(0, TRACE_IDS).join(", ")}${more}`);
  }
  return cellText(parts.join("; "));
}

function dayRow(d: DayRow): SpecCell[] {
  return [
    { date: d.date },
    d.ordersCreated,
    d.ordersPaid,
    yuan(d.paidAmount),
    yuan(d.refunds),
    yuan(d.attributedAmount),
    d.unattributedOrders,
    yuan(d.unattributedAmount),
    d.unshippedLate,
    d.unpaidToChase,
    d.salesExportDiff === null ? null : yuan(d.salesExportDiff),
    traceText(d.trace),
  ];
}

const SUMMED: { key: keyof DayRow & string; money: boolean }[] = [
  { key: "ordersCreated", money: false },
  { key: "ordersPaid", money: false },
  { key: "paidAmount", money: true },
  { key: "refunds", money: true },
  { key: "attributedAmount", money: true },
  { key: "unattributedOrders", money: false },
  { key: "unattributedAmount", money: true },
  { key: "unshippedLate", money: false },
  { key: "unpaidToChase", money: false },
  { key: "salesExportDiff", money: true },
];

export interface ReconciliationRefs {
  self: TableRef;
  performance: TableRef;
  orders: TableRef;
  unattributed: TableRef;
}

export function buildReconciliationSheet(report: MonthReport, refs: ReconciliationRefs): SheetSpec {
  const { self } = refs;
  const width = DAY_COLUMNS.length;
  const blank = (): SpecCell[] => new Array(width).fill(null);
  const rows = report.days.map(dayRow);
  const cursor = new BlockCursor(rows.length);

  cursor.place(undefined, 1);
  const total = blank();
  total[0] = "合计 Total";
  for (const { key, money } of SUMMED) {
    let sum = 0;
    for (const d of report.days) sum += (d[key] as number | null) ?? 0;
    total[self.col(key)] = formula(`SUM(${self.range(key, false)})`, money ? yuan(sum) : sum);
  }

  const checkTitle = "核对：客服 + 未归属 = 全店 Check: agents + unattributed = shop";
  const checkFirst = cursor.place(checkTitle, 4);
  const col = self.letter("paidAmount");
  let agents = 0;
  for (const p of report.performance) agents += p.collected;
  let unattributed = 0;
  for (const o of report.unattributed) unattributed += o.collected;
  const line = (label: string, f: string, cents: number): SpecCell[] => {
    const cells = blank();
    cells[0] = label;
    cells[self.col("paidAmount")] = formula(f, yuan(cents));
    return cells;
  };
  const check: SpecCell[][] = [
    line("客服回款合计 Agents' collected", `SUM(${refs.performance.range("collected", true)})`, agents),
    line("未归属回款 Unattributed collected", `SUM(${refs.unattributed.range("collected", true)})`, unattributed),
    line("全店回款 Shop collected", `SUM(${refs.orders.range("collected", true)})`, report.shopCollected),
    line(
      "差额 Difference (应为 0 should be 0)",
      `ROUND(${col}${checkFirst}+${col}${checkFirst + 1}-${col}${checkFirst + 2},2)`,
      agents + unattributed - report.shopCollected,
    ),
  ];

  const diffTitle = "客服绩效导出 vs 备注归属（按客服按日） Sales export vs note attribution, per agent per day";
  const diffFirst = cursor.place(diffTitle, report.dayAgentDiffs.length + 1) + 1;
  const header = blank();
  header[0] = "日期 Date";
  header[1] = "工号 Agent";
  header[2] = "姓名 Name";
  header[self.col("paidAmount")] = "导出销售额 Export sales";
  header[self.col("refunds")] = "归属回款 Attributed";
  header[self.col("attributedAmount")] = "差额 Diff";
  header[self.col("trace")] = "相关订单 Orders";
  const diffs: SpecCell[][] = [header];
  report.dayAgentDiffs.forEach((d, i) => {
    const row = diffFirst + i;
    const cells = blank();
    cells[0] = { date: d.date };
    cells[1] = cellText(d.agent.staffNo);
    cells[2] = cellText(d.agent.name);
    cells[self.col("paidAmount")] = yuan(d.exportSales);
    cells[self.col("refunds")] = yuan(d.attributed);
    cells[self.col("attributedAmount")] = formula(
      `${self.cell("paidAmount", row)}-${self.cell("refunds", row)}`,
      yuan(d.diff),
    );
    cells[self.col("trace")] = traceText({ orders: d.orderIds });
    diffs.push(cells);
  });

  const blocks: BlockSpec[] = [
    { rows: [total], style: "total" },
    { title: checkTitle, rows: check, style: "total" },
    { title: diffTitle, rows: diffs },
  ];
  const s = SHEET_NAMES.reconciliation;
  return {
    key: "reconciliation",
    name: s.name,
    nameEn: s.nameEn,
    title: `${s.name} ${report.month}`,
    subtitle: `${s.nameEn} · ${report.month} · 差额只列出不平均 differences are shown, never averaged away`,
    tabColor: s.tabColor,
    columns: DAY_COLUMNS,
    rows,
    blocks,
    freeze: { rows: 3, columns: 1 },
    autoFilter: true,
    highlights: [{ columnKey: "salesExportDiff", when: "nonzero" }],
  };
}
