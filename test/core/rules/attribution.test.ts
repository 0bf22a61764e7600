import { AgentMatcher, findAgentCode } from "../../../src/core/rules/attribution";
import { KefuError } from "../../../src/core/problems";

const codes = ["KF01", "KF03", "KF1", "KF12"];

describe("findAgentCode", () => {
  it.each([
    ["张三 1.2*1.5米 KF03", "first", "KF03", "KF03", []],
    ["KF03 尺寸改1.5 KF01", "first", "KF03", "KF03", ["KF01"]], // appended code does not steal
    ["KF03 尺寸改1.5 KF01", "last", "KF01", "KF01", ["KF03"]],
    ["加急KF12", "first", "KF12", "KF12", []], // KF1 is not inside KF12
    ["KF1号 定制", "first", "KF1", "KF1", []],
    ["kf03 小写", "first", "KF03", "kf03", []],
    ["ＫＦ０３ 全角", "first", "KF03", "ＫＦ０３", []],
    ["KF034 别人", "first", null, "", []],
    ["AKF03", "first", null, "", []],
    ["5月KF03", "first", "KF03", "KF03", []],
    ["宽1.5KF03", "first", "KF03", "KF03", []],
    ["KF03 KF03 重复", "first", "KF03", "KF03", []],
    ["没有工号", "first", null, "", []],
    ["", "first", null, "", []],
  ] as const)("%p (%s) → %p", (note, mode, agent, matched, others) => {
    expect(findAgentCode(note, codes, mode)).toEqual({ agent, matched, others });
  });

  it("uses a pattern's first group", () => {
    expect(findAgentCode("客服:03 KF01", ["03", "KF01"], "first", "客服:(\\d+)")).toEqual({
      agent: "03",
      matched: "03",
      others: [],
    });
    expect(findAgentCode("#kf12# #kf03#", codes, "first", "#(KF\\d+)#").agent).toBe("KF12");
    expect(() => findAgentCode("x", codes, "first", "(")).toThrow(KefuError);
  });
});

describe("AgentMatcher", () => {
  const m = new AgentMatcher([
    { token: "KF03", agent: "KF03" },
    { token: "小美", agent: "KF05" },
    { token: "小美丽", agent: "KF06" },
    { token: "KF05", agent: "KF05" },
  ]);
  it("maps names to staff numbers and prefers the longer token at one place", () => {
    expect(m.match("小美丽 1.2米")).toEqual({ agent: "KF06", matched: "小美丽", others: [] });
    expect(m.match("小美 跟进 KF05")).toEqual({ agent: "KF05", matched: "小美", others: [] });
    expect(m.match("小美 转 KF03")).toEqual({ agent: "KF05", matched: "小美", others: ["KF03"] });
  });
  // Its timing: bench/micro.bench.js (no wall clock in jest).
  it("scans a million notes, finding every code on the roster", () => {
    const roster = Array.from({ length: 200 }, (_, i) => ({ token: `KF${String(i).padStart(3, "0")}`, agent: `A${i}` }));
    const big = new AgentMatcher(roster);
    const notes = Array.from({ length: 1000 }, (_, i) => `张三, 1.2*1.5米, 定制图案, ${i % 28}号发货, 顺丰 KF${String(i % 250).padStart(3, "0")}`);
    let found = 0;
    for (let k = 0; k < 1000; k++) for (const n of notes) if (big.match(n).agent !== null) found++;
    expect(found).toBe(800 * 1000);
  });
});

describe("AgentMatcher: a token starts at any form of its first character", () => {
  // Tokens starting with a lower-case letter, an upper-case letter, a digit, punctuation and CJK;
  // each written as is, upper-case, full-width and full-width upper-case.
  const tokens = ["kf07", "KF08", "7号", "#A1", "小王"];
  const m = new AgentMatcher(tokens.map((t, i) => ({ token: t, agent: `A${i}` })));
  const full = (s: string) => s.replace(/[\x21-\x7e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  it.each(tokens.flatMap((t, i) => [t, t.toUpperCase(), t.toLowerCase(), full(t), full(t.toUpperCase())].map((v) => [v, `A${i}`])))("%p → %p", (written, agent) => {
    expect(m.match(`备注 ${written} 加急`).agent).toBe(agent);
  });
  // Building one per call (KEFU.AGENT without a cached roster) is timed in bench/micro.bench.js.
  it("a matcher built per call finds the same agents as a shared one", () => {
    const roster = Array.from({ length: 200 }, (_, i) => ({ token: `KF${String(i).padStart(3, "0")}`, agent: `A${i}` }));
    const shared = new AgentMatcher(roster);
    for (let k = 0; k < 200; k += 7) {
      const note = `备注 KF${String(k).padStart(3, "0")} 加急`;
      expect(new AgentMatcher(roster).match(note)).toEqual(shared.match(note));
    }
  });
});
