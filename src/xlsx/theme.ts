/**
 * xl/theme/theme1.xml: the workbook's theme (colour and font schemes, the three formatting
 * levels Excel requires), from the shared THEME. Without a theme part LibreOffice has no
 * accent colours to draw chart series with; Excel falls back to Office's own.
 */
import { THEME } from "../core";
import { XML_DECL, xmlAttr } from "./xml";

export const THEME_PART = "xl/theme/theme1.xml";
export const CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml";
export const REL_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";

const clr = (rgb: string) => `<a:srgbClr val="${rgb}"/>`;
const solid = (rgb: string) => `<a:solidFill>${clr(rgb)}</a:solidFill>`;
const phClr = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';

export function themeXml(): string {
  const accents = THEME.accents.map((rgb, i) => `<a:accent${i + 1}>${clr(rgb)}</a:accent${i + 1}>`).join("");
  const font = (tag: string) =>
    `<a:${tag}><a:latin typeface="${xmlAttr(THEME.font)}"/><a:ea typeface="${xmlAttr(THEME.fontEastAsian)}"/><a:cs typeface=""/>` +
    `<a:font script="Hans" typeface="${xmlAttr(THEME.fontEastAsian)}"/></a:${tag}>`;
  const line = (w: number) => `<a:ln w="${w}" cap="flat" cmpd="sng" algn="ctr">${phClr}<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>`;
  return (
    XML_DECL +
    '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="KefuBoard">' +
    '<a:themeElements><a:clrScheme name="KefuBoard">' +
    `<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>` +
    `<a:dk2>${clr("44546A")}</a:dk2><a:lt2>${clr("E7E6E6")}</a:lt2>${accents}` +
    `<a:hlink>${clr("0563C1")}</a:hlink><a:folHlink>${clr("954F72")}</a:folHlink></a:clrScheme>` +
    `<a:fontScheme name="KefuBoard">${font("majorFont")}${font("minorFont")}</a:fontScheme>` +
    '<a:fmtScheme name="KefuBoard">' +
    `<a:fillStyleLst>${phClr}${phClr}${phClr}</a:fillStyleLst>` +
    `<a:lnStyleLst>${line(6350)}${line(12700)}${line(19050)}</a:lnStyleLst>` +
    "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>" +
    `<a:bgFillStyleLst>${phClr}${solid("F2F2F2")}${phClr}</a:bgFillStyleLst>` +
    "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
  );
}
