/**
 * Page setup: every sheet prints A4 landscape, one page wide, with its header row on every page,
 * a print area over its content, a footer naming the sheet and the page, and the spec's manual
 * page breaks — in the xlsx file (read back by ExcelJS and printed by LibreOffice) and through
 * the Office.js adapter, from the same PrintSpec.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildWorkbookSpec } from "../../src/core/sheets";
import { blockFirstRows, colLetter } from "../../src/core/sheets/layout";
import { printArea } from "../../src/core/sheets/print";
import { PRINT_FOOTER, type WorkbookSpec } from "../../src/core/sheets/types";
import { ExcelDouble } from "../support/excelDouble";
import { writeWorkbookSpec } from "../../src/excel/write";
import { sheetParts } from "../support/sheet-parts";
import { writeWorkbook } from "../../src/xlsx/write";
import { handReport } from "./hand-report";
import { pdfPagesBySheet } from "./libreoffice";

/** The hand report's spec with a page break before every penalty after the first (rows 5, 6). */
function specWithBreaks(): WorkbookSpec {
  const spec = buildWorkbookSpec(handReport());
  const pen = spec.sheets.find((s) => s.key === "penalties")!;
  expect(pen.rows.length).toBe(3);
  pen.print = { ...pen.print!, breaksBefore: [5, 6] };
  return spec;
}

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-print-"));
  file = path.join(dir, "board.xlsx");
  await writeWorkbook(specWithBreaks(), file);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("every built sheet has a page setup; the board is fitted to one page", () => {
  const spec = buildWorkbookSpec(handReport());
  for (const s of spec.sheets) {
    expect(s.print).toMatchObject({ orientation: "landscape", repeatRows: { first: 3, last: 3 } });
    expect(s.print!.pagesTall).toBe(s.key === "performance" ? 1 : 0);
  }
});

test("the xlsx file carries orientation, fit to width, print titles, print area, footer and breaks", async () => {
  const spec = specWithBreaks();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const s of spec.sheets) {
    const ws = wb.getWorksheet(s.name)!;
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: s.print!.pagesTall, paperSize: 9 });
    expect(ws.pageSetup.printTitlesRow?.replace(/\$/g, "")).toBe("3:3");
    expect(ws.pageSetup.printArea?.replace(/\$/g, "")).toBe(printArea(s));
    expect(ws.headerFooter.oddFooter).toBe("&C" + PRINT_FOOTER);
  }
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const parts = await sheetParts(zip);
  const pen = await zip.file(parts.get("罚款台账")!)!.async("string");
  expect(pen).toContain('<rowBreaks count="2" manualBreakCount="2"><brk id="4" max="16383" man="1"/><brk id="5" max="16383" man="1"/></rowBreaks>');
  const board = await zip.file(parts.get("绩效看板")!)!.async("string");
  expect(board).not.toContain("<rowBreaks");
});

test("the board's print area reaches down over its chart", () => {
  const board = buildWorkbookSpec(handReport()).sheets[0];
  // 2 agents (rows 4–5), totals after a blank row (7), the KPI notes' title (9) and 6 lines
  // (10–15), the chart two rows below (17) for 20 rows.
  expect(printArea(board)).toMatch(/^A1:[A-Z]+37$/);
});

test("提成表 prints its figures up to 实发; the reason columns after it stay on screen (the pay slip prints them)", () => {
  const pay = buildWorkbookSpec(handReport()).sheets.find((s) => s.key === "commission")!;
  const net = pay.columns.findIndex((c) => c.key === "netPay");
  expect(net).toBeLessThan(pay.columns.length - 1);
  const last = /^A1:([A-Z]+)\d+$/.exec(printArea(pay))![1];
  expect(last).toBe(colLetter(net));
  // Without the cut, every column prints.
  expect(printArea({ ...pay, print: { ...pay.print!, lastColumnKey: undefined } })).toMatch(new RegExp(`^A1:${colLetter(pay.columns.length - 1)}\\d+$`));
});

test("LibreOffice prints it so: the board on one page, the ledger one page per break, sheet and page in the footer", async () => {
  const pages = await pdfPagesBySheet(file, dir);
  expect(pages.get("绩效看板")).toBe(1);
  expect(pages.get("罚款台账")).toBe(3);
  for (const [, n] of pages) expect(n).toBeGreaterThan(0);
});

test("the Office.js adapter applies the same page setup", async () => {
  const spec = specWithBreaks();
  const x = new ExcelDouble();
  const result = await writeWorkbookSpec(x.run, spec);
  expect(result.messages.filter((m) => m.code === "print.unsupported")).toEqual([]);
  // Block rows that need a person are red here as in the file (每日对账's difference to check).
  const recon = spec.sheets.find((s) => s.key === "reconciliation")!;
  const alert = recon.blocks.findIndex((b) => (b.alertRows ?? []).length > 0);
  expect(alert).toBeGreaterThanOrEqual(0);
  const row = blockFirstRows(recon.rows.length, recon.blocks)[alert] + recon.blocks[alert].alertRows![0];
  const reconStyles = x.sheet(recon.name).styles;
  expect(reconStyles.some((r) => new RegExp(`!A${row}:`).test(r.address) && r.prop === "font.color" && r.value === "#9C0006")).toBe(true);
  expect(reconStyles.some((r) => new RegExp(`!A${row}:`).test(r.address) && r.prop === "fill.color" && r.value === "#FFC7CE")).toBe(true);
  for (const s of spec.sheets) {
    const p = x.sheet(s.name).print;
    expect(p).toMatchObject({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: s.print!.pagesTall },
      printArea: printArea(s),
      titleRows: "$3:$3",
      centerFooter: PRINT_FOOTER,
    });
    // The pay slips break before each agent's block but the first (one agent a page).
    expect(p.breaks).toEqual(s.key === "penalties" ? ["A5", "A6"] : s.print!.breaksBefore.map((r) => `A${r}`));
    // The header row's height and the wrapped columns, as the xlsx writer has them (tidy.ts).
    const styles = x.sheet(s.name).styles;
    expect(styles.some((r) => /!A3:/.test(r.address) && r.prop === "rowHeight" && r.value === s.headerHeight)).toBe(true);
    s.columns.forEach((c, i) => {
      if (!c.wrap || s.rows.length === 0) return;
      const l = String.fromCharCode(65 + i);
      expect(styles.some((r) => new RegExp(`!${l}4(:${l}\\d+)?$`).test(r.address) && r.prop === "wrapText" && r.value === true)).toBe(true);
    });
  }
});
