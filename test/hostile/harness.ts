/**
 * Running the real command line on hostile inputs and reading back what it wrote: the JSON
 * `problems`, the 问题 sheet of the written workbook (from the raw package, not through the writer's
 * own library), and which report sheets exist. Inputs are written to a fresh directory per case.
 */
import { createHash } from "crypto";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import * as iconv from "iconv-lite";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { sheetParts } from "../support/sheet-parts";
import { readSheetValues, type RawValue } from "../../src/xlsx/read";
import { SHEET_NAMES } from "../../src/core/sheets/names";
import { FIRST_DATA_ROW, HEADER_ROW } from "../../src/core/sheets/types";

export type Row = (string | number | null | Date)[];
export type Slot = "orders" | "attendance" | "sales" | "roster" | "incidents" | "rules";

/** One input file: CSV text (encoded as asked) or xlsx sheets, or raw bytes. */
export type InputSpec =
  | { name: string; csv: string; encoding?: "utf8" | "utf8bom" | "gbk" | "utf16le" }
  | { name: string; sheets: { name: string; rows: Row[] }[] }
  | { name: string; bytes: Uint8Array };

export interface BuildCase {
  inputs: { slot: Slot; file: InputSpec }[];
  month?: string;
}

export interface JsonProblem {
  severity: string;
  code: string;
  file: string;
  sheet: string;
  row: number | null;
  column: string | null;
  value: string;
  zh: string;
  en: string;
  message: string;
}

/** A 问题 sheet row as read from the package, by header key. */
export interface SheetProblem {
  severity: string;
  file: string;
  sheet: string;
  row: number | null;
  column: string;
  value: string;
  zh: string;
  en: string;
  code: string;
}

export interface Built {
  code: number;
  out: string;
  err: string;
  dir: string;
  xlsx: string;
  jsonPath: string;
  /** Parsed --json output, or null when nothing was written. */
  json: any;
  jsonText: string | null;
  sheetNames: string[];
  problemsSheet: SheetProblem[];
}

let root: string | null = null;
let seq = 0;
export async function tmpDir(prefix = "case"): Promise<string> {
  root ??= await fs.mkdtemp(path.join(os.tmpdir(), "kefu-hostile-"));
  const d = path.join(root, `${prefix}-${++seq}`);
  await fs.mkdir(d, { recursive: true });
  return d;
}

export async function cleanupTmp(): Promise<void> {
  if (root) await fs.rm(root, { recursive: true, force: true });
  root = null;
}

/** CSV text with quoting as a spreadsheet would write it; `eol` between records. */
export function csv(rows: Row[], eol = "\r\n"): string {
  return (
    rows
      .map((r) =>
        r
          .map((v) => (v === null || v === undefined ? "" : String(v)))
          .map((v) => (/[",\r\n]/.test(v) && !/^="[^"]*"$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
          .join(","),
      )
      .join(eol) + eol
  );
}

function encode(text: string, enc: "utf8" | "utf8bom" | "gbk" | "utf16le" = "utf8"): Uint8Array {
  if (enc === "utf8") return new TextEncoder().encode(text);
  if (enc === "utf8bom") return new TextEncoder().encode("\ufeff" + text);
  if (enc === "gbk") return new Uint8Array(iconv.encode(text, "gbk"));
  return new Uint8Array(iconv.encode("\ufeff" + text, "utf16le"));
}

export async function writeInput(dir: string, spec: InputSpec): Promise<string> {
  const p = path.join(dir, spec.name);
  if ("csv" in spec) await fs.writeFile(p, encode(spec.csv, spec.encoding));
  else if ("bytes" in spec) await fs.writeFile(p, spec.bytes);
  else {
    const wb = new ExcelJS.Workbook();
    for (const s of spec.sheets) {
      const ws = wb.addWorksheet(s.name);
      s.rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v;
        }),
      );
    }
    await wb.xlsx.writeFile(p);
  }
  return p;
}

const PROBLEM_KEYS = ["severity", "file", "sheet", "row", "column", "value", "zh", "en", "code"] as const;

/** The data rows of the 问题 sheet, read straight from the package's XML. */
export async function readProblemsSheet(xlsx: string): Promise<{ sheetNames: string[]; problems: SheetProblem[] }> {
  const name = SHEET_NAMES.problems.name;
  const { sheetNames, values } = await readSheetValues(xlsx, [name]);
  const rows = values.get(name) ?? [];
  const header = rows[HEADER_ROW] ?? [];
  expectHeaders(header);
  const out: SheetProblem[] = [];
  for (let r = FIRST_DATA_ROW; r < rows.length; r++) {
    const row = rows[r];
    if (!row || row.every((v) => v === null || v === undefined)) break; // the blank row before the counts
    const p: Record<string, RawValue> = {};
    PROBLEM_KEYS.forEach((k, i) => (p[k] = row[i + 1] ?? null));
    out.push({
      severity: String(p.severity ?? ""),
      file: String(p.file ?? ""),
      sheet: String(p.sheet ?? ""),
      row: typeof p.row === "number" ? p.row : null,
      column: String(p.column ?? ""),
      value: String(p.value ?? ""),
      zh: String(p.zh ?? ""),
      en: String(p.en ?? ""),
      code: String(p.code ?? ""),
    });
  }
  return { sheetNames, problems: out };
}

function expectHeaders(header: RawValue[]): void {
  const want = ["级别", "文件", "工作表", "行", "列", "值", "中文", "English", "代码"];
  want.forEach((w, i) => {
    if (!String(header[i + 1] ?? "").startsWith(w)) throw new Error(`问题 sheet column ${i + 1} is "${header[i + 1]}", expected ${w}…`);
  });
}

/** Runs `kefu-board build` in-process on the case's files; reads back the JSON and the 问题 sheet. */
export async function build(c: BuildCase, opts: { dir?: string; extra?: string[] } = {}): Promise<Built> {
  const dir = opts.dir ?? (await tmpDir());
  const args = ["build"];
  for (const { slot, file } of c.inputs) args.push(`--${slot}`, await writeInput(dir, file));
  const xlsx = path.join(dir, "out", "board.xlsx");
  const jsonPath = path.join(dir, "out", "board.json");
  args.push("--out", xlsx, "--json", jsonPath);
  if (c.month) args.push("--month", c.month);
  if (opts.extra) args.push(...opts.extra);
  return runCli(args, dir, xlsx, jsonPath);
}

export async function runCli(args: string[], dir: string, xlsx: string, jsonPath: string): Promise<Built> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s), tty: false });
  let jsonText: string | null = null;
  try {
    jsonText = await fs.readFile(jsonPath, "utf8");
  } catch {
    jsonText = null;
  }
  let sheetNames: string[] = [];
  let problemsSheet: SheetProblem[] = [];
  try {
    await fs.access(xlsx);
    ({ sheetNames, problems: problemsSheet } = await readProblemsSheet(xlsx));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  return { code, out, err, dir, xlsx, jsonPath, json: jsonText === null ? null : JSON.parse(jsonText), jsonText, sheetNames, problemsSheet };
}

/** Every report sheet the workbook always carries (drill-downs included). */
export const REPORT_SHEETS = Object.values(SHEET_NAMES).map((s) => s.name);

/** What identifies a located problem in a test's expectation; absent fields are not compared. */
export interface Expected {
  code: string | RegExp;
  file?: string;
  sheet?: string;
  row?: number | null;
  column?: string | RegExp | null;
  value?: string | RegExp;
  severity?: string;
}

function fits(want: string | RegExp | null | undefined, got: string | null): boolean {
  if (want === undefined) return true;
  if (want === null) return got === null || got === "";
  return typeof want === "string" ? want === got : want.test(got ?? "");
}

export function matches(e: Expected, p: { code: string; file: string; sheet: string; row: number | null; column: string | null; value: string; severity: string }): boolean {
  return (
    fits(e.code, p.code) &&
    fits(e.file, p.file) &&
    fits(e.sheet, p.sheet) &&
    (e.row === undefined || e.row === p.row) &&
    fits(e.column as string | RegExp | null | undefined, p.column) &&
    fits(e.value, p.value) &&
    (e.severity === undefined || p.severity.includes(e.severity))
  );
}

/**
 * The problem is in the JSON with a bilingual message, and the same problem (same place, value,
 * both messages) is a row of the 问题 sheet.
 */
export function findLocated(b: Built, e: Expected): { json: JsonProblem; sheet: SheetProblem } {
  const j = (b.json?.problems ?? []) as JsonProblem[];
  const hit = j.find((p) => matches(e, p));
  if (!hit) throw new Error(`no JSON problem like ${describe(e)}; got:\n${j.map((p) => `  ${p.code} ${p.file}/${p.sheet} r${p.row} [${p.column}] "${p.value.slice(0, 60)}"`).join("\n")}`);
  if (!/\p{Script=Han}/u.test(hit.zh) || !/[A-Za-z]{3}/.test(hit.en)) throw new Error(`problem ${hit.code} is not bilingual: ${hit.zh} / ${hit.en}`);
  if (hit.message !== undefined && !(hit.message.includes(hit.zh) && hit.message.includes(hit.en))) throw new Error(`message of ${hit.code} lacks zh/en`);
  const row = b.problemsSheet.find(
    (p) => p.code === hit.code && p.file === hit.file && p.sheet === hit.sheet && p.row === hit.row && p.column === (hit.column ?? "") && p.value === hit.value && p.zh === hit.zh && p.en === hit.en,
  );
  if (!row) throw new Error(`JSON problem ${hit.code} row ${hit.row} is not a row of the 问题 sheet`);
  return { json: hit, sheet: row };
}

function describe(e: Expected): string {
  return JSON.stringify(e, (_k, v) => (v instanceof RegExp ? String(v) : v));
}

export async function sha256(file: string): Promise<string> {
  return createHash("sha256").update(await fs.readFile(file)).digest("hex");
}

/** Every worksheet part's XML of a written workbook, by sheet name, and the shared strings. */
export async function packageXml(xlsx: string): Promise<{ sheets: Map<string, string>; shared: string }> {
  const zip = await JSZip.loadAsync(await fs.readFile(xlsx));
  const sheets = new Map<string, string>();
  for (const [name, part] of await sheetParts(zip)) sheets.set(name, await zip.file(part)!.async("string"));
  return { sheets, shared: (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "" };
}
