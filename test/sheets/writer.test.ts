import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildWorkbookSpec } from "../../src/core/sheets";
import { writeWorkbook } from "../../src/xlsx/write";
import { agrees, evaluateFormulas, specFormulas } from "./formula-check";
import { HOSTILE, handReport } from "./hand-report";
import { SOFFICE, formulaValues, libreofficeConvert } from "./libreoffice";
import JSZip from "jszip";

jest.mock("../../src/core/rules/sheet", () => require("./rules-sheet-standin"), { virtual: true });

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
      const zip = await JSZip.loadAsync(await fs.readFile(out));
      expect(Object.keys(zip.files).some((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toBe(true);
    } finally {
      await cleanup();
    }
  });
});
