/**
 * The engine's public API: build a month's reports, the rule functions the custom functions
 * wrap, the rules sheet, and the contract types. Hosts import from here.
 */
export { buildMonth, pickMonth, type BuildOptions } from "./engine";
export type * from "./model";
export { emptyDataset } from "./model";
export { KefuError, ProblemLog, formatProblem, formatLocation, problem } from "./problems";
export type { Problem, Severity, Location } from "./problems";
export type * from "./rules/types";
export { RULE_KEYS } from "./rules/types";
export { defaultRules } from "./rules/defaults";
export { tierRate, commissionFor, quarterlyCommission } from "./rules/commission";
export { lateMinutes, earlyMinutes, formatMinutes } from "./rules/attendance";
export { fineFor, resolveRuleKey } from "./rules/fines";
export { findAgentCode, AgentMatcher, type CodeEntry, type CodeMatch } from "./rules/attribution";
export { isCounted, collectedOf, StatusFilter } from "./rules/collected";
export { metricScore, conversion, aov } from "./rules/kpi";
export { mulRate, yuanToCents, centsToYuan, formatYuan } from "./rules/money";
export type * from "./reports/types";
export { rulesToRows, rulesFromRows, readRulesOrThrow, RULES_HEADER, type RulesRow } from "./rules/sheet";
