/**
 * 淘宝客 — the affiliate commission (reports/affiliate.ts): one row per counted order with its
 * base, rate and commission (the 50% cap marked), then per affiliate the month's confirmed
 * orders, the tier's rate and the commission. Written only when a 淘宝联盟 export was given.
 */
import type { MonthReport } from "../reports/types";
import { cellText, yuan, yuanOrNull } from "./layout";
import type { ColumnSpec, SheetSpec, SpecCell } from "./types";

export const AFFILIATE_SHEET = { name: "淘宝客", nameEn: "Affiliates", tabColor: "#C55A11" } as const;

export const AFFILIATE_COLUMNS: ColumnSpec[] = [
  { key: "affiliate", header: "淘宝客 Affiliate", format: "text", width: 18 },
  { key: "orderId", header: "订单编号 Order", format: "text", width: 22 },
  { key: "date", header: "结算日期 Settled", format: "date", width: 12 },
  { key: "price", header: "商品单价 Unit price", format: "money", width: 12 },
  { key: "amount", header: "付款金额 Paid", format: "money", width: 12 },
  { key: "shipping", header: "邮费 Shipping", format: "money", width: 10 },
  { key: "base", header: "计佣基数 Base", format: "money", width: 12 },
  { key: "rate", header: "比例 Rate", format: "rate", width: 10 },
  { key: "commission", header: "佣金 Commission", format: "money", width: 12 },
  { key: "capped", header: "封顶 Capped", format: "text", width: 8 },
];

export function buildAffiliateSheet(report: MonthReport): SheetSpec | null {
  const lines = report.affiliates;
  if (!lines) return null;
  const rows: SpecCell[][] = [];
  for (const a of lines) {
    for (const o of a.lines) {
      rows.push([cellText(a.affiliate), o.orderId, { date: o.date }, yuanOrNull(o.price), yuan(o.amount), yuan(o.shipping), yuan(o.base), a.rate, yuan(o.commission), o.capped ? "是" : ""]);
    }
  }
  const totals: SpecCell[][] = lines.map((a) => [cellText(a.affiliate), `${a.orders} 单 orders`, null, null, null, null, null, a.rate, yuan(a.commission), ""]);
  const cap = `${+(report.rules.affiliate.cap * 100).toFixed(4)}%`;
  return {
    key: "affiliate",
    name: AFFILIATE_SHEET.name,
    nameEn: AFFILIATE_SHEET.nameEn,
    title: `${AFFILIATE_SHEET.name} ${report.month}`,
    subtitle: `${AFFILIATE_SHEET.nameEn} · ${report.month} · 当月确认收货单数定档；基数 = 单价与（付款 − 邮费）取大；每单不超过付款的 ${cap} the month's confirmed orders pick the rate; base = max(unit price, paid − shipping); at most ${cap} of the payment`,
    tabColor: AFFILIATE_SHEET.tabColor,
    columns: AFFILIATE_COLUMNS,
    rows,
    blocks: [{ title: "按淘宝客合计 Per affiliate", rows: totals, style: "total" }],
    freeze: { rows: 3, columns: 2 },
    autoFilter: true,
  };
}
