/**
 * 店铺汇总 — a group of shops (多店铺), written only when the month's orders name two shops or
 * more: per day and shop the counted orders, collected (回款), attributed and unattributed, and
 * refunds; then each shop's total and each agent's collected per shop. Pay is the group's (an
 * agent who serves several shops is paid on the sum, in 提成表); the shops' figures add up to the
 * group's to the cent (they split the same counted orders).
 */
import type { MonthReport } from "../reports/types";
import { countedEach, type CountedFacts } from "../reports/counted";
import { countedShops } from "../shops";
import { cellText, yuan } from "./layout";
import type { ColumnSpec, SheetSpec, SpecCell } from "./types";

export const SHOPS_SHEET = { name: "店铺汇总", nameEn: "Shops", tabColor: "#4472C4" } as const;

export const SHOP_COLUMNS: ColumnSpec[] = [
  { key: "date", header: "日期 Date", format: "date", width: 12 },
  { key: "shop", header: "店铺 Shop", format: "text", width: 18 },
  { key: "orders", header: "订单数 Orders", format: "int", width: 10 },
  { key: "collected", header: "回款 Collected", format: "money", width: 14 },
  { key: "attributed", header: "已归属 Attributed", format: "money", width: 14 },
  { key: "unattributed", header: "未归属 Unattributed", format: "money", width: 14 },
  { key: "refunds", header: "退款 Refunds", format: "money", width: 12 },
];

interface Sum {
  orders: number;
  collected: number;
  attributed: number;
  refunds: number;
}
const zero = (): Sum => ({ orders: 0, collected: 0, attributed: 0, refunds: 0 });

/** The 店铺汇总 sheet, or null for a one-shop month (nothing to split). */
export function buildShopsSheet(report: MonthReport): SheetSpec | null {
  const shops = countedShops(report);
  if (shops.length < 2) return null;
  const NONE = "（未注明 none）";
  const byDay = new Map<string, Sum>();
  const byShop = new Map<string, Sum>();
  const byAgent = new Map<string, Sum>();
  const add = (m: Map<string, Sum>, k: string, o: CountedFacts) => {
    const s = m.get(k) ?? zero();
    s.orders++;
    s.collected += o.collected;
    if (o.agent !== null) s.attributed += o.collected;
    s.refunds += o.refund;
    m.set(k, s);
  };
  countedEach(report, (o) => {
    const shop = o.shop === "" ? NONE : o.shop;
    add(byDay, `${o.day ?? ""}\u0000${shop}`, o);
    add(byShop, shop, o);
    if (o.agent !== null) add(byAgent, `${o.agent}\u0000${shop}`, o);
  });
  const line = (first: SpecCell, shop: string, s: Sum): SpecCell[] => [first, cellText(shop), s.orders, yuan(s.collected), yuan(s.attributed), yuan(s.collected - s.attributed), yuan(s.refunds)];
  const rows = [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, s]) => {
    const [date, shop] = k.split("\u0000");
    return line(date === "" ? null : { date }, shop, s);
  });
  const totals = [...byShop.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([shop, s]) => line("合计 Total", shop, s));
  const agents = [...byAgent.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, s]) => {
    const [agent, shop] = k.split("\u0000");
    return line(cellText(agent), shop, s);
  });
  return {
    key: "shops",
    name: SHOPS_SHEET.name,
    nameEn: SHOPS_SHEET.nameEn,
    title: `${SHOPS_SHEET.name} ${report.month}`,
    subtitle: `${SHOPS_SHEET.nameEn} · ${report.month} · 各店铺相加等于全部店铺合计；提成按合计计算 the shops add up to the group; pay is on the group's sum`,
    tabColor: SHOPS_SHEET.tabColor,
    columns: SHOP_COLUMNS,
    rows,
    blocks: [
      { title: "按店铺合计 Totals per shop", rows: totals, style: "total" },
      { title: "按客服与店铺（第一列为工号） Per agent and shop (first column: staff number)", rows: agents },
    ],
    freeze: { rows: 3, columns: 2 },
    autoFilter: true,
  };
}
