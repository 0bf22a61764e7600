/**
 * The manager columns of a previous board (免罚 / 备注 in 罚款台账, 调整 / 备注 in 提成表), read
 * once for every host: the host hands over each sheet's raw cell grid (the command line from the
 * old --out file, the pane from the workbook's own sheets) and this module interprets it.
 *
 * - The header row is found by its names anywhere in the sheet (a manager may insert rows above
 *   the title); a column is found by its full header or by its Chinese name alone.
 * - Every row below it with an id is read — rows the manager inserted (no id) do not end the
 *   table — including an earlier "removed" block. Labels of totals and block titles (text with
 *   a space) are not ids.
 * - Values are read as Excel users type them: 免罚 as any yes word (" 是 ", ✓, TRUE, Y …), 调整 as
 *   money ("100", "¥12", "1,200.50"), 备注 as text (a formula's text stays text). What is carried
 *   back is the normalised value ("是", a number), so the sheet's own formulas read it as the
 *   engine does.
 * - Every value that cannot be carried is a located problem: a cell not understood, a manager
 *   column whose header was renamed, manager values on a row without an id, a sheet without its
 *   header row, two rows with one id and different entries, a date where an amount belongs.
 * - A manager sheet missing under its name from a board the host reads by name (the command line)
 *   is looked for among the workbook's other sheets, so a renamed tab does not lose its entries.
 */
import type { Cell } from "./import/types";
import { problem, type Problem } from "./problems";
import type { ManagerEntry, ManagerState } from "./reports/types";
import { COMMISSION_COLUMNS } from "./sheets/commission";
import type { ManagerValues } from "./sheets/manager";
import { SHEET_NAMES } from "./sheets/names";
import { PENALTY_COLUMNS, WAIVED_MARK } from "./sheets/penalties";
import type { CellFormat, ColumnSpec } from "./sheets/types";
import { columnLetter, dateText, isBlankCell, isDateFormat, moneyCents, yesNo } from "./values";
import { excelSerialToWallTime } from "./import/cells";

/** One sheet of the previous board as the host read it: every cell, row 1 at index 0. */
export interface BoardSheet {
  /** The sheet's name in the workbook (for messages). */
  sheet: string;
  /** The report it holds ("penalties", "commission"), when the host knows it; else found by name. */
  key?: string | null;
  rows: Cell[][];
  /**
   * Number formats by cell, laid out as `rows`, when the host reads values and formats apart
   * (Office.js gives a typed 10-1 as 46296 under a date format). Absent: dates already arrive as
   * Date (the xlsx reader).
   */
  formats?: (string | null | undefined)[][];
  /**
   * Which cells hold a formula, laid out as `rows`, when the host can tell (the pane reads
   * Office.js's formulas). Absent: unknown (the xlsx reader gives cached results only), and a
   * constant typed over a formula cannot be told from the formula's result.
   */
  formulas?: boolean[][];
}

/** The previous board: the workbook a rebuild replaces. */
export interface BoardInput {
  /** File or workbook name, for messages. */
  file: string;
  sheets: BoardSheet[];
  /**
   * The workbook's other sheets, offered when a manager sheet is missing under its name; set, a
   * manager sheet found nowhere is a warning. The command line offers the old --out's sheets; the
   * pane, which knows its sheets by a mark that survives a rename, offers none, and only once an
   * earlier build's reports are in the workbook (a manager sheet missing then was deleted).
   */
  others?: BoardSheet[];
}

export interface BoardValues {
  /** For the engine: waived / remark / adjustment by row id. */
  state: ManagerState;
  /** Per report key: the normalised manager cells by row id, put back on the rebuilt sheet. */
  values: Map<string, ManagerValues>;
  /**
   * Per report key, per row id: the report's own (non-manager) cells as the sheet held them. The
   * rebuild rewrites them from the sources, so one the manager changed is named (build.ts
   * `overwrittenCells`) rather than silently replaced.
   */
  cells: Map<string, Map<string, BoardCell[]>>;
  /**
   * Per report key: columns the manager added to the sheet (a 银行卡 column inserted into 提成表),
   * carried by row id like the manager columns and written after the report's own columns.
   */
  extra: Map<string, ColumnSpec[]>;
  problems: Problem[];
}

/** A report cell of a previous board's row, where it was and what it held. */
export interface BoardCell {
  key: string;
  header: string;
  sheet: string;
  /** 1-based sheet row; 0-based column. */
  row: number;
  col: number;
  value: Cell;
  /** Whether the cell held a formula; undefined when the host cannot tell. */
  formula?: boolean;
}

type Typed = string | number | boolean;

interface ManagerSheet {
  key: string;
  name: string;
  columns: ColumnSpec[];
  /** One manager cell: what it means to the engine and what is written back; null = not understood. */
  read: Record<string, (cell: Cell) => { entry: Partial<ManagerEntry>; keep: Typed } | null>;
}

const textOf = (cell: Cell): string => (cell instanceof Date ? dateText(cell) : String(cell));

const remark = (cell: Cell) => ({ entry: { remark: textOf(cell) }, keep: cell instanceof Date ? textOf(cell) : (cell as Typed) });

/** A cell as the manager typed it: a number under a date format is the date Excel made of it. */
function cellAt(s: BoardSheet, r: number, c: number): Cell {
  const v = s.rows[r]?.[c] ?? null;
  const f = s.formats?.[r]?.[c];
  if (typeof v !== "number" || typeof f !== "string" || !isDateFormat(f)) return v;
  const t = excelSerialToWallTime(v); // the importers' serial rule (1900's leap day included)
  return Number.isNaN(t) ? v : new Date(t);
}

const MANAGER_SHEETS: ManagerSheet[] = [
  {
    key: "penalties",
    name: SHEET_NAMES.penalties.name,
    columns: PENALTY_COLUMNS,
    read: {
      waived(cell) {
        const yes = yesNo(cell);
        if (yes === null) return null;
        // A yes of any form is written back as the mark the sheet's COUNTIFS counts.
        return { entry: { waived: yes }, keep: yes ? WAIVED_MARK : typeof cell === "string" ? cell : "" };
      },
      remark,
    },
  },
  {
    key: "commission",
    name: SHEET_NAMES.commission.name,
    columns: COMMISSION_COLUMNS,
    read: {
      adjustment(cell) {
        const cents = moneyCents(cell);
        if (cents === null || Number.isNaN(cents)) return null;
        // The sheet writes 0 in every row: no adjustment, nothing to carry.
        if (cents === 0) return { entry: {}, keep: "" };
        // Written back as a number: net pay's formula adds the cell.
        return { entry: { adjustment: cents }, keep: cents / 100 };
      },
      remark,
    },
  },
];

/** What each manager column accepts, for the message about a cell that was not understood. */
const EXPECTED: Record<string, { zh: string; en: string }> = {
  waived: { zh: "免罚应填 是（也认 Y、✓、TRUE；否 / N 表示不免）", en: "a waiver is 是 (Y, ✓, TRUE are accepted too; 否 / N mean no)" },
  adjustment: { zh: "调整应为金额（元），如 100、-50、¥12", en: "an adjustment is an amount in yuan, e.g. 100, -50, ¥12" },
};

/** Why a date is not read as its serial: Excel turns a typed 10-1 into 1 October, stored as 46296. */
const NUMERIC: ReadonlySet<CellFormat> = new Set<CellFormat>(["money", "int", "number", "rate", "seconds"]);
const DATE_NOTE = { zh: "单元格是日期（Excel 会把 10-1 之类的输入变成日期），不是金额", en: "the cell is a date (Excel turns an entry like 10-1 into a date), not an amount" };


/** The managed report a sheet holds, by its key or else its name. */
function managedSheet(s: BoardSheet): ManagerSheet | undefined {
  if (s.key) return MANAGER_SHEETS.find((m) => m.key === s.key);
  return MANAGER_SHEETS.find((m) => m.name === s.sheet.trim());
}

const norm = (v: Cell | undefined): string => (typeof v === "string" ? v.normalize("NFKC").replace(/\s+/g, " ").trim() : "");
/** "免罚 Waived (填 是)" → "免罚": the name a manager keeps when shortening a header. */
const zhName = (header: string): string => norm(header).split(" ")[0];

/** Column of each spec column on a header row (full header, else its Chinese name alone). */
function headerColumns(row: Cell[], columns: ColumnSpec[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const c of columns) {
    let at = row.findIndex((v) => norm(v) === norm(c.header));
    if (at < 0) at = row.findIndex((v) => norm(v) !== "" && norm(v) === zhName(c.header));
    if (at < 0) at = row.findIndex((v) => norm(v) !== "" && zhName(norm(v)) === zhName(c.header));
    if (at >= 0) found.set(c.key, at);
  }
  return found;
}

/** The first row holding the id header and at least one other of the sheet's headers. */
function findHeader(rows: Cell[][], columns: ColumnSpec[]): { row: number; cols: Map<string, number> } | null {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row || row.length === 0) continue;
    const cols = headerColumns(row, columns);
    if (cols.has("id") && cols.size >= 2) return { row: r, cols };
  }
  return null;
}

/** A row id: text or a number without inner spaces (totals' labels and block titles have them). */
function idOf(cell: Cell | undefined): string | null {
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : null;
  if (typeof cell !== "string") return null;
  const id = cell.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, "");
  return id === "" || /\s/.test(id) ? null : id;
}

/**
 * The manager's entries in a previous board.
 * @example readBoard({ file: "board.xlsx", sheets: [{ sheet: "罚款台账", rows }] }).state["P-late-KF01-20261002"]
 */
export function readBoard(board: BoardInput): BoardValues {
  const out: BoardValues = { state: {}, values: new Map(), cells: new Map(), extra: new Map(), problems: [] };
  const seen: Seen = new Map();
  const read = new Set<string>();
  for (const s of board.sheets) {
    const m = managedSheet(s);
    if (!m) continue;
    read.add(m.key);
    readSheet(board.file, s, m, out, seen);
  }
  if (board.others) {
    for (const m of MANAGER_SHEETS) if (!read.has(m.key)) findRenamed(board.file, board.others, m, out, seen);
  }
  return out;
}

/**
 * A manager sheet missing under its name, looked for under another: its English name, or its
 * header row. Found, its entries are carried (the rebuild writes the sheet under its own name
 * again, so the manager is told where they went); not found, the rebuild would drop whatever
 * was typed there, so it is said before the workbook is overwritten. Carrying beats refusing:
 * the entries are the manager's and a renamed tab is no reason to lose or block them.
 */
function findRenamed(file: string, others: BoardSheet[], m: ManagerSheet, out: BoardValues, seen: Seen): void {
  const byName = others.find((s) => s.sheet.trim().toLowerCase() === SHEET_NAMES[m.key as "penalties" | "commission"].nameEn.toLowerCase());
  // Most of the sheet's own headers, not just 编号 and 备注, which both manager sheets share.
  const score = (s: BoardSheet) => findHeader(s.rows, m.columns)?.cols.size ?? 0;
  const best = others.map((s) => ({ s, n: score(s) })).filter((x) => x.n * 4 >= m.columns.length * 3).sort((a, b) => b.n - a.n)[0];
  const found = byName ?? best?.s;
  const managerCols = m.columns.filter((c) => c.manager);
  if (found) {
    out.problems.push(
      problem("info", "board.sheet.renamed", { file, sheet: found.sheet }, found.sheet,
        `上次生成的「${m.name}」不在原名下，在工作表「${found.sheet}」中找到，其中主管填写的内容已带入新的「${m.name}」`,
        `the previous "${m.name}" is not under its name; it was found as sheet "${found.sheet}" and the manager's entries there are carried into the new "${m.name}"`),
    );
    readSheet(file, { ...found, key: m.key }, m, out, seen);
    return;
  }
  out.problems.push(
    problem("warning", "board.sheet.missing", { file, sheet: m.name }, "",
      `上次生成的工作簿中没有「${m.name}」（被改名或删除？其他工作表中也找不到它的表头），其中主管填写的内容（${managerCols.map((c) => zhName(c.header)).join("、")}）无法带入，本次重新生成后不再保留`,
      `the previous workbook has no "${m.name}" sheet (renamed or deleted? no other sheet has its header row), so the manager's entries there (${managerCols.map((c) => c.header).join(", ")}) cannot be carried over and are not kept by this rebuild`),
  );
}

/** Per report, per row id: where each manager value was first read, to catch one id typed twice. */
type Seen = Map<string, Map<string, Map<string, { sheet: string; row: number; shown: string }>>>;

/** One id's value in one column met again: a differing value is a conflict the manager must see. */
function checkRepeat(file: string, m: ManagerSheet, seen: Seen, id: string, column: ColumnSpec, at: { sheet: string; row: number; col: number }, shown: string, out: BoardValues): void {
  const perId = seen.get(m.key) ?? new Map();
  seen.set(m.key, perId);
  const cols = perId.get(id) ?? new Map();
  perId.set(id, cols);
  const before = cols.get(column.key);
  cols.set(column.key, { sheet: at.sheet, row: at.row, shown });
  if (!before || before.shown === shown) return;
  const where = (x: { sheet: string; row: number }) => (x.sheet === at.sheet ? `${x.row}` : `${x.sheet}!${x.row}`);
  out.problems.push(
    problem("warning", "board.value.duplicate", { file, sheet: at.sheet, row: at.row, column: `${columnLetter(at.col)} ${column.header}` }, shown,
      `上次生成的「${m.name}」中编号 ${id} 出现在第 ${where(before)} 行和第 ${where(at)} 行，「${zhName(column.header)}」不同（「${before.shown}」与「${shown}」）：采用后一行的「${shown}」，请删去多余的一行`,
      `id ${id} is on rows ${where(before)} and ${where(at)} of the previous "${m.name}" with different "${column.header}" ("${before.shown}" and "${shown}"): the later row's "${shown}" is used; delete the extra row`),
  );
}

/**
 * Columns the manager added to a report sheet (inserted, or typed beside it): the rebuild writes
 * the report afresh, so their cells are carried by row id, as a manager column's are, into a
 * column of the same header after the report's own (build.ts). Said, located; cells on rows
 * without an id (a total, a blank row) match no row and are named as not kept.
 */
function extraColumns(file: string, s: BoardSheet, m: ManagerSheet, headerRow: number, idCol: number, known: ReadonlySet<number>, values: ManagerValues, out: BoardValues): void {
  const width = s.rows.reduce((n, r) => Math.max(n, r?.length ?? 0), 0);
  const extra = out.extra.get(m.key) ?? [];
  out.extra.set(m.key, extra);
  for (let c = 0; c < width; c++) {
    if (known.has(c)) continue;
    const head = norm(s.rows[headerRow]?.[c]);
    const carried: { id: string; value: Typed }[] = [];
    const lost: number[] = [];
    for (let r = headerRow + 1; r < s.rows.length; r++) {
      const cell = cellAt(s, r, c);
      if (isBlankCell(cell)) continue;
      const id = idOf(s.rows[r]?.[idCol]);
      if (id === null) lost.push(r + 1);
      else carried.push({ id, value: cell instanceof Date ? textOf(cell) : (cell as Typed) });
    }
    // The sheet's own blocks below the table write under its known headers only.
    if (carried.length === 0 && lost.length === 0) continue;
    const name = head || `${columnLetter(c)}`;
    // One column per header: a header met again (another sheet of the same report) adds to it.
    let spec = extra.find((x) => x.header === name);
    if (!spec) {
      spec = { key: `extra${extra.length + 1}`, header: name, format: "text", width: Math.max(10, Math.min(40, name.length * 2 + 2)), manager: true };
      extra.push(spec);
    }
    for (const { id, value } of carried) values.set(id, { ...values.get(id), [spec.key]: value });
    const where = { file, sheet: s.sheet, row: (carried.length ? headerRow + 1 : lost[0]), column: `${columnLetter(c)} ${head}`.trim() };
    const lostZh = lost.length ? `；第 ${lost.slice(0, 5).join("、")}${lost.length > 5 ? " …" : ""} 行没有编号，这些单元格无法对应到任何行，未带入` : "";
    const lostEn = lost.length ? `; the cells on row${lost.length > 1 ? "s" : ""} ${lost.slice(0, 5).join(", ")}${lost.length > 5 ? " …" : ""} have no id and match no row, so they are not carried` : "";
    out.problems.push(
      problem(lost.length ? "warning" : "info", "board.column.extra", where, head,
        `上次生成的「${m.name}」中 ${columnLetter(c)} 列「${name}」不是报表的列：按编号带入 ${carried.length} 个单元格，写在报表各列之后的「${name}」列${lostZh}`,
        `column ${columnLetter(c)} "${name}" of the previous "${m.name}" is not one of the report's: ${carried.length} cells are carried by row id into a "${name}" column after the report's own${lostEn}`),
    );
  }
}

function readSheet(file: string, s: BoardSheet, m: ManagerSheet, out: BoardValues, seen: Seen): void {
  const at = (row: number | null, column: string | null) => ({ file, sheet: s.sheet, row, column });
  const managerCols = m.columns.filter((c) => c.manager);
  const header = findHeader(s.rows, m.columns);
  if (!header) {
    const filled = s.rows.some((r) => r && r.some((v) => !isBlankCell(v)));
    if (filled) {
      out.problems.push(
        problem("warning", "board.header.missing", at(null, null), "",
          `上次生成的「${m.name}」中找不到表头行（${m.columns[0].header} 等），其中主管填写的内容（${managerCols.map((c) => zhName(c.header)).join("、")}）无法带入`,
          `the previous "${m.name}" has no header row (${m.columns[0].header} …), so the manager's entries there (${managerCols.map((c) => c.header).join(", ")}) cannot be carried over`),
      );
    }
    return;
  }
  const { row: headerRow, cols } = header;
  const idCol = cols.get("id")!;
  const present = managerCols.filter((c) => cols.has(c.key));
  const known = new Set(cols.values());
  const unknownHeaders = (s.rows[headerRow] ?? []).map((v, i) => ({ v, i })).filter(({ v, i }) => !known.has(i) && norm(v) !== "");
  for (const c of managerCols) {
    if (cols.has(c.key)) continue;
    const others = unknownHeaders.map(({ v, i }) => `${columnLetter(i)}「${norm(v)}」`).join("、");
    out.problems.push(
      problem("warning", "board.column.missing", at(headerRow + 1, c.header), others,
        `上次生成的「${m.name}」中找不到「${c.header}」列（表头被改名或删除？${others ? `未识别的表头：${others}` : ""}），该列填写的内容未带入；请恢复表头后重新生成`,
        `the previous "${m.name}" has no "${c.header}" column (was its header renamed or deleted?${others ? ` unrecognised headers: ${others}` : ""}); its entries were not carried over: restore the header and rebuild`),
    );
  }
  const values: ManagerValues = out.values.get(m.key) ?? new Map();
  out.values.set(m.key, values);
  extraColumns(file, s, m, headerRow, idCol, known, values, out);
  const cells = out.cells.get(m.key) ?? new Map<string, BoardCell[]>();
  out.cells.set(m.key, cells);
  const reportCols = m.columns.filter((c) => !c.manager && c.key !== "id" && cols.has(c.key));
  for (let r = headerRow + 1; r < s.rows.length; r++) {
    const row = s.rows[r];
    if (!row) continue;
    const rowId = idOf(row[idCol]);
    // The first row of an id is the report's row; a later one (a removed block) holds manager cells only.
    if (rowId !== null && !cells.has(rowId)) {
      cells.set(
        rowId,
        reportCols.map((c) => {
          const col = cols.get(c.key)!;
          const f = s.formulas?.[r]?.[col];
          return { key: c.key, header: c.header, sheet: s.sheet, row: r + 1, col, value: cellAt(s, r, col), ...(f === undefined ? {} : { formula: f }) };
        }),
      );
    }
    const filled = present.filter((c) => !isBlankCell(cellAt(s, r, cols.get(c.key)!)));
    if (filled.length === 0) continue;
    const id = idOf(row[idCol]);
    if (id === null) {
      // A label in the id column (合计 Total, 部门基金 …, a block title) is the sheet's own row:
      // its sums are not entries. A row with no id at all is one the manager inserted.
      if (!isBlankCell(row[idCol])) continue;
      for (const c of filled) {
        const col = cols.get(c.key)!;
        out.problems.push(
          problem("warning", "board.value.no_id", at(r + 1, `${columnLetter(col)} ${c.header}`), textOf(cellAt(s, r, col)),
            `该行没有编号（${m.columns[0].header} 为空或不是编号），此处填写的「${zhName(c.header)}」无法对应到任何行，未带入`,
            `this row has no id (${m.columns[0].header} is empty or not an id), so its "${c.header}" entry matches no row and was not carried over`),
        );
      }
      continue;
    }
    const entry: Partial<ManagerEntry> = {};
    const typed: Record<string, Typed> = { ...values.get(id) };
    for (const c of filled) {
      const col = cols.get(c.key)!;
      const cell = cellAt(s, r, col);
      checkRepeat(file, m, seen, id, c, { sheet: s.sheet, row: r + 1, col }, textOf(cell), out);
      // Here, not in each reader, so no number column of any manager sheet ever adds a serial.
      const date = cell instanceof Date && NUMERIC.has(c.format) ? DATE_NOTE : null;
      const got = date ? null : (m.read[c.key]?.(cell) ?? null);
      if (got === null) {
        const exp = EXPECTED[c.key] ?? { zh: "无法识别", en: "not understood" };
        out.problems.push(
          problem("warning", "board.value.unreadable", at(r + 1, `${columnLetter(col)} ${c.header}`), textOf(cell),
            `上次生成的「${m.name}」中编号 ${id} 的「${zhName(c.header)}」无法识别，未计入（保留原样）；${date ? `${date.zh}；` : ""}${exp.zh}`,
            `"${c.header}" of id ${id} on the previous "${m.name}" was not understood and does not count (kept as typed); ${date ? `${date.en}; ` : ""}${exp.en}`),
        );
        // Kept as typed, so nothing the manager wrote is lost; it counts for nothing. In a number
        // column it is kept as its text: as a number, a date or TRUE the sheet's N() would add its
        // serial, or 1, to net pay, which the engine does not.
        if (typeof cell === "string") typed[c.key] = cell;
        else if (typeof cell === "boolean" && NUMERIC.has(c.format)) typed[c.key] = cell ? "TRUE" : "FALSE"; // as Excel showed it
        else if (NUMERIC.has(c.format) && (typeof cell === "number" || cell instanceof Date)) typed[c.key] = textOf(cell);
        else if (typeof cell === "number" || typeof cell === "boolean") typed[c.key] = cell;
        else if (cell instanceof Date) typed[c.key] = textOf(cell);
        continue;
      }
      if (s.formulas?.[r]?.[col] === true) {
        // Rows move on a rebuild, so the manager's formula could point at another agent's cells: its result is what is kept.
        out.problems.push(
          problem("warning", "board.value.formula", at(r + 1, `${columnLetter(col)} ${c.header}`), textOf(cell),
            `上次生成的「${m.name}」中编号 ${id} 的「${zhName(c.header)}」是公式，本次按其结果「${textOf(cell)}」写回为数值（重新生成后行的位置会变，公式可能指向别人的单元格）；如需保留算法，请写在「备注」或自己的工作表中`,
            `"${c.header}" of id ${id} on the previous "${m.name}" is a formula; its result "${textOf(cell)}" is written back as a value (rows move on a rebuild, so the formula could point at someone else's cells): keep the working in the remark or a sheet of your own`),
        );
      }
      Object.assign(entry, got.entry);
      if (got.keep !== "") typed[c.key] = got.keep;
      else delete typed[c.key];
    }
    if (Object.keys(entry).length > 0) out.state[id] = { ...out.state[id], ...entry };
    if (Object.keys(typed).length > 0) values.set(id, typed);
  }
}

/** Whether a workbook is one KefuBoard wrote (it has the board and the rules sheet): only those are replaced. */
export function isBoardWorkbook(sheetNames: readonly string[]): boolean {
  return [SHEET_NAMES.performance.name, SHEET_NAMES.rules.name].every((n) => sheetNames.includes(n));
}

/** The names of the sheets a host reads from a previous board for its manager columns. */
export const BOARD_SHEETS: readonly { key: string; name: string }[] = MANAGER_SHEETS.map((m) => ({ key: m.key, name: m.name }));
