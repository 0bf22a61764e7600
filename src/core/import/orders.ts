/**
 * Orders (订单报表): Taobao/Tmall seller-centre exports (full 73-column and older headers) and
 * ERP exports (收货人, 支付金额, 卖家备注, 业务员 …) → `Order` records.
 *
 * The order id is the key: a row whose id is empty, not 16–19 digits, or mangled into a float
 * is reported as an error and skipped. Every other bad cell is a warning and the order is kept.
 *
 * ERP exports carry the ERP's own short number (聚水潭 内部单号, 管易 单据编号, 旺店通 订单编号 …)
 * beside the platform's (线上单号 / 平台单号 / 原始单号): the platform id is the order id. A row
 * whose platform cell is blank (an item line under a merged cell, a split order's second line) is
 * joined to the platform id through the same ERP number on another row of the same file; with no
 * such row it is reported, naming both columns. A file whose only id column holds ERP numbers is
 * told so once, before its row errors, with what to do.
 *
 * An ERP splits one platform order into several of its own orders (拆单: two parcels, two ERP
 * numbers, the paid amount shared between them): rows of one platform id under different ERP
 * numbers are parts of one sale, and are read as one order with their amounts added — kept as
 * copies, the merge would keep one part and drop the rest of the money as a duplicate.
 *
 * The other way round (合单), several platform orders shipped as one ERP order, its id cell lists
 * them all and its amount cannot be split: when the file also holds each order's own row, marked
 * 被合并, with amounts adding up to the merged row's, each order counts at its own amount and the
 * merged row's state (status, ship and receipt times); otherwise the row is an error, as before.
 */
import { unboxedCents, type Order } from "../model";
import { codeOf, codeText, detach, idsInCell, isBlank, isSummaryLabel, normaliseStatus, parseOrderId, textOf } from "./cells";
import { colOf, rowBlank, type KindReader, type SheetContext } from "./context";
import { ERP_ID_HEADERS, normaliseHeader } from "./headers";
import { statusMeaning } from "../rules/collected";
import { STATUS_RANK } from "./merge";
import type { Cell, Recognition } from "./types";

/**
 * An id as Excel writes a number of more than 15 digits: its 15 significant digits, then zeros
 * (`2873190462331523456` → `2873190462331520000`). One such id can be real (1 in 10,000 ends in
 * four zeros); a column of them is a file saved through Excel, its ids merged with each other.
 */
function paddedByExcel(id: string): boolean {
  if (id.length < 16) return false;
  for (let i = 15; i < id.length; i++) if (id.charCodeAt(i) !== 48) return false;
  return true;
}

const ERP_IDS = new Set(ERP_ID_HEADERS.map((h) => normaliseHeader(h)));

/** The column holding the ERP's own order number, beside the platform id column; -1 when none. */
function erpIdColumn(headers: readonly string[], iId: number): number {
  if (iId < 0 || ERP_IDS.has(normaliseHeader(headers[iId]))) return -1;
  return headers.findIndex((h, col) => col !== iId && ERP_IDS.has(normaliseHeader(h)));
}

export function createOrdersReader(ctx: SheetContext, rec: Recognition): KindReader {
  const c = rec.columns;
  const iId = colOf(c, "id");
  const iBuyer = colOf(c, "buyer");
  const iPaid = colOf(c, "paid");
  const iShipping = colOf(c, "shipping");
  const iRefund = colOf(c, "refund");
  const iStatus = colOf(c, "status");
  const iCreated = colOf(c, "createdAt");
  const iPaidAt = colOf(c, "paidAt");
  const iShipped = colOf(c, "shippedAt");
  const iConfirmed = colOf(c, "confirmedAt");
  const iNote = colOf(c, "note");
  const iMemo = colOf(c, "memo");
  const iTracking = colOf(c, "tracking");
  const iSales = colOf(c, "salesperson");
  const iShop = colOf(c, "shop");
  const iErp = erpIdColumn(rec.headers ?? [], iId);
  const columns = [iId, iBuyer, iPaid, iShipping, iRefund, iStatus, iCreated, iPaidAt, iShipped, iConfirmed, iNote, iMemo, iTracking, iSales, iErp, iShop].filter(
    (i) => i >= 0,
  );
  const orders = ctx.data.orders;
  const source = { file: ctx.file, sheet: ctx.sheet };
  /** Shop and salesperson names repeat on every order: one string each, not one per order. */
  const names = new Map<string, string>();
  const shared = (v: string): string => {
    if (v === "") return v;
    const hit = names.get(v);
    if (hit !== undefined) return hit;
    if (names.size < 10_000) names.set(v, v);
    return v;
  };
  /**
   * The cells are the CSV byte path's own strings (asked at the first row, once the stream has
   * chosen its path): one kept as it is needs no detached copy. Null until asked.
   */
  let own: boolean | null = null;
  /** textOf, without the copy when the cell is its own string and holds nothing to trim. */
  const text = (cell: Cell | undefined): string => {
    if (own && typeof cell === "string") {
      const t = cell.trim();
      return t === cell ? t : detach(t);
    }
    return textOf(cell);
  };
  /** codeOf, likewise. */
  const code = (cell: Cell | undefined): string => {
    const t = codeText(cell);
    return own && t === cell ? t : detach(t);
  };
  /** Per status text: does it say the order was paid (paid, shipped, done)? Asked only of rows without a paid time. */
  const paidStatuses = new Map<string, boolean>();
  const saysPaid = (status: string): boolean => {
    let v = paidStatuses.get(status);
    if (v === undefined) {
      const m = statusMeaning(status);
      paidStatuses.set(status, (v = m === "paid" || m === "shipped" || m === "done"));
    }
    return v;
  };
  /** ERP number → platform id, from the rows that carry both. */
  const platformOf = new Map<string, string>();
  /** Rows with only the ERP number, waiting for a row that joins it (resolved in finish). */
  const waiting: { erp: string; order: Order }[] = [];
  /** The id column's name names the ERP's numbers: explained once. */
  /** Orders whose id looks padded by Excel, and how many ids were read (decided in finish). */
  const padded: { order: Order; cell: Cell }[] = [];
  let idsRead = 0;
  // What a part of the sheet cannot decide alone (see partsReadApart): rows waiting for a join,
  // ids refused only when most of the sheet's look padded (each with the sheet's count), the
  // ERP-only explanation given once.
  let erpOnlyRows = 0;
  let toldOnce = 0;
  /** Platform id → the first row read under it with an ERP number (the order its split parts join). */
  const splitOf = new Map<string, { erp: string; order: Order; parts: string[] }>();
  /** Rows listing several platform ids (合单), decided once the whole sheet is read. */
  const mergedRows: { ids: string[]; order: Order; cell: Cell; zh: string; en: string }[] = [];
  /** Rows repeating a part's ERP number (its item lines): copies, left out once the order is known to be split. */
  const partCopies: { erp: string; order: Order }[] = [];
  // A split's parts may lie in both parts of the sheet: every row with both numbers waits for the whole sheet.
  let erpNumbered = 0;
  ctx.readerFacts = () => ({ sheetDecided: erpOnlyRows + erpNumbered + mergedRows.length + (padded.length * 2 > idsRead ? padded.length : 0), toldOnce });
  let erpOnlyTold = rec.variant !== "erp" || iErp >= 0 || !ERP_IDS.has(normaliseHeader((rec.headers ?? [])[iId]));

  /** The ERP-only explanation, once, the first time an id is not a platform id. */
  function tellErpOnly(rowNo: number, value: Cell): void {
    if (erpOnlyTold) return;
    erpOnlyTold = true;
    toldOnce++;
    const name = ctx.columnName(iId);
    ctx.cell(
      "error",
      "order.id.erp_only",
      rowNo,
      iId,
      value,
      `「${name}」列是 ERP 自己的单号，不是淘宝/天猫订单编号（16–19 位数字），文件中也没有线上订单号/平台单号列；请导出时勾选「线上订单号」（或「平台单号」「原始单号」），或在规则表的【列名】中指定哪一列是平台订单号`,
      `the "${name}" column holds the ERP's own numbers, not Taobao/Tmall order ids (16–19 digits), and the file has no 线上订单号 / 平台单号 column; export with the platform order id column (线上订单号, 平台单号 or 原始单号), or name it in the rules sheet's 【列名】 block`,
    );
  }

  /** The id column (else the ERP id column) when it holds a totals label; -1 when neither does. */
  function summaryColumn(row: Cell[]): number {
    const a = row[iId];
    if (typeof a === "string" && isSummaryLabel(a)) return iId;
    const b = iErp >= 0 ? row[iErp] : undefined;
    return typeof b === "string" && isSummaryLabel(b) ? iErp : -1;
  }

  return {
    columns,
    read(row: Cell[], rowNo: number): boolean {
      own ??= ctx.ownCells();
      if (rowBlank(row, columns)) return false;
      const idCell = row[iId];
      // ERP exports end with a totals line (合计 / 总计), in the platform or the ERP id column: not an order.
      const label = summaryColumn(row);
      if (label >= 0) {
        const text = (row[label] as string).trim();
        ctx.cell("info", "order.summary_row", rowNo, label, text, `「${text}」是汇总行，不是订单，已跳过`, `"${text}" is a totals row, not an order; skipped`);
        return false;
      }
      const id = parseOrderId(idCell);
      const erp = iErp >= 0 ? codeOf(row[iErp]) : "";
      if (id.ok && erp !== "" && !platformOf.has(erp)) platformOf.set(erp, id.id);
      if (!id.ok && id.reason === "empty" && erp !== "") {
        erpOnlyRows++;
        const order = readOrder(row, rowNo, platformOf.get(erp) ?? "");
        if (order.id === "") waiting.push({ erp, order });
        else {
          partCopies.push({ erp, order });
          orders.push(order);
        }
        return true;
      }
      if (!id.ok) {
        if (id.reason === "invalid") tellErpOnly(rowNo, idCell);
        if (id.reason === "several" && typeof idCell === "string") {
          mergedRows.push({ ids: idsInCell(idCell), order: readOrder(row, rowNo, ""), cell: idCell, zh: id.zh, en: id.en });
          return true;
        }
        ctx.cell(
          "error",
          `order.id.${id.reason}`,
          rowNo,
          iId,
          idCell,
          `${id.zh}；该行未导入`,
          `${id.en}; the row is skipped`,
        );
        return true;
      }
      const order = readOrder(row, rowNo, id.id);
      idsRead++;
      if (erp !== "" && statusMeaning(order.status) !== "superseded") {
        erpNumbered++;
        const first = splitOf.get(id.id);
        if (first === undefined) splitOf.set(id.id, { erp, order, parts: [erp] });
        else if (!first.parts.includes(erp)) {
          addSplitPart(first.order, order);
          first.parts.push(erp);
          tellSplit(id.id, first, rowNo);
          return true;
        } else partCopies.push({ erp, order });
      }
      orders.push(order);
      if (paddedByExcel(id.id)) padded.push({ order, cell: idCell });
      return true;
    },
    finish(): void {
      // Most ids padded: the column went through Excel and the ids are gone (two orders may now
      // share one). Each is refused, as a 2.87E+18 is.
      if (padded.length > 0 && padded.length * 2 > idsRead) {
        const gone = new Set(padded.map((p) => p.order));
        let w = 0;
        for (let r = 0; r < orders.length; r++) if (!gone.has(orders[r])) orders[w++] = orders[r];
        orders.length = w;
        for (const p of padded) {
          ctx.cell(
            "error",
            "order.id.mangled",
            p.order.source.row,
            iId,
            p.cell,
            `订单编号 ${p.order.id} 以零结尾，像表格软件把 15 位以上的数字截断后补的零（本文件 ${padded.length}/${idsRead} 个订单编号都是这样），末尾数字已丢失，无法还原，不做猜测；该行未导入。请导出为文本（如 ="2873…"）`,
            `order id ${p.order.id} ends in zeros as a spreadsheet writes a number of more than 15 digits (${padded.length} of this file's ${idsRead} ids do); its last digits are gone and are not guessed; the row is skipped. Export the ids as text (e.g. ="2873…")`,
          );
        }
      }
      for (const w of waiting) {
        const id = platformOf.get(w.erp);
        if (id !== undefined) {
          w.order.id = id;
          partCopies.push(w);
          orders.push(w.order);
          continue;
        }
        const platform = ctx.columnName(iId);
        const own = ctx.columnName(iErp);
        ctx.cell(
          "error",
          "order.id.unjoined",
          w.order.source.row,
          iId,
          w.erp,
          `「${platform}」为空，且本文件中没有别的行把${own} ${w.erp} 对应到平台订单号；该行未导入`,
          `"${platform}" is blank and no other row of this file joins ${own} ${w.erp} to a platform order id; the row is skipped`,
        );
      }
      dropPartCopies();
      if (mergedRows.length > 0) joinMerged();
    },
  };

  /**
   * A split order's parts are added up in its first row's order: another line of one of its
   * parts (an item line) is that part again, and as a copy of a different amount it could win
   * the merge's choice between copies and lose the other parts' money.
   */
  function dropPartCopies(): void {
    const gone = new Set<Order>();
    for (const c of partCopies) {
      const split = splitOf.get(c.order.id);
      if (split === undefined || split.parts.length < 2) continue;
      gone.add(c.order);
      ctx.cell(
        "info",
        "order.erp.split_line",
        c.order.source.row,
        iErp,
        c.erp,
        `本行是拆单订单 ${c.order.id} 中${ctx.columnName(iErp)} ${c.erp} 的另一行，该单已按各拆分单合计计入（第 ${split.order.source.row} 行），本行不再单独计`,
        `this row is another line of ${ctx.columnName(iErp)} ${c.erp}, a part of split order ${c.order.id}, which counts once with its parts added up (row ${split.order.source.row}); this row does not count again`,
      );
    }
    if (gone.size === 0) return;
    let w = 0;
    for (let r = 0; r < orders.length; r++) if (!gone.has(orders[r])) orders[w++] = orders[r];
    orders.length = w;
  }

  /**
   * Each merged row (合单) whose orders the file also lists one by one (被合并), amounts adding up:
   * those rows count, each at its own amount, in the merged row's state. Any other merged row
   * cannot be split among its orders and is refused, located.
   */
  function joinMerged(): void {
    const wanted = new Set(mergedRows.flatMap((m) => m.ids));
    const originals = new Map<string, Order[]>();
    for (const o of orders) {
      if (!wanted.has(o.id) || !o.status.includes("合并") || statusMeaning(o.status) !== "superseded") continue;
      const list = originals.get(o.id);
      if (list) list.push(o);
      else originals.set(o.id, [o]);
    }
    for (const m of mergedRows) {
      const parts = m.ids.map((id) => originals.get(id));
      const whole = parts.every((p) => p !== undefined && p.length === 1);
      const sum = whole ? parts.reduce((n, p) => n + p![0].paid, 0) : -1;
      // A refund on the merged row cannot be split either.
      if (!whole || sum !== m.order.paid || m.order.refund !== 0) {
        ctx.cell("error", "order.id.several", m.order.source.row, iId, m.cell, `${m.zh}；该行未导入`, `${m.en}; the row is skipped`);
        continue;
      }
      for (const p of parts) {
        const o = p![0];
        o.status = m.order.status;
        o.shippedAt = m.order.shippedAt;
        o.confirmedAt = m.order.confirmedAt;
        if (o.tracking === "") o.tracking = m.order.tracking;
        if (m.order.note !== "" && !o.note.includes(m.order.note)) o.note = o.note === "" ? m.order.note : `${o.note} ${m.order.note}`;
        if (o.salesperson === "") o.salesperson = m.order.salesperson;
      }
      const rows = parts.map((p) => p![0].source.row).join("、");
      ctx.cell(
        "info",
        "order.erp.merged",
        m.order.source.row,
        iId,
        m.cell,
        `ERP 把 ${m.ids.length} 笔订单合成一单发货（合单）：各单按本文件中合单前的行（第 ${rows} 行，被合并）的金额计入，状态与发货、收货时间取本行`,
        `the ERP shipped ${m.ids.length} orders as one (merged): each counts at the amount of its own row in this file (rows ${rows}, 被合并), with this row's status and ship / receipt times`,
      );
    }
  }

  /** Each further part of a split order, on its row: what was added, so the sum can be checked. */
  function tellSplit(id: string, split: { order: Order; parts: string[] }, rowNo: number): void {
    const own = ctx.columnName(iErp);
    const total = (split.order.paid / 100).toFixed(2);
    ctx.cell(
      "info",
      "order.erp.split",
      rowNo,
      iId,
      id,
      `订单 ${id} 在 ERP 中拆成 ${split.parts.length} 单（${own} ${split.parts.join("、")}），按一笔订单计，金额相加：实付 ${total}`,
      `order ${id} was split by the ERP into ${split.parts.length} orders (${own} ${split.parts.join(", ")}): counted as one order with the amounts added, paid ${total}`,
    );
  }

  /**
   * A paid order (its status paid, shipped or finished; or, with no status, a payment time) whose
   * amount cell is blank: it counts at ¥0 — the amount is not guessed — and the row says so, as
   * the manager would otherwise see a sale that earned nobody anything. An unpaid or closed order
   * with a blank amount is what ERP exports write, and is not reported.
   */
  function blankPaid(order: Order, row: Cell[], rowNo: number): void {
    const meaning = order.status === "" ? null : statusMeaning(order.status);
    const paidOrder = meaning === "paid" || meaning === "shipped" || meaning === "done" || (order.status === "" && order.paidAt !== null);
    if (!paidOrder) return;
    const name = ctx.columnName(iPaid);
    const why = order.status === "" ? { zh: "订单有付款时间", en: "the order has a payment time" } : { zh: `订单状态为「${order.status}」`, en: `the order's status is "${order.status}"` };
    ctx.cell("warning", "order.paid.blank", rowNo, iPaid, "",
      `「${name}」为空，但${why.zh}：按 ¥0 计，该单回款为 0；请核对导出`,
      `"${name}" is blank, but ${why.en}: it counts as ¥0 and the order collects nothing; check the export`);
  }

  /** Every field of a data row but the id's checks, as an Order under `id`. */
  function readOrder(row: Cell[], rowNo: number, id: string): Order {
    const note = text(row[iNote]);
    const memo = iMemo >= 0 ? text(row[iMemo]) : "";
    const buyer = iBuyer >= 0 ? text(row[iBuyer]) : "";
    const paidCell = ctx.money(row, iPaid, rowNo, "order.paid.invalid");
    const paid = unboxedCents(paidCell ?? 0);
    const shipping = unboxedCents(ctx.money(row, iShipping, rowNo, "order.shipping.invalid") ?? 0);
    const refund = unboxedCents(ctx.money(row, iRefund, rowNo, "order.refund.invalid") ?? 0);
    const status = iStatus >= 0 ? normaliseStatus(row[iStatus]) : "";
    const createdAt = ctx.dateTime(row, iCreated, rowNo, "order.createdAt.invalid", "createdAt");
    const paidAt = ctx.dateTime(row, iPaidAt, rowNo, "order.paidAt.invalid", "paidAt");
    const shippedAt = ctx.dateTime(row, iShipped, rowNo, "order.shippedAt.invalid", "shippedAt");
    const confirmedAt = ctx.dateTime(row, iConfirmed, rowNo, "order.confirmedAt.invalid", "confirmedAt");
    const tracking = iTracking >= 0 ? code(row[iTracking]) : "";
    const salesperson = iSales >= 0 ? shared(text(row[iSales])) : "";
    const shop = iShop >= 0 ? shared(text(row[iShop])) : "";
    const src = { file: source.file, sheet: source.sheet, row: rowNo };
    const noteText = memo === "" ? note : note === "" ? memo : detach(note + " " + memo);
    // The shop in the literal, not added after: no out-of-object property store per order.
    const order: Order =
      shop === ""
        ? { id, buyer, paid, shipping, refund, status, createdAt, paidAt, shippedAt, confirmedAt, note: noteText, tracking, salesperson, source: src }
        : { id, buyer, paid, shipping, refund, status, createdAt, paidAt, shippedAt, confirmedAt, note: noteText, tracking, salesperson, source: src, shop };
    ctx.bindDates(order);
    // Months are made of payment times: a paid order without one is in no month, so it would
    // leave every report without a word. Only a blank cell: an unreadable one has its own error.
    if (paidAt === null && iPaidAt >= 0 && status !== "" && rowBlank(row, [iPaidAt]) && saysPaid(status)) {
      const name = ctx.columnName(iPaidAt);
      const amount = (order.paid / 100).toFixed(2);
      ctx.cell(
        "warning",
        "order.paidAt.missing",
        rowNo,
        iPaidAt,
        "",
        `订单 ${id}（实付 ${amount}）的状态「${status}」表示已付款，但「${name}」为空：无法归入任何月份，不计入回款、看板和提成（规则按确认收货时间计月时除外）。请核对导出，补上付款时间`,
        `order ${id} (paid ${amount}) has the status "${status}", which says it was paid, but "${name}" is empty: it cannot be placed in a month and is not counted in collected sales, the board or commission (unless the rules date sales by confirmation). Check the export and fill in the payment time`,
      );
    }
    if (paidCell === null && isBlank(row[iPaid])) blankPaid(order, row, rowNo);
    if (order.paid < 0 || order.refund < 0 || order.shipping < 0) {
      const col = order.paid < 0 ? iPaid : order.refund < 0 ? iRefund : iShipping;
      ctx.cell(
        "warning",
        "order.amount.negative",
        rowNo,
        col,
        row[col],
        "金额为负数；按原值保留，请核对",
        "the amount is negative; kept as written, please check it",
      );
    } else if (order.refund > order.paid) {
      // The collected amount is never below 0 (collectedOf): the excess is not taken from
      // other orders, and the manager is told this order's figures do not add up.
      ctx.cell(
        "warning",
        "order.refund.exceeds_paid",
        rowNo,
        iRefund,
        row[iRefund],
        `退款金额 ${(order.refund / 100).toFixed(2)} 大于实付金额 ${(order.paid / 100).toFixed(2)}；此订单回款按 0 计，多出的退款不从其他订单扣除，请核对`,
        `the refund ${(order.refund / 100).toFixed(2)} is more than the amount paid ${(order.paid / 100).toFixed(2)}; this order collects 0 and the excess is not taken from other orders: please check it`,
      );
    }
    return order;
  }
}

const rankOf = (status: string): number => {
  const m = statusMeaning(status);
  return m === null ? -1 : STATUS_RANK[m];
};
const earliest = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
/** A time every part must have: the order has it when its last part does. */
const whenAll = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : Math.max(a, b));

/**
 * One part of a split order (拆单) added to the order of its first part. The money adds up; a
 * closed part (cancelled, refunded) brings its payment back as a refund. The order is as far along
 * as its least advanced open part (one parcel still waiting keeps it unshipped), shipped and
 * confirmed when every part is; notes (append-only) and tracking numbers of both are kept.
 */
export function addSplitPart(into: Order, part: Order): void {
  const intoClosed = statusMeaning(into.status) === "closed";
  const partClosed = statusMeaning(part.status) === "closed";
  if (intoClosed && !partClosed) {
    // The first part's payment came back; the open part says where the order stands.
    into.refund = unboxedCents(Math.max(into.refund, into.paid));
    into.status = part.status;
  } else if (!partClosed && rankOf(part.status) < rankOf(into.status)) into.status = part.status;
  into.paid = unboxedCents(into.paid + part.paid);
  into.shipping = unboxedCents(into.shipping + part.shipping);
  into.refund = unboxedCents(into.refund + (partClosed && !intoClosed ? Math.max(part.refund, part.paid) : part.refund));
  into.createdAt = earliest(into.createdAt, part.createdAt);
  into.paidAt = earliest(into.paidAt, part.paidAt);
  into.shippedAt = whenAll(into.shippedAt, part.shippedAt);
  into.confirmedAt = whenAll(into.confirmedAt, part.confirmedAt);
  if (part.note !== "" && !into.note.includes(part.note)) into.note = into.note === "" ? part.note : `${into.note} ${part.note}`;
  if (part.tracking !== "" && !into.tracking.split(",").includes(part.tracking)) into.tracking = into.tracking === "" ? part.tracking : `${into.tracking},${part.tracking}`;
  if (into.salesperson === "") into.salesperson = part.salesperson;
  if (into.buyer === "") into.buyer = part.buyer;
}
