import fc from "fast-check";
import { cellTextXml } from "../../src/xlsx/xml";
import { XmlBytes, ascii } from "../../src/xlsx/xml-bytes";

/** What XmlBytes wrote, as a Buffer (starting small, so every case also exercises growing). */
function written(fill: (x: XmlBytes) => void, size = 8): { bytes: Buffer; x: XmlBytes } {
  const x = new XmlBytes(Buffer.alloc(size));
  fill(x);
  return { bytes: x.buf.subarray(0, x.pos), x };
}

describe("XmlBytes.text: the bytes of cellTextXml in UTF-8", () => {
  test.each([
    ["", "empty"],
    ["plain ascii 123", "ascii"],
    ["王美 KF03 链接", "CJK"],
    ["a&b<c>d\"e'f", "markup"],
    ["\t tab and\nnewline\r", "tab, LF kept; CR escaped"],
    ["\u0000\u0001\u0008\u000b\u001f\u007f", "control characters"],
    ["\ufffe\uffff", "non-characters"],
    ["😀 emoji 𠮷", "surrogate pairs"],
    ["bad \ud800 high", "lone high surrogate"],
    ["bad \udc00 low", "lone low surrogate"],
    ["end \ud83d", "high surrogate at the end"],
    ["_x0041_", "literal escape"],
    ["_x0041_x0042_", "overlapping literal escapes"],
    ["_x004_ _xZZZZ_ __x0041_ _X0041_", "near misses"],
    ["é ß ¥ —", "two- and three-byte"],
    ["=SUM(A1)", "formula-looking text stays text"],
  ])("%j (%s)", (s) => {
    expect(written((x) => x.text(s)).bytes.toString("utf8")).toBe(cellTextXml(s));
    expect(written((x) => x.text(s)).bytes.equals(Buffer.from(cellTextXml(s), "utf8"))).toBe(true);
  });

  test("any string, including unpaired surrogates and control characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), fc.string({ unit: fc.constantFrom("_", "x", "0", "4", "1", "A", "f", "&", "\r", "\ud800", "\udc00"), maxLength: 30 }), (a, b) => {
        const s = a + b;
        expect(written((x) => x.text(s), 4).bytes.equals(Buffer.from(cellTextXml(s), "utf8"))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("XmlBytes numbers, markup and growing", () => {
  test.each([0, 7, 10, 99, 100, 123456, 1048579, 0x7fffffff, 0x80000000, -1, -0.5, 12.34, 0.1 + 0.2, 1e21, 1e-7, 45678.51041666666])("num(%p) prints as JavaScript does", (n) => {
    expect(written((x) => x.num(n)).bytes.toString("latin1")).toBe(String(n));
  });

  test("whole numbers of every length print as JavaScript prints them (each power of ten and its neighbours too)", () => {
    const edges = Array.from({ length: 10 }, (_, k) => 10 ** k).flatMap((p) => [p - 1, p, p + 1]);
    for (const n of edges) expect(written((x) => x.num(n)).bytes.toString("latin1")).toBe(String(n));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (n) => {
        expect(written((x) => x.num(n)).bytes.toString("latin1")).toBe(String(n));
      }),
      { numRuns: 20000 },
    );
  });

  test("whole cents print as JavaScript prints the yuan", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 * 100 }), (c) => {
        expect(written((x) => x.num(c / 100)).bytes.toString("latin1")).toBe(String(c / 100));
      }),
      { numRuns: 20000 },
    );
  });

  test("bytes and markup; a full buffer moves to a bigger one and keeps the first as spare", () => {
    const { bytes, x } = written((w) => {
      w.bytes(ascii('<row r="'));
      w.num(4711);
      w.markup("<t>王</t>");
    }, 4);
    expect(bytes.toString("utf8")).toBe('<row r="4711<t>王</t>');
    expect(x.spare).not.toBeNull();
    expect(x.spare!.length).toBe(4);
    x.reset(Buffer.alloc(16));
    expect([x.pos, x.spare]).toEqual([0, null]);
  });
});
