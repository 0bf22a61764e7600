/**
 * Text from exports that is too long for a cell. Excel holds at most 32,767 characters in one
 * cell; the sheet layer cuts longer text with a visible marker (a file Excel would "repair" is
 * worse). Cutting is a change to what the manager sees, so the engine says where it happens.
 */
import type { Dataset, Order, SourceRef } from "../model";
import { problem, type Problem } from "../problems";

/** Excel's limit on the characters of one cell (UTF-16 code units, as Excel counts them). */
export const MAX_CELL_TEXT = 32767;

/** The free-text fields that reach report cells, with the header they come from. */
const FIELDS = {
  orders: [
    ["buyer", "买家会员名"],
    ["status", "订单状态"],
    ["note", "订单备注"],
    ["tracking", "物流单号"],
    ["salesperson", "业务员"],
  ],
  roster: [
    ["staffNo", "工号"],
    ["name", "姓名"],
    ["nick", "旺旺"],
  ],
  incidents: [
    ["agentKey", "客服"],
    ["rule", "类型"],
    ["remark", "备注"],
  ],
  sales: [["nick", "旺旺昵称"]],
  shifts: [
    ["staffNo", "工号"],
    ["name", "姓名"],
  ],
} as const;

function tooLong(at: SourceRef, column: string, text: string): Problem {
  return problem(
    "warning",
    "text.too_long",
    { file: at.file, sheet: at.sheet, row: at.row, column },
    text,
    `文字有 ${text.length} 个字符，超过 Excel 单元格上限 ${MAX_CELL_TEXT}；工作表中截断并以「…[截断 truncated]」标出，JSON 中为全文`,
    `the text has ${text.length} characters, more than an Excel cell holds (${MAX_CELL_TEXT}); it is cut in the sheets, marked "…[截断 truncated]", and kept whole in the JSON`,
  );
}

/** Warns about each field of `row` longer than a cell holds. */
function checkRow(row: { source: SourceRef }, fields: readonly (readonly [string, string])[], out: Problem[]): void {
  const r = row as unknown as Record<string, unknown>;
  // Plain index loop: destructuring a field pair per row cost more than the check itself.
  for (let f = 0; f < fields.length; f++) {
    const v = r[fields[f][0]];
    if (typeof v === "string" && v.length > MAX_CELL_TEXT) out.push(tooLong(row.source, fields[f][1], v));
  }
}

/**
 * One warning per field of an order whose text is longer than a cell holds. The order scan calls
 * it on each order while it holds it: one more walk over a million orders costs ~80 ms in
 * memory traffic alone.
 */
export function checkOrderText(order: Order, out: Problem[]): void {
  // Named reads first; the generic check (fields by name, in their order) only for an order with
  // a field too long: five keyed reads an order cost ~0.14 s over a million orders.
  if (over(order.buyer) || over(order.status) || over(order.note) || over(order.tracking) || over(order.salesperson)) checkRow(order, FIELDS.orders, out);
}

const over = (v: string | undefined): boolean => v !== undefined && v.length > MAX_CELL_TEXT;

/** One warning per field of the other sources' rows whose text is longer than a cell holds. */
export function longTextProblems(data: Pick<Dataset, "roster" | "incidents" | "sales" | "shifts">): Problem[] {
  const out: Problem[] = [];
  const scan = (rows: readonly { source: SourceRef }[], fields: readonly (readonly [string, string])[]) => {
    for (let i = 0; i < rows.length; i++) checkRow(rows[i], fields, out);
  };
  scan(data.roster, FIELDS.roster);
  scan(data.incidents, FIELDS.incidents);
  scan(data.sales, FIELDS.sales);
  scan(data.shifts, FIELDS.shifts);
  return out;
}
