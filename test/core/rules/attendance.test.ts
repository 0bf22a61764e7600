import { earlyMinutes, formatMinutes, lateMinutes } from "../../../src/core/rules/attendance";

const hm = (h: number, m: number) => h * 60 + m;
const DAY_START = hm(8, 30);
const DAY_END = hm(17, 30);
const NIGHT_START = 1050;
const NIGHT_END = 1500;

describe("lateMinutes", () => {
  it.each([
    [hm(8, 29), DAY_START, 0, 0],
    [hm(8, 30), DAY_START, 0, 0],
    [hm(8, 31), DAY_START, 0, 1],
    [hm(8, 35), DAY_START, 5, 0],
    [hm(8, 36), DAY_START, 5, 6],
    [hm(17, 40), NIGHT_START, 0, 10],
    [hm(0, 10), NIGHT_START, 0, 400], // arrived after midnight for the evening shift
    [hm(17, 0), NIGHT_START, 0, 0],
  ])("in %i vs start %i grace %i → %i", (clockIn, start, grace, late) => {
    expect(lateMinutes(clockIn, start, grace)).toBe(late);
  });
});

describe("earlyMinutes (night shift aware)", () => {
  it.each([
    [hm(0, 55), NIGHT_END, NIGHT_START, 0, 5], // 00:55 for 17:30–01:00
    [hm(1, 0), NIGHT_END, NIGHT_START, 0, 0],
    [hm(1, 30), NIGHT_END, NIGHT_START, 0, 0], // overtime is not early
    [hm(23, 0), NIGHT_END, NIGHT_START, 0, 120],
    [1495, NIGHT_END, NIGHT_START, 0, 5], // already an offset past midnight
    [hm(0, 55), NIGHT_END, null, 0, 5], // no start given: before noon reads as next day
    [hm(17, 29), DAY_END, DAY_START, 0, 1],
    [hm(17, 30), DAY_END, DAY_START, 0, 0],
    [hm(17, 25), DAY_END, DAY_START, 5, 0],
    [hm(0, 30), DAY_END, DAY_START, 0, 0], // day shift stayed past midnight
  ])("out %i vs end %i (start %p, grace %i) → %i", (out, end, start, grace, early) => {
    expect(earlyMinutes(out, end, start, grace)).toBe(early);
  });
  it("formats shift times", () => {
    expect(formatMinutes(510)).toBe("08:30");
    expect(formatMinutes(1500)).toBe("01:00(+1)");
  });
});
