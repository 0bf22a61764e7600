/** Random rows and random bytes into every importer: nothing escapes, every problem is located and bilingual. */
import fc from "fast-check";
import { importCsvBytes, importSheet, TAOBAO_ORDER_HEADERS } from "../../src/core/import";
import type { Cell, ImportResult, SourceKind } from "../../src/core/import/types";

const HEADERS: Record<SourceKind, string[]> = {
  orders: [...TAOBAO_ORDER_HEADERS],
  attendance: ["姓名", "工号", "日期", "workDate", "班次", "上班1打卡时间", "上班1打卡结果", "下班1打卡时间", "下班1打卡结果", "迟到时长", "早退时长", "事假(天)"],
  sales: ["日期", "旺旺昵称", "询单人数", "询单最终付款人数", "询单最终付款金额", "平均响应时长(秒)", "客户满意率", "成功退款金额"],
  roster: ["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"],
  incidents: ["日期", "客服", "类型", "订单编号", "损失金额", "备注"],
  refunds: ["订单编号", "退款编号", "买家退款金额", "退款状态", "退款完结时间"],
  affiliate: ["淘宝订单编号", "推广者昵称", "商品单价", "付款金额", "订单状态", "结算时间"],
  returnShipping: ["日期", "订单编号", "售后类型", "省份", "退货运费"],
};

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom('="2873190462331523456"', "2.873E+18", "无退款申请", "12.50元", "次日 00:55", "24:10", "26-10-01 星期四", "汇总值", "延迟统计", "=cmd|' /C calc'!A0", "\t", "\r\n"),
);

function checkResult(r: ImportResult) {
  for (const p of r.problems) {
    expect(typeof p.zh).toBe("string");
    expect(p.zh.length).toBeGreaterThan(0);
    expect(p.en.length).toBeGreaterThan(0);
    expect(p.file).not.toBeUndefined();
    expect(["error", "warning", "info"]).toContain(p.severity);
    expect(p.value.length).toBeLessThanOrEqual(201);
  }
  // Nothing disappears silently: every data row became a record or has a problem on its row.
  const recs = [...r.data.orders, ...r.data.shifts, ...r.data.sales, ...r.data.roster, ...r.data.incidents, ...(r.data.refunds ?? []), ...(r.data.affiliates ?? []), ...(r.data.returnShipping ?? [])];
  const seen = new Set<number | null>(recs.map((x) => x.source.row));
  for (const p of r.problems) seen.add(p.row);
  expect(recs.length).toBeLessThanOrEqual(r.rowsRead);
  const accounted = [...seen].filter((x) => x !== null).length;
  expect(accounted).toBeGreaterThanOrEqual(r.rowsRead);
}

describe("fuzz", () => {
  test.each(Object.keys(HEADERS) as SourceKind[])("random rows under a %s header", (kind) => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: HEADERS[kind].length + 2 }), { maxLength: 15 }), (rows) => {
        const r = importSheet({ file: "fuzz.xlsx", sheet: "S", rows: [HEADERS[kind], ...rows] }, kind);
        expect(r.kind).toBe(kind);
        checkResult(r);
      }),
      { numRuns: 150 },
    );
  });
  test("random bytes as a CSV file, for every slot", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom<SourceKind | null>(null, "orders", "attendance", "sales", "roster", "incidents"), (bytes, kind) => {
        checkResult(importCsvBytes(bytes, "fuzz.csv", kind));
      }),
      { numRuns: 400 },
    );
  });
  test("random text after a real header, as GB18030-free UTF-8", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        const bytes = new TextEncoder().encode(HEADERS.orders.join(",") + "\r\n" + text);
        const r = importCsvBytes(bytes, "fuzz.csv", "orders");
        checkResult(r);
      }),
      { numRuns: 300 },
    );
  });
});
