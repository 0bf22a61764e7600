/**
 * One SheetSpec → xl/worksheets/sheetN.xml, streamed. Rows are strings built straight from the
 * spec's cells (a million-row drill-down never becomes objects per cell); the layout is the
 * spec's convention: title, subtitle, header, data from FIRST_DATA_ROW, then the blocks as
 * blockFirstRows places them.
 *
 * Untrusted text stays text: every string is written as a string cell (shared or inline) whatever
 * it starts with; only FormulaCells become `<f>`, each with the engine's value cached.
 */
import { blockFirstRows, colLetter, dateSerial, highlightTest } from "../core";
import { sheetRow, sheetRowCount } from "../core";
import { printOf, sheetLastRow } from "../core";
import { THEME, rowHeight, wrappedLines } from "../core";
import { FIRST_DATA_ROW, HEADER_ROW, NUMBER_FORMATS, PRINT_FOOTER, type BlockSpec, type ColumnSpec, type PrintSpec, type SheetSpec, type SpecCell } from "../core";
import type { SharedStrings } from "./shared-strings";
import type { CellStyle, StyleBook } from "./styles";
import { xmlAttr } from "./xml";
import { XmlBytes, ascii } from "./xml-bytes";
import { SLOT, type PartStream } from "./zip";

export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const HIGHLIGHT = { fill: THEME.badFill, fontColor: THEME.badFont };
/** Hand the bytes to the zip stream once a buffer is this full (rows are a few hundred bytes). */
export const FLUSH_AT = SLOT - (SLOT >> 2);

/** What follows `<c r="A12" s="7"`, by kind of cell. */
const enum Tail {
  Value,
  Shared,
  Bool,
  Inline,
  InlineKeepSpace,
  Str,
  Formula,
  Empty,
}
/** Texts remembered per column (beyond it, the shared table alone). */
const RECENT = 4096;
const TAILS = ["><v>", ' t="s"><v>', ' t="b"><v>', ' t="inlineStr"><is><t>', ' t="inlineStr"><is><t xml:space="preserve">', ' t="str">', ">", "/>"];
const VALUE_END = ascii("</v></c>");
const INLINE_END = ascii("</t></is></c>");
const TRUE_END = ascii("1</v></c>");
const FALSE_END = ascii("0</v></c>");
const ROW_START = ascii('<row r="');
const ROW_OPENED = ascii('">');
const QUOTE = ascii('"');
const CLOSE = ascii(">");
const ROW_END = ascii("</row>");

/** How strings are stored: "auto" = shared, except near-unique columns of big sheets (inline). */
export type StringMode = "auto" | "always-inline" | "always-shared";

export interface SheetWriteOptions {
  styles: StyleBook;
  strings: SharedStrings;
  stringMode: StringMode;
  /** Sheets with at least this many data rows may write columns inline (auto mode). */
  inlineFrom: number;
  /** r:id of the sheet's drawing (its chart), when it has one. */
  drawingRelId?: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * Called in place of the data rows, after the header row's bytes were handed to the part, with
   * the data rows' style ids and `rows(from, to)` writing the spec's rows [from, to) as usual
   * (./detail-sheet.ts: 订单明细's frame, and its first rows). "stop": the part's rest comes from
   * elsewhere — the bytes so far are handed over and the part is left open, without blocks or tail.
   */
  dataRows?: (styles: readonly number[], rows: (from: number, to: number) => Promise<void>) => Promise<void | "stop">;
}

export interface WrittenSheet {
  /** Last row used (1-based). */
  lastRow: number;
  /** The autofilter range ("A3:N900"), when the sheet has one. */
  filterRef: string | null;
}

type Variant = "data" | "total" | "totalFirst" | "removed" | "note" | "title" | "alert";

function variantStyle(v: Variant, numFmt: string, manager: boolean, wrap: boolean): CellStyle {
  const s: CellStyle = { numFmt };
  if (wrap && v !== "title") s.wrapBody = true;
  if (v === "data" && manager) s.fill = THEME.managerFill;
  if (v === "total" || v === "totalFirst" || v === "title") s.font = { bold: true };
  if (v === "total" || v === "totalFirst") s.fill = THEME.totalFill;
  if (v === "totalFirst") s.topBorder = true;
  if (v === "alert") {
    s.font = { color: THEME.badFont };
    s.fill = THEME.badFill;
  }
  if (v === "removed") s.font = { color: THEME.removedFont, strike: true };
  if (v === "note") s.font = { italic: true };
  return s;
}

function blockVariant(b: BlockSpec, i: number): Variant {
  if (b.alertRows?.includes(i)) return "alert";
  if (b.style === "total") return i === 0 ? "totalFirst" : "total";
  if (b.style === "removed") return "removed";
  if (b.style === "note") return "note";
  return "data";
}

/** Where a link cell points, as a `location` ("'罚款台账'!A12"). */
function linkLocation(target: string): string {
  const bang = target.lastIndexOf("!");
  if (bang <= 0) return target;
  const sheet = target.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
  return `'${sheet.replace(/'/g, "''")}'!${target.slice(bang + 1)}`;
}

/** The autofilter's range: the header row down to the last data row ("A3:N900"). */
export function filterRef(sheet: SheetSpec): string | null {
  if (!sheet.autoFilter) return null;
  return `A${HEADER_ROW}:${colLetter(Math.max(0, sheet.columns.length - 1))}${HEADER_ROW + sheetRowCount(sheet)}`;
}

/** How many first rows of a big sheet the auto string mode samples before choosing inline columns. */
export const SAMPLE = 1000;

/**
 * The row and cell writer of one sheet part: cell references copied from the row's number,
 * strings shared (with a small per-column table first) or inline, formulas with their cached
 * value, links remembered for the <hyperlinks> list. Hot path: every cell of a million-row sheet.
 */
class SheetRows {
  readonly links: string[] = [];
  private readonly opens: Uint8Array[];
  private readonly tails: Uint8Array[] = [];
  private readonly inline: boolean[];
  private readonly seen: number[];
  private readonly fresh: number[];
  private readonly recent: Map<string, number>[];
  /** Where the current row's number sits in the buffer, to copy into each cell reference. */
  private rowAt = 0;
  private rowLen = 0;

  constructor(
    readonly out: XmlBytes,
    private readonly part: PartStream,
    private readonly letters: string[],
    private readonly strings: SharedStrings,
    stringMode: StringMode,
    /** The auto mode samples the first rows (a big sheet) to choose inline columns. */
    readonly sampling: boolean,
  ) {
    const n = letters.length;
    // Title and subtitle span the sheet, so a sheet without columns still has column A.
    this.opens = n ? letters.map((l) => ascii(`<c r="${l}`)) : [ascii('<c r="A')];
    this.inline = letters.map(() => stringMode === "always-inline");
    this.seen = new Array<number>(n).fill(0);
    this.fresh = new Array<number>(n).fill(0);
    this.recent = Array.from({ length: Math.max(1, n) }, () => new Map<string, number>());
  }

  /** After the sampled rows: columns whose strings are mostly new go inline. */
  chooseInline(): void {
    for (let j = 0; j < this.inline.length; j++) this.inline[j] = this.seen[j] > 0 && this.fresh[j] * 2 > this.seen[j];
  }

  /** `" s="7" t="s"><v>` and the like: after the cell reference, by style and kind of cell. */
  private open(j: number, style: number, kind: Tail): void {
    const k = style * TAILS.length + kind;
    const tail = this.tails[k] ?? (this.tails[k] = ascii(`" s="${style}"${TAILS[kind]}`));
    this.out.cellOpen(this.opens[j], this.rowAt, this.rowLen, tail);
  }

  private text(j: number, s: string, style: number): void {
    const out = this.out;
    if (this.inline[j]) {
      this.open(j, style, s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32 ? Tail.InlineKeepSpace : Tail.Inline);
      out.text(s);
      out.bytes(INLINE_END);
      return;
    }
    // A small table per column first: agent codes and statuses repeat a million times, and a
    // lookup among a column's few values is much cheaper than in the workbook's whole table.
    const local = this.recent[j];
    const strings = this.strings;
    let k = local.get(s);
    if (k === undefined) {
      const before = strings.size;
      k = strings.add(s);
      if (local.size < RECENT) local.set(s, k);
      if (this.sampling && strings.size > before) this.fresh[j]++;
    } else strings.reuse();
    if (this.sampling) this.seen[j]++;
    this.open(j, style, Tail.Shared);
    out.num(k);
    out.bytes(VALUE_END);
  }

  private value(j: number, style: number, v: number): void {
    this.open(j, style, Tail.Value);
    this.out.num(v);
    this.out.bytes(VALUE_END);
  }

  private cell(j: number, c: Exclude<SpecCell, null>, style: number): void {
    const out = this.out;
    if (typeof c === "string") this.text(j, c, style);
    else if (typeof c === "number") {
      if (Number.isFinite(c)) this.value(j, style, c);
    } else if (typeof c === "boolean") {
      this.open(j, style, Tail.Bool);
      out.bytes(c ? TRUE_END : FALSE_END);
    } else if ("f" in c) {
      const f = `<f>${xmlAttr(c.f)}</f>`;
      if (typeof c.v === "string") {
        this.open(j, style, Tail.Str);
        out.markup(f + "<v>");
        out.text(c.v);
        out.bytes(VALUE_END);
      } else {
        this.open(j, style, Tail.Formula);
        out.markup(Number.isFinite(c.v) ? `${f}<v>${c.v}</v></c>` : `${f}</c>`);
      }
    } else if ("date" in c) {
      const serial = c.serial ?? dateSerial(c.date);
      if (serial !== null) this.value(j, style, serial);
      else if (c.date !== "") this.text(j, c.date, style);
    } else if (c.text !== "") {
      const r = out.buf.toString("latin1", this.rowAt, this.rowAt + this.rowLen);
      this.links.push(`<hyperlink ref="${this.letters[j]}${r}" location="${xmlAttr(linkLocation(c.target))}" display="${xmlAttr(c.text)}"/>`);
      this.text(j, c.text, style);
    }
  }

  /** Row `r`: its cells in the given styles; `keepEmpty` columns get a styled empty cell. */
  row(r: number, cells: readonly SpecCell[], ids: number[], keepEmpty: boolean[] | null, attrs = ""): void {
    const out = this.out;
    out.bytes(ROW_START);
    this.rowAt = out.pos;
    out.num(r);
    this.rowLen = out.pos - this.rowAt;
    if (attrs) {
      out.bytes(QUOTE);
      out.markup(attrs);
      out.bytes(CLOSE);
    } else out.bytes(ROW_OPENED);
    const n = this.letters.length;
    const m = Math.min(cells.length, n || cells.length);
    for (let j = 0; j < m; j++) {
      const c = cells[j];
      if (c === null || c === undefined || c === "") {
        if (keepEmpty !== null && keepEmpty[j]) this.open(j, ids[j], Tail.Empty);
      } else this.cell(j, c, ids[j]);
    }
    out.bytes(ROW_END);
  }

  /** Hands the bytes so far to the zip stream and carries on in a fresh buffer. */
  async flush(): Promise<void> {
    const out = this.out;
    const spare = out.spare;
    const wait = this.part.writeBytes(out.buf, out.pos);
    out.reset(spare ?? (await this.part.buffer()));
    await wait;
  }
}

/** The style id of each column's cells of a kind of row (data, total, title …). */
export function variantIds(styles: StyleBook, cols: readonly Pick<ColumnSpec, "format" | "manager" | "wrap">[], v: Variant): number[] {
  return cols.map((c) => styles.cell(variantStyle(v, NUMBER_FORMATS[c.format], c.manager === true, c.wrap === true)));
}

/** A row's height attribute when its wrapped text takes more than one line. */
function heightAttr(cols: readonly ColumnSpec[], cells: readonly SpecCell[], anyWrap: boolean): string {
  const lines = anyWrap ? wrappedLines(cols, cells) : 1;
  return lines > 1 ? ` ht="${rowHeight(lines)}" customHeight="1"` : "";
}

/** Writes the sheet into `part` (already opened) and ends it: head, title rows, data, blocks, tail. */
export async function writeSheetPart(part: PartStream, sheet: SheetSpec, opts: SheetWriteOptions): Promise<WrittenSheet> {
  const { styles } = opts;
  const cols = sheet.columns;
  const total = sheetRowCount(sheet);
  const lastRow = sheetLastRow(sheet);
  const letters = cols.map((_c, j) => colLetter(j));
  const numFmts = cols.map((c) => NUMBER_FORMATS[c.format]);
  const manager = cols.map((c) => c.manager === true);
  const wraps = cols.map((c) => c.wrap === true);
  const anyWrap = wraps.some(Boolean);
  const variants = new Map<Variant, number[]>();
  const variant = (v: Variant): number[] => {
    let ids = variants.get(v);
    if (!ids) variants.set(v, (ids = variantIds(styles, cols, v)));
    return ids;
  };

  const w = new SheetRows(new XmlBytes(await part.buffer()), part, letters, opts.strings, opts.stringMode, opts.stringMode === "auto" && total >= opts.inlineFrom);
  const title = styles.cell({ font: { bold: true, size: THEME.titleSize } });
  const subtitle = styles.cell({ font: { italic: true, color: THEME.subtitleFont } });
  const header = cols.map((_c, j) => styles.cell({ numFmt: "@", font: { bold: true }, fill: manager[j] ? THEME.managerFill : THEME.headerFill, wrap: true }));
  const columnStyles = numFmts.map((numFmt) => styles.cell({ numFmt }));
  const data = variant("data");

  w.out.markup(sheetHead(sheet, lastRow, columnStyles));
  w.row(1, [sheet.title], [title], null);
  w.row(2, [sheet.subtitle], [subtitle], null);
  w.row(HEADER_ROW, cols.map((c) => c.header), header, null, ` ht="${sheet.headerHeight ?? 32}" customHeight="1"`);

  const progress = opts.onProgress;
  const rows = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = sheetRow(sheet, i);
      w.row(FIRST_DATA_ROW + i, cells, data, manager, heightAttr(cols, cells, anyWrap));
      if (w.sampling && i + 1 === SAMPLE) w.chooseInline();
      if (w.out.pos > FLUSH_AT) await w.flush();
      if (progress && (i + 1) % 20000 === 0) progress(i + 1, total);
    }
  };
  if (opts.dataRows) {
    await w.flush();
    if ((await opts.dataRows(data, rows)) === "stop") {
      await part.writeBytes(w.out.buf, w.out.pos);
      if (w.out.spare) part.release(w.out.spare);
      return { lastRow, filterRef: filterRef(sheet) };
    }
  } else await rows(0, total);
  const firsts = blockFirstRows(total, sheet.blocks);
  sheet.blocks.forEach((b, k) => {
    if (b.title) w.row(firsts[k] - 1, [b.title], variant("title"), null);
    b.rows.forEach((cells, i) => w.row(firsts[k] + i, cells, variant(blockVariant(b, i)), null, heightAttr(cols, cells, anyWrap)));
  });
  const filter = filterRef(sheet);
  w.out.markup(sheetTail(sheet, { filter, letters, rows: total, links: w.links, styles, drawingRelId: opts.drawingRelId }));
  await part.writeBytes(w.out.buf, w.out.pos);
  if (w.out.spare) part.release(w.out.spare);
  await part.end();
  progress?.(total, total);
  return { lastRow, filterRef: filter };
}

/** Everything before the first row: sheet properties, dimension, frozen panes, column widths. */
function sheetHead(sheet: SheetSpec, lastRow: number, columnStyles: number[]): string {
  const cols = sheet.columns;
  const n = cols.length;
  const freeze = sheet.freeze;
  const pane =
    freeze.rows || freeze.columns
      ? `<pane${freeze.columns ? ` xSplit="${freeze.columns}"` : ""}${freeze.rows ? ` ySplit="${freeze.rows}"` : ""} topLeftCell="${colLetter(freeze.columns)}${freeze.rows + 1}" activePane="${freeze.rows && freeze.columns ? "bottomRight" : freeze.rows ? "bottomLeft" : "topRight"}" state="frozen"/>`
      : "";
  const lastCol = colLetter(Math.max(0, n - 1));
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<sheetPr><tabColor rgb="FF${sheet.tabColor.replace(/^#/, "").toUpperCase()}"/><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:${lastCol}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (n ? `<cols>${cols.map((c, j) => `<col min="${j + 1}" max="${j + 1}" width="${c.width}" style="${columnStyles[j]}" customWidth="1"/>`).join("")}</cols>` : "") +
    "<sheetData>"
  );
}

/** Everything after the last row: filter, highlights, dropdowns, links, page setup, the chart. */
function sheetTail(
  sheet: SheetSpec,
  t: { filter: string | null; letters: string[]; rows: number; links: string[]; styles: StyleBook; drawingRelId?: string },
): string {
  let end = "</sheetData>";
  if (t.filter) end += `<autoFilter ref="${t.filter}"/>`;
  if (t.rows > 0) end += highlightsXml(sheet, t.letters, t.rows, t.styles) + dropdownsXml(sheet, t.letters, t.rows);
  if (t.links.length) end += `<hyperlinks>${t.links.join("")}</hyperlinks>`;
  end += pageSetupXml(printOf(sheet));
  if (t.drawingRelId) end += `<drawing r:id="${t.drawingRelId}"/>`;
  return end + "</worksheet>";
}

/** A4 in the spec's orientation, one page wide, the footer, the manual page breaks. */
export function pageSetupXml(p: PrintSpec): string {
  const breaks = [...new Set(p.breaksBefore)].filter((r) => r > 1).sort((a, b) => a - b);
  return (
    '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${p.orientation}" fitToWidth="1" fitToHeight="${p.pagesTall}"/>` +
    `<headerFooter><oddFooter>${xmlAttr("&C" + PRINT_FOOTER)}</oddFooter></headerFooter>` +
    (breaks.length
      ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<brk id="${r - 1}" max="16383" man="1"/>`).join("")}</rowBreaks>`
      : "")
  );
}

function highlightsXml(sheet: SheetSpec, letters: string[], rows: number, styles: StyleBook): string {
  if (!sheet.highlights) return "";
  const last = FIRST_DATA_ROW + rows - 1;
  let priority = 0;
  let x = "";
  for (const h of sheet.highlights) {
    const i = sheet.columns.findIndex((c) => c.key === h.columnKey);
    if (i < 0) continue;
    const l = letters[i];
    const first = `${l}${FIRST_DATA_ROW}`;
    const test = highlightTest(h.when, first);
    x +=
      `<conditionalFormatting sqref="${first}:${l}${last}"><cfRule type="expression" dxfId="${styles.highlight(HIGHLIGHT)}" priority="${++priority}">` +
      `<formula>${xmlAttr(test)}</formula></cfRule></conditionalFormatting>`;
  }
  return x;
}

/** Dropdown lists on manager columns that offer values (免罚 → 是); free text stays allowed. */
function dropdownsXml(sheet: SheetSpec, letters: string[], rows: number): string {
  const items: string[] = [];
  sheet.columns.forEach((c, i) => {
    if (!c.allowed || c.allowed.length === 0) return;
    const l = letters[i];
    const list = c.allowed.map((v) => v.replace(/"/g, "")).join(",");
    items.push(
      `<dataValidation type="list" allowBlank="1" showErrorMessage="0" sqref="${l}${FIRST_DATA_ROW}:${l}${FIRST_DATA_ROW + rows - 1}">` +
        `<formula1>${xmlAttr(`"${list}"`)}</formula1></dataValidation>`,
    );
  });
  return items.length ? `<dataValidations count="${items.length}">${items.join("")}</dataValidations>` : "";
}
