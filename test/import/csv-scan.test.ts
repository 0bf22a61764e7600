/**
 * The byte path (csv-scan.ts) against the text path (csv-parse.ts): on random files — quotes,
 * doubled quotes, embedded line breaks, CRLF / LF / CR, GBK and UTF-8 text, invalid bytes, BOMs,
 * ragged and cut-off last rows, empty fields — the same records, the same problems (code, row,
 * value, words) and the same counts, whatever the chunking and whenever the columns narrow.
 */
import fc from "fast-check";
import * as iconv from "iconv-lite";
import { createCsvStream, importCsvBytes, TAOBAO_ORDER_HEADERS } from "../../src/core/import";
import { MAX_RECORD_CHARS } from "../../src/core/import/csv";
import { createCsvByteParser } from "../../src/core/import/csv-scan";

const field: fc.Arbitrary<string> = fc.oneof(
  fc.constant(""),
  fc.constantFrom("卖家已发货，等待买家确认", "交易成功", "小店旗舰店", "王女士", "赵女士, KF125, 3.0*2.5米", "KF01 好评", "无退款申请", "€", "𠀀字", "\ufffd", "\ufeff"),
  fc.constantFrom('="2873190462331523456"', "2873190462331523456", "480.15", "0.00", "2026-10-13 01:36:52", "01/10/2026", "YT0000703384880"),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: fc.constantFrom("a", "字", ",", '"', "\n", "\r", " ", "\t", ";", "1", "é"), maxLength: 10 }),
);

/** A field as a CSV writer might put it: plain, quoted, or with stray quotes. */
const written: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: field.map((f) => f.replace(/[",\r\n]/g, "")) },
  { weight: 2, arbitrary: field.map((f) => '"' + f.replace(/"/g, '""') + '"') },
  { weight: 1, arbitrary: fc.tuple(field, field).map(([a, b]) => '"' + a.replace(/"/g, '""') + '"' + b.replace(/[,\r\n]/g, "")) },
  { weight: 1, arbitrary: field },
);

const line = fc.constantFrom("\n", "\r\n", "\r");

interface Case {
  text: string;
  enc: "gbk" | "gb18030" | "utf8";
  bom: boolean;
  cut: number | null;
  junk: { at: number; bytes: number[] }[];
}

const csvCase: fc.Arbitrary<Case> = fc.record({
  text: fc
    .tuple(
      fc.array(fc.tuple(fc.array(written, { minLength: 1, maxLength: 7 }), line), { minLength: 0, maxLength: 12 }),
      fc.boolean(),
    )
    .map(([rows, finalBreak]) => {
      let s = rows.map(([cells, br]) => cells.join(",") + br).join("");
      if (!finalBreak && s.length > 0) s = s.replace(/(\r\n|\n|\r)$/, "");
      return s;
    }),
  enc: fc.constantFrom<"gbk" | "gb18030" | "utf8">("gbk", "gb18030", "utf8"),
  bom: fc.boolean(),
  cut: fc.option(fc.nat(), { nil: null }),
  junk: fc.array(fc.record({ at: fc.nat(), bytes: fc.array(fc.constantFrom(0x80, 0x81, 0x30, 0xff, 0xe4, 0xb8, 0xed, 0xa0, 0x7f, 0xfe, 0x84, 0x31), { minLength: 1, maxLength: 3 }) }), { maxLength: 2 }),
});

function bytesOf(c: Case): Uint8Array {
  let b = new Uint8Array(iconv.encode(c.text, c.enc === "utf8" ? "utf8" : c.enc, { addBOM: c.bom }));
  for (const j of c.junk) {
    const at = b.length === 0 ? 0 : j.at % (b.length + 1);
    b = new Uint8Array([...b.subarray(0, at), ...j.bytes, ...b.subarray(at)]);
  }
  if (c.cut !== null && b.length > 0) b = b.subarray(0, c.cut % (b.length + 1));
  return b;
}

/** Records, problems and counts through one path, with a chunking and a narrowing. */
function run(bytes: Uint8Array, scan: boolean, chunk: number, narrowAt: number, cols: number[] | null) {
  const rows: string[][] = [];
  const s = createCsvStream(
    (cells, rowNo) => {
      rows.push([String(rowNo), ...cells]);
      if (rowNo === narrowAt) s.setColumns(cols);
    },
    { file: "t.csv", scan },
  );
  for (let o = 0; o < bytes.length; o += chunk) s.write(bytes.slice(o, Math.min(bytes.length, o + chunk)));
  const atStart = s.atRecordStart();
  const end = s.end();
  return { rows, end, atStart, needsTextPath: s.needsTextPath };
}

describe("byte path = text path", () => {
  test("random CSV files in GBK, GB18030 and UTF-8", () => {
    fc.assert(
      fc.property(
        csvCase,
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 0, max: 4 }),
        fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }), { nil: null }),
        (c, chunkA, chunkB, narrowAt, cols) => {
          const bytes = bytesOf(c);
          const text = run(bytes, false, chunkA, narrowAt, cols);
          const scan = run(bytes, true, chunkB, narrowAt, cols);
          expect(scan.needsTextPath).toBe(false);
          expect(scan.rows).toEqual(text.rows);
          expect(scan.end).toEqual(text.end);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("a known encoding and separator (the split read's second half) with a BOM-like start", () => {
    fc.assert(
      fc.property(csvCase, fc.integer({ min: 3, max: 50 }), fc.constantFrom("utf-8", "gb18030"), (c, chunk, encoding) => {
        const bytes = bytesOf({ ...c, bom: false });
        const withBom = encoding === "utf-8" && c.bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) : bytes;
        const out = (scan: boolean) => {
          const rows: string[][] = [];
          const s = createCsvStream((cells) => rows.push(cells.slice()), { file: "t.csv", encoding, delimiter: ",", scan });
          for (let o = 0; o < withBom.length; o += chunk) s.write(withBom.slice(o, Math.min(withBom.length, o + chunk)));
          return { rows, end: s.end() };
        };
        expect(out(true)).toEqual(out(false));
      }),
      { numRuns: 1000 },
    );
  });

  test("an orders file through the importer: the same ImportResult", () => {
    const header = TAOBAO_ORDER_HEADERS.join(",");
    const row = fc
      .tuple(
        fc.constantFrom('="2873190462331523456"', "2873190462331523457", "", "12", "2.873E+18", "合计"),
        fc.constantFrom("王女士", "tb_1", "", '"a,b"'),
        fc.constantFrom("480.15", "", "abc", "-1", "12.50元"),
        fc.constantFrom("交易成功", "卖家已发货,等待买家确认", '"卖家已发货,等待买家确认"', ""),
        fc.constantFrom("2026-10-13 01:36:52", "", "01/10/2026", "13/10/2026", "x"),
        fc.constantFrom("KF01 好评", '"多行\n备注"', "", "\ufffd"),
      )
      .map(([id, buyer, paid, status, t, note]) => {
        const cells = TAOBAO_ORDER_HEADERS.map(() => "");
        const at = (name: string) => TAOBAO_ORDER_HEADERS.findIndex((h) => h.trim() === name);
        const put = (name: string, v: string) => {
          const i = at(name);
          if (i >= 0) cells[i] = v;
        };
        put("订单编号", id);
        put("买家会员名", buyer);
        put("买家实际支付金额", paid);
        put("订单状态", status);
        put("订单付款时间", t);
        put("订单创建时间", t);
        put("订单备注", note);
        return cells.join(",");
      });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 15 }), fc.constantFrom("gbk", "utf8"), fc.nat(), fc.boolean(), (rows, enc, cut, doCut) => {
        let bytes = new Uint8Array(iconv.encode([header, ...rows].join("\r\n") + "\r\n", enc));
        if (doCut) bytes = bytes.subarray(0, bytes.length - (cut % 40));
        expect(importCsvBytes(bytes, "订单.csv", "orders", { scan: true })).toEqual(importCsvBytes(bytes, "订单.csv", "orders", { scan: false }));
      }),
      { numRuns: 300 },
    );
  });

  test("a record past 16 MB is left to the text path", () => {
    const rows: string[][] = [];
    const p = createCsvByteParser((cells) => rows.push(cells.slice()), ",", "utf-8");
    p.feed(new TextEncoder().encode("a,b\n"));
    const big = new Uint8Array(4 << 20).fill(0x61);
    for (let i = 0; i < 5 && !p.needsTextPath; i++) p.feed(big);
    expect(p.needsTextPath).toBe(true);
    expect(rows).toEqual([["a", "b"]]);
  });

  test("importCsvBytes: a file with a record past 16 MB is read by the text path, its row refused as there", () => {
    const header = TAOBAO_ORDER_HEADERS.join(",");
    const row = (id: string, note: string) => {
      const cells = TAOBAO_ORDER_HEADERS.map(() => "");
      cells[0] = id;
      cells[TAOBAO_ORDER_HEADERS.findIndex((h) => h.trim() === "订单备注")] = note;
      return cells.join(",");
    };
    const text = [header, row("2873190462331523456", "KF01"), row("2873190462331523457", '"' + "x".repeat(MAX_RECORD_CHARS + 10) + '"'), row("2873190462331523458", "KF02")].join("\n") + "\n";
    const bytes = new TextEncoder().encode(text);
    const r = importCsvBytes(bytes, "订单.csv", "orders");
    expect(r).toEqual(importCsvBytes(bytes, "订单.csv", "orders", { scan: false }));
    expect(r.problems.map((p) => [p.code, p.row])).toContainEqual(["csv.row_too_long", 3]);
    expect(r.data.orders.map((o) => o.source.row)).toEqual([2, 4]);
  });

  // A kept quoted field is decoded from its inner bytes when they are well-formed and the field
  // ends on its closing quote; these are the shapes around that rule, each against the text path.
  test("quoted fields: inner bytes decoded alone only when that gives unquote's text", () => {
    const gb = (t: string) => [...iconv.encode(t, "gb18030")];
    const q = 34;
    const fields: number[][] = [
      [q, ...gb("赵女士, KF125"), q],
      [q, ...gb('a""b'), q],
      [q, ...gb("ab"), q, ...gb("c"), q], // a stray quote after the closing one
      [q, ...gb("字"), 0x81, 0x30, q], // a cut four-byte character before the closing quote
      [q, ...gb("字"), 0x81, q],
      [q, ...gb("字"), q, 0x81, 0x30],
      [q, q],
      [q, ...gb("交易成功"), q],
    ];
    for (const f of fields) {
      for (const end of [[10], [13, 10], []]) {
        const bytes = new Uint8Array([...gb("a,b\n1,"), ...f, ...end, ...gb("x,"), ...f, ...gb(",z\n")]);
        for (const cols of [null, [1]]) {
          const text = run(bytes, false, 5, 1, cols);
          const scan = run(bytes, true, 7, 1, cols);
          expect(scan.rows).toEqual(text.rows);
          expect(scan.end).toEqual(text.end);
        }
      }
    }
  });

  // Two-byte characters read through the pair table (not the decoder): every pair, in a field
  // of its own and within text, as the decoder reads it.
  test("every GB18030 two-byte pair reads as TextDecoder reads it", () => {
    const bytes: number[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail !== 0x7f) bytes.push(lead, trail, 0x2c, 0x61, lead, trail, 0x62, 0x0a);
      }
    }
    const data = new Uint8Array(bytes);
    const rows: string[][] = [];
    const p = createCsvByteParser((cells) => rows.push(cells.slice()), ",", "gb18030");
    p.feed(data);
    p.end();
    const lines = new TextDecoder("gb18030").decode(data).split("\n");
    lines.pop();
    expect(rows.map((r) => r.join(","))).toEqual(lines);
  });

  test("repeated values are one string (interned by their bytes)", () => {
    const rows: string[][] = [];
    const p = createCsvByteParser((cells) => rows.push(cells.slice()), ",", "gb18030");
    p.feed(new Uint8Array(iconv.encode("交易成功,小店旗舰店\n交易成功,小店旗舰店\n", "gbk")));
    p.end();
    expect(rows[0]).toEqual(["交易成功", "小店旗舰店"]);
    expect(rows[1]).toEqual(rows[0]);
  });
});
