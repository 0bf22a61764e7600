/**
 * Node side of the samples: writes the generated tables as xlsx with ExcelJS (merged header
 * cells included). Kept apart from generate.ts so the generator stays pure.
 */
import ExcelJS from "exceljs";
import type { SampleTable } from "./generate";

/** One table → xlsx bytes. */
export async function tableToXlsx(t: SampleTable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "KefuBoard samples";
  // Fixed timestamps: the same seed gives byte-comparable workbooks run after run.
  wb.created = new Date(Date.UTC(2026, 10, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(t.sheet);
  t.rows.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = "yyyy-mm-dd";
    });
  });
  for (const m of t.merges) ws.mergeCells(m);
  const width = Math.max(...t.rows.map((r) => r.length));
  for (let c = 1; c <= width; c++) ws.getColumn(c).width = 14;
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
