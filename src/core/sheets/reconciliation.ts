/**
 * 每日对账 — per day: orders and amounts, collected (回款) split into attributed and unattributed,
 * unshipped, to chase, the chat-sales export, its difference and the part of it a person must
 * check (red), a link to the day's orders in 订单明细; a totals row (SUM); the check
 * "agents + unattributed = shop" as a formula; the per-agent, per-day differences that are not
 * zero, those to check first, each with its status and its reasons in Chinese (see DiffStatus).
 * Day figures that the drill-down sheets hold are live SUMIFS / COUNTIFS by day over them.
 */
import type { DayAgentDiff, DayRow, DiffReasonKind, DiffStatus, MonthReport } from "../reports/types";
import { BlockCursor, TableRef, cellText, formula, wallDay, wallTimeText, yuan } from "./layout";
import { monthSpan } from "../reports/calendar";
import { orderDay, orderDayTime } from "./orders";
import { SHEET_NAMES } from "./names";
import { selfAuditBlocks } from "./selfaudit";
import type { BlockSpec, ColumnSpec, SheetSpec, SpecCell } from "./types";

export const DAY_COLUMNS: ColumnSpec[] = [
  { key: "date", header: "日期 Date", format: "date", width: 12 },
  { key: "ordersCreated", header: "下单数 Created", format: "int", width: 10 },
  { key: "ordersPaid", header: "付款单数 Paid orders", format: "int", width: 10 },
  { key: "paidAmount", header: "付款金额 Paid amount", format: "money", width: 14 },
  { key: "refunds", header: "退款 Refunds", format: "money", width: 12 },
  { key: "collected", header: "回款 Collected", format: "money", width: 14 },
  { key: "attributedAmount", header: "已归属 Attributed", format: "money", width: 14 },
  { key: "unattributedOrders", header: "未归属单数 Unattributed", format: "int", width: 11 },
  { key: "unattributedAmount", header: "未归属金额 Unattributed amount", format: "money", width: 14 },
  { key: "unshippedLate", header: "超时未发货 Unshipped late", format: "int", width: 11 },
  { key: "unpaidToChase", header: "待催付 Unpaid to chase", format: "int", width: 10 },
  { key: "salesExport", header: "客服绩效销售额 Sales export", format: "money", width: 14 },
  { key: "salesExportDiff", header: "与客服绩效差额 Diff vs sales export", format: "money", width: 14 },
  { key: "salesExportToCheck", header: "待核对差额 To check", format: "money", width: 13 },
  { key: "detail", header: "明细 Detail", format: "text", width: 44 },
];

/** What each status of an agent-day's difference reads as (also the 待核对 formula's criterion). */
export const DIFF_STATUS_TEXT: Record<DiffStatus, string> = {
  match: "一致 Match",
  rest: "休息日 Rest day",
  explained: "已解释 Explained",
  tolerance: "容差内 Within tolerance",
  check: "需核对 To check",
};

/** A difference's status; one the engine did not judge (a hand-made report) needs a person. */
const statusOf = (d: DayAgentDiff): DiffStatus => d.status ?? (d.diff === 0 ? "match" : "check");

const STATUS_RANK: Record<DiffStatus, number> = { check: 0, tolerance: 1, explained: 2, rest: 3, match: 4 };

const REASON_TEXT: Record<DiffReasonKind, string> = {
  refundClosed: "退款关闭",
  notCounted: "按规则不计入的状态",
  creditRemoved: "取消归属",
  crossDay: "跨日",
  unattributed: "当日未归属（可能相关）",
  unknownStatus: "状态未知、未计入（见问题）",
};

/** How many order ids a reason names before "等 n 单"; 订单明细 / 未归属订单 hold them all. */
const REASON_IDS = 3;

/** An agent-day's difference in words: why, how much, which orders (Chinese; ids to look up). */
export function diffDetail(d: DayAgentDiff): string {
  const money = (c: number) => `¥${yuan(c).toFixed(2)}`;
  const parts: string[] = [];
  if (d.status === "rest") parts.push("导出无此日（休息日）");
  if (d.status === "check" || d.status === "tolerance") parts.push(`未解释 ${money(d.unexplained ?? d.diff)}`);
  for (const r of d.reasons ?? []) {
    const ids = r.ids.slice(0, REASON_IDS).join("、") + (r.ids.length > REASON_IDS ? ` 等 ${r.ids.length} 单` : "");
    parts.push(`${REASON_TEXT[r.kind]} ${r.ids.length} 单${r.amount !== 0 ? " " + money(r.amount) : ""}：${ids}`);
  }
  return cellText(parts.join("；"));
}

/** Sheet row in 订单明细 of each day's first order (orders are listed by day). */
function firstOrderRows(report: MonthReport, orders: TableRef): Map<string, { row: number; count: number }> {
  const out = new Map<string, { row: number; count: number }>();
  const cols = report.countedColumns;
  if (cols) {
    // The scan's day runs (run d is the month's day d): no walk over a million order objects.
    const start = monthSpan(report.month).start;
    for (let d = 0; d + 1 < cols.dayStart.length; d++) {
      const from = cols.dayStart[d];
      const count = cols.dayStart[d + 1] - from;
      if (count > 0) out.set(wallDay(start + d * DAY_MS), { row: orders.firstRow + from, count });
    }
    return out;
  }
  // Counted orders are listed by day: a day's text is made once per run of its orders.
  let runDay = NaN;
  let run: { row: number; count: number } | null = null;
  report.counted.forEach((o, i) => {
    const t = orderDayTime(o, report);
    if (t === null) return;
    const d = Math.floor(t / DAY_MS);
    if (d !== runDay || run === null) {
      runDay = d;
      const day = orderDay(o, report)!;
      run = out.get(day) ?? null;
      if (run === null) out.set(day, (run = { row: orders.firstRow + i, count: 0 }));
    }
    run.count++;
  });
  return out;
}

const DAY_MS = 86_400_000;

const SUMMED: { key: (keyof DayRow & string) | "salesExportToCheck"; money: boolean }[] = [
  { key: "ordersCreated", money: false },
  { key: "ordersPaid", money: false },
  { key: "paidAmount", money: true },
  { key: "refunds", money: true },
  { key: "collected", money: true },
  { key: "attributedAmount", money: true },
  { key: "unattributedOrders", money: false },
  { key: "unattributedAmount", money: true },
  { key: "unshippedLate", money: false },
  { key: "unpaidToChase", money: false },
  { key: "salesExport", money: true },
  { key: "salesExportDiff", money: true },
  { key: "salesExportToCheck", money: true },
];

export interface ReconciliationRefs {
  self: TableRef;
  performance: TableRef;
  /** The drill-downs, when they hold every order (null: too many for one sheet, values only). */
  orders: TableRef | null;
  unattributed: TableRef | null;
}

const collectedOf = (d: DayRow) => d.collected ?? d.attributedAmount + d.unattributedAmount;

export function buildReconciliationSheet(report: MonthReport, refs: ReconciliationRefs): SheetSpec {
  const { self, orders, unattributed } = refs;
  const width = DAY_COLUMNS.length;
  const blank = (): SpecCell[] => new Array(width).fill(null);
  const cursor = new BlockCursor(report.days.length);
  cursor.place(undefined, 1); // the totals row
  const checkTitle = "核对：客服 + 未归属 = 全店 Check: agents + unattributed = shop";
  const checkFirst = cursor.place(checkTitle, 4);
  const diffTitle = "客服绩效导出 vs 备注归属（按客服按日） Sales export vs note attribution, per agent per day";
  // Agent-days that agree are not listed: the block is what differs, each with its status.
  // Those that need a person first, then by date.
  const diffs = report.dayAgentDiffs
    .filter((d) => d.diff !== 0 || (d.status !== undefined && d.status !== "match"))
    .map((d, i) => ({ d, i, rank: STATUS_RANK[statusOf(d)] }))
    .sort((x, y) => x.rank - y.rank || x.i - y.i)
    .map((x) => x.d);
  const diffFirst = cursor.place(diffTitle, diffs.length + 1) + 1; // after its header row
  // The diff block's columns: date in A, export sales / attributed / diff in three money columns.
  const [expCol, attCol, diffCol, statusCol, leftCol] = ["paidAmount", "refunds", "collected", "attributedAmount", "unattributedAmount"];
  const dayOrders = orders ? firstOrderRows(report, orders) : null;
  const toCheck = DIFF_STATUS_TEXT.check;
  const diffRange = (key: string) => `$${self.letter(key)}$${diffFirst}:$${self.letter(key)}$${diffFirst + diffs.length - 1}`;

  // Paid count / amount / refunds equal the counted orders' only when orders count by pay day.
  const byPaidDay = report.rules.sales.dateBasis === "paid";
  const toCheckByDay = new Map<string, number>();
  for (const d of diffs) if (statusOf(d) === "check") toCheckByDay.set(d.date, (toCheckByDay.get(d.date) ?? 0) + d.diff);
  const toCheckOf = (date: string) => toCheckByDay.get(date) ?? 0;
  const ordersName = SHEET_NAMES.orders.name;
  const dayLink = (date: string): SpecCell => {
    const at = dayOrders?.get(date);
    return at ? { text: `→ 订单明细 ${date.slice(5)} 共 ${at.count} 单 orders`, target: `'${ordersName}'!A${at.row}` } : null;
  };
  const rows: SpecCell[][] = report.days.map((d, i) => {
    const row = self.firstRow + i;
    const day = self.cell("date", row);
    // A SUMIFS / COUNTIFS by day over a drill-down, or the value when the drill-down is cut.
    const over = (t: TableRef | null, key: string, v: number) =>
      t ? formula(`SUMIFS(${t.range(key, true)},${t.range("day", true)},${day})`, v) : v;
    const count = (t: TableRef | null, v: number) => (t ? formula(`COUNTIFS(${t.range("day", true)},${day})`, v) : v);
    return [
      { date: d.date },
      d.ordersCreated,
      byPaidDay ? count(orders, d.ordersPaid) : d.ordersPaid,
      byPaidDay ? over(orders, "paid", yuan(d.paidAmount)) : yuan(d.paidAmount),
      byPaidDay ? over(orders, "refund", yuan(d.refunds)) : yuan(d.refunds),
      over(orders, "collected", yuan(collectedOf(d))),
      formula(`${self.cell("collected", row)}-${self.cell("unattributedAmount", row)}`, yuan(d.attributedAmount)),
      count(unattributed, d.unattributedOrders),
      over(unattributed, "collected", yuan(d.unattributedAmount)),
      d.unshippedLate,
      d.unpaidToChase,
      d.salesExport === undefined || d.salesExport === null ? null : yuan(d.salesExport),
      d.salesExportDiff === null
        ? null
        : diffs.length > 0
          ? formula(`SUMIFS(${diffRange(diffCol)},${diffRange("date")},${day})`, yuan(d.salesExportDiff))
          : yuan(d.salesExportDiff),
      d.salesExportDiff === null
        ? null
        : diffs.length > 0
          ? formula(`SUMIFS(${diffRange(diffCol)},${diffRange("date")},${day},${diffRange(statusCol)},"${toCheck}")`, yuan(toCheckOf(d.date)))
          : yuan(toCheckOf(d.date)),
      dayLink(d.date),
    ];
  });

  const total = blank();
  total[0] = "合计 Total";
  for (const { key, money } of SUMMED) {
    let sum = 0;
    for (const d of report.days) sum += key === "collected" ? collectedOf(d) : key === "salesExportToCheck" ? toCheckOf(d.date) : ((d[key] as number | null | undefined) ?? 0);
    total[self.col(key)] = formula(`SUM(${self.range(key, false)})`, money ? yuan(sum) : sum);
  }

  const col = self.letter("collected");
  let agents = 0;
  for (const p of report.performance) agents += p.collected;
  let unattributedSum = 0;
  for (const o of report.unattributed) unattributedSum += o.collected;
  const line = (label: string, f: string | null, cents: number): SpecCell[] => {
    const cells = blank();
    cells[0] = label;
    cells[self.col("collected")] = f === null ? yuan(cents) : formula(f, yuan(cents));
    return cells;
  };
  const sumOf = (t: TableRef | null) => (t ? `SUM(${t.range("collected", true)})` : null);
  const check: SpecCell[][] = [
    line("客服回款合计 Agents' collected", `SUM(${refs.performance.range("collected", true)})`, agents),
    line("未归属回款 Unattributed collected", sumOf(unattributed), unattributedSum),
    line("全店回款 Shop collected", sumOf(orders), report.shopCollected),
    line(
      "差额 Difference (应为 0 should be 0)",
      `ROUND(${col}${checkFirst}+${col}${checkFirst + 1}-${col}${checkFirst + 2},2)`,
      agents + unattributedSum - report.shopCollected,
    ),
  ];

  const header = blank();
  header[0] = "日期 Date";
  header[1] = "工号 Agent";
  header[2] = "姓名 Name";
  header[self.col(expCol)] = "导出销售额 Export sales";
  header[self.col(attCol)] = "归属销售额 Attributed";
  header[self.col(diffCol)] = "差额 Diff";
  header[self.col(statusCol)] = "状态 Status";
  header[self.col(leftCol)] = "未解释 Unexplained";
  header[self.col("detail")] = "原因与订单 Why, and which orders";
  const diffRows: SpecCell[][] = [header];
  diffs.forEach((d, i) => {
    const row = diffFirst + i;
    const cells = blank();
    cells[0] = { date: d.date };
    cells[1] = cellText(d.agent.staffNo);
    cells[2] = cellText(d.agent.name);
    cells[self.col(expCol)] = yuan(d.exportSales);
    cells[self.col(attCol)] = yuan(d.attributed);
    cells[self.col(diffCol)] = formula(`${self.cell(expCol, row)}-${self.cell(attCol, row)}`, yuan(d.diff));
    cells[self.col(statusCol)] = DIFF_STATUS_TEXT[statusOf(d)];
    cells[self.col(leftCol)] = d.status === "rest" ? null : yuan(d.unexplained ?? d.diff);
    cells[self.col("detail")] = diffDetail(d);
    diffRows.push(cells);
  });

  const blocks: BlockSpec[] = [
    { rows: [total], style: "total" },
    { title: checkTitle, rows: check, style: "total" },
    // The agent-days to check, red as their days are (row 0 is the block's header).
    { title: diffTitle, rows: diffRows, alertRows: diffs.flatMap((d, i) => (statusOf(d) === "check" ? [i + 1] : [])) },
    // Last: nothing above refers to their rows.
    ...selfAuditBlocks(report, self),
  ];
  const s = SHEET_NAMES.reconciliation;
  return {
    key: "reconciliation",
    name: s.name,
    nameEn: s.nameEn,
    title: `${s.name} ${report.month}`,
    subtitle:
      `${s.nameEn} · ${report.month} · ` +
      (report.asOf != null ? `截至 As of ${wallTimeText(report.asOf)}（导出中最晚的下单/付款时间 latest order created/paid in the export）· ` : "") +
      `红色 = 需核对 red = needs a person`,
    tabColor: s.tabColor,
    columns: DAY_COLUMNS,
    rows,
    blocks,
    freeze: { rows: 3, columns: 1 },
    autoFilter: true,
    highlights: [{ columnKey: "salesExportToCheck", when: "nonzero" }],
  };
}
