/** The month a build picks, and what it says of rows outside that month. */
import { pickMonth } from "../../../src/core/engine";

describe("pickMonth never picks a month from a date outside 2000–2099", () => {
  const t = (y: number, mo: number, d: number) => Date.UTC(y, mo - 1, d, 10);
  test.each([
    ["one order of 9999-12 beside one of 2026-10", [t(9999, 12, 31), t(2026, 10, 3)], "2026-10"],
    ["three orders of 9999-12 beside one of 2026-10", [t(9999, 12, 31), t(9999, 12, 30), t(9999, 12, 1), t(2026, 10, 3)], "2026-10"],
    ["1900-01 only", [t(1900, 1, 1)], null],
    ["1999-12 only", [t(1999, 12, 31)], null],
    ["2000-01 (the window's first month)", [t(2000, 1, 1)], "2000-01"],
    ["2099-12 (the window's last month)", [t(2099, 12, 31)], "2099-12"],
    ["2100-01 (past the window)", [t(2100, 1, 1)], null],
    ["NaN", [NaN], null],
  ] as [string, number[], string | null][])("%s", (_, paid, month) => {
    expect(pickMonth(paid.map((paidAt) => ({ paidAt })))).toBe(month);
  });
});
