/**
 * The rules sheet's 【列名 Column names】 block: written and read back, every bad line a located
 * error; and the guesses the command line and the pane preselect for a missing field.
 */
import { mappingLines, mappingNeeds } from "../../../src/core/import/mapping";
import { recognise } from "../../../src/core/import";
import { defaultRules } from "../../../src/core/rules/defaults";
import { RULES_HEADER, rulesFromRows, rulesToRows } from "../../../src/core/rules/sheet";
import type { Cell } from "../../../src/core/import/types";

const where = { file: "规则.xlsx", sheet: "规则" };

test("the default sheet shows the block with an example that is not in force", () => {
  const rows = rulesToRows(defaultRules());
  const at = rows.findIndex((r) => String(r[0]).startsWith("【列名"));
  expect(at).toBeGreaterThan(0);
  expect(rows[at + 1].slice(0, 5)).toEqual(["例 e.g.", "", "订单", "付款时间", "付款日期"]);
  expect(rulesFromRows(rows, where).rules.columns).toEqual([]);
});

test("mappings round-trip through the sheet, written in Chinese, read in any spelling", () => {
  const rules = defaultRules();
  rules.columns = [
    { kind: "orders", field: "paidAt", header: "付款日期" },
    { kind: "attendance", field: "clockIn", header: "第一次打卡" },
  ];
  const rows = rulesToRows(rules);
  expect(rulesFromRows(rows, where)).toEqual({ rules, problems: [] });
  const typed: Cell[][] = [RULES_HEADER.slice(), ["", "column", "orders", "订单付款时间", "付款日期"], ["", "column", "考勤表", "clockIn", "第一次打卡"]];
  expect(rulesFromRows(typed, where).rules.columns).toEqual(rules.columns);
});

test.each([
  [["", "column", "快递", "付款时间", "付款日期"], "rules.column.kind", "C 来源 Source"],
  [["", "column", "订单", "付钱的时候", "付款日期"], "rules.column.field", "D 字段 Field"],
  [["", "column", "订单", "付款时间", "?"], "rules.column.header", "E 文件中的列名 Header"],
  [["", "column", "订单", "付款时间", ""], "rules.column.header", "E 文件中的列名 Header"],
])("a bad line is a located error: %j", (line, code, column) => {
  const { rules, problems } = rulesFromRows([RULES_HEADER.slice(), line as Cell[]], where);
  expect(problems.map((p) => [p.code, p.row, p.column])).toEqual([[code, 2, column]]);
  expect(rules.columns).toEqual([]);
});

test("one header cannot be two fields of a kind (the second line is the error)", () => {
  const { rules, problems } = rulesFromRows(
    [RULES_HEADER.slice(), ["", "column", "订单", "付款时间", "日期"], ["", "column", "订单", "下单时间", " 日期 "], ["", "column", "考勤", "日期", "日期"]],
    where,
  );
  expect(problems.map((p) => [p.code, p.row])).toEqual([["rules.column.duplicate", 3]]);
  expect(rules.columns.map((c) => [c.kind, c.field])).toEqual([
    ["orders", "paidAt"],
    ["attendance", "date"],
  ]);
});

test("a mapped header is recognised before the built-in aliases, even another field's alias", () => {
  const rows: Cell[][] = [["订单编号", "买家实际支付金额", "发货时间", "订单备注"]];
  expect(recognise(rows).columns.shippedAt).toBe(2);
  const r = recognise(rows, [{ kind: "orders", field: "paidAt", header: "发货时间" }]);
  expect([r.columns.paidAt, r.columns.shippedAt]).toEqual([2, undefined]);
});

describe("guesses for missing fields", () => {
  test("shared characters pick the header; another field's own name is never a guess", () => {
    const headers = ["单号", "买家应付邮费", "实收款", "支付日期", "客服留言", "交易进度"];
    const needs = mappingNeeds("orders", headers, {});
    expect(needs.map((n) => [n.label, n.column === null ? null : headers[n.column], n.guess === null ? null : headers[n.guess]])).toEqual([
      ["订单编号", null, "单号"],
      ["实付金额", null, "实收款"],
      ["付款时间", null, "支付日期"],
      ["订单状态", null, "交易进度"],
      ["订单备注", null, "客服留言"],
    ]);
  });
  test("nothing alike: no guess, and the pasted line asks for the header", () => {
    const needs = mappingNeeds("sales", ["甲", "乙"], {});
    expect(needs.every((n) => n.guess === null && n.column === null)).toBe(true);
    expect(mappingLines([{ kind: "sales", field: "nick", header: "?" }])).toEqual(["旺旺昵称\tcolumn\t客服绩效\t旺旺昵称\t?"]);
  });
  test("a field found by its own name is found, not guessed", () => {
    const needs = mappingNeeds("orders", ["订单编号", "付款"], {});
    expect(needs[0]).toMatchObject({ field: "id", column: 0, guess: null });
  });
});
