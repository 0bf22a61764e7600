/**
 * The rules model: every number a manager may change, in one typed object.
 * Defaults live in `defaults.ts` (from the shops' handbooks); the rules sheet overrides them.
 */
import type { ColumnMapping } from "../import/mapping";
import type { Cents, Minutes } from "../model";

/** Fine rules, by stable key (the JSON contract and the incidents sheet use these keys). */
export const RULE_KEYS = [
  "complaint",
  "late",
  "serious_late",
  "early",
  "off_task",
  "cleaning",
  "leak",
  "production_delay",
  "note_error_before",
  "note_error_after",
  "note_error_loss",
  "unconfirmed_address",
] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

export interface FineRule {
  key: RuleKey;
  /** Chinese label as shown in the rules sheet and accepted in the incidents sheet (投诉 …). */
  label: string;
  /** English label. */
  labelEn: string;
  /**
   * Amount for the 1st, 2nd, … occurrence in a calendar month; the last amount repeats.
   * complaint: [5000, 10000].
   */
  amounts: Cents[];
  /** Occurrence (1-based) from which the violation carries the dismissal flag (自动离职) and
   *  amount 0; null = never. complaint: 3. */
  dismissalFrom: number | null;
  /** The incident's order loses its sales credit (扣除该单业绩). */
  removesCredit: boolean;
  /** When the incident's loss exceeds this, the fine is the loss itself (note_error_loss: 50000). */
  lossThreshold: Cents | null;
  /** Other labels accepted in the incidents sheet (e.g. "客户投诉"). */
  aliases: string[];
}

export interface ShiftRules {
  day: { label: string; start: Minutes; end: Minutes };
  night: { label: string; start: Minutes; end: Minutes };
  /** Minutes after the start that are not yet late (and before the end not yet early). */
  graceMinutes: number;
}

export type AttributionMode = "first" | "last";

export interface AttributionRules {
  /** Which code wins when a note holds several: the first written (default) or the last. */
  mode: AttributionMode;
  /**
   * Optional regular expression (source text) that finds candidate codes in a note; its first
   * capture group (or the whole match) is compared with roster 工号. null = match the roster's
   * staff numbers and names literally.
   */
  pattern: string | null;
  /** Also match roster names (姓名) in notes, not only 工号. */
  matchNames: boolean;
}

export type DateBasis = "paid" | "confirmed";

export interface SalesRules {
  /** Which date puts an order in a month: 订单付款时间 (default) or 确认收货时间. */
  dateBasis: DateBasis;
  /** Count collected sales without the buyer's shipping fee. */
  excludeShipping: boolean;
  /**
   * Statuses that never count (substring match on the normalised status).
   * Default: 交易关闭, 等待买家付款, 未付款.
   */
  excludedStatuses: string[];
  /** If non-empty, only these statuses count (e.g. ["交易成功"]); overrides excludedStatuses. */
  onlyStatuses: string[];
}

export type CommissionMode = "whole" | "marginal";
export type TierBasis = "amount" | "count";

/** One commission tier: from `from` (inclusive; cents, or orders when basis is count) at `rate`. */
export interface Tier {
  from: number;
  rate: number;
}

export interface CommissionRules {
  /** 全额累进 (the whole amount at the tier reached) or 超额累进 (each slice at its rate). */
  mode: CommissionMode;
  basis: TierBasis;
  /** Ascending by `from`; the first tier starts at 0. */
  tiers: Tier[];
  /** Cap on the rate applied (affiliate shape: 50%); null = none. */
  maxRate: number | null;
  quarterlyRate: number;
  quarterlyThreshold: Cents;
}

export interface PayRules {
  base: Cents;
  lunchPerDay: Cents;
  fullAttendance: Cents;
  performanceBonus: Cents;
  /** Performance bonus when collected ≥ ratio × monthly target. */
  performanceRatio: number;
  defaultTarget: Cents;
  executionBonus: Cents;
  positionAllowance: Cents;
  positionThreshold: Cents;
  /** 底薪折算: base × min(1, days worked ÷ the month's full schedule) ("attendance", default), or the whole base ("none"). */
  baseProration: "attendance" | "none";
  /** 试用期底薪: base per month until the roster's 试用期至; null = the same as `base`. */
  probationBase: Cents | null;
  /** Default rest: one day off in this many days of employment (做六休一: 7), where the attendance file states none. */
  restEvery: number;
  /** 年终提成: this share of the year's collected, paid in December … */
  yearEndRate: number;
  /** … to agents with at least this many months of service by the year's end … */
  yearEndServiceMonths: number;
  /** … or whose year's collected reaches this. */
  yearEndThreshold: Cents;
  /** 带教奖励: 第一名 / 第二名 / 第三名. */
  trainerRewards: [Cents, Cents, Cents];
}

export type KpiMetric =
  | "collected"
  | "conversion"
  | "aov"
  | "avgResponseSec"
  | "refundRate"
  | "complaints"
  | "lateCount";

export interface KpiWeight {
  metric: KpiMetric;
  weight: number;
  /** Value that scores the full weight (for reverse metrics: the value at or below which). */
  target: number;
  /** Lower is better (response time, refund rate, complaints, lateness). */
  reverse: boolean;
  /** Highest ratio credited (1.2 = a metric can earn at most 120% of its weight). */
  cap: number;
}

export interface ReconciliationRules {
  /** Paid but not shipped after this many hours is flagged (发货时效). */
  shipDeadlineHours: number;
  /** Created and still unpaid after this many hours: chase (催单). */
  unpaidChaseHours: number;
  /** An agent-day's difference from the sales export up to this much is shown, not flagged (对账容差). */
  toleranceAmount: Cents;
  /** … and up to this many orders. */
  toleranceOrders: number;
}

/** 淘宝客 (affiliate) commission (handbook 004), from the 淘宝联盟 order export. */
export interface AffiliateRules {
  /** Rate by the affiliate's confirmed orders in the month (from = order count), whole mode. */
  tiers: Tier[];
  /** Commission per order at most this share of the order's payment (50%). */
  cap: number;
  /** 订单状态 texts that make an order confirmed (counted). */
  confirmedStatuses: string[];
}

/** Return-shipping reimbursements (退货运费补贴), handbooks 002 / 004. */
export interface ReturnShippingRules {
  /** Paid for a return from a near province (江浙沪 by default). */
  near: Cents;
  /** Paid for a return from elsewhere. */
  far: Cents;
  /** Never more than this without a manager's approval (a claimed fee above is cut to it). */
  cap: Cents;
  nearProvinces: string[];
  /** Exchanges: the shop pays this share (half-half). */
  exchangeShare: number;
  exchangeWords: string[];
  /** No-reason returns within 7 days: the buyer pays the postage (0). */
  buyerPaysWords: string[];
}

export interface Rules {
  /**
   * 列名: the manager's names for columns the built-in aliases do not know (source kind, field,
   * header as the file writes it); recognition tries them first. Empty by default.
   */
  columns: ColumnMapping[];
  affiliate: AffiliateRules;
  returnShipping: ReturnShippingRules;
  shifts: ShiftRules;
  attribution: AttributionRules;
  sales: SalesRules;
  fines: Record<RuleKey, FineRule>;
  commission: CommissionRules;
  pay: PayRules;
  kpi: KpiWeight[];
  reconciliation: ReconciliationRules;
}
