/**
 * The import layer (导入): recognise an export by its headers and turn its rows into typed
 * records plus located, bilingual problems. Hosts give rows (`importSheet`, `createRowImporter`)
 * or CSV bytes (`createCsvImporter`, `importCsvBytes`); nothing here touches files or Office.
 */
export { recognise, importSheet, createRowImporter, type RowImporter } from "./importer";
export { mergeImports } from "./merge";
export { partsReadApart, type PartFacts, type SlashDates } from "./context";
export {
  decodeBytes,
  parseCsv,
  createCsvStream,
  createCsvTextParser,
  createCsvImporter,
  CSV_STREAM_CODES,
  importCsvBytes,
  sheetNameOf,
  type CsvStream,
  type CsvImporter,
} from "./csv";
export { parseOrderId, parseMoney, parseDateTime, parseDate, parseTimeOfDay } from "./cells";
export { KIND_SPECS, KIND_FLAG, TAOBAO_ORDER_HEADERS, SCAN_ROWS, normaliseHeader, kindZh, kindEn } from "./headers";
export { resolveRule } from "./incidents";
export type { Cell, RawSheet, Recognition, ImportResult, SourceKind } from "./types";
export {
  fieldFromWord,
  fieldLabel,
  kindFields,
  kindFromWord,
  kindWord,
  mappingLines,
  mappingNeeds,
  mappingRow,
  type ColumnMapping,
  type FieldNeed,
} from "./mapping";
export { SOURCE_KINDS } from "./types";
