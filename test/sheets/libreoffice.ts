/**
 * LibreOffice as a second, independent reader: convert a workbook headless (own profile, formulas
 * always recalculated on load — toolchain.md trap 10) and read back the values it computed.
 */
import { execFile } from "child_process";
import { promises as fs, existsSync } from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import JSZip from "jszip";
import { sheetParts } from "../support/sheet-parts";

const run = promisify(execFile);

/** Said instead of skipping: the LibreOffice checks run on every machine (scripts/test.sh installs it). */
export const MISSING_SOFFICE =
  "LibreOffice (soffice) 未安装，无法做 LibreOffice 检查：运行 scripts/install-browser.sh（安装 libreoffice-calc-nogui）/ LibreOffice (soffice) is not installed: run scripts/install-browser.sh (installs libreoffice-calc-nogui)";

export const SOFFICE = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"].find((p) => existsSync(p)) ?? null;

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Convert `file` with LibreOffice to xlsx in a temporary directory; returns the converted path. */
export async function libreofficeConvert(file: string): Promise<{ out: string; stderr: string; cleanup: () => Promise<void> }> {
  if (!SOFFICE) throw new Error(MISSING_SOFFICE);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-lo-"));
  await fs.mkdir(path.join(dir, "profile", "user"), { recursive: true });
  await fs.writeFile(path.join(dir, "profile", "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  const { stderr } = await run(
    SOFFICE,
    [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", path.join(dir, "out"), file],
    { timeout: 120000 },
  );
  return { out: path.join(dir, "out", path.basename(file)), stderr, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

function decode(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

/** "sheet!A1" → the value LibreOffice computed, for every formula cell of an xlsx it wrote. */
export async function formulaValues(xlsx: string): Promise<Map<string, number | string>> {
  const zip = await JSZip.loadAsync(await fs.readFile(xlsx));
  const out = new Map<string, number | string>();
  for (const [name, part] of await sheetParts(zip)) {
    const xml = await zip.file(part)!.async("string");
    for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/g)) {
      if (!m[3]) continue;
      const f = /<f[^>]*>/.exec(m[3]);
      if (!f) continue;
      const v = /<v>([^<]*)<\/v>/.exec(m[3]);
      const text = v ? decode(v[1]) : "";
      out.set(`${name}!${m[1]}`, / t="(str|s|e)"/.test(m[2]) ? text : Number(text));
    }
  }
  return out;
}

/** A fresh LibreOffice profile in `dir` (formulas recalculated on load). */
async function profile(dir: string): Promise<string> {
  const p = path.join(dir, "lo-profile");
  await fs.mkdir(path.join(p, "user"), { recursive: true });
  await fs.writeFile(path.join(p, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  return p;
}

/** Prints `file` to PDF with LibreOffice into `outDir`; returns the PDF's path. */
export async function libreofficePdf(file: string, outDir: string): Promise<string> {
  if (!SOFFICE) throw new Error(MISSING_SOFFICE);
  const prof = await profile(outDir);
  await run(SOFFICE, [`-env:UserInstallation=file://${prof}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir, file], { timeout: 180000 });
  return path.join(outDir, path.basename(file).replace(/\.xlsx$/, ".pdf"));
}

/** The text of each page of a PDF (poppler's pdftotext; pages split at form feeds). */
export async function pdfPageTexts(pdf: string): Promise<string[]> {
  const { stdout } = await run("pdftotext", ["-layout", pdf, "-"], { maxBuffer: 256 * 1024 * 1024 }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") throw new Error("pdftotext is not installed: run scripts/install-browser.sh (installs poppler-utils)");
    throw e;
  });
  const pages = stdout.split("\f");
  if (pages[pages.length - 1].trim() === "") pages.pop();
  return pages;
}

/**
 * Prints the workbook and counts the pages of each sheet by the footer every page carries
 * ("<sheet>  第 n 页 …", see PRINT_FOOTER). A page without a footer is counted under "".
 */
export async function pdfPagesBySheet(file: string, outDir: string): Promise<Map<string, number>> {
  const texts = await pdfPageTexts(await libreofficePdf(file, outDir));
  const out = new Map<string, number>();
  for (const t of texts) {
    const m = /(\S+) +第 \d+ 页/.exec(t.split("\n").reverse().find((l) => /第 \d+ 页/.test(l)) ?? "");
    const sheet = m ? m[1] : "";
    out.set(sheet, (out.get(sheet) ?? 0) + 1);
  }
  return out;
}

/** An RGB raster of one PDF page (poppler's pdftoppm, PPM: no image library needed). */
export interface Raster {
  width: number;
  height: number;
  /** RGB bytes, row by row. */
  rgb: Buffer;
}

/** Page `page` (1-based) of a PDF as a raster at `dpi`; also saved as PNG at `png` when given. */
export async function pdfPageRaster(pdf: string, page: number, dpi: number, png?: string): Promise<Raster> {
  const args = ["-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile"];
  const base = pdf.replace(/\.pdf$/, `-p${page}`);
  await run("pdftoppm", [...args, pdf, base]).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") throw new Error("pdftoppm is not installed: run scripts/install-browser.sh (installs poppler-utils)");
    throw e;
  });
  if (png) {
    await fs.mkdir(path.dirname(png), { recursive: true });
    await run("pdftoppm", [...args, "-png", pdf, png.replace(/\.png$/, "")]);
  }
  const ppm = await fs.readFile(base + ".ppm");
  // "P6\n<w> <h>\n255\n" then the pixels.
  const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"));
  if (!m) throw new Error(`not a PPM: ${base}.ppm`);
  return { width: Number(m[1]), height: Number(m[2]), rgb: ppm.subarray(m[0].length) };
}

/** How many pixels are within `tolerance` (per channel) of colour RRGGBB. */
export function countColour(r: Raster, rgb: string, tolerance = 12): number {
  const want = [0, 2, 4].map((i) => parseInt(rgb.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i + 2 < r.rgb.length; i += 3) {
    if (Math.abs(r.rgb[i] - want[0]) <= tolerance && Math.abs(r.rgb[i + 1] - want[1]) <= tolerance && Math.abs(r.rgb[i + 2] - want[2]) <= tolerance) n++;
  }
  return n;
}
