/**
 * Canonical order of a million rows by time without a comparator sort: a radix sort on the
 * row's bucket (a second wide — exports carry whole seconds — or wider when rows are few), then
 * a comparator only inside the buckets holding several rows. A comparator sort of 1,000,000
 * objects costs about a second in V8; this costs tens of milliseconds and gives the same order.
 *
 * Why radix passes of 11 bits rather than one counting pass over all buckets: a month has
 * millions of seconds, and counting into millions of slots misses the CPU cache on every row;
 * 2,048 slots stay in it, so two or three sequential passes are cheaper than one random one.
 *
 * Memory matters as much as time here: the result and the scratch are typed arrays of one
 * number per row (4 bytes, outside the collected heap: a million-element plain array is 8 MB of
 * large object the collector walks, and lives until a full collection of the whole heap).
 */

import { DAY_MS } from "./calendar";

const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;

/** Buckets this small are sorted in place by insertion: a call to Array#sort costs more. */
const SMALL = 16;

/** Index order of the first `n` of `times` ascending, ties by `tie(i, j)`; NaN-free input. */
export function orderByTime(times: ArrayLike<number>, n: number, tie: (a: number, b: number) => number): Int32Array {
  const out = new Int32Array(n);
  if (n === 0) return out;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (t < min) min = t;
    if (t > max) max = t;
  }
  // Buckets of whole seconds, widened so there are never more than about 2n of them.
  const width = Math.max(1000, Math.ceil((max - min + 1) / (2 * n)));
  const range = Math.floor((max - min) / width) + 1;
  const bucket = new Uint32Array(n);
  for (let i = 0; i < n; i++) bucket[i] = Math.floor((times[i] - min) / width);
  const { key, row } = radixSort(bucket, n, range);
  for (let i = 0; i < n; i++) out[i] = row[i];

  const full = (a: number, b: number): number => times[a] - times[b] || tie(a, b);
  let group: number[] | null = null;
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && key[e] === key[s]) e++;
    if (e - s > SMALL) {
      group = group ?? [];
      group.length = 0;
      for (let k = s; k < e; k++) group.push(out[k]);
      group.sort(full);
      for (let k = s; k < e; k++) out[k] = group[k - s];
    } else {
      // Stable like Array#sort: a bucket holds its rows in index order, and a row moves only
      // past greater ones.
      for (let k = s + 1; k < e; k++) {
        const v = out[k];
        let m = k - 1;
        while (m >= s && full(out[m], v) > 0) {
          out[m + 1] = out[m];
          m--;
        }
        out[m + 1] = v;
      }
    }
    s = e;
  }
  return out;
}

/**
 * Stable least-significant-digit radix sort of row indexes 0 … n − 1 by `key` (each below
 * `range`): returns the keys in order and the rows beside them. Overwrites `bucket`.
 */
function radixSort(bucket: Uint32Array, n: number, range: number): { key: Uint32Array; row: Uint32Array } {
  let key: Uint32Array = bucket;
  let row: Uint32Array = new Uint32Array(n);
  for (let i = 0; i < n; i++) row[i] = i;
  let key2: Uint32Array = new Uint32Array(n);
  let row2: Uint32Array = new Uint32Array(n);
  const count = new Uint32Array(DIGITS);
  let bits = DIGIT_BITS;
  while (bits < 32 && range - 1 >= 2 ** bits) bits += DIGIT_BITS;
  for (let shift = 0; shift < bits; shift += DIGIT_BITS) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i] >>> shift) & (DIGITS - 1)]++;
    let sum = 0;
    for (let d = 0; d < DIGITS; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = count[(key[i] >>> shift) & (DIGITS - 1)]++;
      key2[at] = key[i];
      row2[at] = row[i];
    }
    [key, key2] = [key2, key];
    [row, row2] = [row2, row];
  }
  return { key, row };
}

/** The first i in [0, n) where `holds(i)` is false, for a `holds` true on a leading run only. */
export function firstFalse(n: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where each day's run starts in rows walked in time `order` (all in [start, start + days
 * days)): entry d is the first position of day d, entry `days` the end. Found by bisection, so
 * a walk by day never reads a row's time out of order.
 */
export function dayRuns(times: ArrayLike<number>, order: ArrayLike<number>, start: number, days: number): number[] {
  return Array.from({ length: days + 1 }, (_, d) => firstFalse(order.length, (j) => Math.floor((times[order[j]] - start) / DAY_MS) < d));
}

/** A plain array of `n` zeros (small integers, on the JS heap). */
export function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}
