/**
 * The xlsx file reader on packages built part by part: the order of the parts in the zip (Excel,
 * ExcelJS and our own writer put the worksheets before xl/sharedStrings.xml and xl/workbook.xml),
 * stored or deflated parts, every kind of cell, OOXML's _xHHHH_ escapes, and damaged packages.
 * ExcelJS's streaming reader, used before, lost the parts after the sheets at random; on a package
 * of stored parts it lost them every time (tested below).
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import JSZip from "jszip";
import * as zlib from "zlib";
import { importSheet } from "../../src/core/import";
import type { Cell } from "../../src/core/import/types";
import { readSourceFile, readWorkbookRows, streamXlsx } from "../../src/xlsx/read";
import { isDateFormat } from "../../src/core";
import { tmpDir, writeXlsx } from "./helpers";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

type Part = [name: string, content: string | Uint8Array];

interface SheetDef {
  name: string;
  /** The <sheetData> content. */
  data: string;
  /** Left out of the zip (a damaged package). */
  missing?: boolean;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The parts of a workbook, sheets first (as Excel, ExcelJS and our writer order them). */
function parts(
  sheets: SheetDef[],
  opts: { shared?: string[]; styles?: string; date1904?: boolean; /** <sheets> content instead of one entry per sheet */ sheetList?: string; extraRels?: string } = {},
): Part[] {
  const rels = sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  if (opts.extraRels) rels.push(opts.extraRels);
  rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  rels.push(`<Relationship Id="rIdT" Type="${REL}/styles" Target="/xl/styles.xml"/>`);
  const out: Part[] = [
    ["[Content_Types].xml", `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`],
    ["_rels/.rels", `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ["xl/_rels/workbook.xml.rels", `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`],
  ];
  sheets.forEach((s, i) => {
    if (!s.missing) out.push([`xl/worksheets/sheet${i + 1}.xml`, `${DECL}<worksheet ${NS}><sheetData>${s.data}</sheetData></worksheet>`]);
  });
  const shared = opts.shared ?? [];
  out.push(["xl/sharedStrings.xml", `${DECL}<sst ${NS} count="${shared.length}" uniqueCount="${shared.length}">${shared.map((x) => `<si>${x}</si>`).join("")}</sst>`]);
  out.push([
    "xl/styles.xml",
    opts.styles ?? `${DECL}<styleSheet ${NS}><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`,
  ]);
  const sheetList = opts.sheetList ?? sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  out.push(["xl/workbook.xml", `${DECL}<workbook ${NS}><workbookPr${opts.date1904 ? ' date1904="1"' : ""}/><sheets>${sheetList}</sheets></workbook>`]);
  return out;
}

let seq = 0;
async function writePackage(ps: Part[], compression: "STORE" | "DEFLATE" = "DEFLATE", name = `p${++seq}.xlsx`): Promise<string> {
  const zip = new JSZip();
  for (const [n, c] of ps) zip.file(n, c);
  const file = path.join(tmpDir(), name);
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression }));
  return file;
}

/**
 * A zip in ZIP64 form, parts stored: every size and offset in the 64-bit extra fields and the
 * ZIP64 end records, the 32-bit fields full (0xFFFFFFFF), as writers of very big files make them.
 */
function zip64(ps: Part[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [n, c] of ps) {
    const name = Buffer.from(n, "utf8");
    const data = Buffer.from(c);
    const crc = zlib.crc32(data);
    const head = Buffer.alloc(30 + name.length + 20);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(45, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(0xffffffff, 18);
    head.writeUInt32LE(0xffffffff, 22);
    head.writeUInt16LE(name.length, 26);
    head.writeUInt16LE(20, 28);
    name.copy(head, 30);
    head.writeUInt16LE(0x0001, 30 + name.length);
    head.writeUInt16LE(16, 32 + name.length);
    head.writeBigUInt64LE(BigInt(data.length), 34 + name.length);
    head.writeBigUInt64LE(BigInt(data.length), 42 + name.length);
    const cd = Buffer.alloc(46 + name.length + 28);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(45, 4);
    cd.writeUInt16LE(45, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(0xffffffff, 20);
    cd.writeUInt32LE(0xffffffff, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt16LE(28, 30);
    cd.writeUInt32LE(0xffffffff, 42);
    name.copy(cd, 46);
    cd.writeUInt16LE(0x0001, 46 + name.length);
    cd.writeUInt16LE(24, 48 + name.length);
    cd.writeBigUInt64LE(BigInt(data.length), 50 + name.length);
    cd.writeBigUInt64LE(BigInt(data.length), 58 + name.length);
    cd.writeBigUInt64LE(BigInt(offset), 66 + name.length);
    local.push(head, data);
    central.push(cd);
    offset += head.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(ps.length), 24);
  end64.writeBigUInt64LE(BigInt(ps.length), 32);
  end64.writeBigUInt64LE(BigInt(dir.length), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + dir.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([...local, dir, end64, locator, end]);
}

/** Rows of shared strings (text as stored, escaped for XML here): [["a", "b"]] → A1, B1 holding shared strings 0 and 1. */
function sharedRows(table: string[][]): { data: string; shared: string[] } {
  const shared: string[] = [];
  const data = table
    .map((cells, r) => `<row r="${r + 1}">${cells.map((_v, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="s"><v>${shared.push(`<t>${esc(cells[c])}</t>`) - 1}</v></c>`).join("")}</row>`)
    .join("");
  return { data, shared };
}

/** Every sheet's rows as streamed: [sheet, [[rowNumber, cells]…]]. */
async function streamed(file: string): Promise<[string, [number, Cell[]][]][]> {
  const out: [string, [number, Cell[]][]][] = [];
  await streamXlsx(file, (sheet) => {
    const rows: [number, Cell[]][] = [];
    return { row: (n, cells) => rows.push([n, cells]), end: () => out.push([sheet, rows]) };
  });
  return out;
}

/** A workbook of three recognisable-or-not sheets and an empty one, its strings shared. */
function severalSheets(): Part[] {
  const table = [
    ["这是说明页", "请勿修改"],
    ["工号", "姓名", "岗位", "KF01", "王美", "售前"],
    ["日期", "客服", "类型", "2026-10-08", "KF01", "投诉"],
  ];
  const shared = table.flat().map((t) => `<t>${t}</t>`);
  let i = 0;
  const cell = (ref: string) => `<c r="${ref}" t="s"><v>${i++}</v></c>`;
  return parts(
    [
      { name: "说明", data: `<row r="1">${cell("A1")}</row><row r="2">${cell("A2")}</row>` },
      { name: "花名册", data: `<row r="1">${cell("A1")}${cell("B1")}${cell("C1")}</row><row r="2">${cell("A2")}${cell("B2")}${cell("C2")}</row>` },
      { name: "违规", data: `<row r="1">${cell("A1")}${cell("B1")}${cell("C1")}</row><row r="2">${cell("A2")}${cell("B2")}${cell("C2")}</row>` },
      { name: "空", data: "" },
    ],
    { shared },
  );
}

async function expectSeveralSheets(file: string): Promise<void> {
  const rs = await readSourceFile(file);
  expect(rs.map((r) => r.kind)).toEqual(["roster", "incidents"]);
  expect(rs[0].data.roster).toEqual([expect.objectContaining({ staffNo: "KF01", name: "王美", role: "售前" })]);
  expect(rs[1].data.incidents).toHaveLength(1);
  expect(rs[0].problems.filter((p) => p.code === "import.sheet_skipped").map((p) => p.sheet)).toEqual(["说明"]);
}

describe("the order of the parts in the zip does not matter", () => {
  test.each(["STORE", "DEFLATE"] as const)("sheets before sharedStrings.xml and workbook.xml, parts %s: every sheet read, every time", async (compression) => {
    const file = await writePackage(severalSheets(), compression);
    // Twenty reads at once: the old reader lost the parts after the sheets on every read of a
    // stored package, and at random (more often under load) on a deflated one.
    const all = await Promise.all(Array.from({ length: 20 }, () => readSourceFile(file)));
    for (const rs of all) expect(rs).toEqual(all[0]);
    await expectSeveralSheets(file);
  });

  test("any order of the parts gives the same sheets", async () => {
    const base = severalSheets();
    const expected = await streamed(await writePackage(base));
    expect(expected.map(([s, rows]) => [s, rows.length])).toEqual([
      ["说明", 2],
      ["花名册", 2],
      ["违规", 2],
      ["空", 0],
    ]);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(base, { minLength: base.length }), fc.constantFrom("STORE" as const, "DEFLATE" as const), async (order, compression) => {
        const file = await writePackage(order, compression);
        expect(await streamed(file)).toEqual(expected);
        await expectSeveralSheets(file);
        fs.rmSync(file);
      }),
      { numRuns: 15 },
    );
  });

  test("a ZIP64 package (64-bit sizes and offsets, as writers of very big files use) reads like the plain one", async () => {
    const file = path.join(tmpDir(), "zip64.xlsx");
    fs.writeFileSync(file, zip64(severalSheets()));
    expect(await streamed(file)).toEqual(await streamed(await writePackage(severalSheets(), "STORE")));
    await expectSeveralSheets(file);
  });

  test("a workbook written by ExcelJS (sheets first, workbook.xml last) reads the same as ExcelJS's whole-file reader", async () => {
    const file = await writeXlsx("exceljs-order.xlsx", [
      { name: "花名册", rows: [["工号", "姓名", "岗位"], ["KF01", "王美", "售前"], [], ["KF02", 12, true]] },
      { name: "违规", rows: [["日期", "客服", "类型"], [new Date(Date.UTC(2026, 9, 8)), "KF01", "投诉"]] },
    ]);
    const names = Object.keys((await JSZip.loadAsync(fs.readFileSync(file))).files);
    expect(names.indexOf("xl/worksheets/sheet1.xml")).toBeLessThan(names.indexOf("xl/sharedStrings.xml"));
    expect(names.indexOf("xl/sharedStrings.xml")).toBeLessThan(names.indexOf("xl/workbook.xml"));
    const whole = await readWorkbookRows(file);
    const rows = await streamed(file);
    expect(rows.map(([s]) => s)).toEqual(whole.map((s) => s.sheet));
    rows.forEach(([, rs], i) => {
      for (const [n, cells] of rs) expect(cells).toEqual(whole[i].rows[n - 1]);
    });
  });
});

describe("cells", () => {
  test("OOXML _xHHHH_ escapes are decoded as Excel does, in shared, inline and formula text", async () => {
    const file = await writePackage(
      parts(
        [
          {
            name: "S",
            data:
              '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
              '<row r="2"><c r="A2" t="inlineStr"><is><t>a_x000D_b</t></is></c><c r="B2" t="str"><f>A1</f><v>x_x0009_y</v></c><c r="C2" t="s"><v>3</v></c></row>',
          },
        ],
        { shared: ["<t>_x0000_</t>", "<t>line1_x000D_\nline2 _x001f_</t>", "<t>_x005F_x0041_ stays _x0041_ literal</t>", "<t>_x00_ _xZZZZ_</t>"] },
      ),
    );
    const [[, rows]] = await streamed(file);
    expect(rows).toEqual([
      [1, ["\u0000", "line1\r\nline2 \u001f", "_x0041_ stays A literal"]],
      [2, ["a\rb", "x\ty", "_x00_ _xZZZZ_"]],
    ]);
  });

  test("rich text, phonetic guides, booleans, errors, formulas, dates by style, ISO dates, gaps, missing references", async () => {
    const styles =
      `${DECL}<styleSheet ${NS}><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy/mm/dd\\ hh:mm"/>` +
      `<numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/><numFmt numFmtId="166" formatCode="[Red]#,##0.00"/></numFmts>` +
      `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
      `<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs></styleSheet>`;
    const data =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><rPr><b/></rPr><t>粗</t></r><r><t xml:space="preserve"> 体</t></r></is></c>' +
      '<c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c><c r="E1" t="e"><v>#N/A</v></c></row>' +
      '<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C3"><f>NOW()</f></c>' +
      '<c r="E3" s="1"><v>46298</v></c><c r="F3" s="2"><v>46298.5</v></c><c r="G3" s="3"><v>46298.25</v></c><c r="H3" s="4"><v>46298</v></c><c r="I3" s="5"><v>-1.5</v></c></row>' +
      '<row><c t="d"><v>2026-10-03T14:05:09</v></c><c t="d"><v>2026-10-03</v></c><c><v>1E3</v></c><c><v>not a number</v></c><c t="s"><v>99</v></c><c/></row>' +
      '<row r="5"><c r="B5" t="s"><v>1</v></c><c t="inlineStr"><is><t><![CDATA[<&>]]></t></is></c></row>';
    const file = await writePackage(parts([{ name: "S", data }], { shared: ["<t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh>", "<r><t>a</t></r><r><t>b</t></r>"], styles }));
    const [[, rows]] = await streamed(file);
    const day = Date.UTC(2026, 9, 3);
    expect(rows).toEqual([
      [1, ["漢字", "粗 体", true, false, "#N/A"]],
      [3, [2, "ab", null, null, new Date(day), new Date(day + 12 * 3600e3), new Date(day + 6 * 3600e3), 46298, -1.5]],
      [4, [new Date(day + (14 * 3600 + 5 * 60 + 9) * 1000), new Date(day), 1000, "not a number"]],
      [5, [null, "ab", "<&>"]],
    ]);
  });

  test("a 1904-based workbook, prefixed elements, and a sheet part in UTF-16", async () => {
    const styles = `${DECL}<styleSheet ${NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const ps = parts([{ name: "S", data: "" }], { styles, date1904: true });
    const sheet = `<?xml version="1.0" encoding="UTF-16"?>\n<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="C2" s="1"><x:v>0</x:v></x:c><x:c r="D2" t="inlineStr"><x:is><x:t>宽字</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    const i = ps.findIndex(([n]) => n === "xl/worksheets/sheet1.xml");
    ps[i] = [ps[i][0], new Uint8Array(Buffer.from("\ufeff" + sheet, "utf16le"))];
    const [[, rows]] = await streamed(await writePackage(ps));
    expect(rows).toEqual([[2, [null, null, new Date(Date.UTC(1904, 0, 1)), "宽字"]]]);
  });

  test("hidden sheets are read, chart sheets (no cells) are left out, in the workbook's order", async () => {
    const ps = parts(
      [
        { name: "一", data: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        { name: "隐藏", data: '<row r="1"><c r="A1"><v>2</v></c></row>' },
      ],
      {
        sheetList: '<sheet name="图" sheetId="3" r:id="rIdC"/><sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/><sheet name="一" sheetId="1" r:id="rId1"/>',
        extraRels: `<Relationship Id="rIdC" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/>`,
      },
    );
    const got = await streamed(await writePackage(ps));
    expect(got).toEqual([
      ["隐藏", [[1, [2]]]],
      ["一", [[1, [1]]]],
    ]);
  });

  test("date formats: what shows a date or time, what does not", () => {
    for (const f of ["yyyy-mm-dd", "YYYY/M/D", "h:mm", "[h]:mm:ss", "mm:ss", 'yyyy"年"m"月"d"日"', "[$-804]aaaa", "m/d/yy h:mm AM/PM", "[DBNum1]yyyy年m月"])
      expect(`${f}: ${isDateFormat(f)}`).toBe(`${f}: true`);
    for (const f of ["General", "0.00", "#,##0", '0.00"days"', "[Red]-0.0", '"¥"#,##0.00', "0%", "0.00E+00", "@", "0\\d"])
      expect(`${f}: ${isDateFormat(f)}`).toBe(`${f}: false`);
  });
});

describe("an orders sheet whose only data cell is a NUL (found by the hostile fuzz test)", () => {
  const HEAD = ["订单编号", "买家实际支付金额", "订单付款时间"];
  test("stored as _x0000_ (as Excel and our writer store it): the file reader, ExcelJS's reader and the importer all see the NUL", async () => {
    const { data, shared } = sharedRows([HEAD, ["_x0000_"]]);
    const file = await writePackage(parts([{ name: "订单", data }], { shared }), "DEFLATE", "nul-escaped.xlsx");
    const [fromFile] = await readSourceFile(file);
    const inMemory = importSheet({ file: "nul-escaped.xlsx", sheet: "订单", rows: [HEAD, ["\u0000"]] });
    expect(fromFile.problems).toEqual(inMemory.problems);
    expect(fromFile.problems).toEqual([expect.objectContaining({ severity: "error", row: 2, value: "\u0000" })]);
    const [whole] = await readWorkbookRows(file);
    expect(whole.rows[1]).toEqual(["\u0000"]);
    expect(importSheet(whole).problems).toEqual(inMemory.problems);
  });

  test("written by ExcelJS, which drops the NUL: every path sees an empty cell, so only headers", async () => {
    const file = await writeXlsx("nul-dropped.xlsx", [{ name: "订单", rows: [HEAD, ["\u0000"]] }]);
    const [fromFile] = await readSourceFile(file);
    const [whole] = await readWorkbookRows(file);
    expect(importSheet(whole).problems).toEqual(fromFile.problems);
    expect(fromFile.problems.map((p) => p.code)).toEqual(["import.no_data"]);
  });
});

describe("damaged packages: one located error, no crash", () => {
  const cases: [string, () => Promise<string>][] = [
    ["not a zip", async () => {
      const f = path.join(tmpDir(), "junk.xlsx");
      fs.writeFileSync(f, "PK\u0003\u0004 not really");
      return f;
    }],
    ["an empty file", async () => {
      const f = path.join(tmpDir(), "zero.xlsx");
      fs.writeFileSync(f, "");
      return f;
    }],
    ["a zip without a workbook", () => writePackage([["hello.txt", "hi"]])],
    ["a sheet listed but missing", () => writePackage(parts([{ name: "S", data: "", missing: true }]))],
    ["a row number past the last row", () => writePackage(parts([{ name: "S", data: '<row r="99999999999"><c r="A1"><v>1</v></c></row>' }]))],
    ["a cell past the last column", () => writePackage(parts([{ name: "S", data: '<row r="1"><c r="ZZZZ1"><v>1</v></c></row>' }]))],
    ["malformed XML", () => writePackage(parts([{ name: "S", data: '<row r="1"><c r="A1"><v>1</c></row>' }]))],
    ["a truncated file", async () => {
      const f = await writePackage(severalSheets());
      const b = fs.readFileSync(f);
      fs.writeFileSync(f, b.subarray(0, b.length - 30));
      return f;
    }],
    ["a stored part with one character changed (the checksum no longer matches)", async () => {
      // Still well-formed XML: without the check, KF01 would silently import as KF02.
      const f = await writePackage(severalSheets(), "STORE");
      const b = fs.readFileSync(f);
      const at = b.indexOf("KF01");
      expect(at).toBeGreaterThan(0);
      b.write("KF02", at);
      fs.writeFileSync(f, b);
      return f;
    }],
    ["a corrupt deflate stream", async () => {
      const zip = new JSZip();
      for (const [n, c] of severalSheets()) zip.file(n, c);
      const b = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
      const at = b.indexOf("xl/worksheets/sheet2.xml") + "xl/worksheets/sheet2.xml".length + 2;
      b.fill(0xff, at, at + 40);
      const f = path.join(tmpDir(), "corrupt.xlsx");
      fs.writeFileSync(f, b);
      return f;
    }],
  ];
  test.each(cases)("%s", async (_name, make) => {
    const file = await make();
    const rs = await readSourceFile(file);
    expect(rs).toHaveLength(1);
    expect(rs[0].kind).toBeNull();
    // A package past Excel's limits says which limit (xlsx.limit.*, located); others file.unreadable.
    expect(rs[0].problems).toEqual([expect.objectContaining({ severity: "error", code: expect.stringMatching(/^(file\.unreadable|xlsx\.limit\.\w+)$/), file: path.basename(file) })]);
  });
});

test("progress: compressed bytes read, never past the total, ending at the total", async () => {
  const file = await writePackage(severalSheets());
  const calls: [number, number][] = [];
  await readSourceFile(file, null, { onProgress: (d, t) => calls.push([d, t]) });
  expect(calls.length).toBeGreaterThan(1);
  for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
  for (const [d, t] of calls) expect(d).toBeLessThanOrEqual(t);
  expect(calls[calls.length - 1][0]).toBe(calls[calls.length - 1][1]);
});
