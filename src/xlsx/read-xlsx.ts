/**
 * Streaming the worksheets of an xlsx file row by row, as plain cells, without holding a sheet
 * in memory: parts are opened by name from the zip's index (zip-read.ts), so the shared strings,
 * styles and workbook are read first whatever their place in the file, then each worksheet's XML
 * goes through a SAX parser chunk by chunk. One pass, pulled by the reader: nothing depends on
 * timing (ExcelJS's streaming reader lost parts at random when the sheets came first).
 *
 * Cells come as the sheet shows them: shared and inline strings as text (rich-text runs joined,
 * phonetic guides left out, OOXML `_xHHHH_` escapes decoded as Excel does), numbers as numbers,
 * numbers in a date or time format as Dates (the wall clock as UTC, as ExcelJS gives them),
 * booleans, error cells as their text ("#N/A"), formulas as their cached result. Merged cells
 * come as their first cell only.
 *
 * Host-neutral: the package comes opened — from a file by ./zip-node.ts (the command line,
 * `streamXlsx` in ./read.ts) or from a chosen file's bytes by ./zip-browser.ts (the task pane) —
 * so every xlsx any host reads (sources, the rules, the previous board, the pane's uploads) goes
 * through this one reader and its limits.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { columnLetter, isDateFormat, type Cell, type RawSheet } from "../core";
import { XLSX_LIMITS, refuse, type PackagePlace } from "./limits";
import type { ZipPackage } from "./zip-read";

/** Where one worksheet's rows go. `row` gets each row present in the file, in file order. */
export interface SheetRows {
  /** `formulas`: the 0-based columns of the row's cells that hold a formula (absent when none do). */
  row(rowNumber: number, cells: Cell[], formulas?: number[]): void;
  end(): void;
}

export interface XlsxStreamOptions {
  /** Compressed bytes read so far, of the file's size; called as parts are read and once at the end. */
  onProgress?: (done: number, total: number) => void;
  /**
   * A formula with no cached result (written by a tool that does not calculate) reads as "=" and
   * its text instead of blank: for a previous board, where a manager's remark may be a formula.
   */
  formulaText?: boolean;
  /**
   * Lower counts than XLSX_LIMITS for this read (a host short of memory; the tests, to reach a
   * limit without a gigabyte of XML). Never raised above XLSX_LIMITS.
   */
  limits?: { cells?: number; sharedStrings?: number };
}

const MAX_ROW = XLSX_LIMITS.rows;
const MAX_COL = XLSX_LIMITS.columns;
const MAX_CHARS = XLSX_LIMITS.cellChars;
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/**
 * Every worksheet of the workbook, in the workbook's order (hidden ones too; chart sheets have no
 * cells and are left out), each streamed into the sink `open` gives for its name; a sheet for
 * which `open` returns null is skipped (its part is never inflated).
 * Throws (with a message naming what is wrong) on a file that is not a readable xlsx, and
 * `XlsxRefused` (located, bilingual) on one that passes a limit of ./limits.ts.
 */
export async function streamXlsxPackage(zip: ZipPackage, open: (sheet: string) => SheetRows | null, opts: XlsxStreamOptions = {}): Promise<void> {
  try {
    let total = 0;
    for (const n of zip.names()) total += zip.compressedSize(n);
    let done = 0;
    const onRead = (bytes: number) => {
      done += bytes;
      opts.onProgress?.(done, total);
    };
    const main = (await relationships(zip, "")).find((r) => r.type === REL + "officeDocument")?.target ?? "xl/workbook.xml";
    const workbook = await readWorkbook(zip, main);
    const rels = await relationships(zip, main);
    const partOf = (type: string) => rels.find((r) => r.type === REL + type)?.target ?? null;
    const sheets: { name: string; part: string; sink: SheetRows }[] = [];
    for (const s of workbook.sheets) {
      const rel = rels.find((r) => r.id === s.rid);
      if (!rel || rel.type !== REL + "worksheet") continue;
      const part = zip.find(rel.target);
      if (!part) throw new Error(`xlsx: the part of sheet "${s.name}" (${rel.target}) is missing`);
      const sink = open(s.name);
      if (sink) sheets.push({ name: s.name, part, sink });
    }
    // Nothing wanted: the shared strings (the biggest part after the sheets) are not read either.
    if (sheets.length === 0) return;
    // Without a relationship (some writers leave it out) the parts' usual names are tried.
    const cap = (k: "cells" | "sharedStrings") => Math.min(XLSX_LIMITS[k], opts.limits?.[k] ?? Infinity);
    const shared = await readSharedStrings(zip, partOf("sharedStrings") ?? "xl/sharedStrings.xml", onRead, cap("sharedStrings"));
    const cells = { left: cap("cells"), limit: cap("cells") };
    const dateStyles = await readDateStyles(zip, partOf("styles") ?? "xl/styles.xml");
    for (const s of sheets) {
      await readSheet(zip, s.part, s.name, { shared, dateStyles, date1904: workbook.date1904, formulaText: opts.formulaText === true, cells }, s.sink, onRead);
      s.sink.end();
    }
    opts.onProgress?.(total, total);
  } finally {
    await zip.close();
  }
}

/**
 * The sheets `wanted` accepts (default: all), each whole as rows of plain cells (`rows[0]` is
 * row 1, missing rows empty): skipped sheets are never inflated.
 * @example const [rules] = await packageSheetRows(zip, "规则.xlsx", (name) => name === "规则");
 */
export async function packageSheetRows(zip: ZipPackage, file: string, wanted: (sheet: string) => boolean = () => true): Promise<RawSheet[]> {
  const out: RawSheet[] = [];
  await streamXlsxPackage(zip, (sheet) => {
    if (!wanted(sheet)) return null;
    const rows: Cell[][] = [];
    return {
      row(rowNumber, cells) {
        while (rows.length < rowNumber - 1) rows.push([]);
        rows.push(cells);
      },
      end() {
        out.push({ file, sheet, rows });
      },
    };
  });
  return out;
}

/** Runs a part's XML through SAX handlers, decoding its bytes (UTF-8, or UTF-16 by its byte-order mark). */
async function parseXml(
  zip: ZipPackage,
  part: string,
  on: { open(tag: SaxesTagPlain, name: string): void; close(name: string): void; text(t: string): void },
  onRead?: (bytes: number) => void,
  maxBytes?: number,
): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  // The parser holds a text node or a tag whole until it ends: bytes fed since the last tag event
  // are counted, so a gigabyte without a "<" is refused at XLSX_LIMITS.xmlRun, not buffered.
  let sinceTag = 0;
  parser.on("opentag", (tag) => {
    sinceTag = 0;
    on.open(tag, localName(tag.name));
  });
  parser.on("closetag", (tag) => {
    sinceTag = 0;
    on.close(localName(tag.name));
  });
  parser.on("text", on.text);
  parser.on("cdata", on.text);
  let decoder: TextDecoder | null = null;
  for await (const chunk of zip.chunks(part, onRead, maxBytes)) {
    if (!decoder) {
      const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe ? "utf-16le" : chunk[0] === 0xfe && chunk[1] === 0xff ? "utf-16be" : null;
      decoder = new TextDecoder(utf16 ?? "utf-8");
    }
    sinceTag += chunk.length;
    if (sinceTag > XLSX_LIMITS.xmlRun) throw refuse.xmlRun({ part });
    parser.write(decoder.decode(chunk, { stream: true }));
  }
  if (decoder) parser.write(decoder.decode());
  parser.close();
}

async function readXml(zip: ZipPackage, part: string | null, on: Parameters<typeof parseXml>[2], onRead?: (bytes: number) => void, maxBytes?: number): Promise<void> {
  const found = part === null ? null : zip.find(part);
  if (found) await parseXml(zip, found, on, onRead, maxBytes);
}

function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** An attribute by name (SpreadsheetML's own attributes carry no prefix). */
function attr(tag: SaxesTagPlain, name: string): string | undefined {
  return (tag.attributes as Record<string, string>)[name];
}

/** A relationship id attribute, whatever prefix the writer bound the relationships namespace to (r:id, ns1:id). */
function relId(tag: SaxesTagPlain): string | undefined {
  const a = tag.attributes as Record<string, string>;
  for (const k in a) if (k.endsWith(":id")) return a[k];
  return undefined;
}

/** The relationships of a part (`part` "" for the package), targets resolved to part names. */
async function relationships(zip: ZipPackage, part: string): Promise<{ id: string; type: string; target: string }[]> {
  const slash = part.lastIndexOf("/");
  const dir = part.slice(0, slash + 1);
  const out: { id: string; type: string; target: string }[] = [];
  await readXml(zip, `${dir}_rels/${part.slice(slash + 1)}.rels`, {
    open(tag, name) {
      if (name !== "Relationship" || attr(tag, "TargetMode") === "External") return;
      const target = attr(tag, "Target") ?? "";
      out.push({ id: attr(tag, "Id") ?? "", type: attr(tag, "Type") ?? "", target: resolvePart(dir, target) });
    },
    close() {},
    text() {},
  });
  return out;
}

/** A relationship target ("worksheets/sheet1.xml", "/xl/x.xml", "../y.xml") as a part name. */
function resolvePart(dir: string, target: string): string {
  const parts = (target.startsWith("/") ? target : dir + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return out.join("/");
}

async function readWorkbook(zip: ZipPackage, part: string): Promise<{ sheets: { name: string; rid: string }[]; date1904: boolean }> {
  if (!zip.find(part)) throw new Error(`xlsx: no workbook part (${part}); not an xlsx file`);
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  await readXml(zip, part, {
    open(tag, name) {
      if (name === "workbookPr") date1904 = /^(1|true)$/i.test(attr(tag, "date1904") ?? "");
      else if (name === "sheet") sheets.push({ name: attr(tag, "name") ?? "", rid: relId(tag) ?? "" });
    },
    close() {},
    text() {},
  });
  return { sheets, date1904 };
}

/** OOXML's escape for characters XML cannot hold: `_x000D_` is a CR, `_x005F_` a literal "_". */
function decodeEscapes(s: string): string {
  return s.indexOf("_x") < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * Collects the text of string items (`<si>` in the shared strings, `<is>` in a cell): the `<t>`
 * of the item and of its rich-text runs, not those of phonetic guides (`<rPh>`).
 */
class StringItem {
  private inT = false;
  private inPhonetic = 0;
  text = "";
  open(name: string): void {
    if (name === "rPh") this.inPhonetic++;
    else if (name === "t" && this.inPhonetic === 0) this.inT = true;
  }
  close(name: string): void {
    if (name === "rPh") this.inPhonetic--;
    else if (name === "t") this.inT = false;
  }
  /** Adds a text run; false once the item holds more than a cell's characters. */
  add(t: string): boolean {
    if (this.inT) this.text += t;
    return this.text.length <= MAX_CHARS;
  }
  start(): void {
    this.text = "";
    this.inT = false;
    this.inPhonetic = 0;
  }
}

async function readSharedStrings(zip: ZipPackage, part: string | null, onRead: (bytes: number) => void, maxItems: number): Promise<string[]> {
  const out: string[] = [];
  const at = (): PackagePlace => ({ part: part ?? "", row: null, column: `#${out.length}` });
  const item = new StringItem();
  let inItem = false;
  await readXml(
    zip,
    part,
    {
      open(_tag, name) {
        if (name === "si") {
          if (out.length >= maxItems) throw refuse.sharedStrings(at(), maxItems);
          inItem = true;
          item.start();
        } else if (inItem) item.open(name);
      },
      close(name) {
        if (name === "si") {
          inItem = false;
          out.push(decodeEscapes(item.text));
        } else if (inItem) item.close(name);
      },
      text(t) {
        if (inItem && !item.add(t)) throw refuse.cellTooLong(at());
      },
    },
    onRead,
    XLSX_LIMITS.sharedStringsBytes,
  );
  return out;
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30; 27–36 and 50–58 are the CJK ones). */
const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** For each cell style index (`s`), whether its number format shows a date or time. */
async function readDateStyles(zip: ZipPackage, part: string | null): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await readXml(zip, part, {
    open(tag, name) {
      if (name === "numFmt") custom.set(Number(attr(tag, "numFmtId")), attr(tag, "formatCode") ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) xfs.push(Number(attr(tag, "numFmtId") ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
    text() {},
  });
  return xfs.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE.has(id)));
}

interface SheetContext {
  shared: string[];
  dateStyles: boolean[];
  date1904: boolean;
  formulaText?: boolean;
  /** Cells the workbook may still hold (shared by its sheets). */
  cells: { left: number; limit: number };
}

/** "AB12" → 28 (the column; the row is taken from the row element). 0 when it is not a cell reference. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  if (ref.charCodeAt(0) === 36 /* $ */) i++;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return i > 0 && col > 0 ? col : 0;
}

/** Column number → letters (1 → "A", 28 → "AB"), for messages. */
const letters = (col: number): string => columnLetter(col - 1);

/** The row digits of a cell reference ("AB12" → 12), 0 when it has none. */
function rowOfRef(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) > 57) i++; // letters and "$"
  if (ref.charCodeAt(i) === 36) i++;
  const n = Number(ref.slice(i));
  return i < ref.length && Number.isInteger(n) ? n : 0;
}

/**
 * One worksheet's rows into `sink`. Rows must come in increasing order and the cells of a row in
 * increasing columns on that row (as every writer emits them): a reference that repeats or goes
 * backwards is refused, never read as a shifted row or a cell overwritten a million times.
 */
async function readSheet(zip: ZipPackage, part: string, sheet: string, ctx: SheetContext, sink: SheetRows, onRead: (bytes: number) => void): Promise<void> {
  let rowNumber = 0;
  let cells: Cell[] | null = null;
  let col = 0;
  let type = "n";
  let style = 0;
  let v: string | null = null;
  let inV = false;
  // A formula with no cached result, when ctx.formulaText: its text is the cell's value.
  let f: string | null = null;
  let inF = false;
  // The row's cells that hold a formula (a value typed over one is told from it by this alone).
  let formulaCols: number[] = [];
  let inlineText: string | null = null;
  const item = new StringItem();
  const place = (column?: string): PackagePlace => ({ sheet, part, row: rowNumber, column: column ?? (col > 0 ? letters(col) + rowNumber : null) });
  await parseXml(
    zip,
    part,
    {
      open(tag, name) {
        switch (name) {
          case "row": {
            const r = attr(tag, "r");
            const n = r === undefined ? rowNumber + 1 : Number(r);
            if (!Number.isInteger(n) || n < 1 || n > MAX_ROW) throw refuse.rowBeyond({ sheet, part, row: rowNumber || null }, String(r));
            if (n <= rowNumber) throw refuse.rowOrder({ sheet, part, row: n, column: null }, rowNumber);
            rowNumber = n;
            cells = [];
            formulaCols = [];
            col = 0;
            return;
          }
          case "c": {
            const ref = attr(tag, "r");
            const previous = col;
            col = ref === undefined ? col + 1 : columnOf(ref) || col + 1;
            if (col > MAX_COL) throw refuse.columnBeyond(place(ref));
            if (--ctx.cells.left < 0) throw refuse.cells(place(ref), ctx.cells.limit);
            if (ref !== undefined) {
              const r = rowOfRef(ref);
              if (r !== 0 && r !== rowNumber) throw refuse.cellRow(place(ref));
              if (col <= previous) throw refuse.cellOrder(place(ref), letters(previous) + rowNumber);
            }
            type = attr(tag, "t") ?? "n";
            style = Number(attr(tag, "s") ?? 0);
            v = null;
            f = null;
            inlineText = null;
            return;
          }
          case "v":
            inV = true;
            v = "";
            return;
          case "f":
            if (formulaCols[formulaCols.length - 1] !== col - 1) formulaCols.push(col - 1);
            if (!ctx.formulaText) return;
            inF = true;
            f = "";
            return;
          case "is":
            inlineText = "";
            item.start();
            return;
          default:
            if (inlineText !== null) item.open(name);
        }
      },
      close(name) {
        switch (name) {
          case "v":
            inV = false;
            return;
          case "f":
            inF = false;
            return;
          case "is":
            inlineText = item.text;
            return;
          case "c": {
            if (!cells) return;
            const value = v === null && inlineText === null && f ? "=" + f : cellValue(type, v, inlineText, style, ctx);
            if (value !== null) {
              while (cells.length < col - 1) cells.push(null);
              cells[col - 1] = value;
            }
            return;
          }
          case "row":
            if (cells) sink.row(rowNumber, cells, formulaCols.length > 0 ? formulaCols : undefined);
            cells = null;
            return;
          default:
            if (inlineText !== null) item.close(name);
        }
      },
      text(t) {
        if (inF) {
          f += t;
          if (f!.length > MAX_CHARS) throw refuse.cellTooLong(place());
        } else if (inV) {
          v += t;
          if (v!.length > MAX_CHARS) throw refuse.cellTooLong(place());
        } else if (inlineText !== null && !item.add(t)) throw refuse.cellTooLong(place());
      },
    },
    onRead,
  );
}

function cellValue(type: string, v: string | null, inline: string | null, style: number, ctx: SheetContext): Cell {
  switch (type) {
    case "s":
      return v === null ? null : (ctx.shared[Number(v)] ?? null);
    case "inlineStr":
      return inline !== null ? decodeEscapes(inline) : v === null ? null : decodeEscapes(v);
    case "str":
      return v === null ? null : decodeEscapes(v);
    case "b":
      return v === null ? null : v.trim() === "1" || v.trim().toLowerCase() === "true";
    case "e":
      return v;
    case "d":
      return v === null ? null : isoDate(v);
    default: {
      if (v === null || v.trim() === "") return null;
      const n = Number(v);
      // Not a number where one must be: kept as text, so the importer reports it on its row.
      if (!Number.isFinite(n)) return v;
      return ctx.dateStyles[style] ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

/** An Excel serial (days since 1899-12-30, or 1904-01-01) → a Date whose UTC fields are the wall clock. */
function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** A `t="d"` cell (ISO 8601 text, written by some tools): the wall clock as UTC; other text stays text. */
function isoDate(v: string): Cell {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3})\d*)?)?)?Z?$/.exec(v.trim());
  if (!m) return v;
  const [, y, mo, d, h = "0", mi = "0", s = "0", ms = "0"] = m;
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, +ms.padEnd(3, "0")));
}
