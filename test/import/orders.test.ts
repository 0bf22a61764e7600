import { importSheet, TAOBAO_ORDER_HEADERS } from "../../src/core/import";
import type { Cell } from "../../src/core/import/types";
import { CSV_ENCODINGS, codes, errors, importCsv, importXlsx, withoutSource } from "./helpers";

const W = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s);

/** A full 73-column Taobao export row with the given fields set. */
function taobaoRow(fields: Partial<Record<(typeof TAOBAO_ORDER_HEADERS)[number], string>>): string[] {
  return TAOBAO_ORDER_HEADERS.map((h) => fields[h] ?? "");
}

/** The header with the quirks seen in real exports: trailing spaces on some names. */
const HEADER = TAOBAO_ORDER_HEADERS.map((h) => (h === "订单状态" || h === "退款金额" ? h + "  " : h));

const ROWS: string[][] = [
  HEADER,
  taobaoRow({
    订单编号: '="2873190462331523456"',
    买家会员名: "tb小店88",
    买家应付邮费: "8.00",
    买家实际支付金额: "128.00",
    订单状态: "卖家已发货,等待买家确认",
    联系手机: "'13812345678",
    订单创建时间: "2026-10-03 14:05:09",
    订单付款时间: "2026-10-03 14:06:00",
    发货时间: "2026-10-04 09:00:00",
    物流单号: "YT1234567890123",
    订单备注: "王女士, 2.8*2.6米, KF03, 米色提花/定制打孔, 10月8日发, 快递",
    退款金额: "无退款申请",
    打款商家金额: "0.00元",
    商家备忘: "小红旗：加急",
  }),
  taobaoRow({
    订单编号: "\t2873190462331523457",
    买家会员名: "=HYPERLINK(\"http://evil\",\"点我\")",
    买家实际支付金额: "￥1,234.50", // GBK has the full-width yen only
    订单状态: "交易成功",
    订单付款时间: "2026/10/5 8:01",
    确认收货时间: "2026年10月9日 10:00",
    退款金额: "12.50",
    订单备注: "KF01 李先生, 3*2.7米 KF07",
    打款商家金额: "1222.00元",
  }),
  taobaoRow({ 订单编号: "2.87319E+18", 买家实际支付金额: "99.00", 订单状态: "交易成功" }),
  taobaoRow({ 订单编号: '="2873190462331523458"', 买家实际支付金额: "五十", 订单状态: "交易关闭", 订单付款时间: "昨天" }),
  taobaoRow({}), // blank row: not data, not counted
  taobaoRow({ 订单编号: '="287319046233152"', 买家实际支付金额: "1.00", 订单状态: "交易成功" }),
];

describe("orders: Taobao full 73-column export, every quirk", () => {
  const check = (r: ReturnType<typeof importSheet>) => {
    expect(r.kind).toBe("orders");
    expect(r.recognition.variant).toBe("taobao");
    expect(r.recognition.headerRow).toBe(1);
    expect(r.rowsRead).toBe(5);
    expect(r.data.orders).toHaveLength(3);
    const [a, b, c] = r.data.orders;
    expect(a).toMatchObject({
      id: "2873190462331523456",
      buyer: "tb小店88",
      paid: 12800,
      shipping: 800,
      refund: 0,
      status: "卖家已发货，等待买家确认",
      createdAt: W(2026, 10, 3, 14, 5, 9),
      paidAt: W(2026, 10, 3, 14, 6),
      shippedAt: W(2026, 10, 4, 9),
      confirmedAt: null,
      note: "王女士, 2.8*2.6米, KF03, 米色提花/定制打孔, 10月8日发, 快递 小红旗：加急",
      tracking: "YT1234567890123",
      salesperson: "",
    });
    expect(a.source.row).toBe(2);
    expect(b).toMatchObject({ id: "2873190462331523457", paid: 123450, refund: 1250, status: "交易成功", paidAt: W(2026, 10, 5, 8, 1), confirmedAt: W(2026, 10, 9, 10) });
    // Untrusted text stays text, as written.
    expect(b.buyer).toBe('=HYPERLINK("http://evil","点我")');
    expect(c).toMatchObject({ id: "2873190462331523458", paid: 0, status: "交易关闭", paidAt: null });
    expect(c.source.row).toBe(5);

    const mangled = r.problems.find((p) => p.code === "order.id.mangled")!;
    expect(mangled).toMatchObject({ severity: "error", row: 4, column: "订单编号", value: "2.87319E+18" });
    expect(mangled.zh).toContain("末尾数字已丢失");
    expect(mangled.zh).toContain("该行未导入");
    expect(mangled.en).toContain("digits are gone and are not guessed; export it as text");
    expect(mangled.en).toContain("the row is skipped");

    const paid = r.problems.find((p) => p.code === "order.paid.invalid")!;
    expect(paid).toMatchObject({ severity: "warning", row: 5, column: "买家实际支付金额", value: "五十" });
    expect(paid.zh).toBe("无法读取「买家实际支付金额」：应为金额（如 12.50、¥1,234.50、12.50元）；该项按空值处理，其余照常导入");
    expect(paid.en).toBe('cannot read "买家实际支付金额": expected an amount of money (e.g. 12.50, ¥1,234.50, 12.50元); the field is left empty and the rest of the row is kept');

    expect(r.problems.find((p) => p.code === "order.paidAt.invalid")).toMatchObject({ severity: "error", row: 5, column: "订单付款时间", value: "昨天" });
    const short = r.problems.find((p) => p.code === "order.id.invalid")!;
    expect(short).toMatchObject({ severity: "error", row: 7, value: '="287319046233152"' });
    expect(short.zh).toBe("订单编号应为16到19位数字；该行未导入");
    expect(codes(r).sort()).toEqual(["order.id.invalid", "order.id.mangled", "order.paid.invalid", "order.paidAt.invalid"]);
  };

  test("in memory (importSheet)", () => check(importSheet({ file: "订单.csv", sheet: "订单", rows: ROWS })));
  test.each(CSV_ENCODINGS)("as CSV in %s", (enc) => {
    const r = importCsv(ROWS, enc, "orders", "订单.csv");
    expect(r.encoding).toBe(enc === "gbk" ? "gb18030" : "utf-8");
    check(r);
  });
  test("as xlsx", async () => check(await importXlsx(ROWS, "orders")));

  test("the same orders whatever the encoding", () => {
    const base = withoutSource(importCsv(ROWS, "utf8").data.orders);
    for (const enc of CSV_ENCODINGS) expect(withoutSource(importCsv(ROWS, enc).data.orders)).toEqual(base);
  });
});

describe("orders: other layouts", () => {
  test("older Taobao export (fewer columns, different order)", () => {
    const rows = [
      ["订单编号", "买家会员名", "订单状态", "买家实际支付金额", "订单付款时间", "订单备注", "退款金额"],
      ['="2873190462331523456"', "a", "交易成功", "10.00", "2026-10-03 14:05:09", "KF01", "无退款申请"],
    ];
    const r = importSheet({ file: "f", sheet: "s", rows });
    expect(r.recognition).toMatchObject({ kind: "orders", variant: "taobao-old" });
    expect(r.data.orders[0]).toMatchObject({ id: "2873190462331523456", paid: 1000, shipping: 0, refund: 0, note: "KF01", createdAt: null });
    expect(errors(r)).toHaveLength(0);
  });

  test("ERP export: 订单号 / 收货人 / 支付金额 / 卖家备注 / 业务员 / 快递单号", () => {
    const rows: Cell[][] = [
      ["订单号", "收货人", "支付金额", "运费", "订单状态", "付款时间", "卖家备注", "业务员", "快递单号"],
      ["2873190462331523456", "王女士", "99.5", "5", "已发货", "2026-10-03 14:05:09", "王女士, 2*2米", "KF05", "'773000111222333"],
    ];
    const r = importSheet({ file: "erp.xlsx", sheet: "订单", rows });
    expect(r.recognition).toMatchObject({ kind: "orders", variant: "erp" });
    expect(r.data.orders[0]).toMatchObject({ id: "2873190462331523456", buyer: "王女士", paid: 9950, shipping: 500, salesperson: "KF05", tracking: "773000111222333", note: "王女士, 2*2米" });
  });

  test("ERP with its own 订单编号 beside the platform's 线上订单号: the platform id is the order id", () => {
    const rows: Cell[][] = [
      ["订单编号", "线上订单号", "支付金额", "卖家备注"],
      ["XS2026100300012", '="2873190462331523456"', "10", "KF01"],
    ];
    const r = importSheet({ file: "erp.xlsx", sheet: "订单", rows });
    expect(r.data.orders.map((o) => o.id)).toEqual(["2873190462331523456"]);
    expect(r.problems).toEqual([]);
  });

  test("an order id given as a number cell ≥ 1e15 (xlsx) is mangled, never rounded into an id", async () => {
    const rows = [["订单编号", "买家实际支付金额"], [2873190462331523456, 10], ["2873190462331523457", 20]];
    const r = await importXlsx(rows, "orders");
    expect(r.data.orders.map((o) => o.id)).toEqual(["2873190462331523457"]);
    expect(r.problems).toEqual([expect.objectContaining({ code: "order.id.mangled", row: 2, severity: "error" })]);
  });

  test("an ERP totals row (合计) is skipped with an info problem, not an error", () => {
    const rows = [["订单号", "支付金额"], ["2873190462331523456", "10"], ["合计", "10"]];
    const r = importSheet({ file: "erp.xlsx", sheet: "s", rows });
    expect(r.data.orders).toHaveLength(1);
    expect(r.rowsRead).toBe(1);
    expect(r.problems).toEqual([expect.objectContaining({ severity: "info", code: "order.summary_row", row: 3, value: "合计", en: '"合计" is a totals row, not an order; skipped' })]);
  });

  test("status with a half-width comma is normalised to the full-width one", () => {
    const rows = [["订单编号", "买家实际支付金额", "订单状态"], ['="2873190462331523456"', "1", "买家已付款,等待卖家发货"]];
    expect(importSheet({ file: "f", sheet: "s", rows }).data.orders[0].status).toBe("买家已付款，等待卖家发货");
  });
});

describe("orders: dates outside 2000–2099 are refused at import, located, the year named", () => {
  const head = ["订单编号", "买家实际支付金额", "订单状态", "订单付款时间", "订单备注"];
  const cases: [string, string, number | null][] = [
    ["1900-01-01 00:00:00", "error", null],
    ["1999-12-31 23:59:59", "error", null],
    ["2000-01-01 00:00:00", "", W(2000, 1, 1)],
    ["2026-09-30 23:59:59", "", W(2026, 9, 30, 23, 59, 59)], // last month's order: real data
    ["2099-12-31 23:59:59", "", W(2099, 12, 31, 23, 59, 59)],
    ["2100-01-01 00:00:00", "error", null],
    ["9999-12-31 23:59:59", "error", null],
  ];
  test.each(cases)("订单付款时间 %p", (paidAt, severity, t) => {
    const r = importCsv([head, ['="2873190462331520001"', "100", "交易成功", paidAt, "KF01"]], "utf8", "orders");
    expect(r.data.orders.map((o) => o.paidAt)).toEqual([t]);
    const p = r.problems.filter((x) => x.code === "order.paidAt.invalid");
    expect(p.map((x) => [x.severity, x.row, x.column, x.value])).toEqual(severity === "" ? [] : [[severity, 2, "订单付款时间", paidAt]]);
    for (const x of p) {
      expect(x.zh).toContain(`此处为 ${paidAt.slice(0, 4)} 年`);
      expect(x.en).toContain(`in ${paidAt.slice(0, 4)}`);
    }
  });
});

describe("orders: a paid order with a blank amount counts ¥0 and says so on its row", () => {
  const head = ["订单编号", "买家实际支付金额", "订单状态", "订单付款时间", "订单备注"];
  const cases: [string, string, string, string, boolean][] = [
    ["交易成功, blank", "", "交易成功", "2026-10-02 09:05:00", true],
    ["shipped, blank", "", "卖家已发货，等待买家确认", "2026-10-02 09:05:00", true],
    ["paid, waiting to ship, blank", "", "买家已付款，等待卖家发货", "2026-10-02 09:05:00", true],
    ["no status but a payment time, blank", "", "", "2026-10-02 09:05:00", true],
    ["交易成功, blank as spaces", "   ", "交易成功", "2026-10-02 09:05:00", true],
    ["交易成功, written 0: a 0-yuan order", "0", "交易成功", "2026-10-02 09:05:00", false],
    ["交易成功, 0.01", "0.01", "交易成功", "2026-10-02 09:05:00", false],
    ["等待买家付款, blank (ERP exports)", "", "等待买家付款", "", false],
    ["交易关闭, blank", "", "交易关闭", "2026-10-02 09:05:00", false],
    ["no status, no payment time, blank", "", "", "", false],
  ];
  test.each(cases)("%s", (_, paid, status, paidAt, warned) => {
    const r = importCsv([head, ['="2873190462331520001"', paid, status, paidAt, "KF01"]], "utf8", "orders");
    expect(r.data.orders.map((o) => o.paid)).toEqual([paid.trim() === "" ? 0 : Math.round(Number(paid) * 100)]);
    const p = r.problems.filter((x) => x.code === "order.paid.blank");
    expect(p.map((x) => [x.severity, x.row, x.column])).toEqual(warned ? [["warning", 2, "买家实际支付金额"]] : []);
    if (warned) expect(p[0].zh).toContain(status === "" ? "订单有付款时间" : `订单状态为「${status}」`);
  });
});
