import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { agent, dataset, order } from "./build";

// The report's attributions are made on first read; they must read like a plain field.
describe("attributions made on first read", () => {
  const roster = [agent("KF01", "小美"), agent("KF03", "阿强")];
  const orders = [order({ id: "2", note: "KF03 补 KF01" }), order({ id: "1", note: "KF01" }), order({ id: "3", note: "无" })];
  const build = () => buildMonth(dataset({ roster, orders }), defaultRules(), { month: "2026-10" });

  it("are one array however often read, in the order of counted, with the other codes", () => {
    const r = build();
    expect(r.attributions).toBe(r.attributions);
    expect(r.attributions.map((a) => a.orderId)).toEqual(r.counted.map((c) => c.order.id));
    expect(r.attributions.map((a) => [a.orderId, a.agent, a.matched, a.others])).toEqual([
      ["1", "KF01", "KF01", []],
      ["2", "KF03", "KF03", ["KF01"]],
      ["3", null, "", []],
    ]);
  });

  it("survive JSON, spreading and deep equality like a plain field", () => {
    const r = build();
    expect(JSON.parse(JSON.stringify({ ...r })).attributions).toEqual(r.attributions);
    expect(build()).toEqual(r);
  });
});
