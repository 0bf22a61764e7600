/**
 * What every kind's reader shares: where it is (file, sheet, headers), the records it produced,
 * and the located, bilingual problems it found. Also the typed cell readers that turn a bad
 * cell into a problem, so the per-kind files only say which field is which.
 */
import { emptyDataset, type Dataset } from "../model";
import { problem, ProblemLog, type Severity } from "../problems";
import { implausibleYear, parseOrderId, PLAUSIBLE_YEARS, readDateTime, readMoney, readNumber, readRate, readSeconds, readTimeOfDay, slashDateForms, type OrderIdResult } from "./cells";
import type { Cell } from "./types";
import { columnLetter } from "../values";

/** One kind's row reader, created once the headers are recognised. */
export interface KindReader {
  /** 0-based columns it reads (hosts fetch only these). */
  columns: number[];
  /** Reads one data row; false when the row is not data (blank, summary) and not counted. */
  read(row: Cell[], rowNo: number): boolean;
  /** Checks needing the whole sheet (e.g. duplicate keys). */
  finish(): void;
}

/** What a value was expected to look like, in both languages. */
export interface Expected {
  zh: string;
  en: string;
}

export const EXPECT = {
  money: { zh: "金额（如 12.50、¥1,234.50、12.50元）", en: "an amount of money (e.g. 12.50, ¥1,234.50, 12.50元)" },
  dateTime: { zh: "日期时间（如 2026-10-03 14:05:09）", en: "a date and time (e.g. 2026-10-03 14:05:09)" },
  date: { zh: "日期（如 2026-10-03）", en: "a date (e.g. 2026-10-03)" },
  period: { zh: "时段，起日不晚于止日（如 2026-10-01~2026-10-31）", en: "a period, its first day not after its last (e.g. 2026-10-01~2026-10-31)" },
  time: { zh: "时间（如 08:31 或 次日 00:55）", en: "a time of day (e.g. 08:31 or 次日 00:55)" },
  count: { zh: "非负整数（不超过 9007199254740991）", en: "a whole number, 0 or more (at most 9007199254740991)" },
  number: { zh: "数字（绝对值不超过 9007199254740991）", en: "a number (at most 9007199254740991 either way)" },
  rate: { zh: "百分比（如 95% 或 0.95）", en: "a percentage (e.g. 95% or 0.95)" },
  seconds: { zh: "时长（如 83、83秒、1分23秒、1.38分钟 或 00:01:23）", en: "a duration (e.g. 83, 83秒, 1分23秒, 1.38分钟 or 00:01:23)" },
} satisfies Record<string, Expected>;

/** A `01/10/2026` cell waiting for the sheet's other rows to say which number is the day. */
interface UndecidedDate {
  rowNo: number;
  col: number;
  cell: Cell;
  code: string;
  field: string;
  forms: { monthFirst: number; dayFirst: number };
  target: Record<string, unknown> | null;
}

/**
 * The `a/b/yyyy` dates of a sheet (or of a part of one) as read: those with one possible reading
 * (`13/10/2026`), and those with two (`05/10/2026`), which the sheet's other rows decide.
 */
export interface SlashDates {
  oneWay: number;
  twoWay: number;
}

/**
 * What a part of a sheet read so far says about rows its reading may depend on elsewhere in the
 * sheet: its `a/b/yyyy` dates; rows whose fate the whole sheet decides (an ERP number waiting
 * for a row that joins it to a platform id; ids that look padded by Excel when they are most of
 * the part's, so refused with the part's count); explanations a sheet gives once.
 */
export interface PartFacts {
  slashDates: SlashDates;
  sheetDecided: number;
  toldOnce: number;
}

/**
 * Whether two parts of one sheet read apart (a big CSV's halves, read at once) give what one pass
 * gives. Not when a part holds a date with two readings and the other part any `a/b/yyyy` date
 * (in one pass those rows decide it, or make it ambiguous; apart they cannot), nor when either
 * part holds a row the whole sheet decides, nor when both gave a once-per-sheet explanation.
 * @example partsReadApart(facts({ oneWay: 3, twoWay: 0 }), facts({ oneWay: 0, twoWay: 5 })) // false (facts: the other counts 0)
 * @example partsReadApart(facts({ oneWay: 0, twoWay: 0 }), facts({ oneWay: 0, twoWay: 5 })) // true
 */
export function partsReadApart(a: PartFacts, b: PartFacts): boolean {
  const any = (x: SlashDates) => x.oneWay + x.twoWay > 0;
  if (a.sheetDecided > 0 || b.sheetDecided > 0) return false;
  if (a.toldOnce > 0 && b.toldOnce > 0) return false;
  return (a.slashDates.twoWay === 0 || !any(b.slashDates)) && (b.slashDates.twoWay === 0 || !any(a.slashDates));
}

/** What a skipped row says, Chinese and English. */
const ROW_SKIPPED = ["该行未导入", "the row is skipped"] as const;

export class SheetContext {
  readonly data: Dataset = emptyDataset();
  readonly log = new ProblemLog(1000);
  /** How this sheet writes `a/b/yyyy` dates, from the cells that allow one reading only. */
  private slashOrder: "monthFirst" | "dayFirst" | "mixed" | null = null;
  private readonly undecided: UndecidedDate[] = [];
  private unbound = 0;
  /** The sheet's `a/b/yyyy` dates so far (see `partsReadApart`). */
  private readonly slashDates: SlashDates = { oneWay: 0, twoWay: 0 };
  /** The rows above the headers (a title, 统计时间 …), as recognition saw them. */
  banner: readonly Cell[][] = [];
  /** The reader's part of the facts (its sheet-wide rules), asked when the facts are. */
  readerFacts: () => Omit<PartFacts, "slashDates"> = () => ({ sheetDecided: 0, toldOnce: 0 });

  /** What the rows read so far leave to the sheet's other rows (see `partsReadApart`). */
  partFacts(): PartFacts {
    return { slashDates: { ...this.slashDates }, ...this.readerFacts() };
  }

  constructor(
    readonly file: string,
    readonly sheet: string,
    /** Header text per column, as written (trimmed). */
    readonly headers: string[],
    /** See RowImporterOptions.ownCells. */
    readonly ownCells: () => boolean = () => false,
  ) {}

  columnName(col: number): string {
    const h = this.headers[col];
    return h !== undefined && h !== "" ? h : columnLetter(col);
  }

  /** A problem about one cell. */
  cell(severity: Severity, code: string, row: number, col: number, value: unknown, zh: string, en: string): void {
    this.log.add(
      problem(severity, code, { file: this.file, sheet: this.sheet, row, column: col >= 0 ? this.columnName(col) : null }, display(value), zh, en),
    );
  }

  /** A problem about a row or the sheet. */
  sheetProblem(severity: Severity, code: string, row: number | null, value: unknown, zh: string, en: string): void {
    this.log.add(problem(severity, code, { file: this.file, sheet: this.sheet, row }, display(value), zh, en));
  }

  /** "cannot read X: expected Y", with the consequence: row skipped, or field left empty. */
  bad(severity: Severity, code: string, row: number, col: number, value: unknown, expected: Expected, skip: boolean): void {
    const name = this.columnName(col);
    if (expected === EXPECT.date || expected === EXPECT.dateTime) expected = withinYears(expected, value as Cell);
    this.cell(
      severity,
      code,
      row,
      col,
      value,
      `无法读取「${name}」：应为${expected.zh}${skip ? "；该行未导入" : "；该项按空值处理，其余照常导入"}`,
      `cannot read "${name}": expected ${expected.en}${skip ? "; the row is skipped" : "; the field is left empty and the rest of the row is kept"}`,
    );
  }

  /**
   * The row's order id, or null after a located error saying the row was not imported (the
   * importers of the order-keyed side files: refunds, 淘宝客, 运费补贴).
   */
  orderId(row: Cell[], col: number, rowNo: number, code: (reason: Extract<OrderIdResult, { ok: false }>["reason"]) => string, skipped: readonly [string, string] = ROW_SKIPPED): string | null {
    const id = parseOrderId(row[col]);
    if (id.ok) return id.id;
    this.cell("error", code(id.reason), rowNo, col, row[col], `${id.zh}；${skipped[0]}`, `${id.en}; ${skipped[1]}`);
    return null;
  }

  /** Optional money: null when blank; a warning and null when unreadable. */
  money(row: Cell[], col: number, rowNo: number, code: string): number | null {
    if (col < 0) return null;
    const v = readMoney(row[col]);
    if (v !== null && isNaN(v)) {
      this.bad("warning", code, rowNo, col, row[col], EXPECT.money, false);
      return null;
    }
    return v;
  }

  /**
   * Optional date-time: null when blank; a warning and null when unreadable — an error when
   * `field` is given (an order's times decide whether and where it counts). A `01/10/2026`
   * that reads both ways is decided by the sheet's other rows (a `13/10/2026` says the day comes
   * first): when `field` is given and the sheet has not decided yet, null is returned and the
   * value is set on the record bound by `bindDates` once `settleDates` knows; otherwise (or when
   * the sheet never decides) it is a located error.
   */
  dateTime(row: Cell[], col: number, rowNo: number, code: string, field?: string): number | null {
    if (col < 0) return null;
    const forms = slashDateForms(row[col]);
    if (forms) return this.slashDate(forms, row[col], rowNo, col, code, field);
    const v = readDateTime(row[col]);
    if (v !== null && isNaN(v)) {
      this.bad(field !== undefined ? "error" : "warning", code, rowNo, col, row[col], EXPECT.dateTime, false);
      return null;
    }
    return v;
  }

  private slashDate(forms: { monthFirst: number; dayFirst: number }, cell: Cell, rowNo: number, col: number, code: string, field?: string): number | null {
    const m = !isNaN(forms.monthFirst);
    const d = !isNaN(forms.dayFirst);
    if (!m && !d) {
      this.bad(field !== undefined ? "error" : "warning", code, rowNo, col, cell, EXPECT.dateTime, false);
      return null;
    }
    if (m !== d) {
      this.slashDates.oneWay++;
      const order = m ? "monthFirst" : "dayFirst";
      this.slashOrder = this.slashOrder === null || this.slashOrder === order ? order : "mixed";
      return m ? forms.monthFirst : forms.dayFirst;
    }
    if (forms.monthFirst === forms.dayFirst) return forms.monthFirst; // 05/05/2026
    this.slashDates.twoWay++;
    if (this.slashOrder === "monthFirst" || this.slashOrder === "dayFirst") return forms[this.slashOrder];
    if (field === undefined) {
      this.ambiguous(rowNo, col, cell, code);
      return null;
    }
    this.undecided.push({ rowNo, col, cell, code, field, forms, target: null });
    this.unbound++;
    return null;
  }

  /** The record the row's undecided dates belong to (call after reading each row). */
  bindDates(target: object): void {
    if (this.unbound === 0) return;
    for (let i = this.undecided.length - this.unbound; i < this.undecided.length; i++) this.undecided[i].target = target as Record<string, unknown>;
    this.unbound = 0;
  }

  /** Once the sheet is read: each undecided date set by the sheet's order, or a located error. */
  settleDates(): void {
    const order = this.slashOrder;
    for (const u of this.undecided) {
      if ((order === "monthFirst" || order === "dayFirst") && u.target) u.target[u.field] = u.forms[order];
      else this.ambiguous(u.rowNo, u.col, u.cell, u.code);
    }
    this.undecided.length = 0;
  }

  private ambiguous(rowNo: number, col: number, cell: Cell, code: string): void {
    const mixed = this.slashOrder === "mixed";
    this.cell("error", code.replace(/\.invalid$/, "") + ".ambiguous", rowNo, col, cell,
      `「${String(cell)}」可读作两个日期（日/月 或 月/日），${mixed ? "本表两种写法都有" : "本表其他行也无法判断"}；该项按空值处理。请导出为 2026-10-01 这样的日期`,
      `"${String(cell)}" reads as two dates (day/month or month/day) and ${mixed ? "this sheet uses both orders" : "no other row of this sheet tells which"}; the field is left empty. Export dates as 2026-10-01`);
  }

  /**
   * Optional number: null when blank; a warning and null when unreadable. With `EXPECT.count`
   * the value must also be a safe integer, 0 or more.
   * @example ctx.number(["1e300"], 0, 5, "sales.count.invalid", EXPECT.count) // null + a warning on row 5
   */
  number(row: Cell[], col: number, rowNo: number, code: string, expected: Expected = EXPECT.number): number | null {
    if (col < 0) return null;
    const v = readNumber(row[col]);
    if (v !== null && !(expected === EXPECT.count ? isCount(v) : isUsableNumber(v))) {
      this.bad("warning", code, rowNo, col, row[col], expected, false);
      return null;
    }
    return v;
  }

  /** A duration in seconds (readSeconds); a bare number is in `perUnit` seconds. */
  seconds(row: Cell[], col: number, rowNo: number, code: string, perUnit = 1): number | null {
    if (col < 0) return null;
    const v = readSeconds(row[col], perUnit);
    if (v !== null && !(isUsableNumber(v) && v >= 0)) {
      this.bad("warning", code, rowNo, col, row[col], EXPECT.seconds, false);
      return null;
    }
    return v;
  }

  rate(row: Cell[], col: number, rowNo: number, code: string): number | null {
    if (col < 0) return null;
    // A header naming its unit (询单转化率(%)) says a bare number is in percent.
    const v = readRate(row[col], /[%％]/.test(this.headers[col] ?? ""));
    if (v !== null && !isUsableNumber(v)) {
      this.bad("warning", code, rowNo, col, row[col], EXPECT.rate, false);
      return null;
    }
    return v;
  }

  time(row: Cell[], col: number, rowNo: number, code: string): number | null {
    if (col < 0) return null;
    const v = readTimeOfDay(row[col]);
    if (v !== null && isNaN(v)) {
      this.bad("warning", code, rowNo, col, row[col], EXPECT.time, false);
      return null;
    }
    return v;
  }
}

/**
 * A date refused for its year says so: "1900-01-01" is a readable date, and "cannot read" alone
 * would leave the manager looking for a typo. Any other refused cell keeps `expected` as it is.
 */
function withinYears(expected: Expected, cell: Cell): Expected {
  const year = implausibleYear(cell);
  if (year === null) return expected;
  const { from, to } = PLAUSIBLE_YEARS;
  return {
    zh: `${expected.zh}，年份在 ${from}–${to} 之间（此处为 ${year} 年，像占位值或录入错误）`,
    en: `${expected.en} in the years ${from}–${to} (this one is in ${year}: a placeholder or a slip)`,
  };
}

/**
 * A figure the reports can add up: finite and within ±2^53. A numeric cell of 1E300 (an xlsx
 * can hold one) or a 400-digit string (Number() gives Infinity) is a broken export, not a
 * measurement, and would turn every total built on it into Infinity or lose integer precision.
 */
export function isUsableNumber(v: number): boolean {
  return Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER;
}

/** A count (询单人数, 付款人数 …): a safe integer, 0 or more. NaN, Infinity and 1E300 are not. */
export function isCount(v: number): boolean {
  return Number.isSafeInteger(v) && v >= 0;
}

/** A cell as the message shows it: dates in the shop's clock, not the host's zone. */
function display(value: unknown): unknown {
  if (value instanceof Date) return isNaN(value.getTime()) ? "Invalid Date" : value.toISOString().replace("T", " ").replace(/\.000Z$|Z$/, "");
  return value;
}

/** 0 → "A", 26 → "AA" (the one column-letter function: values.ts). */
export { columnLetter };

/** The column of a field, or -1 when the sheet has none. */
export function colOf(columns: Record<string, number>, field: string): number {
  const c = columns[field];
  return c === undefined ? -1 : c;
}

/** True when every listed column of the row is blank. */
export function rowBlank(row: Cell[], cols: number[]): boolean {
  for (const c of cols) {
    const v = row[c];
    if (v === null || v === undefined) continue;
    if (typeof v === "string" && v.trim() === "") continue;
    return false;
  }
  return true;
}
