import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildWorkbookSpec } from "../../src/core/sheets";
import { writeWorkbook } from "../../src/xlsx/write";
import { sheetParts } from "../../src/xlsx/chart";
import { NUMBER_FORMATS } from "../../src/core/sheets/types";
import { agrees, evaluateFormulas, specFormulas } from "./formula-check";
import { HOSTILE, handReport } from "./hand-report";
import { SOFFICE, formulaValues, libreofficeConvert } from "./libreoffice";
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

const lo = SOFFICE ? describe : describe.skip;
lo("LibreOffice, an independent reader", () => {
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
    expect(pen.getCell("H4").value).toBe(50);
    expect(pen.getCell("H4").numFmt).toBe("¥#,##0.00");
    const orders = wb.getWorksheet("订单明细")!;
    expect(orders.getCell("A4").value).toBe("3101234567890123456");
    expect(orders.getCell("D4").value).toEqual(new Date(Date.UTC(2026, 9, 1, 10, 0, 0)));
  });

  test("the 免罚 column offers 是 as a dropdown; manager columns are shaded", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    const parts = await sheetParts(zip);
    const xml = await zip.file(parts.get("罚款台账")!)!.async("string");
    expect(xml).toMatch(/<dataValidation [^>]*type="list"[^>]*sqref="N4:N6"/);
    expect(xml).toContain("<formula1>&quot;是&quot;</formula1>");
    const pen = wb.getWorksheet("罚款台账")!;
    expect((pen.getCell("N4").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFF2CC");
  });

  test("the performance sheet carries a DrawingML chart wired into the package", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    const parts = await sheetParts(zip);
    const sheetPart = parts.get("绩效看板")!;
    const sheetXml = await zip.file(sheetPart)!.async("string");
    expect(sheetXml).toMatch(/<drawing r:id="rIdKefuChart1"\/>/);
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

test("the direct row writer and ExcelJS's own rows give the same cells, styles and formulas", async () => {
  const spec = buildWorkbookSpec(handReport());
  const slow = path.join(dir, "slow.xlsx");
  await writeWorkbook(spec, slow, { fastRows: false });
  const dump = async (f: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    const out: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          if (cell.value === null) return;
          out.push(`${ws.name}!${r}:${c} ${JSON.stringify(cell.value)} ${cell.numFmt ?? ""} ${cell.font?.bold ? "b" : ""}${cell.font?.strike ? "s" : ""}`);
        }),
      ),
    );
    return out;
  };
  const [a, b] = [await dump(file), await dump(slow)];
  expect(a.length).toBeGreaterThan(500);
  expect(a).toEqual(b);
  const results = new Map((await evaluateFormulas(slow)).map((x) => [`${x.sheet}!${x.address}`, x]));
  expect(specFormulas(spec).filter((e) => !agrees(results.get(e.key)?.actual, e.v, e.money))).toEqual([]);
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
