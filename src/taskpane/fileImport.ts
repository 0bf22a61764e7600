/**
 * "Import a file" in the browser: the bytes of a chosen CSV (GBK / UTF-8 detected by the core)
 * or xlsx (ExcelJS's browser build) → rows for a new sheet.
 */
import { decodeBytes, parseCsv } from "../core/import";
import type { Cell } from "../core/import/types";
// ExcelJS value → plain cell, shared with the command line (the module's Node-only parts are not used here).
import { plainCell } from "../xlsx/read";

export interface FileSheet {
  /** Name for the new sheet (file name, plus the sheet name for multi-sheet workbooks). */
  name: string;
  rows: Cell[][];
}

async function readXlsx(name: string, bytes: Uint8Array): Promise<FileSheet[]> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const out: FileSheet[] = [];
  const base = name.replace(/\.[^.]+$/, "");
  wb.eachSheet((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = plainCell(cell.value);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      while (rows.length < rowNumber - 1) rows.push([]);
      rows[rowNumber - 1] = cells;
    });
    if (rows.length > 0) out.push({ name: wb.worksheets.length > 1 ? `${base}-${ws.name}` : base, rows });
  });
  return out;
}

/** The sheets a chosen file holds. Throws a KefuError (bilingual) for binary junk. */
export async function readFileSheets(name: string, bytes: Uint8Array): Promise<FileSheet[]> {
  if (/\.xlsx$/i.test(name)) return readXlsx(name, bytes);
  const { text } = decodeBytes(bytes);
  return [{ name: name.replace(/\.[^.]+$/, ""), rows: parseCsv(text) }];
}
