import * as iconv from "iconv-lite";
import { createCsvStream, decodeBytes, parseCsv, importCsvBytes } from "../../src/core/import";
import { createCsvTextParser } from "../../src/core/import/csv";
import { encode, importBytes } from "./helpers";

const rowsOf = (bytes: Uint8Array, chunk: number) => {
  const rows: string[][] = [];
  const s = createCsvStream((cells) => rows.push(cells.slice()), { file: "t.csv" });
  for (let o = 0; o < bytes.length; o += chunk) s.write(bytes.slice(o, Math.min(bytes.length, o + chunk)));
  const end = s.end();
  return { rows, problems: end.problems, encoding: end.encoding };
};

describe("parseCsv (RFC 4180)", () => {
  test.each([
    ["a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]],
    ["a,b\nc,d", [["a", "b"], ["c", "d"]]],
    ["a,b\rc,d\r", [["a", "b"], ["c", "d"]]],
    ["a,b\r\nc,d\ne,f\rg,h", [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]]],
    ['"x, y","say ""hi"""\n', [["x, y", 'say "hi"']]],
    ['"multi\nline","two\r\nlines"\nz,w\n', [["multi\nline", "two\r\nlines"], ["z", "w"]]],
    ['="2873190462331523456",x\n', [['="2873190462331523456"', "x"]]],
    ['"=""2873190462331523456""",x\n', [['="2873190462331523456"', "x"]]],
    ["a,,c\n,,\n", [["a", "", "c"], ["", "", ""]]],
    ["\n\na\n", [[""], [""], ["a"]]],
    ['""\n', [[""]]],
    ['"ab"cd,e\n', [["abcd", "e"]]],
    ["\ufeffa,b\n", [["a", "b"]]],
    ["", []],
  ] as [string, string[][]][])("%j", (text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });
});

describe("decodeBytes: detect, don't ask", () => {
  const text = "订单编号,买家会员名\r\n1,王女士\r\n";
  test.each([
    ["utf8", "utf-8"],
    ["utf8bom", "utf-8"],
    ["gbk", "gb18030"],
    ["utf16le", "utf-16le"],
  ] as const)("%s → %s", (enc, want) => {
    const d = decodeBytes(encode(text, enc));
    expect(d.encoding).toBe(want);
    expect(d.text).toBe(text);
  });
  test("UTF-16BE with BOM and UTF-16LE without BOM", () => {
    expect(decodeBytes(new Uint8Array(iconv.encode("\ufeff" + text, "utf16-be")))).toEqual({ text, encoding: "utf-16be" });
    expect(decodeBytes(new Uint8Array(iconv.encode("a,b\r\n1,2\r\n", "utf16le")))).toEqual({ text: "a,b\r\n1,2\r\n", encoding: "utf-16le" });
  });
  test("GB18030 four-byte characters (beyond GBK) decode", () => {
    const s = "备注,𠀀😀\r\n";
    expect(decodeBytes(new Uint8Array(iconv.encode(s, "gb18030")))).toEqual({ text: s, encoding: "gb18030" });
  });
  test("binary junk is not text", () => {
    expect(decodeBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x00, 0x13]))).toEqual({ text: "", encoding: "binary" });
  });
});

describe("streaming: any chunk boundary gives the same rows", () => {
  const text = 'a,"b, ""quoted""",c\r\n="2873190462331523456",订单备注：王女士,"多行\r\n备注"\rx,y,z\n"e""",,\r\nlast,row,here';
  const want = parseCsv(text);
  test("the text parser and the whole-text parse agree", () => {
    expect(want).toEqual([
      ["a", 'b, "quoted"', "c"],
      ['="2873190462331523456"', "订单备注：王女士", "多行\r\n备注"],
      ["x", "y", "z"],
      ['e"', "", ""],
      ["last", "row", "here"],
    ]);
  });
  test.each(["utf8", "utf8bom", "gbk", "utf16le"] as const)("%s, every chunk size 1..40", (enc) => {
    const bytes = encode(text, enc);
    for (let chunk = 1; chunk <= 40; chunk++) {
      const r = rowsOf(bytes, chunk);
      expect({ chunk, rows: r.rows }).toEqual({ chunk, rows: want });
      expect(r.problems).toEqual([]);
    }
  });
  test("narrowed columns: only kept fields carry text, row widths stay", () => {
    for (const enc of ["utf8", "utf16le"] as const) {
      for (const chunk of [3, 7, 1000]) {
        const rows: string[][] = [];
        const s = createCsvStream((cells, rowNo) => {
          rows.push(cells.slice());
          if (rowNo === 1) s.setColumns([2]);
        });
        const bytes = encode(text, enc);
        for (let o = 0; o < bytes.length; o += chunk) s.write(bytes.slice(o, o + chunk));
        s.end();
        expect(rows.map((r) => r.length)).toEqual([3, 3, 3, 3, 3]);
        expect(rows.slice(1).map((r) => r[2])).toEqual(["多行\r\n备注", "z", "", "here"]);
        expect(rows.slice(1).map((r) => r[0])).toEqual(["", "", "", ""]);
      }
    }
  });
  test("text parser: a doubled quote split across chunks", () => {
    const rows: string[][] = [];
    const p = createCsvTextParser((c) => rows.push(c.slice()));
    p.feed('"a"');
    p.feed('"b",c\n');
    p.end();
    expect(rows).toEqual([['a"b', "c"]]);
  });
});

describe("malformed CSV files: exact messages", () => {
  const header = "订单编号,买家实际支付金额,订单状态\r\n";
  test("empty file (0 bytes)", () => {
    const r = importBytes(new Uint8Array(0), "空.csv", "orders");
    expect(r.kind).toBeNull();
    expect(r.problems).toEqual([
      { severity: "error", code: "import.empty", file: "空.csv", sheet: "空", row: null, column: null, value: "", zh: "文件是空的（0 字节）；未导入", en: "the file is empty (0 bytes); not imported" },
    ]);
  });
  test("a file of blank lines", () => {
    const r = importBytes(encode("\r\n\r\n,,\r\n", "utf8"), "blank.csv");
    expect(r.kind).toBeNull();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: "import.empty", severity: "error" });
    expect(r.problems[0].zh).toBe("表格是空的，没有表头也没有数据；此表未导入");
    expect(r.problems[0].en).toBe("the sheet is empty: no headers and no data; this sheet is not imported");
  });
  test("only headers", () => {
    const r = importBytes(encode(header, "gbk"), "只有表头.csv");
    expect(r.kind).toBe("orders");
    expect(r.rowsRead).toBe(0);
    expect(r.problems).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "import.no_data",
        row: null,
        zh: "只有表头，没有数据行（识别为订单报表，表头在第1行）",
        en: "only headers, no data rows (recognised as an orders export, headers on row 1)",
      }),
    ]);
  });
  test("binary junk: one file-level problem, no crash", () => {
    const junk = new Uint8Array(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 131 + 7) & 0xff;
    const r = importBytes(junk, "junk.csv", "orders");
    expect(r.kind).toBeNull();
    expect(r.rowsRead).toBe(0);
    expect(r.problems).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "file.binary",
        file: "junk.csv",
        row: 2,
        zh: "文件包含二进制数据：第 212 个字节（偏移 211，第 2 行）是空字节（NUL），文本 CSV 中不会有；未导入。若这确实是导出的表格，请用文本编辑器删除这个字符后保存，或重新导出",
        en: "the file holds binary data: byte 212 (offset 211, line 2) is a NUL byte, which CSV text never holds; not imported. If it is an export, delete that character in a text editor and save, or export it again",
      }),
    ]);
  });
  test("undecodable bytes without NULs are binary too", () => {
    const junk = new Uint8Array(2000);
    for (let i = 0; i < junk.length; i++) junk[i] = i % 3 === 0 ? 1 + ((i * 7) % 8) : 0x81 + ((i * 37) % 0x7e); // control bytes among high bytes
    const r = importBytes(junk, "junk2.csv");
    expect(r.problems.map((p) => p.code)).toEqual(["file.binary"]);
    expect(r.problems[0].en).toBe("the file cannot be decoded as UTF-8 or GBK/GB18030; it looks binary or damaged; not imported");
  });
  test("an xlsx given as CSV is named as such", () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
    const r = importBytes(zip, "订单.csv");
    expect(r.problems[0]).toMatchObject({ code: "file.binary" });
    expect(r.problems[0].zh).toContain("xlsx");
  });
  test("UTF-16 files import like any other", () => {
    for (const bytes of [encode(header + '="2873190462331523456",12.50,交易成功\r\n', "utf16le"), new Uint8Array(iconv.encode("\ufeff" + header + '="2873190462331523456",12.50,交易成功\r\n', "utf16-be"))]) {
      const r = importBytes(bytes, "u16.csv");
      expect(r.kind).toBe("orders");
      expect(r.data.orders).toEqual([expect.objectContaining({ id: "2873190462331523456", paid: 1250 })]);
      expect(r.problems).toEqual([]);
    }
  });
  test.each(["utf8", "gbk", "utf16le"] as const)("truncated last line (%s): reported, not imported", (enc) => {
    const text = header + '="2873190462331523456",12.50,交易成功\r\n="2873190462331523457",99';
    const r = importBytes(encode(text, enc), "cut.csv");
    expect(r.data.orders.map((o) => o.id)).toEqual(["2873190462331523456"]);
    expect(r.problems).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "csv.truncated",
        row: 3,
        value: '="2873190462331523457",99',
        zh: "最后一行不完整：只有 2 列（上一行有 3 列），文件可能被截断；该行未导入",
        en: "the last row is incomplete: 2 fields where the row before has 3, the file may be cut off; the row is not imported",
      }),
    ]);
  });
  test.each(["utf8", "utf16le"] as const)("a quote never closed at the end (%s)", (enc) => {
    const text = header + '="2873190462331523456",12.50,"交易成';
    const r = importBytes(encode(text, enc), "cut.csv");
    expect(r.data.orders).toEqual([]);
    expect(r.problems.find((p) => p.code === "csv.truncated")).toMatchObject({
      row: 2,
      zh: "最后一行不完整：引号没有闭合，文件可能被截断；该行未导入",
      en: "the last row is incomplete: a quote is never closed, the file may be cut off; the row is not imported",
    });
  });
  test("a last line without newline but complete is imported", () => {
    const r = importBytes(encode(header + '="2873190462331523456",12.50,交易成功', "gbk"), "ok.csv");
    expect(r.data.orders).toHaveLength(1);
    expect(r.problems).toEqual([]);
  });
  test("mixed line endings", () => {
    const text = "订单编号,买家实际支付金额\r\n" + '="2873190462331523456",1\n' + '="2873190462331523457",2\r' + '="2873190462331523458",3\r\n';
    for (const enc of ["utf8", "gbk", "utf16le"] as const) {
      const r = importBytes(encode(text, enc), "mixed.csv");
      expect(r.data.orders.map((o) => [o.id, o.paid, o.source.row])).toEqual([
        ["2873190462331523456", 100, 2],
        ["2873190462331523457", 200, 3],
        ["2873190462331523458", 300, 4],
      ]);
    }
  });
  test("invalid bytes in a UTF-8 file are counted and reported", () => {
    const good = new TextEncoder().encode("订单编号,买家实际支付金额,订单备注\r\n");
    const row = new TextEncoder().encode('="2873190462331523456",1,');
    const bytes = new Uint8Array([...good, ...row, 0x41, 0xc3, 0x28, 0x42, 0x0d, 0x0a]);
    const r = importBytes(bytes, "bad.csv");
    expect(r.encoding).toBe("utf-8");
    expect(r.problems.find((p) => p.code === "file.encoding.invalid_bytes")).toMatchObject({ severity: "warning", value: "1" });
  });
  test("wrong headers: kind null with the reason", () => {
    const r = importBytes(encode("名字,年龄,城市\r\n张三,30,杭州\r\n", "utf8"), "x.csv");
    expect(r.kind).toBeNull();
    expect(r.problems).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "import.unrecognised",
        zh: "未能识别表头：最接近花名册，但缺少 工号、旺旺/岗位/入职日期/月度目标；此表未导入",
        en: "headers not recognised: closest to a roster, but missing 工号, 旺旺/岗位/入职日期/月度目标; this sheet is not imported",
      }),
    ]);
  });
  test("headers of nothing known", () => {
    const r = importBytes(encode("foo,bar\r\n1,2\r\n", "utf8"), "x.csv");
    expect(r.problems[0]).toMatchObject({
      code: "import.unrecognised",
      zh: "未能识别表头：前12行中没有找到任何已知报表（订单、考勤、客服绩效、花名册、违规记录）的表头；此表未导入",
    });
  });
  test("an attendance file given as orders is detected", () => {
    const text = "姓名,工号,日期,班次,上班打卡,下班打卡\r\n王美,KF01,2026-10-01,白班,08:20,17:40\r\n";
    const r = importBytes(encode(text, "gbk"), "考勤.csv", "orders");
    expect(r.kind).toBeNull();
    expect(r.data.orders).toEqual([]);
    expect(r.problems).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "import.wrong_kind",
        zh: "这看起来是考勤表，不是订单报表（第1行表头）；此表未导入（应为订单报表）",
        en: "this looks like an attendance sheet, not an orders export (headers on row 1); this sheet is not imported (expected an orders export)",
      }),
    ]);
  });
  test("duplicate header names: the first column is used, the other reported", () => {
    const text = "订单编号,买家实际支付金额,订单编号,买家实际支付金额\r\n" + '="2873190462331523456",1.00,="2873190462331523999",9.00\r\n';
    const r = importBytes(encode(text, "utf8"), "dup.csv");
    expect(r.data.orders).toEqual([expect.objectContaining({ id: "2873190462331523456", paid: 100 })]);
    const dups = r.problems.filter((p) => p.code === "header.duplicate");
    expect(dups.map((p) => [p.severity, p.row, p.column])).toEqual([
      ["warning", 1, "订单编号"],
      ["warning", 1, "买家实际支付金额"],
    ]);
    expect(dups[0].zh).toBe("表头「订单编号」重复出现（A 列和 C 列）；使用 A 列，忽略 C 列");
    expect(dups[0].en).toBe('the header "订单编号" appears twice (columns A and C); column A is used and column C is ignored');
  });
  test("importCsvBytes: the whole file at once gives the same as chunks", () => {
    const text = header + '="2873190462331523456",12.50,交易成功\r\n';
    const a = importCsvBytes(encode(text, "gbk"), "a.csv");
    const b = importBytes(encode(text, "gbk"), "a.csv", null, 5);
    expect(a).toEqual(b);
  });
});

describe("long and unusual text survives intact", () => {
  const note = "王女士, 2.8*2.6米, KF03 " + "长".repeat(40000) + " 😀\u0001\u0007 end";
  test.each(["utf8", "utf16le"] as const)("a 40,000-character note with emoji and control characters (%s)", (enc) => {
    const text = "订单编号,买家实际支付金额,订单备注\r\n" + `="2873190462331523456",1,"${note}"\r\n`;
    for (const chunk of [1000, 1 << 20]) {
      const r = importBytes(encode(text, enc), "long.csv", null, chunk);
      expect(r.data.orders[0].note).toBe(note);
      expect(r.problems).toEqual([]);
    }
  });
  test("GB18030 four-byte characters (emoji) in a GBK-family file", () => {
    const text = "订单编号,买家实际支付金额,订单备注\r\n" + '="2873190462331523456",1,"买家要 😀 图案"\r\n';
    const r = importBytes(new Uint8Array(iconv.encode(text, "gb18030")), "gb.csv");
    expect(r.encoding).toBe("gb18030");
    expect(r.data.orders[0].note).toBe("买家要 😀 图案");
  });
  test("a problem's value is cut at 200 characters", () => {
    const text = "订单编号,买家实际支付金额\r\n" + `="${"x".repeat(500)}",1\r\n`;
    const r = importBytes(encode(text, "utf8"), "x.csv");
    expect(r.problems[0].value.length).toBe(201);
    expect(r.problems[0].value.endsWith("…")).toBe(true);
  });
});

describe("a row that never ends", () => {
  test("over 16 MB without a line end: reported, the rows before it kept, no hang", () => {
    const head = new TextEncoder().encode('订单编号,买家实际支付金额\r\n="2873190462331523456",1\r\n="2873190462331523457","');
    const bytes = new Uint8Array(head.length + (17 << 20));
    bytes.set(head);
    bytes.fill(0x61, head.length);
    const r = importBytes(bytes, "runaway.csv", null, 1 << 20);
    expect(r.data.orders.map((o) => o.id)).toEqual(["2873190462331523456"]);
    expect(r.problems.map((p) => [p.severity, p.code, p.row])).toEqual([["error", "csv.runaway_row", 3]]);
    expect(r.problems[0].en).toBe("row 3 runs past 16 MB without ending (a quote never closed, or this is not a line-by-line CSV file); nothing from that row on is imported");
  });
});

describe("separators", () => {
  test.each([
    ["\t", "tab"],
    [";", "semicolon"],
  ])("a file separated by %j (%s) is read as such", (sep) => {
    const text = ["订单编号", "买家实际支付金额", "订单备注"].join(sep) + "\r\n" + ['="2873190462331523456"', "1,50", "王女士, KF01"].join(sep) + "\r\n";
    const r = importBytes(encode(text, "gbk"), "t.txt");
    expect(r.kind).toBe("orders");
    expect(r.data.orders[0]).toMatchObject({ id: "2873190462331523456", note: "王女士, KF01" });
  });
  test("commas win when they are the separator, even with tabs inside fields", () => {
    const r = importBytes(encode('订单编号,买家实际支付金额,订单备注\r\n="2873190462331523456",1,"a\tb"\r\n', "utf8"), "c.csv");
    expect(r.data.orders[0]).toMatchObject({ paid: 100, note: "a\tb" });
  });
});
