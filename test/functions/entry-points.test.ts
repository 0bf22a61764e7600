/**
 * functions.ts, the entry points Excel calls: outside Excel they hand back the implementation's
 * error values; inside Excel (a CustomFunctions runtime present) every error is a
 * CustomFunctions.Error with #VALUE! or #N/A and the bilingual message; and no JavaScript
 * exception ever escapes — an unexpected one becomes an error value too.
 */
import * as F from "../../src/functions/functions";
import * as impl from "../../src/functions/impl";
import { FnError } from "../../src/functions/values";

class HostError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
const runtime = {
  associate: jest.fn(),
  Error: HostError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};

afterEach(() => {
  delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
  jest.restoreAllMocks();
});

test("outside Excel the results are plain values and FnErrors", () => {
  const out = F.commission([[20000], ["abc"]]);
  expect(out[0][0]).toBe(200);
  expect(out[1][0]).toBeInstanceOf(FnError);
  expect(F.collected([[100]], [[0]], [["交易成功"]])).toBe(100);
});

test("inside Excel every error value is a CustomFunctions.Error with its message", () => {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = runtime;
  const out = F.late([["08:31"], [null], ["abc"]], [["08:30"]]);
  expect(out[0][0]).toBe(1);
  expect(out[1][0]).toBeInstanceOf(HostError);
  expect(out[1][0]).toMatchObject({ code: "#N/A", message: "没有上班打卡（缺卡） / no clock-in punch (missing)" });
  expect(out[2][0]).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/不是时间.* \/ .*not a time/) });
  const total = F.collected([[1], [2]], [[0]], [["交易成功"]]);
  expect(total).toBeInstanceOf(HostError);
  expect((total as HostError).code).toBe("#VALUE!");
});

test("the same error value is converted once, not per cell", () => {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = runtime;
  // Each row has its shift, so each blank punch is a missing one (a fully blank row would spill "").
  const out = F.late([[null], [null], [null]], [["08:30"], ["08:30"], ["08:30"]]);
  expect(out[0][0]).toMatchObject({ code: "#N/A" });
  expect(out[0][0]).toBe(out[1][0]);
  expect(out[1][0]).toBe(out[2][0]);
});

test.each([
  ["COMMISSION", () => F.commission([[1]]), "commission"],
  ["AGENT", () => F.agent([["x"]]), "agent"],
  ["COLLECTED", () => F.collected([[1]], [[0]], [["交易成功"]]), "collected"],
] as const)("an unexpected exception in %s becomes #VALUE!, never a throw", (_id, call, name) => {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = runtime;
  jest.spyOn(impl, name).mockImplementation(() => {
    throw new TypeError("boom");
  });
  let result: unknown;
  expect(() => (result = call())).not.toThrow();
  const cell = Array.isArray(result) ? (result as unknown[][])[0][0] : result;
  expect(cell).toMatchObject({ code: "#VALUE!", message: "计算出错：boom / calculation failed: boom" });
});

test("single values (not wrapped in a matrix) are accepted too", () => {
  expect(F.commission(20000 as unknown as any[][])).toEqual([[200]]);
  expect(F.orderid('="2873190462331523456"' as unknown as any[][])).toEqual([["2873190462331523456"]]);
});
