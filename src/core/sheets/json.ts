/**
 * The `--json` contract (issue 4): a stable, machine-readable month for scripts and month-end
 * automation. Money in yuan rounded to 0.01, dates "YYYY-MM-DD", rates as fractions, keys in a
 * fixed order (objects are built literally, never from iteration over unordered data), so the
 * same inputs give byte-identical output. Fields beyond the contract come after it.
 */
import type { CommissionRow, MonthReport, PerformanceRow } from "../reports/types";
import { yuan, yuanOrNull, wallTimeText } from "./layout";
import { orderDay, sourceText } from "./orders";
import { countedShops } from "../shops";
import { countedEach } from "../reports/counted";

function agentJson(p: PerformanceRow | undefined, c: CommissionRow | undefined, dismissed: boolean) {
  const agent = (p ?? c)!.agent;
  return {
    agent: agent.staffNo,
    name: agent.name,
    orders: p?.orders ?? 0,
    collected: yuan(p?.collected ?? c?.collected ?? 0),
    inquiries: p?.inquiries ?? 0,
    payers: p?.payers ?? 0,
    conversion: p?.conversion ?? null,
    aov: yuanOrNull(p?.aov ?? null),
    lateCount: p?.lateCount ?? 0,
    earlyCount: p?.earlyCount ?? 0,
    complaints: p?.complaints ?? 0,
    fines: yuan(p?.fines ?? c?.fines ?? 0),
    dismissal: dismissed || (c?.dismissal ?? false),
    commissionRate: c?.tierRate ?? 0,
    commission: yuan(c?.commission ?? 0),
    netPay: yuan(c?.netPay ?? 0),
    nick: agent.nick,
    inRoster: agent.inRoster,
    rank: p?.rank ?? null,
    kpiScore: p?.kpiScore ?? null,
    sales: yuan(p?.sales ?? 0),
    refunds: yuan(p?.refunds ?? 0),
    refundRate: p?.refundRate ?? null,
    buyers: p?.buyers ?? 0,
    avgResponseSec: p?.avgResponseSec ?? null,
    absenceDays: p?.absenceDays ?? 0,
    daysWorked: c?.daysWorked ?? 0,
    base: yuan(c?.base ?? 0),
    lunch: yuan(c?.lunch ?? 0),
    fullAttendance: yuan(c?.fullAttendance ?? 0),
    performanceBonus: yuan(c?.performanceBonus ?? 0),
    executionBonus: yuan(c?.executionBonus ?? 0),
    positionAllowance: yuan(c?.positionAllowance ?? 0),
    quarterlyCollected: yuanOrNull(c?.quarterlyCollected ?? null),
    quarterly: yuan(c?.quarterly ?? 0),
    adjustment: yuan(c?.adjustment ?? 0),
    scheduledDays: c?.scheduledDays ?? 0,
    workedDays: c?.workedDays ?? 0,
    absentDays: c?.absentDays ?? 0,
    basePay: yuan(c?.basePay ?? 0),
    clawback: yuan(c?.clawback ?? 0),
    yearEnd: yuan(c?.yearEnd ?? 0),
    rewards: yuan(c?.rewards ?? 0),
    clawbackOrders: (c?.clawbackOrders ?? []).map((o) => ({ orderId: o.orderId, before: yuan(o.before), after: yuan(o.after) })),
    performanceThreshold: c ? yuan(c.performanceThreshold) : null,
  };
}

/**
 * The month as the `--json` file holds it.
 * @example reportToJson(report).agents[0] // { agent: "KF01", name: "小美", orders: 12, collected: 3456.7, … }
 */
export function reportToJson(report: MonthReport) {
  return jsonOf(report, [...creditedOrders(report)].map(creditedJson));
}

/** An order credited to an agent, as `credited` lists it. */
function creditedJson(o: MonthReport["counted"][number]) {
  return { orderId: o.order.id, agent: o.agent, paid: yuan(o.order.paid), shipping: yuan(o.order.shipping), refund: yuan(o.order.refund), collected: yuan(o.collected) };
}

/** The orders credited to agents, for next month's clawback (--previous this JSON). */
function* creditedOrders(report: MonthReport): Generator<MonthReport["counted"][number]> {
  for (const o of report.counted) if (o.agent !== null && o.creditRemovedBy === null) yield o;
}

/** The JSON with `credited` as given (the list, or a marker the text writer replaces). */
function jsonOf<C>(report: MonthReport, credited: C) {
  const perf = new Map(report.performance.map((p) => [p.agent.staffNo, p]));
  const comm = new Map(report.commission.map((c) => [c.agent.staffNo, c]));
  const dismissed = new Set(report.penalties.filter((p) => p.dismissal).map((p) => p.agent.staffNo));
  const order: string[] = [];
  for (const p of report.performance) order.push(p.agent.staffNo);
  for (const c of report.commission) if (!perf.has(c.agent.staffNo)) order.push(c.agent.staffNo);

  let agentsCollected = 0;
  for (const p of report.performance) agentsCollected += p.collected;
  let unattributedCollected = 0;
  for (const o of report.unattributed) unattributedCollected += o.collected;

  return {
    month: report.month,
    agents: order.map((k) => agentJson(perf.get(k), comm.get(k), dismissed.has(k))),
    penalties: report.penalties.map((p) => ({
      id: p.id,
      date: p.date,
      agent: p.agent.staffNo,
      rule: p.rule,
      occurrence: p.occurrence,
      amount: yuan(p.amount),
      dismissal: p.dismissal,
      waived: p.waived,
      source: sourceText(p.source),
      name: p.agent.name,
      ruleLabel: p.ruleLabel,
      effective: yuan(p.effective),
      orderId: p.orderId,
      remark: p.remark,
      sourceFile: p.source.file,
      detail: p.detail,
    })),
    fund: yuan(report.fund),
    days: report.days.map((d) => ({
      date: d.date,
      ordersPaid: d.ordersPaid,
      paidAmount: yuan(d.paidAmount),
      unattributedOrders: d.unattributedOrders,
      unattributedAmount: yuan(d.unattributedAmount),
      ordersCreated: d.ordersCreated,
      refunds: yuan(d.refunds),
      attributedAmount: yuan(d.attributedAmount),
      unshippedLate: d.unshippedLate,
      unpaidToChase: d.unpaidToChase,
      salesExportDiff: yuanOrNull(d.salesExportDiff),
    })),
    unattributed: report.unattributed.map((o) => ({
      orderId: o.order.id,
      amount: yuan(o.collected),
      note: o.order.note,
      day: orderDay(o, report),
      paidAt: o.order.paidAt === null ? null : wallTimeText(o.order.paidAt),
      buyer: o.order.buyer,
      paid: yuan(o.order.paid),
      refund: yuan(o.order.refund),
      status: o.order.status,
      salesperson: o.order.salesperson,
      source: sourceText(o.order.source),
      sourceFile: o.order.source.file,
    })),
    problems: report.problems.map((p) => ({
      file: p.file,
      sheet: p.sheet,
      row: p.row,
      column: p.column,
      value: p.value,
      message: `${p.zh} / ${p.en}`,
      severity: p.severity,
      code: p.code,
      zh: p.zh,
      en: p.en,
    })),
    shopCollected: yuan(report.shopCollected),
    agentsCollected: yuan(agentsCollected),
    unattributedCollected: yuan(unattributedCollected),
    credited,
    dayAgentDiffs: report.dayAgentDiffs.map((d) => ({
      date: d.date,
      agent: d.agent.staffNo,
      exportSales: yuan(d.exportSales),
      attributed: yuan(d.attributed),
      diff: yuan(d.diff),
      status: d.status ?? null,
      unexplained: d.unexplained === undefined ? null : yuan(d.unexplained),
      reasons: (d.reasons ?? []).map((r) => ({ kind: r.kind, amount: yuan(r.amount), orders: r.ids })),
    })),
    ...(report.selfAudit
      ? {
          selfAudit: {
            trackingChecked: report.selfAudit.trackingKnown,
            shippedWithoutTracking: report.selfAudit.noTrackingCount,
            shippedWithoutTrackingOrders: report.selfAudit.noTracking.map((o) => ({ orderId: o.orderId, date: o.date, status: o.status, salesperson: o.salesperson, source: sourceText(o.source), sourceFile: o.source.file })),
            bySalesperson: report.selfAudit.bySalesperson.map((s) => ({
              salesperson: s.salesperson,
              orders: s.orders,
              collected: yuan(s.collected),
              byNote: s.byNote,
              byColumn: s.byColumn,
              unattributed: s.unattributed,
              unattributedCollected: yuan(s.unattributedCollected),
            })),
            partShipped: report.selfAudit.partShipped.map((p) => ({
              orderId: p.orderId,
              buyer: p.buyer,
              paidAt: wallTimeText(p.paidAt),
              shippedOrderId: p.shippedOrderId,
              shippedAt: wallTimeText(p.shippedAt),
              source: sourceText(p.source),
              sourceFile: p.source.file,
            })),
            erpShippedNotOnPlatform:
              report.selfAudit.erpShipped === null
                ? null
                : report.selfAudit.erpShipped.map((m) => ({
                    orderId: m.orderId,
                    erpStatus: m.erpStatus,
                    erpShippedAt: m.erpShippedAt === null ? null : wallTimeText(m.erpShippedAt),
                    platformStatus: m.platformStatus,
                    erp: sourceText(m.erp),
                    platform: sourceText(m.platform),
                    erpFile: m.erp.file,
                    platformFile: m.platform.file,
                  })),
          },
        }
      : {}),
    // Present only when their inputs are: a group of shops, a 淘宝联盟 export, a 运费补贴 sheet.
    ...shopsJson(report),
    ...(report.affiliates
      ? {
          affiliates: report.affiliates.map((a) => ({
            affiliate: a.affiliate,
            orders: a.orders,
            rate: a.rate,
            commission: yuan(a.commission),
            lines: a.lines.map((l) => ({ orderId: l.orderId, date: l.date, base: yuan(l.base), commission: yuan(l.commission), capped: l.capped })),
          })),
        }
      : {}),
    ...(report.returnShipping
      ? { returnShipping: report.returnShipping.map((l) => ({ date: l.date, orderId: l.orderId, kind: l.kind, claimed: l.claimed === null ? null : yuan(l.claimed), amount: yuan(l.amount) })) }
      : {}),
  };
}

/** Each shop's counted orders and collected, when the month's orders name two shops or more. */
function shopsJson(report: MonthReport): { shops?: { shop: string; orders: number; collected: number }[] } {
  if (countedShops(report).length < 2) return {};
  const by = new Map<string, { orders: number; collected: number }>();
  countedEach(report, ({ shop, collected }) => {
    if (shop === "") return;
    const s = by.get(shop) ?? { orders: 0, collected: 0 };
    s.orders++;
    s.collected += collected;
    by.set(shop, s);
  });
  if (by.size < 2) return {};
  return { shops: [...by.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([shop, s]) => ({ shop, orders: s.orders, collected: yuan(s.collected) })) };
}

export type MonthJson = ReturnType<typeof reportToJson>;

/**
 * The file text: two-space indented, trailing newline; the `credited` list one order per line.
 * A million-order month credits most of its orders: indented, each took nine lines and ~200
 * bytes (120 MB of the file, seconds to write and read back); on one line each it is a third.
 */
export function reportJsonText(report: MonthReport): string {
  return [...reportJsonParts(report)].join("");
}

/**
 * The same text in parts of about `batch` credited orders, for a host that writes as it goes: a
 * million-order month's file is ~100 MB, and one string of it (with the object tree behind it)
 * was half a gigabyte at the end of a build.
 */
export function* reportJsonParts(report: MonthReport, batch = 20_000): Generator<string> {
  const decoder = new TextDecoder();
  for (const pieces of jsonBatches(report, batch)) yield pieces.map((p) => (typeof p === "string" ? p : decoder.decode(p))).join("");
}

/**
 * The same text as UTF-8, in parts: for a host that writes a file. The credited lines are made as
 * bytes; handing them on as bytes spares decoding ~100 MB into text that the file then encodes back.
 */
export function* reportJsonBytes(report: MonthReport, batch = 20_000): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  for (const pieces of jsonBatches(report, batch)) for (const p of pieces) yield typeof p === "string" ? encoder.encode(p) : p;
}

/** A part of the text: as text, or as UTF-8 bytes (made so). */
type Piece = string | Uint8Array;

/** The text, a batch of pieces at a time (the head, each `batch` credited lines, the tail). */
function* jsonBatches(report: MonthReport, batch: number): Generator<Piece[]> {
  const marker = "@@kefu-credited@@";
  const slot = `"credited": "${marker}"`;
  const text = JSON.stringify(jsonOf(report, marker), null, 2) + "\n";
  const at = text.indexOf(slot);
  yield [text.slice(0, at) + '"credited": '];
  let any = false;
  for (const part of creditedParts(report, batch)) {
    yield part;
    any = true;
  }
  yield [(any ? "\n  ]" : "[]") + text.slice(at + slot.length)];
}

/** Each credited order's line, `batch` lines a part; the first starts the list ("[\n    "). */
function* creditedParts(report: MonthReport, batch: number): Generator<Piece[]> {
  const cols = report.countedColumns;
  if (!cols) {
    let lines: string[] = [];
    let sep = "[\n    ";
    for (const o of creditedOrders(report)) {
      lines.push(sep + JSON.stringify(creditedJson(o)));
      sep = ",\n    ";
      if (lines.length >= batch) {
        yield [lines.join("")];
        lines = [];
      }
    }
    if (lines.length > 0) yield [lines.join("")];
    return;
  }
  yield* creditedColumnParts(cols, batch);
}

/**
 * `JSON.stringify(creditedJson(o))` for each credited order (a test holds them equal), written as
 * bytes from the report's columns: ~850k lines of a million-order month as strings were an object
 * graph of ~10 strings a line, their number texts (double → shortest decimal) and the joins — ~1.7 s
 * of CPU; written into one buffer a batch, about half that. Ids and agents that are not plain
 * printable ASCII (never seen in an export, but allowed) take the string way, line by line.
 */
function* creditedColumnParts(cols: NonNullable<MonthReport["countedColumns"]>, batch: number): Generator<Piece[]> {
  let bytes = new Uint8Array(1 << 16);
  let at = 0;
  let pieces: Piece[] = []; // lines that took the string way, and the bytes made before them
  let inBatch = 0;
  let first = true;
  // Each agent's bytes, by the columns' agent index (null: not plain ASCII, the string way).
  const agentBytes = cols.agentNames.map((agent) => (plainAscii(agent) ? asciiBytes(agent) : null));
  // The bytes made so far, as a piece of their own; the buffer goes on fresh (a reader may keep the piece).
  const cut = (end: number): void => {
    pieces.push(bytes.slice(0, end));
    at = 0;
  };
  for (let i = 0; i < cols.ids.length; i++) {
    const ai = cols.agent[i];
    if (ai < 0 || cols.removed[i] === 1) continue;
    const agent = cols.agentNames[ai];
    const a = agentBytes[ai];
    const id = cols.ids[i];
    // Longest line: the fixed text (83 bytes), the id and agent, four numbers of ≤ 17 bytes each.
    const need = 160 + id.length + (a === null ? 0 : a.length);
    if (at + need > bytes.length) {
      if (at > 0 && bytes.length >= 1 << 22) cut(at);
      if (at + need > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, at + need));
        grown.set(bytes.subarray(0, at));
        bytes = grown;
      }
    }
    const start = at;
    at = putAscii(bytes, at, first ? LIST_START : LINE_START);
    at = a === null ? -1 : putPlain(bytes, at, id);
    if (at >= 0) {
      at = putAscii(bytes, at, AGENT);
      bytes.set(a!, at);
      at = putYuan(bytes, putAscii(bytes, at + a!.length, PAID), cols.paid[i]);
    }
    if (at >= 0) at = putYuan(bytes, putAscii(bytes, at, SHIPPING), cols.shipping[i]);
    if (at >= 0) at = putYuan(bytes, putAscii(bytes, at, REFUND), cols.refund[i]);
    if (at >= 0) at = putYuan(bytes, putAscii(bytes, at, COLLECTED), cols.collected[i]);
    if (at >= 0) bytes[at++] = 0x7d; // }
    else {
      if (start > 0) cut(start);
      at = 0;
      pieces.push(
        (first ? "[\n    " : ",\n    ") +
          `{"orderId":${JSON.stringify(id)},"agent":${JSON.stringify(agent)},"paid":${yuan(cols.paid[i])},"shipping":${yuan(cols.shipping[i])},"refund":${yuan(cols.refund[i])},"collected":${yuan(cols.collected[i])}}`,
      );
    }
    first = false;
    if (++inBatch >= batch) {
      yield flush();
      inBatch = 0;
    }
  }
  if (inBatch > 0) yield flush();

  function flush(): Piece[] {
    if (at > 0) cut(at);
    const out = pieces;
    pieces = [];
    return out;
  }
}

const LIST_START = asciiBytes('[\n    {"orderId":"');
const LINE_START = asciiBytes(',\n    {"orderId":"');
const AGENT = asciiBytes('","agent":"');
const PAID = asciiBytes('","paid":');
const SHIPPING = asciiBytes(',"shipping":');
const REFUND = asciiBytes(',"refund":');
const COLLECTED = asciiBytes(',"collected":');

function asciiBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

function putAscii(bytes: Uint8Array, at: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) bytes[at + i] = b[i];
  return at + b.length;
}

/** Whether JSON.stringify(s) is s in quotes, all of it one byte a character: printable ASCII but " and \. */
function plainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/** `s` as bytes at `at` (the next position), or -1 when it is not plainAscii. */
function putPlain(bytes: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return -1;
    bytes[at++] = c;
  }
  return at;
}

/**
 * `String(yuan(cents))` — as JSON.stringify prints the number — as ASCII bytes at `at`, made with
 * integer arithmetic; returns the next position, or -1 (nothing meant) beyond ±10^15 cents or for
 * a non-number, which the caller prints the string way. Below 10^15 cents the yuan have at most 15
 * significant digits, so the shortest decimal that reads back as the double nearest n / 100 is
 * n / 100 itself: the integer part, then the cents without trailing zeros (a property test holds
 * the two equal).
 * @example putYuan(b, 0, -6460) // b: "-64.6", returns 5
 */
export function putYuan(bytes: Uint8Array, at: number, cents: number): number {
  let n = Math.round(cents);
  if (!(n > -1e15 && n < 1e15)) return -1;
  if (n < 0) {
    bytes[at++] = 0x2d; // -
    n = -n;
  }
  const whole = Math.floor(n / 100);
  const frac = n - whole * 100;
  if (whole < 10) bytes[at++] = 0x30 + whole;
  else {
    let end = at;
    for (let x = whole; x >= 1; x = Math.floor(x / 10)) end++;
    for (let x = whole, w = end; w > at; ) {
      const y = Math.floor(x / 10);
      bytes[--w] = 0x30 + (x - y * 10);
      x = y;
    }
    at = end;
  }
  if (frac !== 0) {
    const tens = Math.floor(frac / 10);
    const ones = frac - tens * 10;
    bytes[at++] = 0x2e; // .
    bytes[at++] = 0x30 + tens;
    if (ones !== 0) bytes[at++] = 0x30 + ones;
  }
  return at;
}
