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
