/**
 * The typed records every importer produces and every report consumes.
 *
 * Conventions, fixed for the whole engine:
 * - Money is integer **cents** (`Cents`), never a float of yuan: no drift in sums.
 * - A calendar day is a `DateStr` `"YYYY-MM-DD"`; a month is a `MonthStr` `"YYYY-MM"`.
 * - A moment is a `WallTime`: milliseconds since 1970-01-01 00:00 of the shop's wall clock,
 *   computed as if that clock were UTC. Exports carry no time zone and every rule (shift starts,
 *   "paid in the month", "unpaid for 12 hours") is about the shop's own clock, so no zone maths.
 * - A time of day is `Minutes` after midnight; a shift that ends after midnight has end > 1440.
 * - Every record remembers where it came from (`SourceRef`) so every figure can be traced.
 */

export type Cents = number;
export type DateStr = string;
export type MonthStr = string;
export type WallTime = number;
export type Minutes = number;

/**
 * Cents as an object field should hold them: a whole number of int32 size as V8's small integer,
 * kept in the field itself. A value read from a Float64Array or made by arithmetic is a double,
 * and a field that has held a double keeps every value in a 16-byte box of its own — 48 bytes an
 * order for its three amounts, 50 MB in a month of a million. Any other value comes back as is.
 * @example unboxedCents(new Float64Array([1250])[0]) // 1250, stored unboxed
 */
export function unboxedCents(v: Cents): Cents {
  return unboxedInt(v);
}

/**
 * Any whole number for an object field (a row number, a count), as `unboxedCents` says. Beyond
 * the box: objects of one shape whose field held small integers in some and doubles in others
 * (a sheet's first half read here, its second half unpacked from a worker's Float64Array) give V8
 * two layouts for that field; it turns every older object over to the new one as each is next
 * read — a million row numbers read once cost ~0.3 s that way.
 */
export function unboxedInt(v: number): number {
  return (v | 0) === v ? v | 0 : v;
}

/** Where a record came from: file (or workbook) name, sheet name, 1-based row as shown in Excel. */
export interface SourceRef {
  file: string;
  sheet: string;
  row: number;
}

/** 订单 — one row of the seller-centre or ERP order export. */
export interface Order {
  /** 订单编号: exact digits as text, never a float. */
  id: string;
  /** 买家会员名 */
  buyer: string;
  /** 买家实际支付金额 (or ERP 支付金额). */
  paid: Cents;
  /** 买家应付邮费 (0 when the export has no such column). */
  shipping: Cents;
  /** 退款金额 (0 for 无退款申请 / blank). */
  refund: Cents;
  /** 订单状态, normalised: half-width comma turned full-width, spaces trimmed. */
  status: string;
  /** 订单创建时间 */
  createdAt: WallTime | null;
  /** 订单付款时间 */
  paidAt: WallTime | null;
  /** 发货时间 */
  shippedAt: WallTime | null;
  /** 确认收货时间 */
  confirmedAt: WallTime | null;
  /** 订单备注 / 卖家备注 (plus 商家备忘 when both exist, joined by a space). */
  note: string;
  /** 物流单号 */
  tracking: string;
  /** ERP 业务员 column, when the export has one (used only when the note has no code). */
  salesperson: string;
  /** 店铺名称, when the export names the shop (a group of shops: core/shops.ts). */
  shop?: string;
  source: SourceRef;
}

/** Verdict on one punch, as the attendance app judged it or as we computed it. */
export type PunchVerdict =
  | "normal" // 正常
  | "late" // 迟到
  | "seriousLate" // 严重迟到
  | "early" // 早退
  | "missing" // 缺卡
  | "leave" // 请假 (any paid / unpaid leave)
  | "rest" // 休息
  | "absent"; // 旷工

/** A scheduled shift: start and end in minutes after midnight; `end > 1440` ends next day. */
export interface Shift {
  /** 白班 / 晚班 / a custom label such as "09:00-18:00". */
  label: string;
  /** Start and end of the (first) work period. */
  start: Minutes;
  end: Minutes;
  /**
   * A split shift's later work periods (两次/三次上下班, e.g. `09:00-12:00 14:00-18:00` →
   * [{start: 840, end: 1080}]), each after the one before; absent for a one-period shift.
   */
  laterPeriods?: ShiftPeriod[];
}

/** One work period of a split shift, in minutes after midnight of the shift's date. */
export interface ShiftPeriod {
  start: Minutes;
  end: Minutes;
}

/**
 * One more clock-in / clock-out pair of a split-shift day: DingTalk's 上班2/下班2 (and 上班3/下班3)
 * with their 打卡结果. The first pair stays in ShiftDay's clockIn / clockOut / verdicts.
 */
export interface PunchPair {
  clockIn: WallTime | null;
  clockOut: WallTime | null;
  inVerdict: PunchVerdict | null;
  outVerdict: PunchVerdict | null;
}

/** 考勤 — one agent, one calendar day (the day the shift starts on). */
export interface ShiftDay {
  /** How the source names the agent: 工号 when present, else 姓名. Resolved via the roster. */
  agentKey: string;
  staffNo: string;
  name: string;
  date: DateStr;
  /** null = rest day (休 / 休息) or no schedule. */
  shift: Shift | null;
  clockIn: WallTime | null;
  clockOut: WallTime | null;
  /** The export's own verdicts, when it has them (DingTalk does); null = compute from times. */
  inVerdict: PunchVerdict | null;
  outVerdict: PunchVerdict | null;
  /**
   * A split-shift day's second and third punch pairs (上班2/下班2, 上班3/下班3), in order; absent
   * when the export has one pair a day. clockIn … outVerdict above are always the first pair.
   */
  laterPairs?: PunchPair[];
  /** Minutes the export reports (迟到时长 / 早退时长) for the whole day (all pairs), when given. */
  lateMinutes: number | null;
  earlyMinutes: number | null;
  /** Days of leave / sick leave / absence (旷工) the export reports for this day. */
  leaveDays: number;
  sickDays: number;
  absentDays: number;
  source: SourceRef;
}

/** 客服绩效 — one agent, one day (or the whole period when the export has no date column). */
export interface AgentSales {
  /** 旺旺昵称 / 客服昵称, as exported (often `店铺:子账号`). */
  nick: string;
  /** 工号 / 姓名 beside the nick, when the report has such columns (ties the nick to an agent without a roster). */
  staffNo?: string;
  name?: string;
  date: DateStr | null;
  /** 咨询人数 / 聊天人数 */
  consultations: number | null;
  /** 询单人数 */
  inquiries: number;
  /** 询单最终付款人数 / 销售人数 */
  payers: number;
  /** 询单最终付款金额 / 销售额 */
  sales: Cents | null;
  /** 销售订单数 */
  orders: number | null;
  /** 平均响应时长(秒) */
  avgResponseSec: number | null;
  /** 首次响应时长(秒) */
  firstResponseSec: number | null;
  /** 客户满意率 as a fraction (0.95), when present. */
  satisfaction: number | null;
  /** 成功退款金额 */
  refunds: Cents | null;
  /** A figure was 延迟统计 (not final yet) on this row. */
  provisional: boolean;
  /** The days a 日期 of `2026-10-01~2026-10-31` names (date is then null): the month it counts in. */
  period?: { from: DateStr; to: DateStr };
  source: SourceRef;
}

/** The days a sales row covers: its 日期, or the period its 日期 names; null for an undated summary. */
export function salesDays(s: Pick<AgentSales, "date" | "period">): { from: DateStr; to: DateStr } | null {
  return s.date !== null ? { from: s.date, to: s.date } : s.period ?? null;
}

/** 花名册 — one agent. */
export interface Agent {
  /** 工号, e.g. "KF03"; the code agents write into order notes. */
  staffNo: string;
  /** 姓名, as in the attendance app. */
  name: string;
  /** 旺旺子账号, e.g. "小店旗舰店:小美"; may be empty. */
  nick: string;
  /** 岗位: 售前 / 售后 / free text. */
  role: string;
  hiredOn: DateStr | null;
  /** 离职日期: the last day employed; null / absent = still employed. */
  leftOn?: DateStr | null;
  /** 试用期至: the last day of probation (the rules' probation base until then); null / absent = none. */
  probationUntil?: DateStr | null;
  /** 月度目标 (cents); null = the rules' default target. */
  monthlyTarget: Cents | null;
  /**
   * 别名 / 登录名: other names the agent signs notes with (小五, 小店:小五, 6号); present only when
   * the roster has the column. Matched in notes like the 工号 (reports/identity.ts).
   */
  aliases?: string[];
  source: SourceRef;
}

/** 违规记录 — one incident the manager recorded. */
export interface Incident {
  date: DateStr;
  /** 客服 as written: 工号 or 姓名. */
  agentKey: string;
  /** The rule key it resolved to (see rules/types.ts RULE_KEYS), or the raw text if unknown. */
  rule: string;
  orderId: string | null;
  loss: Cents | null;
  remark: string;
  source: SourceRef;
}

/** 退款报表 — one row of Taobao's refund report: a refund on an order, with its state. */
export interface Refund {
  /** 订单编号 of the refunded order (exact digits). */
  orderId: string;
  /** 退款编号, when the report has it (the same refund in two files counts once). */
  refundId?: string;
  /** 买家退款金额 */
  amount: Cents;
  /** 退款状态 as written (退款成功, 退款关闭, 卖家拒绝退款 …). */
  status: string;
  /** 退款完结时间; null while open. */
  completedAt: WallTime | null;
  source: SourceRef;
}

/** Everything the importers produced for one build. */
export interface Dataset {
  orders: Order[];
  shifts: ShiftDay[];
  sales: AgentSales[];
  roster: Agent[];
  incidents: Incident[];
  /** Taobao's refund report (退款报表), given with the orders; absent = none. */
  refunds?: Refund[];
  /** The 淘宝联盟 order export (淘宝客 affiliate orders); absent = none. */
  affiliates?: AffiliateOrder[];
  /** Return-shipping claims (运费补贴 sheet); absent = none. */
  returnShipping?: ReturnShippingClaim[];
  /**
   * Orders an ERP export shows shipped while the platform's own export of the same order does not
   * (the clerk's self-audit: ship them on Taobao by hand); absent unless both kinds of export were given.
   */
  shipMismatches?: ShipMismatch[];
}

/** One order shipped in the ERP and not on the platform (import/merge.ts). */
export interface ShipMismatch {
  orderId: string;
  erpStatus: string;
  erpShippedAt: WallTime | null;
  erp: SourceRef;
  platformStatus: string;
  platform: SourceRef;
  /** 店铺名称 of the order, when an export names it. */
  shop?: string;
}

/** One return-shipping claim (退货运费补贴): an after-sales return whose postage the shop may refund. */
export interface ReturnShippingClaim {
  date: DateStr;
  /** 订单编号 (exact digits). */
  orderId: string;
  /** 售后类型 / 退货原因 as written (质量问题, 换货, 七天无理由 …). */
  reason: string;
  /** 省份, or the province an address starts with; "" when unknown. */
  province: string;
  /** 退货运费 the buyer paid, when given (cents). */
  claimed: Cents | null;
  source: SourceRef;
}

/** One order a 淘宝客 (affiliate) brought, from the 淘宝联盟 order export (推广订单明细). */
export interface AffiliateOrder {
  /** 淘宝订单编号 (exact digits). */
  orderId: string;
  /** 推广者昵称 / 淘宝客 / 来源媒体名称: who is paid for it. */
  affiliate: string;
  /** 商品单价 (cents); null when the export has none. */
  price: Cents | null;
  /** 付款金额 (cents): what the buyer paid for the order's goods. */
  amount: Cents;
  /** 订单状态 as written (订单结算 / 订单成功 / 订单付款 / 订单失效 …). */
  status: string;
  /** 结算时间 (the month it counts in), else null. */
  settledAt: WallTime | null;
  /** 创建时间 / 付款时间, when given. */
  createdAt: WallTime | null;
  source: SourceRef;
}

export function emptyDataset(): Dataset {
  return { orders: [], shifts: [], sales: [], roster: [], incidents: [] };
}
