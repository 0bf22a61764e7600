/**
 * 订单明细 (counted orders) and 未归属订单 (unattributed orders): the detail sheets behind every
 * collected figure. The live totals elsewhere sum over 订单明细 (SUMIFS by agent and day), so each
 * agent's 回款 traces to its orders; 未归属订单 lists what no agent was credited with, with the note.
 * "Credited" is 1 for an order that counts for its agent (attributed, credit not removed by an
 * incident), the column SUMIFS uses for the agents' order counts, sales and refunds.
 */
import type { CountedColumns, CountedOrder, MonthReport } from "../reports/types";
import { countedCount, countedRows, type OrderRows } from "../reports/counted";
import { TextCodes, textAt } from "../reports/textcolumn";
import type { SourceRef } from "../model";
import type { Rules } from "../rules/types";
import { EXCEL_MAX_ROWS, MAX_CELL_TEXT, TableRef, cellText, daySerial, formula, timeSerial, wallDay, wallDayCell, wallTimeCell, yuan } from "./layout";
import { withLazyRows } from "./lazy";
import { SHEET_NAMES } from "./names";
import type { BlockSpec, ColumnSpec, DateCell, SheetSpec, SpecCell } from "./types";

interface OrderField {
  column: ColumnSpec;
  cell: (o: CountedOrder, day: DateCell | null, matched: string) => SpecCell;
}

const money = (key: string, header: string, width: number, get: (o: CountedOrder) => number): OrderField => ({
  column: { key, header, format: "money", width },
  cell: (o) => yuan(get(o)),
});

/** Every order column either sheet may show, by key. */
const FIELDS: Record<string, OrderField> = {
  orderId: { column: { key: "orderId", header: "订单编号 Order id", format: "text", width: 22 }, cell: (o) => o.order.id },
  agent: { column: { key: "agent", header: "客服工号 Agent", format: "text", width: 12 }, cell: (o) => o.agent ?? "" },
  day: {
    column: { key: "day", header: "计入日期 Day", format: "date", width: 12 },
    cell: (_o, day) => day,
  },
  paidAt: {
    column: { key: "paidAt", header: "付款时间 Paid at", format: "datetime", width: 20 },
    cell: (o) => (o.order.paidAt === null ? null : wallTimeCell(o.order.paidAt)),
  },
  buyer: { column: { key: "buyer", header: "买家 Buyer", format: "text", width: 18 }, cell: (o) => cellText(o.order.buyer) },
  status: { column: { key: "status", header: "订单状态 Status", format: "text", width: 22 }, cell: (o) => cellText(o.order.status) },
  paid: money("paid", "实付 Paid", 12, (o) => o.order.paid),
  shipping: money("shipping", "邮费 Shipping", 10, (o) => o.order.shipping),
  refund: money("refund", "退款 Refund", 12, (o) => o.order.refund),
  collected: money("collected", "回款 Collected", 13, (o) => o.collected),
  credited: {
    column: { key: "credited", header: "计入客服业绩 Credited (1/0)", format: "int", width: 10 },
    cell: (o) => (o.agent !== null && o.creditRemovedBy === null ? 1 : 0),
  },
  creditRemovedBy: {
    column: { key: "creditRemovedBy", header: "扣除业绩 Credit removed by", format: "text", width: 18 },
    cell: (o) => o.creditRemovedBy ?? "",
  },
  matched: { column: { key: "matched", header: "备注匹配 Note code", format: "text", width: 12 }, cell: (_o, _d, m) => cellText(m) },
  note: { column: { key: "note", header: "订单备注 Seller note", format: "text", width: 40 }, cell: (o) => cellText(o.order.note) },
  salesperson: {
    column: { key: "salesperson", header: "业务员 Salesperson", format: "text", width: 12 },
    cell: (o) => cellText(o.order.salesperson),
  },
  source: { column: { key: "source", header: "来源 Source", format: "text", width: 24 }, cell: (o) => cellText(sourceText(o.order.source)) },
};

const pick = (keys: string[]): ColumnSpec[] => keys.map((k) => FIELDS[k].column);

export const ORDER_COLUMNS = pick([
  "orderId", "agent", "day", "paidAt", "buyer", "status", "paid", "shipping", "refund", "collected",
  "credited", "creditRemovedBy", "matched", "source",
]);

export const UNATTRIBUTED_COLUMNS = pick([
  "orderId", "buyer", "day", "paidAt", "status", "paid", "shipping", "refund", "collected", "note",
  "salesperson", "source",
]);

/**
 * The first words of 订单明细's block of last month's orders this month's clawback recomputed.
 * A later month's build reads it back (reports/pay/previous.ts): a quarter's or a year's collected
 * summed from the boards takes those orders at their amount after the refund, as the clawback did,
 * not at the amount the earlier board credited.
 */
export const CLAWED_BLOCK_TITLE = "上月订单追回";

/**
 * The note row of a detail sheet the pane wrote in part (src/excel/paging.ts), in both languages.
 * Here, beside the sheet's other blocks, because a later month reads it back: a clawback from a
 * board written in part sees only its first orders (reports/pay/previous.ts).
 */
export function pagedNote(written: number, total: number): string {
  const n = written.toLocaleString("en-US");
  const all = total.toLocaleString("en-US");
  return (
    `本表只写入了前 ${n} 行，共 ${all} 行（行数太多时整表写入会使工作簿很慢）；合计与其他各表的数字按全部 ${all} 行计算，写为数值。` +
    `在任务窗格点“写入更多订单明细”可继续写入。 / ` +
    `Only the first ${n} of ${all} rows are written here (the whole list would make the workbook slow); the totals and the other sheets' figures count all ${all} rows and are written as values. ` +
    `Use "Write more detail rows" in the task pane to add more.`
  );
}

/**
 * The note of a detail sheet written in part, found in a sheet's rows (last month's board read
 * back for the clawback): written and total rows, or null when the sheet holds every row.
 */
export function pagedNoteOf(rows: readonly (readonly unknown[])[]): { written: number; total: number } | null {
  for (const row of rows) {
    const c = row?.[0];
    if (typeof c !== "string") continue;
    const m = /^本表只写入了前 ([\d,]+) 行，共 ([\d,]+) 行/.exec(c);
    if (m) return { written: Number(m[1].replace(/,/g, "")), total: Number(m[2].replace(/,/g, "")) };
  }
  return null;
}

/** The clawed-back orders as a block: 订单编号, 客服, 上月回款 (under 实付), 追回后回款 (under 回款), why. */
function clawedBlock(report: MonthReport): BlockSpec | null {
  const rows: SpecCell[][] = [];
  const col = (key: string) => ORDER_COLUMNS.findIndex((c) => c.key === key);
  const header: SpecCell[] = ORDER_COLUMNS.map(() => null);
  header[col("orderId")] = "订单编号 Order id";
  header[col("agent")] = "客服工号 Agent";
  header[col("paid")] = "上月回款 Before";
  header[col("collected")] = "追回后回款 After";
  header[col("source")] = "原因 Why";
  for (const c of report.commission) {
    for (const o of c.clawbackOrders) {
      const row: SpecCell[] = ORDER_COLUMNS.map(() => null);
      row[col("orderId")] = o.orderId;
      row[col("agent")] = c.agent.staffNo;
      row[col("paid")] = yuan(o.before);
      row[col("collected")] = yuan(o.after);
      row[col("credited")] = 0;
      row[col("source")] = cellText(o.why);
      rows.push(row);
    }
  }
  if (rows.length === 0) return null;
  return {
    title: `${CLAWED_BLOCK_TITLE}（本月追回的上月计入订单）/ last month's credited orders clawed back this month`,
    rows: [header, ...rows],
    style: "note",
  };
}

/** "考勤!12" — where a record came from, as the ledgers show it. */
export function sourceText(s: SourceRef): string {
  return `${s.sheet}!${s.row}`;
}

/** The day an order counts on, by the rules' date basis (付款 or 确认收货). */
export function orderDay(o: CountedOrder, report: MonthReport): string | null {
  const t = orderDayTime(o, report);
  return t === null ? null : wallDay(t);
}

export function orderDayTime(o: CountedOrder, report: MonthReport): number | null {
  return report.rules.sales.dateBasis === "confirmed" ? o.order.confirmedAt : o.order.paidAt;
}

/**
 * The note code an order was matched by. Reports built before CountedOrder carried `matched` (and
 * hand-made ones in tests) say it in the attributions, read once when first needed.
 */
function matchedReader(report: MonthReport): (o: CountedOrder) => string {
  let matchedBy: Map<string, string> | null = null;
  return (o) => {
    if (o.matched !== undefined) return o.matched;
    if (matchedBy === null) {
      matchedBy = new Map();
      for (const a of report.attributions) if (a.matched) matchedBy.set(a.orderId, a.matched);
    }
    return matchedBy.get(o.order.id) ?? "";
  };
}

const listRows = (list: readonly CountedOrder[]): OrderRows => ({ length: list.length, at: (i) => list[i] });

/** Row i of a drill-down, computed when asked (see ./lazy.ts); the same cells every time. */
function orderRowSource(list: OrderRows, columns: ColumnSpec[], report: MonthReport): (i: number) => SpecCell[] {
  const matchedOf = matchedReader(report);
  const fields = columns.map((c) => FIELDS[c.key]);
  return (i) => {
    const o = list.at(i);
    const t = orderDayTime(o, report);
    const day = t === null ? null : wallDayCell(t);
    const matched = matchedOf(o);
    const row: SpecCell[] = new Array(fields.length);
    for (let j = 0; j < fields.length; j++) row[j] = fields[j].cell(o, day, matched);
    return row;
  };
}

/** 合计 row: live SUMs of the money columns and the order count. */
function totalsRow(t: TableRef, list: OrderRows, cols?: CountedColumns): SpecCell[] {
  const cells: SpecCell[] = new Array(t.columns.length).fill(null);
  // The count sits under the order ids it counts, in words ("合计 Total：3000 单 orders").
  cells[0] = formula(`CONCATENATE("合计 Total：",COUNTIFS(${t.range("orderId", false)},"<>")," 单 orders")`, `合计 Total：${list.length} 单 orders`);
  let paid = 0;
  let shipping = 0;
  let refund = 0;
  let collected = 0;
  if (cols) {
    for (let i = 0; i < list.length; i++) {
      paid += cols.paid[i];
      shipping += cols.shipping[i];
      refund += cols.refund[i];
      collected += cols.collected[i];
    }
  } else {
    for (let i = 0; i < list.length; i++) {
      const o = list.at(i);
      paid += o.order.paid;
      shipping += o.order.shipping;
      refund += o.order.refund;
      collected += o.collected;
    }
  }
  const sums: [string, number][] = [["paid", paid], ["shipping", shipping], ["refund", refund], ["collected", collected]];
  for (const [key, cents] of sums) cells[t.col(key)] = formula(`SUM(${t.range(key, false)})`, yuan(cents));
  return cells;
}

/** Rows above the data (title, subtitle, header) and below it (blank + totals). */
const FRAME_ROWS = 3 + 2;

/**
 * Whether a list of orders fits one worksheet under `maxRows` with its totals. When it does not
 * (a CSV month beyond Excel's 1,048,576 rows), the sheet lists what fits, says so, and its totals
 * are values; other sheets then get values instead of formulas over it (see index.ts).
 */
export function ordersFit(count: number, maxRows: number): boolean {
  return count + FRAME_ROWS <= maxRows;
}

/** The data rows of an order sheet listing `count` orders: all when they fit, else what does (two more rows, blank + note, sit above the totals). */
export function orderSheetRows(count: number, maxRows = EXCEL_MAX_ROWS): number {
  return ordersFit(count, maxRows) ? count : Math.min(count, Math.max(0, maxRows - FRAME_ROWS - 2));
}

function orderSheet(
  key: "orders" | "unattributed",
  report: MonthReport,
  list: OrderRows,
  /** The report's columns when `list` is its counted orders (the totals are summed there). */
  cols: CountedColumns | undefined,
  table: TableRef,
  about: string,
  maxRows: number,
): SheetSpec {
  const s = SHEET_NAMES[key];
  const fits = ordersFit(list.length, maxRows);
  const shown: OrderRows = fits ? list : { length: orderSheetRows(list.length, maxRows), at: list.at };
  const columns = table.columns.slice();
  const blocks: BlockSpec[] = fits
    ? [{ rows: [totalsRow(table, list, cols)], style: "total" }]
    : [
        {
          rows: [[`只列出前 ${shown.length} 笔，共 ${list.length} 笔（Excel 行数上限）；全部订单见 --json / only the first ${shown.length} of ${list.length} orders fit (Excel's row limit); the JSON lists them all`]],
          style: "note",
        },
        { rows: [totalsRow(table, list, cols).map((c) => (c !== null && typeof c === "object" && "f" in c ? c.v : c))], style: "total" },
      ];
  return withLazyRows(
    {
      key,
      name: s.name,
      nameEn: s.nameEn,
      title: `${s.name} ${report.month}`,
      subtitle: `${s.nameEn} · ${report.month} · ${about}`,
      tabColor: s.tabColor,
      columns,
      idColumn: 0,
      blocks,
      freeze: { rows: 3, columns: 1 },
      autoFilter: true,
    },
    shown.length,
    orderRowSource(shown, columns, report),
    // Every text an order row shows is checked for length by the engine (text.too_long).
    !report.problems.some((p) => p.code === "text.too_long"),
  );
}

export function buildOrdersSheet(report: MonthReport, table: TableRef, maxRows: number): SheetSpec {
  const spec = orderSheet("orders", report, countedRows(report), report.countedColumns, table, "计入本月回款的订单 orders counted in the month's collected sales", maxRows);
  const clawed = clawedBlock(report);
  if (clawed) spec.blocks = [...spec.blocks, clawed];
  return spec;
}

export function buildUnattributedSheet(report: MonthReport, table: TableRef, maxRows: number): SheetSpec {
  return orderSheet(
    "unattributed",
    report,
    listRows(report.unattributed),
    undefined,
    table,
    "备注中没有客服工号的订单，不计入任何人 orders whose note names no agent; credited to nobody",
    maxRows,
  );
}

/**
 * A coded column made from codes of another numbering (a report's column): each source code gets
 * its place in order of first appearance, and its text, made safe for a cell, once — what coding
 * the texts row by row gives, without a text or a map lookup per row.
 */
class Recoder {
  readonly values: string[] = [];
  readonly codes: Uint32Array;
  private readonly place: Int32Array;

  constructor(
    sources: number,
    private readonly text: (source: number) => string,
    n: number,
  ) {
    this.place = new Int32Array(sources).fill(-1);
    this.codes = new Uint32Array(n);
  }

  put(i: number, source: number): void {
    let c = this.place[source];
    if (c < 0) {
      c = this.place[source] = this.values.length;
      this.values.push(cellText(this.text(source)));
    }
    this.codes[i] = c;
  }
}

/** One column of 订单明细 as plain data (see `orderSheetColumns`). */
export type OrderSheetColumn =
  /** Text: every row's value joined, and each value's length ("" = no cell). */
  | { kind: "text"; joined: string; lengths: Uint32Array }
  /** Text with few distinct values: the values, and each row's index among them. */
  | { kind: "coded"; values: string[]; codes: Uint32Array }
  /** Numbers (money in yuan, date serials); NaN = no cell. */
  | { kind: "number"; values: Float64Array }
  /** Text made of a prefix and a whole number (订单明细's 来源 "sheet!row"): prefixes[codes[i]] + numbers[i]. */
  | { kind: "numbered"; prefixes: string[]; codes: Uint32Array; numbers: Float64Array };

const TEXT_KEYS = ["orderId", "agent", "buyer", "status", "creditRemovedBy", "matched", "source"];
const NUMBER_KEYS = ["day", "paidAt", "paid", "shipping", "refund", "collected", "credited"];

/**
 * 订单明细's first `count` data rows as one typed column per ORDER_COLUMNS entry, the very values
 * its lazy rows hold (dates as the serials their DateCells carry), without a cell per row: for a
 * writer that renders the sheet elsewhere (the command line's worker thread, src/xlsx/detail-*.ts).
 * Rows [from, count) when `from` is given (value k of a column is row from + k).
 * `coded(key)` picks the text columns to give as distinct values + indices. null when a column is
 * one it does not know (the writer then uses the rows). One pass, row by row: a million orders
 * lie all over the heap, and each visit of one is a cache miss.
 */
export function orderSheetColumns(report: MonthReport, count: number, coded: (key: string) => boolean, from = 0): OrderSheetColumn[] | null {
  const end = Math.min(count, countedCount(report));
  // What the report's columns hold is read there (in order, no object); each order object is
  // visited once, for what only it holds — a million of them lie all over the heap.
  // (Those of the sheet's own columns the report keeps for the rows a worksheet can hold.)
  const kept = report.countedColumns;
  const cols = kept && end <= kept.buyer.length ? kept : null;
  return sheetColumns(cols, report, report.rules.sales.dateBasis === "confirmed", end, coded, from);
}

/**
 * 订单明细's rows as the counted orders' columns give them, before the report around them is made
 * (BuildOptions.onCounted): a host can start writing the sheet while the build goes on. Its
 * `rows` and `columns` are what the sheet spec's rows and `orderSheetColumns` will be.
 */
export interface CountedSheet {
  rows: number;
  /** Rows [from, end) as columns, as `orderSheetColumns` gives them. */
  columns(from: number, end: number, coded: (key: string) => boolean): OrderSheetColumn[] | null;
}

export function countedSheet(cols: CountedColumns, rules: Rules): CountedSheet {
  const confirmed = rules.sales.dateBasis === "confirmed";
  return {
    rows: orderSheetRows(cols.ids.length),
    columns: (from, end, coded) => sheetColumns(cols, null, confirmed, Math.min(end, cols.buyer.length), coded, from),
  };
}

/** `orderSheetColumns` of rows [from, end): from `cols` when given, else from the report's order objects. */
function sheetColumns(cols: CountedColumns | null, report: MonthReport | null, confirmed: boolean, end: number, coded: (key: string) => boolean, from: number): OrderSheetColumn[] | null {
  const n = Math.max(0, end - from);
  const keys = ORDER_COLUMNS.map((c) => c.key);
  if (keys.some((k) => !TEXT_KEYS.includes(k) && !NUMBER_KEYS.includes(k))) return null;
  if (!cols && !report) return null;
  // Coded columns whose report column is already codes: recoded in order of first appearance
  // (as from their texts), by array, with no text per row.
  const direct = new Map<string, Recoder>();
  if (cols) {
    if (coded("agent")) direct.set("agent", new Recoder(cols.agentNames.length + 1, (c) => (c === 0 ? "" : cols.agentNames[c - 1]), n));
    if (coded("status")) direct.set("status", new Recoder(cols.status.texts.length, (c) => cols.status.texts[c], n));
    if (coded("matched")) direct.set("matched", new Recoder(cols.matched.texts.length, (c) => cols.matched.texts[c], n));
  }
  const agentCodes = direct.get("agent");
  const statusCodes = direct.get("status");
  const matchedCodes = direct.get("matched");
  const text: Record<string, string[]> = {};
  for (const k of TEXT_KEYS) text[k] = direct.has(k) ? [] : new Array<string>(n);
  const num: Record<string, Float64Array> = {};
  for (const k of NUMBER_KEYS) num[k] = new Float64Array(n);
  const { orderId, agent, buyer, status, creditRemovedBy, matched, source } = text;
  const { day, paidAt, paid, shipping, refund, collected, credited } = num;
  // Sources as "sheet!" prefixes (a handful) and row numbers: a string each only if asked for.
  const prefixes: string[] = [];
  const sourceCodes = new Uint32Array(n);
  const sourceRows = new Float64Array(n);
  let lastSheet: string | null = null;
  let prefix = 0;
  const prefixOf = (sheet: string): number => {
    if (sheet === lastSheet) return prefix;
    lastSheet = sheet;
    const text = sheet + "!";
    prefix = prefixes.indexOf(text);
    if (prefix < 0) prefix = prefixes.push(text) - 1;
    return prefix;
  };
  if (cols) {
    // Only the report's columns: no order object.
    for (let i = 0; i < n; i++) {
      const r = from + i;
      const ai = cols.agent[r];
      const removed = cols.removed[r] === 1;
      orderId[i] = cols.ids[r];
      if (agentCodes) agentCodes.put(i, ai + 1);
      else agent[i] = ai < 0 ? "" : cols.agentNames[ai];
      buyer[i] = cols.buyer[r];
      if (statusCodes) statusCodes.put(i, cols.status.codes[r]);
      else status[i] = textAt(cols.status, r);
      creditRemovedBy[i] = removed ? (cols.removedBy.get(r) ?? "") : "";
      if (matchedCodes) matchedCodes.put(i, cols.matched.codes[r]);
      else matched[i] = textAt(cols.matched, r);
      sourceCodes[i] = prefixOf(textAt(cols.sourceSheet, r));
      sourceRows[i] = cols.sourceRow[r];
      const pt = cols.paidAt[r];
      paidAt[i] = Number.isNaN(pt) ? NaN : timeSerial(pt);
      const t = confirmed ? cols.confirmedAt[r] : pt;
      day[i] = Number.isNaN(t) ? NaN : daySerial(t);
      paid[i] = yuan(cols.paid[r]);
      shipping[i] = yuan(cols.shipping[r]);
      refund[i] = yuan(cols.refund[r]);
      collected[i] = yuan(cols.collected[r]);
      credited[i] = ai >= 0 && !removed ? 1 : 0;
    }
  } else {
    const list = report!.counted;
    const matchedOf = matchedReader(report!);
    for (let i = 0; i < n; i++) {
      const r = from + i;
      const o = list[r];
      const order = o.order;
      orderId[i] = order.id;
      agent[i] = o.agent ?? "";
      buyer[i] = order.buyer;
      status[i] = order.status;
      creditRemovedBy[i] = o.creditRemovedBy ?? "";
      matched[i] = matchedOf(o);
      const at = order.source;
      sourceCodes[i] = prefixOf(at.sheet);
      sourceRows[i] = at.row;
      const pt = order.paidAt;
      paidAt[i] = pt === null ? NaN : timeSerial(pt);
      const t = confirmed ? order.confirmedAt : pt;
      day[i] = t === null ? NaN : daySerial(t);
      paid[i] = yuan(order.paid);
      shipping[i] = yuan(order.shipping);
      refund[i] = yuan(order.refund);
      collected[i] = yuan(o.collected);
      credited[i] = o.agent !== null && o.creditRemovedBy === null ? 1 : 0;
    }
  }
  // Far below a cell's limit, the prefix + row text is what sourceText makes, as is.
  const numbered = !coded("source") && prefixes.every((x) => x.length < MAX_CELL_TEXT - 20);
  if (!numbered) for (let i = 0; i < n; i++) source[i] = prefixes[sourceCodes[i]] + sourceRows[i];
  return keys.map((k): OrderSheetColumn => {
    if (NUMBER_KEYS.includes(k)) return { kind: "number", values: num[k] };
    if (k === "source" && numbered) return { kind: "numbered", prefixes, codes: sourceCodes, numbers: sourceRows };
    const recoded = direct.get(k);
    if (recoded) return { kind: "coded", values: recoded.values, codes: recoded.codes };
    const values = text[k];
    if (coded(k)) {
      // Each distinct value made safe for a cell once.
      const texts = new TextCodes();
      const codes = new Uint32Array(n);
      for (let i = 0; i < n; i++) codes[i] = texts.code(values[i]);
      return { kind: "coded", values: texts.texts.map(cellText), codes };
    }
    const lengths = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const v = cellText(values[i]);
      values[i] = v;
      lengths[i] = v.length;
    }
    return { kind: "text", joined: values.join(""), lengths };
  });
}
