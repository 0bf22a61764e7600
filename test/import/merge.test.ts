import { importSheet, mergeImports } from "../../src/core/import";
import type { Cell } from "../../src/core/import/types";

const H = ["订单编号", "买家实际支付金额", "订单状态", "退款金额"];
const sheet = (file: string, rows: Cell[][]) => importSheet({ file, sheet: "订单", rows: [H, ...rows] });

describe("mergeImports", () => {
  test("the same order exported twice counts once, with both places named", () => {
    const a = sheet("十月上.csv", [['="2873190462331523456"', "10", "交易成功", "无退款申请"], ['="2873190462331523457"', "20", "交易成功", ""]]);
    const b = sheet("十月下.csv", [['="2873190462331523457"', "20", "交易成功", "0"], ['="2873190462331523458"', "30", "交易成功", ""]]);
    const { data, problems } = mergeImports([a, b]);
    expect(data.orders.map((o) => o.id)).toEqual(["2873190462331523456", "2873190462331523457", "2873190462331523458"]);
    expect(data.orders[1].source.file).toBe("十月上.csv");
    expect(problems).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "order.duplicate",
        file: "十月下.csv",
        row: 2,
        column: "订单编号",
        value: "2873190462331523457",
        zh: "订单 2873190462331523457 重复出现（首次在 十月上.csv / 订单 第3行 (row 3)，又在 十月下.csv / 订单 第2行 (row 2)）；只计一次",
        en: "order 2873190462331523457 appears twice (first at 十月上.csv / 订单 第3行 (row 3), again at 十月下.csv / 订单 第2行 (row 2)); counted once",
      }),
    ]);
  });
  test("same id, different content: the later state is used (whichever file comes first) and the differing fields are named", () => {
    const a = sheet("a.csv", [['="2873190462331523456"', "10", "卖家已发货，等待买家确认", ""]]);
    const b = sheet("b.csv", [['="2873190462331523456"', "10", "交易成功", "5"]]);
    expect(mergeImports([b, a]).data.orders[0].status).toBe("交易成功");
    const { data, problems } = mergeImports([a, b]);
    expect(data.orders).toHaveLength(1);
    expect(data.orders[0].status).toBe("交易成功");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "order.duplicate.conflict", severity: "warning", file: "b.csv" });
    expect(problems[0].zh).toContain("内容不同（refund、status）");
    expect(problems[0].en).toContain("different content (refund, status)");
  });
  test("a duplicate inside one file is caught too", () => {
    const a = sheet("a.csv", [['="2873190462331523456"', "10", "交易成功", ""], ['="2873190462331523456"', "10", "交易成功", ""]]);
    const { data, problems } = mergeImports([a]);
    expect(data.orders).toHaveLength(1);
    expect(problems.map((p) => p.code)).toEqual(["order.duplicate"]);
  });
  test("import problems are carried; other records are concatenated; roster staff numbers stay unique", () => {
    const bad = sheet("bad.csv", [["2.87E+18", "1", "交易成功", ""]]);
    const r1 = importSheet({ file: "r1.xlsx", sheet: "花名册", rows: [["工号", "姓名", "岗位"], ["KF01", "王美", "售前"]] });
    const r2 = importSheet({ file: "r2.xlsx", sheet: "花名册", rows: [["工号", "姓名", "岗位"], ["KF01", "王美", "售前"], ["KF02", "李丽", "售后"]] });
    const { data, problems } = mergeImports([bad, r1, r2]);
    expect(data.roster.map((a) => a.staffNo)).toEqual(["KF01", "KF02"]);
    expect(problems.map((p) => p.code)).toEqual(["order.id.mangled", "roster.staffno.duplicate"]);
  });
  // Its timing (linear, not quadratic) is in bench/micro.bench.js: no wall clock in jest.
  test("200,000 orders given twice merge to 200,000", () => {
    const orders = [];
    for (let i = 0; i < 200_000; i++) orders.push({ id: String(2873190462331523456n + BigInt(i)), buyer: "", paid: 1, shipping: 0, refund: 0, status: "", createdAt: null, paidAt: null, shippedAt: null, confirmedAt: null, note: "", tracking: "", salesperson: "", source: { file: "f", sheet: "s", row: i + 2 } });
    const r = { kind: "orders" as const, recognition: { kind: "orders" as const, variant: "", headerRow: 1, columns: {}, score: 1, missing: [] }, data: { orders, shifts: [], sales: [], roster: [], incidents: [] }, problems: [], rowsRead: orders.length };
    const { data } = mergeImports([r, r]);
    expect(data.orders).toHaveLength(200_000);
  });
});

describe("shipped in the ERP, not on Taobao (the clerk's self-audit)", () => {
  const TB = ["订单编号", "买家实际支付金额", "订单状态", "订单付款时间", "发货时间"];
  const ERP = ["线上订单号", "支付金额", "订单状态", "付款时间", "发货时间", "业务员"];
  const taobao = (rows: Cell[][]) => importSheet({ file: "淘宝.csv", sheet: "订单", rows: [TB, ...rows] });
  const erp = (rows: Cell[][]) => importSheet({ file: "聚水潭.csv", sheet: "订单", rows: [ERP, ...rows] });
  const PAID = "2026-10-03 14:05:09";
  const tbRows: Cell[][] = [
    ['="2873190462331523456"', "10", "买家已付款，等待卖家发货", PAID, ""], // the ERP shipped it: listed
    ['="2873190462331523457"', "20", "卖家已发货，等待买家确认", PAID, "2026-10-04 09:00:00"], // both shipped
    ['="2873190462331523458"', "30", "买家已付款，等待卖家发货", PAID, ""], // neither shipped
    ['="2873190462331523459"', "40", "交易关闭", PAID, ""], // closed on Taobao: not a parcel to ship
  ];
  const erpRows: Cell[][] = [
    ["2873190462331523456", "10", "已发货", PAID, "2026-10-04 10:30:00", "小王"],
    ["2873190462331523457", "20", "已发货", PAID, "2026-10-04 09:00:00", "小王"],
    ["2873190462331523458", "30", "已付款待审核", PAID, "", "小王"],
    ["2873190462331523459", "40", "已发货", PAID, "2026-10-04 11:00:00", "小王"],
    ["2873190462331523460", "50", "已发货", PAID, "2026-10-04 11:00:00", "小王"], // only in the ERP
  ];

  test("each such order once, whichever file comes first, with both copies' status and place", () => {
    const t = taobao(tbRows);
    const e = erp(erpRows);
    expect([t.recognition.variant, e.recognition.variant]).toEqual(["taobao-old", "erp"]);
    for (const results of [[t, e], [e, t]]) {
      const { data } = mergeImports(results);
      expect(data.shipMismatches).toEqual([
        {
          orderId: "2873190462331523456",
          erpStatus: "已发货",
          erpShippedAt: Date.UTC(2026, 9, 4, 10, 30),
          erp: { file: "聚水潭.csv", sheet: "订单", row: 2 },
          platformStatus: "买家已付款，等待卖家发货",
          platform: { file: "淘宝.csv", sheet: "订单", row: 2 },
        },
      ]);
    }
  });

  test("not compared (absent) unless both an ERP's and the platform's export were given; [] when they agree", () => {
    expect(mergeImports([taobao(tbRows)]).data.shipMismatches).toBeUndefined();
    expect(mergeImports([erp(erpRows), erp(erpRows)]).data.shipMismatches).toBeUndefined();
    expect(mergeImports([taobao(tbRows.slice(1)), erp(erpRows)]).data.shipMismatches).toEqual([]);
  });
});

describe("an ERP row merged or split away (聚水潭 被合并 / 被拆分)", () => {
  const H2 = ["线上订单号", "支付金额", "订单状态", "付款时间", "业务员"];
  const erp = (file: string, rows: Cell[][]) => importSheet({ file, sheet: "订单", rows: [H2, ...rows] });
  const PAID = "2026-10-03 14:05:09";
  test("is known, never an error, and loses to the copy that carries the sale, whichever file comes first", () => {
    const away = erp("合并前.csv", [["2873190462331523456", "10", "被合并", PAID, "小王"]]);
    const merged = erp("合并后.csv", [["2873190462331523456", "25", "已发货", PAID, "小王"]]);
    for (const results of [[away, merged], [merged, away]]) {
      const { data, problems } = mergeImports(results);
      expect(data.orders.map((o) => [o.status, o.paid])).toEqual([["已发货", 2500]]);
      expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    }
  });
});

describe("two copies of an order: the later one is kept with what only the other says", () => {
  const TB = ["订单编号", "买家实际支付金额", "订单状态", "订单付款时间", "确认收货时间", "物流单号"];
  const ERP = ["线上订单号", "支付金额", "订单状态", "付款时间", "业务员", "快递单号", "店铺名称"];
  const PAID = "2026-10-03 14:05:09";
  test("Taobao's later copy keeps the ERP's 业务员, shop and tracking number where it has none", () => {
    const tb = () => importSheet({ file: "淘宝.csv", sheet: "订单", rows: [TB, ['="2873190462331523456"', "10", "交易成功", PAID, "2026-10-09 10:00:00", ""]] });
    const erp = () => importSheet({ file: "聚水潭.csv", sheet: "订单", rows: [ERP, ["2873190462331523456", "10", "已发货", PAID, "小王", "YT123456789", "小店旗舰店"]] });
    for (const results of [[tb(), erp()], [erp(), tb()]]) {
      const { data } = mergeImports(results);
      expect(data.orders).toHaveLength(1);
      expect(data.orders[0]).toMatchObject({ status: "交易成功", salesperson: "小王", tracking: "YT123456789", shop: "小店旗舰店" });
      expect(data.orders[0].source.file).toBe("淘宝.csv");
    }
  });
  test("a copy the same in every compared field still gives its 业务员 and tracking number to the first", () => {
    const H3 = ["线上订单号", "支付金额", "订单状态", "付款时间", "业务员", "快递单号"];
    const a = importSheet({ file: "a.csv", sheet: "订单", rows: [H3, ["2873190462331523456", "10", "已发货", PAID, "", ""]] });
    const b = importSheet({ file: "b.csv", sheet: "订单", rows: [H3, ["2873190462331523456", "10", "已发货", PAID, "小王", ""]] });
    const { data, problems } = mergeImports([a, b]);
    expect(data.orders[0]).toMatchObject({ source: { file: "a.csv" }, salesperson: "小王" });
    expect(problems.map((p) => p.code)).toEqual(["order.duplicate"]);
  });
  test("a fact the kept copy has is not overwritten", () => {
    const a = importSheet({ file: "a.csv", sheet: "订单", rows: [ERP, ["2873190462331523456", "10", "已发货", PAID, "小王", "YT1", "A店"]] });
    const b = importSheet({ file: "b.csv", sheet: "订单", rows: [ERP, ["2873190462331523456", "10", "交易成功", PAID, "小李", "YT2", "B店"]] });
    expect(mergeImports([a, b]).data.orders[0]).toMatchObject({ status: "交易成功", salesperson: "小李", tracking: "YT2", shop: "B店" });
  });
});
