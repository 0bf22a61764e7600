/**
 * unboxedCents (core/model.ts): amounts kept unboxed in an order's fields without changing a value —
 * whole cents of int32 size come back as the same number, anything else as it was.
 */
import { unboxedCents, unboxedInt } from "../../src/core/model";

test.each([
  [0, 0],
  [1250, 1250],
  [-1250, -1250],
  [2 ** 31 - 1, 2 ** 31 - 1],
  [-(2 ** 31), -(2 ** 31)],
  [2 ** 31, 2 ** 31], // past int32: as is, not wrapped
  [2 ** 40 + 7, 2 ** 40 + 7],
  [12.5, 12.5], // never truncated
  [-0.5, -0.5],
])("%p → %p", (v, want) => {
  expect(unboxedCents(v)).toBe(want);
  expect(unboxedInt(v)).toBe(want); // row numbers unpacked from a worker's Float64Array
});

test("a value read from a Float64Array keeps its value, -0 becomes 0, NaN stays NaN", () => {
  const f = new Float64Array([48015, -0, NaN, 1e15]);
  expect(unboxedCents(f[0])).toBe(48015);
  expect(Object.is(unboxedCents(f[1]), 0)).toBe(true);
  expect(unboxedCents(f[2])).toBeNaN();
  expect(unboxedCents(f[3])).toBe(1e15);
});
