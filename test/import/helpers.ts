/** Builders for import tests: the same table as UTF-8, UTF-8 with BOM, GBK, UTF-16 or xlsx. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import * as iconv from "iconv-lite";
import { createCsvImporter } from "../../src/core/import/csv";
import type { ColumnMapping } from "../../src/core/import/mapping";
import type { Cell, ImportResult, SourceKind } from "../../src/core/import/types";
import { readSourceFile } from "../../src/xlsx/read";

export type Encoding = "utf8" | "utf8bom" | "gbk" | "utf16le";
export const CSV_ENCODINGS: Encoding[] = ["utf8", "utf8bom", "gbk"];

export function csvText(rows: Cell[][], eol = "\r\n"): string {
  return (
    rows
      .map((r) =>
        r
          .map((v) => (v === null || v === undefined ? "" : String(v)))
          .map((v) => (/^[^"]*$/.test(v) && !/[,\r\n]/.test(v) ? v : /^="/.test(v) ? v : `"${v.replace(/"/g, '""')}"`))
          .join(","),
      )
      .join(eol) + eol
  );
}

export function encode(text: string, enc: Encoding): Uint8Array {
  switch (enc) {
    case "utf8":
      return new TextEncoder().encode(text);
    case "utf8bom":
      return new TextEncoder().encode("\ufeff" + text);
    case "gbk":
      return new Uint8Array(iconv.encode(text, "gbk"));
    case "utf16le":
      return new Uint8Array(iconv.encode("\ufeff" + text, "utf16le"));
  }
}

/** CSV bytes through the streaming importer, fed in chunks of `chunk` bytes. */
export function importBytes(bytes: Uint8Array, file = "t.csv", kind: SourceKind | null = null, chunk = 1 << 20, columns: ColumnMapping[] = []): ImportResult & { encoding: string } {
  const imp = createCsvImporter(kind, file, undefined, { columns });
  for (let o = 0; o < bytes.length; o += chunk) imp.write(bytes.slice(o, Math.min(bytes.length, o + chunk)));
  return imp.end();
}

export function importCsv(rows: Cell[][], enc: Encoding = "utf8", kind: SourceKind | null = null, file = "t.csv"): ImportResult & { encoding: string } {
  return importBytes(encode(csvText(rows), enc), file, kind);
}

let tmp: string | null = null;
export function tmpDir(): string {
  if (!tmp) tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-import-"));
  return tmp;
}

/** Writes rows as an xlsx sheet (cells as given: strings, numbers, Dates, rich objects). */
export async function writeXlsx(
  file: string,
  sheets: { name: string; rows: unknown[][]; merges?: string[] }[],
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      }),
    );
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  const p = path.join(tmpDir(), file);
  await wb.xlsx.writeFile(p);
  return p;
}

export async function importXlsx(rows: unknown[][], kind: SourceKind | null = null, merges: string[] = [], file = "t.xlsx"): Promise<ImportResult> {
  const p = await writeXlsx(file, [{ name: "Sheet1", rows, merges }]);
  const results = await readSourceFile(p, kind);
  expect(results).toHaveLength(1);
  return results[0];
}

/** Records without their source (file names differ between encodings). */
export function withoutSource<T extends { source: unknown }>(xs: T[]): Omit<T, "source">[] {
  return xs.map(({ source: _s, ...rest }) => rest);
}

export function codes(r: ImportResult): string[] {
  return r.problems.map((p) => p.code);
}

export function errors(r: ImportResult) {
  return r.problems.filter((p) => p.severity === "error");
}
