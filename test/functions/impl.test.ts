/**
 * KEFU.* implementations on their boundaries, on ranges and on bad arguments. Arguments are
 * given exactly as Excel passes them to `any[][]` parameters: [[cell]] for one cell.
 */
import { matcherBuilds } from "../../src/functions/agents";
import * as K from "../../src/functions/impl";
import { FnError, type Out } from "../../src/functions/values";

/** One cell's result. */
const one = (g: Out[][]): Out => {
  expect(g).toHaveLength(1);
  expect(g[0]).toHaveLength(1);
  return g[0][0];
};
const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);

/** Asserts an error value of `code` whose message matches `re`. */
function expectError(v: Out | unknown, code: "#VALUE!" | "#N/A", re: RegExp): void {
  expect(v).toBeInstanceOf(FnError);
  const e = v as FnError;
  expect(e.code).toBe(code);
  expect(e.message).toMatch(re);
  // Bilingual: Chinese, then " / ", then English.
  expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(e.en).toMatch(/[a-z]{3,}/);
}

describe("KEFU.COMMISSION / KEFU.TIERRATE", () => {
  const handbook: [number, number, number, number][] = [
    // collected, whole, marginal, rate
    [0, 0, 0, 0],
    [19999.99, 0, 0, 0],
    [20000, 200, 0, 0.01],
    [49999.99, 500, 300, 0.01], // 1% of 49,999.99 = 499.9999 → 500.00; (29,999.99 × 1%) → 300.00
    [50000, 1000, 300, 0.02],
    [79999.99, 1600, 900, 0.02], // marginal: 300 + 599.9998 → 900.00
    [80000, 2000, 900, 0.025],
    [99999.99, 2500, 1400, 0.025],
    [100000, 2800, 1400, 0.028],
    [123456.78, 3456.79, 2056.79, 0.028],
  ];
  test.each(handbook)("%p yuan → whole %p, marginal %p, rate %p", (amount, whole, marginal, rate) => {
    expect(one(K.commission([[amount]]))).toBe(whole);
    expect(one(K.commission([[amount]], undefined, "全额"))).toBe(whole);
    expect(one(K.commission([[amount]], undefined, "超额"))).toBe(marginal);
    expect(one(K.commission([[amount]], null, "marginal"))).toBe(marginal);
    expect(one(K.tierRate([[amount]]))).toBe(rate);
  });

  test("money text as exports write it", () => {
    expect(K.commission(col("¥20,000", "50000元", " 100000 ", "２００００"))).toEqual(col(200, 1000, 2800, 200));
  });

  test("a range spills a result of the same shape", () => {
    const out = K.commission([
      [19999.99, 20000, 50000],
      [100000, "", 80000],
    ]);
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual([0, 200, 1000]);
    expect(out[1][0]).toBe(2800);
    // A blank cell of a range spills a blank, as Excel's own functions do (test/functions/whole-column.test.ts).
    expect(out[1][1]).toBe("");
    expect(out[1][2]).toBe(2000);
  });

  const customTiers = [
    [0, 0],
    [10000, "3%"],
    [30000, 0.05],
  ];
  test.each([
    [9999.99, 0, 0],
    [10000, 300, 0],
    [29999, 899.97, 599.97],
    [30000, 1500, 600],
    [40000, 2000, 1100],
  ])("custom tiers: %p → whole %p, marginal %p", (amount, whole, marginal) => {
    expect(one(K.commission([[amount]], customTiers))).toBe(whole);
    expect(one(K.commission([[amount]], customTiers, "超额累进"))).toBe(marginal);
  });

  test("a tiers range with a header row and blank rows", () => {
    const tiers = [["下限", "比例"], [0, 0], [null, null], [10000, 0.03]];
    expect(one(K.commission([[10000]], tiers))).toBe(300);
    expect(one(K.tierRate([[10000]], tiers))).toBe(0.03);
  });

  test("percent text reads exactly as the rules sheet writes it (2.8% is 0.028, not 0.02799…)", () => {
    expect(one(K.tierRate([[100000]], [[0, "0%"], [100000, "2.8%"]]))).toBe(0.028);
    expect(one(K.commission([[100000]], [[0, "0%"], [100000, "2.8%"]]))).toBe(2800);
  });

  test("tiers that do not start at 0 are refused, as the rules sheet refuses them", () => {
    for (const v of K.commission(col(4999, 5000), [[5000, 0.1]])) {
      expectError(v[0], "#VALUE!", /第 1 行：第一档的下限须为 0.*tiers row 1: the first tier must start at 0/);
    }
    expectError(one(K.tierRate([[5000]], [["下限", "比例"], [5000, 0.1]])), "#VALUE!", /第 2 行.*row 2: the first tier/);
  });

  test.each([
    ["out of order", [[0, 0], [50000, 0.02], [20000, 0.01]], /第 3 行：下限须比上一档大（按从小到大排列）.*row 3: lower bounds must ascend/],
    ["a repeated bound", [[0, 0], [20000, 0.01], [20000, 0.02]], /档位重叠.*row 3: .*overlap/],
    ["a rate above 1", [[0, 0], [20000, 2]], /合理范围 0%–20%.*row 2: the rate 200% is above the plausible range/],
    ["a text rate", [[0, 0], [20000, "abc"]], /不是比例.*not a rate/],
    ["a negative bound", [[-1, 0]], /负数.*negative/],
    ["three columns", [[0, 0, 1]], /两列.*two-column.*3 column/],
    ["one column", [[0], [20000]], /two-column/],
    ["no tier at all", [["下限", "比例"], [null, null]], /no tier/],
  ])("tiers %s → #VALUE! in every result cell", (_name, tiers, re) => {
    const out = K.commission(col(20000, 50000), tiers);
    expect(out).toHaveLength(2);
    for (const [v] of out) expectError(v, "#VALUE!", re);
    expectError(one(K.tierRate([[20000]], tiers)), "#VALUE!", re);
  });

  test.each([
    ["text", "abc", /"abc" 不是金额.*is not an amount/],
    ["empty text", "", /为空.*is empty/],
    ["a blank cell", null, /为空.*is empty/],
    ["negative", -5, /不能为负数.*must not be negative/],
    ["TRUE", true, /不是金额/],
  ])("collected as %s → #VALUE!", (_name, v, re) => {
    expectError(one(K.commission([[v]])), "#VALUE!", re);
    expectError(one(K.tierRate([[v]])), "#VALUE!", re);
  });

  test("an unknown mode is an error, not a silent default", () => {
    expectError(one(K.commission([[20000]], undefined, "累进")), "#VALUE!", /全额.*超额.*whole.*marginal/);
  });
});

describe("KEFU.AGENT", () => {
  const roster = col("KF03", "KF12");
  test.each([
    ["张三 1.2*1.5米 KF03 补KF12", "first", "KF03"],
    ["张三 1.2*1.5米 KF03 补KF12", "last", "KF12"],
    ["张三 1.2*1.5米 KF03 补KF12", "", "KF03"],
    ["KF12 加急", "first", "KF12"],
    ["ＫＦ０３ 顺丰", "first", "KF03"],
    ["kf03 顺丰", "first", "KF03"],
    ["没有工号的备注", "first", ""],
    ["", "first", ""],
  ])("%p (%p) → %p", (note, which, expected) => {
    expect(one(K.agent([[note]], roster, which))).toBe(expected);
  });

  test("a code is not found inside a longer code (KF1 in KF12)", () => {
    expect(one(K.agent([["KF12 加急"]], [["KF1"]]))).toBe("");
  });

  test("names in further roster columns resolve to the staff code; the longer name wins", () => {
    const r = [
      ["工号", "姓名"],
      ["KF03", "小美"],
      ["KF12", "小美丽"],
      ["KF07", "李"], // one character: would match inside words, not used
    ];
    expect(K.agent(col("小美丽 定制款", "小美 定制款", "李子 图案", "工号 未填"), r)).toEqual(col("KF12", "KF03", "", ""));
  });

  test("a name shared by two agents names nobody", () => {
    expect(one(K.agent([["王芳 定制"]], [["KF01", "王芳"], ["KF02", "王芳"]]))).toBe("");
  });

  test("without a roster: the first (or last) token shaped like a staff code", () => {
    expect(one(K.agent([["张三 kf03 补 KF12 1.2*1.5米"]]))).toBe("kf03");
    expect(one(K.agent([["张三 kf03 补 KF12 1.2*1.5米"]], undefined, "last"))).toBe("KF12");
    expect(one(K.agent([["ＫＦ０３ 顺丰"]]))).toBe("KF03");
    expect(one(K.agent([["1.2*1.5米 SF顺丰"]]))).toBe("");
  });

  test("a whole column is one call with one compiled matcher", () => {
    const notes = Array.from({ length: 1000 }, (_, i) => [i % 3 === 0 ? `备注 KF03 #${i}` : i % 3 === 1 ? `KF12 补 KF03` : ""]);
    const before = matcherBuilds();
    const out = K.agent(notes, col("KF03", "KF12", "KF99"));
    expect(matcherBuilds() - before).toBe(1);
    expect(out).toHaveLength(1000);
    expect(out.slice(0, 3)).toEqual(col("KF03", "KF12", ""));
  });

  test("single-cell calls with the same roster reuse the compiled matcher; an edited roster recompiles", () => {
    const r = col("KF21", "KF22");
    const before = matcherBuilds();
    for (let i = 0; i < 500; i++) expect(one(K.agent([[`KF22 #${i}`]], r.map((x) => [...x])))).toBe("KF22");
    expect(matcherBuilds() - before).toBe(1);
    expect(one(K.agent([["KF23 x"]], col("KF21", "KF22", "KF23")))).toBe("KF23");
    expect(matcherBuilds() - before).toBe(2);
    expect(one(K.agent([["KF22 x"]], r, "last"))).toBe("KF22");
    expect(matcherBuilds() - before).toBe(3);
    // Back to an earlier roster: found by content in the cache, not compiled again.
    expect(one(K.agent([["KF23 KF21"]], col("KF21", "KF22", "KF23")))).toBe("KF23");
    expect(one(K.agent([["KF21 KF22"]], r))).toBe("KF21");
    expect(matcherBuilds() - before).toBe(3);
  });

  test("an unknown `which` is an error", () => {
    expectError(one(K.agent([["KF03"]], roster, "middle")), "#VALUE!", /first.*last/);
  });

  test("numbers in notes or roster cells are read as text", () => {
    expect(one(K.agent([[3]], [[3]]))).toBe("3");
  });
});

describe("KEFU.ORDERID", () => {
  const ID = "2873190462331523456";
  test.each([
    ["=\"…\" wrapper", `="${ID}"`],
    ["leading apostrophe", `'${ID}`],
    ["padded text", `  ${ID}  `],
    ["tab prefix", `\t${ID}`],
    ["full-width digits", "２８７３１９０４６２３３１５２３４５６"],
    ["16 digits", "2873190462331523"],
  ])("%s → exact text", (_name, v) => {
    const expected = _name === "16 digits" ? "2873190462331523" : ID;
    expect(one(K.orderId([[v]]))).toBe(expected);
  });

  test("an id already turned into a number (2.87E+18) is an error that says the digits are gone", () => {
    const v = one(K.orderId([[2.873190462331523e18]]));
    expectError(v, "#VALUE!", /已丢失.*digits are gone/);
    expect((v as FnError).message).toContain("2.873190462331523E+18");
    expect((v as FnError).message).not.toContain("2873190462331523000");
  });

  test.each([
    ["scientific text", "2.87319E+18", /digits are gone/],
    ["a decimal number", 2873190462331523.5, /digits are gone/],
    ["too short", "12345", /16 to 19 digits/],
    ["letters", "TB2873190462331523", /16 to 19 digits/],
    ["blank", null, /empty/],
  ])("%s → #VALUE!", (_name, v, re) => {
    expectError(one(K.orderId([[v]])), "#VALUE!", re);
  });

  test("a column spills a column", () => {
    const out = K.orderId(col(`="${ID}"`, 2.87e18, `'${ID}`));
    expect(out[0][0]).toBe(ID);
    expect(out[1][0]).toBeInstanceOf(FnError);
    expect(out[2][0]).toBe(ID);
  });
});

describe("KEFU.LATE / KEFU.EARLY", () => {
  const t = (h: number, m: number): number => (h * 60 + m) / 1440; // an Excel time value

  test.each([
    ["08:31", "08:30", undefined, 1],
    ["08:30", "08:30", undefined, 0],
    ["08:29", "08:30", undefined, 0],
    [t(8, 30), "08:30", undefined, 0],
    [t(9, 0), t(8, 30), undefined, 30],
    [46000 + t(8, 45), "08:30", undefined, 15], // a date-time: its clock time
    ["08:35", "08:30", 5, 0],
    ["08:36", "08:30", 5, 6],
    ["17:45", "晚班", undefined, 15],
    ["08:40", "白班", undefined, 10],
    ["00:10", "17:30", undefined, 400], // after midnight for an evening shift
  ])("LATE(%p, %p, grace %p) → %p", (clockIn, start, grace, expected) => {
    expect(one(K.late([[clockIn]], [[start]], grace === undefined ? undefined : [[grace]]))).toBe(expected);
  });

  test.each([
    // the night shift 17:30–01:00 in its three spellings
    ["00:55", "01:00", "17:30", 5],
    ["00:55", "01:00", undefined, 5],
    ["00:55", "晚班", undefined, 5],
    [t(0, 55), t(1, 0), t(17, 30), 5],
    ["次日 00:55", "01:00", "17:30", 5],
    ["01:30", "01:00", "17:30", 0], // overtime is never early
    ["23:50", "01:00", "17:30", 70],
    ["01:00", "晚班", undefined, 0],
    // the day shift
    ["17:20", "17:30", undefined, 10],
    ["17:30", "白班", undefined, 0],
    ["18:10", "17:30", "08:30", 0],
    ["11:00", "11:30", "08:00", 30], // a morning shift ending before noon is not a night shift
  ])("EARLY(%p, %p, start %p) → %p", (out, end, start, expected) => {
    expect(one(K.early([[out]], [[end]], start === undefined ? undefined : [[start]]))).toBe(expected);
  });

  test("grace applies to early leave too", () => {
    expect(K.early(col("17:25", "17:24"), [["17:30"]], undefined, [[5]])).toEqual(col(0, 6));
  });

  test("columns of punches against one shift spill a column; ranges of other sizes give #N/A", () => {
    expect(K.late(col("08:31", "08:30", "09:00"), [["08:30"]])).toEqual(col(1, 0, 30));
    const out = K.late(col("08:31", "08:30", "09:00"), col("08:30", "08:30"));
    expect(out.slice(0, 2)).toEqual(col(1, 0));
    expectError(out[2][0], "#N/A", /大小不同.*differ in size/);
  });

  test("a missing punch is #N/A (缺卡), not 0 and not a huge number", () => {
    expectError(one(K.late([[null]], [["08:30"]])), "#N/A", /缺卡.*no clock-in/);
    expectError(one(K.early([[""]], [["17:30"]])), "#N/A", /缺卡.*no clock-out/);
  });

  test.each([
    ["a text clock-in", () => K.late([["迟到"]], [["08:30"]]), /"迟到" 不是时间.*not a time/],
    ["a negative time", () => K.late([[-0.1]], [["08:30"]]), /not a time/],
    ["an empty shift start", () => K.late([["08:31"]], [[null]]), /班次开始为空.*shift start is empty/],
    ["an empty shift end", () => K.early([["17:00"]], [[""]]), /shift end is empty/],
    ["a fractional grace", () => K.late([["08:31"]], [["08:30"]], [[1.5]]), /whole minutes/],
    ["a negative grace", () => K.late([["08:31"]], [["08:30"]], [[-1]]), /negative/],
    ["TRUE as a time", () => K.early([[true]], [["17:30"]]), /not a time/],
  ])("%s → #VALUE!", (_name, f, re) => {
    expectError(one(f()), "#VALUE!", re);
  });
});

describe("KEFU.FINE", () => {
  test("complaints in a month: 50, 100, then the dismissal flag", () => {
    expect(K.fine([["投诉"]], col(1, 2, 3, 4))).toEqual(col(50, 100, K.DISMISSAL, K.DISMISSAL));
    expect(K.DISMISSAL).toBe("自动离职 / dismissal");
  });

  test.each([
    ["complaint", 2, null, 100],
    ["客户投诉", 1, null, 50],
    ["迟到", 1, null, 10],
    ["迟到", 7, null, 10],
    ["early", 1, null, 10],
    ["off_task", 3, null, 10],
    ["生产延误", 1, null, 20],
    ["备注错误(已到工厂)", 1, null, 50],
    ["note_error_loss", 1, 800, 800], // a loss over 500 is fined the loss itself
    ["note_error_loss", 1, 300, 50],
    ["note_error_loss", 1, 500, 50],
    ["note_error_loss", 1, "", 50],
  ])("FINE(%p, %p, loss %p) → %p", (rule, n, loss, expected) => {
    expect(one(K.fine([[rule]], [[n]], loss === null ? undefined : [[loss]]))).toBe(expected);
  });

  test.each([
    ["an unknown rule", "迟早", 1, /未知的罚款规则 "迟早".*unknown fine rule/],
    ["occurrence 0", "投诉", 0, /≥1.*whole number ≥ 1/],
    ["occurrence 1.5", "投诉", 1.5, /whole number/],
    ["occurrence as text", "投诉", "第一次", /not a number/],
    ["an empty occurrence", "投诉", null, /is empty/],
    ["a negative occurrence", "投诉", -1, /negative/],
  ])("%s → #VALUE!", (_name, rule, n, re) => {
    expectError(one(K.fine([[rule]], [[n]])), "#VALUE!", re);
  });

  test("the shop's own amounts and dismissal point, laid out as the rules sheet's fine row", () => {
    // 第1次 | 第2次起 | 开除起始次数
    expect(K.fine([["投诉"]], col(1, 2, 3, 4), undefined, [[30, 60]], [[3]])).toEqual(col(30, 60, K.DISMISSAL, K.DISMISSAL));
    expect(K.fine([["投诉"]], col(1, 2, 3, 4), undefined, [[30, "60/90"]], [[4]])).toEqual(col(30, 60, 90, K.DISMISSAL));
    expect(K.fine([["迟到"]], col(1, 2, 3, 9), undefined, col(5, 10, 20))).toEqual(col(5, 10, 20, 20));
    // own amounts replace the handbook's scale: no dismissal unless given
    expect(one(K.fine([["投诉"]], [[5]], undefined, [[80]]))).toBe(80);
    // the handbook's amounts with another dismissal point
    expect(K.fine([["投诉"]], col(2, 3, 4), undefined, undefined, [[4]])).toEqual(col(100, 100, K.DISMISSAL));
    // a rule the handbook does not have is priced by its amounts
    expect(one(K.fine([["上班吃零食"]], [[2]], undefined, [[20]]))).toBe(20);
    // the loss rule keeps its threshold
    expect(one(K.fine([["note_error_loss"]], [[1]], [[800]], [[30]]))).toBe(800);
    // blank cells are the handbook's scale
    expect(one(K.fine([["投诉"]], [[3]], undefined, [[""]], [[null]]))).toBe(K.DISMISSAL);
  });

  test("bad amounts or dismissal point spoil every result cell", () => {
    const out = K.fine([["投诉"]], col(1, 2), undefined, [[50, "abc"]]);
    for (const [v] of out) expectError(v, "#VALUE!", /罚款金额 "abc" 不是金额.*fine amount/);
    expectError(one(K.fine([["投诉"]], [[1]], undefined, [[-5]])), "#VALUE!", /negative/);
    expectError(one(K.fine([["投诉"]], [[1]], undefined, [[50]], [[0]])), "#VALUE!", /开除起始次数.*dismissal from.*whole number ≥ 1/);
    expectError(one(K.fine([["上班吃零食"]], [[1]])), "#VALUE!", /unknown fine rule/);
  });

  test("a negative loss is an error", () => {
    expectError(one(K.fine([["note_error_loss"]], [[1]], [[-800]])), "#VALUE!", /negative/);
  });
});

test.each<[string, () => unknown, RegExp]>([
  // 规则!C42:E42 (50 | 100 | 3) passed as dismissalFrom read 50: "dismissal from the 50th".
  ["FINE dismissalFrom", () => K.fine([["投诉"]], [[3]], undefined, [[50, 100]], [[50, 100, 3]]), /dismissal from should be one cell; got a 1×3 range \(3 filled\)/],
  ["FINE lossThreshold", () => K.fine([["备注错误"]], [[1]], [[300]], undefined, undefined, [[500, 200]]), /loss threshold should be one cell/],
  ["COMMISSION maxRate", () => K.commission([[120000]], undefined, undefined, [["2%"], ["3%"]]), /rate cap should be one cell; got a 2×1 range/],
])("%s: a range of several filled cells where one rules-sheet value is meant → #VALUE!", (_n, f, re) => {
  expectError(one(f() as Out[][]), "#VALUE!", re);
});

test("a one-value argument may still be a range holding one filled cell (a blank beside it)", () => {
  expect(one(K.fine([["投诉"]], [[3]], undefined, [[50, 100]], [[null, 3]]))).toBe(K.DISMISSAL);
});

describe("KEFU.FINE's loss threshold (规则表 损失阈值)", () => {
  test.each<[string, unknown, number, number]>([
    ["not passed: the handbook's 500", undefined, 300, 50],
    ["not passed, a loss over 500", undefined, 800, 800],
    ["the shop's 200", [[200]], 300, 300],
    ["the shop's 200, a loss of exactly 200", [[200]], 200, 50],
    ["a blank threshold cell: no loss rule", [[null]], 800, 50],
  ])("%s: loss %p → %p", (_n, threshold, loss, fine) => {
    expect(one(K.fine([["备注错误(实际损失)"]], [[1]], [[loss]], undefined, undefined, threshold))).toBe(fine);
  });
  test("a threshold that is not an amount is an error", () => {
    expectError(one(K.fine([["备注错误"]], [[1]], [[800]], undefined, undefined, [["abc"]])), "#VALUE!", /loss threshold "abc" is not an amount/);
  });
});

test.each([null, undefined, ""])("KEFU.ORDERID of a blank cell says it is empty, without a \"null\"", (v) => {
  const e = one(K.orderId([[v]]));
  expectError(e, "#VALUE!", /订单编号为空 \/ the order id is empty$/);
});

test.each([null, "", "  "])("KEFU.FINE with a blank rule %p says the rule is empty, not \"null\"", (rule) => {
  const v = one(K.fine([[rule]], [[1]]));
  expectError(v, "#VALUE!", /罚款规则为空.* \/ fine rule is empty/);
  expect((v as FnError).message).not.toMatch(/null/);
  expectError(one(K.fine([[rule]], [[1]], undefined, [[20]])), "#VALUE!", /fine rule is empty/);
});

describe("KEFU.LATE / KEFU.EARLY on a punch without a time of day", () => {
  // Before: LATE(9, "白班") and LATE("0930", "白班") were 0 (read as 00:00), LATE(8.5, "白班") 210
  // (noon), LATE("2024-01-05", "白班") 0 — an hour typed as a number or a bare date judged as a punch.
  test.each<[unknown, RegExp]>([
    [9, /"9" is a number, not a time of day/],
    ["9", /"9" is a number, not a time of day/],
    ["0930", /"0930" is a number, not a time of day/],
    [8.5, /"8.5" is a number, not a time of day/],
    ["８", /"８" is a number/],
    [1730, /"1730" is a number/],
    ["2024-01-05", /"2024-01-05" is a date without a time of day/],
    ["2024/1/5", /is a date without a time of day/],
    ["45296", /is a date without a time of day/],
  ])("clock-in %p → #VALUE!", (cell, re) => {
    expectError(one(K.late([[cell]], [["白班"]])), "#VALUE!", re);
    expectError(one(K.early([[cell]], [["白班"]])), "#VALUE!", re);
  });
  test("a shift start typed 9 is refused too, not read as midnight", () => {
    expectError(one(K.late([["09:05"]], [[9]])), "#VALUE!", /shift start "9" is a number/);
  });
  test.each<[unknown, number]>([
    [0.375, 30], // 09:00 as an Excel time
    ["0.375", 30],
    [45296.375, 30], // 2024-01-05 09:00 as an Excel date-time
    ["2024-01-05 09:00", 30],
    ["9:00", 30],
    ["9时00", 30],
    ["次日 00:10", 940],
    [0, 0], // midnight is a time
  ])("a time of day still reads: %p → %p minutes late", (cell, late) => {
    expect(one(K.late([[cell]], [["白班"]]))).toBe(late);
  });
});

describe("KEFU.CONVERSION / KEFU.AOV / KEFU.SCORE", () => {
  test("conversion is zero-safe", () => {
    expect(K.conversion(col(12, 0, 1, 5), col(40, 0, 3, 0))).toEqual(col(0.3, "", 0.333333, ""));
  });

  test("average order value in yuan, rounded to the cent; zero buyers → empty", () => {
    expect(K.aov([[300]], col(4, 7, 0))).toEqual(col(75, 42.86, ""));
    expect(one(K.aov([["¥1,000.00"]], [[3]]))).toBe(333.33);
  });

  test.each([
    [25000, 50000, 40, undefined, undefined, 20],
    [100000, 50000, 40, undefined, undefined, 48], // capped at 1.2 × weight
    [100000, 50000, 40, undefined, 1.5, 60],
    [60, 30, 15, true, undefined, 7.5], // response time: lower is better
    [0, 30, 15, "是", undefined, 18], // a reverse metric at 0 earns the cap
    [0.1, 0.05, 10, 1, undefined, 5],
    [0.3, 0.4, 25, false, undefined, 18.75],
    [1, 3, 10, undefined, undefined, 3.3333],
    [0.3, "40%", 25, "否", 1.2, 18.75], // a rules-sheet row: 目标 40%, 越低越好 否
    [5, 0, 10, undefined, undefined, 10], // a target of 0 counts as met
  ])("SCORE(%p, %p, %p, %p, %p) → %p", (a, t, w, r, c, expected) => {
    const opt = (v: unknown) => (v === undefined ? undefined : [[v]]);
    expect(one(K.score([[a]], [[t]], [[w]], opt(r), opt(c)))).toBe(expected);
  });

  test.each([
    ["text payers", () => K.conversion([["abc"]], [[10]]), /not a number/],
    ["negative inquiries", () => K.conversion([[1]], [[-10]]), /negative/],
    ["empty amount", () => K.aov([[null]], [[3]]), /is empty/],
    ["text buyers", () => K.aov([[300]], [["三"]]), /not a number/],
    // A count of people is not a percentage: "40%" payers read as 0.4 gave 0.01 instead of an error.
    ["percentage payers", () => K.conversion([["40%"]], [[40]]), /paying buyers "40%" is a percentage; expected a number of people/],
    ["percentage inquiries", () => K.conversion([[12]], [["40%"]]), /inquiring buyers "40%" is a percentage/],
    ["percentage buyers", () => K.aov([[300]], [["4%"]]), /buyers "4%" is a percentage/],
    ["a bad reverse flag", () => K.score([[1]], [[1]], [[1]], [["maybe"]]), /TRUE or FALSE/],
    ["an empty weight", () => K.score([[1]], [[1]], [[""]]), /is empty/],
    // The rules sheet's ranges (kpi-range-parity.test.ts): a weight is 0–100 points, a cap 1%–500%.
    ["a weight near the double limit", () => K.score([[2]], [[1]], [[1.7e308]]), /above the plausible range 0–100/],
    ["a cap near the double limit", () => K.score([[1e300]], [[1]], [[10]], undefined, [[1e300]]), /above the plausible range 1%–500%/],
  ])("%s → #VALUE!", (_name, f, re) => {
    expectError(one(f()), "#VALUE!", re);
  });

  // Before: SCORE("30%", 40, 25) was 0.1875 — 30% against 4000%. The rules sheet refuses a rate target of 40.
  test.each<[unknown, unknown, number | RegExp]>([
    ["30%", 40, /target "40": the rate 4000% is above the plausible range 0%–100% \(write 1% or 0.01 for one percent\)/],
    [0.3, "4000%", /above the plausible range 0%–100%/],
    ["30%", 0.4, 18.75],
    [0.3, "40%", 18.75],
    ["30%", "40%", 18.75],
    ["30%", "100%", 7.5],
    [30, 40, 18.75], // both bare: one unit, whatever it is
  ])("SCORE(%p, %p, 25): a rate target is at most 100%%", (actual, target, want) => {
    const v = one(K.score([[actual]], [[target]], [[25]]));
    if (typeof want === "number") expect(v).toBe(want);
    else expectError(v, "#VALUE!", want);
  });

  test("a column of agents against one target and weight spills", () => {
    expect(K.score(col(25000, 50000, 75000), [[50000]], [[40]])).toEqual(col(20, 40, 48));
  });
});

describe("KEFU.COLLECTED", () => {
  const paid = col(100, 200, 50, 80, "12.50元", 300);
  const refunds = col(0, "无退款申请", 80, null, 0, 300);
  const statuses = col("交易成功", "交易关闭", "卖家已发货,等待买家确认", "等待买家付款", "买家已付款，等待卖家发货", "交易成功");
  test("closed and unpaid excluded, refunds deducted, never below 0 per order", () => {
    // 100 + (50 − 80 → 0) + 12.50 + (300 − 300) = 112.50
    expect(K.collected(paid, refunds, statuses)).toBe(112.5);
  });

  test("only the listed statuses count when given", () => {
    expect(K.collected(paid, refunds, statuses, [["交易成功"]])).toBe(100);
    expect(K.collected(paid, refunds, statuses, [["交易成功", "卖家已发货，等待买家确认"]])).toBe(100);
  });

  test("ranges laid out in rows work the same", () => {
    const t = (g: unknown[][]) => [g.map((r) => r[0])];
    expect(K.collected(t(paid), t(refunds), t(statuses))).toBe(112.5);
  });

  test("an unreadable amount on a counted row is an error naming the cell; on an excluded row it is ignored", () => {
    expectError(K.collected(col(100, "abc"), col(0, 0), col("交易成功", "交易成功")), "#VALUE!", /第 2 个.*cell 2.*"abc"/);
    expect(K.collected(col(100, "abc"), col(0, 0), col("交易成功", "交易关闭"))).toBe(100);
    expectError(K.collected(col(100), col(-5), col("交易成功")), "#VALUE!", /refund "-5"/);
  });

  test("a block beside one-column ranges of the same cell count is an error, not a pairing of other orders' cells", () => {
    // B2:C3 (paid | shipping) with D2:D5 and E2:E5: 4 cells each, but not the same orders.
    const paid = [[100, 10], [200, 12]];
    expectError(K.collected(paid, col(0, 0, 0, 0), col("交易成功", "交易成功", "交易成功", "交易成功")), "#VALUE!", /one column \(or one row\); got 2×2, 4×1, 4×1/);
    // The same block shape for all three still pairs cell by cell.
    expect(K.collected(paid, [[0, 0], [0, 0]], [["交易成功", "交易成功"], ["交易成功", "交易关闭"]])).toBe(310);
  });

  test("an unknown status is an error naming the cell, not an order left out of the total in silence", () => {
    // Before: 100 — the 拼团中 order (200) vanished; the engine reports it (order.status.unknown).
    expectError(K.collected(col(100, 200), col(0, 0), col("交易成功", "拼团中")), "#VALUE!", /cell 2: the order status "拼团中" is not a known one/);
    // Listed in counted, it is the manager's choice and counts (or not) without an error.
    expect(K.collected(col(100, 200), col(0, 0), col("交易成功", "拼团中"), [["交易成功、拼团中"]])).toBe(300);
    expect(K.collected(col(100, 200), col(0, 0), col("交易成功", "拼团中"), [["交易成功"]])).toBe(100);
  });

  test("ranges of different sizes are an error", () => {
    expectError(K.collected(col(1, 2, 3), col(0, 0), col("交易成功", "交易成功", "交易成功")), "#VALUE!", /same number of cells \(3, 2, 3\)/);
  });
});
