/**
 * 淘宝联盟 推广订单明细 (the seller's affiliate order export) → `AffiliateOrder`s: who brought
 * the order (推广者 / 淘宝客), its unit price and payment, its status and settle time. The
 * commission is the engine's (reports/affiliate.ts, rules in the 规则 sheet's 【淘宝客】 block).
 */
import type { AffiliateOrder } from "../model";
import { textOf } from "./cells";
import { colOf, rowBlank, type KindReader, type SheetContext } from "./context";
import type { Cell, Recognition } from "./types";

const affiliateOrderCode = (reason: string) => `affiliate.order.${reason}`;

export function createAffiliateReader(ctx: SheetContext, rec: Recognition): KindReader {
  const c = rec.columns;
  const iOrder = colOf(c, "orderId");
  const iWho = colOf(c, "affiliate");
  const iPrice = colOf(c, "price");
  const iAmount = colOf(c, "amount");
  const iStatus = colOf(c, "status");
  const iSettled = colOf(c, "settledAt");
  const iCreated = colOf(c, "createdAt");
  const columns = [iOrder, iWho, iPrice, iAmount, iStatus, iSettled, iCreated].filter((i) => i >= 0);
  const out: AffiliateOrder[] = (ctx.data.affiliates ??= []);

  return {
    columns,
    read(row: Cell[], rowNo: number): boolean {
      if (rowBlank(row, columns)) return false;
      const orderId = ctx.orderId(row, iOrder, rowNo, affiliateOrderCode);
      if (orderId === null) return true;
      const affiliate = textOf(row[iWho]);
      if (affiliate === "") {
        ctx.cell("error", "affiliate.who.missing", rowNo, iWho, "", "缺少推广者（淘宝客）；该行未导入", "the affiliate (推广者) is missing; the row is skipped");
        return true;
      }
      const price = ctx.money(row, iPrice, rowNo, "affiliate.price.invalid");
      const amount = ctx.money(row, iAmount, rowNo, "affiliate.amount.invalid");
      if (amount === null && price === null) {
        const col = iAmount >= 0 ? iAmount : iPrice;
        ctx.cell("error", "affiliate.amount.missing", rowNo, col, row[col], "付款金额和商品单价都为空或无法识别；该行未导入", "neither the payment nor the unit price can be read; the row is skipped");
        return true;
      }
      out.push({
        orderId,
        affiliate,
        price,
        amount: amount ?? price!,
        status: iStatus >= 0 ? textOf(row[iStatus]) : "",
        settledAt: ctx.dateTime(row, iSettled, rowNo, "affiliate.settledAt.invalid"),
        createdAt: ctx.dateTime(row, iCreated, rowNo, "affiliate.createdAt.invalid"),
        source: { file: ctx.file, sheet: ctx.sheet, row: rowNo },
      });
      return true;
    },
    finish(): void {},
  };
}
