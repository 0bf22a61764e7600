/**
 * Problems: what could not be read or does not add up, located and bilingual.
 *
 * Two kinds of failure are kept apart (as in HyperFormula): a bad cell or row becomes a
 * `Problem` and the month still computes; misuse of the API or an unusable rules sheet throws
 * `KefuError`, which carries the same located problems.
 */

export type Severity = "error" | "warning" | "info";

export interface Problem {
  severity: Severity;
  /** Stable machine code, e.g. "order.id.mangled"; tests and scripts key on it. */
  code: string;
  /** File or workbook name ("" when not applicable). */
  file: string;
  sheet: string;
  /** 1-based row as Excel shows it; null for a file- or sheet-level problem. */
  row: number | null;
  /** Column header as written in the source (or its letter when it has none); null if n/a. */
  column: string | null;
  /** The offending value, as text (truncated to 200 characters). */
  value: string;
  /** Chinese message: what is wrong and what was expected. */
  zh: string;
  /** English message, same content. */
  en: string;
}

export interface Location {
  file: string;
  sheet: string;
  row?: number | null;
  column?: string | null;
}

const MAX_VALUE = 200;

export function problem(
  severity: Severity,
  code: string,
  at: Location,
  value: unknown,
  zh: string,
  en: string,
): Problem {
  let text = value === null || value === undefined ? "" : String(value);
  if (text.length > MAX_VALUE) text = text.slice(0, MAX_VALUE) + "…";
  return {
    severity,
    code,
    file: at.file,
    sheet: at.sheet,
    row: at.row ?? null,
    column: at.column ?? null,
    value: text,
    zh,
    en,
  };
}

/** "订单.csv / Sheet1 第12行 [订单编号]" — how a problem's place reads in a message line. */
export function formatLocation(p: Pick<Problem, "file" | "sheet" | "row" | "column">): string {
  const parts: string[] = [];
  if (p.file) parts.push(p.file);
  if (p.sheet && p.sheet !== p.file) parts.push(p.sheet);
  let at = parts.join(" / ");
  if (p.row !== null) at += ` 第${p.row}行 (row ${p.row})`;
  if (p.column !== null) at += ` [${p.column}]`;
  return at;
}

/** One line for a console or a message list: place, Chinese, English, value. */
export function formatProblem(p: Problem): string {
  const value = p.value === "" ? "" : ` 值/value: "${p.value}"`;
  return `${formatLocation(p)}: ${p.zh} / ${p.en}${value}`;
}

/** Thrown for unusable input as a whole (e.g. an invalid rules sheet) or API misuse. */
export class KefuError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "KefuError";
    this.problems = problems;
  }
}

/** Collects problems during one build; bounded per code so a million bad rows stay readable. */
const MORE = ".more";

export class ProblemLog {
  readonly items: Problem[] = [];
  private readonly perCode = new Map<string, number>();
  private readonly suppressed = new Map<string, { count: number; sample: Problem }>();

  constructor(private readonly maxPerCode = 1000) {}

  add(p: Problem): void {
    const n = (this.perCode.get(p.code) ?? 0) + 1;
    this.perCode.set(p.code, n);
    if (n <= this.maxPerCode) {
      this.items.push(p);
      return;
    }
    const s = this.suppressed.get(p.code);
    if (s) s.count++;
    else this.suppressed.set(p.code, { count: 1, sample: p });
  }

  addAll(ps: readonly Problem[]): void {
    for (const p of ps) this.add(p);
  }

  /**
   * Another log's `list()`: its problems go through this log's cap, and its summary lines
   * ("….more", the count in `value`) add to this log's counts — so two halves of one file give
   * the list one log would have given.
   */
  absorb(list: readonly Problem[]): void {
    for (const p of list) {
      const count = Number(p.value);
      if (!p.code.endsWith(MORE) || !Number.isInteger(count)) {
        this.add(p);
        continue;
      }
      const code = p.code.slice(0, -MORE.length);
      this.perCode.set(code, (this.perCode.get(code) ?? 0) + count);
      const s = this.suppressed.get(code);
      if (s) s.count += count;
      else this.suppressed.set(code, { count, sample: { ...p, code } });
    }
  }

  get hasErrors(): boolean {
    return this.items.some((p) => p.severity === "error");
  }

  /** The problems, plus one summary line per code that hit the cap (nothing disappears unsaid). */
  list(): Problem[] {
    const out = this.items.slice();
    for (const [code, { count, sample }] of this.suppressed) {
      out.push(
        problem(
          sample.severity,
          code + MORE,
          { file: sample.file, sheet: sample.sheet },
          count,
          `同类问题另有 ${count} 条未逐条列出（代码 ${code}）`,
          `${count} more problems of the same kind (code ${code}) not listed one by one`,
        ),
      );
    }
    return out;
  }
}
