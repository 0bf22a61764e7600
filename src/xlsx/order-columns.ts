/**
 * Orders as a few columns, to hand a worker thread's orders to the main thread: the structured
 * clone of half a million Order objects costs the receiving thread over 2 s, while a handful of
 * long strings and typed arrays copy in milliseconds and turn back into the same objects in a
 * fraction of that. Text columns are one string each plus the length of every value.
 */
import { unboxedCents, unboxedInt, type Order, type SourceRef } from "../core";

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

/** A dictionary column being built: each value's code, in order of first appearance. */
interface DictBuild {
  index: Map<string, number>;
  values: string[];
  codes: Uint32Array;
}

function dictColumn(n: number): DictBuild {
  return { index: new Map(), values: [], codes: new Uint32Array(n) };
}

function encode(t: DictBuild, i: number, v: string): void {
  let code = t.index.get(v);
  if (code === undefined) {
    code = t.values.length;
    t.values.push(v);
    t.index.set(v, code);
  }
  t.codes[i] = code;
}

/** A text column: the values joined, and each value's length. */
function textColumn(parts: string[], lengths: Uint32Array): { joined: string; lengths: Uint32Array } {
  return { joined: parts.join(""), lengths };
}

// Fields by name, in two passes over the orders: a field read by a variable key (orders[i][k])
// costs a generic lookup per order (~25% of the pack, of ~0.6 s for half a million orders).
export function packOrders(orders: readonly Order[], where: Omit<SourceRef, "row">): OrderColumns {
  const n = orders.length;
  const numbers = new Float64Array(n * WIDTH);
  const rows = new Float64Array(n);
  const ids = new Array<string>(n);
  const buyers = new Array<string>(n);
  const notes = new Array<string>(n);
  const trackings = new Array<string>(n);
  const idLengths = new Uint32Array(n);
  const buyerLengths = new Uint32Array(n);
  const noteLengths = new Uint32Array(n);
  const trackingLengths = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const o = orders[i];
    const id = o.id ?? "";
    const buyer = o.buyer ?? "";
    const note = o.note ?? "";
    const tracking = o.tracking ?? "";
    ids[i] = id;
    idLengths[i] = id.length;
    buyers[i] = buyer;
    buyerLengths[i] = buyer.length;
    notes[i] = note;
    noteLengths[i] = note.length;
    trackings[i] = tracking;
    trackingLengths[i] = tracking.length;
  }
  const status = dictColumn(n);
  const salesperson = dictColumn(n);
  const shop = dictColumn(n);
  for (let i = 0; i < n; i++) {
    const o = orders[i];
    encode(status, i, o.status ?? "");
    encode(salesperson, i, o.salesperson ?? "");
    encode(shop, i, o.shop ?? "");
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
  const text: OrderColumns["text"] = {
    id: textColumn(ids, idLengths),
    buyer: textColumn(buyers, buyerLengths),
    note: textColumn(notes, noteLengths),
    tracking: textColumn(trackings, trackingLengths),
  };
  const dict: OrderColumns["dict"] = {
    status: { values: status.values, codes: status.codes },
    salesperson: { values: salesperson.values, codes: salesperson.codes },
    shop: { values: shop.values, codes: shop.codes },
  };
  return { count: n, text, dict, numbers, rows, file: where.file, sheet: where.sheet };
}

const time = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** The orders back, each row number moved by `rowOffset`. */
export function unpackOrders(c: OrderColumns, rowOffset: number): Order[] {
  const n = c.count;
  const out = new Array<Order>(n);
  // Each column in locals, its read position too (a position kept by key cost ~20% of the unpack).
  const idText = c.text.id.joined;
  const buyerText = c.text.buyer.joined;
  const noteText = c.text.note.joined;
  const trackingText = c.text.tracking.joined;
  const idLengths = c.text.id.lengths;
  const buyerLengths = c.text.buyer.lengths;
  const noteLengths = c.text.note.lengths;
  const trackingLengths = c.text.tracking.lengths;
  let atId = 0;
  let atBuyer = 0;
  let atNote = 0;
  let atTracking = 0;
  const { status, salesperson, shop } = c.dict;
  const nums = c.numbers;
  const { file, sheet, rows } = c;
  for (let i = 0; i < n; i++) {
    const base = i * WIDTH;
    let end = atId + idLengths[i];
    const id = idText.slice(atId, end);
    atId = end;
    end = atBuyer + buyerLengths[i];
    const buyer = buyerText.slice(atBuyer, end);
    atBuyer = end;
    const paid = unboxedCents(nums[base]);
    const shipping = unboxedCents(nums[base + 1]);
    const refund = unboxedCents(nums[base + 2]);
    const st = status.values[status.codes[i]];
    const createdAt = time(nums[base + 3]);
    const paidAt = time(nums[base + 4]);
    const shippedAt = time(nums[base + 5]);
    const confirmedAt = time(nums[base + 6]);
    end = atNote + noteLengths[i];
    const note = noteText.slice(atNote, end);
    atNote = end;
    end = atTracking + trackingLengths[i];
    const tracking = trackingText.slice(atTracking, end);
    atTracking = end;
    const sp = salesperson.values[salesperson.codes[i]];
    const source = { file, sheet, row: unboxedInt(rows[i] + rowOffset) };
    const sh = shop.values[shop.codes[i]];
    // The shop in the literal, as the importer makes it (no property store added per order).
    out[i] =
      sh === ""
        ? { id, buyer, paid, shipping, refund, status: st, createdAt, paidAt, shippedAt, confirmedAt, note, tracking, salesperson: sp, source }
        : { id, buyer, paid, shipping, refund, status: st, createdAt, paidAt, shippedAt, confirmedAt, note, tracking, salesperson: sp, source, shop: sh };
  }
  return out;
}
