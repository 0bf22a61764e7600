/**
 * Manager columns survive a rebuild on the command line: before `build` overwrites its --out
 * workbook, the sheets holding manager columns (罚款台账, 提成表) are read back as raw cells and
 * handed to the engine's build, which interprets them (core/board.ts) — the same reader the pane
 * uses. This module only reads cells from the file.
 */
import * as path from "path";
import { promises as fs } from "fs";
import { BOARD_SHEETS, PREVIOUS_BOARD_SHEETS, SHEET_NAMES, defaultRules, isBoardWorkbook, problem, rulesFromRows, type BoardInput, type Cell, type PreviousMonth, type Problem, type RulesInput } from "../core";

type PreviousInput = Exclude<NonNullable<PreviousMonth>, readonly unknown[]>;
import { readSheetValues, type RawValue } from "../xlsx/read";

export interface PreviousBoard {
  /** The board's manager sheets as raw cells, for the build; null when the file could not be read or is not ours. */
  board: BoardInput | null;
  /** false when the file is not a KefuBoard workbook: never overwrite it. */
  ours: boolean;
  /** Set when the file could not be read (then nothing is carried). */
  warning: string | null;
}

/** readSheetValues' 1-based, sparse rows → a dense grid with row 1 at index 0. */
function grid(rows: RawValue[][]): Cell[][] {
  const out: Cell[][] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const cells: Cell[] = [];
    if (row) for (let c = 1; c < row.length; c++) cells.push(row[c] ?? null);
    out.push(cells);
  }
  return out;
}

/** The manager sheets of a workbook this tool wrote earlier, as cells. */
export async function readPreviousBoard(file: string): Promise<PreviousBoard> {
  let read;
  try {
    read = await readSheetValues(file, BOARD_SHEETS.map((s) => s.name));
  } catch (e) {
    return { board: null, ours: false, warning: `无法读取旧的输出文件 could not read the existing output: ${file} (${(e as Error).message})` };
  }
  if (!isBoardWorkbook(read.sheetNames)) return { board: null, ours: false, warning: null };
  const sheets = BOARD_SHEETS.filter((s) => read.values.has(s.name)).map((s) => {
    const rows = grid(read.values.get(s.name)!);
    const withFormula = read.formulas.get(s.name) ?? new Set<string>();
    // As the pane tells them (Office.js formulas): a value typed over a formula is named by the engine.
    const formulas = rows.map((row, r) => row.map((_v, c) => withFormula.has(`${r + 1},${c + 1}`)));
    return { sheet: s.name, key: s.key, rows, formulas };
  });
  const board: BoardInput = { file: path.basename(file), sheets };
  if (sheets.length < BOARD_SHEETS.length) {
    // A manager sheet is not under its name (renamed?): the sheets that are not ours are read
    // too, for the engine to look for it there — only then, as they may be large.
    const ownNames = new Set<string>(Object.values(SHEET_NAMES).map((n) => n.name));
    try {
      const others = await readSheetValues(file, (sheet) => !ownNames.has(sheet));
      board.others = [...others.values].map(([sheet, rows]) => ({ sheet, rows: grid(rows) }));
    } catch {
      // Unreadable (a limit passed): nothing is looked for, and the engine says the sheet is missing.
      board.others = [];
    }
  }
  return { board, ours: true, warning: null };
}

/**
 * The 规则 sheet of the existing --out, when no --rules is given and the manager edited it there:
 * the pane reads the workbook's 规则 as the rules, and "edit it and rebuild" must mean the same
 * here — before, the rebuild wrote the defaults over the manager's rules without a word. An
 * unedited sheet (the defaults), an unreadable one or a workbook not ours gives null: nothing
 * changes. Only the 规则 sheet is read.
 */
export async function readOutRules(file: string): Promise<{ rules: RulesInput; note: Problem } | null> {
  let read;
  try {
    read = await readSheetValues(file, [SHEET_NAMES.rules.name]);
  } catch {
    return null;
  }
  const rows = read.values.get(SHEET_NAMES.rules.name);
  if (!rows || !isBoardWorkbook(read.sheetNames)) return null;
  const name = path.basename(file);
  const cells = grid(rows);
  const r = rulesFromRows(cells, { file: name, sheet: SHEET_NAMES.rules.name });
  if (r.problems.some((p) => p.severity === "error") || JSON.stringify(r.rules) === JSON.stringify(defaultRules())) return null;
  return {
    rules: { file: name, sheets: [{ sheet: SHEET_NAMES.rules.name, rows: cells }] },
    note: problem("info", "rules.from_out", { file: name, sheet: SHEET_NAMES.rules.name }, "",
      `未给 --rules：使用输出文件中被修改过的「${SHEET_NAMES.rules.name}」（与任务窗格相同：工作簿里的规则表就是规则）`,
      `no --rules given: the rules are the edited "${SHEET_NAMES.rules.name}" of the output file (as in the task pane: the workbook's rules sheet is the rules)`),
  };
}

/**
 * Last month's board for the clawback (--previous): its JSON parsed, or its 订单明细 sheet as cells.
 * A file that cannot be read at all throws; what it holds is the engine's to judge.
 */
export async function readPreviousMonth(file: string): Promise<PreviousInput> {
  const name = path.basename(file);
  if (/\.json$/i.test(file)) return { file: name, json: JSON.parse(await fs.readFile(file, "utf8")) };
  const read = await readSheetValues(file, [...PREVIOUS_BOARD_SHEETS]);
  return { file: name, sheets: [...read.values].map(([sheet, rows]) => ({ sheet, rows: grid(rows) })) };
}
