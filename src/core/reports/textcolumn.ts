/**
 * Columns of texts that repeat — a month's handful of shops, statuses and sheets, the few hundred
 * codes that name agents — as a code per row and each text once. A million rows of pointers are
 * 8 MB a column on the collected heap, each slot visited and, when the heap is compacted before
 * the write, updated; a million codes are 1–4 MB outside it.
 */

/** Row j's text is `texts[codes[j]]`. */
export interface TextColumn {
  readonly codes: ArrayLike<number>;
  readonly texts: readonly string[];
}

/** Row j's text. */
export function textAt(col: TextColumn, j: number): string {
  return col.texts[col.codes[j]];
}

/** How many rows the column holds. */
export function textRows(col: TextColumn): number {
  return col.codes.length;
}

/** A text column holding `list` (hand-made reports, tests). */
export function textColumn(list: readonly string[]): TextColumn {
  const codes = new TextCodes();
  const out = codeArray(list.length, list.length);
  list.forEach((t, j) => (out[j] = codes.code(t)));
  return { codes: out, texts: codes.texts };
}

/** Room for `n` codes below `count`, in the fewest bytes that hold them. */
export function codeArray(count: number, n: number): Uint8Array | Uint16Array | Int32Array {
  return count <= 0x100 ? new Uint8Array(n) : count <= 0x10000 ? new Uint16Array(n) : new Int32Array(n);
}

/** Texts as numbers, each text kept once, in order of first appearance. */
export class TextCodes {
  private readonly codes = new Map<string, number>();
  readonly texts: string[] = [];
  private last = "";
  private lastCode = -1;

  code(text: string): number {
    if (text === this.last && this.lastCode >= 0) return this.lastCode;
    let c = this.codes.get(text);
    if (c === undefined) {
      c = this.texts.push(text) - 1;
      this.codes.set(text, c);
    }
    this.last = text;
    this.lastCode = c;
    return c;
  }

  text(code: number): string {
    return this.texts[code];
  }

  /**
   * The texts in code-unit order and each code's place among them: a column laid out with these
   * does not depend on which row came first (the same month in any row order, the same report).
   */
  sorted(): { texts: string[]; rank: Int32Array } {
    const order = this.texts.map((_, c) => c).sort((x, y) => (this.texts[x] < this.texts[y] ? -1 : this.texts[x] > this.texts[y] ? 1 : 0));
    const rank = new Int32Array(order.length);
    order.forEach((c, r) => (rank[c] = r));
    return { texts: order.map((c) => this.texts[c]), rank };
  }
}
