/**
 * Property: any string a stranger can put in an export — random Unicode, control characters,
 * formula-looking prefixes — is written as text and read back unchanged (lone surrogates, which
 * no file can hold, become U+FFFD). One workbook holds all samples, to keep the run short.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { WorkbookSpec } from "../../src/core/sheets/types";
import { writeWorkbook } from "../../src/xlsx/write";

const PREFIXES = ["=", "+", "-", "@", "\t", "\r", "\n", " ", "'", "_x0041_", "=HYPERLINK(\"http://evil\",\"点我\")&"];

test("random strings survive the writer as text", async () => {
  const strings = fc
    .sample(fc.tuple(fc.constantFrom("", ...PREFIXES), fc.string({ unit: "binary", maxLength: 40 })), { numRuns: 400, seed: 20261123 })
    .map(([p, s]) => p + s);
  const spec: WorkbookSpec = {
    month: "2026-10",
    sheets: [
      {
        key: "fuzz", name: "fuzz", nameEn: "fuzz", title: "t", subtitle: "s", tabColor: "#000000",
        columns: [{ key: "s", header: "text", format: "text", width: 30 }, { key: "n", header: "n", format: "int", width: 5 }],
        rows: strings.map((s, i) => [s, i]), blocks: [], freeze: { rows: 3, columns: 0 }, autoFilter: false,
      },
    ],
  };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-fuzz-"));
  try {
    const file = path.join(dir, "fuzz.xlsx");
    await writeWorkbook(spec, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("fuzz")!;
    const bad: { i: number; wrote: string; read: unknown }[] = [];
    strings.forEach((s, i) => {
      const cell = ws.getCell(4 + i, 1);
      const expected = s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
      const got = cell.value === null ? "" : cell.value;
      if (got !== expected || cell.formula !== undefined || ws.getCell(4 + i, 2).value !== i) bad.push({ i, wrote: s, read: cell.value });
    });
    expect(bad).toEqual([]);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
