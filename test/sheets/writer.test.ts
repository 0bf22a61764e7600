import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildWorkbookSpec } from "../../src/core/sheets";
import { writeWorkbook } from "../../src/xlsx/write";
import { sheetParts } from "../support/sheet-parts";
import { FIRST_DATA_ROW, NUMBER_FORMATS, type SpecCell } from "../../src/core/sheets/types";
import { blockFirstRows } from "../../src/core/sheets/layout";
import { agrees, evaluateFormulas, specFormulas } from "./formula-check";
import { HOSTILE, handReport } from "./hand-report";
import { formulaValues, libreofficeConvert } from "./libreoffice";
import JSZip from "jszip";


let dir: string;
let file: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-writer-"));
  file = path.join(dir, "board.xlsx");
  await writeWorkbook(buildWorkbookSpec(handReport()), file);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("every formula cell is in the file where the layout says and evaluates (HyperFormula) to its v", async () => {
  const results = new Map((await evaluateFormulas(file)).map((r) => [`${r.sheet}!${r.address}`, r]));
  const expected = specFormulas(buildWorkbookSpec(handReport()));
  expect(expected.length).toBeGreaterThan(40);
  expect(results.size).toBe(expected.length);
  const bad = expected
    .map((e) => ({ ...e, got: results.get(e.key) }))
    .filter((e) => !e.got || e.got.formula !== e.f || !agrees(e.got.actual, e.v, e.money));
  expect(bad).toEqual([]);
});

describe("LibreOffice, an independent reader", () => {
  test("opens the workbook, keeps the chart and computes every formula to its v", async () => {
    // Tamper with one cached result: LibreOffice must recompute it, proving it evaluates formulas.
    const spec = buildWorkbookSpec(handReport());
    const fund = spec.sheets.find((s) => s.key === "penalties")!.blocks[0].rows[0];
    const cell = fund.find((c) => c !== null && typeof c === "object" && "f" in c && c.f.startsWith("SUM(")) as { f: string; v: number };
    const truth = cell.v;
    cell.v = 999999;
    const tampered = path.join(dir, "tampered.xlsx");
    await writeWorkbook(spec, tampered);
    cell.v = truth;

    const { out, cleanup } = await libreofficeConvert(tampered);
    try {
      const values = await formulaValues(out);
      const bad = specFormulas(spec).filter((e) => !agrees(values.get(e.key), e.v, e.money));
      expect(bad).toEqual([]);
      // LibreOffice re-exports the chart from what it understood: both series, the secondary axis.
      const zip = await JSZip.loadAsync(await fs.readFile(out));
      const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
      expect(chart).toContain("<c:barChart>");
      expect(chart).toContain("<c:lineChart>");
      expect(chart).toMatch(/<c:f>'?绩效看板'?!\$H\$4:\$H\$5<\/c:f>/);
      expect(chart).toMatch(/<c:f>'?绩效看板'?!\$N\$4:\$N\$5<\/c:f>/);
      expect(chart).toContain('<c:axPos val="r"/>');
    } finally {
      await cleanup();
    }
  });
});

describe("what a manager sees when opening the file", () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
  });

  test("sheets in order with tab colours, frozen headers, filters, widths and number formats", () => {
    const spec = buildWorkbookSpec(handReport());
    expect(wb.worksheets.map((w) => w.name)).toEqual(spec.sheets.map((s) => s.name));
    for (const s of spec.sheets) {
      const ws = wb.getWorksheet(s.name)!;
      expect(ws.properties.tabColor).toEqual({ argb: "FF" + s.tabColor.slice(1) });
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: s.freeze.rows, xSplit: s.freeze.columns });
      expect(ws.getCell(1, 1).value).toBe(s.title);
      expect(ws.getCell(2, 1).value).toBe(s.subtitle);
      s.columns.forEach((c, i) => {
        expect(ws.getCell(3, i + 1).value).toBe(c.header);
        expect(ws.getColumn(i + 1).width).toBe(c.width);
        if (s.rows.length > 0) expect(ws.getCell(4, i + 1).numFmt ?? "General").toBe(NUMBER_FORMATS[c.format]);
      });
      if (s.autoFilter) expect(ws.autoFilter).toBeTruthy();
    }
  });

  test("money, dates and order ids: ¥ format, real dates, ids as exact text", () => {
    const pen = wb.getWorksheet("罚款台账")!;
    expect(pen.getCell("B4").value).toEqual(new Date(Date.UTC(2026, 9, 3)));
    expect(pen.getCell("B4").numFmt).toBe("yyyy-mm-dd");
    expect(pen.getCell("G4").value).toBe(50);
    expect(pen.getCell("G4").numFmt).toBe("¥#,##0.00");
    const orders = wb.getWorksheet("订单明细")!;
    expect(orders.getCell("A4").value).toBe("3101234567890123456");
    expect(orders.getCell("D4").value).toEqual(new Date(Date.UTC(2026, 9, 1, 10, 0, 0)));
  });

  test("the 免罚 column offers 是 as a dropdown; manager columns are shaded", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    const parts = await sheetParts(zip);
    const xml = await zip.file(parts.get("罚款台账")!)!.async("string");
    expect(xml).toMatch(/<dataValidation [^>]*type="list"[^>]*sqref="M4:M6"/);
    expect(xml).toContain("<formula1>&quot;是&quot;</formula1>");
    const pen = wb.getWorksheet("罚款台账")!;
    expect((pen.getCell("M4").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFF2CC");
  });

  test("the performance sheet carries a DrawingML chart wired into the package", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    const parts = await sheetParts(zip);
    const sheetPart = parts.get("绩效看板")!;
    const sheetXml = await zip.file(sheetPart)!.async("string");
    expect(sheetXml).toMatch(/<drawing r:id="rId1"\/>/);
    const rels = await zip.file(sheetPart.replace("worksheets/", "worksheets/_rels/") + ".rels")!.async("string");
    expect(rels).toContain('Target="../drawings/drawing1.xml"');
    expect(await zip.file("xl/drawings/_rels/drawing1.xml.rels")!.async("string")).toContain("../charts/chart1.xml");
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml"');
    const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
    expect(chart).toContain("<c:barChart>");
    expect(chart).toContain("<c:lineChart>");
    expect(chart).toContain("<c:f>'绩效看板'!$H$4:$H$5</c:f>"); // collected
    expect(chart).toContain("<c:f>'绩效看板'!$C$4:$C$5</c:f>"); // names
    expect(chart).toMatch(/<c:valAx><c:axId val="104"\/>.*<c:axPos val="r"\/>/);
  });
});

test("an empty month is written with its totals where the layout says, all zero", async () => {
  const r = handReport();
  Object.assign(r, { agents: [], performance: [], penalties: [], fund: 0, days: [], dayAgentDiffs: [], commission: [], counted: [], attributions: [], unattributed: [], shopCollected: 0, problems: [], attendance: [] });
  const empty = path.join(dir, "empty.xlsx");
  const spec = buildWorkbookSpec(r);
  await writeWorkbook(spec, empty);
  const results = new Map((await evaluateFormulas(empty)).map((x) => [`${x.sheet}!${x.address}`, x]));
  const expected = specFormulas(spec);
  expect(expected.length).toBeGreaterThan(10);
  expect(expected.filter((e) => results.get(e.key)?.formula !== e.f || !agrees(results.get(e.key)!.actual, e.v, e.money))).toEqual([]);
});

/** What ExcelJS should read back for a spec cell. */
function expectedValue(c: SpecCell): unknown {
  if (c === null || c === "") return null;
  if (typeof c !== "object") return c;
  // ExcelJS's reader leaves `result` out when the cached value is 0 or "".
  if ("f" in c) return c.v === 0 || c.v === "" ? { formula: c.f } : { formula: c.f, result: c.v };
  if ("date" in c) {
    const [d, t = "00:00:00"] = c.date.split(" ");
    const [y, m, day] = d.split("-").map(Number);
    const [h, mi, sec = 0] = t.split(":").map(Number);
    return new Date(Date.UTC(y, m - 1, day, h, mi, sec));
  }
  // ExcelJS's reader drops links inside the workbook (`location`, no r:id): it reads the text.
  // The link itself is checked in the XML (reconciliation.test.ts).
  return c.text;
}

describe.each(["auto", "always-inline", "always-shared"] as const)("strings %s: every spec cell read back by ExcelJS", (mode) => {
  test("values, number formats and block styles where the layout puts them", async () => {
    const spec = buildWorkbookSpec(handReport());
    const f = path.join(dir, `mode-${mode}.xlsx`);
    // inlineStringsFrom 0: the auto mode samples every sheet, as it does a big one.
    await writeWorkbook(spec, f, { strings: mode, inlineStringsFrom: 0 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    let checked = 0;
    for (const s of spec.sheets) {
      const ws = wb.getWorksheet(s.name)!;
      const firsts = blockFirstRows(s.rows.length, s.blocks);
      const lines: { r: number; cells: SpecCell[]; bold: boolean }[] = s.rows.map((cells, i) => ({ r: FIRST_DATA_ROW + i, cells, bold: false }));
      s.blocks.forEach((b, k) => b.rows.forEach((cells, i) => lines.push({ r: firsts[k] + i, cells, bold: b.style === "total" })));
      for (const { r, cells, bold } of lines) {
        cells.forEach((c, j) => {
          const got = ws.getCell(r, j + 1);
          let v = got.value;
          // ExcelJS's reader decodes the _xHHHH_ escape in shared strings only (Excel and
          // LibreOffice decode it in inline strings too).
          if (mode === "always-inline" && typeof v === "string") v = v.replace(/_x([0-9A-F]{4})_/g, (_m, h) => String.fromCharCode(parseInt(h, 16))).replace(/_x005F_/g, "_");
          expect({ at: `${s.name}!${r}:${j + 1}`, v: v instanceof Date || v === null || typeof v !== "object" ? v : { ...v } }).toEqual({ at: `${s.name}!${r}:${j + 1}`, v: expectedValue(c) });
          if (c !== null && c !== "") expect(got.numFmt ?? "General").toBe(NUMBER_FORMATS[s.columns[j]?.format ?? "general"]);
          if (bold && c !== null && c !== "") expect(got.font?.bold).toBe(true);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

test("a cut drill-down is written with every remaining formula still right", async () => {
  const spec = buildWorkbookSpec(handReport(), { maxRows: 9 });
  const cut = path.join(dir, "cut.xlsx");
  await writeWorkbook(spec, cut);
  const results = new Map((await evaluateFormulas(cut)).map((x) => [`${x.sheet}!${x.address}`, x]));
  const expected = specFormulas(spec);
  expect(results.size).toBe(expected.length);
  expect(expected.filter((e) => results.get(e.key)?.formula !== e.f || !agrees(results.get(e.key)!.actual, e.v, e.money))).toEqual([]);
});

describe("rows bigger than the writer's 1 MB buffers", () => {
  // 14 cells of 32,767 CJK characters are ~1.4 MB of XML in one row: the writer must move to a
  // bigger buffer mid-row, hand the pooled one back, and carry on with normal rows after.
  test.each(["auto", "always-inline", "always-shared"] as const)("strings %s: every cell comes back whole", async (mode) => {
    const wide = 14;
    const long = (k: number) => String.fromCharCode(0x4e00 + k).repeat(32767 - 1) + (k % 10);
    const rows: SpecCell[][] = [];
    for (let i = 0; i < 40; i++) {
      if (i % 10 === 3) rows.push(Array.from({ length: wide }, (_, j) => long(i * wide + j)));
      else rows.push(Array.from({ length: wide }, (_, j) => (j % 2 ? `r${i}c${j} 王美` : i * 100 + j + 0.25)));
    }
    const spec = {
      month: "2026-10",
      sheets: [
        {
          key: "bigRows",
          name: "大行",
          nameEn: "Big rows",
          title: "大行 Big rows",
          subtitle: "2026-10",
          tabColor: "#4472C4",
          columns: Array.from({ length: wide }, (_, j) => ({ key: `c${j}`, header: `列${j}`, format: "general" as const, width: 10 })),
          rows,
          blocks: [],
          freeze: { rows: 0, columns: 0 },
          autoFilter: false,
        },
      ],
    };
    const f = path.join(dir, `big-rows-${mode}.xlsx`);
    await writeWorkbook(spec, f, { strings: mode, inlineStringsFrom: 0 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    const ws = wb.getWorksheet("大行")!;
    rows.forEach((cells, i) => cells.forEach((c, j) => expect([i, j, ws.getCell(FIRST_DATA_ROW + i, j + 1).value]).toEqual([i, j, c])));
  });
});
