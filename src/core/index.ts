/**
 * The engine's only door. Hosts (src/cli, src/excel, src/taskpane, src/functions, src/xlsx) import
 * from here and nowhere else in core; test/core/door.test.ts fails when one does.
 *
 * A build: `buildBoard` (or `planBuild` + `finishBuild`) in build.ts. The rest is what the hosts
 * need to read their inputs (importers, rules sheet), render the result (sheet specs, JSON) and
 * what the custom functions wrap (rule functions, value readers).
 */
// One build for every host.
export {
  buildBoard,
  planBuild,
  finishBuild,
  rulesFromInput,
  sourceMonth,
  fittingResults,
  type BuildInput,
  type BuildPlan,
  type BuildOutcome,
  type SourceInput,
  type RulesInput,
  type PreviousMonth,
} from "./build";
export { readBoard, isBoardWorkbook, BOARD_SHEETS, type BoardInput, type BoardSheet, type BoardValues } from "./board";
export { summarise, selfAuditCounts, type BuildSummary, type SelfAuditCounts } from "./summary";
export { CUT_MARK, isCut, truncatedCells, type TruncatedSheet } from "./truncation";
export { buildMonth, pickMonth, type BuildOptions } from "./engine";
export { shopsOf, forShop } from "./shops";
// An earlier board (--previous, the pane's list): its month and what cannot be read, before a build.
export { readPrevious, boardsFor, PREVIOUS_BOARD_SHEETS, type PreviousInput } from "./reports/pay/previous";

// Model, problems, rules.
export type * from "./model";
export { emptyDataset, unboxedCents, unboxedInt } from "./model";
export { KefuError, ProblemLog, formatProblem, formatLocation, problem } from "./problems";
export type { Problem, Severity, Location } from "./problems";
export type * from "./rules/types";
export { RULE_KEYS } from "./rules/types";
export { defaultRules } from "./rules/defaults";
export { tierRate, commissionFor, quarterlyCommission, tierProblems, commissionMode, COMMISSION_MODE_WORDS, COMMISSION_MAX_RATE } from "./rules/commission";
export type { TierProblem } from "./rules/commission";
export { lateMinutes, earlyMinutes, formatMinutes } from "./rules/attendance";
export { fineFor, resolveRuleKey } from "./rules/fines";
export { findAgentCode, AgentMatcher, type CodeEntry, type CodeMatch } from "./rules/attribution";
export { isCounted, collectedOf, StatusFilter } from "./rules/collected";
export { metricScore, conversion, aov, KPI_METRICS, KPI_UNIT_WORDS, KPI_WEIGHT_RANGE, KPI_CAP_RANGE, KPI_RATE_TARGET, type KpiTargetUnit } from "./rules/kpi";
export { inRangeUnits, rangeProblem, type RateRange } from "./rules/range";
export { mulRate, yuanToCents, centsToYuan, formatYuan } from "./rules/money";
export type * from "./reports/types";
export { rulesToRows, rulesFromRows, readRulesOrThrow, RULES_HEADER, type RulesRow } from "./rules/sheet";

// Value readers (one home each).
export { yesNo, moneyCents, rateFraction, columnLetter, columnIndex, isBlankCell, isDateFormat, dateText, YES_WORDS, NO_WORDS } from "./values";

// Import: recognising exports and cleaning their cells.
export {
  recognise,
  importSheet,
  createRowImporter,
  mergeImports,
  decodeBytes,
  parseCsv,
  createCsvStream,
  createCsvTextParser,
  createCsvImporter,
  CSV_STREAM_CODES,
  importCsvBytes,
  sheetNameOf,
  parseOrderId,
  parseMoney,
  parseDateTime,
  parseDate,
  parseTimeOfDay,
  KIND_SPECS,
  KIND_FLAG,
  TAOBAO_ORDER_HEADERS,
  SCAN_ROWS,
  normaliseHeader,
  kindZh,
  kindEn,
  resolveRule,
  SOURCE_KINDS,
  type RowImporter,
  type CsvStream,
  type CsvImporter,
  type Cell,
  type RawSheet,
  type Recognition,
  type ImportResult,
  type SourceKind,
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
  partsReadApart,
  type PartFacts,
  type SlashDates,
} from "./import";
export { readMoney, readNumber, readTimeOfDay, timeOfDayMissing, toHalfWidth, normaliseStatus } from "./import/cells";

// Sheets: the host-neutral layout every writer renders.
export { buildWorkbookSpec, type SpecOptions } from "./sheets";
export { SHEET_NAMES, type SheetKey } from "./sheets/names";
export { buildRulesSheet } from "./sheets/rules";
export { reportToJson, reportJsonText, reportJsonParts, reportJsonBytes, type MonthJson } from "./sheets/json";
export { REMOVED_TITLE, carryManagerValues, layoutOf, type ManagerValues, type ManagerLayout } from "./sheets/manager";
export { WAIVED_MARKS, WAIVED_MARK } from "./sheets/penalties";
export { colLetter, sheetPrefix, cellText, dateSerial, wallTimeText, blockFirstRows, highlightTest, MAX_CELL_TEXT, EXCEL_MAX_ROWS } from "./sheets/layout";
export { sheetRow, sheetRowCount, withLazyRows } from "./sheets/lazy";
export { ORDER_COLUMNS, countedSheet, orderSheetColumns, orderSheetRows, type CountedSheet, pagedNote, pagedNoteOf, type OrderSheetColumn } from "./sheets/orders";
export { countedCount } from "./reports/counted";
export { THEME, hex } from "./sheets/theme";
export { rowHeight, textWidth, wrappedLines } from "./sheets/tidy";
export { chartAnchor, hasChart, printArea, printOf, printTitleRows, sheetLastRow, defaultPrint, type ChartAnchor } from "./sheets/print";
export {
  TITLE_ROW,
  SUBTITLE_ROW,
  HEADER_ROW,
  FIRST_DATA_ROW,
  NUMBER_FORMATS,
  PRINT_FOOTER,
  type PrintSpec,
  type CellFormat,
  type ColumnSpec,
  type FormulaCell,
  type DateCell,
  type LinkCell,
  type SpecCell,
  type BlockSpec,
  type ChartSpec,
  type SheetSpec,
  type WorkbookSpec,
} from "./sheets/types";
