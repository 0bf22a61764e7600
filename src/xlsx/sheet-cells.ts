/**
 * Reading a few named sheets' cell values straight from an xlsx package (parts by name from the
 * zip's index + the shared strings), for files this tool wrote and a manager then edited and
 * saved in Excel, WPS or LibreOffice. Only the wanted sheets are inflated and parsed, so a board
 * with a million order rows costs the shared strings and two small parts, not the whole file.
 */
import { openZip, type ZipPackage } from "./zip-read";

export type RawValue = string | number | boolean | null;

function decodeXml(s: string): string {
  return s
    .replace(/&#x([0-9a-fA-F]+);/g, (_m, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** OOXML text: the <t> runs of a string item (phonetic runs skipped), entities and _xHHHH_ decoded. */
function itemText(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += m[1] ?? "";
  return decodeXml(out).replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h) => String.fromCharCode(parseInt(h, 16)));
}

/** A package's parts as text by name: JSZip fits (the tests pass theirs), and so does `partsOf`. */
export interface PartTexts {
  file(name: string): { async(type: "string"): Promise<string> } | null;
}

function partsOf(zip: ZipPackage): PartTexts {
  return {
    file(name) {
      const found = zip.find(name);
      if (found === null) return null;
      return {
        async async() {
          const bytes: Uint8Array[] = [];
          for await (const b of zip.chunks(found)) bytes.push(b);
          return Buffer.concat(bytes).toString("utf8");
        },
      };
    },
  };
}

/** Map sheet name → package path of its worksheet part, from workbook.xml and its rels. */
export async function sheetParts(zip: PartTexts): Promise<Map<string, string>> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])?.[1];
    const target = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, "xl/"));
  }
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const rid = /r:id="([^"]+)"/.exec(m[0])?.[1];
    if (name !== undefined && rid && targets.has(rid)) out.set(decodeXml(name), targets.get(rid)!);
  }
  return out;
}

/** "AB12" → [row 12, column 28] (1-based). */
function address(ref: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), col];
}

/**
 * The names of all sheets, and the cell values of the wanted ones: `rows[r][c]` with 1-based r and
 * c (index 0 unused), as shown values (a formula gives its cached result). Missing sheets are
 * absent from the map.
 */
export async function readSheetValues(
  file: string,
  names: readonly string[],
): Promise<{ sheetNames: string[]; values: Map<string, RawValue[][]> }> {
  const pkg = await openZip(file);
  try {
    return await valuesOf(partsOf(pkg), names);
  } finally {
    await pkg.close();
  }
}

async function valuesOf(zip: PartTexts, names: readonly string[]): Promise<{ sheetNames: string[]; values: Map<string, RawValue[][]> }> {
  const parts = await sheetParts(zip);
  const shared: string[] = [];
  const sst = zip.file("xl/sharedStrings.xml");
  if (sst) for (const m of (await sst.async("string")).matchAll(/<si>([\s\S]*?)<\/si>/g)) shared.push(itemText(m[1]));
  const out = new Map<string, RawValue[][]>();
  for (const name of names) {
    const part = parts.get(name);
    const entry = part ? zip.file(part) : null;
    if (!entry) continue;
    const rows: RawValue[][] = [];
    const xml = await entry.async("string");
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = /\br="([A-Z]+\d+)"/.exec(m[1]);
      if (!ref || m[2] === undefined) continue;
      const type = /\bt="(\w+)"/.exec(m[1])?.[1] ?? "n";
      const v = /<v>([\s\S]*?)<\/v>/.exec(m[2])?.[1];
      let value: RawValue = null;
      if (type === "s" && v !== undefined) value = shared[Number(v)] ?? null;
      else if (type === "inlineStr") value = itemText(/<is>([\s\S]*?)<\/is>/.exec(m[2])?.[1] ?? "");
      else if (type === "str" && v !== undefined) value = itemText(`<t>${v}</t>`);
      else if (type === "b" && v !== undefined) value = v === "1";
      else if (type === "e") value = null;
      else if (v !== undefined && v !== "") value = Number(v);
      const [r, c] = address(ref[1]);
      (rows[r] ??= [])[c] = value;
    }
    out.set(name, rows);
  }
  return { sheetNames: [...parts.keys()], values: out };
}
