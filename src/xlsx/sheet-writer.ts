/**
 * One SheetSpec → xl/worksheets/sheetN.xml, streamed. Rows are strings built straight from the
 * spec's cells (a million-row drill-down never becomes objects per cell); the layout is the
 * spec's convention: title, subtitle, header, data from FIRST_DATA_ROW, then the blocks as
 * blockFirstRows places them.
 *
 * Untrusted text stays text: every string is written as a string cell (shared or inline) whatever
 * it starts with; only FormulaCells become `<f>`, each with the engine's value cached.
 */
import { blockFirstRows, colLetter, dateSerial } from "../core/sheets/layout";
import { sheetRow, sheetRowCount } from "../core/sheets/lazy";
import { FIRST_DATA_ROW, HEADER_ROW, NUMBER_FORMATS, type BlockSpec, type SheetSpec, type SpecCell } from "../core/sheets/types";
import type { SharedStrings } from "./shared-strings";
import type { CellStyle, StyleBook } from "./styles";
import { cellTextXml, xmlAttr } from "./xml";
import type { PartStream } from "./zip";

export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const HEADER_FILL = "D9E1F2";
const MANAGER_FILL = "FFF2CC";
const HIGHLIGHT = { fill: "FFC7CE", fontColor: "9C0006" };
/** Flush the row text to the zip stream past this many characters. */
const CHUNK = 1 << 18;

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
}

export interface WrittenSheet {
  /** Last row used (1-based). */
  lastRow: number;
  /** The autofilter range ("A3:N900"), when the sheet has one. */
  filterRef: string | null;
}

type Variant = "data" | "total" | "totalFirst" | "removed" | "note" | "title";

function variantStyle(v: Variant, numFmt: string, manager: boolean): CellStyle {
  const s: CellStyle = { numFmt };
  if (v === "data" && manager) s.fill = MANAGER_FILL;
  if (v === "total" || v === "totalFirst" || v === "title") s.font = { bold: true };
  if (v === "totalFirst") s.topBorder = true;
  if (v === "removed") s.font = { color: "808080", strike: true };
  if (v === "note") s.font = { italic: true };
  return s;
}

function blockVariant(b: BlockSpec, i: number): Variant {
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

/** Writes the sheet into `part` (already opened) and ends it. */
export async function writeSheetPart(part: PartStream, sheet: SheetSpec, opts: SheetWriteOptions): Promise<WrittenSheet> {
  const { styles, strings } = opts;
  const cols = sheet.columns;
  const n = cols.length;
  const total = sheetRowCount(sheet);
  const firsts = blockFirstRows(total, sheet.blocks);
  const lastBlock = sheet.blocks.length - 1;
  const lastRow = lastBlock >= 0 ? firsts[lastBlock] + Math.max(0, sheet.blocks[lastBlock].rows.length - 1) : Math.max(HEADER_ROW, FIRST_DATA_ROW + total - 1);
  const letters = cols.map((_c, j) => colLetter(j));
  const numFmts = cols.map((c) => NUMBER_FORMATS[c.format]);
  const manager = cols.map((c) => c.manager === true);
  const variants = new Map<Variant, number[]>();
  const variant = (v: Variant): number[] => {
    let ids = variants.get(v);
    if (!ids) variants.set(v, (ids = numFmts.map((f, j) => styles.cell(variantStyle(v, f, manager[j])))));
    return ids;
  };

  // Per column: are strings inline? "auto" samples the first rows of a big sheet.
  const inline = cols.map(() => opts.stringMode === "always-inline");
  const sampling = opts.stringMode === "auto" && total >= opts.inlineFrom;
  const SAMPLE = 1000;
  const seen = new Array<number>(n).fill(0);
  const fresh = new Array<number>(n).fill(0);
  const links: string[] = [];

  const opens = letters.map((l) => `<c r="${l}`);
  let rs = ""; // the current row number, as text
  function text(j: number, s: string, style: number): string {
    if (inline[j]) {
      const edge = s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32;
      return `${opens[j]}${rs}" s="${style}" t="inlineStr"><is>${edge ? '<t xml:space="preserve">' : "<t>"}${cellTextXml(s)}</t></is></c>`;
    }
    const before = strings.size;
    const k = strings.add(s);
    if (sampling) {
      seen[j]++;
      if (strings.size > before) fresh[j]++;
    }
    return `${opens[j]}${rs}" s="${style}" t="s"><v>${k}</v></c>`;
  }

  function cell(j: number, c: Exclude<SpecCell, null>, style: number): string {
    if (typeof c === "string") return text(j, c, style);
    if (typeof c === "number") return Number.isFinite(c) ? `${opens[j]}${rs}" s="${style}"><v>${c}</v></c>` : "";
    if (typeof c === "boolean") return `${opens[j]}${rs}" s="${style}" t="b"><v>${c ? 1 : 0}</v></c>`;
    if ("f" in c) {
      const f = `<f>${xmlAttr(c.f)}</f>`;
      if (typeof c.v === "string") return `${opens[j]}${rs}" s="${style}" t="str">${f}<v>${cellTextXml(c.v)}</v></c>`;
      return Number.isFinite(c.v) ? `${opens[j]}${rs}" s="${style}">${f}<v>${c.v}</v></c>` : `${opens[j]}${rs}" s="${style}">${f}</c>`;
    }
    if ("date" in c) {
      const serial = dateSerial(c.date);
      return serial === null ? (c.date === "" ? "" : text(j, c.date, style)) : `${opens[j]}${rs}" s="${style}"><v>${serial}</v></c>`;
    }
    if (c.text === "") return "";
    links.push(`<hyperlink ref="${letters[j]}${rs}" location="${xmlAttr(linkLocation(c.target))}" display="${xmlAttr(c.text)}"/>`);
    return text(j, c.text, style);
  }

  function row(r: number, cells: readonly SpecCell[], ids: number[], keepEmpty: boolean[] | null, attrs = ""): string {
    rs = String(r);
    let x = `<row r="${rs}"${attrs}>`;
    const m = Math.min(cells.length, n || cells.length);
    for (let j = 0; j < m; j++) {
      const c = cells[j];
      if (c === null || c === undefined || c === "") {
        if (keepEmpty !== null && keepEmpty[j]) x += `${opens[j]}${rs}" s="${ids[j]}"/>`;
      } else x += cell(j, c, ids[j]);
    }
    return x + "</row>";
  }

  // Title and subtitle span the sheet, so they use the first column's letters.
  if (opens.length === 0) opens.push('<c r="A');
  const title = styles.cell({ font: { bold: true, size: 14 } });
  const subtitle = styles.cell({ font: { italic: true, color: "595959" } });
  const header = cols.map((_c, j) => styles.cell({ numFmt: "@", font: { bold: true }, fill: manager[j] ? MANAGER_FILL : HEADER_FILL, wrap: true }));
  const columnStyles = numFmts.map((numFmt) => styles.cell({ numFmt }));
  const data = variant("data");

  const freeze = sheet.freeze;
  const pane =
    freeze.rows || freeze.columns
      ? `<pane${freeze.columns ? ` xSplit="${freeze.columns}"` : ""}${freeze.rows ? ` ySplit="${freeze.rows}"` : ""} topLeftCell="${colLetter(freeze.columns)}${freeze.rows + 1}" activePane="${freeze.rows && freeze.columns ? "bottomRight" : freeze.rows ? "bottomLeft" : "topRight"}" state="frozen"/>`
      : "";
  const lastCol = colLetter(Math.max(0, n - 1));
  let out =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<sheetPr><tabColor rgb="FF${sheet.tabColor.replace(/^#/, "").toUpperCase()}"/></sheetPr>` +
    `<dimension ref="A1:${lastCol}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (n ? `<cols>${cols.map((c, j) => `<col min="${j + 1}" max="${j + 1}" width="${c.width}" style="${columnStyles[j]}" customWidth="1"/>`).join("")}</cols>` : "") +
    "<sheetData>" +
    row(1, [sheet.title], [title], null) +
    row(2, [sheet.subtitle], [subtitle], null) +
    row(HEADER_ROW, cols.map((c) => c.header), header, null, ' ht="32" customHeight="1"');

  const progress = opts.onProgress;
  for (let i = 0; i < total; i++) {
    out += row(FIRST_DATA_ROW + i, sheetRow(sheet, i), data, manager);
    if (sampling && i + 1 === SAMPLE) for (let j = 0; j < n; j++) inline[j] = seen[j] > 0 && fresh[j] * 2 > seen[j];
    if (out.length > CHUNK) {
      const wait = part.write(out);
      out = "";
      await wait;
    }
    if (progress && (i + 1) % 20000 === 0) progress(i + 1, total);
  }
  sheet.blocks.forEach((b, k) => {
    if (b.title) out += row(firsts[k] - 1, [b.title], variant("title"), null);
    b.rows.forEach((cells, i) => (out += row(firsts[k] + i, cells, variant(blockVariant(b, i)), null)));
  });
  out += "</sheetData>";

  const filter = filterRef(sheet);
  if (filter) out += `<autoFilter ref="${filter}"/>`;
  if (total > 0) out += highlightsXml(sheet, letters, total, styles) + dropdownsXml(sheet, letters, total);
  if (links.length) out += `<hyperlinks>${links.join("")}</hyperlinks>`;
  out += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  if (opts.drawingRelId) out += `<drawing r:id="${opts.drawingRelId}"/>`;
  await part.write(out + "</worksheet>");
  await part.end();
  progress?.(total, total);
  return { lastRow, filterRef: filter };
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
    const test = h.when === "negative" ? `AND(ISNUMBER(${first}),${first}<0)` : h.when === "true" ? `${first}=TRUE` : `AND(ISNUMBER(${first}),${first}<>0)`;
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
