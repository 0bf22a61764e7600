/**
 * Orders (订单报表): Taobao/Tmall seller-centre exports (full 73-column and older headers) and
 * ERP exports (收货人, 支付金额, 卖家备注, 业务员 …) → `Order` records.
 *
 * The order id is the key: a row whose id is empty, not 16–19 digits, or mangled into a float
 * is reported as an error and skipped. Every other bad cell is a warning and the order is kept.
 */
import type { Order } from "../model";
import { codeOf, detach, isSummaryLabel, normaliseStatus, parseOrderId, textOf } from "./cells";
import { colOf, rowBlank, type KindReader, type SheetContext } from "./context";
import type { Cell, Recognition } from "./types";

export function createOrdersReader(ctx: SheetContext, rec: Recognition): KindReader {
  const c = rec.columns;
  const iId = colOf(c, "id");
  const iBuyer = colOf(c, "buyer");
  const iPaid = colOf(c, "paid");
  const iShipping = colOf(c, "shipping");
  const iRefund = colOf(c, "refund");
  const iStatus = colOf(c, "status");
  const iCreated = colOf(c, "createdAt");
  const iPaidAt = colOf(c, "paidAt");
  const iShipped = colOf(c, "shippedAt");
  const iConfirmed = colOf(c, "confirmedAt");
  const iNote = colOf(c, "note");
  const iMemo = colOf(c, "memo");
  const iTracking = colOf(c, "tracking");
  const iSales = colOf(c, "salesperson");
  const columns = [iId, iBuyer, iPaid, iShipping, iRefund, iStatus, iCreated, iPaidAt, iShipped, iConfirmed, iNote, iMemo, iTracking, iSales].filter(
    (i) => i >= 0,
  );
  const orders = ctx.data.orders;
  const source = { file: ctx.file, sheet: ctx.sheet };

  return {
    columns,
    read(row: Cell[], rowNo: number): boolean {
      if (rowBlank(row, columns)) return false;
      const idCell = row[iId];
      if (typeof idCell === "string" && isSummaryLabel(idCell)) {
        // ERP exports end with a totals line (合计 / 总计): not an order.
        ctx.cell("info", "order.summary_row", rowNo, iId, idCell.trim(), `「${idCell.trim()}」是汇总行，不是订单，已跳过`, `"${idCell.trim()}" is a totals row, not an order; skipped`);
        return false;
      }
      const id = parseOrderId(idCell);
      if (!id.ok) {
        ctx.cell(
          "error",
          `order.id.${id.reason}`,
          rowNo,
          iId,
          idCell,
          `${id.zh}；该行未导入`,
          `${id.en}; the row is skipped`,
        );
        return true;
      }
      const note = textOf(row[iNote]);
      const memo = iMemo >= 0 ? textOf(row[iMemo]) : "";
      const order: Order = {
        id: id.id,
        buyer: iBuyer >= 0 ? textOf(row[iBuyer]) : "",
        paid: ctx.money(row, iPaid, rowNo, "order.paid.invalid") ?? 0,
        shipping: ctx.money(row, iShipping, rowNo, "order.shipping.invalid") ?? 0,
        refund: ctx.money(row, iRefund, rowNo, "order.refund.invalid") ?? 0,
        status: iStatus >= 0 ? normaliseStatus(row[iStatus]) : "",
        createdAt: ctx.dateTime(row, iCreated, rowNo, "order.createdAt.invalid"),
        paidAt: ctx.dateTime(row, iPaidAt, rowNo, "order.paidAt.invalid"),
        shippedAt: ctx.dateTime(row, iShipped, rowNo, "order.shippedAt.invalid"),
        confirmedAt: ctx.dateTime(row, iConfirmed, rowNo, "order.confirmedAt.invalid"),
        note: memo === "" ? note : note === "" ? memo : detach(note + " " + memo),
        tracking: iTracking >= 0 ? codeOf(row[iTracking]) : "",
        salesperson: iSales >= 0 ? textOf(row[iSales]) : "",
        source: { file: source.file, sheet: source.sheet, row: rowNo },
      };
      if (order.paid < 0 || order.refund < 0 || order.shipping < 0) {
        const col = order.paid < 0 ? iPaid : order.refund < 0 ? iRefund : iShipping;
        ctx.cell(
          "warning",
          "order.amount.negative",
          rowNo,
          col,
          row[col],
          "金额为负数；按原值保留，请核对",
          "the amount is negative; kept as written, please check it",
        );
      }
      orders.push(order);
      return true;
    },
    finish(): void {},
  };
}
