/**
 * The rules workbook for `--rules`: every sheet read as rows; which sheet holds the rules and
 * whether they are valid is the engine's (core/build.ts `rulesFromInput`). Invalid rules throw
 * KefuError with located, bilingual messages.
 */
import * as path from "path";
import { KefuError, problem, rulesFromInput, type Problem, type Rules, type RulesInput } from "../core";
import { XlsxRefused } from "./limits";
import { readSheetRows } from "./read";

/** The rules workbook's sheets as rows, for the build. Throws KefuError when the file cannot be opened. */
export async function readRulesInput(file: string): Promise<RulesInput> {
  const name = path.basename(file);
  try {
    const sheets = await readSheetRows(file);
    return { file: name, sheets: sheets.map((s) => ({ sheet: s.sheet, rows: s.rows })) };
  } catch (e) {
    if (e instanceof XlsxRefused) throw new KefuError([e.toProblem(name)]);
    throw new KefuError([
      problem("error", "rules.file.unreadable", { file: name, sheet: "" }, (e as Error).message,
        "无法打开规则工作簿（文件不存在、损坏或不是 xlsx）", "cannot open the rules workbook (missing, damaged, or not an xlsx)"),
    ]);
  }
}

/** The rules of a rules workbook (the 规则 sheet, else the first sheet that reads as rules). */
export async function readRulesWorkbook(file: string): Promise<{ rules: Rules; problems: Problem[] }> {
  return rulesFromInput(await readRulesInput(file));
}
