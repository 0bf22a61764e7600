/**
 * Reading the command line's input files: each file read (CSV or xlsx) and recognised by its
 * headers, then checked against the slot it was given for (--orders, --attendance, …).
 * A file of another kind is refused with a message naming the file and both kinds.
 */
import * as path from "path";
import { kindEn, kindZh, mergeImports } from "../core/import";
import type { ImportResult, SourceKind } from "../core/import/types";
import type { Dataset } from "../core/model";
import { problem, type Problem } from "../core/problems";
import { readSourceFile } from "../xlsx/read";

export interface InputFile {
  /** The option the file was given for; null = whatever its headers say (the demo's samples). */
  slot: SourceKind | null;
  file: string;
}

export interface LoadedInputs {
  data: Dataset;
  /** Every import problem (row-level and file-level), in file order. */
  problems: Problem[];
  /** Problems that make the build pointless: unreadable or wrong-kind files, empty required slots. */
  fatal: Problem[];
  /** Data rows read per file, for the progress line. */
  rows: { file: string; slot: SourceKind | null; rows: number }[];
}

const SLOT_FLAG: Record<SourceKind, string> = {
  orders: "--orders",
  attendance: "--attendance",
  sales: "--sales",
  roster: "--roster",
  incidents: "--incidents",
};

/** The slot's kind, the file's kind: the located message for a file given in the wrong slot. */
export function wrongKind(file: string, slot: SourceKind, found: SourceKind, sheet: string): Problem {
  return problem(
    "error",
    "input.wrong_kind",
    { file, sheet },
    SLOT_FLAG[slot],
    `文件 ${file} 作为 ${SLOT_FLAG[slot]}（${kindZh(slot)}）给出，但按表头识别它是${kindZh(found)}；请检查参数`,
    `file ${file} was given as ${SLOT_FLAG[slot]} (${kindEn(slot)}) but its headers say it is ${kindEn(found)}; check the arguments`,
  );
}

/**
 * Read and recognise every input file, one after another (a million-row CSV is streamed).
 * @param onFile called before each file is read (progress).
 */
export async function loadInputs(files: InputFile[], onFile?: (f: InputFile, index: number) => void): Promise<LoadedInputs> {
  const accepted: ImportResult[] = [];
  const problems: Problem[] = [];
  const fatal: Problem[] = [];
  const rows: LoadedInputs["rows"] = [];
  const empties: { slot: SourceKind; file: string; at: number }[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    onFile?.(f, i);
    const name = path.basename(f.file);
    const results = await readSourceFile(f.file, null);
    const fits = results.filter((r) => r.kind !== null && (f.slot === null || r.kind === f.slot));
    const other = f.slot === null ? undefined : results.find((r) => r.kind !== null && r.kind !== f.slot);
    if (f.slot !== null && !other && holdsNoData(results, fits)) {
      // The importer's "empty file" error becomes this file-level warning; its "only headers"
      // warning (which says where the headers were) stays beside it.
      for (const r of results) problems.push(...r.problems.filter((x) => x.code !== "import.empty"));
      empties.push({ slot: f.slot, file: name, at: problems.length });
      problems.push(noData(name, f.slot, "warning"));
      rows.push({ file: name, slot: f.slot, rows: 0 });
      continue;
    }
    for (const r of results) problems.push(...r.problems);
    if (fits.length === 0) {
      if (other && f.slot !== null) {
        fatal.push(wrongKind(name, f.slot, other.kind!, sheetOf(other)));
      } else {
        const own = results.flatMap((r) => r.problems).filter((p) => p.severity === "error");
        fatal.push(
          ...(own.length > 0
            ? own
            : [
                problem(
                  "error",
                  "input.unrecognised",
                  { file: name, sheet: "" },
                  f.slot === null ? "" : SLOT_FLAG[f.slot],
                  `文件 ${name} 中没有可识别的${f.slot === null ? "报表" : kindZh(f.slot)}`,
                  `file ${name} holds no recognisable ${f.slot === null ? "export" : kindEn(f.slot).replace(/^an? /, "")}`,
                ),
              ]),
        );
      }
      rows.push({ file: name, slot: f.slot, rows: 0 });
      continue;
    }
    for (const r of results) {
      if (f.slot !== null && r.kind !== null && r.kind !== f.slot) {
        problems.push(
          problem(
            "info",
            "input.sheet_other_kind",
            { file: name, sheet: sheetOf(r) },
            "",
            `该工作表是${kindZh(r.kind)}，不属于 ${SLOT_FLAG[f.slot]}，已跳过`,
            `this sheet is ${kindEn(r.kind)}, not part of ${SLOT_FLAG[f.slot]}; skipped`,
          ),
        );
      }
    }
    accepted.push(...fits);
    rows.push({ file: name, slot: f.slot, rows: fits.reduce((s, r) => s + r.rowsRead, 0) });
  }
  // A required slot whose every file is empty cannot give a month; one empty file beside a
  // good one (a second orders export with headers only) is only a warning.
  for (const e of empties) {
    if (!REQUIRED.has(e.slot) || rows.some((r) => r.slot === e.slot && r.rows > 0)) continue;
    problems[e.at] = noData(e.file, e.slot, "error");
    fatal.push(problems[e.at]);
  }
  const merged = mergeImports(accepted);
  // mergeImports repeats each result's own problems first; keep ours (file order) and add only
  // what merging found (duplicates across files).
  const own = new Set(accepted.flatMap((r) => r.problems));
  const mergeOnly = merged.problems.filter((p) => !own.has(p));
  return { data: merged.data, problems: problems.concat(mergeOnly), fatal, rows };
}

/** The slots a month cannot be built without: the other files only add to it. */
const REQUIRED: ReadonlySet<SourceKind> = new Set(["orders"]);

/**
 * No data rows at all: 0 bytes, a BOM or blank lines only, an empty workbook or sheet, or
 * headers of the slot's kind with nothing below. Junk, binary bytes and unrecognised headers
 * are not "no data": those files are refused as before.
 */
function holdsNoData(results: ImportResult[], fits: ImportResult[]): boolean {
  if (fits.length > 0) return fits.every((r) => r.rowsRead === 0);
  return results.length > 0 && results.every((r) => r.kind === null && r.problems.length > 0 && r.problems.every((p) => p.code === "import.empty"));
}

/**
 * An input file with no data rows. In an optional slot (incidents, roster, attendance, sales)
 * it is a warning: a month without incidents is an ordinary month, and a manager who has not
 * filled the 违规记录 yet still needs the board. Orders are required: when every --orders file
 * is empty the month would look right and be wrong, so that is an error and nothing is written.
 */
export function noData(file: string, slot: SourceKind, severity: "warning" | "error"): Problem {
  const kind = kindEn(slot).replace(/^an? /, "");
  const where = { file, sheet: "" };
  return severity === "error"
    ? problem(
        "error",
        "input.no_data",
        where,
        SLOT_FLAG[slot],
        `文件 ${file}（${SLOT_FLAG[slot]}，${kindZh(slot)}）没有数据行；${kindZh(slot)}是必需的，未生成报表`,
        `file ${file} (${SLOT_FLAG[slot]}, ${kind}) has no data rows; it is required, so nothing is built`,
      )
    : problem(
        "warning",
        "input.no_data",
        where,
        SLOT_FLAG[slot],
        `文件 ${file}（${SLOT_FLAG[slot]}，${kindZh(slot)}）没有数据行；按没有${kindZh(slot)}计算，其余照常生成`,
        `file ${file} (${SLOT_FLAG[slot]}, ${kind}) has no data rows; the month is built as if it had none`,
      );
}

function sheetOf(r: ImportResult): string {
  const d = r.data;
  const first = d.orders[0] ?? d.shifts[0] ?? d.sales[0] ?? d.roster[0] ?? d.incidents[0];
  return first ? first.source.sheet : "";
}
