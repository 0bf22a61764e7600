/**
 * The earlier boards the manager chose for a build — the command line's repeated --previous: last
 * month's for the clawback, and at a quarter's end or in December the quarter's or the year's
 * earlier months. The list the pane shows and hands to the build, kept in plain functions (tested
 * without a browser). Each file's month and what cannot be read in it are core's reader's; whether
 * a board fits the month being built is core's boardsFor: the pane only shows what they say.
 */
import { KefuError, PREVIOUS_BOARD_SHEETS, SHEET_NAMES, boardsFor, pagedNoteOf, problem, readPrevious, type Problem } from "../core";
import { monthLabel } from "./components/MonthRules";
import { readFileSheets } from "./fileImport";
import type { Lang, Translate } from "./i18n";
import type { PreviousBoardInput } from "./processor";

export interface ChosenBoard {
  /** What the build is given, as the command line's --previous. */
  input: PreviousBoardInput;
  /** The month the board holds, as core reads it; null when it cannot be read (`problems` say why). */
  month: string | null;
  /** What core's reader said of the file, the paged note apart (`paged`, in the pane's words). */
  problems: Problem[];
  /** 订单明细 written in part by the pane: the clawback would miss the orders after `written`. */
  paged: { written: number; total: number } | null;
}

/**
 * A chosen file read as a board: a JSON file parsed, a workbook's sheets as cells (only those the
 * reader reads: eleven boards of a year stay small). A file that is neither throws a KefuError
 * naming it; a file that reads but is no board is kept, with core's reason.
 */
export async function readBoardFile(name: string, bytes: Uint8Array): Promise<ChosenBoard> {
  let input: PreviousBoardInput;
  if (/\.json$/i.test(name)) {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      const why = (e as Error).message;
      // The command line's code for a --previous it cannot read.
      throw new KefuError([problem("error", "previous.unreadable", { file: name, sheet: "" }, name, `无法读取看板：不是有效的 JSON（${why}）`, `cannot read the board: not valid JSON (${why})`)]);
    }
    input = { file: name, json };
  } else {
    const base = name.replace(/\.[^.]+$/, "");
    const read = await readFileSheets(name, bytes);
    // The reader names a workbook's sheets "<file>-<sheet>"; the board reader wants the sheet's own name.
    const sheets = read.sheets
      .map((s) => ({ sheet: s.name.startsWith(base + "-") ? s.name.slice(base.length + 1) : s.name, rows: s.rows }))
      .filter((s) => PREVIOUS_BOARD_SHEETS.includes(s.sheet.trim()));
    input = { file: name, sheets };
  }
  const problems: Problem[] = [];
  const board = readPrevious(input, problems);
  const orders = "sheets" in input ? input.sheets.find((s) => s.sheet.trim() === SHEET_NAMES.orders.name) : undefined;
  const part = orders ? pagedNoteOf(orders.rows) : null;
  return {
    input,
    month: board?.month ?? null,
    problems: problems.filter((p) => p.code !== "previous.orders.paged"),
    paged: part ? { written: part.written, total: part.total } : null,
  };
}

/** Files added to the list, after those there; a file of a name already listed replaces it in place (chosen again after a fix). */
export function addBoards(list: readonly ChosenBoard[], added: readonly ChosenBoard[]): ChosenBoard[] {
  const out = [...list];
  for (const b of added) {
    const at = out.findIndex((x) => x.input.file === b.input.file);
    if (at >= 0) out[at] = b;
    else out.push(b);
  }
  return out;
}

export function removeBoard(list: readonly ChosenBoard[], file: string): ChosenBoard[] {
  return list.filter((b) => b.input.file !== file);
}

/** What the build is given: every file listed, in order (the engine says again what it cannot use, in 问题). */
export function boardInputs(list: readonly ChosenBoard[]): PreviousBoardInput[] {
  return list.map((b) => b.input);
}

export interface BoardNote {
  intent: "error" | "warning";
  text: string;
}

/** One line of the list as the pane shows it. */
export interface BoardRow {
  file: string;
  /** The month in the pane's language, or that it cannot be read. */
  month: string;
  /** The board will not be used (unreadable, a repeated month, not before the month built). */
  unused: boolean;
  notes: BoardNote[];
}

/** Reading problems shown under a file; the rest are counted (all of them are in 问题 after the build). */
const NOTES_SHOWN = 2;

/**
 * The list's lines for a build of `month` (null: chosen automatically, so not known yet): each
 * file, its month, and under it what core says — what cannot be read, a repeated month or one
 * not before `month` (boardsFor), and the paged-board warning.
 */
export function boardRows(list: readonly ChosenBoard[], month: string | null, t: Translate, lang: Lang): BoardRow[] {
  const fit: Problem[] = [];
  const read = list.filter((b) => b.month !== null).map((b) => ({ file: b.input.file, month: b.month! }));
  const used = new Set(boardsFor(month, read, fit).map((b) => b.file));
  const say = (p: Problem): BoardNote => ({ intent: p.severity === "error" ? "error" : "warning", text: lang === "zh-CN" ? p.zh : p.en });
  return list.map((b) => {
    const file = b.input.file;
    const notes = b.problems.slice(0, NOTES_SHOWN).map(say);
    if (b.problems.length > NOTES_SHOWN) notes.push({ intent: "warning", text: t("previousMore", { count: b.problems.length - NOTES_SHOWN }) });
    for (const p of fit) if (p.file === file) notes.push(say(p));
    if (b.paged) notes.push({ intent: "warning", text: t("previousPaged", { file, rows: b.paged.written.toLocaleString(lang), total: b.paged.total.toLocaleString(lang) }) });
    return { file, month: b.month === null ? t("previousNoMonth") : monthLabel(b.month, lang), unused: !used.has(file), notes };
  });
}
