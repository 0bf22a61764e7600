/**
 * SheetSpec: the host-neutral description of an output sheet. The xlsx writer (ExcelJS, CLI) and
 * the Office.js adapter (task pane) both render exactly this; neither has a layout of its own.
 *
 * Layout convention (both hosts): row 1 title, row 2 subtitle (English name + month), row 3 the
 * column headers, data from row 4 (`FIRST_DATA_ROW`), then optional blocks (totals …).
 * Formulas are A1 strings without the leading "=" knowing this layout.
 */

export const TITLE_ROW = 1;
export const SUBTITLE_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;

export type CellFormat = "text" | "int" | "number" | "money" | "rate" | "date" | "datetime" | "seconds" | "general";

/** Excel number formats for each kind, shared by both hosts. */
export const NUMBER_FORMATS: Record<CellFormat, string> = {
  text: "@",
  int: "0",
  number: "0.00",
  money: "¥#,##0.00",
  rate: "0.0%",
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm:ss",
  seconds: "0.0",
  /** As typed (the rules sheet's values: 1600, 1.2, "2%", "08:30"). */
  general: "General",
};

export interface ColumnSpec {
  /** Stable key (used for manager columns and tests). */
  key: string;
  /** Header, Chinese first: "回款 Collected". */
  header: string;
  format: CellFormat;
  width: number;
  /** A column the manager fills in; its values are carried across rebuilds by row id. */
  manager?: boolean;
  /** Values the host offers as a dropdown in a manager column (not enforced: 免罚 also takes Y). */
  allowed?: string[];
  /** Long text wraps inside the column (never spills over its neighbours). */
  wrap?: boolean;
  /**
   * A figure the build writes as a value that a manager may type over (追回, a fine): every rebuild
   * writes it afresh, so one that differs from the build's is named (build.ts) when its `grounds` —
   * the row's cells that explain the figure — are unchanged: the sources gave the same reasons, so
   * the difference was typed. `use`: the manager columns where such a change belongs. A formula
   * column's result moves when a sheet it reads is edited: `from` names those sheets.
   */
  handEdit?: { grounds: string[]; use: string[]; from?: string };
}

/** A formula cell: `f` is A1 without "=", `v` the engine's value it must equal. */
export interface FormulaCell {
  f: string;
  v: number | string;
}

/** A date cell (written as a real date, formatted by the column). */
export interface DateCell {
  date: string; // "YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss"
  /**
   * Its Excel serial when the producer has it (`wallTimeCell`, `wallDayCell`): hosts use it
   * instead of parsing `date` again. Always equal to `dateSerial(date)`.
   */
  serial?: number;
}

/** A link to another place in the workbook ("罚款台账!A12"). */
export interface LinkCell {
  text: string;
  target: string;
}

/**
 * Plain strings are ALWAYS text (never a formula, whatever they start with); numbers are numbers
 * (money in yuan, already rounded to 0.01); null is an empty cell.
 */
export type SpecCell = string | number | boolean | null | FormulaCell | DateCell | LinkCell;

export interface BlockSpec {
  /** Rows written after a blank row below the data (totals, the "removed" manager rows, notes). */
  title?: string;
  rows: SpecCell[][];
  /** Row style hint. */
  style?: "total" | "removed" | "note";
  /** Rows (indexes into `rows`) that need a person: red, as the data's conditional highlights. */
  alertRows?: number[];
}

export interface ChartSpec {
  kind: "columnClustered" | "columnLine";
  title: string;
  /** Column key of the category axis (agent names). */
  categoryKey: string;
  /** Series column keys; a second series may go on a secondary axis (conversion %). */
  seriesKeys: string[];
  secondaryKeys?: string[];
}

/**
 * How a sheet prints (both hosts render it): A4, the orientation, fitted to one page wide (and,
 * when `pagesTall` is set, to that many pages tall), the header rows repeated on every page, the
 * print area over the sheet's content (see `printArea`), a footer naming the sheet and the page,
 * and manual page breaks.
 */
export interface PrintSpec {
  orientation: "landscape" | "portrait";
  /** Pages tall the sheet is fitted to; 0 = as many as it needs (always one page wide). */
  pagesTall: number;
  /** Sheet rows (1-based, inclusive) printed at the top of every page. */
  repeatRows: { first: number; last: number };
  /** A new page starts at each of these sheet rows (1-based), e.g. one agent a page. */
  breaksBefore: number[];
  /**
   * The last column printed (its key); the columns after it stay on screen only. 提成表's reason
   * columns would shrink a one-page-wide print below reading size, and the pay slip prints them.
   */
  lastColumnKey?: string;
}

/** Footer of every printed page: the sheet's name, page n of N (Excel's header/footer codes). */
export const PRINT_FOOTER = "&A  第 &P 页 / 共 &N 页  Page &P of &N";

export interface SheetSpec {
  /** Stable key: "performance" | "penalties" | "reconciliation" | "commission" | "rules" | "problems" | … */
  key: string;
  /** Sheet (tab) name, Chinese: "绩效看板". */
  name: string;
  /** English name, shown in the subtitle. */
  nameEn: string;
  title: string;
  subtitle: string;
  tabColor: string;
  columns: ColumnSpec[];
  rows: SpecCell[][];
  /**
   * Set (non-enumerable) on big drill-downs built lazily (./lazy.ts): the row count and row i, so
   * the file writer streams rows without holding them all. `rows` still works: it materialises the
   * same cells on first read. Read through `sheetRowCount` / `sheetRow` to stay lazy.
   */
  rowCount?: number;
  rowAt?: (i: number) => SpecCell[];
  /**
   * Set with rowAt when the builder knows no lazy row holds cut text (no field of the month was
   * too long for a cell): the cut-cell count then skips building every row once more.
   */
  cutFree?: boolean;
  /** Index of the column holding each row's stable id (manager columns are keyed by it). */
  idColumn?: number;
  blocks: BlockSpec[];
  freeze: { rows: number; columns: number };
  autoFilter: boolean;
  chart?: ChartSpec;
  /** Height of the header row in points, tall enough for its wrapped headers (default 32). */
  headerHeight?: number;
  /** Page setup; every built sheet has one (buildWorkbookSpec fills in the default). */
  print?: PrintSpec;
  /** Conditional highlight hints: column key → rule. */
  highlights?: { columnKey: string; when: "negative" | "nonzero" | "true" }[];
}

export interface WorkbookSpec {
  month: string;
  sheets: SheetSpec[];
}
