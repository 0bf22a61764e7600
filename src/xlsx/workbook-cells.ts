/**
 * An ExcelJS workbook's cells as plain Cells. Apart from read.ts (Node: files, zlib, worker
 * threads) because the task pane uses it on a File's bytes, and its bundle should not carry the
 * command line's readers.
 */
import type ExcelJS from "exceljs";
import type { Cell, RawSheet } from "../core";

/** An ExcelJS cell value → a plain Cell: rich text → text, formula → its cached result, hyperlink → text. */
export function plainCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if ("formula" in o || "sharedFormula" in o) return "result" in o ? plainCell(o.result) : null;
    if ("hyperlink" in o || "text" in o) return plainCell(o.text);
    if ("error" in o) return String(o.error);
  }
  return String(v);
}

/**
 * The worksheets of a loaded ExcelJS workbook as rows of plain cells; `rows[0]` is row 1 and
 * missing rows are empty arrays. Merged cells come as ExcelJS gives them (each cell of a merge
 * shows the master's value). No file system here: the pane uses it on a File's bytes too.
 */
export function workbookRows(wb: ExcelJS.Workbook, file: string): RawSheet[] {
  const sheets: RawSheet[] = [];
  wb.eachSheet((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
        cells[colNumber - 1] = plainCell(cell.value);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      while (rows.length < rowNumber - 1) rows.push([]);
      rows[rowNumber - 1] = cells;
    });
    sheets.push({ file, sheet: ws.name, rows });
  });
  return sheets;
}
