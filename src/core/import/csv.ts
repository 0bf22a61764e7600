/**
 * CSV: bytes → text (encoding detected, never asked) → rows (RFC 4180) → the row importer.
 * In three modules: ./csv-encoding.ts (bytes → text, the separator), ./csv-parse.ts (text →
 * records), and this one (the byte stream that ties them, and the row importer on top).
 *
 * Encodings: a BOM decides (UTF-8, UTF-16LE/BE); else strict UTF-8 when the bytes are valid
 * UTF-8; else GB18030 (a superset of GBK, what Taobao and most Chinese tools write). UTF-16
 * without a BOM is recognised by its NUL bytes; other NUL-laden or undecodable bytes are binary
 * junk and become one file-level problem.
 *
 * Why a hand-written parser and not papaparse: a month can be 1,048,575 rows × 73 columns
 * (535 MB of GBK). This one keeps only the columns the importer reads (one store per skipped
 * field, one reused row array, no object per cell, no string for a skipped field);
 * papaparse materialises every field of every row as a string.
 *
 * Two paths, one answer. The text path (./csv-parse.ts) decodes everything with TextDecoder and
 * parses the text; it reads every encoding. The byte path (./csv-scan.ts, `scan: true`, what the
 * command line uses for UTF-8 and GB18030) finds the fields on the bytes and decodes only the
 * kept ones, interning repeated values; a fast-check parity test holds its records, problems and
 * counts equal to the text path's, and a record past 16 MB sends the file back to the text path.
 *
 * Measured 2026-12-06 on this 2-core machine, Node 20, with other builds keeping the load average
 * at 11–14 (wall times inflated; CPU time is the fairer figure), the command line's
 * --max-semi-space-size=64, readSourceFile on 1,048,575 rows × 73 columns, GBK, 535 MB (read in
 * two halves, the second in a worker), two runs each:
 *   text path (main at 0b9ac29): 11.4–12.0 s CPU, 24–27 s wall, RSS after the read 1,690 MB,
 *     peak RSS 1,933 MB, heap after a full GC 570 MB (558 bytes per order);
 *   byte path: 9.5–10.0 s CPU, 15.7–18.1 s wall, RSS after the read 803–816 MB, peak RSS
 *     992–1,003 MB, heap 534 MB (522 bytes per order; 458 in a one-pass read of 200k orders, the
 *     worker's half costs more as its strings are views on the columns it sent).
 * The scan alone is no faster than TextDecoder + the text loop (200k rows, 14 of 73 columns
 * kept, no importer: 0.68–0.93 s CPU vs 0.59–0.67 s): what it saves is decoded text — no
 * chunk-sized strings, no slices of them in the row cells — so the garbage collector has far less
 * to do and the process far less to hold.
 */
import { problem, type Problem } from "../problems";
import type { Cell, ImportResult, SourceKind } from "./types";
import { createRowImporter, type RowImporter, type RowImporterOptions } from "./importer";
import { concat, delimiterOf, detectEncoding, type BinaryReason } from "./csv-encoding";
import { createCsvTextParser, type CsvEnd, type CsvTextParser } from "./csv-parse";
import { createCsvByteParser, type CsvByteParser } from "./csv-scan";
import { textStream, type TextStream } from "./text-stream";

export { createCsvTextParser, parseCsv, unquote, MAX_RECORD_CHARS, type CsvEnd, type CsvTextParser } from "./csv-parse";
export { decodeBytes, delimiterOf, detectEncoding } from "./csv-encoding";

export interface CsvStream {
  /** More bytes of the file, in order; any chunk size. */
  write(chunk: Uint8Array): void;
  /** The file ended: flushes the last record and reports what was wrong with the file. */
  end(): { encoding: string; rows: number; problems: Problem[] };
  /** Keep only these columns from now on (see `CsvTextParser.setColumns`). */
  setColumns(cols: number[] | null, beyond?: number): void;
  /** The detected encoding, once known. */
  readonly encoding: string | null;
  /** The field separator, once the first text is seen. */
  readonly delimiter: string | null;
  /** See CsvTextParser.atRecordStart; also true before any text. */
  atRecordStart(): boolean;
  /** Records parsed so far. */
  readonly rows: number;
  /**
   * The byte path met what only the text path judges (a record past 16 MB): its results are not
   * the file's; read the file again without `scan`.
   */
  readonly needsTextPath: boolean;
  /** Records come from the byte path: each string cell is made for its row alone, not cut from decoded text. */
  readonly byteParsed: boolean;
}

/**
 * The problems the byte stream itself reports (at its end, before the importer's row problems);
 * a host that reads a file in parts puts a later part's ones first, as one pass has them.
 */
export const CSV_STREAM_CODES: ReadonlySet<string> = new Set(["csv.row_too_long", "csv.runaway_row", "csv.truncated"]);

/** The encoding is decided on the first 64 KB (or the whole file when smaller). */
const DECIDE_AFTER = 64 * 1024;

/**
 * A CSV byte stream: decides the encoding on the first chunk(s), decodes with
 * `TextDecoder(…, {stream: true})`, parses as it goes.
 * @example
 *   const csv = createCsvStream((cells, row) => imp.push(cells), { file: "订单.csv" });
 *   for (const chunk of chunks) csv.write(chunk);
 *   const { encoding, problems } = csv.end();
 */
export interface CsvStreamOptions {
  file?: string;
  sheet?: string;
  /**
   * Known already (the file's middle, read apart from its start): no detection, no BOM. The
   * separator is then given too, as detected on the file's first text.
   */
  encoding?: string;
  delimiter?: string;
  /**
   * UTF-8 and GB18030 through the byte path (./csv-scan.ts): the same records, problems and
   * counts, only the kept columns decoded. A host that asks for it checks `needsTextPath` at the
   * end and then reads the file again without it.
   */
  scan?: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const GB18030_BOM = [0x84, 0x31, 0x95, 0x33];
function startsWith(b: Uint8Array, at: number, sig: number[]): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

export function createCsvStream(onRow: (cells: string[], rowNo: number) => void, opts: CsvStreamOptions = {}): CsvStream {
  const file = opts.file ?? "";
  const sheet = opts.sheet ?? "";
  let parser: CsvTextParser | null = null;
  let columns: number[] | null = null;
  let beyond: number | undefined;
  let decoder: TextStream | null = null;
  let encoding: string | null = null;
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let binary: BinaryReason | null = null;
  let replaced = 0;
  let firstText = true;
  let delimiter: string | null = opts.delimiter ?? null;
  let bytes: CsvByteParser | null = null;
  /** Given the encoding and the separator, the byte path starts at the first write. */
  let scanOnFirstWrite = false;
  if (opts.encoding) {
    encoding = opts.encoding;
    if (opts.scan && opts.delimiter && (opts.encoding === "utf-8" || opts.encoding === "gb18030")) scanOnFirstWrite = true;
    else decoder = textStream(opts.encoding);
  }

  function startBytes(enc: "utf-8" | "gb18030", sep: string, from: Uint8Array): void {
    firstText = false;
    bytes = createCsvByteParser(onRow, sep, enc);
    bytes.setColumns(columns, beyond);
    bytes.feed(from);
  }

  function feedText(t: string): void {
    if (t.length === 0) return;
    if (firstText) {
      firstText = false;
      if (t.charCodeAt(0) === 0xfeff && !opts.encoding) t = t.slice(1);
      delimiter ??= delimiterOf(t);
      parser = createCsvTextParser(onRow, delimiter);
      parser.setColumns(columns, beyond);
    }
    if (t.indexOf("\ufffd") >= 0) for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 0xfffd) replaced++;
    parser!.feed(t);
  }

  function decide(complete: boolean): void {
    const all = concat(pending, pendingLength);
    pending = [];
    pendingLength = 0;
    const d = detectEncoding(all, complete);
    if ("binary" in d) {
      binary = d.binary;
      encoding = "binary";
      return;
    }
    encoding = d.encoding;
    decoder = textStream(d.encoding);
    const first = decoder.write(all.subarray(d.bomLength));
    const enc = d.encoding;
    // The byte path skips what the text path drops before its first record: the BOM, one more
    // the UTF-8 decoder drops, and a U+FEFF first character; and finds the separator the same way.
    if (opts.scan && (enc === "utf-8" || enc === "gb18030") && first.length > 0) {
      let at = d.bomLength;
      if (enc === "utf-8" && startsWith(all, at, UTF8_BOM)) at += 3;
      let t: string | null = first;
      if (t.charCodeAt(0) === 0xfeff) {
        const sig = enc === "utf-8" ? UTF8_BOM : GB18030_BOM;
        if (startsWith(all, at, sig)) {
          t = t.slice(1);
          at += sig.length;
        } else t = null; // not where the bytes say: the text path decides
      }
      if (t !== null) {
        decoder = null;
        delimiter ??= delimiterOf(t);
        startBytes(enc, delimiter, all.subarray(at));
        return;
      }
    }
    feedText(first);
  }

  return {
    get encoding() {
      return encoding;
    },
    get delimiter() {
      return delimiter;
    },
    get rows() {
      return bytes ? bytes.rows : parser ? parser.rows : 0;
    },
    get needsTextPath() {
      return bytes ? bytes.needsTextPath : false;
    },
    get byteParsed() {
      return bytes !== null;
    },
    atRecordStart() {
      return bytes ? bytes.atRecordStart() : parser ? parser.atRecordStart() : pendingLength === 0;
    },
    setColumns(cols, past) {
      columns = cols;
      beyond = past;
      parser?.setColumns(cols, past);
      bytes?.setColumns(cols, past);
    },
    write(chunk: Uint8Array): void {
      if (binary) return;
      if (bytes) return bytes.feed(chunk);
      if (scanOnFirstWrite && chunk.length > 0) {
        scanOnFirstWrite = false;
        const enc = opts.encoding as "utf-8" | "gb18030";
        // The UTF-8 decoder would drop a BOM at the start of the part (a known encoding has no
        // detection, so nothing else is dropped); a chunk too short to tell goes the text way.
        if (chunk.length >= 3) return startBytes(enc, opts.delimiter!, enc === "utf-8" && startsWith(chunk, 0, UTF8_BOM) ? chunk.subarray(3) : chunk);
        decoder = textStream(enc);
      }
      if (decoder) return feedText(decoder.write(chunk));
      // Undecided: hosts may reuse their buffer, so keep a copy.
      pending.push(chunk.slice());
      pendingLength += chunk.length;
      if (pendingLength >= DECIDE_AFTER) decide(false);
    },
    end() {
      const problems: Problem[] = [];
      const where = { file, sheet };
      if (scanOnFirstWrite) {
        scanOnFirstWrite = false;
        decoder = textStream(encoding!);
      }
      if (!decoder && !binary && !bytes) {
        if (pendingLength === 0) {
          return {
            encoding: "utf-8",
            rows: 0,
            problems: [problem("error", "import.empty", where, "", "文件是空的（0 字节）；未导入", "the file is empty (0 bytes); not imported")],
          };
        }
        decide(true);
      }
      if (binary) {
        problems.push(problem("error", "file.binary", { ...where, row: binary.row ?? null }, "", binary.zh, binary.en));
        return { encoding: "binary", rows: 0, problems };
      }
      let end: CsvEnd;
      if (bytes) {
        end = bytes.end();
        replaced = bytes.replaced;
      } else {
        feedText(decoder!.end());
        end = parser ? parser.end() : { rows: 0, truncated: null, runaway: null, oversized: [] };
      }
      for (const row of end.oversized) {
        problems.push(
          problem(
            "error",
            "csv.row_too_long",
            { file, sheet, row },
            "",
            `第${row}行超过 16 MB（某个单元格过长，或引号在很远处才闭合）；该行未导入，其后各行照常导入`,
            `row ${row} is longer than 16 MB (a field too long, or a quote closed far below); the row is skipped and the rows after it are read`,
          ),
        );
      }
      if (end.runaway !== null) {
        problems.push(
          problem(
            "error",
            "csv.runaway_row",
            { file, sheet, row: end.runaway },
            "",
            `第${end.runaway}行超过 16 MB 仍未结束（引号没有闭合，或这不是逐行的 CSV 文件）；从这一行起未导入`,
            `row ${end.runaway} runs past 16 MB without ending (a quote never closed, or this is not a line-by-line CSV file); nothing from that row on is imported`,
          ),
        );
      }
      if (end.truncated) {
        const t = end.truncated;
        problems.push(
          problem(
            "error",
            "csv.truncated",
            { file, sheet, row: t.row },
            t.text,
            t.inQuotes
              ? `最后一行不完整：引号没有闭合，文件可能被截断；该行未导入`
              : `最后一行不完整：只有 ${t.fields} 列（上一行有 ${t.expected} 列），文件可能被截断；该行未导入`,
            t.inQuotes
              ? "the last row is incomplete: a quote is never closed, the file may be cut off; the row is not imported"
              : `the last row is incomplete: ${t.fields} fields where the row before has ${t.expected}, the file may be cut off; the row is not imported`,
          ),
        );
      }
      if (replaced > 0) {
        problems.push(
          problem(
            "warning",
            "file.encoding.invalid_bytes",
            where,
            replaced,
            `文件按 ${encoding} 解码时有 ${replaced} 个无效字节，已替换为 �；请检查文件编码`,
            `${replaced} invalid bytes while decoding as ${encoding}, replaced with �; check the file's encoding`,
          ),
        );
      }
      return { encoding: encoding!, rows: end.rows, problems };
    },
  };
}

export interface CsvImporter {
  write(chunk: Uint8Array): void;
  end(): ImportResult & { encoding: string };
  readonly importer: RowImporter;
  /** The byte stream's state (encoding, separator, records so far, at a record's end?). */
  readonly stream: Pick<CsvStream, "encoding" | "delimiter" | "rows" | "atRecordStart" | "needsTextPath">;
}

/**
 * A CSV file through the row importer: once the headers are recognised, the parser keeps only
 * the columns the importer reads. What hosts use for a CSV (the CLI with fs chunks, the pane
 * with a File's stream).
 */
export function createCsvImporter(
  kind: SourceKind | null,
  file: string,
  sheet = sheetNameOf(file),
  opts: Pick<CsvStreamOptions, "encoding" | "delimiter" | "scan"> & RowImporterOptions = {},
): CsvImporter {
  const importer = createRowImporter(kind, file, sheet, { head: opts.head, columns: opts.columns, ownCells: () => csv.byteParsed, records: true });
  let narrowed = false;
  // The fields past the header's named width are kept too: the importer checks they are empty.
  const narrow = (): void => {
    const cols = importer.neededColumns();
    if (!cols) return;
    narrowed = true;
    csv.setColumns(cols, importer.namedWidth() ?? undefined);
  };
  const csv = createCsvStream(
    (cells) => {
      importer.push(cells as Cell[]);
      if (!narrowed) narrow();
    },
    { file, sheet, encoding: opts.encoding, delimiter: opts.delimiter, scan: opts.scan },
  );
  // A continued sheet is recognised from its head already: narrow the columns at once.
  narrow();
  return {
    importer,
    stream: csv,
    write: (chunk) => csv.write(chunk),
    end() {
      const c = csv.end();
      const fatal = c.problems.some((p) => p.code === "file.binary" || p.code === "import.empty");
      const result = importer.finish();
      if (fatal) {
        return { ...result, kind: null, problems: c.problems, rowsRead: 0, encoding: c.encoding };
      }
      return { ...result, problems: [...c.problems, ...result.problems], encoding: c.encoding };
    },
  };
}

/** A whole CSV file's bytes → ImportResult (chunked through the same stream). */
export function importCsvBytes(bytes: Uint8Array, file: string, kind: SourceKind | null = null, opts: { scan?: boolean } = {}): ImportResult & { encoding: string } {
  const scan = opts.scan ?? true;
  const imp = createCsvImporter(kind, file, sheetNameOf(file), { scan });
  const step = 1 << 20;
  for (let o = 0; o < bytes.length; o += step) imp.write(bytes.subarray(o, Math.min(bytes.length, o + step)));
  const r = imp.end();
  return scan && imp.stream.needsTextPath ? importCsvBytes(bytes, file, kind, { scan: false }) : r;
}

/** Excel names a CSV's only sheet after the file: "订单报表.csv" → "订单报表". */
export function sheetNameOf(file: string): string {
  const base = file.replace(/^.*[\\/]/, "");
  return base.replace(/\.[^.]*$/, "") || base;
}
