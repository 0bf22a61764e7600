/**
 * Test helper: the worksheet part of each sheet of a package opened with JSZip (regular
 * expressions over workbook.xml and its rels), for tests that inspect a written sheet's raw XML.
 * The product reads packages through src/xlsx/read-xlsx.ts only.
 */
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

/** A package's parts as text by name: JSZip fits. */
export interface PartTexts {
  file(name: string): { async(type: "string"): Promise<string> } | null;
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
