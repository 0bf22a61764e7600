/** A generated Taobao order export (all 73 columns) for adapter tests, without a row in memory. */
import { TAOBAO_ORDER_HEADERS } from "../../src/core/import";
import type { DCell } from "../support/excelDouble";

const COL = new Map<string, number>(TAOBAO_ORDER_HEADERS.map((h, i) => [h, i]));
export const ORDER_WIDTH = TAOBAO_ORDER_HEADERS.length;

/** Excel serial of 2026-10-01 00:00. */
const OCT_1 = (Date.UTC(2026, 9, 1) - Date.UTC(1899, 11, 30)) / 86400000;

export function orderId(i: number): string {
  return String(2873000000000000000n + BigInt(i * 7919));
}

export function paidOf(i: number): number {
  return 10 + (i % 500);
}

/** Cell (r, c) of an order sheet with header row 1 and `n` data rows. */
export function orderCell(r: number, c: number): DCell {
  if (r === 0) return TAOBAO_ORDER_HEADERS[c];
  const i = r - 1;
  switch (c) {
    case COL.get("订单编号"):
      return orderId(i);
    case COL.get("买家会员名"):
      return "buyer" + (i % 1000);
    case COL.get("买家实际支付金额"):
      return paidOf(i);
    case COL.get("买家应付邮费"):
      return 0;
    case COL.get("订单状态"):
      return "交易成功";
    case COL.get("订单创建时间"):
      return OCT_1 + (i % 28) + 0.4;
    case COL.get("订单付款时间"):
      return OCT_1 + (i % 28) + 0.41;
    case COL.get("订单备注"):
      return `KF0${i % 9} 王小美, 1.8*2.4米, 定制图案, 10月9日发货, 顺丰`;
    case COL.get("退款金额"):
      return "无退款申请";
    case COL.get("收货地址"):
      return "浙江省 杭州市 西湖区 文三路 100 号 3 幢 501 室";
    case COL.get("宝贝标题"):
      return "定制 北欧风 客厅 挂毯 壁画 大尺寸 手工";
    default:
      // Filler text, except in the other time columns: a time that cannot be read is an error row.
      if (TAOBAO_ORDER_HEADERS[c].includes("时间")) return "";
      return (c * 31 + i) % 3 === 0 ? "" : "x" + (c % 10);
  }
}
