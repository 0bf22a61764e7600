import { defaultRules } from "../../../src/core/rules/defaults";
import { fineFor, resolveRuleKey } from "../../../src/core/rules/fines";
import { KefuError } from "../../../src/core/problems";

const f = defaultRules().fines;

describe("fineFor", () => {
  it.each([
    ["complaint", 1, null, 5000, false],
    ["complaint", 2, null, 10000, false],
    ["complaint", 3, null, 0, true],
    ["complaint", 7, null, 0, true],
    ["late", 1, null, 1000, false],
    ["late", 5, null, 1000, false],
    ["serious_late", 1, null, 1000, false],
    ["early", 2, null, 1000, false],
    ["off_task", 1, null, 1000, false],
    ["cleaning", 1, null, 1000, false],
    ["leak", 1, null, 1000, false],
    ["production_delay", 1, null, 2000, false],
    ["note_error_before", 1, null, 2000, false],
    ["note_error_after", 1, null, 5000, false],
    ["note_error_loss", 1, null, 5000, false],
    ["note_error_loss", 1, 50000, 5000, false], // exactly 500: not over
    ["note_error_loss", 1, 50001, 50001, false],
    ["note_error_loss", 2, 123456, 123456, false],
    ["unconfirmed_address", 1, null, 2000, false],
  ] as const)("%s #%i loss %p → %i dismissal %p", (key, occ, loss, amount, dismissal) => {
    expect(fineFor(f[key], occ, loss)).toEqual({ amount, dismissal });
  });
  it("rejects a non-positive or fractional occurrence", () => {
    expect(() => fineFor(f.late, 0, null)).toThrow(KefuError);
    expect(() => fineFor(f.late, 1.5, null)).toThrow(KefuError);
  });
  it("loss is ignored by rules without a threshold", () => {
    expect(fineFor(f.late, 1, 999999)).toEqual({ amount: 1000, dismissal: false });
  });
});

describe("resolveRuleKey", () => {
  it.each([
    ["投诉", "complaint"],
    ["客户投诉", "complaint"],
    ["complaint", "complaint"],
    ["备注错误（生产前发现）", "note_error_before"],
    [" 未核对地址 ", "unconfirmed_address"],
    ["Late arrival", "late"],
    ["不知道", null],
    ["", null],
  ])("%p → %p", (text, key) => {
    expect(resolveRuleKey(text, f)).toBe(key);
  });
});
