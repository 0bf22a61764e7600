import { buildMonth, pickMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { agent, at, dataset, order, sales, shift } from "./build";

const OCT = { month: "2026-10" };
const roster = [agent("KF01", "小美", "小店旗舰店:小美", 2), agent("KF03", "阿强", "小店旗舰店:阿强", 3), agent("KF12", "王芳", "", 4)];

describe("attribution of orders", () => {
  const orders = [
    order({ id: "1", note: "张三, 1.2*1.5米, KF03" }),
    order({ id: "2", note: "KF03 尺寸改 1.5米 KF01" }), // appended code does not steal
    order({ id: "3", note: "加急 KF12" }), // not KF1
    order({ id: "4", note: "王芳 跟进" }), // roster name
    order({ id: "5", note: "没写工号" }),
    order({ id: "6", note: "", salesperson: "小美" }), // ERP 业务员 when the note names nobody
    order({ id: "7", note: "KF01", salesperson: "阿强" }), // note wins over 业务员
  ];
  it("first code wins, boundaries hold, names and 业务员 count, no code → unattributed", () => {
    const r = buildMonth(dataset({ roster, orders }), defaultRules(), OCT);
    expect(r.attributions.map((a) => [a.orderId, a.agent, a.matched, a.others])).toEqual([
      ["1", "KF03", "KF03", []],
      ["2", "KF03", "KF03", ["KF01"]],
      ["3", "KF12", "KF12", []],
      ["4", "KF12", "王芳", []],
      ["5", null, "", []],
      ["6", "KF01", "业务员:小美", []],
      ["7", "KF01", "KF01", []],
    ]);
    expect(r.unattributed.map((c) => c.order.id)).toEqual(["5"]);
    expect(r.problems.find((p) => p.code === "orders.unattributed")!.value).toBe("1");
  });
  it("last-code mode and a custom pattern", () => {
    const rules = defaultRules();
    rules.attribution.mode = "last";
    const r = buildMonth(dataset({ roster, orders: orders.slice(0, 2) }), rules, OCT);
    expect(r.attributions.map((a) => a.agent)).toEqual(["KF03", "KF01"]);
    const p = defaultRules();
    p.attribution.pattern = "#(KF\\d+)";
    const r2 = buildMonth(dataset({ roster, orders: [order({ id: "9", note: "KF01 转 #KF03" })] }), p, OCT);
    expect(r2.attributions[0].agent).toBe("KF03");
  });
  it("names off: only staff numbers match", () => {
    const rules = defaultRules();
    rules.attribution.matchNames = false;
    const r = buildMonth(dataset({ roster, orders: [order({ id: "4", note: "王芳 跟进" })] }), rules, OCT);
    expect(r.attributions[0].agent).toBeNull();
  });
});

describe("counted sales (回款)", () => {
  it("paid in the month, closed and unpaid excluded, refunds deducted never below 0", () => {
    const orders = [
      order({ id: "1", note: "KF01", paid: 10000, refund: 2500 }),
      order({ id: "2", note: "KF01", paid: 10000, refund: 12000 }),
      order({ id: "3", note: "KF01", paid: 10000, status: "交易关闭" }),
      order({ id: "4", note: "KF01", paid: 10000, status: "等待买家付款", paidAt: null }),
      order({ id: "5", note: "KF01", paid: 10000, paidAt: at("2026-09-30", "23:59") }),
      order({ id: "6", note: "KF01", paid: 10000, paidAt: at("2026-10-31", "23:59"), status: "卖家已发货，等待买家确认" }),
      order({ id: "7", note: "KF01", paid: 10000, paidAt: at("2026-11-01", "00:00") }),
    ];
    const r = buildMonth(dataset({ roster, orders }), defaultRules(), OCT);
    expect(r.counted.map((c) => [c.order.id, c.collected])).toEqual([
      ["1", 7500],
      ["2", 0],
      ["6", 10000],
    ]);
    const p = r.performance.find((x) => x.agent.staffNo === "KF01")!;
    expect([p.orders, p.sales, p.refunds, p.collected]).toEqual([3, 30000, 14500, 17500]);
    expect(r.shopCollected).toBe(17500);
  });
  it("options: exclude shipping, only 交易成功, confirmed-receipt basis", () => {
    const o = [
      order({ id: "1", note: "KF01", paid: 10000, shipping: 800, confirmedAt: at("2026-11-02") }),
      order({ id: "2", note: "KF01", paid: 10000, status: "卖家已发货，等待买家确认", paidAt: at("2026-09-28"), confirmedAt: at("2026-10-03") }),
    ];
    const ship = defaultRules();
    ship.sales.excludeShipping = true;
    expect(buildMonth(dataset({ roster, orders: o }), ship, OCT).shopCollected).toBe(9200);
    const only = defaultRules();
    only.sales.onlyStatuses = ["交易成功"];
    expect(buildMonth(dataset({ roster, orders: o }), only, OCT).counted.map((c) => c.order.id)).toEqual(["1"]);
    const conf = defaultRules();
    conf.sales.dateBasis = "confirmed";
    expect(buildMonth(dataset({ roster, orders: o }), conf, OCT).counted.map((c) => c.order.id)).toEqual(["2"]);
  });
});

describe("identity", () => {
  it("resolves 工号, 姓名 and 旺旺 (full or after the colon); flags agents missing from the roster", () => {
    const data = dataset({
      roster,
      shifts: [shift("阿强", "2026-10-05", "白班", "08:40", "17:30", { staffNo: "", name: "阿强" }), shift("KF09", "2026-10-05", "白班", "08:20", "17:30", { name: "赵六" })],
      sales: [
        sales("小店旗舰店:小美", "2026-10-05", { inquiries: 10, payers: 5 }),
        sales("阿强", "2026-10-05", { inquiries: 4, payers: 1 }),
        sales("小店旗舰店:新人", "2026-10-05", { inquiries: 2, payers: 0 }),
      ],
    });
    const r = buildMonth(data, defaultRules(), OCT);
    expect(r.agents.map((a) => [a.staffNo, a.name, a.inRoster])).toEqual([
      ["KF01", "小美", true],
      ["KF03", "阿强", true],
      ["KF12", "王芳", true],
      ["KF09", "赵六", false],
      ["小店旗舰店:新人", "新人", false],
    ]);
    const perf = (s: string) => r.performance.find((p) => p.agent.staffNo === s)!;
    expect([perf("KF01").inquiries, perf("KF01").payers, perf("KF01").conversion]).toEqual([10, 5, 0.5]);
    expect(perf("KF03").lateCount).toBe(1);
    const warn = r.problems.filter((p) => p.code === "agent.notInRoster");
    expect(warn.map((p) => [p.severity, p.value, p.file])).toEqual([
      ["warning", "KF09", "attendance.xlsx"],
      ["warning", "小店旗舰店:新人", "sales.xlsx"],
    ]);
  });
  it("a row naming nobody is skipped with a located warning, never silently", () => {
    const data = dataset({ roster, shifts: [shift("", "2026-10-05", "白班", "08:40", "17:30")], sales: [sales("  ", "2026-10-05", { inquiries: 3 })] });
    const r = buildMonth(data, defaultRules(), OCT);
    expect(r.problems.filter((p) => p.code === "row.agent.missing").map((p) => p.file)).toEqual(["attendance.xlsx", "sales.xlsx"]);
    expect(r.penalties).toHaveLength(0);
  });

  it("two roster rows with one staff number: an error, the first row kept", () => {
    const data = dataset({ roster: [agent("KF01", "小美", "", 2), agent("kf01", "冒名", "", 7)] });
    const r = buildMonth(data, defaultRules(), OCT);
    expect(r.agents.map((a) => a.name)).toEqual(["小美"]);
    const e = r.problems.find((p) => p.code === "roster.staffNo.duplicate")!;
    expect([e.severity, e.row, e.value]).toEqual(["error", 7, "kf01"]);
  });
});

describe("pickMonth", () => {
  it.each([
    [[at("2026-10-01"), at("2026-10-31"), at("2026-11-01")], "2026-10"],
    [[at("2026-10-01"), at("2026-11-01")], "2026-11"], // a tie goes to the later month
    [[null, null], null],
    [[], null],
  ] as const)("%p → %p", (times, month) => {
    expect(pickMonth(times.map((paidAt) => ({ paidAt })))).toBe(month);
  });
});
