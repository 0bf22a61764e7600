/** Reading manager columns back from a package saved by another program (inline strings, rich text, escapes). */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { readSheetValues } from "../../src/xlsx/read";

test("shared, rich, phonetic, inline and formula strings, numbers, booleans, _xHHHH_ escapes", async () => {
  const zip = new JSZip();
  zip.file("xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="其他" sheetId="1" r:id="rId1"/><sheet name="罚款&amp;台账" sheetId="2" r:id="rId2"/></sheets></workbook>`);
  zip.file("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>`);
  zip.file("xl/sharedStrings.xml", `<sst><si><t>是</t></si><si><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve">文本 </t></r><rPh><t>ふ</t></rPh></si><si><t>a_x000D_b &amp; &lt;c&gt;</t></si></sst>`);
  zip.file("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`);
  zip.file(
    "xl/worksheets/sheet2.xml",
    `<worksheet><sheetData><row r="4"><c r="A4" t="s"><v>0</v></c><c r="B4" t="s"><v>1</v></c><c r="C4" t="s"><v>2</v></c>` +
      `<c r="D4" t="inlineStr"><is><t>=HYPERLINK("x")</t></is></c><c r="E4" t="str"><f>A1</f><v>算出</v></c>` +
      `<c r="F4"><v>88.5</v></c><c r="G4" t="b"><v>1</v></c><c r="H4" s="3"/><c r="AA4"><v>-2</v></c><c r="AB4" t="e"><v>#N/A</v></c></row></sheetData></worksheet>`,
  );
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-cells-"));
  const file = path.join(dir, "x.xlsx");
  await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer" }));
  const { sheetNames, values: sheets } = await readSheetValues(file, ["罚款&台账", "缺少"]);
  expect(sheetNames).toEqual(["其他", "罚款&台账"]);
  await fs.rm(dir, { recursive: true, force: true });
  expect([...sheets.keys()]).toEqual(["罚款&台账"]);
  const row = sheets.get("罚款&台账")![4];
  expect(row.slice(1, 8)).toEqual(["是", "富文本 ", "a\rb & <c>", '=HYPERLINK("x")', "算出", 88.5, true]);
  expect(row[8]).toBeUndefined();
  expect(row[27]).toBe(-2);
  expect(row[28]).toBe("#N/A"); // an error cell as the text Excel shows
});
