/**
 * Collected sales (回款): which orders count for a month and how much each one brings.
 */
import type { Cents } from "../model";
import type { SalesRules } from "./types";
import { normaliseStatus } from "../import/cells";

/** What an order status says about the order. */
export type StatusMeaning = "unpaid" | "paid" | "shipped" | "done" | "closed" | "superseded";

/**
 * The order statuses known, by meaning: Taobao / Tmall's seller-centre exports (today's and the
 * older `…,即:…` forms), the open-platform API's English codes, and the ERPs' (聚水潭, 旺店通,
 * 网店管家, E店宝, 管易) status words. A status outside this set is not guessed at: it is an
 * error on its row and the order is not counted (a closed order counted as collected is pay
 * given for nothing). The rules sheet's 只计入的状态 / 不计入的状态 name more.
 */
export const KNOWN_STATUSES: Readonly<Record<StatusMeaning, readonly string[]>> = {
  unpaid: [
    "等待买家付款", "待付款", "未付款", "待支付", "未支付", "等待付款", "没有创建支付宝交易", "买家未付款",
    "WAIT_BUYER_PAY", "TRADE_NO_CREATE_PAY", "PAY_PENDING", "WAIT_PRE_AUTH_CONFIRM",
  ],
  paid: [
    "买家已付款，等待卖家发货", "等待卖家发货，即：买家已付款", "等待卖家发货", "买家已付款", "已付款", "待发货",
    "已付款待审核", "待审核", "已审核", "已客审", "已财审", "审核通过", "待打单", "待打印", "已打印", "待配货", "配货中",
    "待出库", "发货中", "待称重", "退款中", "售后中", "预售", "定金已付",
    // Paid, part of it refunded (ERPs' status for it): it counts at paid − refund, as 退款中 does.
    "部分退款", "部分退款成功", "已部分退款",
    "WAIT_SELLER_SEND_GOODS", "PAID_FORBID_CONSIGN",
  ],
  shipped: [
    "卖家已发货，等待买家确认", "等待买家确认收货，即：卖家已发货", "卖家已发货", "等待买家确认收货", "等待买家确认", "已发货",
    "待收货", "部分发货", "卖家部分发货", "已出库", "已签收", "买家已签收", "买家已签收，货到付款专用",
    "SELLER_CONSIGNED_PART", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED",
  ],
  done: ["交易成功", "交易已成功", "交易完成", "已完成", "已收货", "确认收货", "TRADE_FINISHED", "TRADE_SUCCESS"],
  closed: [
    "交易关闭", "交易已关闭", "已关闭", "交易自动关闭", "付款以后用户退款成功，交易自动关闭", "付款以前，卖家或买家主动关闭交易",
    "已取消", "取消", "交易取消", "订单取消", "已作废", "作废", "退款成功", "已退款", "全额退款",
    "TRADE_CLOSED", "TRADE_CLOSED_BY_TAOBAO", "TRADE_CANCELED", "TRADE_CANCELLED",
  ],
  // An ERP row whose goods and money moved to another of its orders (聚水潭 合并 / 拆分): that
  // order carries the sale, so this row never counts — and never wins over another copy.
  superseded: ["被合并", "已被合并", "被拆分", "已被拆分"],
};

/** A status as looked up: no spaces, half-width punctuation, upper case. */
function statusKey(status: string): string {
  return status
    .replace(/[\s\u00a0\u3000]+/g, "")
    .replace(/，/g, ",")
    .replace(/：/g, ":")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .toUpperCase();
}

const MEANING = (() => {
  const m = new Map<string, StatusMeaning>();
  for (const [meaning, list] of Object.entries(KNOWN_STATUSES) as [StatusMeaning, readonly string[]][]) for (const s of list) m.set(statusKey(s), meaning);
  return m;
})();

/**
 * What a status means, or null when it is not a known one. A remark in brackets after a known
 * status keeps its meaning (`交易关闭(退款)`).
 * @example statusMeaning("TRADE_CLOSED") // "closed"
 * @example statusMeaning("卖家已发货,等待买家确认") // "shipped"
 * @example statusMeaning("拼团中") // null
 */
export function statusMeaning(status: string): StatusMeaning | null {
  const key = statusKey(status);
  const hit = MEANING.get(key);
  if (hit !== undefined) return hit;
  const bare = key.replace(/\([^()]*\)$/, "");
  return bare !== key ? (MEANING.get(bare) ?? null) : null;
}

/**
 * Whether an order with this (normalised) status counts, and whether the status is known. When
 * `onlyStatuses` is non-empty only those count (any other status is the manager's choice not
 * to count, not an unknown); otherwise a status containing an excluded one (交易关闭,
 * 等待买家付款, 未付款 by default; substring, so "交易关闭(退款)" too) does not count, and the rest
 * count by their meaning: paid, shipped and done count; unpaid, closed and superseded (an ERP
 * row merged into or split among its other orders) do not; a status
 * outside KNOWN_STATUSES does not count and is `known: false` (an error on its row). A blank
 * status (an export without one) counts.
 * @example statusVerdict("已取消", defaultRules().sales) // { counts: false, known: true }
 * @example statusVerdict("拼团中", defaultRules().sales) // { counts: false, known: false }
 */
export function statusVerdict(status: string, s: Pick<SalesRules, "excludedStatuses" | "onlyStatuses">): { counts: boolean; known: boolean } {
  const st = status.trim();
  // The rule's words are normalised as the statuses are: 卖家已发货,等待买家确认 typed with a
  // half-width comma in 规则 must still match the export's 卖家已发货，等待买家确认.
  const has = (x: string): boolean => {
    const k = normaliseStatus(x);
    return k !== "" && st.includes(k);
  };
  if (s.onlyStatuses.length > 0) return { counts: s.onlyStatuses.some(has), known: true };
  if (s.excludedStatuses.some(has)) return { counts: false, known: true };
  if (st === "") return { counts: true, known: true };
  const meaning = statusMeaning(st);
  if (meaning === null) return { counts: false, known: false };
  return { counts: meaning === "paid" || meaning === "shipped" || meaning === "done", known: true };
}

/**
 * Whether an order with this (normalised) status counts (see `statusVerdict`).
 * @example isCounted("交易成功", defaultRules().sales) // true
 * @example isCounted("TRADE_CLOSED", defaultRules().sales) // false
 */
export function isCounted(status: string, s: Pick<SalesRules, "excludedStatuses" | "onlyStatuses">): boolean {
  return statusVerdict(status, s).counts;
}

/**
 * An order's collected amount: paid − refund (− shipping when the rules exclude it), never
 * below 0 (a full refund earns nothing, it does not take from other orders).
 * @example collectedOf(10000, 2500, 800, defaultRules().sales) // 7500
 */
export function collectedOf(
  paid: Cents,
  refund: Cents,
  shipping: Cents,
  s: Pick<SalesRules, "excludeShipping">,
): Cents {
  const v = paid - refund - (s.excludeShipping ? shipping : 0);
  return v > 0 ? v : 0;
}

/**
 * A memo of `isCounted` by status for bulk use: a month has a handful of distinct statuses and
 * a million orders.
 */
export class StatusFilter {
  private readonly memo = new Map<string, { counts: boolean; known: boolean }>();
  constructor(private readonly s: Pick<SalesRules, "excludedStatuses" | "onlyStatuses">) {}
  counts(status: string): boolean {
    return this.verdict(status).counts;
  }
  /** `statusVerdict`, memoised: an unknown status is an error where the engine reports it. */
  verdict(status: string): { counts: boolean; known: boolean } {
    let v = this.memo.get(status);
    if (v === undefined) {
      v = statusVerdict(status, this.s);
      this.memo.set(status, v);
    }
    return v;
  }
}
