/**
 * Return-shipping claims (运费补贴 / 退货运费): the shop's own sheet or an ERP 售后 export —
 * 日期, 订单编号, 售后类型 (质量问题 / 换货 / 七天无理由 …), 省份 (or 收货地址), 退货运费 →
 * `ReturnShippingClaim`s. What the shop pays is the engine's (reports/returnShipping.ts).
 */
import type { ReturnShippingClaim } from "../model";
import { dateOf, readDateTime, textOf } from "./cells";
import { colOf, EXPECT, rowBlank, type KindReader, type SheetContext } from "./context";
import type { Cell, Recognition } from "./types";

/** The province an address starts with (广东省深圳市… → 广东; 上海市… → 上海); "" when none. */
export function provinceOf(text: string): string {
  const m = /^\s*(内蒙古|黑龙江|[\u4e00-\u9fff]{2})(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)?/.exec(text);
  return m ? m[1] : "";
}

const shippingOrderCode = (reason: string) => `shipping.order.${reason}`;

export function createReturnShippingReader(ctx: SheetContext, rec: Recognition): KindReader {
  const c = rec.columns;
  const iDate = colOf(c, "date");
  const iOrder = colOf(c, "orderId");
  const iReason = colOf(c, "reason");
  const iProvince = colOf(c, "province");
  const iAddress = colOf(c, "address");
  const iClaimed = colOf(c, "claimed");
  const columns = [iDate, iOrder, iReason, iProvince, iAddress, iClaimed].filter((i) => i >= 0);
  const out: ReturnShippingClaim[] = (ctx.data.returnShipping ??= []);

  return {
    columns,
    read(row: Cell[], rowNo: number): boolean {
      if (rowBlank(row, columns)) return false;
      const orderId = ctx.orderId(row, iOrder, rowNo, shippingOrderCode);
      if (orderId === null) return true;
      const t = readDateTime(row[iDate]);
      if (t === null || isNaN(t)) {
        ctx.bad("error", t === null ? "shipping.date.missing" : "shipping.date.invalid", rowNo, iDate, row[iDate], EXPECT.date, true);
        return true;
      }
      const reason = textOf(row[iReason]);
      if (reason === "") {
        ctx.cell("error", "shipping.reason.missing", rowNo, iReason, "", "缺少售后类型（质量问题、换货、七天无理由 …）；该行未导入", "the after-sales kind (质量问题, 换货, 七天无理由 …) is missing; the row is skipped");
        return true;
      }
      const written = iProvince >= 0 ? textOf(row[iProvince]) : "";
      out.push({
        date: dateOf(t),
        orderId,
        reason,
        province: provinceOf(written !== "" ? written : iAddress >= 0 ? textOf(row[iAddress]) : ""),
        claimed: ctx.money(row, iClaimed, rowNo, "shipping.claimed.invalid"),
        source: { file: ctx.file, sheet: ctx.sheet, row: rowNo },
      });
      return true;
    },
    finish(): void {},
  };
}
