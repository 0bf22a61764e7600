/**
 * Reading the command line's input files: each file read (CSV or xlsx) and recognised by its
 * headers, sheet by sheet. Whether a file fits the slot it was given for (--orders, --attendance
 * …), which slots are required and which month is built are the engine's rules (core/build.ts):
 * this module only turns files into import results.
 */
import * as path from "path";
import type { SourceInput, SourceKind } from "../core";
import { readSourceFile } from "../xlsx/read";

export interface InputFile {
  /** The option the file was given for; null = whatever its headers say (the demo's samples). */
  slot: SourceKind | null;
  file: string;
}

/** How the command line names each slot in a message. */
export const SLOT_FLAG: Record<SourceKind, string> = {
  orders: "--orders",
  attendance: "--attendance",
  sales: "--sales",
  roster: "--roster",
  incidents: "--incidents",
};

export interface LoadedInputs {
  sources: SourceInput[];
  /** Data rows read per file, for the progress line. */
  rows: { file: string; slot: SourceKind | null; rows: number }[];
}

/**
 * Read and recognise every input file, one after another (a million-row CSV is streamed).
 * @param onFile called before each file is read (progress).
 */
export async function loadInputs(files: InputFile[], onFile?: (f: InputFile, index: number) => void): Promise<LoadedInputs> {
  const sources: SourceInput[] = [];
  const rows: LoadedInputs["rows"] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    onFile?.(f, i);
    const name = path.basename(f.file);
    const results = await readSourceFile(f.file, null);
    sources.push({ file: name, slot: f.slot, ...(f.slot ? { slotLabel: SLOT_FLAG[f.slot] } : {}), results });
    const fits = results.filter((r) => r.kind !== null && (f.slot === null || r.kind === f.slot));
    rows.push({ file: name, slot: f.slot, rows: fits.reduce((s, r) => s + r.rowsRead, 0) });
  }
  return { sources, rows };
}
