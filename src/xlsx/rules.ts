/**
 * The rules workbook for `--rules`: find the 规则 sheet (by name, else the first sheet the rules
 * reader accepts) and read it with the engine's `rulesFromRows`. Invalid rules throw KefuError
 * with located, bilingual messages.
 */
import * as path from "path";
import { KefuError, problem, type Problem } from "../core/problems";
import { rulesFromRows } from "../core/rules/sheet";
import type { Rules } from "../core/rules/types";
import { SHEET_NAMES } from "../core/sheets/names";
import { XlsxRefused } from "./limits";
import { readSheetRows } from "./read";

export async function readRulesWorkbook(file: string): Promise<{ rules: Rules; problems: Problem[] }> {
  const name = path.basename(file);
  let sheets;
  try {
    sheets = await readSheetRows(file);
  } catch (e) {
    if (e instanceof XlsxRefused) throw new KefuError([e.toProblem(name)]);
    throw new KefuError([
      problem("error", "rules.file.unreadable", { file: name, sheet: "" }, (e as Error).message,
        "无法打开规则工作簿（文件不存在、损坏或不是 xlsx）", "cannot open the rules workbook (missing, damaged, or not an xlsx)"),
    ]);
  }
  const named = sheets.filter((s) => s.sheet === SHEET_NAMES.rules.name || /^rules$/i.test(s.sheet));
  const candidates = named.length > 0 ? named : sheets;
  let firstFailure: Problem[] | null = null;
  for (const s of candidates) {
    const r = rulesFromRows(s.rows, { file: name, sheet: s.sheet });
    if (!r.problems.some((p) => p.severity === "error")) return r;
    firstFailure ??= r.problems;
  }
  throw new KefuError(
    firstFailure ?? [
      problem("error", "rules.sheet.missing", { file: name, sheet: "" }, "",
        `工作簿中没有「${SHEET_NAMES.rules.name}」工作表`, `the workbook has no "${SHEET_NAMES.rules.name}" (rules) sheet`),
    ],
  );
}
