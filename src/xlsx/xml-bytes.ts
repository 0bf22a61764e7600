/**
 * Worksheet XML written straight into a byte buffer. A month of a million orders is half a
 * gigabyte of XML: built as JavaScript strings, it cost as much again to flatten the string
 * ropes and encode them to UTF-8 as to generate them. Here tags, numbers and text go byte by
 * byte into a reused buffer that the zip stream compresses as it is.
 *
 * `text` must give exactly the bytes of `cellTextXml` (./xml.ts) in UTF-8 — test/sheets keeps the
 * two in step.
 */

const AMP = ascii("&amp;");
const LT = ascii("&lt;");
const GT = ascii("&gt;");
const QUOT = ascii("&quot;");
const HEX = ascii("0123456789ABCDEF");

/** An ASCII string's bytes (tags and attribute text known in advance). */
export function ascii(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/**
 * Up to here (yuan), c / 100 prints as its plain decimal with at most two places: the doubles
 * are far closer together than a cent (checked against String() in test/sheets/xml-bytes).
 */
const CENTS_UP_TO = 2 ** 31 - 1;

/** "00" "01" … "99": the two digits of each number below 100. */
const PAIRS = ascii(Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0")).join(""));

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** `_xHHHH_` starts at s[i] (the underscore): a literal one is protected by escaping its `_`. */
function escapeAt(s: string, i: number, end: number): boolean {
  return (
    i + 6 < end &&
    s.charCodeAt(i + 1) === 120 &&
    isHex(s.charCodeAt(i + 2)) &&
    isHex(s.charCodeAt(i + 3)) &&
    isHex(s.charCodeAt(i + 4)) &&
    isHex(s.charCodeAt(i + 5)) &&
    s.charCodeAt(i + 6) === 95
  );
}

export class XmlBytes {
  pos = 0;
  /** The buffer this one replaced when a row outgrew it (handed back by the writer). */
  spare: Buffer | null = null;

  constructor(public buf: Buffer) {}

  /** Makes room for `n` more bytes: a row longer than the buffer moves everything to a bigger one. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    if (this.spare === null) this.spare = this.buf;
    this.buf = bigger;
  }

  /** Starts over on `buf` (after the bytes so far were handed to the zip stream). */
  reset(buf: Buffer): void {
    this.buf = buf;
    this.pos = 0;
    this.spare = null;
  }

  /**
   * A cell's opening `<c r="B12" s="7" t="s"><v>`: `head` (`<c r="B`), the row number already
   * written at `rowAt` (`rowLen` bytes, copied, not formatted again), then `tail`. Copied by hand:
   * this runs for every cell of a million-row sheet.
   */
  cellOpen(head: Uint8Array, rowAt: number, rowLen: number, tail: Uint8Array): void {
    this.room(head.length + rowLen + tail.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < head.length; i++) buf[p++] = head[i];
    for (let i = 0; i < rowLen; i++) buf[p++] = buf[rowAt + i];
    for (let i = 0; i < tail.length; i++) buf[p++] = tail[i];
    this.pos = p;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < b.length; i++) buf[p++] = b[i];
    this.pos = p;
  }

  /** A number as XML text; integers digit by digit, others as JavaScript prints them. */
  num(n: number): void {
    if (n >= 0 && n <= 0x7fffffff && (n | 0) === n) this.uint(n);
    else if (n > 0 && n < CENTS_UP_TO && Math.round(n * 100) / 100 === n) {
      this.cents(Math.round(n * 100));
    } else {
      const s = String(n); // "12.5", "-3", "1e+21": ASCII
      this.room(s.length);
      const buf = this.buf;
      let p = this.pos;
      for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
      this.pos = p;
    }
  }

  /**
   * 0 ≤ n < 2³¹, two digits at a time from the end: a million-row sheet has ten million numbers
   * (row numbers, shared-string indexes, serials, money), and a division per digit showed.
   */
  private uint(n: number): void {
    this.room(10);
    const digits = n < 1e5 ? (n < 100 ? (n < 10 ? 1 : 2) : n < 1e3 ? 3 : n < 1e4 ? 4 : 5) : n < 1e7 ? (n < 1e6 ? 6 : 7) : n < 1e8 ? 8 : n < 1e9 ? 9 : 10;
    const buf = this.buf;
    let p = this.pos + digits;
    this.pos = p;
    let m = n;
    while (m >= 100) {
      const q = (m / 100) | 0;
      const r = (m - q * 100) << 1;
      buf[--p] = PAIRS[r + 1];
      buf[--p] = PAIRS[r];
      m = q;
    }
    if (m >= 10) {
      buf[--p] = PAIRS[(m << 1) + 1];
      buf[--p] = PAIRS[m << 1];
    } else buf[--p] = 48 + m;
  }

  /**
   * Whole cents `c` > 0 as yuan, the way JavaScript prints c / 100 ("12.05", "12.5", "12"):
   * money is most of a drill-down's numbers, and printing floats is slow.
   */
  private cents(c: number): void {
    this.room(24);
    const whole = Math.floor(c / 100);
    const frac = c - whole * 100;
    this.num(whole);
    if (frac === 0) return;
    const buf = this.buf;
    buf[this.pos++] = 46; // "."
    buf[this.pos++] = 48 + Math.floor(frac / 10);
    if (frac % 10 !== 0) buf[this.pos++] = 48 + (frac % 10);
  }

  /** Text that is already XML (built and escaped elsewhere), in UTF-8. */
  markup(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  /** Cell text: escaped as `cellTextXml` does, then UTF-8; `s[from, to)` when given (a value of a joined column). */
  text(s: string, from = 0, to = s.length): void {
    this.room((to - from) * 7);
    const buf = this.buf;
    let p = this.pos;
    const n = to;
    for (let i = from; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== 0x26 && c !== 0x3c && c !== 0x3e && c !== 0x22 && c !== 0x5f && c !== 0x7f) {
          buf[p++] = c;
          continue;
        }
        if (c === 0x26) p = put(buf, p, AMP);
        else if (c === 0x3c) p = put(buf, p, LT);
        else if (c === 0x3e) p = put(buf, p, GT);
        else if (c === 0x22) p = put(buf, p, QUOT);
        else if (c === 0x5f) p = escapeAt(s, i, n) ? escaped(buf, p, 0x5f) : ((buf[p] = c), p + 1);
        else if (c === 0x09 || c === 0x0a) buf[p++] = c;
        else p = escaped(buf, p, c);
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const u = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[p++] = 0xf0 | (u >> 18);
          buf[p++] = 0x80 | ((u >> 12) & 0x3f);
          buf[p++] = 0x80 | ((u >> 6) & 0x3f);
          buf[p++] = 0x80 | (u & 0x3f);
          i++;
        } else {
          // A lone surrogate cannot be stored: U+FFFD, as cellTextXml does.
          buf[p++] = 0xef;
          buf[p++] = 0xbf;
          buf[p++] = 0xbd;
        }
      } else if (c === 0xfffe || c === 0xffff) {
        p = escaped(buf, p, c);
      } else {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      }
    }
    this.pos = p;
  }
}

function put(buf: Buffer, p: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) buf[p++] = b[i];
  return p;
}

/** OOXML's `_xHHHH_` for a character XML cannot hold (or a protected underscore). */
function escaped(buf: Buffer, p: number, c: number): number {
  buf[p++] = 0x5f;
  buf[p++] = 0x78;
  buf[p++] = HEX[(c >> 12) & 15];
  buf[p++] = HEX[(c >> 8) & 15];
  buf[p++] = HEX[(c >> 4) & 15];
  buf[p++] = HEX[c & 15];
  buf[p++] = 0x5f;
  return p;
}
