/**
 * Node-side reading of source files for the command line: xlsx streamed sheet by sheet
 * (read-xlsx.ts), CSV through the core's streaming importer (the file read in chunks, only the
 * needed columns kept). `readSheetRows` / `readSheetValues` read chosen sheets whole through the
 * same streaming reader (the rules workbook, the previous board), so every xlsx this tool opens
 * passes the same limits (./limits.ts). `readWorkbookRows` loads a whole workbook through ExcelJS
 * (the tests compare the streaming reader with it).
 */
import { statSync } from "fs";
import * as path from "path";
import { problem, type Problem } from "../core";
import { createRowImporter, importSheet, SCAN_ROWS } from "../core";
import { readCsvFile, type CsvReadOptions } from "./read-csv";
import { packageSheetRows, streamXlsxPackage, type SheetRows, type XlsxStreamOptions } from "./read-xlsx";
import { openZip } from "./zip-node";
import { XlsxRefused } from "./limits";
import type { Cell, ImportResult, RawSheet, SourceKind } from "../core";
import { workbookRows } from "./workbook-cells";

export { plainCell, workbookRows } from "./workbook-cells";

/**
 * Every worksheet of an xlsx file as rows of plain cells (see `workbookRows`). ExcelJS is loaded
 * here, when first asked: the command line's build never is, and loading it cost every run
 * ~0.25 s before the first byte was read.
 */
export async function readWorkbookRows(file: string): Promise<RawSheet[]> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return workbookRows(wb, path.basename(file));
}

/**
 * The sheets `wanted` accepts (default: all), each whole as rows of plain cells (`rows[0]` is
 * row 1, missing rows empty), through the streaming reader: skipped sheets are never inflated,
 * and a crafted file is refused (XlsxRefused) as it passes a limit.
 * @example const [rules] = await readSheetRows("规则.xlsx", (name) => name === "规则");
 */
export async function readSheetRows(file: string, wanted: (sheet: string) => boolean = () => true): Promise<RawSheet[]> {
  return packageSheetRows(await openZip(file), path.basename(file), wanted);
}

/**
 * Every worksheet of an xlsx file streamed row by row (see `streamXlsxPackage`); a sheet for
 * which `open` returns null is never inflated.
 */
export async function streamXlsx(file: string, open: (sheet: string) => SheetRows | null, opts: XlsxStreamOptions = {}): Promise<void> {
  return streamXlsxPackage(await openZip(file), open, opts);
}

/** A date cell stays a Date: the engine decides what a date means where it is (never an amount). */
export type RawValue = Cell;

/**
 * The names of all sheets, and the cell values of the wanted ones: `rows[r][c]` with 1-based r and
 * c (index 0 unused), as shown values (a formula gives its cached result — or "=" and its text when
 * none is cached, so a remark typed as a formula is not lost — an error cell its text "#N/A").
 * Only the wanted sheets are inflated; missing sheets are absent from the map. `formulas` holds,
 * per sheet, the cells ("r,c", 1-based like `values`) that hold a formula.
 * @example const { values } = await readSheetValues("board.xlsx", ["罚款台账"]);
 */
export async function readSheetValues(
  file: string,
  names: readonly string[] | ((sheet: string) => boolean),
): Promise<{ sheetNames: string[]; values: Map<string, RawValue[][]>; formulas: Map<string, Set<string>> }> {
  const sheetNames: string[] = [];
  const values = new Map<string, RawValue[][]>();
  const formulas = new Map<string, Set<string>>();
  await streamXlsx(file, (sheet) => {
    sheetNames.push(sheet);
    if (!(typeof names === "function" ? names(sheet) : names.includes(sheet))) return null;
    const rows: RawValue[][] = [];
    const cellsWithFormula = new Set<string>();
    return {
      row(rowNumber, cells, withFormula) {
        const row: RawValue[] = [];
        cells.forEach((c, i) => {
          if (c !== null) row[i + 1] = c;
        });
        rows[rowNumber] = row;
        for (const c of withFormula ?? []) cellsWithFormula.add(`${rowNumber},${c + 1}`);
      },
      end() {
        values.set(sheet, rows);
        formulas.set(sheet, cellsWithFormula);
      },
    };
  }, { formulaText: true });
  return { sheetNames, values, formulas };
}

export interface ReadOptions extends CsvReadOptions {
  /** Called after each chunk of a CSV (bytes done, file size) or each step of an xlsx part (compressed bytes read, of all parts). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * One source file → one ImportResult per recognised sheet. CSV: one result, streamed. xlsx:
 * streamed sheet by sheet, each recognised by its headers; a sheet that is not a known export
 * gives one info problem (on the first result), and a workbook with no known sheet at all gives
 * an error explaining why.
 * @param kind the slot the file was given for (null: recognise any).
 * @example const [orders] = await readSourceFile("订单报表-2026-10.csv", "orders", { onProgress: (d, t) => … });
 */
export async function readSourceFile(file: string, kind: SourceKind | null = null, opts: ReadOptions = {}): Promise<ImportResult[]> {
  const folder = folderInput(file);
  if (folder) return [emptyResult([folder])];
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") {
    try {
      return [await readCsvFile(file, kind, opts)];
    } catch (e) {
      // The system refused a read (no permission, a disk error, the file gone meanwhile): the
      // file's fault, told as such; anything else is a bug and goes on up.
      const code = (e as NodeJS.ErrnoException)?.code;
      if (typeof code !== "string") throw e;
      const p = problem(
        "error",
        "file.unreadable",
        { file: path.basename(file), sheet: "" },
        (e as Error).message,
        `无法读取这个文件（${code}）；未导入。请检查路径和读取权限`,
        `cannot read this file (${code}); not imported. Check the path and the permission to read it`,
      );
      return [emptyResult([p])];
    }
  }
  if (ext !== ".xlsx" && ext !== ".xlsm") {
    const p = problem(
      "error",
      "file.type",
      { file: path.basename(file), sheet: "" },
      ext,
      `不支持的文件类型「${ext}」：应为 .csv 或 .xlsx（.xls 请在 Excel 中另存为 .xlsx）`,
      `unsupported file type "${ext}": expected .csv or .xlsx (save an .xls as .xlsx in Excel)`,
    );
    return [emptyResult([p])];
  }
  let sheets: StreamedSheet[];
  try {
    sheets = await streamWorkbook(file, opts);
  } catch (e) {
    if (e instanceof XlsxRefused) return [emptyResult([e.toProblem(path.basename(file))])];
    const p = problem(
      "error",
      "file.unreadable",
      { file: path.basename(file), sheet: "" },
      (e as Error).message,
      "无法打开这个 xlsx 文件（文件损坏或不是 xlsx）；未导入",
      "cannot open this xlsx file (damaged, or not an xlsx); not imported",
    );
    return [emptyResult([p])];
  }
  const results: ImportResult[] = [];
  const skipped: StreamedSheet[] = [];
  for (const s of sheets) {
    if (s.result.kind === null || (kind !== null && s.result.kind !== kind)) skipped.push(s);
    else results.push(s.result);
  }
  if (results.length === 0) {
    // Nothing fits: let the importer explain why (for the slot, if one was given), from the
    // first non-empty sheet's head rows — recognition looks at no more.
    const first = sheets.find((s) => !s.empty) ?? sheets[0];
    if (first) return [importSheet({ file: path.basename(file), sheet: first.sheet, rows: first.head }, kind, { columns: opts.columns })];
    return [
      emptyResult([
        problem("error", "import.empty", { file: path.basename(file), sheet: "" }, "", "工作簿中没有工作表；未导入", "the workbook has no sheets; not imported"),
      ]),
    ];
  }
  for (const s of skipped) {
    if (s.empty) continue;
    const reason = s.result.recognition.reason;
    results[0].problems.push(
      problem(
        "info",
        "import.sheet_skipped",
        { file: path.basename(file), sheet: s.sheet },
        "",
        `工作表「${s.sheet}」不是可识别的报表，已跳过（${reason?.zh ?? "类型不符"}）`,
        `sheet "${s.sheet}" is not a recognised export and was skipped (${reason?.en ?? "another kind"})`,
      ),
    );
  }
  return results;
}

interface StreamedSheet {
  sheet: string;
  /** The first rows, kept for recognition messages. */
  head: Cell[][];
  result: ImportResult;
  empty: boolean;
}

/**
 * Every worksheet streamed row by row (read-xlsx.ts) into its own row importer, so a big xlsx
 * never sits in memory as a whole: only the recognised columns of each row are kept. Merged
 * cells stream as their first cell only; the header recogniser handles that.
 */
async function streamWorkbook(file: string, opts: ReadOptions): Promise<StreamedSheet[]> {
  const name = path.basename(file);
  const sheets: StreamedSheet[] = [];
  await streamXlsx(
    file,
    (sheet) => {
      const imp = createRowImporter(null, name, sheet, { columns: opts.columns });
      const head: Cell[][] = [];
      let next = 1;
      let empty = true;
      const push = (cells: Cell[]) => {
        imp.push(cells);
        if (head.length < SCAN_ROWS) head.push(cells);
        next++;
      };
      return {
        row(rowNumber, cells) {
          while (next < rowNumber) push([]);
          if (empty) for (const v of cells) if (v !== null && String(v).trim() !== "") empty = false;
          push(cells);
        },
        end() {
          sheets.push({ sheet, head, result: imp.finish(), empty });
        },
      };
    },
    { onProgress: opts.onProgress },
  );
  return sheets;
}

/**
 * An input path that names a folder (`--orders 导出/订单.csv` where 订单.csv is a folder), else
 * null: told as a located error, as any file that cannot be read, never a crash on its read.
 */
export function folderInput(file: string): Problem | null {
  let folder = false;
  try {
    folder = statSync(file).isDirectory();
  } catch {
    return null; // missing or unreadable: the caller's read says so
  }
  if (!folder) return null;
  return problem(
    "error",
    "file.is_folder",
    { file: path.basename(file), sheet: "" },
    file,
    "这是一个文件夹，不是文件；未导入。请给出导出文件本身的路径",
    "this is a folder, not a file; not imported. Give the path of the exported file itself",
  );
}

function emptyResult(problems: ImportResult["problems"]): ImportResult {
  return {
    kind: null,
    recognition: { kind: null, variant: "", headerRow: 0, columns: {}, score: 0, missing: [] },
    data: { orders: [], shifts: [], sales: [], roster: [], incidents: [] },
    problems,
    rowsRead: 0,
  };
}
