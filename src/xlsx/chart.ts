/**
 * DrawingML charts for the xlsx writer: for each sheet with a ChartSpec, xl/charts/chartN.xml and
 * xl/drawings/drawingN.xml with their .rels; write.ts adds the sheet's <drawing r:id> and the
 * [Content_Types].xml overrides — the minimal set Excel and LibreOffice open without a repair prompt.
 */
import { colLetter, sheetPrefix } from "../core";
import { THEME, chartAnchor } from "../core";
import { FIRST_DATA_ROW, HEADER_ROW, type ChartSpec, type SheetSpec, type SpecCell } from "../core";
import { XML_DECL, xmlAttr as xmlText } from "./xml";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const NS_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
export const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
export const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
export const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";

/** The value a cell shows, for the chart's caches (formula cells show the engine's value). */
function shown(c: SpecCell | undefined): string | number | null {
  if (c === null || c === undefined || typeof c === "boolean") return null;
  if (typeof c === "string" || typeof c === "number") return c;
  if ("f" in c) return c.v;
  if ("text" in c) return c.text;
  return c.date;
}

interface Range {
  /** A1 reference with the sheet prefix. */
  ref: string;
  values: (string | number | null)[];
}

function strCache(values: (string | number | null)[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${xmlText(v === null ? "" : String(v))}</c:v></c:pt>`);
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts.join("")}</c:strCache>`;
}

function numCache(values: (string | number | null)[]): string {
  const pts = values.map((v, i) =>
    typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "",
  );
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts.join("")}</c:numCache>`;
}

/** A solid fill in the theme's series colour (explicit: a reader without theme colours still draws it). */
const solid = (rgb: string) => `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;

function seriesXml(idx: number, name: Range, cat: Range, val: Range, line: boolean): string {
  const rgb = THEME.series[idx % THEME.series.length];
  const head =
    `<c:idx val="${idx}"/><c:order val="${idx}"/>` +
    `<c:tx><c:strRef><c:f>${xmlText(name.ref)}</c:f>${strCache(name.values)}</c:strRef></c:tx>`;
  const data =
    `<c:cat><c:strRef><c:f>${xmlText(cat.ref)}</c:f>${strCache(cat.values)}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${xmlText(val.ref)}</c:f>${numCache(val.values)}</c:numRef></c:val>`;
  return line
    ? `<c:ser>${head}<c:spPr><a:ln w="28575" cap="rnd">${solid(rgb)}<a:round/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr>${solid(rgb)}<a:ln>${solid(rgb)}</a:ln></c:spPr></c:marker>${data}<c:smooth val="0"/></c:ser>`
    : `<c:ser>${head}<c:spPr>${solid(rgb)}<a:ln>${solid(rgb)}</a:ln></c:spPr><c:invertIfNegative val="0"/>${data}</c:ser>`;
}

function catAx(id: number, cross: number, hidden: boolean): string {
  return (
    `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="${hidden ? 1 : 0}"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    `<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

function valAx(id: number, cross: number, pos: "l" | "r", format: string, crosses: "autoZero" | "max", grid: boolean): string {
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${pos}"/>${grid ? "<c:majorGridlines/>" : ""}` +
    `<c:numFmt formatCode="${xmlText(format)}" sourceLinked="0"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${cross}"/>` +
    `<c:crosses val="${crosses}"/><c:crossBetween val="between"/></c:valAx>`
  );
}

/** chartN.xml for a sheet's ChartSpec: bars on the primary axis, secondary keys as lines. */
export function chartXml(sheet: SheetSpec, chart: ChartSpec): string {
  const colIndex = (key: string): number => {
    const i = sheet.columns.findIndex((c) => c.key === key);
    if (i < 0) throw new Error(`chart column ${key} not in sheet ${sheet.name}`);
    return i;
  };
  const last = FIRST_DATA_ROW + sheet.rows.length - 1;
  const p = sheetPrefix(sheet.name);
  const column = (key: string): Range => {
    const i = colIndex(key);
    const l = colLetter(i);
    return { ref: `${p}$${l}$${FIRST_DATA_ROW}:$${l}$${last}`, values: sheet.rows.map((r) => shown(r[i])) };
  };
  const header = (key: string): Range => {
    const i = colIndex(key);
    return { ref: `${p}$${colLetter(i)}$${HEADER_ROW}`, values: [sheet.columns[i].header] };
  };
  const cat = column(chart.categoryKey);
  const secondary = new Set(chart.kind === "columnLine" ? (chart.secondaryKeys ?? []) : []);
  const bars = chart.seriesKeys.filter((k) => !secondary.has(k));
  const lines = chart.seriesKeys.filter((k) => secondary.has(k));
  const moneyAxis = sheet.columns[colIndex(bars[0] ?? chart.seriesKeys[0])].format === "money" ? "¥#,##0" : "General";

  let idx = 0;
  const barSeries = bars.map((k) => seriesXml(idx++, header(k), cat, column(k), false)).join("");
  const lineSeries = lines.map((k) => seriesXml(idx++, header(k), cat, column(k), true)).join("");
  const plot =
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${barSeries}` +
    `<c:gapWidth val="150"/><c:axId val="101"/><c:axId val="102"/></c:barChart>` +
    (lines.length
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lineSeries}` +
        `<c:marker val="1"/><c:axId val="103"/><c:axId val="104"/></c:lineChart>`
      : "") +
    catAx(101, 102, false) +
    valAx(102, 101, "l", moneyAxis, "autoZero", true) +
    (lines.length ? catAx(103, 104, true) + valAx(104, 103, "r", "0%", "max", false) : "");
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${xmlText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title>`;
  return (
    XML_DECL +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** drawingN.xml: one chart anchored over a cell range (0-based columns and rows). */
export function drawingXml(anchor: { col: number; row: number; cols: number; rows: number }): string {
  const at = (col: number, row: number) =>
    `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return (
    XML_DECL +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">` +
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${at(anchor.col, anchor.row)}</xdr:from>` +
    `<xdr:to>${at(anchor.col + anchor.cols, anchor.row + anchor.rows)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="rId1"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

/** A .rels part. */
export function relsXml(rels: { id: string; type: string; target: string }[]): string {
  const items = rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${xmlText(r.target)}"/>`).join("");
  return XML_DECL + `<Relationships xmlns="${NS_PKG_RELS}">${items}</Relationships>`;
}

/** The parts of chart number `n` for a sheet: path → XML (chart, drawing, the drawing's rels). */
export function chartParts(sheet: SheetSpec, chart: ChartSpec, n: number): { path: string; xml: string; contentType?: string }[] {
  return [
    { path: `xl/charts/chart${n}.xml`, xml: chartXml(sheet, chart), contentType: CT_CHART },
    { path: `xl/drawings/drawing${n}.xml`, xml: drawingXml(chartAnchor(sheet)), contentType: CT_DRAWING },
    { path: `xl/drawings/_rels/drawing${n}.xml.rels`, xml: relsXml([{ id: "rId1", type: REL_CHART, target: `../charts/chart${n}.xml` }]) },
  ];
}
