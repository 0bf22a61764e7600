/**
 * Canonical order of a million rows by time without a comparator sort: a counting sort into
 * buckets (a second wide — exports carry whole seconds — or wider when rows are few), then a
 * comparator only inside the buckets holding several rows. A comparator sort of 1,000,000
 * objects costs about a second in V8; this costs tens of milliseconds and gives the same order.
 *
 * Memory matters as much as time here: the result is a plain array (on the JS heap), and the
 * scratch is two typed arrays (bucket bounds, each row's bucket) — typed-array buffers are
 * "external memory" to V8, and a hundred megabytes of them force a full collection of the whole
 * (large) heap.
 */

/** Buckets this small are sorted in place by insertion: a call to Array#sort costs more. */
const SMALL = 16;

/** Index order of the first `n` of `times` ascending, ties by `tie(i, j)`; NaN-free input. */
export function orderByTime(times: ArrayLike<number>, n: number, tie: (a: number, b: number) => number): number[] {
  const out = zeros(n);
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
  const full = (a: number, b: number): number => times[a] - times[b] || tie(a, b);
  // bound[b + 1] counts bucket b; after the prefix sum it is bucket b's end; placing rows from
  // the back moves it to bucket b's start, so bucket b ends up as [bound[b + 1], bound[b + 2]).
  const bound = new Uint32Array(range + 2);
  const bucket = new Uint32Array(n);
  for (let i = 0; i < n; i++) bound[(bucket[i] = Math.floor((times[i] - min) / width)) + 1]++;
  for (let b = 1; b <= range; b++) bound[b] += bound[b - 1];
  bound[range + 1] = n;
  for (let i = n - 1; i >= 0; i--) out[--bound[bucket[i] + 1]] = i;
  let group: number[] | null = null;
  for (let b = 0; b < range; b++) {
    const s = bound[b + 1];
    const e = bound[b + 2];
    if (e - s < 2) continue;
    if (e - s <= SMALL) {
      // Stable like Array#sort: rows enter a bucket in index order and move only past greater ones.
      for (let k = s + 1; k < e; k++) {
        const v = out[k];
        let m = k - 1;
        while (m >= s && full(out[m], v) > 0) {
          out[m + 1] = out[m];
          m--;
        }
        out[m + 1] = v;
      }
      continue;
    }
    group = group ?? [];
    group.length = 0;
    for (let k = s; k < e; k++) group.push(out[k]);
    group.sort(full);
    for (let k = s; k < e; k++) out[k] = group[k - s];
  }
  return out;
}

/** A plain array of `n` zeros (small integers, on the JS heap). */
export function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}
