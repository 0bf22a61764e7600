import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { MAX_CELL_TEXT } from "../../../src/core/reports/text";
import type { Order } from "../../../src/core/model";
import { agent, dataset, order } from "./build";

// Each free-text field of an order that reaches a cell: one located warning when it is longer than
// a cell holds, none at the limit. (The scan reads the fields by name before its generic check.)
const FIELDS: [keyof Order, string][] = [
  ["buyer", "买家会员名"],
  ["status", "订单状态"],
  ["note", "订单备注"],
  ["tracking", "物流单号"],
  ["salesperson", "业务员"],
];

function tooLong(o: Order) {
  const r = buildMonth(dataset({ roster: [agent("KF01", "小美")], orders: [order({ id: "1", note: "KF01" }), o] }), defaultRules(), { month: "2026-10" });
  return r.problems.filter((p) => p.code === "text.too_long");
}

describe("order text longer than a cell", () => {
  test.each(FIELDS)("%s: one warning past the limit, none at it", (field, column) => {
    const at = order({ id: "2", note: "KF01" });
    const long = { ...at, [field]: (field === "status" ? "交易成功" : "") + "x".repeat(MAX_CELL_TEXT + 1) } as Order;
    const found = tooLong(long);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", column, row: long.source.row });
    const exact = { ...at, [field]: "x".repeat(MAX_CELL_TEXT) } as Order;
    expect(tooLong(exact)).toHaveLength(0);
  });

  test("two long fields of one order: a warning each, in the fields' order", () => {
    const o = { ...order({ id: "2", note: "KF01" }), buyer: "b".repeat(MAX_CELL_TEXT + 5), tracking: "t".repeat(MAX_CELL_TEXT + 5) };
    expect(tooLong(o).map((p) => p.column)).toEqual(["买家会员名", "物流单号"]);
  });
});
