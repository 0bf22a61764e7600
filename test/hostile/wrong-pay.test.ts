/**
 * Silent wrong pay (issue 18, high): a numeric 工号 found inside a size or a time; a note naming
 * two agents credited without a word; a closed or cancelled order counted as collected because
 * its status was spelled another way.
 */
import { AgentMatcher } from "../../src/core/rules/attribution";
import { KNOWN_STATUSES, statusMeaning, statusVerdict } from "../../src/core/rules/collected";
import { defaultRules } from "../../src/core/rules/defaults";
import { build, cleanupTmp, csv } from "./harness";
import * as C from "./corpus";

afterAll(cleanupTmp);

describe("a digits-only 工号 matches only where it stands alone", () => {
  const m = new AgentMatcher([
    { token: "2", agent: "2" },
    { token: "10", agent: "10" },
    { token: "KF01", agent: "KF01" },
  ]);
  test.each([
    ["尺寸2.4*2.7 顺丰 KF01", "KF01"],
    ["2*3米 KF01", "KF01"],
    ["买2送1", null],
    ["10:30 发货", null],
    ["12:10", null],
    ["¥10 优惠", null],
    ["x2 加急", null],
    ["2号色 加急", null],
    ["第10件", null],
    ["2", "2"],
    ["客服 10，加急", "10"],
    ["#2 顺丰", "2"],
    ["【10】补发", "10"],
    ["加急 2", "2"],
    ["ＫＦ０１ 尺寸２.４", "KF01"],
  ])("%p → %p", (note, agent) => {
    expect(m.match(note).agent).toBe(agent);
  });
});

describe("a note that names several agents is credited by the rule and warned about", () => {
  test("KF01 then KF02: credited to KF01 (first), one warning on the order's row naming both", async () => {
    const rows = C.ordersRows(3);
    rows[2][9] = "KF01 补单 KF02";
    const b = await build(C.month({ orders: C.csvFile("订单.csv", rows) }));
    expect(b.code).toBe(0);
    const w = b.json.problems.filter((p: { code: string }) => p.code === "attribution.several_agents");
    expect(w).toEqual([expect.objectContaining({ severity: "warning", file: "订单.csv", row: 3, column: "订单备注", value: "KF01 补单 KF02" })]);
    expect(w[0].zh).toContain("KF01、KF02");
    expect(w[0].en).toContain("credited to KF01");
    expect(b.problemsSheet.some((p) => p.code === "attribution.several_agents" && p.row === 3)).toBe(true);
  });

  test("a note with one agent twice is no warning", async () => {
    const rows = C.ordersRows(3);
    rows[2][9] = "KF01 补单 KF01";
    const b = await build(C.month({ orders: C.csvFile("订单.csv", rows) }));
    expect(b.json.problems.filter((p: { code: string }) => p.code === "attribution.several_agents")).toEqual([]);
  });
});

describe("order statuses: every known form has its meaning; an unknown one is an error on its row, not collected", () => {
  const s = defaultRules().sales;
  test.each([
    ["TRADE_CLOSED", "closed"],
    ["TRADE_CLOSED_BY_TAOBAO", "closed"],
    ["trade_finished", "done"],
    ["WAIT_SELLER_SEND_GOODS", "paid"],
    ["WAIT_BUYER_PAY", "unpaid"],
    ["已取消", "closed"],
    ["交易已关闭", "closed"],
    ["退款成功", "closed"],
    ["付款以后用户退款成功，交易自动关闭", "closed"],
    ["等待卖家发货,即:买家已付款", "paid"],
    ["等待买家确认收货,即:卖家已发货", "shipped"],
    ["卖家已发货, 等待买家确认", "shipped"],
    ["交易关闭（退款）", "closed"],
    ["已付款待审核", "paid"],
    ["已完成", "done"],
    ["被合并", "superseded"],
    ["被拆分", "superseded"],
    // paid, part of it refunded: counts at paid − refund (it was an unknown status, never counted)
    ["部分退款", "paid"],
    ["部分退款成功", "paid"],
  ])("%p is %p", (status, meaning) => {
    expect(statusMeaning(status)).toBe(meaning);
  });

  test("closed, cancelled and unpaid never count; unknown statuses do not count and are not known", () => {
    for (const st of [...KNOWN_STATUSES.closed, ...KNOWN_STATUSES.unpaid, ...KNOWN_STATUSES.superseded]) expect(statusVerdict(st, s)).toEqual({ counts: false, known: true });
    for (const st of [...KNOWN_STATUSES.paid, ...KNOWN_STATUSES.shipped, ...KNOWN_STATUSES.done]) expect(statusVerdict(st, s)).toEqual({ counts: true, known: true });
    expect(statusVerdict("拼团中", s)).toEqual({ counts: false, known: false });
    expect(statusVerdict("拼团中", { ...s, excludedStatuses: ["拼团"] })).toEqual({ counts: false, known: true });
    expect(statusVerdict("拼团中", { ...s, onlyStatuses: ["交易成功"] })).toEqual({ counts: false, known: true });
  });

  test("1,500 rows of an unknown status: the first 1,000 listed one by one, the rest counted in one line", async () => {
    const rows = [C.ORDER_HEADERS, ...Array.from({ length: 1500 }, (_v, i) => C.orderRow(i, { status: "拼团中" }))];
    const b = await build(C.month({ orders: C.csvFile("订单.csv", rows) }));
    const codes = b.json.problems.map((p: { code: string }) => p.code);
    expect(codes.filter((c: string) => c === "order.status.unknown")).toHaveLength(1000);
    const more = b.json.problems.filter((p: { code: string }) => p.code === "order.status.unknown.more");
    expect(more).toEqual([expect.objectContaining({ severity: "error", value: "500" })]);
  });

  test("a month with TRADE_CLOSED, 已取消, 交易已关闭, 退款成功 and an unknown status: only the good orders are collected", async () => {
    const statuses = ["TRADE_CLOSED", "已取消", "交易已关闭", "退款成功", "拼团中"];
    const good = C.ordersRows(4);
    const rows = [...good, ...statuses.map((st, i) => C.orderRow(10 + i, { status: st }))];
    const clean = await build(C.month({ orders: C.csvFile("订单.csv", good) }));
    const b = await build(C.month({ orders: { name: "订单.csv", csv: csv(rows) } }));
    expect(b.code).toBe(0);
    expect(b.json.shopCollected).toBe(clean.json.shopCollected);
    const unknown = b.json.problems.filter((p: { code: string }) => p.code === "order.status.unknown");
    expect(unknown).toEqual([expect.objectContaining({ severity: "error", file: "订单.csv", row: 10, column: "订单状态", value: "拼团中" })]);
    expect(unknown[0].zh).toMatch(/未计入/);
    expect(unknown[0].en).toMatch(/not counted/);
  });
});
