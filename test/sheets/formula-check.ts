/**
 * Independent check of a written workbook's formulas: read the file back with ExcelJS, load every
 * sheet into HyperFormula (GPL, dev-only) and evaluate each formula cell; the caller compares
 * with the cached result the writer stored (the engine's value).
 */
import ExcelJS from "exceljs";
import { HyperFormula, type RawCellContent } from "hyperformula";
import { blockFirstRows, colLetter } from "../../src/core/sheets/layout";
import { FIRST_DATA_ROW, type SpecCell, type WorkbookSpec } from "../../src/core/sheets/types";

export interface FormulaResult {
  sheet: string;
  address: string;
  formula: string;
  cached: unknown;
  actual: unknown;
  money: boolean;
}

const excelSerial = (d: Date) => d.getTime() / 86400000 + 25569;

/** Cell content as HyperFormula must see it: text is forced to text with its "'" prefix. */
function content(cell: ExcelJS.Cell): RawCellContent {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return "'" + v;
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return excelSerial(v);
  const o = v as { formula?: string; sharedFormula?: string; text?: string; richText?: { text: string }[] };
  if (o.formula) return "=" + o.formula;
  if (o.richText) return "'" + o.richText.map((r) => r.text).join("");
  if (o.text !== undefined) return "'" + o.text;
  throw new Error(`unexpected cell ${cell.address}: ${JSON.stringify(v)}`);
}

export async function evaluateFormulas(file: string): Promise<FormulaResult[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const data: Record<string, RawCellContent[][]> = {};
  const formulas: { sheet: string; row: number; col: number; address: string; formula: string; cached: unknown; money: boolean }[] = [];
  wb.eachSheet((ws) => {
    const rows: RawCellContent[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const out: RawCellContent[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        out[c - 1] = content(cell);
        const v = cell.value as { formula?: string; result?: unknown } | null;
        if (v && typeof v === "object" && "formula" in v && v.formula) {
          formulas.push({ sheet: ws.name, row: r - 1, col: c - 1, address: cell.address, formula: v.formula, cached: v.result, money: (cell.numFmt ?? "").includes("¥") });
        }
      });
      for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
      rows[r - 1] = out;
    });
    for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
    data[ws.name] = rows;
  });
  const hf = HyperFormula.buildFromSheets(data, { licenseKey: "gpl-v3" });
  const out = formulas.map((f) => ({
    sheet: f.sheet,
    address: f.address,
    formula: f.formula,
    cached: f.cached,
    actual: hf.getCellValue({ sheet: hf.getSheetId(f.sheet)!, row: f.row, col: f.col }),
    money: f.money,
  }));
  hf.destroy();
  return out;
}

/** Whether HyperFormula's value equals the expected one: money to the cent, other numbers closely. */
export function agrees(actual: unknown, expected: number | string, money: boolean): boolean {
  if (typeof actual === "number" && typeof expected === "number") {
    return Math.abs(actual - expected) < (money ? 0.005 : 1e-9 * Math.max(1, Math.abs(expected)));
  }
  return actual === expected;
}

/**
 * Every FormulaCell of a spec with the sheet address the layout puts it at (data rows from
 * FIRST_DATA_ROW, blocks per blockFirstRows) — what the written file must hold there.
 */
export function specFormulas(spec: WorkbookSpec): { key: string; f: string; v: number | string; money: boolean }[] {
  const out: { key: string; f: string; v: number | string; money: boolean }[] = [];
  for (const s of spec.sheets) {
    const visit = (cells: SpecCell[], row: number) =>
      cells.forEach((c, i) => {
        if (c !== null && typeof c === "object" && "f" in c) {
          out.push({ key: `${s.name}!${colLetter(i)}${row}`, f: c.f, v: c.v, money: s.columns[i]?.format === "money" });
        }
      });
    s.rows.forEach((r, i) => visit(r, FIRST_DATA_ROW + i));
    const firsts = blockFirstRows(s.rows.length, s.blocks);
    s.blocks.forEach((b, j) => b.rows.forEach((r, i) => visit(r, firsts[j] + i)));
  }
  return out;
}
