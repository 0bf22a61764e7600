/**
 * xl/styles.xml for the writer: a registry of the few cell looks the workbook uses (number format,
 * bold / italic / struck / grey font, the manager-column and header fills, a top border, wrapped
 * header text), each registered once and referred to by its index (`s="N"`), plus the
 * differential formats conditional highlights point at.
 */
import { xmlAttr } from "./xml";

export interface FontStyle {
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  size?: number;
  /** RRGGBB */
  color?: string;
}

export interface CellStyle {
  /** An Excel number format code ("General" when absent). */
  numFmt?: string;
  font?: FontStyle;
  /** Solid fill, RRGGBB. */
  fill?: string;
  topBorder?: boolean;
  /** Wrapped text, vertically centred (the header row). */
  wrap?: boolean;
  /** Wrapped text at the cell's foot, as its neighbours sit (long text in a data row). */
  wrapBody?: boolean;
}

/** A conditional highlight: fill and font colour (RRGGBB). */
export interface HighlightStyle {
  fill: string;
  fontColor: string;
}

/** Built-in number formats Excel knows by id; anything else gets an id from 164 up. */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "@": 49 };
const DEFAULT_FONT = { size: 11, name: "Calibri" };

function fontXml(f: FontStyle): string {
  return (
    "<font>" +
    (f.bold ? "<b/>" : "") +
    (f.italic ? "<i/>" : "") +
    (f.strike ? "<strike/>" : "") +
    `<sz val="${f.size ?? DEFAULT_FONT.size}"/>` +
    (f.color ? `<color rgb="FF${f.color}"/>` : "") +
    `<name val="${DEFAULT_FONT.name}"/><family val="2"/></font>`
  );
}

function fillXml(rgb: string): string {
  return `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
}

/** Interns strings of XML as indexes: one list per kind of record. */
class Table {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(initial: string[] = []) {
    for (const x of initial) this.id(x);
  }
  id(xml: string): number {
    let i = this.index.get(xml);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(xml);
      this.index.set(xml, i);
    }
    return i;
  }
}

export class StyleBook {
  private readonly fonts = new Table([fontXml({})]);
  // Excel reserves fills 0 and 1 (none, gray125).
  private readonly fills = new Table(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  private readonly borders = new Table(["<border><left/><right/><top/><bottom/><diagonal/></border>"]);
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = new Table(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  private readonly dxfs = new Table();

  /** The index of a cell style (`s` attribute); the default style is 0. */
  cell(style: CellStyle): number {
    const numFmtId = this.numFmtId(style.numFmt ?? "General");
    const fontId = style.font ? this.fonts.id(fontXml(style.font)) : 0;
    const fillId = style.fill ? this.fills.id(fillXml(style.fill)) : 0;
    const borderId = style.topBorder ? this.borders.id('<border><left/><right/><top style="thin"><color indexed="64"/></top><bottom/><diagonal/></border>') : 0;
    const applied =
      (numFmtId ? ' applyNumberFormat="1"' : "") + (fontId ? ' applyFont="1"' : "") + (fillId ? ' applyFill="1"' : "") + (borderId ? ' applyBorder="1"' : "");
    const alignment = style.wrap ? '<alignment vertical="center" wrapText="1"/>' : style.wrapBody ? '<alignment wrapText="1"/>' : "";
    const xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}${alignment ? ' applyAlignment="1">' + alignment + "</xf>" : "/>"}`;
    return this.xfs.id(xf);
  }

  /** The index of a differential format (conditional formatting's `dxfId`). */
  highlight(h: HighlightStyle): number {
    return this.dxfs.id(`<dxf><font><color rgb="FF${h.fontColor}"/></font><fill><patternFill patternType="solid"><bgColor rgb="FF${h.fill}"/></patternFill></fill></dxf>`);
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  xml(): string {
    const list = (tag: string, items: string[], extra = "") => `<${tag} count="${items.length}"${extra}>${items.join("")}</${tag}>`;
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code)}"/>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length ? list("numFmts", numFmts) : "") +
      list("fonts", this.fonts.items) +
      list("fills", this.fills.items) +
      list("borders", this.borders.items) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.xfs.items) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      list("dxfs", this.dxfs.items) +
      '<tableStyles count="0"/>' +
      "</styleSheet>"
    );
  }
}
