/**
 * 运费补贴 — the month's return-shipping reimbursements (reports/returnShipping.ts), one row per
 * claim with its order, kind, province, claimed fee, what is paid and why; the day's total goes
 * into 每日对账 as its own last column (a live SUMIFS over this sheet). Both only when a 运费补贴
 * sheet was given: a month without one has the workbook it always had.
 */
import type { MonthReport } from "../reports/types";
import { TableRef, cellText, formula, yuan, yuanOrNull } from "./layout";
import type { ColumnSpec, SheetSpec, SpecCell } from "./types";
import { columnLetter } from "../values";

export const SHIPPING_SHEET = { name: "运费补贴", nameEn: "Return shipping", tabColor: "#7F6000" } as const;

export const SHIPPING_COLUMNS: ColumnSpec[] = [
  { key: "date", header: "日期 Date", format: "date", width: 12 },
  { key: "orderId", header: "订单编号 Order", format: "text", width: 22 },
  { key: "reason", header: "售后类型 Kind", format: "text", width: 14 },
  { key: "province", header: "省份 Province", format: "text", width: 10 },
  { key: "claimed", header: "申报运费 Claimed", format: "money", width: 12 },
  { key: "amount", header: "补贴 Paid", format: "money", width: 12 },
  { key: "why", header: "说明 Why", format: "text", width: 48 },
];

export function buildReturnShippingSheet(report: MonthReport): SheetSpec | null {
  const lines = report.returnShipping;
  if (!lines) return null;
  const t = new TableRef(SHIPPING_SHEET.name, SHIPPING_COLUMNS, lines.length);
  const rows: SpecCell[][] = lines.map((l) => [{ date: l.date }, l.orderId, cellText(l.reason), cellText(l.province), yuanOrNull(l.claimed), yuan(l.amount), cellText(l.why)]);
  const total = lines.reduce((s, l) => s + l.amount, 0);
  return {
    key: "returnShipping",
    name: SHIPPING_SHEET.name,
    nameEn: SHIPPING_SHEET.nameEn,
    title: `${SHIPPING_SHEET.name} ${report.month}`,
    subtitle: `${SHIPPING_SHEET.nameEn} · ${report.month} · 近处/外省标准、上限、换货分摊、七天无理由见「规则」【运费补贴】 near/far amounts, cap, exchange share and no-reason returns: the rules sheet`,
    tabColor: SHIPPING_SHEET.tabColor,
    columns: SHIPPING_COLUMNS,
    rows,
    blocks: [{ rows: [["合计 Total", null, null, null, null, formula(`SUM(${t.range("amount", false)})`, yuan(total)), null]], style: "total" }],
    freeze: { rows: 3, columns: 2 },
    autoFilter: true,
  };
}

/**
 * 每日对账 with the day's reimbursements as its last column: SUMIFS over 运费补贴 by day (the
 * totals row sums it). Unchanged when there is no 运费补贴 sheet.
 */
export function withShippingColumn(recon: SheetSpec, report: MonthReport): SheetSpec {
  const lines = report.returnShipping;
  if (!lines) return recon;
  const t = new TableRef(SHIPPING_SHEET.name, SHIPPING_COLUMNS, lines.length);
  const days = new TableRef(recon.name, recon.columns, report.days.length);
  const byDay = new Map<string, number>();
  for (const l of lines) byDay.set(l.date, (byDay.get(l.date) ?? 0) + l.amount);
  const col = recon.columns.length;
  const letter = columnLetter(col);
  const rows = report.days.map((d, i) => {
    const row = recon.rows[i].slice();
    while (row.length < col) row.push(null);
    row.push(formula(`SUMIFS(${t.range("amount", true)},${t.range("date", true)},${days.cell("date", days.firstRow + i)})`, yuan(byDay.get(d.date) ?? 0)));
    return row;
  });
  const inMonth = [...byDay.entries()].filter(([d]) => report.days.some((x) => x.date === d)).reduce((s, [, v]) => s + v, 0);
  const blocks = recon.blocks.map((b, k) => ({
    ...b,
    rows: b.rows.map((r) => {
      const cells = r.slice();
      while (cells.length < col) cells.push(null);
      // The totals row (the first block) sums the new column like the others.
      cells.push(k === 0 && r[0] === "合计 Total" ? formula(`SUM(${letter}${days.firstRow}:${letter}${days.firstRow + Math.max(report.days.length, 1) - 1})`, yuan(inMonth)) : null);
      return cells;
    }),
  }));
  return { ...recon, columns: [...recon.columns, { key: "returnShipping", header: "运费补贴 Return shipping", format: "money", width: 12 }], rows, blocks };
}

