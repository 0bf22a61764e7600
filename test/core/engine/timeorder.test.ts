import { dayRuns, firstFalse, orderByTime } from "../../../src/core/reports/timeorder";

/** The plain reading: a comparator sort of the indexes, ties by `tie`. */
function naive(times: number[], tie: (a: number, b: number) => number): number[] {
  return times.map((_, i) => i).sort((a, b) => times[a] - times[b] || tie(a, b));
}

const byIndexDesc = (a: number, b: number) => b - a;
const noTie = () => 0;

function seeded(seed: number) {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
}

describe("orderByTime", () => {
  const next = seeded(11);
  const SECOND = 1000;
  const DAY = 86_400_000;
  const table: [string, number[], (a: number, b: number) => number][] = [
    ["empty", [], byIndexDesc],
    ["one row", [5], byIndexDesc],
    ["equal times, tie decides", [7, 7, 7, 7], byIndexDesc],
    ["equal times, no tie: input order kept", [7, 7, 7, 7], noTie],
    ["sub-second times in one bucket", [1999, 1001, 1500, 1000], byIndexDesc],
    ["one pass of digits", Array.from({ length: 500 }, () => (next() % 900) * SECOND), byIndexDesc],
    ["two passes (a month of seconds)", Array.from({ length: 3000 }, () => (next() % (31 * 86400)) * SECOND), byIndexDesc],
    ["wide buckets (years, few rows)", Array.from({ length: 300 }, () => (next() % 4000) * DAY + (next() % 86400) * SECOND), byIndexDesc],
    ["a bucket larger than insertion sort takes", Array.from({ length: 200 }, (_, i) => (i % 3) * SECOND), byIndexDesc],
    ["negative and huge times", [-5 * DAY, 4e12, 0, -5 * DAY, 4e12, 1], byIndexDesc],
  ];
  test.each(table)("%s", (_name, times, tie) => {
    expect(Array.from(orderByTime(times, times.length, tie))).toEqual(naive(times, tie));
  });

  test("only the first n rows take part", () => {
    expect(Array.from(orderByTime([3000, 1000, 2000, 0], 3, byIndexDesc))).toEqual([1, 2, 0]);
  });
});

describe("dayRuns", () => {
  const DAY = 86_400_000;
  const start = Date.UTC(2026, 9, 1);
  const table: [string, number[], number, number[]][] = [
    ["no rows", [], 3, [0, 0, 0, 0]],
    ["first and last instant of the month", [start, start + 3 * DAY - 1], 3, [0, 1, 1, 2]],
    ["empty days between", [start + 2 * DAY, start + 2 * DAY + 5, start], 3, [0, 1, 1, 3]],
    ["a day boundary exactly", [start + DAY - 1, start + DAY], 2, [0, 1, 2]],
  ];
  test.each(table)("%s", (_name, times, days, expected) => {
    const order = orderByTime(times, times.length, (a, b) => a - b);
    expect(dayRuns(times, order, start, days)).toEqual(expected);
  });
});

describe("firstFalse", () => {
  test.each([
    [0, 0, 0],
    [5, 0, 0],
    [5, 3, 3],
    [5, 5, 5],
    [1, 1, 1],
  ])("n=%i, true below %i → %i", (n, below, expected) => {
    expect(firstFalse(n, (i) => i < below)).toBe(expected);
  });
});
