/**
 * CSV bytes → text: the encoding decided from the bytes (a BOM; else strict UTF-8 when valid;
 * else GB18030; UTF-16 without a BOM by its NUL bytes; binary junk refused), and the field
 * separator from the first lines. Part of the CSV reader (./csv.ts).
 */

/** Why bytes are not a text file (and on which line, when one byte says it), or null. */
export interface BinaryReason {
  zh: string;
  en: string;
  /** The line of the first NUL byte (counting line feeds), when that is the reason. */
  row?: number;
}

function binaryReason(bytes: Uint8Array): BinaryReason | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return {
      zh: "这是一个压缩文件（xlsx 工作簿或 zip），不是 CSV 文本；请按 xlsx 打开或另存为 CSV",
      en: "this is a zip archive (an xlsx workbook or a zip), not CSV text; open it as xlsx or save it as CSV",
    };
  }
  // A NUL among the first bytes: text exports never write one (UTF-16, whose ASCII is half NULs,
  // is told apart before), so the file is refused as binary. Where the first one is, is said, so
  // that a text file with one stray NUL can be mended rather than guessed at.
  const n = Math.min(bytes.length, 8192);
  const at = bytes.subarray(0, n).indexOf(0);
  if (at < 0) return null;
  let row = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 10) row++;
  return {
    zh: `文件包含二进制数据：第 ${at + 1} 个字节（偏移 ${at}，第 ${row} 行）是空字节（NUL），文本 CSV 中不会有；未导入。若这确实是导出的表格，请用文本编辑器删除这个字符后保存，或重新导出`,
    en: `the file holds binary data: byte ${at + 1} (offset ${at}, line ${row}) is a NUL byte, which CSV text never holds; not imported. If it is an export, delete that character in a text editor and save, or export it again`,
    row,
  };
}

/** UTF-16 without a BOM: NULs in every other byte of ASCII text. */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return "utf-16le";
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return "utf-16be";
  return null;
}

/**
 * Well-formed multi-byte UTF-8 sequences vs malformed bytes. GBK text almost never forms valid
 * UTF-8 sequences, while a UTF-8 file with one damaged byte is still overwhelmingly valid: the
 * ratio tells them apart better than "any error → not UTF-8".
 */
function utf8Stats(b: Uint8Array, complete: boolean): { ok: number; bad: number } {
  let ok = 0;
  let bad = 0;
  const n = b.length;
  for (let i = 0; i < n; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) {
      bad++;
      i++;
      continue;
    }
    if (i + len > n) {
      if (!complete) break; // a character cut by the chunk end
      bad++;
      break;
    }
    let valid = true;
    for (let k = 1; k < len; k++) if ((b[i + k] & 0xc0) !== 0x80) valid = false;
    if (valid) {
      ok++;
      i += len;
    } else {
      bad++;
      i++;
    }
  }
  return { ok, bad };
}

/** Decides the encoding from the first bytes. null = binary junk (with the reason). */
export function detectEncoding(bytes: Uint8Array, complete: boolean): { encoding: string; bomLength: number } | { binary: BinaryReason } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  const u16 = utf16WithoutBom(bytes);
  if (u16) return { encoding: u16, bomLength: 0 };
  const junk = binaryReason(bytes);
  if (junk) return { binary: junk };
  const u = utf8Stats(bytes, complete);
  if (u.bad === 0 || u.ok >= 4 * u.bad) return { encoding: "utf-8", bomLength: 0 };
  const text = new TextDecoder("gb18030").decode(bytes.subarray(0, Math.min(bytes.length, 8192)), { stream: true });
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) bad++;
  }
  if (bad > Math.max(2, text.length * 0.02)) {
    return {
      binary: {
        zh: "文件内容无法按 UTF-8 或 GBK/GB18030 解码，可能是二进制文件或损坏的文件；未导入",
        en: "the file cannot be decoded as UTF-8 or GBK/GB18030; it looks binary or damaged; not imported",
      },
    };
  }
  return { encoding: "gb18030", bomLength: 0 };
}

/**
 * Bytes → text, the encoding detected. Binary junk gives `encoding: "binary"` and empty text.
 * @example decodeBytes(gbkBytes) // {text: "订单编号,…", encoding: "gb18030"}
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: string } {
  const d = detectEncoding(bytes, true);
  if ("binary" in d) return { text: "", encoding: "binary" };
  return { text: new TextDecoder(d.encoding).decode(bytes.subarray(d.bomLength)), encoding: d.encoding };
}

/**
 * The field separator, from the first lines: a comma, unless tabs (a "CSV" saved as text by
 * some tools) or semicolons clearly outnumber commas there.
 */
export function delimiterOf(text: string): string {
  const head = text.slice(0, 4096);
  const count = (ch: string) => head.split(ch).length - 1;
  const commas = count(",");
  const tabs = count("\t");
  const semis = count(";");
  if (tabs > commas && tabs >= semis) return "\t";
  if (semis > commas && semis > tabs) return ";";
  return ",";
}

/** The chunks kept while the encoding is undecided, as one array. */
export function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
