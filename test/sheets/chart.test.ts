/**
 * The board's chart draws: LibreOffice prints the board (its chart below the table), the page is
 * rasterised, and the 回款 bars and the 询单转化率 line are there in their series colours. The
 * chart part names the colours explicitly and the package has a theme.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { THEME, buildWorkbookSpec } from "../../src/core";
import { writeWorkbook } from "../../src/xlsx/write";
import { handReport } from "./hand-report";
import { countColour, libreofficePdf, pdfPageRaster } from "./libreoffice";

const OUT = path.resolve(__dirname, "../../test-output");

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-chart-"));
  file = path.join(dir, "board.xlsx");
  // The whole workbook (the board's figures are formulas over the other sheets); the board is
  // the first sheet and prints on one page.
  await writeWorkbook(buildWorkbookSpec(handReport()), file);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("the chart part names each series' colour; the package has a theme", async () => {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
  expect(chart).toMatch(new RegExp(`<c:barChart>.*<c:spPr><a:solidFill><a:srgbClr val="${THEME.series[0]}"/>.*</c:barChart>`));
  expect(chart).toMatch(new RegExp(`<c:lineChart>.*<a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${THEME.series[1]}"/>.*</c:lineChart>`));
  expect(await zip.file("xl/theme/theme1.xml")!.async("string")).toContain(`<a:accent1><a:srgbClr val="${THEME.accents[0]}"/>`);
  expect(await zip.file("[Content_Types].xml")!.async("string")).toContain('PartName="/xl/theme/theme1.xml"');
  expect(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).toContain('Target="theme/theme1.xml"');
});

test("LibreOffice draws the bars and the line (pixels of the series colours on the printed board)", async () => {
  const pdf = await libreofficePdf(file, dir);
  const page = await pdfPageRaster(pdf, 1, 60, path.join(OUT, "chart-board.png"));
  const bars = countColour(page, THEME.series[0]);
  const line = countColour(page, THEME.series[1]);
  // Two agents' bars at 60 dpi cover well over a thousand pixels; the line (one agent has a conversion) its marker and legend key.
  expect(bars).toBeGreaterThan(1000);
  expect(line).toBeGreaterThan(10);
}, 120000);
