import fc from "fast-check";
import { dateSerial, wallDay, wallDayCell, wallTimeCell, wallTimeText } from "../../src/core/sheets/layout";

const iso = (t: number) => new Date(t).toISOString().slice(0, 19).replace("T", " ");

test.each([
  [Date.UTC(2026, 9, 1), "2026-10-01 00:00:00"],
  [Date.UTC(2026, 9, 31, 23, 59, 59, 999), "2026-10-31 23:59:59"],
  [Date.UTC(1969, 11, 31, 23, 0, 1), "1969-12-31 23:00:01"],
  [Date.UTC(2024, 1, 29, 12, 5, 9), "2024-02-29 12:05:09"],
])("wallTimeText(%p) = %p (cached days, arithmetic times)", (t, text) => {
  expect(wallTimeText(t)).toBe(text);
  expect(wallDay(t)).toBe(text.slice(0, 10));
});

test("the cached wall clock agrees with Date#toISOString over 1900–2100", () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
      expect(wallTimeText(t)).toBe(iso(t));
      expect(wallDay(t)).toBe(iso(t).slice(0, 10));
    }),
    { numRuns: 5000 },
  );
});

test.each([
  ["2026-10-01", 46296],
  ["2026-10-01 12:00:00", 46296.5],
  ["2026-10-01T06:00", 46296.25],
  ["2026-02-31", null], // no such day: text, not 3 March
  ["2026-13-01", null],
  ["2026-10-1", null],
  ["２０２６-10-01", null],
])("dateSerial(%p) = %p (shared by the xlsx writer and the Office.js adapter)", (text, serial) => {
  expect(dateSerial(text)).toBe(serial);
});

test("date cells made from a WallTime carry exactly the serial their text gives", () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(1900, 2, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
      const at = wallTimeCell(t);
      expect(at.date).toBe(iso(t));
      expect(at.serial).toBe(dateSerial(at.date));
      const day = wallDayCell(t);
      expect(day.date).toBe(iso(t).slice(0, 10));
      expect(day.serial).toBe(dateSerial(day.date));
      expect(wallDayCell(t)).toBe(day); // one object per day
    }),
    { numRuns: 3000 },
  );
});
