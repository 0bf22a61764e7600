/**
 * CSV bytes → records for UTF-8 and GB18030, without decoding the whole file: field boundaries
 * are found on the bytes (in both encodings the bytes `,` `;` `"` `\t` `\r` `\n` never occur
 * inside a multi-byte character, and a decoder never swallows them into a bad sequence), and
 * only the fields asked for become strings — ASCII ones straight from the bytes, well-formed
 * GB18030 ones through a table of its two-byte characters made from the decoder, the others by
 * TextDecoder on their own bytes, interned per column while a column's values repeat (status,
 * shop, salesperson). Part of the CSV reader (./csv.ts says when it is used and what it saves).
 *
 * It gives exactly the text parser's records (./csv-parse.ts), problems and counts: the parity
 * property test (test/import/csv-scan.test.ts) holds them equal on random files. The U+FFFD count
 * (file.encoding.invalid_bytes) of the whole file is kept too: a skipped field is checked for
 * well-formed sequences on its bytes, and only a field that is not well-formed (or holds a U+FFFD
 * written as such) is decoded to count them. A record longer than MAX_RECORD_CHARS bytes is the
 * one case it does not judge (the text parser counts characters): it stops and says
 * `needsTextPath`, and the host reads the file through the text path instead.
 */
import { keepMask, MAX_RECORD_CHARS, unquote, type CsvEnd, type CsvRecordParser } from "./csv-parse";

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Values longer than this are not interned (ids, notes, addresses are mostly unique). */
const INTERN_MAX_BYTES = 64;
/** A column stops interning once it has this many distinct values. */
const INTERN_MAX_VALUES = 1024;

export interface CsvByteParser extends CsvRecordParser<Uint8Array> {
  /** U+FFFD characters the text path's decoding of the same bytes holds. */
  readonly replaced: number;
  /** A record ran past MAX_RECORD_CHARS bytes: this file must be read by the text path. */
  readonly needsTextPath: boolean;
}

interface Interned {
  bytes: Uint8Array;
  text: string;
  next: Interned | null;
}

/** Field text of an ASCII run: one byte per character (an array per length, never resized). */
const CODES: number[][] = [];
function asciiText(d: Uint8Array, s: number, e: number): string {
  const n = e - s;
  if (n === 0) return "";
  if (n === 1) return String.fromCharCode(d[s]);
  const codes = CODES[n] ?? (CODES[n] = new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) codes[i] = d[s + i];
  return String.fromCharCode.apply(null, codes);
}

/**
 * GB18030's two-byte characters, at (lead − 0x81) × 192 + (trail − 0x40): the one UTF-16 unit
 * the decoder gives for the pair alone, or 0 when it gives anything else (an error, two units).
 * Made once from the decoder itself, so a field of ASCII and such pairs reads here as the decoder
 * reads it — without a native call per field (~1 µs each, a few per order).
 */
let gbPairs: Uint16Array | null = null;
function gbPairTable(): Uint16Array {
  if (gbPairs) return gbPairs;
  const table = new Uint16Array(126 * 192);
  const bytes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) bytes.push(lead, trail, LF);
  }
  const out = new TextDecoder("gb18030", { ignoreBOM: true }).decode(new Uint8Array(bytes));
  let at = 0;
  for (let k = 0; k < bytes.length; k += 3) {
    const end = out.indexOf("\n", at);
    const c = out.charCodeAt(at);
    if (end === at + 1 && c !== 0xfffd) table[(bytes[k] - 0x81) * 192 + (bytes[k + 1] - 0x40)] = c;
    at = end + 1;
  }
  return (gbPairs = table);
}

/**
 * Text of d[s..e), well-formed GB18030 of ASCII and two-byte characters, or null when a pair is
 * not in the table (the caller decodes then).
 */
function gbText(d: Uint8Array, s: number, e: number, pairs: Uint16Array): string | null {
  let units = 0;
  for (let i = s; i < e; units++) i += d[i] < 0x80 ? 1 : 2;
  const codes = CODES[units] ?? (CODES[units] = new Array<number>(units).fill(0));
  let k = 0;
  for (let i = s; i < e; ) {
    const c = d[i];
    if (c < 0x80) {
      codes[k++] = c;
      i++;
      continue;
    }
    const u = pairs[(c - 0x81) * 192 + (d[i + 1] - 0x40)];
    if (u === 0) return null;
    codes[k++] = u;
    i += 2;
  }
  return String.fromCharCode.apply(null, codes);
}

function countFffd(s: string): number {
  let k = s.indexOf("\ufffd");
  if (k < 0) return 0;
  let n = 0;
  for (; k >= 0; k = s.indexOf("\ufffd", k + 1)) n++;
  return n;
}

/** True unless d[s..e) is well-formed GB18030 of ASCII and two-byte characters only. */
function gbSuspect(d: Uint8Array, s: number, e: number): boolean {
  for (let k = s; k < e; ) {
    const c = d[k];
    if (c < 0x80) {
      k++;
      continue;
    }
    if (c >= 0x81 && c <= 0xfe && k + 1 < e) {
      const t = d[k + 1];
      if ((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe)) {
        k += 2;
        continue;
      }
    }
    return true; // four-byte, 0x80, 0xFF or malformed: decoded to count exactly
  }
  return false;
}

/** True unless d[s..e) is well-formed UTF-8 without a U+FFFD character. */
function utf8Suspect(d: Uint8Array, s: number, e: number): boolean {
  for (let k = s; k < e; ) {
    const c = d[k];
    if (c < 0x80) {
      k++;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf) {
      if (k + 1 < e && (d[k + 1] & 0xc0) === 0x80) {
        k += 2;
        continue;
      }
      return true;
    }
    if (c >= 0xe0 && c <= 0xef) {
      if (k + 2 >= e) return true;
      const t = d[k + 1];
      const lo = c === 0xe0 ? 0xa0 : 0x80;
      const hi = c === 0xed ? 0x9f : 0xbf;
      if (t < lo || t > hi || (d[k + 2] & 0xc0) !== 0x80) return true;
      if (c === 0xef && t === 0xbf && d[k + 2] === 0xbd) return true; // U+FFFD itself
      k += 3;
      continue;
    }
    if (c >= 0xf0 && c <= 0xf4) {
      if (k + 3 >= e) return true;
      const t = d[k + 1];
      const lo = c === 0xf0 ? 0x90 : 0x80;
      const hi = c === 0xf4 ? 0x8f : 0xbf;
      if (t < lo || t > hi || (d[k + 2] & 0xc0) !== 0x80 || (d[k + 3] & 0xc0) !== 0x80) return true;
      k += 4;
      continue;
    }
    return true;
  }
  return false;
}

/** What gbFieldEnd met: 1 = bytes from 0x80 on, 2 = not well-formed two-byte GB18030. */
let fieldFlags = 0;

/**
 * Where an unquoted GB18030 field ends (the separator, CR or LF, or n). Two-byte characters are
 * stepped over whole: their second byte is never a separator, and a pair of these ranges is
 * always one character to the decoder, so the field is well-formed unless something else is met.
 */
function gbFieldEnd(d: Uint8Array, i: number, n: number, sep: number): number {
  let flags = 0;
  while (i < n) {
    const c = d[i];
    if (c < 0x80) {
      if (c === sep || c === LF || c === CR) break;
      i++;
      continue;
    }
    flags |= 1;
    if (c >= 0x81 && c <= 0xfe && i + 1 < n) {
      const t = d[i + 1];
      if ((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe)) {
        i += 2;
        continue;
      }
    }
    flags |= 2;
    i++;
  }
  fieldFlags = flags;
  return i;
}

/**
 * @param onRow gets each record's cells (the array is reused: copy what you keep) and its number.
 * @param encoding "utf-8" or "gb18030"; the caller has already skipped any BOM.
 */
export function createCsvByteParser(onRow: (cells: string[], rowNo: number) => void, delimiter: string, encoding: "utf-8" | "gb18030"): CsvByteParser {
  const SEP = delimiter.charCodeAt(0);
  const gb = encoding === "gb18030";
  // Each field is its own decode: a U+FEFF at its start is text, not a byte-order mark.
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  const suspect = gb ? gbSuspect : utf8Suspect;
  const cells: string[] = [];
  let keep: Uint8Array | null = null;
  /** Fields at keep.length and after are kept (see setColumns' `beyond`). */
  let keepBeyond = false;
  let rowNo = 0;
  let prevFields = 0;
  let replaced = 0;
  /** U+FFFD in the record being read: counted once it is complete (an incomplete one is read again). */
  let recReplaced = 0;
  let needsText = false;
  let skipLF = false;
  /** The pending record's bytes at buf[0..carry). */
  let buf = new Uint8Array(0);
  let carry = 0;
  /** Per column: interned values by hash (null once the column has too many). */
  let interns: (Map<number, Interned> | null)[] = [];
  let pairs: Uint16Array | null = null;
  let internCounts: number[] = [];

  /**
   * Text of d[s..e) (e < n: d[e] is its ASCII terminator, which the decode includes and drops,
   * unless `whole`: the bytes are known well-formed, so they decode alone to a flat string).
   */
  function text(d: Uint8Array, s: number, e: number, n: number, col: number, high: boolean, whole = false): string {
    const len = e - s;
    if (!high) return len > 1024 ? decoder.decode(d.subarray(s, e)) : asciiText(d, s, e);
    let table: Map<number, Interned> | null | undefined;
    let h = 0;
    if (len <= INTERN_MAX_BYTES && col >= 0 && e < n) {
      table = interns[col];
      if (table === undefined) table = interns[col] = new Map();
      if (table !== null) {
        h = 0x811c9dc5 ^ len;
        for (let i = s; i < e; i++) h = Math.imul(h ^ d[i], 0x01000193);
        for (let it: Interned | null | undefined = table.get(h); it; it = it.next) {
          const b = it.bytes;
          if (b.length !== len) continue;
          let same = true;
          for (let i = 0; i < len; i++) {
            if (b[i] !== d[s + i]) {
              same = false;
              break;
            }
          }
          if (same) {
            if (it.text.indexOf("\ufffd") >= 0) recReplaced += countFffd(it.text);
            return it.text;
          }
        }
      }
    }
    let t: string;
    const own = gb && whole && len <= 1024 ? gbText(d, s, e, pairs ?? (pairs = gbPairTable())) : null;
    if (own !== null) t = own;
    else if (gb && e < n && !whole) {
      t = decoder.decode(d.subarray(s, e + 1));
      t = t.slice(0, t.length - 1);
    } else t = decoder.decode(d.subarray(s, e));
    if (t.indexOf("\ufffd") >= 0) recReplaced += countFffd(t);
    if (table) {
      const count = (internCounts[col] ?? 0) + 1;
      internCounts[col] = count;
      if (count > INTERN_MAX_VALUES) interns[col] = null;
      else {
        t = (" " + t).slice(1); // flat and on its own, not a view on the decoded field
        table.set(h, { bytes: d.slice(s, e), text: t, next: table.get(h) ?? null });
      }
    }
    return t;
  }

  /** A field that is not kept: only its invalid bytes are counted. */
  function skipped(d: Uint8Array, s: number, e: number, n: number): void {
    if (!suspect(d, s, e)) return;
    const t = decoder.decode(d.subarray(s, gb && e < n ? e + 1 : e));
    recReplaced += countFffd(t);
  }

  function hasHigh(d: Uint8Array, s: number, e: number): boolean {
    for (let i = s; i < e; i++) if (d[i] >= 0x80) return true;
    return false;
  }

  /**
   * Records of d from p on; returns where the first incomplete record starts (n when none).
   * At `eof` the last record is completed or reported cut off by `end`.
   */
  function scan(d: Uint8Array, p: number, eof: boolean): number {
    const n = d.length;
    while (p < n) {
      const recStart = p;
      recReplaced = 0;
      let i = p;
      let col = 0;
      const k = keep;
      for (;;) {
        const fs = i;
        let quoted = false;
        let open = false; // still inside quotes where the bytes end
        let high = 0;
        if (i < n && d[i] === QUOTE) {
          quoted = true;
          i++;
          for (;;) {
            const j = d.indexOf(QUOTE, i);
            if (j < 0 || j + 1 >= n) {
              // At the end of the bytes: a quote there is the text path's pending quote, still open.
              i = n;
              open = true;
              break;
            }
            if (d[j + 1] === QUOTE) i = j + 2;
            else {
              i = j + 1;
              break;
            }
          }
          high = 0x80; // unknown: checked below when needed
        }
        let c = 0;
        /** Not known to be well-formed (GB18030 unquoted fields are checked as they are scanned). */
        let odd = quoted || !gb;
        if (open) {
          // nothing more in these bytes
        } else if (gb) {
          i = gbFieldEnd(d, i, n, SEP);
          if (i < n) c = d[i];
          if (fieldFlags & 1) high = 0x80;
          if (fieldFlags & 2) odd = true;
        } else {
          while (i < n) {
            c = d[i];
            if (c === SEP || c === LF || c === CR) break;
            high |= c;
            i++;
          }
        }
        if (i >= n) {
          if (!eof) return recStart;
          // The last record, without a line break.
          finish(d, recStart, fs, n, col, quoted, open);
          return n;
        }
        const kept = k === null || (col < k.length ? k[col] === 1 : keepBeyond);
        if (kept) {
          const isHigh = (high & 0x80) !== 0 && (!quoted || hasHigh(d, fs, i));
          if (!quoted) cells[col] = text(d, fs, i, n, col, isHigh, !odd);
          else if (i - fs >= 2 && d[i - 1] === QUOTE && !(isHigh && suspect(d, fs + 1, i - 1))) {
            // What unquote gives (the first quote and the last dropped, "" → "), decoded from
            // the inner bytes: a string of its own, not a slice of the field's text.
            const inner = text(d, fs + 1, i - 1, n, col, isHigh, true);
            cells[col] = inner.indexOf('""') >= 0 ? inner.replace(/""/g, '"') : inner;
          } else cells[col] = unquote(text(d, fs, i, n, col, isHigh));
        } else {
          cells[col] = "";
          if ((high & 0x80) !== 0 && odd) skipped(d, fs, i, n);
        }
        if (c === SEP) {
          col++;
          i++;
          continue;
        }
        // End of record.
        if (i - recStart > MAX_RECORD_CHARS - 2) {
          needsText = true;
          return n;
        }
        if (c === CR) {
          if (i + 1 < n) {
            if (d[i + 1] === LF) i++;
          } else skipLF = true;
        }
        if (cells.length !== col + 1) cells.length = col + 1;
        rowNo++;
        prevFields = col + 1;
        replaced += recReplaced;
        onRow(cells, rowNo);
        p = i + 1;
        break;
      }
    }
    return n;
  }

  let truncated: CsvEnd["truncated"] = null;

  /** The file's last record, d[recStart..n) with no line break: emitted, or reported cut off. */
  function finish(d: Uint8Array, recStart: number, fs: number, n: number, col: number, quoted: boolean, open: boolean): void {
    if (n - recStart > MAX_RECORD_CHARS - 2) {
      needsText = true;
      return;
    }
    const fields = col + 1;
    const kept = keep === null || (col < keep.length ? keep[col] === 1 : keepBeyond);
    if (open || (prevFields > 0 && fields < prevFields)) {
      // As the text path words it: the kept fields before, then the last field's text as written
      // when it is kept or still in quotes.
      const last = kept || open ? text(d, fs, n, n, -1, hasHigh(d, fs, n)) : "";
      if (!(kept || open) && hasHigh(d, fs, n)) skipped(d, fs, n, n);
      replaced += recReplaced;
      truncated = { row: rowNo + 1, fields, expected: prevFields, inQuotes: open, text: [...cells.slice(0, col), last].join(",").slice(0, 200) };
      rowNo++;
      return;
    }
    if (kept) {
      const raw = text(d, fs, n, n, col, hasHigh(d, fs, n));
      cells[col] = quoted ? unquote(raw) : raw;
    } else {
      cells[col] = "";
      if (hasHigh(d, fs, n)) skipped(d, fs, n, n);
    }
    if (cells.length !== col + 1) cells.length = col + 1;
    rowNo++;
    prevFields = fields;
    replaced += recReplaced;
    onRow(cells, rowNo);
  }

  return {
    get rows() {
      return rowNo;
    },
    get replaced() {
      return replaced;
    },
    get needsTextPath() {
      return needsText;
    },
    atRecordStart() {
      return carry === 0 && !skipLF && !needsText;
    },
    setColumns(cols, beyond) {
      keep = keepMask(cols, beyond);
      keepBeyond = beyond !== undefined;
    },
    feed(chunk) {
      if (needsText || chunk.length === 0) return;
      let d: Uint8Array;
      if (carry > 0) {
        const need = carry + chunk.length;
        if (buf.length < need) {
          const grown = new Uint8Array(Math.max(need, buf.length * 2));
          grown.set(buf.subarray(0, carry));
          buf = grown;
        }
        buf.set(chunk, carry);
        d = buf.subarray(0, need);
      } else d = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length); // one element kind for the loops (a Node Buffer is another)
      let p = 0;
      if (skipLF) {
        skipLF = false;
        if (d[0] === LF) p = 1;
      }
      p = scan(d, p, false);
      if (needsText) return;
      const rest = d.length - p;
      if (rest > MAX_RECORD_CHARS - 2) {
        needsText = true;
        return;
      }
      if (rest > 0) {
        if (d.buffer === buf.buffer) buf.copyWithin(0, p, d.length);
        else {
          if (buf.length < rest) buf = new Uint8Array(Math.max(rest, 1 << 16));
          buf.set(d.subarray(p));
        }
      }
      carry = rest;
    },
    end() {
      if (!needsText && carry > 0) {
        const d = buf.subarray(0, carry);
        carry = 0;
        scan(d, 0, true);
      }
      interns = [];
      internCounts = [];
      return { rows: rowNo, truncated, runaway: null, oversized: [] };
    },
  };
}
