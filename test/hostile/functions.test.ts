/**
 * The KEFU.* functions live in the manager's and the agents' own sheets, where any cell may hold
 * anything. Random arguments, as Excel passes them (2-D ranges of numbers, text, booleans, blanks;
 * ranges of odd shapes), into every implementation: nothing throws (the entry point's catch-all
 * would turn that into a message-less "calculation failed"), every result cell is a finite
 * number, text, a boolean or an error value with a Chinese and an English message.
 */
import fc from "fast-check";
import * as impl from "../../src/functions/impl";
import * as entry from "../../src/functions/functions";
import { FnError, type Out } from "../../src/functions/values";

const scalar = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.double(),
  fc.integer({ min: -100000, max: 200000 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.boolean(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "2%", "0.02", "2", "-10", "¥1,234.50", "12.50元", "１２３", "全额", "超额", "marginal", "whole", "首个", "last",
    "08:30", "17:30", "01:00", "24:30", "25:61", "次日 00:55", "KF01", "KF01 小美", "投诉", "complaint", "迟到", "未知规则",
    '="2873190462331523456"', "2.873E+18", "交易成功", "交易关闭", "=cmd|' /C calc'!A0", '=HYPERLINK("http://evil","点我")', "@SUM(1)",
  ),
);
/** A cell, a row, a column or a small block — the shapes a formula hands over. */
const range = fc.oneof(
  scalar.map((v) => [[v]]),
  fc.array(scalar, { minLength: 1, maxLength: 4 }).map((r) => [r]),
  fc.array(scalar, { minLength: 1, maxLength: 4 }).map((c) => c.map((v) => [v])),
  // Excel's ranges are rectangular.
  fc.integer({ min: 1, max: 3 }).chain((w) => fc.array(fc.array(scalar, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 4 })),
);
const optional = fc.oneof(fc.constant(undefined), range);

function expectCell(v: Out): void {
  if (v instanceof FnError) {
    expect(["#VALUE!", "#N/A"]).toContain(v.code);
    expect(v.zh).toMatch(/\p{Script=Han}/u);
    expect(v.en).toMatch(/[A-Za-z]{3}/);
    // An internal exception caught by the entry point is a bug, not a message for the user.
    expect(v.en).not.toMatch(/^calculation failed/);
    return;
  }
  if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
  else expect(["string", "boolean"]).toContain(typeof v);
}

function expectGrid(out: Out[][]): void {
  expect(Array.isArray(out)).toBe(true);
  expect(out.length).toBeGreaterThan(0);
  const width = out[0].length;
  for (const row of out) {
    expect(row.length).toBe(width);
    for (const v of row) expectCell(v);
  }
}

const CASES: [string, fc.Arbitrary<unknown[]>, (...a: any[]) => Out[][] | Out][] = [
  ["COMMISSION", fc.tuple(range, optional, fc.oneof(fc.constant(undefined), scalar)), impl.commission],
  ["TIERRATE", fc.tuple(range, optional), impl.tierRate],
  ["AGENT", fc.tuple(range, optional, fc.oneof(fc.constant(undefined), scalar)), impl.agent],
  ["ORDERID", fc.tuple(range), impl.orderId],
  ["LATE", fc.tuple(range, range, optional), impl.late],
  ["EARLY", fc.tuple(range, range, optional, optional), impl.early],
  ["FINE", fc.tuple(range, range, optional, optional, optional), impl.fine],
  ["CONVERSION", fc.tuple(range, range), impl.conversion],
  ["AOV", fc.tuple(range, range), impl.aov],
  ["SCORE", fc.tuple(range, range, range, optional, optional), impl.score],
  ["COLLECTED", fc.tuple(range, range, range, optional), impl.collected],
];

describe("KEFU.* on random arguments", () => {
  test.each(CASES)("%s: no exception, every cell a value or a bilingual error", (_name, args, fn) => {
    fc.assert(
      fc.property(args, (a) => {
        const out = fn(...a);
        if (Array.isArray(out)) expectGrid(out);
        else expectCell(out);
      }),
      { numRuns: 300 },
    );
  });

  test("the entry points Excel calls never throw either", () => {
    const entries = Object.entries(entry).filter(([, f]) => typeof f === "function") as [string, (...a: unknown[]) => unknown][];
    expect(entries.length).toBeGreaterThanOrEqual(11);
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 5 }), (a) => {
        for (const [, f] of entries) expect(() => f(...a)).not.toThrow();
      }),
      { numRuns: 100 },
    );
  });
});
