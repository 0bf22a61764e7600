/**
 * Text into SpreadsheetML. Two different needs:
 * - cell text must survive exactly: characters XML cannot hold (control characters, CR, lone
 *   surrogates) use OOXML's `_xHHHH_` escape, which Excel, LibreOffice and ExcelJS decode;
 * - names, formulas and chart labels only need to be well-formed: forbidden characters go.
 */

// eslint-disable-next-line no-control-regex
const NEEDS_CELL_ENCODING = /_x[0-9A-Fa-f]{4}_|[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF\uD800-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>"]|_x[0-9A-Fa-f]{4}_|[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF\uD800-\uDFFF]/;

/**
 * Text as it is stored in the package. Characters XML cannot hold are written with the OOXML
 * `_xHHHH_` escape instead of being dropped or normalised; a literal `_xHHHH_` in the text is
 * protected by escaping its underscore.
 */
export function encodeCellText(s: string): string {
  if (!NEEDS_CELL_ENCODING.test(s)) return s;
  return s
    // Lookahead, not a match: in "_x0041_x0042_" both underscores start an escape.
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

function escapeMarkup(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

/** Cell text → the content of a `<t>` element (most text needs nothing: one regex test). */
export function cellTextXml(s: string): string {
  return NEEDS_WORK.test(s) ? escapeMarkup(encodeCellText(s)) : s;
}

/** Text safe inside an XML element or attribute: escaped, characters XML 1.0 forbids removed. */
export function xmlAttr(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
