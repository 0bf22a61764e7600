/**
 * A note whose first code is on no roster row (a departed agent's KF09, a typo) before a roster
 * code: the first-code rule credits the roster code, and the manager is told the order may be
 * someone else's — never credited in silence.
 */
import { buildMonth } from "../../../src/core/engine";
import { AgentMatcher } from "../../../src/core/rules/attribution";
import { defaultRules } from "../../../src/core/rules/defaults";
import { agent, at, dataset, order } from "./build";

const m = new AgentMatcher(["KF01", "KF02", "KF03"].map((t) => ({ token: t, agent: t })));

test.each([
  ["KF09 KF02", "KF09"],
  ["ＫＦ０９ 加急 KF02", "ＫＦ０９"],
  ["kf9 KF02", "kf9"],
  // the append-only edit of a roster code: both on the roster, the several-agents warning's case
  ["KF01KF02", null],
  ["KF02", null],
  ["王女士 2.4*2.7米 KF02", null],
  // not codes: a longer word, letters alone
  ["TKF09 KF02", null],
  ["KF KF02", null],
  // after the credited code: not the first written
  ["KF02 KF09", null],
])("%p: unknown code before the credited one %p", (note, unknown) => {
  const found = m.match(note);
  expect(m.unknownCodeBefore(note, found.matched)).toBe(unknown);
});

test("only codes of the roster's shape, only where the first code wins", () => {
  expect(new AgentMatcher([{ token: "小美", agent: "KF01" }]).unknownCodeBefore("KF09 小美", "小美")).toBeNull();
  expect(new AgentMatcher([{ token: "KF02", agent: "KF02" }], "last").unknownCodeBefore("KF09 KF02", "KF02")).toBeNull();
});

test("the order stays credited by the rule, with a located warning naming both codes", () => {
  const r = buildMonth(
    dataset({
      roster: [agent("KF01", "小美"), agent("KF02", "阿强")],
      orders: [order({ id: "51", note: "KF09 KF02", paid: 10000, paidAt: at("2026-10-05") }), order({ id: "52", note: "KF02", paid: 5000, paidAt: at("2026-10-05") })],
    }),
    defaultRules(),
    { month: "2026-10" },
  );
  expect(r.performance.find((p) => p.agent.staffNo === "KF02")!.collected).toBe(15000);
  const w = r.problems.filter((p) => p.code === "attribution.unknown_code_first");
  expect(w).toEqual([expect.objectContaining({ severity: "warning", column: "订单备注", value: "KF09 KF02" })]);
  expect(w[0].zh).toContain("KF09");
  expect(w[0].en).toContain("credited to KF02");
});
