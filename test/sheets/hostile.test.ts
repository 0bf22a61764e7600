/**
 * Untrusted text stays text in the written file: strings that look like formulas, control
 * characters, CR, Excel's own _xHHHH_ escapes, over-long notes — read back with ExcelJS, from the
 * raw package, and after LibreOffice has opened and re-saved the file.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildWorkbookSpec } from "../../src/core/sheets";
import { MAX_CELL_TEXT, cellText } from "../../src/core/sheets/layout";
import type { WorkbookSpec } from "../../src/core/sheets/types";
import { encodeCellText, writeWorkbook } from "../../src/xlsx/write";
import { sheetParts } from "../support/sheet-parts";
import { HOSTILE, handReport } from "./hand-report";
import { libreofficeConvert } from "./libreoffice";
import { specFormulas } from "./formula-check";


const TRICKY = {
  ...HOSTILE,
  control: "a\u0001b\u001Fc\u007F",
  escapeLookalike: "_x0041_ and _x000d_ stay literal",
  lineBreaks: "line1\nline2\r\nline3",
  emoji: "😀 客服 🎉",
  html: "<script>alert(1)</script>&amp;",
};

let dir: string;
let file: string;
let spec: WorkbookSpec;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-hostile-"));
  file = path.join(dir, "hostile.xlsx");
  const report = handReport();
  report.problems.push(
    ...Object.entries(TRICKY).map(([k, v]) => ({ ...report.problems[0], code: `test.${k}`, value: v, zh: v, en: v })),
  );
  spec = buildWorkbookSpec(report);
  await writeWorkbook(spec, file);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function readBack(f: string): Promise<Map<string, ExcelJS.Cell[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  const byText = new Map<string, ExcelJS.Cell[]>();
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") byText.set(cell.value, [...(byText.get(cell.value) ?? []), cell]);
      }),
    ),
  );
  return byText;
}

test.each(Object.entries(TRICKY))("%s is read back as the same string, not a formula", async (_k, text) => {
  const cells = await readBack(file);
  const found = cells.get(text);
  expect(found?.length ?? 0).toBeGreaterThan(0);
  for (const c of found!) {
    expect(c.type).toBe(ExcelJS.ValueType.String);
    expect(c.formula).toBeUndefined();
  }
});

test("the package holds exactly the spec's formulas: no string became one", async () => {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  let count = 0;
  for (const part of (await sheetParts(zip)).values()) count += ((await zip.file(part)!.async("string")).match(/<f>/g) ?? []).length;
  expect(count).toBe(specFormulas(spec).length);
});

test("encodeCellText escapes only what XML cannot hold, and protects literal escapes", () => {
  expect(encodeCellText("=SUM(1)")).toBe("=SUM(1)");
  expect(encodeCellText("\r=1")).toBe("_x000D_=1");
  expect(encodeCellText("a\u0001")).toBe("a_x0001_");
  expect(encodeCellText("_x0041_")).toBe("_x005F_x0041_");
  // Overlapping: the second escape starts at the first one's closing underscore.
  expect(encodeCellText("_x0041_x0042_")).toBe("_x005F_x0041_x005F_x0042_");
  expect(encodeCellText("\t tab and\nnewline")).toBe("\t tab and\nnewline");
  expect(encodeCellText("bad \uD800 surrogate")).toBe("bad \uFFFD surrogate");
});

test("text longer than Excel's cell limit is cut visibly, never splitting an emoji", () => {
  const long = "备".repeat(40000);
  const cut = cellText(long);
  expect(cut.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
  expect(cut.endsWith("…[截断 truncated]")).toBe(true);
  expect(cellText("x".repeat(MAX_CELL_TEXT))).toHaveLength(MAX_CELL_TEXT);
  const emoji = "a" + "😀".repeat(20000);
  const e = cellText(emoji);
  expect(e.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
  expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(e)).toBe(false);
});

test("after LibreOffice opens and re-saves the file, hostile text is still text", async () => {
  const { out, cleanup } = await libreofficeConvert(file);
  try {
    const cells = await readBack(out);
    for (const text of [HOSTILE.hyperlink, HOSTILE.cmd, HOSTILE.at, HOSTILE.plus, HOSTILE.minus]) {
      expect(cells.get(text)?.length ?? 0).toBeGreaterThan(0);
      for (const c of cells.get(text)!) expect(c.formula).toBeUndefined();
    }
    const zip = await JSZip.loadAsync(await fs.readFile(out));
    let count = 0;
    for (const part of (await sheetParts(zip)).values()) count += ((await zip.file(part)!.async("string")).match(/<f[ >]/g) ?? []).length;
    expect(count).toBe(specFormulas(spec).length);
  } finally {
    await cleanup();
  }
});
