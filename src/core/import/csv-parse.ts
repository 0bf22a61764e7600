/**
 * CSV text → records (RFC 4180), streaming: quotes, doubled quotes, embedded newlines, CRLF / LF /
 * CR mixed; only the columns asked for are kept. Part of the CSV reader (./csv.ts says why it is
 * hand-written and what it costs); bytes → text is ./csv-encoding.ts, the byte stream and the row
 * importer ./csv.ts.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** What a CSV record parser tells, whether it reads text (below) or bytes (./csv-scan.ts). */
export interface CsvRecordParser<Input> {
  /** More input; complete records go to `onRow` as they end. */
  feed(input: Input): void;
  /** The input ended: the last record (without a final newline) goes out unless it was cut off. */
  end(): CsvEnd;
  /**
   * Keep only these 0-based columns (others become ""); null = all. Takes effect at the next record.
   * With `beyond`, the fields from that index on are kept too: past its header's width a record
   * should hold nothing, and the importer checks that they do not (rows shifted by a stray quote).
   */
  setColumns(cols: number[] | null, beyond?: number): void;
  /** Nothing of a record is pending: the input so far ends exactly where a record ended. */
  atRecordStart(): boolean;
  /** Records parsed so far. */
  readonly rows: number;
}

export type CsvTextParser = CsvRecordParser<string>;

/**
 * A record longer than this is not data a report can use (a cell holds 32,767 characters): it is
 * skipped — its text is not kept — and reported on its own row, and the rows after it are read.
 * One that never ends is an unclosed quote (or not a CSV) swallowing the rest of the file.
 */
export const MAX_RECORD_CHARS = 16 << 20;

/**
 * The columns a parser keeps, as a mask (1 = kept); null = all. With `beyond`, the mask is that
 * long (the fields from there on are kept by the parser's own flag).
 */
export function keepMask(cols: number[] | null, beyond?: number): Uint8Array | null {
  if (cols === null) return null;
  const width = Math.max(cols.length ? Math.max(...cols) + 1 : 0, beyond ?? 0);
  const keep = new Uint8Array(width);
  for (const c of cols) keep[c] = 1;
  return keep;
}

/** Quoted field text (opening quote included) → its value; text after the closing quote is kept. */
export function unquote(raw: string): string {
  let inner = raw.slice(1);
  const close = inner.lastIndexOf('"');
  if (close >= 0) inner = inner.slice(0, close) + inner.slice(close + 1);
  return inner.indexOf('""') >= 0 ? inner.replace(/""/g, '"') : inner;
}

export interface CsvEnd {
  /** Records parsed (sheet rows). */
  rows: number;
  /** The last record looked cut off (inside quotes, or fewer fields than the record before). */
  truncated: { row: number; fields: number; expected: number; inQuotes: boolean; text: string } | null;
  /** A record ran past MAX_RECORD_CHARS and never ended: nothing from this row on was read. */
  runaway: number | null;
  /** Records that ran past MAX_RECORD_CHARS and ended: skipped, the rows after them read. */
  oversized: number[];
}

/**
 * A streaming RFC 4180 parser: quotes, doubled quotes, embedded newlines, CRLF / LF / CR mixed.
 * A quote inside an unquoted field is kept literally (`="2873…"` stays as written).
 * The `cells` array passed to `onRow` is reused for the next record: copy what you keep.
 */
export function createCsvTextParser(onRow: (cells: string[], rowNo: number) => void, delimiter = ","): CsvTextParser {
  const SEP = delimiter.charCodeAt(0);
  const cells: string[] = [];
  let keep: Uint8Array | null = null;
  /** Fields at keep.length and after are kept (see setColumns' `beyond`). */
  let keepBeyond = false;
  let col = 0;
  let rowNo = 0;
  let inQuotes = false;
  let quoted = false;
  let pendingQuote = false; // a quote ended the previous chunk while in quotes
  let lastCR = false;
  let acc = ""; // the current field's text from earlier chunks (kept columns only)
  let accUsed = false; // the current field started in an earlier chunk
  let rowStarted = false;
  let prevFields = 0;
  let carried = 0; // characters of the current record in earlier chunks
  let runaway: number | null = null;
  let oversize = false; // the current record passed MAX_RECORD_CHARS: scanned to its end, not kept
  const oversized: number[] = [];

  function value(raw: string): string {
    return quoted ? unquote(raw) : raw;
  }

  function endField(s: string, start: number, end: number): void {
    if (keep === null || (col < keep.length ? keep[col] === 1 : keepBeyond)) {
      cells[col] = value(accUsed ? acc + s.slice(start, end) : s.slice(start, end));
    } else {
      cells[col] = "";
    }
    acc = "";
    accUsed = false;
    quoted = false;
  }

  function endRow(): void {
    if (cells.length !== col + 1) cells.length = col + 1;
    rowNo++;
    if (oversize) {
      // Passed on empty, so a consumer that counts records keeps the rows after it numbered right.
      oversize = false;
      oversized.push(rowNo);
      cells.length = 0;
      onRow(cells, rowNo);
    } else {
      prevFields = col + 1;
      onRow(cells, rowNo);
    }
    col = 0;
    rowStarted = false;
  }

  return {
    atRecordStart(): boolean {
      return !rowStarted && !accUsed && col === 0 && !inQuotes && !pendingQuote && !lastCR && runaway === null;
    },
    get rows(): number {
      return rowNo;
    },
    setColumns(cols: number[] | null, beyond?: number): void {
      keep = keepMask(cols, beyond);
      keepBeyond = beyond !== undefined;
    },
    feed(s: string): void {
      const n = s.length;
      let i = 0;
      if (n === 0 || runaway !== null) return;
      let recStart = 0;
      if (lastCR) {
        lastCR = false;
        if (s.charCodeAt(0) === LF) i = 1;
      }
      let start = i;
      let k = keep;
      if (pendingQuote) {
        pendingQuote = false;
        if (s.charCodeAt(i) === QUOTE) i++; // doubled quote split across chunks
        else inQuotes = false;
      }
      while (i < n) {
        if (inQuotes) {
          const j = s.indexOf('"', i);
          if (j < 0) {
            i = n;
            break;
          }
          if (j + 1 >= n) {
            pendingQuote = true;
            i = n;
            break;
          }
          if (s.charCodeAt(j + 1) === QUOTE) i = j + 2;
          else {
            inQuotes = false;
            i = j + 1;
          }
          continue;
        }
        let c = s.charCodeAt(i);
        if (c === QUOTE && i === start && !accUsed) {
          inQuotes = true;
          quoted = true;
          rowStarted = true;
          i++;
          continue;
        }
        // Scan the rest of an unquoted field in a tight loop.
        while (c !== SEP && c !== LF && c !== CR) {
          if (++i >= n) break;
          c = s.charCodeAt(i);
        }
        if (i >= n) break;
        if (c === SEP) {
          // Unneeded fields, most of the 73, cost one store.
          if (k !== null && !accUsed && !quoted && (col < k.length ? k[col] === 0 : !keepBeyond)) cells[col] = "";
          else endField(s, start, i);
          col++;
          rowStarted = true;
          i++;
          start = i;
          continue;
        }
        // End of record.
        if (!oversize && carried + (i - recStart) > MAX_RECORD_CHARS) oversize = true;
        endField(s, start, i);
        if (c === CR) {
          if (i + 1 < n) {
            if (s.charCodeAt(i + 1) === LF) i++;
          } else lastCR = true;
        }
        endRow();
        k = keep; // onRow may have narrowed the columns
        i++;
        start = i;
        recStart = i;
        carried = 0;
      }
      if (start < n) {
        rowStarted = true;
        if (!oversize && (keep === null || (col < keep.length ? keep[col] === 1 : keepBeyond) || inQuotes)) {
          acc = accUsed ? acc + s.slice(start, n) : s.slice(start, n);
          accUsed = true;
        } else {
          accUsed = true; // field continues; its text is not needed
          acc = "";
        }
      }
      carried += n - recStart;
      if (carried > MAX_RECORD_CHARS && !oversize) {
        oversize = true;
        acc = "";
      }
    },
    end(): CsvEnd {
      let truncated: CsvEnd["truncated"] = null;
      if (oversize) runaway = rowNo + 1;
      if (runaway !== null) return { rows: rowNo, truncated, runaway, oversized };
      if (rowStarted || accUsed || col > 0) {
        const fields = col + 1;
        const cut = inQuotes || (prevFields > 0 && fields < prevFields);
        if (cut) {
          truncated = {
            row: rowNo + 1,
            fields,
            expected: prevFields,
            inQuotes,
            text: [...cells.slice(0, col), acc].join(",").slice(0, 200),
          };
          rowNo++;
        } else {
          if (pendingQuote) inQuotes = false;
          endField("", 0, 0);
          endRow();
        }
      }
      return { rows: rowNo, truncated, runaway, oversized };
    },
  };
}

/**
 * Parses a whole CSV text. A cut-off last record is left out (`createCsvStream` reports it).
 * @example parseCsv('a,b\r\n"x, y","say ""hi"""\n') // [["a","b"],["x, y",'say "hi"']]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const p = createCsvTextParser((cells) => rows.push(cells.slice()));
  p.feed(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  p.end();
  return rows;
}
