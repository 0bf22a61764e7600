/**
 * A sheet's data rows against its header, before the kind's reader sees them: a header row again
 * further down (two exports pasted into one file), and — for CSV records — a field count other
 * than the header's.
 *
 * Why a CSV record's width is checked: a CSV has no cells, only separators. A stray quote
 * (`客户说"加急"` in an unquoted note), a quote never closed (it swallows the line break and the
 * next line), or a comma in an unquoted value pushes every later value into the next field, or
 * cuts the record short; the values then sit under other headers (a refund under 店铺名称, an
 * agent code in the wrong column, an order swallowed into the row above) and nothing in a cell
 * tells. The width is the one witness, so:
 *
 * - MORE non-empty fields than the header names: which value belongs to which column is a guess,
 *   so the row cannot be read safely. It is an error, the row is not imported and counts nowhere,
 *   and the message says so (and that an unclosed quote's row holds the lines after it). Extra
 *   fields that are EMPTY say nothing: many exports end every line with a comma (Taobao's header
 *   too, whose last column has no name). A value under a trailing column with no name is extra
 *   all the same: no importer reads it (sources are recognised by header text), and in an export
 *   it is a value pushed right — Taobao's 73rd column holds the 72nd's value when a note's comma
 *   shifted the row by one.
 * - FEWER fields: the missing cells are empty. A warning, and the row is kept when the kind's
 *   required fields (an order's id and amount …) are within it; else an error, not imported. A
 *   totals line (合计), often shorter, goes to the reader, which names it.
 *
 * The row number is the problem's location, never in its text: a split read's second half numbers
 * its rows from its own start and the location alone is renumbered.
 *
 * Per row this costs a length comparison and one character of one cell unless the row is odd:
 * a million-row file pays nothing measurable.
 */
import { isSummaryLabel } from "./cells";
import type { SheetContext } from "./context";
import { isFieldAlias, KIND_FLAG, KIND_SPECS, normaliseHeader } from "./headers";
import type { Cell, Recognition, SourceKind } from "./types";

export interface RowCheck {
  /** Fields from this index on must be empty (the header names none); null when widths are not checked. */
  readonly namedWidth: number | null;
  /** True when the row goes on to the reader; false when it was reported here and is not imported (a data row read all the same). */
  check(row: Cell[], rowNo: number): boolean;
}

const blank = (v: Cell | undefined): boolean => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * @param columns the reader's columns: the cells a host that narrows its reads still gives, so
 *   every message here reads the same whether a row came early (all cells) or late, in one pass
 *   or in a split read's second half.
 * @param records rows are CSV records: their field counts are checked.
 */
export function createRowCheck(ctx: SheetContext, kind: SourceKind, rec: Recognition, columns: readonly number[], records: boolean): RowCheck {
  const headers = rec.headers ?? [];
  let width = headers.length;
  while (width > 0 && headers[width - 1] === "") width--;
  const names = new Set(headers.map((h) => normaliseHeader(h)).filter((h) => h !== ""));
  const isName = (v: Cell | undefined): boolean => {
    if (typeof v !== "string") return false;
    const k = normaliseHeader(v);
    return k !== "" && (names.has(k) || isFieldAlias(kind, k));
  };
  const gate = columns.length > 0 ? columns[0] : -1;
  // Each required group's columns: a short row is kept when every group has one within it.
  const required = KIND_SPECS[kind].required
    .map((group) => group.map((f) => rec.columns[f]).filter((c): c is number => c !== undefined))
    .filter((cols) => cols.length > 0);

  /** Most of the row's read cells are the header's names (at least two): a header, not data. */
  function repeatedHeader(row: Cell[]): boolean {
    const v = gate >= 0 ? row[gate] : undefined;
    if (typeof v !== "string" || v === "") return false;
    // Asked of every row: an id, a number or ="…" is data without normalising anything.
    const c = v.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 61 || c === 9) return false;
    if (!isName(v)) return false;
    let filled = 0;
    let same = 0;
    for (const col of columns) {
      if (blank(row[col])) continue;
      filled++;
      if (isName(row[col])) same++;
    }
    return same >= 2 && same * 2 >= filled;
  }

  /** The first cell (read, or past the header) holding a line break, else a quote: what a bad quote leaves. */
  function clue(row: Cell[]): { col: number; lineBreak: boolean } | null {
    const cols = [...columns, ...range(width, row.length)];
    for (const col of cols) {
      const v = row[col];
      if (typeof v === "string" && (v.includes("\n") || v.includes("\r"))) return { col, lineBreak: true };
    }
    for (const col of cols) {
      const v = row[col];
      if (typeof v === "string" && v.includes('"') && !excelText(v)) return { col, lineBreak: false };
    }
    return null;
  }

  function tooMany(row: Cell[], rowNo: number, at: number): void {
    const m = row.length;
    const found = clue(row);
    const name = found ? ctx.columnName(found.col) : "";
    const why = !found
      ? [
          "多半是某个值里有逗号却没有用引号括起来，或有多余、没有闭合的引号，使后面的值被推到了别的列",
          "most likely a value holds a comma without being quoted, or a quote is stray or never closed, so the values after it were pushed into other columns",
        ]
      : found.lineBreak
        ? [
            `「${name}」的值跨了行：多半是引号没有闭合，把后面的行并进了这一行（那些行的内容也在这一行里，一并未导入）`,
            `the "${name}" value runs over a line break: most likely a quote is never closed and swallowed the lines after it (what they hold is inside this row and not imported either)`,
          ]
        : [
            `「${name}」的值里有引号（"）：多半是没有加引号的值里出现了引号，或引号没有成对，使值里的逗号把后面的值推到了别的列`,
            `the "${name}" value holds a quote ("): most likely a stray quote in an unquoted value, or quotes not in pairs, so a comma inside the value pushed the values after it into other columns`,
          ];
    ctx.cell(
      "error",
      "csv.fields.extra",
      rowNo,
      found ? found.col : -1,
      // The value shown is the named column's, the one to correct; else the first field past the header.
      found ? row[found.col] : row[at],
      `此行有 ${m} 列，表头只有 ${width} 列，多出的第 ${at + 1} 列有内容：${why[0]}。各列的值已错位，无法可靠读取：该行未导入，不计入任何报表；请在文件中改正这一行或重新导出`,
      `this row has ${fields(m)} where the header has ${width}, and field ${at + 1} past them is not empty: ${why[1]}. The values are in the wrong columns and cannot be read safely: the row is not imported and counts in no report; correct the row in the file or export again`,
    );
  }

  function tooFew(row: Cell[], rowNo: number): boolean {
    const m = row.length;
    const lacking = required.filter((cols) => !cols.some((c) => c < m)).map((cols) => ctx.columnName(cols[0]));
    const cause = [
      "这一行可能被截断，或某个值里的换行、引号把一行拆成了几行",
      "the row may be cut off, or a line break or quote inside a value split one row into several",
    ];
    const head = [`此行只有 ${m} 列，表头有 ${width} 列`, `this row has ${fields(m)} where the header has ${width}`];
    if (lacking.length > 0) {
      const list = lacking.map((n) => `「${n}」`).join("");
      const listEn = lacking.map((n) => `"${n}"`).join(", ");
      ctx.cell("error", "csv.fields.missing_required", rowNo, -1, row[gate],
        `${head[0]}，缺少必需的${list}：${cause[0]}；该行未导入`,
        `${head[1]}, without the required ${listEn}: ${cause[1]}; the row is skipped`);
      return false;
    }
    const empty = columns.filter((c) => c >= m).sort((a, b) => a - b).map((c) => ctx.columnName(c));
    ctx.cell("warning", "csv.fields.missing", rowNo, -1, row[gate],
      empty.length > 0
        ? `${head[0]}：${cause[0]}；缺少的${empty.map((n) => `「${n}」`).join("")}按空值处理，其余照常导入，请核对`
        : `${head[0]}：${cause[0]}；缺少的列本程序不读取，该行照常导入，请核对`,
      empty.length > 0
        ? `${head[1]}: ${cause[1]}; the missing ${empty.map((n) => `"${n}"`).join(", ")} are read as empty and the rest of the row is kept; please check it`
        : `${head[1]}: ${cause[1]}; the missing fields are none this program reads, so the row is kept; please check it`);
    return true;
  }

  function shape(row: Cell[], rowNo: number): boolean {
    const m = row.length;
    if (m === width) return true;
    if (m > width) {
      for (let c = width; c < m; c++) {
        if (blank(row[c])) continue;
        tooMany(row, rowNo, c);
        return false;
      }
      return true;
    }
    if (row.every((v) => blank(v))) return true; // a blank line: nothing to lose
    if (columns.some((c) => typeof row[c] === "string" && isSummaryLabel(row[c] as string))) return true;
    return tooFew(row, rowNo);
  }

  return {
    namedWidth: records ? width : null,
    check(row, rowNo) {
      if (repeatedHeader(row)) {
        const flag = KIND_FLAG[kind];
        ctx.cell(
          "error",
          "import.header_repeated",
          rowNo,
          gate,
          row[gate],
          `此行是重复的表头：两份导出被拼进一个文件？请分成两个文件分别用 ${flag} 读入；该行未导入（其后的行仍按第${rec.headerRow}行的表头读取）`,
          `this row is the header again: two exports pasted into one file? Split it into two files and give each with ${flag}; the row is skipped (the rows after it are still read by the header on row ${rec.headerRow})`,
        );
        return false;
      }
      return !records || shape(row, rowNo);
    },
  };
}

/** `="2873…"`: how exports keep an id as text in Excel; its quotes are no clue. */
function excelText(v: string): boolean {
  return v.charCodeAt(0) === 61 && v.charCodeAt(1) === 34 && v.indexOf('"', 2) === v.length - 1;
}

/** "1 field", "12 fields". */
function fields(n: number): string {
  return n === 1 ? "1 field" : `${n} fields`;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
