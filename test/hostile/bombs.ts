/**
 * Crafted xlsx packages (issue 18, "crafted or damaged xlsx kills the process"), built here at
 * test time and small on disk: a few MB at most that inflate to gigabytes, or directories that
 * say they do. Nothing here is committed as a binary.
 *
 * How a big part stays small: deflate with a full flush resets the compressor's history, so the
 * compressed block of one 1 MB filler is independent of what came before; repeating that block
 * n times and closing with an empty final block is a valid raw deflate stream of n MB.
 */
import { promises as fs } from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { crc32 } from "../../src/xlsx/zip";

export interface BombPart {
  name: string;
  /** The bytes as stored (raw deflate when `deflated`). */
  data: Buffer;
  deflated: boolean;
  /** The inflated size the directory records (a liar's size when smaller than the real one). */
  size: number;
  crc: number;
}

/** A part stored deflated, its directory honest. */
export function part(name: string, text: string): BombPart {
  const raw = Buffer.from(text, "utf8");
  return { name, data: zlib.deflateRawSync(raw), deflated: true, size: raw.length, crc: crc32(raw, 0) };
}

/**
 * `head` + `filler` repeated until `megabytes` MB + `tail`, as raw deflate in ~1 KB per MB. The
 * directory gets `declared` as the inflated size (default: the true size) and a CRC of 0 (never
 * reached: the reader refuses such a part before its end).
 */
export function bigPart(name: string, head: string, filler: string, megabytes: number, tail: string, declared?: number): BombPart {
  const mb = 1024 * 1024;
  const unit = Buffer.from(filler.repeat(Math.max(1, Math.floor(mb / Buffer.byteLength(filler)))), "utf8");
  // deflateRawSync with finishFlush Z_FULL_FLUSH gives an unterminated, byte-aligned block
  // sequence with no history, repeatable as it is.
  const headBlock = zlib.deflateRawSync(Buffer.from(head, "utf8"), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const unitBlock = zlib.deflateRawSync(unit, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const tailBlock = zlib.deflateRawSync(Buffer.from(tail, "utf8"));
  const parts = [headBlock];
  for (let i = 0; i < megabytes; i++) parts.push(unitBlock);
  parts.push(tailBlock);
  const size = Buffer.byteLength(head) + unit.length * megabytes + Buffer.byteLength(tail);
  return { name, data: Buffer.concat(parts), deflated: true, size: declared ?? size, crc: 0 };
}

/** A zip of the parts, written by hand so the directory can say what a crafted file says. */
export function zipOf(parts: BombPart[]): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.deflated ? 8 : 0, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(Math.min(p.size, 0xfffffffe), 22);
    local.writeUInt16LE(name.length, 26);
    out.push(local, name, p.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(p.deflated ? 8 : 0, 10);
    c.writeUInt32LE(p.crc >>> 0, 16);
    c.writeUInt32LE(p.data.length, 20);
    c.writeUInt32LE(Math.min(p.size, 0xfffffffe), 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + p.data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, dir, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/**
 * The package frame around the given sheets: content types, rels, workbook, and the shared
 * strings part `sst` (a normal small one unless given).
 */
export function workbook(sheets: { name: string; xml: BombPart | string }[], sst?: BombPart): BombPart[] {
  const parts: BombPart[] = [
    part("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
    part("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part(
      "xl/workbook.xml",
      `<workbook ${NS}><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
    ),
    part(
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join("")}<Relationship Id="rIdS" Type="${REL}sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    sst ?? part("xl/sharedStrings.xml", `<sst ${NS}><si><t>订单编号</t></si></sst>`),
  ];
  sheets.forEach((s, i) => {
    const name = `xl/worksheets/sheet${i + 1}.xml`;
    parts.push(typeof s.xml === "string" ? part(name, s.xml) : { ...s.xml, name });
  });
  return parts;
}

export const SHEET_HEAD = `<worksheet ${NS}><sheetData>`;
export const SHEET_TAIL = "</sheetData></worksheet>";

/** A sheet of `rows` with string cells, as a normal writer emits it. */
export function sheetXml(rows: string[][]): string {
  const col = (i: number) => String.fromCharCode(65 + i);
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return (
    SHEET_HEAD +
    rows.map((r, ri) => `<row r="${ri + 1}">${r.map((v, ci) => `<c r="${col(ci)}${ri + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join("")}</row>`).join("") +
    SHEET_TAIL
  );
}

/** The bombs the issue names, by class; each is a list of parts for `zipOf`. */
export const BOMBS = {
  /** Shared strings inflating to 2 GB, honestly declared: refused from the directory. */
  sharedStringsHonest: () => workbook([{ name: "订单", xml: sheetXml([["订单编号"]]) }], bigPart("xl/sharedStrings.xml", `<sst ${NS}>`, "<si><t>炸</t></si>", 2048, "</sst>")),
  /** Shared strings inflating to 300 MB while the directory says 4 KB: refused at the first step past it. */
  sharedStringsLying: () => workbook([{ name: "订单", xml: sheetXml([["订单编号"]]) }], bigPart("xl/sharedStrings.xml", `<sst ${NS}>`, "<si><t>炸</t></si>", 300, "</sst>", 4096)),
  /** One shared string of a million characters (a cell holds 32,767). */
  sharedStringLong: () => workbook([{ name: "订单", xml: sheetXml([["订单编号"]]) }], bigPart("xl/sharedStrings.xml", `<sst ${NS}><si><t>`, "A", 1, "</t></si></sst>")),
  /** A text run of 200 MB with no tag in it, outside any cell. */
  xmlRun: () => workbook([{ name: "订单", xml: bigPart("", SHEET_HEAD + "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData><extLst>", "x", 200, "</extLst></worksheet>") }]),
  /** Millions of cells at the same reference (A1), 500 MB of XML. */
  sameReference: () => workbook([{ name: "订单", xml: bigPart("", SHEET_HEAD + '<row r="1">', '<c r="A1"><v>1</v></c>', 500, "</row>" + SHEET_TAIL) }]),
  /** Millions of rows all numbered 1. */
  sameRow: () => workbook([{ name: "订单", xml: bigPart("", SHEET_HEAD, '<row r="1"><c r="A1"><v>1</v></c></row>', 500, SHEET_TAIL) }]),
  /** Three worksheets the directory says are 3.5 GB each: past the total before anything is inflated. */
  totalTooBig: () =>
    workbook([
      { name: "一", xml: { ...part("", sheetXml([["a"]])), size: 3.5 * 1024 ** 3 } },
      { name: "二", xml: { ...part("", sheetXml([["a"]])), size: 3.5 * 1024 ** 3 } },
      { name: "三", xml: { ...part("", sheetXml([["a"]])), size: 3.5 * 1024 ** 3 } },
    ]),
};

/** Writes `parts` as a zip at dir/name; returns the path. */
export async function writeBomb(dir: string, name: string, parts: BombPart[]): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, zipOf(parts));
  return file;
}
