/**
 * What the four reports produce: plain data, host-neutral, every figure carrying the ids of the
 * rows behind it (order ids, `SourceRef`s of attendance rows, incident sources).
 * Money in cents; rates as fractions; null where a figure is undefined (0 inquiries → null).
 */
import type { SelfAudit } from "./selfaudit";
import type { AffiliateLine } from "./affiliate";
import type { ReturnShippingLine } from "./returnShipping";
import type { TextColumn } from "./textcolumn";
import type { Cents, DateStr, MonthStr, Order, PunchVerdict, Shift, SourceRef, WallTime } from "../model";
import type { Problem } from "../problems";
import type { RuleKey, Rules } from "../rules/types";

/** Manager-entered values, keyed by a row's stable id; survive every rebuild. */
export interface ManagerEntry {
  waived: boolean;
  remark: string;
  /** Manual adjustment to net pay (cents), commission sheet only. */
  adjustment: Cents;
}
export type ManagerState = Record<string, Partial<ManagerEntry>>;

/** The resolved identity of an agent (roster row, or one seen only in a source). */
export interface AgentRef {
  staffNo: string;
  name: string;
  nick: string;
  /** false when the agent appears in a source but not in the roster. */
  inRoster: boolean;
}

/** Why an order went to whom. */
export interface Attribution {
  orderId: string;
  /** 工号, or null = unattributed. */
  agent: string | null;
  /** The code text matched in the note (or "业务员" column). */
  matched: string;
  /** Other codes found in the same note that did not win. */
  others: string[];
}

/** An order as counted for a month: its collected amount after refunds and credit removals. */
export interface CountedOrder {
  order: Order;
  agent: string | null;
  /** 回款: paid − refund (− shipping when excluded), never below 0. */
  collected: Cents;
  /** Credit removed by an incident (production_delay / unconfirmed_address); then collected = 0. */
  creditRemovedBy: string | null;
  /** What in the note (or 业务员 column) named the agent, as Attribution.matched; "" or absent when nothing did. */
  matched?: string;
}

export interface PerformanceRow {
  agent: AgentRef;
  orders: number;
  /** Σ paid of counted orders. */
  sales: Cents;
  refunds: Cents;
  collected: Cents;
  refundRate: number | null;
  buyers: number;
  /** collected / distinct buyers. */
  aov: Cents | null;
  inquiries: number;
  payers: number;
  conversion: number | null;
  avgResponseSec: number | null;
  lateCount: number;
  earlyCount: number;
  absenceDays: number;
  complaints: number;
  fines: Cents;
  kpiScore: number;
  /** Per-metric contributions to the score, in the rules' KPI order. */
  kpiParts: { metric: string; value: number | null; score: number }[];
  rank: number;
  /** Trace: the counted orders' ids; the sales-export rows used. */
  orderIds: string[];
  salesSources: SourceRef[];
  /** Trace: the attendance rows judged and the penalty rows counted (engine-filled). */
  attendanceSources?: SourceRef[];
  penaltyIds?: string[];
}

export interface PenaltyRow {
  /** Stable across rebuilds: derived from rule, agent, date and source identity, never a counter. */
  id: string;
  date: DateStr;
  agent: AgentRef;
  rule: RuleKey;
  ruleLabel: string;
  /** n-th violation of this rule by this agent in the calendar month. */
  occurrence: number;
  /** Amount before waiving. */
  amount: Cents;
  dismissal: boolean;
  waived: boolean;
  remark: string;
  /** Amount that counts: 0 when waived. */
  effective: Cents;
  orderId: string | null;
  /** "sheet!row" of the attendance row or incident behind it. */
  source: SourceRef;
  detail: string;
}

export interface DayRow {
  date: DateStr;
  ordersCreated: number;
  ordersPaid: number;
  paidAmount: Cents;
  refunds: Cents;
  attributedAmount: Cents;
  unattributedOrders: number;
  unattributedAmount: Cents;
  /** Paid, not shipped, past the ship deadline (as of the export's latest timestamp). */
  unshippedLate: number;
  /** Created, still unpaid after `unpaidChaseHours`. */
  unpaidToChase: number;
  /** attributedAmount + unattributedAmount: the day's collected sales (回款). Optional only so
   *  hand-made reports in tests stay valid; the engine always fills the engine-added fields. */
  collected?: Cents;
  /** Σ of the sales export's per-agent sales for the day; null when the export has no days. */
  salesExport?: Cents | null;
  /** Σ over agents of (sales export figure − our attribution); null when the export has no days. */
  salesExportDiff: Cents | null;
  /** Order ids behind every non-zero figure above, by figure name. */
  trace: Record<string, string[]>;
}

/**
 * What an agent-day's difference is: "match" none; "rest" the export has no row on the agent's
 * rest day; "explained" the orders below account for all of it; "tolerance" what is left is
 * within the rules' tolerance; "check" a person must look.
 */
export type DiffStatus = "match" | "rest" | "explained" | "tolerance" | "check";

/**
 * Orders behind a difference, by why: "refundClosed" paid then closed with a full refund (the
 * export still credits it); "notCounted" an open order the rules' 只计入 / 不计入 statuses leave out
 * (in transit where only 交易成功 counts); "creditRemoved" an incident removed the agent's credit; "crossDay"
 * counted on another day than it was paid (or, dated by 确认收货, in another month); "unattributed"
 * the day's orders without an agent code and "unknownStatus" the agent's orders of the day whose
 * status is unknown, so not counted (candidates only: listed, never subtracted).
 */
export type DiffReasonKind = "refundClosed" | "notCounted" | "creditRemoved" | "crossDay" | "unattributed" | "unknownStatus";

export interface DiffReason {
  kind: DiffReasonKind;
  ids: string[];
  /** Its share of (export − ours); 0 for candidates. */
  amount: Cents;
}

/** An order late as of the export: paid and not shipped, or created and not paid, past the rules' hours. */
export interface LateOrder {
  /** The day it is counted on (its pay day, or its creation day for an unpaid one). */
  date: DateStr;
  orderId: string;
  /** When it was paid (unshipped) or created (unpaid). */
  since: WallTime;
}

/** One per-agent-per-day difference between the sales export and our attribution. */
export interface DayAgentDiff {
  date: DateStr;
  agent: AgentRef;
  exportSales: Cents;
  attributed: Cents;
  diff: Cents;
  orderIds: string[];
  /** Optional only so hand-made reports in tests stay valid; the engine always fills them. */
  status?: DiffStatus;
  reasons?: DiffReason[];
  /** diff − Σ reasons' amounts. */
  unexplained?: Cents;
}

export interface CommissionRow {
  /** Stable id: month + staffNo (manager adjustment key). */
  id: string;
  agent: AgentRef;
  /** Distinct dates worked in the month's attendance (考勤明细's 计出勤 column). */
  daysWorked: number;
  /** 应出勤: days of the employment period minus rest days. */
  scheduledDays: number;
  /** Days worked inside the employment period. */
  workedDays: number;
  /** 缺勤: scheduled days with no row or no punch, and their dates. */
  absentDays: number;
  absentDates: DateStr[];
  /** The absences with no row at all in the attendance file (warned in 问题). */
  noRecordDates: DateStr[];
  /** The employment period is the whole month (a condition of the full-attendance bonus). */
  wholeMonth: boolean;
  /** Employed on at least one day of the month (the execution bonus's condition); absent = employed. */
  employed?: boolean;
  /** The month's attendance was given and holds not one day this agent worked (the execution bonus's other condition); absent = false. */
  noDayWorked?: boolean;
  /** The month's full schedule (the base's proration denominator). */
  fullSchedule: number;
  /** Calendar days of the period on the probation base (until the roster's 试用期至); absent = none. */
  probationDays?: number;
  /** The month's base before proration (the rules' base). */
  base: Cents;
  /** 底薪 paid: prorated by attendance (底薪折算), probation base until 试用期至. */
  basePay: Cents;
  lunch: Cents;
  fullAttendance: Cents;
  performanceBonus: Cents;
  /** The performance bonus's threshold: the monthly target × the rules' ratio. */
  performanceThreshold: Cents;
  executionBonus: Cents;
  positionAllowance: Cents;
  collected: Cents;
  /** Credited orders with collected sales left (> 0): what a tier by order count counts. */
  orderCount: number;
  tierRate: number;
  commission: Cents;
  quarterlyCollected: Cents | null;
  quarterly: Cents;
  /** 年终提成: December only; 0 in other months. */
  yearEnd: Cents;
  /** 追回: last month's pay items lost to its orders' late refunds (≤ 0); 0 without last month's board. */
  clawback: Cents;
  /** The orders behind the clawback, last month's collected before and after. */
  clawbackOrders: { orderId: string; before: Cents; after: Cents; why: string }[];
  /** 奖励: rewards recorded in the incidents sheet (带教奖励 …), and each one. */
  rewards: Cents;
  rewardItems: { date: DateStr; what: string; amount: Cents }[];
  fines: Cents;
  dismissal: boolean;
  adjustment: Cents;
  remark: string;
  netPay: Cents;
  /** Why each bonus was or was not given, in Chinese and English. */
  reasons: { item: string; zh: string; en: string }[];
  /** Trace: the counted orders behind `collected`, the attendance rows, the penalty rows. */
  orderIds?: string[];
  attendanceSources?: SourceRef[];
  penaltyIds?: string[];
}

/** One agent's scheduled day as judged (export verdict or computed from punch times). */
export interface AttendanceDay {
  agent: string;
  date: DateStr;
  /** The shift with the rules' times when its label names a rules shift; null = rest day. */
  shift: Shift | null;
  inVerdict: PunchVerdict | null;
  outVerdict: PunchVerdict | null;
  late: boolean;
  seriousLate: boolean;
  lateMinutes: number | null;
  early: boolean;
  earlyMinutes: number | null;
  /** Punches missing on a day with at least one punch (0–6: two per pair, up to three pairs of a split shift). */
  missing: number;
  absent: number;
  leave: number;
  sick: number;
  rest: boolean;
  worked: boolean;
  /** The verdicts came from the export (true) or were computed here (false). */
  fromExport: boolean;
  source: SourceRef;
}

export interface MonthReport {
  month: MonthStr;
  rules: Rules;
  /** 淘宝客 commission lines, when a 淘宝联盟 order export was given (reports/affiliate.ts). */
  affiliates?: AffiliateLine[];
  /** Return-shipping reimbursements of the month, when a 运费补贴 sheet was given (reports/returnShipping.ts). */
  returnShipping?: ReturnShippingLine[];
  agents: AgentRef[];
  performance: PerformanceRow[];
  penalties: PenaltyRow[];
  /** 部门基金: Σ effective fines. */
  fund: Cents;
  days: DayRow[];
  dayAgentDiffs: DayAgentDiff[];
  commission: CommissionRow[];
  counted: CountedOrder[];
  attributions: Attribution[];
  unattributed: CountedOrder[];
  /** Σ collected of all counted orders = Σ agents' collected + Σ unattributed. */
  shopCollected: Cents;
  /**
   * The shop names the counted orders carry, as spelled; absent in reports made by hand, where
   * core/shops.ts countedShops finds them in `counted`.
   */
  shopSpellings?: string[];
  /**
   * `counted` as columns (see CountedColumns); absent in reports made by hand. The engine's
   * `counted` is made from these when first read: the sheets and the JSON read the columns.
   */
  countedColumns?: CountedColumns;
  /** The month's judged attendance days, by agent then date. */
  attendance?: AttendanceDay[];
  /** The order clerk's end-of-day checks (reports/selfaudit.ts); absent in reports made by hand. */
  selfAudit?: SelfAudit;
  /** "Now" for the late checks: the latest timestamp in the order export (null = no times). */
  asOf?: WallTime | null;
  /** The orders behind 每日对账's 超时未发货 and 待催付 counts; absent in reports made by hand. */
  lateOrders?: { unshipped: LateOrder[]; unpaid: LateOrder[] };
  problems: Problem[];
}

/**
 * The counted orders as columns, in the order of `counted`; day d of the month (from 0) is the
 * run from `dayStart[d]` up to `dayStart[d + 1]`. Readers of a whole month read these, not the
 * objects: `counted` is in time order and the orders in file order, so a walk over
 * `counted[i].order` jumps about a gigabyte of heap (~1.5 µs an order on this machine's VM).
 */
/**
 * A column of numbers, read by index. The engine lays them out as typed arrays of the width the
 * values need (an agent index in 4 bytes, a flag in 1): outside the collected heap, and never
 * turned from small integers into doubles by copying itself, as a plain array of a million
 * numbers is; tests and hand-made reports may pass plain arrays.
 */
export type Column = ArrayLike<number>;

export interface CountedColumns {
  dayStart: number[];
  /** Index into `agentNames`; -1: credited to nobody. */
  agent: Column;
  /** The staff numbers `agent` points at (in the scan's order of first appearance). */
  agentNames: readonly string[];
  /**
   * Each row's order object, for what only it holds (note, tracking …); absent in a lean build
   * (BuildOptions.lean), whose `counted` cannot be read: the sheets and the JSON need none.
   */
  orders?: Order[];
  /** Each row's 店铺名称 as spelled ("" when the export names none). */
  shop: TextColumn;
  /** What in the note (or 业务员 column) named the agent; "" when nothing did. */
  matched: TextColumn;
  /** The rows (`removed` 1) whose credit an incident removed, and that incident. */
  removedBy: ReadonlyMap<number, string>;
  collected: Column;
  paid: Column;
  shipping: Column;
  refund: Column;
  paidAt: Column;
  /** 1: an incident removed the credit. */
  removed: Column;
  ids: string[];
  /**
   * What 订单明细 shows of each order beside the money (buyer, status, confirmed time, where it
   * came from), so its writer reads no order object either — for the first EXCEL_MAX_ROWS counted
   * orders only (a worksheet holds no more; past them a reader goes to the order objects).
   */
  buyer: string[];
  status: TextColumn;
  confirmedAt: Column;
  sourceSheet: TextColumn;
  sourceRow: Column;
}
