import {
  cleanIdText,
  excelSerialToWallTime,
  implausibleYear,
  normaliseStatus,
  parseDate,
  parseDateTime,
  parseMoney,
  parseOrderId,
  parseTimeOfDay,
  readDateTime,
  readMoney,
  readNumber,
  readRate,
  toHalfWidth,
  codeOf,
} from "../../src/core/import/cells";
import type { Cell } from "../../src/core/import/types";

const W = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s);

describe("parseOrderId", () => {
  const ok: [Cell, string][] = [
    ['="2873190462331523456"', "2873190462331523456"],
    ["'2873190462331523456", "2873190462331523456"],
    ["\t2873190462331523456", "2873190462331523456"],
    ["  2873190462331523456  ", "2873190462331523456"],
    ["2873 1904 6233 1523 456", "2873190462331523456"],
    ["２８７３１９０４６２３３１５２３４５６", "2873190462331523456"],
    ['"2873190462331523456"', "2873190462331523456"],
    ["1234567890123456", "1234567890123456"], // 16 digits
    ["0012345678901234567", "0012345678901234567"], // leading zeros kept
  ];
  test.each(ok)("%p → %p", (cell, id) => {
    expect(parseOrderId(cell)).toEqual({ ok: true, id });
  });

  const mangled: Cell[] = [2.873e18, 2873190462331523456, 1e15, 1234567890123456, "2.873E+18", "2.87319E+18", "2873190462331523000.0", "2873190462331520000.5", -2.8e18];
  test.each(mangled)("%p is mangled, digits not guessed", (cell) => {
    const r = parseOrderId(cell);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe("mangled");
    expect(r.zh).toContain("已丢失");
    expect(r.zh).toContain("不做猜测");
    expect(r.en).toContain("digits are gone and are not guessed");
  });

  const invalid: Cell[] = ["123", "287319046233152345678", "ABC2873190462331523", "2873-1904-6233-1523", 12345, true, new Date(0)];
  test.each(invalid)("%p is not an order id", (cell) => {
    const r = parseOrderId(cell);
    expect(r).toMatchObject({ ok: false, reason: "invalid", zh: "订单编号应为16到19位数字", en: "an order id should be 16 to 19 digits" });
  });

  test.each([
    ["2873190462331523456,2873190462331523457", 2],
    ["2873190462331523456，2873190462331523457；2873190462331523458", 3],
    ["2873190462331523456 2873190462331523457", 2],
    ["2873190462331523456、1234567890123456", 2],
    ['="2873190462331523456"/="2873190462331523457"', 2],
  ] as [string, number][])("%p lists %p ids (an ERP's merged order): refused, saying so", (cell, n) => {
    const r = parseOrderId(cell);
    expect(r).toMatchObject({ ok: false, reason: "several" });
    if (r.ok) return;
    expect(r.zh).toContain(`${n} 个订单编号`);
    expect(r.en).toContain(`${n} order ids`);
  });

  test.each(["2873190462331523456,123", "2873190462331523456,", "2873190462331523456 abc"])("%p is not a list of ids: not an order id", (cell) => {
    expect(parseOrderId(cell)).toMatchObject({ ok: false, reason: "invalid" });
  });

  test.each([null, "", "   ", '=""'])("%p is empty", (cell) => {
    expect(parseOrderId(cell)).toMatchObject({ ok: false, reason: "empty", zh: "订单编号为空", en: "the order id is empty" });
  });

  test("ids stay exact strings at 19 digits (never a float)", () => {
    const r = parseOrderId('="9999999999999999999"');
    expect(r).toEqual({ ok: true, id: "9999999999999999999" });
  });
});

describe("parseMoney / readMoney", () => {
  const cases: [Cell, number | null][] = [
    ["12.50", 1250],
    ["12.5", 1250],
    ["12", 1200],
    ["0.00", 0],
    ["12.50元", 1250],
    ["¥1,234.50", 123450],
    ["￥1,234.50", 123450],
    ["1,234,567.89", 123456789],
    ["１２．５０", 1250],
    ["１，２３４．５元", 123450],
    ["-12.50", -1250],
    ["−12.50", -1250],
    ["(12.50)", -1250],
    ["¥-3.00", -300],
    ["-¥3.00", -300],
    ["RMB 8.8", 880],
    ["无退款申请", 0],
    ["无", 0],
    ["--", 0],
    ["", null],
    ["   ", null],
    [null, null],
    [12.5, 1250],
    [1.005, 101], // half away from zero, not float-truncated
    [-1.005, -101],
    ["1.005", 101],
    ["1.004", 100],
    ["0.1", 10],
  ];
  test.each(cases)("%p → %p", (cell, cents) => {
    expect(parseMoney(cell)).toBe(cents);
  });
  test.each(["abc", "12.5.0", "1,23.00", "12%", "2873190462331523456", "五十", "12元5角", true])("%p is unreadable: NaN for a located problem", (cell) => {
    expect(readMoney(cell as Cell)).toBeNaN();
    expect(parseMoney(cell as Cell)).toBeNull();
  });
});

describe("parseDateTime / parseDate", () => {
  const cases: [Cell, number | null][] = [
    ["2026-10-03 14:05:09", W(2026, 10, 3, 14, 5, 9)],
    [" 2026-10-03 14:05:09 ", W(2026, 10, 3, 14, 5, 9)],
    ["2026/10/3 14:05", W(2026, 10, 3, 14, 5)],
    ["2026/10/03 4:05:09", W(2026, 10, 3, 4, 5, 9)],
    ["2026年10月3日 14:05", W(2026, 10, 3, 14, 5)],
    ["2026年10月3日", W(2026, 10, 3)],
    ["20261003", W(2026, 10, 3)],
    ["20261003 140509", W(2026, 10, 3, 14, 5, 9)],
    ["2026.10.03", W(2026, 10, 3)],
    ["2026-10-03T14:05:09", W(2026, 10, 3, 14, 5, 9)],
    ["26-10-01 星期四", W(2026, 10, 1)],
    ["26-10-04 星期日", W(2026, 10, 4)],
    ["2026-10-01 星期四", W(2026, 10, 1)],
    ["2026/10/01(四)", W(2026, 10, 1)],
    ["2026-10-01 周四", W(2026, 10, 1)],
    ["２０２６－１０－０３", W(2026, 10, 3)],
    // DingTalk workDate: epoch ms of midnight in China (UTC+8) → that wall-clock midnight.
    [String(Date.UTC(2026, 9, 1) - 8 * 3600_000), W(2026, 10, 1)],
    [Date.UTC(2026, 9, 1) - 8 * 3600_000, W(2026, 10, 1)],
    // Excel serials (1900 system).
    [46298, W(2026, 10, 3)],
    [46298.5, W(2026, 10, 3, 12)],
    [46298.58690972222, W(2026, 10, 3, 14, 5, 9)],
    ["46298", W(2026, 10, 3)],
    // JS Date from xlsx: the wall clock as UTC.
    [new Date(Date.UTC(2026, 9, 3, 14, 5, 9)), W(2026, 10, 3, 14, 5, 9)],
    [new Date(Date.UTC(2026, 9, 3, 14, 5, 8, 999)), W(2026, 10, 3, 14, 5, 9)],
    ["", null],
    [null, null],
  ];
  test.each(cases)("%p → %p", (cell, t) => {
    expect(parseDateTime(cell)).toBe(t);
  });
  test.each([60, "2026-02-29", "2026-13-01", "2026-10-32", "2026-10-03 25:00", "2026-10-03 14:61", "yesterday", "10/3", 0, -5, "2026-10-03 14:05:09 extra"])(
    "%p is not a date",
    (cell) => {
      expect(parseDateTime(cell)).toBeNull();
    },
  );
  test("Excel's fake 1900-02-29 (serial 60) is refused, not shifted", () => {
    expect(excelSerialToWallTime(60)).toBeNaN();
  });
  test.each([
    [1, W(1900, 1, 1)],
    [59, W(1900, 2, 28)],
    [61, W(1900, 3, 1)],
  ])("excelSerialToWallTime(%p) is the 1900 system's day (the year window is readDateTime's)", (serial, t) => {
    expect(excelSerialToWallTime(serial)).toBe(t);
  });

  test.each([
    ["2026-10-03 23:59:59", "2026-10-03"],
    ["2024-02-29", "2024-02-29"],
    ["26-10-01 星期四", "2026-10-01"],
    [46298.99, "2026-10-03"],
  ] as [Cell, string][])("parseDate(%p) = %p", (cell, d) => {
    expect(parseDate(cell)).toBe(d);
  });
});

describe("parseTimeOfDay", () => {
  const cases: [Cell, number | null][] = [
    ["08:31", 511],
    ["8:31", 511],
    ["8:31:05", 511],
    ["08:31:59", 511],
    ["00:00", 0],
    ["23:59", 1439],
    ["24:10", 1450], // next day
    ["次日 00:55", 1495],
    ["次日00:55", 1495],
    ["08:31(外勤)", 511],
    ["次日 00:55（补卡）", 1495],
    ["０８：３１", 511],
    [0.3541666666666667, 510],
    [0.35486111111111107, 511],
    ["0.3541666666666667", 510],
    [46298.35486111111, 511], // a date-time serial: its clock time
    [new Date(Date.UTC(1899, 11, 30, 8, 31)), 511],
    ["2026-10-03 08:31:00", 511],
    ["", null],
    [null, null],
  ];
  test.each(cases)("%p → %p", (cell, m) => {
    expect(parseTimeOfDay(cell)).toBe(m);
  });
  test.each(["8:61", "48:00", "abc", "8点半", -0.5])("%p is not a time", (cell) => {
    expect(parseTimeOfDay(cell as Cell)).toBeNull();
  });
});

describe("text helpers", () => {
  test.each([
    ["卖家已发货,等待买家确认", "卖家已发货，等待买家确认"],
    ["卖家已发货，等待买家确认", "卖家已发货，等待买家确认"],
    [" 交易成功 ", "交易成功"],
    ["买家已付款, 等待卖家发货", "买家已付款，等待卖家发货"],
  ])("normaliseStatus(%p) = %p", (raw, want) => {
    expect(normaliseStatus(raw)).toBe(want);
  });
  test("full-width → half-width digits and punctuation, ideographic space", () => {
    expect(toHalfWidth("１２３，４５６．７８（秒）　ａＢ")).toBe("123,456.78(秒) aB");
  });
  test("cleanIdText strips wrappers", () => {
    expect(cleanIdText('="0012"')).toBe("0012");
    expect(cleanIdText("'0012")).toBe("0012");
  });
  test("codes keep leading zeros", () => {
    expect(codeOf("007")).toBe("007");
    expect(codeOf('="007"')).toBe("007");
    expect(codeOf("'007")).toBe("007");
    expect(codeOf(7)).toBe("7");
  });
  test.each([
    ["25", 25],
    ["25秒", 25],
    ["1,234", 1234],
    ["３２", 32],
    ["", null],
    ["-", null],
  ] as [Cell, number | null][])("readNumber(%p) = %p", (c, v) => {
    expect(readNumber(c)).toBe(v);
  });
  test.each([
    ["95.00%", 0.95],
    ["95%", 0.95],
    [0.95, 0.95],
    [95, 0.95],
    ["", null],
  ] as [Cell, number | null][])("readRate(%p) = %p", (c, v) => {
    if (v === null) expect(readRate(c)).toBeNull();
    else expect(readRate(c)).toBeCloseTo(v, 10);
  });
});

describe("dates outside 2000–2099 are unreadable, with the year to say why", () => {
  const ms = (t: number) => t - 8 * 3600_000; // DingTalk epoch ms of a wall time in UTC+8
  const cases: [string, Cell, number | null][] = [
    ["text 1999-12-31 23:59:59", "1999-12-31 23:59:59", 1999],
    ["text 2000-01-01 00:00:00", "2000-01-01 00:00:00", null],
    ["text 2099-12-31 23:59:59", "2099-12-31 23:59:59", null],
    ["text 2100-01-01 00:00:00", "2100-01-01 00:00:00", 2100],
    ["text 1900-01-01", "1900-01-01", 1900],
    ["text 9999-12-31 23:59:59", "9999-12-31 23:59:59", 9999],
    ["compact 19991231", "19991231", 1999],
    ["slash 31/12/1999", "31/12/1999", 1999],
    ["slash 13/10/2100", "13/10/2100", 2100],
    ["serial 36525 (1999-12-31)", 36525, 1999],
    ["serial 36526 (2000-01-01)", 36526, null],
    ["serial 73050.99 (2099-12-31 23:45)", 73050.99, null],
    ["serial 73051 (2100-01-01)", 73051, 2100],
    ["serial 1 (1900-01-01)", 1, 1900],
    ["serial text '45'", "45", 1900],
    ["Date 1999-12-31", new Date(Date.UTC(1999, 11, 31, 12)), 1999],
    ["Date 2000-01-01", new Date(Date.UTC(2000, 0, 1)), null],
    ["Date 2100-01-01", new Date(Date.UTC(2100, 0, 1)), 2100],
    ["epoch ms 1999-12-31", ms(W(1999, 12, 31)), 1999],
    ["epoch ms 2000-01-01", ms(W(2000, 1, 1)), null],
  ];
  test.each(cases)("%s", (_, cell, year) => {
    const t = readDateTime(cell);
    if (year === null) expect(Number.isNaN(t)).toBe(false);
    else expect(t).toBeNaN();
    expect(implausibleYear(cell)).toBe(year);
  });
  test.each(["", null, "yesterday", "2026-13-01", 60, "2026-10-03"] as Cell[])("implausibleYear(%p) is null: blank, unreadable for another reason, or plausible", (cell) => {
    expect(implausibleYear(cell)).toBeNull();
  });
  test("a clock time written as a date-time of 1900 is still a clock time (only the day needs a year)", () => {
    expect(parseTimeOfDay("1900-01-01 08:31:00")).toBe(511);
  });
});
