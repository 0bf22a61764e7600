/**
 * Last month's board for the clawback: a credited order whose amounts are not sound numbers is
 * a located warning and left out — never read as 0, which would recover nothing in silence.
 */
import { readPrevious } from "../../../src/core/reports/pay/previous";
import type { Problem } from "../../../src/core";

const entry = { orderId: "4000000000000000001", agent: "KF01", paid: 25000, shipping: 0, refund: 0, collected: 25000 };

test.each([
  // [what, collected as the JSON holds it, shown]
  ["text", "25000", "25000"],
  ["negative", -25000, "-25000"],
  ["1e308", 1e308, "1e+308"],
  ["1e999 (Infinity once parsed)", JSON.parse("1e999"), "Infinity"],
  ["10^13 yuan, the first beyond money", 1e13, "10000000000000"],
  ["null", null, "null"],
  ["missing", undefined, "（缺 missing）"],
  ["an object", { v: 1 }, '{"v":1}'],
])("JSON collected as %s: a warning with the file, order id, field and value; the order is left out", (_what, collected, shown) => {
  const problems: Problem[] = [];
  const b = readPrevious({ file: "2026-10.json", json: { month: "2026-10", credited: [{ ...entry, collected }, { ...entry, orderId: "4000000000000000002" }] } }, problems)!;
  expect([...b.credited.keys()]).toEqual(["4000000000000000002"]);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({ severity: "warning", code: "previous.amount", file: "2026-10.json", column: "credited[0].collected (4000000000000000001)", value: shown });
  expect(problems[0].en).toContain("4000000000000000001");
  expect(problems[0].en).toContain("expected an amount");
});

test.each([
  ["0", 0, 0],
  ["a cent", 0.01, 1],
  ["just under 10^13 yuan", 9_999_999_999_999, 999_999_999_999_900],
])("JSON collected %s is read", (_what, collected, cents) => {
  const problems: Problem[] = [];
  const b = readPrevious({ file: "p.json", json: { month: "2026-10", credited: [{ ...entry, collected }] } }, problems)!;
  expect(b.credited.get(entry.orderId)!.collected).toBe(cents);
  expect(problems).toEqual([]);
});

test.each([
  ["orderId a number", { ...entry, orderId: 4000000000000000001 }, "orderId"],
  ["agent missing", { ...entry, agent: undefined }, "agent"],
])("JSON entry with %s: a warning, not a silent skip", (_what, e, field) => {
  const problems: Problem[] = [];
  readPrevious({ file: "p.json", json: { month: "2026-10", credited: [e] } }, problems);
  expect(problems.map((p) => [p.severity, p.code, p.column])).toEqual([["warning", "previous.entry", `credited[0].${field}`]]);
});

const HEAD = ["订单编号 Order ID", "客服工号 Agent", "实付 Paid", "邮费 Shipping", "退款 Refund", "回款 Collected", "计入客服业绩 Credited"];
test.each([
  // [what, collected cell, read (cents) or null (left out with a warning)]
  ["text money", "25000", 2_500_000],
  ["a number", 250.5, 25_050],
  ["negative", -250, null],
  ["beyond money", 1e308, null],
  ["text", "abc", null],
  ["a date", new Date(Date.UTC(2026, 9, 1)), null],
])("订单明细 collected as %s", (_what, cell, cents) => {
  const problems: Problem[] = [];
  const rows = [["订单明细 2026-10"], [], HEAD, ["4000000000000000001", "KF01", 250, 0, 0, cell, 1]];
  const b = readPrevious({ file: "oct.xlsx", sheets: [{ sheet: "订单明细", rows }] }, problems)!;
  if (cents !== null) {
    expect(b.credited.get("4000000000000000001")!.collected).toBe(cents);
    expect(problems).toEqual([]);
  } else {
    expect(b.credited.size).toBe(0);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: "warning", code: "previous.amount", sheet: "订单明细", row: 4 });
    expect(problems[0].column).toMatch(/^F 回款/);
  }
});

test.each([
  // [what, the clawed-back block's collected-after cell, read (cents) or null (a warning)]
  ["a number", 199.99, 19_999],
  ["text", "abc", null],
  ["negative", -1, null],
])("订单明细's clawed-back block with collected after as %s", (_what, cell, cents) => {
  const problems: Problem[] = [];
  const rows = [["订单明细 2026-11"], [], HEAD, ["4000000000000000009", "KF01", 250, 0, 0, 250, 1], [], ["上月订单追回（本月追回的上月计入订单）"], HEAD, ["4000000000000000001", "KF01", 250, null, null, cell, 0]];
  const b = readPrevious({ file: "nov.xlsx", sheets: [{ sheet: "订单明细", rows }] }, problems)!;
  expect([...b.credited.keys()]).toEqual(["4000000000000000009"]); // the block's rows are not November's credits
  if (cents !== null) {
    expect(b.clawedBack.get("4000000000000000001")).toBe(cents);
    expect(problems).toEqual([]);
  } else {
    expect(b.clawedBack.size).toBe(0);
    expect(problems).toMatchObject([{ severity: "warning", code: "previous.amount", sheet: "订单明细", row: 8, value: String(cell) }]);
  }
});

test("JSON clawed-back order with an unreadable after: a located warning, the order first credited stands", () => {
  const problems: Problem[] = [];
  const b = readPrevious({ file: "nov.json", json: { month: "2026-11", credited: [], agents: [{ agent: "KF01", clawbackOrders: [{ orderId: "4000000000000000001", before: 250, after: "x" }], performanceThreshold: 10000 }] } }, problems)!;
  expect(b.clawedBack.size).toBe(0);
  expect(b.thresholds.get("KF01")).toBe(1_000_000);
  expect(problems).toMatchObject([{ severity: "warning", code: "previous.amount", column: "agents[0].clawbackOrders[0].after (4000000000000000001)", value: "x" }]);
});

test("a 规则 sheet with an error: a warning, and the clawback falls back to this month's rules", () => {
  const problems: Problem[] = [];
  const rules = [["规则"], [], ["分组 Group", "键 Key", "值 Value"], ["提成", "commission.mode", "不知道"]];
  const b = readPrevious({ file: "oct.xlsx", sheets: [{ sheet: "订单明细", rows: [["订单明细 2026-10"], [], HEAD] }, { sheet: "规则", rows: rules }] }, problems)!;
  expect(b.rules).toBeNull();
  expect(problems.map((p) => [p.severity, p.code, p.sheet])).toEqual([["warning", "previous.rules", "规则"]]);
});
