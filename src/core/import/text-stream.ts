/**
 * Bytes of a known encoding to text, chunk by chunk. TextDecoder's streaming mode does this, but
 * for GB18030 Node's decoder throws (ERR_ENCODING_INVALID_ENCODED_DATA, in its non-fatal mode)
 * when a chunk ends inside what could be a four-byte sequence (`FE 30 FE`) and the next chunk
 * shows it malformed (`22`): a hostile or damaged export would stop the import. So GB18030 is cut
 * here at character boundaries — a few bytes of an unfinished sequence carried to the next
 * chunk — and each piece decoded whole, which gives the text one whole-file decode gives (the
 * WHATWG decoder's resynchronisation: a malformed sequence is one U+FFFD for its first byte, the
 * rest read again). Other encodings stream through TextDecoder as they are.
 */
import { concat } from "./csv-encoding";

export interface TextStream {
  /** The text of the chunk, less what an unfinished character at its end needs from the next. */
  write(chunk: Uint8Array): string;
  /** What is left (an unfinished character at the very end: U+FFFD). */
  end(): string;
}

export function textStream(encoding: string): TextStream {
  const decoder = new TextDecoder(encoding);
  if (encoding !== "gb18030") {
    return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
  }
  let carry: Uint8Array = new Uint8Array(0);
  return {
    write(chunk) {
      const all = carry.length === 0 ? chunk : concat([carry, chunk], carry.length + chunk.length);
      const cut = gb18030Boundary(all);
      carry = all.slice(cut);
      return cut === 0 ? "" : decoder.decode(all.subarray(0, cut));
    },
    end() {
      const rest = carry;
      carry = new Uint8Array(0);
      return rest.length === 0 ? "" : decoder.decode(rest);
    },
  };
}

const isLead = (b: number) => b >= 0x81 && b <= 0xfe;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/**
 * The end of the last whole character (or malformed byte) of `b`, read from its start (a
 * character boundary): what follows is the start of a sequence the bytes so far cannot finish.
 */
export function gb18030Boundary(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (!isLead(c)) {
      i++; // ASCII, or 0x80 / 0xFF (malformed alone)
      continue;
    }
    if (i + 1 >= n) return i;
    const c2 = b[i + 1];
    if (isDigit(c2)) {
      if (i + 2 >= n) return i;
      if (!isLead(b[i + 2])) {
        i++; // malformed: the lead alone, the rest read again
        continue;
      }
      if (i + 3 >= n) return i;
      i += isDigit(b[i + 3]) ? 4 : 1;
      continue;
    }
    // A two-byte character, or a lead whose next byte cannot follow it (read again).
    i += (c2 >= 0x40 && c2 <= 0x7e) || (c2 >= 0x80 && c2 <= 0xfe) ? 2 : 1;
  }
  return n;
}
