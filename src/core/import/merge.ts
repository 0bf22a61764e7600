/**
 * Several imports → one Dataset. The same order exported twice (two overlapping exports, or a
 * re-export) must count once: duplicates by order id are dropped and reported with both
 * places; a duplicate whose content differs is reported with the fields that differ, and the
 * copy that shows the order's later state is kept — decided by the order itself (its times,
 * its status, its refund, its append-only note), so the result does not depend on the order
 * the files were given in — with what only the other copy says (业务员, shop, tracking number).
 */
import { emptyDataset, type Dataset, type Order, type ShipMismatch } from "../model";
import { formatLocation, problem, ProblemLog, type Problem } from "../problems";
import { statusMeaning, type StatusMeaning } from "../rules/collected";
import type { ImportResult } from "./types";

const COMPARED: (keyof Order)[] = ["paid", "shipping", "refund", "status", "createdAt", "paidAt", "shippedAt", "confirmedAt", "buyer", "note", "tracking"];

/**
 * The orders kept so far, found by id: open addressing over their indexes in `orders`. A month's
 * million ids in a Map cost ~0.8 s of inserts and rehashing; this table is sized once.
 */
class OrderIdSet {
  private readonly slots: Int32Array;
  /** Each slot's id hash: ids share long prefixes, so strings are compared only when these match. */
  private readonly hashes: Int32Array;
  private readonly mask: number;
  constructor(
    most: number,
    private readonly orders: Order[],
  ) {
    let size = 1024;
    while (size < most * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
  }
  /** The index of the order already kept under `o.id`, or -1 after keeping `o`. */
  addOrFind(o: Order): number {
    const id = o.id;
    let h = 0x811c9dc5; // FNV-1a over the UTF-16 units
    for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 16777619);
    for (let p = h & this.mask; ; p = (p + 1) & this.mask) {
      const i = this.slots[p];
      if (i < 0) {
        this.slots[p] = this.orders.length;
        this.hashes[p] = h;
        this.orders.push(o);
        return -1;
      }
      if (this.hashes[p] === h && this.orders[i].id === id) return i;
    }
  }
}

function place(o: Order): string {
  return formatLocation({ file: o.source.file, sheet: o.source.sheet, row: o.source.row, column: null });
}

/**
 * How far along an order is by its status: a closed order (refunded, cancelled) ends its life; an
 * ERP row merged or split away (被合并 / 被拆分) is behind every other copy, unknown ones (-1) too.
 */
export const STATUS_RANK: Record<StatusMeaning, number> = { superseded: -2, unpaid: 0, paid: 1, shipped: 2, done: 3, closed: 4 };

/**
 * > 0 when copy `b` shows a later state of the order than `a`, < 0 when earlier, 0 when the
 * copies cannot be told apart by the order's own facts. In turn: its latest time (events only
 * add times), its status (unpaid → paid → shipped → done, closed last), its refund (refunds only
 * grow), its note (append-only in the ERP: the longer is the later).
 * @example laterState(beforeRefund, afterRefund) // > 0
 */
export function laterState(a: Order, b: Order): number {
  const latest = (o: Order) => Math.max(o.createdAt ?? -Infinity, o.paidAt ?? -Infinity, o.shippedAt ?? -Infinity, o.confirmedAt ?? -Infinity);
  const rank = (o: Order) => {
    const m = statusMeaning(o.status);
    return m === null ? -1 : STATUS_RANK[m];
  };
  return Math.sign(latest(b) - latest(a)) || Math.sign(rank(b) - rank(a)) || Math.sign(b.refund - a.refund) || Math.sign(b.note.length - a.note.length);
}

/** A fixed choice between copies the facts cannot order: by content, so never by argument order. */
function contentOrder(a: Order, b: Order): number {
  const key = (o: Order) => JSON.stringify(COMPARED.map((k) => o[k]));
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? 1 : ka > kb ? -1 : 0;
}

/** The parcel left, by the copy's own facts. */
const hasShipped = (o: Order): boolean => {
  const m = statusMeaning(o.status);
  return o.shippedAt !== null || m === "shipped" || m === "done";
};

/**
 * The ERP's copy shipped, the platform's paid and waiting to ship: the parcel left the
 * warehouse but the buyer's order still says 等待卖家发货 (the clerk ships it on Taobao by hand).
 */
function shipMismatch(erp: Order, platform: Order): ShipMismatch | null {
  if (!hasShipped(erp) || hasShipped(platform) || statusMeaning(platform.status) !== "paid") return null;
  const shop = erp.shop ?? platform.shop;
  return {
    orderId: erp.id,
    erpStatus: erp.status,
    erpShippedAt: erp.shippedAt,
    erp: erp.source,
    platformStatus: platform.status,
    platform: platform.source,
    ...(shop !== undefined ? { shop } : {}),
  };
}

/**
 * What only the other copy says, kept: Taobao's export has no 业务员 column and may not name the
 * shop, an ERP's may lack a tracking number the platform has — the later copy wins, its blanks
 * do not erase the other's facts. The order objects are the import's own (never the caller's).
 */
function fillBlanks(used: Order, other: Order): void {
  if (used.salesperson === "" && other.salesperson !== "") used.salesperson = other.salesperson;
  if (used.shop === undefined && other.shop !== undefined) used.shop = other.shop;
  if (used.tracking.trim() === "" && other.tracking.trim() !== "") used.tracking = other.tracking;
}

/**
 * @example const { data, problems } = mergeImports([ordersResult, attendanceResult]);
 */
export function mergeImports(results: ImportResult[]): { data: Dataset; problems: Problem[] } {
  const data = emptyDataset();
  const log = new ProblemLog(1000);
  const problems: Problem[] = [];
  for (const r of results) problems.push(...r.problems);

  const kept = new OrderIdSet(results.reduce((n, r) => n + r.data.orders.length, 0), data.orders);
  // Which copies came from an ERP, by the sheet they were read from (a result is one sheet).
  const sheetKey = (o: Order) => `${o.source.file}\u0000${o.source.sheet}`;
  const fromErp = new Map<string, boolean>();
  for (const r of results) if (r.data.orders.length > 0) fromErp.set(sheetKey(r.data.orders[0]), r.recognition.variant === "erp");
  const kinds = new Set(fromErp.values());
  const mismatches: ShipMismatch[] | undefined = kinds.size === 2 ? [] : undefined;
  for (const r of results) {
    for (const o of r.data.orders) {
      const index = kept.addOrFind(o);
      if (index < 0) continue;
      const first = data.orders[index];
      const differs = COMPARED.filter((k) => first[k] !== o[k]);
      if (mismatches !== undefined && differs.length > 0) {
        const firstErp = fromErp.get(sheetKey(first));
        const erp = r.recognition.variant === "erp";
        const m = firstErp === erp ? null : erp ? shipMismatch(o, first) : shipMismatch(first, o);
        if (m !== null) mismatches.push(m);
      }
      const at = { file: o.source.file, sheet: o.source.sheet, row: o.source.row, column: "订单编号" };
      if (differs.length === 0) {
        fillBlanks(first, o);
        log.add(
          problem(
            "warning",
            "order.duplicate",
            at,
            o.id,
            `订单 ${o.id} 重复出现（首次在 ${place(first)}，又在 ${place(o)}）；只计一次`,
            `order ${o.id} appears twice (first at ${place(first)}, again at ${place(o)}); counted once`,
          ),
        );
      } else {
        const facts = laterState(first, o);
        const newer = (facts || contentOrder(first, o)) > 0;
        const [used, ignored] = newer ? [o, first] : [first, o];
        if (newer) data.orders[index] = o;
        fillBlanks(used, ignored);
        const why = facts !== 0
          ? { zh: "采用状态较新的", en: "the later state of the order (by its times, status, refund and note) is used" }
          : { zh: "两份无法按时间、状态、退款判断先后，按内容固定选用", en: "the copies cannot be ordered by their times, status or refund, so one is chosen by content" };
        log.add(
          problem(
            "warning",
            "order.duplicate.conflict",
            at,
            o.id,
            `订单 ${o.id} 重复出现且内容不同（${differs.join("、")}）：${why.zh} ${place(used)}，忽略 ${place(ignored)}`,
            `order ${o.id} appears twice with different content (${differs.join(", ")}): ${why.en}: ${place(used)}; ${place(ignored)} is ignored`,
          ),
        );
      }
    }
  }

  const staff = new Map<string, string>();
  for (const r of results) {
    for (const a of r.data.roster) {
      const at = place({ source: a.source } as Order);
      const first = staff.get(a.staffNo);
      if (first !== undefined) {
        log.add(
          problem(
            "warning",
            "roster.staffno.duplicate",
            { file: a.source.file, sheet: a.source.sheet, row: a.source.row, column: "工号" },
            a.staffNo,
            `工号 ${a.staffNo} 在 ${first} 已出现；以首次出现为准，本行忽略`,
            `staff number ${a.staffNo} already appears at ${first}; the first is used and this row is ignored`,
          ),
        );
        continue;
      }
      staff.set(a.staffNo, at);
      data.roster.push(a);
    }
    for (const s of r.data.shifts) data.shifts.push(s);
    for (const s of r.data.sales) data.sales.push(s);
    for (const i of r.data.incidents) data.incidents.push(i);
    if (r.data.refunds) for (const x of r.data.refunds) (data.refunds ??= []).push(x);
    if (r.data.affiliates) for (const x of r.data.affiliates) (data.affiliates ??= []).push(x);
    if (r.data.returnShipping) for (const x of r.data.returnShipping) (data.returnShipping ??= []).push(x);
  }
  if (mismatches !== undefined) data.shipMismatches = mismatches.sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
  problems.push(...log.list());
  return { data, problems };
}
