/**
 * Orders as a few columns, to hand a worker thread's orders to the main thread: the structured
 * clone of half a million Order objects costs the receiving thread over 2 s, while a handful of
 * long strings and typed arrays copy in milliseconds and turn back into the same objects in a
 * fraction of that. Text columns are one string each plus the length of every value.
 */
import type { Order, SourceRef } from "../core";

const TEXT = ["id", "buyer", "note", "tracking"] as const;
/** Few distinct values, on every order: a list of them and a code per order, so they come back shared. */
const DICT = ["status", "salesperson", "shop"] as const;
const NUMBER = ["paid", "shipping", "refund"] as const;
const TIME = ["createdAt", "paidAt", "shippedAt", "confirmedAt"] as const;
type Packed = (typeof TEXT)[number] | (typeof DICT)[number] | (typeof NUMBER)[number] | (typeof TIME)[number] | "source";
// A field added to Order and not packed here stops the build at this line.
const EVERY_FIELD_PACKED: [Exclude<keyof Order, Packed>] extends [never] ? true : never = true;
void EVERY_FIELD_PACKED;

export interface OrderColumns {
  count: number;
  text: Record<(typeof TEXT)[number], { joined: string; lengths: Uint32Array }>;
  dict: Record<(typeof DICT)[number], { values: string[]; codes: Uint32Array }>;
  /** Money in cents, times in ms (NaN = no time). */
  numbers: Float64Array;
  rows: Float64Array;
  file: string;
  sheet: string;
}

/** The arrays to list as transferables in postMessage. */
export function transferables(c: OrderColumns): ArrayBuffer[] {
  return [
    c.numbers.buffer as ArrayBuffer,
    c.rows.buffer as ArrayBuffer,
    ...TEXT.map((k) => c.text[k].lengths.buffer as ArrayBuffer),
    ...DICT.map((k) => c.dict[k].codes.buffer as ArrayBuffer),
  ];
}

const WIDTH = NUMBER.length + TIME.length;

export function packOrders(orders: readonly Order[], where: Omit<SourceRef, "row">): OrderColumns {
  const n = orders.length;
  const numbers = new Float64Array(n * WIDTH);
  const rows = new Float64Array(n);
  const text = {} as OrderColumns["text"];
  for (const k of TEXT) {
    const lengths = new Uint32Array(n);
    const parts = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const v = orders[i][k] ?? "";
      parts[i] = v;
      lengths[i] = v.length;
    }
    text[k] = { joined: parts.join(""), lengths };
  }
  const dict = {} as OrderColumns["dict"];
  for (const k of DICT) {
    const codes = new Uint32Array(n);
    const index = new Map<string, number>();
    const values: string[] = [];
    for (let i = 0; i < n; i++) {
      const v = orders[i][k] ?? "";
      let code = index.get(v);
      if (code === undefined) {
        code = values.length;
        values.push(v);
        index.set(v, code);
      }
      codes[i] = code;
    }
    dict[k] = { values, codes };
  }
  for (let i = 0; i < n; i++) {
    const o = orders[i];
    const base = i * WIDTH;
    numbers[base] = o.paid;
    numbers[base + 1] = o.shipping;
    numbers[base + 2] = o.refund;
    numbers[base + 3] = o.createdAt ?? NaN;
    numbers[base + 4] = o.paidAt ?? NaN;
    numbers[base + 5] = o.shippedAt ?? NaN;
    numbers[base + 6] = o.confirmedAt ?? NaN;
    rows[i] = o.source.row;
  }
  return { count: n, text, dict, numbers, rows, file: where.file, sheet: where.sheet };
}

const time = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** The orders back, each row number moved by `rowOffset`. */
export function unpackOrders(c: OrderColumns, rowOffset: number): Order[] {
  const n = c.count;
  const out = new Array<Order>(n);
  const at = Object.fromEntries(TEXT.map((k) => [k, 0])) as Record<(typeof TEXT)[number], number>;
  const next = (k: (typeof TEXT)[number], i: number): string => {
    const start = at[k];
    const end = start + c.text[k].lengths[i];
    at[k] = end;
    return c.text[k].joined.slice(start, end);
  };
  const { status, salesperson, shop } = c.dict;
  for (let i = 0; i < n; i++) {
    const base = i * WIDTH;
    const id = next("id", i);
    const buyer = next("buyer", i);
    const paid = c.numbers[base];
    const shipping = c.numbers[base + 1];
    const refund = c.numbers[base + 2];
    const st = status.values[status.codes[i]];
    const createdAt = time(c.numbers[base + 3]);
    const paidAt = time(c.numbers[base + 4]);
    const shippedAt = time(c.numbers[base + 5]);
    const confirmedAt = time(c.numbers[base + 6]);
    const note = next("note", i);
    const tracking = next("tracking", i);
    const sp = salesperson.values[salesperson.codes[i]];
    const source = { file: c.file, sheet: c.sheet, row: c.rows[i] + rowOffset };
    const sh = shop.values[shop.codes[i]];
    // The shop in the literal, as the importer makes it (no property store added per order).
    out[i] =
      sh === ""
        ? { id, buyer, paid, shipping, refund, status: st, createdAt, paidAt, shippedAt, confirmedAt, note, tracking, salesperson: sp, source }
        : { id, buyer, paid, shipping, refund, status: st, createdAt, paidAt, shippedAt, confirmedAt, note, tracking, salesperson: sp, source, shop: sh };
  }
  return out;
}
