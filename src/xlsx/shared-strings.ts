/**
 * xl/sharedStrings.xml: each distinct text once, cells refer to it by index. Good for what
 * repeats (agent codes, statuses, headers); the big drill-downs write their near-unique columns
 * (order ids, buyers, sources) inline instead — see sheet-writer.ts.
 */
import { XML_DECL, cellTextXml } from "./xml";

export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  /** Cells that referred to the table (Excel's `count`). */
  private count = 0;

  /** The index of `text`, added when new. */
  add(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  /** Further uses of texts already added (their indices known to the caller). */
  reuse(n = 1): void {
    this.count += n;
  }

  /** Cells that referred to the table so far. */
  get uses(): number {
    return this.count;
  }

  /** Uses counted for cells rendered and thrown away (a frame rendered to take it apart). */
  unuse(n: number): void {
    this.count -= n;
  }

  get size(): number {
    return this.list.length;
  }

  /** The part, built in pieces: a big table is never one giant string in flight. */
  *xml(): Generator<string> {
    yield XML_DECL + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.list.length}">`;
    let chunk = "";
    for (const s of this.list) {
      const edge = s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32);
      chunk += (edge ? '<si><t xml:space="preserve">' : "<si><t>") + cellTextXml(s) + "</t></si>";
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = "";
      }
    }
    yield chunk + "</sst>";
  }
}
