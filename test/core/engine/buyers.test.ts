import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { BuyerCounter, identifiesBuyer } from "../../../src/core/reports/buyers";
import { agent, dataset, order } from "./build";

/** The plain reading: a set of names per agent. */
function naive(pairs: [string, number][], agents: number): number[] {
  const sets = Array.from({ length: agents }, () => new Set<string>());
  for (const [b, a] of pairs) sets[a].add(b);
  return sets.map((s) => s.size);
}

function count(pairs: [string, number][], agents: number): number[] {
  const c = new BuyerCounter(pairs.length);
  for (const [b, a] of pairs) c.add(b, a);
  return c.counts(agents);
}

describe("BuyerCounter", () => {
  // "b13zx" and "bgpad" share a 32-bit FNV-1a digest: the counter must still tell them apart.
  const table: [string, [string, number][], number, number[]][] = [
    ["nothing added", [], 2, [0, 0]],
    ["one buyer twice, one agent", [["tb_1", 0], ["tb_1", 0]], 1, [1]],
    ["one buyer, two agents", [["tb_1", 0], ["tb_1", 1]], 2, [1, 1]],
    ["an agent without buyers", [["x", 2]], 3, [0, 0, 1]],
    ["digest collision, one agent", [["b13zx", 0], ["bgpad", 0]], 1, [2]],
    ["digest collision, repeated", [["b13zx", 1], ["bgpad", 1], ["b13zx", 1], ["bgpad", 1], ["b13zx", 0]], 2, [1, 2]],
    ["case and width are different names", [["Tb", 0], ["tb", 0], ["ｔｂ", 0]], 1, [3]],
    ["empty text is a name like any other", [["", 0], ["", 0]], 1, [1]],
  ];
  test.each(table)("%s", (_name, pairs, agents, expected) => {
    expect(count(pairs, agents)).toEqual(expected);
    expect(count(pairs, agents)).toEqual(naive(pairs, agents));
  });

  test("agrees with a set per agent on many names", () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const pairs: [string, number][] = [];
    for (let i = 0; i < 20000; i++) pairs.push([`nick${next() % 5000}`, next() % 37]);
    expect(count(pairs, 37)).toEqual(naive(pairs, 37));
  });
});

describe("buyers whose name cannot tell them apart (blank or masked)", () => {
  test.each([
    ["tb_2023", true],
    ["张三的店", true],
    ["", false],
    ["t**8", false],
    ["t＊＊8", false],
    ["***", false],
    ["a*", false],
    [" ", true], // a space is a name the export wrote; only blank and masked are nobody
  ] as [string, boolean][])("identifiesBuyer(%j) = %s", (name, want) => {
    expect(identifiesBuyer(name)).toBe(want);
  });

  test("BuyerCounter: each unnamed order is a buyer of its own, beside the named ones", () => {
    const c = new BuyerCounter(4);
    c.add("tb_1", 0);
    c.add("tb_1", 0);
    c.addUnnamed(0);
    c.addUnnamed(0);
    c.addUnnamed(2);
    expect(c.counts(3)).toEqual([3, 0, 1]);
  });

  const board = (orders: ReturnType<typeof order>[]) => {
    const r = buildMonth(dataset({ roster: [agent("KF01", "甲"), agent("KF02", "乙")], orders }), defaultRules(), { month: "2026-10" });
    return { r, by: (s: string) => r.performance.find((p) => p.agent.staffNo === s)! };
  };

  test.each([
    // name, buyers of KF01's four ¥100 orders, buyers expected (the board's 买家数; 客单价 is sales ÷
    // the chat export's payers, not these: null here, where there is no chat export)
    ["one named buyer four times", ["tb_1", "tb_1", "tb_1", "tb_1"], 1],
    ["four masked nicks that look alike: four buyers, not one", ["t**8", "t**8", "t**8", "t**8"], 4],
    ["masked and named mixed", ["t**8", "t**8", "tb_1", "tb_1"], 3],
    ["full-width asterisks", ["t＊＊8", "t＊＊8", "x", "x"], 3],
    ["blank names", ["", "", "tb_1", "tb_2"], 4],
  ] as [string, string[], number][])("%s", (_name, buyers, want) => {
    const { by } = board(buyers.map((b, i) => order({ id: String(1000000000000000 + i), note: "KF01", buyer: b })));
    expect(by("KF01").buyers).toBe(want);
    expect(by("KF01").aov).toBeNull();
  });

  test("masked names are told once, with how many and where the first is; named ones are not", () => {
    const { r } = board([
      order({ id: "1000000000000001", note: "KF01", buyer: "tb_1" }),
      order({ id: "1000000000000002", note: "KF01", buyer: "t**8" }),
      order({ id: "1000000000000003", note: "KF02", buyer: "a**z" }),
      order({ id: "1000000000000004", note: "", buyer: "q**q" }), // credited to nobody: not on the board
    ]);
    const notes = r.problems.filter((p) => p.code === "order.buyer.masked");
    expect(notes).toHaveLength(1);
    expect(notes[0].severity).toBe("info");
    expect(notes[0].value).toBe("t**8");
    expect(notes[0].column).toBe("买家会员名");
    expect(notes[0].zh).toContain("2 笔");
    expect(notes[0].en).toContain("2 credited orders");
    const { r: plain } = board([order({ id: "1000000000000001", note: "KF01", buyer: "tb_1" })]);
    expect(plain.problems.filter((p) => p.code === "order.buyer.masked")).toEqual([]);
  });
});
