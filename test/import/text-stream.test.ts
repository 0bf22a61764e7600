/**
 * textStream (src/core/import/text-stream.ts): a GB18030 or UTF-8 byte stream in chunks of any
 * size gives the text one whole decode gives, and never throws — Node's own streaming GB18030
 * decoder throws on `FE 30 FE` + `22` split across chunks.
 */
import * as fc from "fast-check";
import { gb18030Boundary, textStream } from "../../src/core/import/text-stream";

const whole = (enc: string, b: Uint8Array) => new TextDecoder(enc).decode(b);

function streamed(enc: string, b: Uint8Array, cuts: number[]): string {
  const s = textStream(enc);
  let out = "";
  let at = 0;
  for (const c of [...cuts.map((x) => x % (b.length + 1))].sort((x, y) => x - y)) {
    out += s.write(b.subarray(at, Math.max(at, c)));
    at = Math.max(at, c);
  }
  return out + s.write(b.subarray(at)) + s.end();
}

test("the chunks that made Node's decoder throw: FE 30 FE | 22", () => {
  const b = new Uint8Array([0x34, 0x38, 0x30, 0xfe, 0x30, 0xfe, 0x22, 0x0a]);
  const node = new TextDecoder("gb18030");
  expect(() => {
    node.decode(b.subarray(0, 6), { stream: true });
    node.decode(b.subarray(6), { stream: true });
  }).toThrow(); // if this stops throwing, Node fixed it; the wrapper stays correct either way
  expect(streamed("gb18030", b, [6])).toBe(whole("gb18030", b));
});

test.each([
  [[0x61], 1],
  [[0xfe], 0],
  [[0xfe, 0x30], 0],
  [[0xfe, 0x30, 0xfe], 0],
  [[0xfe, 0x30, 0xfe, 0x30], 4], // a four-byte character
  [[0xfe, 0x30, 0xfe, 0x22], 4], // malformed: the lead, then 30 FE 22 read again (FE 22 a pair)
  [[0xfe, 0x30, 0x22], 3], // malformed: the lead, then 30 and 22
  [[0xd6, 0xd0], 2], // 中
  [[0xd6, 0xd0, 0xd6], 2],
  [[0xd6, 0x7f], 2], // the lead malformed, 7F read again
  [[0x80, 0xff], 2],
])("gb18030Boundary(%j) = %i", (bytes, want) => {
  expect(gb18030Boundary(new Uint8Array(bytes))).toBe(want);
});

const byte = fc.constantFrom(0x22, 0x0a, 0x2c, 0x61, 0x30, 0x35, 0x39, 0x40, 0x7e, 0x7f, 0x80, 0x81, 0x84, 0x95, 0xa1, 0xd6, 0xd0, 0xfe, 0xff, 0xe4, 0xb8, 0xad);

test.each(["gb18030", "utf-8"])("%s: any bytes in any chunks read as the whole decode reads them", (enc) => {
  fc.assert(
    fc.property(fc.array(byte, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
      const b = new Uint8Array(bytes);
      expect(streamed(enc, b, cuts)).toBe(whole(enc, b));
    }),
    { numRuns: 5000 },
  );
});
