/**
 * The order clerk's end-of-day self-audit (reports/selfaudit.ts) as blocks under 每日对账: the
 * orders that left without a tracking number, one a row; those waiting while their buyer's other
 * order left; those an ERP shipped and the platform's
 * export still shows waiting to ship; and the month's orders per ERP 业务员
 * with those credited to nobody — red where a clerk's total holds orders no agent wrote a code on.
 * Laid in the day table's columns (the header row of each block names what each column holds); an
 * order id from column C, so it reads apart from the date before it and has room to the right.
 */
import type { LateOrder, MonthReport } from "../reports/types";
import type { SalespersonLine } from "../reports/selfaudit";
import { cellText, wallDay, wallTimeText, yuan, type TableRef } from "./layout";
import { sourceText } from "./orders";
import { countedCount } from "../reports/counted";
import type { BlockSpec, SpecCell } from "./types";

/** Orders each self-audit list shows in the sheet, then "… n more"; the JSON lists more. */
export const LISTED_IN_SHEET = 500;

export const NO_TRACKING_TITLE = "自查：已发货但无物流单号 Self-audit: shipped without a tracking number";
export const PART_SHIPPED_TITLE = "自查：同一买家的订单只发了一部分 Self-audit: a buyer's orders shipped in part";
export const ERP_SHIPPED_TITLE = "自查：ERP 已发货、淘宝未发货（请在淘宝后台点发货） Self-audit: shipped in the ERP, not on Taobao (ship them on Taobao by hand)";
export const UNSHIPPED_TITLE = "超时未发货的订单 Paid, not shipped in time";
export const UNPAID_TITLE = "待催付的订单 Unpaid orders to chase";
export const SALESPERSON_TITLE = "自查：按业务员统计（业务员统计偏高 = 客服漏写工号） Self-audit: orders by ERP salesperson (a clerk's total too high = agents forgot their code)";

/** A row of an order list: day in A, the order id in C, two texts after it, why / where in the last column. */
interface ListRow {
  day: SpecCell;
  id: SpecCell;
  third: SpecCell;
  fourth?: SpecCell;
  why: SpecCell;
}

/** The self-audit's blocks, in order; none for a report without one. */
export function selfAuditBlocks(report: MonthReport, self: TableRef): BlockSpec[] {
  const audit = report.selfAudit;
  if (!audit) return [];
  const width = self.columns.length;
  const blank = (): SpecCell[] => new Array(width).fill(null);
  const at = (cells: SpecCell[], key: string, v: SpecCell) => (cells[self.col(key)] = v);
  const note = (text: string): SpecCell[] => {
    const cells = blank();
    cells[0] = text;
    return cells;
  };

  // An order list: a header, a row an order (the first LISTED_IN_SHEET), how many more; `none` when empty.
  const list = <T>(items: readonly T[], total: number, none: string, head: ListRow, row: (x: T) => ListRow): SpecCell[][] => {
    if (total === 0) return [note(none)];
    const put = (r: ListRow): SpecCell[] => {
      const cells = blank();
      cells[0] = r.day;
      at(cells, "ordersPaid", r.id);
      at(cells, "refunds", r.third);
      if (r.fourth !== undefined) at(cells, "attributedAmount", r.fourth);
      at(cells, "detail", r.why);
      return cells;
    };
    const rows = [put(head), ...items.slice(0, LISTED_IN_SHEET).map((x) => put(row(x)))];
    const more = total - Math.min(items.length, LISTED_IN_SHEET);
    if (more > 0) rows.push(note(`… 另有 ${more} 单 and ${more} more（共 ${total} 单 in all）`));
    return rows;
  };
  const day = (t: number | null): SpecCell => (t === null ? null : { date: wallDay(t) });

  // The 业务员 column only when the export has one.
  const withSalesperson = audit.noTracking.some((o) => o.salesperson !== "");
  const tracking = !audit.trackingKnown
    ? [note("未核对：订单导出中没有物流单号（无此列或全为空） Not checked: the order export has no tracking numbers")]
    : list(
        audit.noTracking,
        audit.noTrackingCount,
        "无 None: 本月已发货的订单都有物流单号 every shipped order of the month has a tracking number",
        { day: "发货日 Shipped", id: "订单编号 Order id", third: "订单状态 Status", ...(withSalesperson ? { fourth: "业务员 Salesperson" } : {}), why: "来源 Source" },
        (o) => ({ day: o.date === null ? null : { date: o.date }, id: cellText(o.orderId), third: cellText(o.status), ...(withSalesperson ? { fourth: cellText(o.salesperson) } : {}), why: cellText(sourceText(o.source)) }),
      );
  const blocks: BlockSpec[] = [{ title: `${NO_TRACKING_TITLE}（${audit.noTrackingCount} 单 orders）`, rows: tracking }];

  blocks.push({
    title: `${PART_SHIPPED_TITLE}（${audit.partShipped.length} 单 orders）`,
    rows: list(
      audit.partShipped,
      audit.partShipped.length,
      "无 None: 没有买家的订单只发了一部分 no buyer's orders were shipped in part",
      { day: "付款日 Paid", id: "待发货订单 Waiting order", third: "买家 Buyer", fourth: "已发货的另一单 Shipped order", why: "说明 Why" },
      (p) => {
        const left = wallTimeText(p.shippedAt);
        return {
          day: day(p.paidAt),
          id: cellText(p.orderId),
          third: cellText(p.buyer),
          fourth: cellText(p.shippedOrderId),
          why: cellText(`另一单 ${left} 发货，本单仍待发货（是否同包裹已发出？）；${sourceText(p.source)} / the other order left at ${left}, this one still waits`),
        };
      },
    ),
  });

  if (audit.erpShipped !== null) {
    blocks.push({
      title: `${ERP_SHIPPED_TITLE}（${audit.erpShipped.length} 单 orders）`,
      rows: list(
        audit.erpShipped,
        audit.erpShipped.length,
        "无 None: ERP 已发货的订单在淘宝导出中也已发货 every order the ERP shipped is shipped on the platform too",
        { day: "ERP 发货日 Shipped", id: "订单编号 Order id", third: "ERP 状态 ERP status", fourth: "淘宝状态 Platform status", why: "来源 Source (ERP；淘宝 platform)" },
        (m) => ({ day: day(m.erpShippedAt), id: cellText(m.orderId), third: cellText(m.erpStatus), fourth: cellText(m.platformStatus), why: cellText(`${sourceText(m.erp)}；${sourceText(m.platform)}`) }),
      ),
    });
  }

  if (audit.bySalesperson.length > 0) {
    const header = blank();
    header[0] = "业务员 Sales";
    at(header, "ordersCreated", "单数 Orders");
    at(header, "ordersPaid", "备注有工号 Code in note");
    at(header, "paidAmount", "回款 Collected");
    at(header, "unattributedOrders", "未归属单数 Unattributed");
    at(header, "unattributedAmount", "未归属金额 Unattributed amount");
    at(header, "unshippedLate", "按业务员列归属 Credited by 业务员");
    at(header, "detail", "说明 Why");
    const rows: SpecCell[][] = [header];
    const alertRows: number[] = [];
    const line = (label: string, s: SalespersonLine, why: string): SpecCell[] => {
      const cells = blank();
      cells[0] = cellText(label);
      at(cells, "ordersCreated", s.orders);
      at(cells, "ordersPaid", s.byNote);
      at(cells, "paidAmount", yuan(s.collected));
      at(cells, "unattributedOrders", s.unattributed);
      at(cells, "unattributedAmount", yuan(s.unattributedCollected));
      at(cells, "unshippedLate", s.byColumn);
      at(cells, "detail", why);
      return cells;
    };
    const sum: SalespersonLine = { salesperson: "", orders: 0, collected: 0, byNote: 0, byColumn: 0, unattributed: 0, unattributedCollected: 0 };
    for (const s of audit.bySalesperson) {
      if (s.unattributed > 0) alertRows.push(rows.length);
      rows.push(line(s.salesperson, s, salespersonWhy(s)));
      sum.orders += s.orders;
      sum.collected += s.collected;
      sum.byNote += s.byNote;
      sum.byColumn += s.byColumn;
      sum.unattributed += s.unattributed;
      sum.unattributedCollected += s.unattributedCollected;
    }
    // The handbook's check is that the clerks' totals add up to the shop's: the orders filed under
    // no 业务员 close the gap, and the total is the shop's own (全店回款).
    let unattributedCollected = 0;
    for (const u of report.unattributed) unattributedCollected += u.collected;
    const shop = { orders: countedCount(report), collected: report.shopCollected, unattributed: report.unattributed.length, unattributedCollected };
    const rest: SalespersonLine = {
      salesperson: "",
      orders: shop.orders - sum.orders,
      collected: shop.collected - sum.collected,
      byNote: shop.orders - sum.orders - (shop.unattributed - sum.unattributed),
      byColumn: 0,
      unattributed: shop.unattributed - sum.unattributed,
      unattributedCollected: shop.unattributedCollected - sum.unattributedCollected,
    };
    rows.push(line("无业务员 None", rest, "订单无业务员 / orders without a 业务员"));
    const total: SalespersonLine = { ...shop, salesperson: "", byNote: sum.byNote + rest.byNote, byColumn: sum.byColumn };
    rows.push(line("合计 Total", total, "= 全店回款 shop collected"));
    blocks.push({ title: SALESPERSON_TITLE, rows, alertRows });
  }
  // The orders behind the days' 超时未发货 / 待催付 counts: the clerk ships them, pre-sales chases them.
  const late = report.lateOrders;
  const asOf = report.asOf ?? null;
  if (late && asOf !== null) {
    // h:mm:ss — a second past the limit is late, and reads so.
    const hours = (since: number) => {
      const sec = Math.floor((asOf - since) / 1000);
      return `${Math.floor(sec / 3600)}:${String(Math.floor(sec / 60) % 60).padStart(2, "0")}:${String(sec % 60).padStart(2, "0")}`;
    };
    const lateList = (items: readonly LateOrder[], since: string, limit: number, none: string) =>
      list(items, items.length, none, { day: "日期 Date", id: "订单编号 Order id", third: since, why: "已过 h:mm:ss since（截至 as of " + wallTimeText(asOf) + "）" }, (o) => ({
        day: { date: o.date },
        id: cellText(o.orderId),
        third: wallTimeText(o.since),
        why: `${hours(o.since)}（超过 over ${limit} 小时 h）`,
      }));
    const r = report.rules.reconciliation;
    blocks.push({
      title: `${UNSHIPPED_TITLE}（付款超过 ${r.shipDeadlineHours} 小时 over ${r.shipDeadlineHours} h since paid；${late.unshipped.length} 单 orders）`,
      rows: lateList(late.unshipped, "付款时间 Paid at", r.shipDeadlineHours, "无 None: 付款的订单都已按时发货 every paid order shipped in time"),
    });
    blocks.push({
      title: `${UNPAID_TITLE}（下单超过 ${r.unpaidChaseHours} 小时未付款 unpaid over ${r.unpaidChaseHours} h；${late.unpaid.length} 单 orders）`,
      rows: lateList(late.unpaid, "下单时间 Created at", r.unpaidChaseHours, "无 None: 没有超时未付款的订单 no order unpaid past the limit"),
    });
  }
  return blocks;
}

/** What a 业务员's line says, in words. */
export function salespersonWhy(s: SalespersonLine): string {
  if (s.unattributed > 0) {
    const share = Math.round((s.unattributed / s.orders) * 100);
    return `${s.unattributed} 单（${share}%）无人计业绩：备注无工号、业务员不是客服，查客服是否漏写 / ${s.unattributed} orders (${share}%) credited to nobody: no code in the note, the salesperson is no agent`;
  }
  if (s.byColumn > 0) return `${s.byColumn} 单备注无工号，按业务员列归属 / ${s.byColumn} orders without a code in the note, credited by the 业务员 column`;
  return "";
}
