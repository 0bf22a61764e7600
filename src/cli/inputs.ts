/**
 * Reading the command line's input files: each file read (CSV or xlsx) and recognised by its
 * headers, sheet by sheet. Whether a file fits the slot it was given for (--orders, --attendance
 * …), which slots are required and which month is built are the engine's rules (core/build.ts):
 * this module only turns files into import results.
 */
import { statSync } from "fs";
import * as path from "path";
import { fittingResults, KIND_FLAG, kindZh, mappingLines, mappingNeeds, type ColumnMapping, type ImportResult, type SourceInput, type SourceKind } from "../core";
import { readSourceFile } from "../xlsx/read";

export interface InputFile {
  /** The option the file was given for; null = whatever its headers say (the demo's samples). */
  slot: SourceKind | null;
  file: string;
  /** `--orders 店铺名=FILE`: an export of that one shop (its rows name no shop). */
  shop?: string;
}

export interface LoadedInputs {
  sources: SourceInput[];
  /** Data rows read per file, for the progress line. */
  rows: { file: string; slot: SourceKind | null; rows: number }[];
  /** Files not recognised, or missing a column the reports need: the 【列名】 lines that would fix them. */
  mappings: MappingHint[];
}

/** What one file needs mapped, as lines to paste into the rules sheet's 【列名】 block. */
export interface MappingHint {
  file: string;
  kind: SourceKind;
  /** Chinese names of the fields not found. */
  missing: string[];
  /** The file's headers, to choose from. */
  headers: string[];
  /** Tab-separated rows (label, column, source, field, header; "?" where no header could be guessed). */
  lines: string[];
}

/** The hint for one sheet's import, or null when every needed field was found (or it is not an export at all). */
function mappingHint(file: string, r: ImportResult, slot: SourceKind | null): MappingHint | null {
  const k = r.kind ?? slot ?? r.recognition.closest ?? null;
  const headers = r.recognition.headers ?? [];
  if (k === null || (slot !== null && r.kind !== null && r.kind !== slot) || headers.every((h) => h === "")) return null;
  const needs = mappingNeeds(k, headers, r.kind === k ? r.recognition.columns : {}).filter((n) => n.column === null);
  if (needs.length === 0) return null;
  const maps: ColumnMapping[] = needs.map((n) => ({ kind: k, field: n.field, header: n.guess !== null ? headers[n.guess] : "?" }));
  return { file, kind: k, missing: needs.map((n) => n.label), headers: headers.filter((h) => h !== ""), lines: mappingLines(maps) };
}

/**
 * The 【列名】 lines each unrecognised or incomplete file needs, as the command line prints them
 * (tab-separated: Excel spreads a pasted line over the block's cells).
 */
export function mappingText(hints: readonly MappingHint[], rulesFile: string | undefined): string {
  let out = "";
  for (const h of hints) {
    out +=
      `\n列名对应 column mapping: ${h.file}（${kindZh(h.kind)}）缺少 missing ${h.missing.join("、")}\n` +
      `  文件中的列名 headers in the file: ${h.headers.join(", ")}\n` +
      `  把下面几行粘贴到规则表【列名 Column names】中（"?" 处填文件中的列名），再用 --rules ${rulesFile ?? "规则.xlsx"} 重新生成（规则表可用 kefu-board rules --out 规则.xlsx 生成）\n` +
      `  paste these lines into the rules sheet's 【列名 Column names】 block (replace "?" with the file's header), then rebuild with --rules${rulesFile ? "" : " (kefu-board rules --out 规则.xlsx writes one)"}:\n`;
    for (const line of h.lines) out += line + "\n";
  }
  return out;
}

/**
 * Read and recognise every input file, one after another (a million-row CSV is streamed), the
 * smallest first: a workbook of attendance parsed while a million orders are in the heap took
 * twice as long (each collection walks them) — the 1M month's reads 0.3–0.4 s faster. The results
 * keep the order the files were given in.
 * @param onFile called before each file is read (progress), with its place in the reading order.
 * @param columns the rules sheet's 【列名】 lines (recognition tries them first).
 * @param sizeOf a file's size in bytes (the reading order only).
 */
export async function loadInputs(
  files: InputFile[],
  onFile?: (f: InputFile, index: number) => void,
  columns: ColumnMapping[] = [],
  sizeOf: (file: string) => number = (file) => statSync(file).size,
): Promise<LoadedInputs> {
  const sizes = files.map((f) => sizeOf(f.file));
  const order = files.map((_f, i) => i).sort((a, b) => sizes[a] - sizes[b] || a - b);
  const read: ImportResult[][] = new Array(files.length);
  for (let k = 0; k < order.length; k++) {
    const f = files[order[k]];
    onFile?.(f, k);
    read[order[k]] = await readSourceFile(f.file, null, { columns });
  }
  const sources: SourceInput[] = [];
  const mappings: MappingHint[] = [];
  const rows: LoadedInputs["rows"] = [];
  files.forEach((f, i) => {
    const name = path.basename(f.file);
    const results = read[i];
    sources.push({ file: name, slot: f.slot, ...(f.slot ? { slotLabel: KIND_FLAG[f.slot] } : {}), ...(f.shop ? { shop: f.shop } : {}), results });
    const fits = fittingResults(results, f.slot);
    rows.push({ file: name, slot: f.slot, rows: fits.reduce((s, r) => s + r.rowsRead, 0) });
    // A file nothing fits: what its first sheet would need; a file that fits: what each sheet lacks.
    for (const r of fits.length > 0 ? fits : results.slice(0, 1)) {
      const hint = mappingHint(name, r, f.slot);
      if (hint) mappings.push(hint);
    }
  });
  return { sources, rows, mappings };
}
