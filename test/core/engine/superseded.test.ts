/**
 * An ERP row merged into or split among its other orders (聚水潭 被合并 / 被拆分): known, not
 * counted, not an error, not an unpaid order to chase — the order it moved to carries the sale.
 */
import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { agent, at, dataset, order } from "./build";

const roster = [agent("KF01", "小美", "", 2)];

test.each(["被合并", "被拆分"])("a %s row is known and not counted, and no unpaid order to chase", (status) => {
  const r = buildMonth(
    dataset({
      roster,
      orders: [
        order({ id: "1", note: "KF01", paid: 10000 }),
        order({ id: "2", note: "KF01", paid: 20000, status }),
        order({ id: "3", note: "KF01", paid: 0, paidAt: null, createdAt: at("2026-10-01"), shippedAt: null, status }),
      ],
    }),
    defaultRules(),
    { month: "2026-10" },
  );
  expect(r.problems.filter((p) => p.code.startsWith("order.status"))).toEqual([]);
  expect(r.shopCollected).toBe(10000);
  expect(r.performance.find((p) => p.agent.staffNo === "KF01")!.orders).toBe(1);
  expect(r.days.reduce((n, d) => n + d.unpaidToChase, 0)).toBe(0);
});
