/**
 * Orderings shared by the reports. Every list a report returns is sorted by content, never left
 * in input order, so shuffled input rows give the same report.
 */
import type { SourceRef } from "../model";

/**
 * Natural order for codes and names: digit runs compare by value (KF2 < KF10), the rest by
 * UTF-16 code units (host-independent, unlike localeCompare).
 */
export function compareCodes(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    const da = ca >= 48 && ca <= 57;
    const db = cb >= 48 && cb <= 57;
    if (da && db) {
      let ei = i;
      let ej = j;
      while (ei < a.length && a.charCodeAt(ei) >= 48 && a.charCodeAt(ei) <= 57) ei++;
      while (ej < b.length && b.charCodeAt(ej) >= 48 && b.charCodeAt(ej) <= 57) ej++;
      const ra = a.slice(i, ei).replace(/^0+(?=\d)/, "");
      const rb = b.slice(j, ej).replace(/^0+(?=\d)/, "");
      if (ra.length !== rb.length) return ra.length - rb.length;
      if (ra !== rb) return ra < rb ? -1 : 1;
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  if (a.length - i !== b.length - j) return a.length - i - (b.length - j);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plain code-unit order. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order ids are digit strings: shorter first, then by text (= numeric order). */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : compareText(a, b);
}

export function compareSources(a: SourceRef, b: SourceRef): number {
  return compareText(a.file, b.file) || compareText(a.sheet, b.sheet) || a.row - b.row;
}
