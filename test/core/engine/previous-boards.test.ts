/**
 * Several earlier boards (--previous repeated, or the pane's list): one per month, each before
 * the month being built. September 2026 from September's orders only, KF01 collecting 15,000;
 * July's board credits KF01 30,000, August's 20,000:
 *   quarter = 30,000 + 20,000 + 15,000 = 65,000 ≥ 60,000 → quarterly commission 1% = 650.00.
 * A second August board (5,000) must not replace or add to August, and a board of September or
 * later holds no earlier month: each is left out, named with its file — never passed over.
 */
import { buildMonth } from "../../../src/core/engine";
import type { Problem } from "../../../src/core/problems";
import { defaultRules } from "../../../src/core/rules/defaults";
import { boardsFor } from "../../../src/core/reports/pay/previous";
import { agent, at, dataset, order } from "./build";

const board = (file: string, month: string, yuan: number) => ({
  file,
  json: { month, credited: [{ orderId: `70${month.replace("-", "")}01`, agent: "KF01", paid: yuan, shipping: 0, refund: 0, collected: yuan }] },
});

function september(previous: ReturnType<typeof board>[]) {
  const data = dataset({ roster: [agent("KF01", "小美")], orders: [order({ id: "9001001", note: "KF01", paid: 1500000, paidAt: at("2026-09-10") })] });
  const r = buildMonth(data, defaultRules(), { month: "2026-09", previous });
  const codes = r.problems.filter((p) => p.code.startsWith("previous.")).map((p) => [p.code, p.file, p.value]);
  return { c: r.commission[0], codes, problems: r.problems };
}

describe("boardsFor: which of the boards given a month's build uses", () => {
  const b = (file: string, month: string) => ({ file, month });
  it.each([
    // month built, boards given (file@month), kept, problems (code file)
    ["one board of last month", "2026-09", ["a@2026-08"], ["a"], []],
    ["the quarter's earlier months", "2026-09", ["jul@2026-07", "aug@2026-08"], ["jul", "aug"], []],
    ["two of a month: the first kept, the second named", "2026-09", ["aug@2026-08", "aug2@2026-08"], ["aug"], ["previous.month.twice aug2"]],
    ["the month itself", "2026-09", ["sep@2026-09", "aug@2026-08"], ["aug"], ["previous.month.late sep"]],
    ["a later month", "2026-09", ["oct@2026-10"], [], ["previous.month.late oct"]],
    ["a later month given twice: late both times, not also a repeat", "2026-09", ["oct@2026-10", "oct2@2026-10"], [], ["previous.month.late oct", "previous.month.late oct2"]],
    ["the month unknown yet (the pane before a build): only repeats", null, ["a@2026-10", "b@2026-10", "c@2026-12"], ["a", "c"], ["previous.month.twice b"]],
    ["a month the build never reads (September's board for November)", "2026-11", ["sep@2026-09", "oct@2026-10"], ["oct"], ["previous.month.unused sep"]],
    ["the quarter's earlier month before its last month (June's board for August)", "2026-08", ["jun@2026-06", "jul@2026-07"], ["jul"], ["previous.month.unused jun"]],
    ["last year's December for a January", "2027-01", ["dec@2026-12"], ["dec"], []],
    ["last year's board in December", "2026-12", ["dec@2025-12", "nov@2026-11"], ["nov"], ["previous.month.unused dec"]],
    ["December: the year's eleven", "2026-12", Array.from({ length: 11 }, (_v, i) => `m${i + 1}@2026-${String(i + 1).padStart(2, "0")}`), Array.from({ length: 11 }, (_v, i) => `m${i + 1}`), []],
  ] as [string, string | null, string[], string[], string[]][])("%s", (_n, month, given, kept, codes) => {
    const problems: Problem[] = [];
    const out = boardsFor(month, given.map((g) => b(g.split("@")[0], g.split("@")[1])), problems);
    expect(out.map((x) => x.file)).toEqual(kept);
    expect(problems.map((p) => `${p.code} ${p.file}`)).toEqual(codes);
    for (const p of problems) expect([p.severity, p.zh, p.en].every((t) => t.length > 0) && p.zh.includes(p.file) && p.en.includes(p.file)).toBe(true);
  });
});

describe("a quarter's last month built with several boards", () => {
  it("July's and August's boards: 65,000 in the quarter, 650.00 quarterly commission", () => {
    const { c, codes } = september([board("2026-07.json", "2026-07", 30000), board("2026-08.json", "2026-08", 20000)]);
    expect([c.quarterlyCollected, c.quarterly]).toEqual([6500000, 65000]);
    expect(codes).toEqual([]);
  });

  it("a second August board is named, and August counts once (not 25,000, not the second's 5,000)", () => {
    const { c, codes, problems } = september([board("2026-07.json", "2026-07", 30000), board("2026-08.json", "2026-08", 20000), board("2026-08-again.json", "2026-08", 5000)]);
    expect([c.quarterlyCollected, c.quarterly]).toEqual([6500000, 65000]);
    expect(codes).toEqual([["previous.month.twice", "2026-08-again.json", "2026-08"]]);
    const p = problems.find((x) => x.code === "previous.month.twice")!;
    expect(p.zh).toBe("看板 2026-08-again.json 与 2026-08.json 都是 2026-08 的：只用先给出的 2026-08.json，2026-08-again.json 未使用；每个月只给一份看板");
    expect(p.severity).toBe("error");
  });

  it("a board of the month being built or later is named, not passed over", () => {
    const { c, codes } = september([board("2026-09.json", "2026-09", 99000), board("2026-07.json", "2026-07", 30000), board("2026-08.json", "2026-08", 20000), board("2026-10.json", "2026-10", 1000)]);
    expect([c.quarterlyCollected, c.quarterly]).toEqual([6500000, 65000]);
    expect(codes).toEqual([
      ["previous.month.late", "2026-09.json", "2026-09"],
      ["previous.month.late", "2026-10.json", "2026-10"],
    ]);
  });
});
