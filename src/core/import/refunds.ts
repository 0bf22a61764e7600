/**
 * Taobao's refund report (退款报表): 订单编号, 退款编号, 买家退款金额, 退款状态, 退款完结时间 →
 * `Refund`s. Read for the clawback of last month's late refunds (追回); given with the orders.
 */
import type { Refund } from "../model";
import { codeOf, textOf } from "./cells";
import { colOf, rowBlank, type KindReader, type SheetContext } from "./context";
import type { Cell, Recognition } from "./types";

const refundOrderCode = () => "refund.order.invalid";
const REFUND_SKIPPED = ["该退款未导入", "the refund is skipped"] as const;

export function createRefundsReader(ctx: SheetContext, rec: Recognition): KindReader {
  const c = rec.columns;
  const iOrder = colOf(c, "orderId");
  const iRefund = colOf(c, "refundId");
  const iAmount = colOf(c, "amount");
  const iStatus = colOf(c, "status");
  const iDone = colOf(c, "completedAt");
  const columns = [iOrder, iRefund, iAmount, iStatus, iDone].filter((i) => i >= 0);
  const out: Refund[] = (ctx.data.refunds ??= []);

  return {
    columns,
    read(row: Cell[], rowNo: number): boolean {
      if (rowBlank(row, columns)) return false;
      const orderId = ctx.orderId(row, iOrder, rowNo, refundOrderCode, REFUND_SKIPPED);
      if (orderId === null) return true;
      const amount = ctx.money(row, iAmount, rowNo, "refund.amount.invalid");
      if (amount === null) {
        ctx.cell("error", "refund.amount.missing", rowNo, iAmount, row[iAmount], "退款金额为空或无法识别；该退款未导入", "the refund amount is blank or unreadable; the refund is skipped");
        return true;
      }
      out.push({
        orderId,
        ...(iRefund >= 0 && codeOf(row[iRefund]) !== "" ? { refundId: codeOf(row[iRefund]) } : {}),
        amount,
        status: iStatus >= 0 ? textOf(row[iStatus]) : "",
        completedAt: ctx.dateTime(row, iDone, rowNo, "refund.completedAt.invalid"),
        source: { file: ctx.file, sheet: ctx.sheet, row: rowNo },
      });
      return true;
    },
    finish(): void {},
  };
}
