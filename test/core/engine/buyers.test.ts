import { BuyerCounter } from "../../../src/core/reports/buyers";

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
