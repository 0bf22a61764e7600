import { recognise, normaliseHeader, TAOBAO_ORDER_HEADERS } from "../../src/core/import";
import { recogniseRows } from "../../src/core/import/headers";
import type { Cell } from "../../src/core/import/types";

describe("normaliseHeader", () => {
  test.each([
    ["\ufeff订单编号", "订单编号"],
    ["订单状态  ", "订单状态"],
    [" 退款金额 ", "退款金额"],
    ["首次响应时长（秒)", "首次响应时长(秒)"],
    ["首次响应时长(秒）", "首次响应时长(秒)"],
    ["旺旺【店铺:子账号】", "旺旺(店铺:子账号)"],
    ["订单 编号", "订单编号"],
    ["Order ID", "orderid"],
    [null, ""],
  ] as [Cell, string][])("%p → %p", (raw, key) => {
    expect(normaliseHeader(raw)).toBe(key);
  });
});

describe("recognise: every variant by its headers, wherever the columns are", () => {
  const shuffled = [...TAOBAO_ORDER_HEADERS].reverse();
  test.each([
    ["Taobao full export", [TAOBAO_ORDER_HEADERS as unknown as Cell[]], "orders", "taobao", 1],
    ["Taobao full export, columns reversed, BOM on the first", [shuffled.map((h, i) => (i === 0 ? "\ufeff" + h : h))], "orders", "taobao", 1],
    ["older Taobao export", [["订单编号", "买家会员名", "买家实际支付金额", "订单状态", "订单付款时间", "订单备注"]], "orders", "taobao-old", 1],
    ["ERP export", [["订单号", "收货人", "支付金额", "卖家备注", "业务员"]], "orders", "erp", 1],
    ["DingTalk 每日统计 (banner, two levels)", [["每日统计"], ["统计日期：…"], ["姓名", "工号", "日期", "workDate", "班次", "上班1", null, "下班1", null], ["姓名", "工号", "日期", "workDate", "班次", "打卡时间", "打卡结果", "打卡时间", "打卡结果"]], "attendance", "dingtalk", 4],
    ["manager's plain attendance", [["客服", "日期", "班次", "上班打卡", "下班打卡"]], "attendance", "plain", 1],
    ["千牛 with a banner line", [["客服绩效 2026-10"], ["日期", "旺旺昵称", "询单人数", "询单最终付款人数", "询单最终付款金额", "平均响应时长（秒)"]], "sales", "qianniu", 2],
    ["赤兔", [["客服昵称", "聊天人数(原咨询人数)", "接待人数", "询单人数", "销售额", "销售量", "销售人数", "销售订单数"]], "sales", "chitu", 1],
    ["roster", [["工号", "姓名", "旺旺 (店铺:子账号)", "岗位 (售前/售后)", "入职日期", "月度目标"]], "roster", "standard", 1],
    ["incidents", [["日期", "客服", "类型", "订单编号 (optional)", "损失金额 (optional)", "备注"]], "incidents", "standard", 1],
  ] as [string, Cell[][], string, string, number][])("%s", (_name, rows, kind, variant, headerRow) => {
    const r = recognise(rows);
    expect({ kind: r.kind, variant: r.variant, headerRow: r.headerRow }).toEqual({ kind, variant, headerRow });
    expect(r.reason).toBeUndefined();
    expect(r.score).toBeGreaterThan(0);
  });

  test("columns are found by name: the Taobao fields read in a reversed layout", () => {
    const rev = [...TAOBAO_ORDER_HEADERS].reverse() as unknown as Cell[];
    const r = recognise([rev]);
    expect(r.columns.id).toBe(rev.indexOf("订单编号"));
    expect(r.columns.paid).toBe(rev.indexOf("买家实际支付金额"));
    expect(r.columns.note).toBe(rev.indexOf("订单备注"));
    expect(r.columns.memo).toBe(rev.indexOf("商家备忘"));
    // 收货人姓名 is not the buyer when 买家会员名 is there.
    expect(r.columns.buyer).toBe(rev.indexOf("买家会员名"));
  });

  test("a header further down than 12 rows is not looked for", () => {
    const rows: Cell[][] = [...Array.from({ length: 12 }, () => ["说明"]), ["订单编号", "买家实际支付金额"]];
    const r = recognise(rows);
    expect(r.kind).toBeNull();
  });

  test("nothing fits: kind null, the closest kind and what it lacks", () => {
    const r = recognise([["订单编号", "买家会员名"], ["x", "y"]]);
    expect(r.kind).toBeNull();
    expect(r.missing).toContain("买家实际支付金额");
    expect(r.reason!.zh).toBe("未能识别表头：最接近订单报表，但缺少 买家实际支付金额、订单状态、订单付款时间、订单备注");
    expect(r.reason!.en).toBe("headers not recognised: closest to an orders export, but missing 买家实际支付金额, 订单状态, 订单付款时间, 订单备注");
  });

  test("an attendance sheet offered as orders is named for what it is", () => {
    const rows: Cell[][] = [["姓名", "工号", "日期", "班次", "上班打卡", "下班打卡"]];
    expect(recognise(rows).kind).toBe("attendance");
    const r = recogniseRows(rows, "orders");
    expect(r.kind).toBeNull();
    expect(r.closest).toBe("attendance");
    expect(r.reason!.en).toBe("this looks like an attendance sheet, not an orders export (headers on row 1)");
  });
});
