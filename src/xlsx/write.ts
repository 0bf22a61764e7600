/**
 * WorkbookSpec → .xlsx file (command line host). The package is written in one streaming pass:
 * each sheet's XML is generated row by row into the zip (./sheet-writer.ts, ./zip.ts), charts go
 * in the same pass (./chart.ts), styles and shared strings last. Nothing holds a whole sheet.
 * A big 订单明细 is written by two threads from the report's columns (./detail-sheet.ts).
 *
 * Why not ExcelJS's writer (still used to read workbooks): it builds several objects per cell
 * and compresses with its own zip stack, and cannot write charts, so a month of a million orders
 * took ~25 s to write plus a second pass over the finished file to add the chart; this writer
 * does the same package in a fraction of that (see docs/bench.md).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { sheetPrefix } from "../core";
import { sheetRowCount } from "../core";
import { printArea, printOf, printTitleRows } from "../core";
import type { MonthReport, SheetSpec, WorkbookSpec } from "../core";
import { REL_DRAWING, chartParts, relsXml } from "./chart";
import { SharedStrings } from "./shared-strings";
import { NS_MAIN, NS_REL, filterRef, writeSheetPart, type StringMode } from "./sheet-writer";
import { StyleBook } from "./styles";
import { CT_THEME, REL_THEME, THEME_PART, themeXml } from "./theme";
import { XML_DECL, xmlAttr } from "./xml";
import { DetailRowWriter, chunkTransfer, planDetail, type DetailChunk, type DetailJob } from "./detail-sheet";
import type { EarlyDetail } from "./detail-early";
import { DetailWorkerLost, debug, detailScript, startDetailWorker } from "./detail-run";
import { SMALL_PART_LEVEL, createPackage, deflatingPart, type CompressedPart, type PackageWriter } from "./zip";

export { encodeCellText } from "./xml";

export interface WriteOptions {
  /** Called every 20,000 rows and at each sheet's end. */
  onProgress?: (sheet: string, rowsWritten: number, rowsTotal: number) => void;
  /**
   * Sheets with at least this many data rows store their near-unique text columns (order ids,
   * buyers, sources) inline instead of in the shared-string table. Default 50,000.
   */
  inlineStringsFrom?: number;
  /** Override the per-column choice (tests use it to cover both kinds of string cell). */
  strings?: StringMode;
  /**
   * The report the spec was built from: with it, a big 订单明细 is written from the report's
   * columns in a worker thread while the other parts are written here (./detail-sheet.ts).
   */
  report?: MonthReport;
  /**
   * How 订单明细 is written when `report` is given and it has at least `detailFrom` rows
   * (default 50,000; KEFU_DETAIL_FROM overrides it): "worker" (the default: from the report's
   * columns, gathered here a chunk at a time while a worker thread writes and deflates the
   * chunk before — here from the spec when no worker can run or it fails), "rows" (from its
   * rows, as every other sheet; KEFU_DETAIL=rows), "here" (from the columns, all on this
   * thread, in the same two deflate streams: tests).
   *
   * Measured on the 1M month (2026-12-07, 2 cores): the worker's 3.4 s of rows run beside this
   * thread's other sheets and JSON; the rows path wrote them here in ~7 s. Before the columns
   * were kept by the scan (counted columns with buyer, status, source) and the gathering went
   * in chunks, gathering cost this thread what writing the rows did, and the worker lost.
   */
  detail?: "worker" | "here" | "rows";
  detailFrom?: number;
  /** Rows per chunk of 订单明细's columns (tests make it small to cover several). */
  detailChunkRows?: number;
  /**
   * 订单明细's rows already being written by a worker thread since the build laid them out
   * (./detail-early.ts startEarlyDetail, with these options): taken over when the spec's sheet is
   * the one planned, else stopped and the sheet written as without it.
   *
   * Measured on the 1M month (2026-12-08, alternating runs against the same code starting the
   * worker at the write, the process at autogroup nice −19): medians 12.17 against 12.55 s in a
   * fast quiet hour (5 pairs, CPU 18.0 s both), 14.86 against 15.75 s in a slow one (4 pairs),
   * 14.19 against 16.36 s beside three test sessions (3 pairs); peak ~956 MB both ways. The gain
   * is what the main thread leaves of the second core while it builds the reconciliation, the pay
   * and the specs (~1 s of work at ~1.35 cores). Starting right after the scan, before the orders
   * leave, would give the worker more of it, but the peak rose to 1,055–1,063 MB (all chunks) and
   * 984–1,015 MB (two chunks first, the rest after the collection), over the 1 GB target.
   */
  early?: EarlyDetail | null;
}

const INLINE_STRINGS_FROM = 50_000;
/**
 * Deflate level for the big sheets. Measured on 订单明细 of the 1M-order month (526 MB of XML,
 * zlib deflateRawSync on one thread, 2026-12-06, 2 cores at load ~8; CPU s, compressed size):
 *   level 1: 2.0–2.1 s, 91.1 MB (17.3 %)
 *   level 2: 2.2–2.3 s, 84.6 MB (16.1 %)
 *   level 3: 3.4 s,     77.9 MB (14.8 %)
 *   level 6: 8.1 s,     69.4 MB (13.2 %) (zlib's default)
 * In the command line (streamed in 1 MB pieces, beside the XML; load ~2) level 2 measured
 * 32.8–36.3 s CPU against 31.1–34.0 s for level 1, wall unchanged (24–29 s), for a file of
 * 92.6 MB instead of 99.4: deflate runs in libuv's pool on the second core, so the level moves
 * CPU, not wall, while that core has room — level 1 keeps it so.
 */
const BIG_SHEET_LEVEL = 1;
/** Under this many rows a worker thread is not worth starting (~50 ms) for 订单明细. */
const DETAIL_FROM = 50_000;
/**
 * 订单明细's rows this thread writes (the first ones) from the spec, the worker the rest. None:
 * this thread has the other sheets and the JSON to make meanwhile (1M month, 2026-12-07, 2
 * cores: share 0 — worker done 0.5 s after this thread's last part; 0.1 — 1.2 s later, with a
 * third more CPU; the rows from the spec cost this thread ~3× what the worker spends on them).
 */
const MAIN_SHARE = 0;

function detailFrom(opts: WriteOptions): number {
  const v = Number(process.env.KEFU_DETAIL_FROM);
  return opts.detailFrom ?? (process.env.KEFU_DETAIL_FROM && Number.isFinite(v) && v >= 0 ? v : DETAIL_FROM);
}

/** How a detail sheet of `rows` rows is written with `opts`: its mode, from how many rows, its strings and deflate level. */
export function detailSettings(opts: WriteOptions, rows: number): { mode: "worker" | "here" | "rows"; from: number; stringMode: StringMode; inlineFrom: number; level: number } {
  const env = process.env.KEFU_DETAIL;
  const inlineFrom = opts.inlineStringsFrom ?? INLINE_STRINGS_FROM;
  return {
    mode: opts.detail ?? (env === "rows" || env === "here" ? env : "worker"),
    from: detailFrom(opts),
    stringMode: opts.strings ?? "auto",
    inlineFrom,
    level: rows >= inlineFrom ? BIG_SHEET_LEVEL : SMALL_PART_LEVEL,
  };
}

const CT = {
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  sheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  strings: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
  core: "application/vnd.openxmlformats-package.core-properties+xml",
  app: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
};
const REL = {
  doc: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  core: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
  app: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
  sheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  strings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
};

function contentTypesXml(sheets: number, extra: { path: string; contentType: string }[]): string {
  const o = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${type}"/>`;
  let x =
    XML_DECL +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    o("xl/workbook.xml", CT.workbook);
  for (let i = 1; i <= sheets; i++) x += o(`xl/worksheets/sheet${i}.xml`, CT.sheet);
  x += o("xl/styles.xml", CT.styles) + o("xl/sharedStrings.xml", CT.strings) + o("docProps/core.xml", CT.core) + o("docProps/app.xml", CT.app);
  for (const e of extra) x += o(e.path, e.contentType);
  return x + "</Types>";
}

function coreXml(creator: string, now: Date): string {
  const t = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    XML_DECL +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${xmlAttr(creator)}</dc:creator><cp:lastModifiedBy>${xmlAttr(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${t}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${t}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

function appXml(): string {
  return (
    XML_DECL +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    "<Application>KefuBoard</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop></Properties>"
  );
}

function workbookXml(sheets: SheetSpec[], filters: (string | null)[]): string {
  const abs = (c: string) => c.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  const absRange = (ref: string) => ref.split(":").map(abs).join(":");
  const name = (n: string, i: number, ref: string, hidden = false) =>
    `<definedName name="${n}" localSheetId="${i}"${hidden ? ' hidden="1"' : ""}>${xmlAttr(ref)}</definedName>`;
  const names = sheets
    .map((s, i) => {
      const filter = filters[i];
      const print = printOf(s);
      return (
        (filter ? name("_xlnm._FilterDatabase", i, sheetPrefix(s.name) + absRange(filter), true) : "") +
        name("_xlnm.Print_Area", i, sheetPrefix(s.name) + absRange(printArea(s))) +
        name("_xlnm.Print_Titles", i, sheetPrefix(s.name) + printTitleRows(print))
      );
    })
    .join("");
  return (
    XML_DECL +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/>` +
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="15000" activeTab="0"/></bookViews>' +
    `<sheets>${sheets.map((s, i) => `<sheet name="${xmlAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>` +
    (names ? `<definedNames>${names}</definedNames>` : "") +
    '<calcPr calcId="171027"/></workbook>'
  );
}

function workbookRelsXml(sheets: number): string {
  const rels = [];
  for (let i = 1; i <= sheets; i++) rels.push({ id: `rId${i}`, type: REL.sheet, target: `worksheets/sheet${i}.xml` });
  rels.push({ id: `rId${sheets + 1}`, type: REL.styles, target: "styles.xml" });
  rels.push({ id: `rId${sheets + 2}`, type: REL.strings, target: "sharedStrings.xml" });
  rels.push({ id: `rId${sheets + 3}`, type: REL_THEME, target: "theme/theme1.xml" });
  return relsXml(rels);
}

/** Every sheet, its chart and the package's fixed parts into `pkg`. */
async function writePackage(pkg: PackageWriter, spec: WorkbookSpec, opts: WriteOptions): Promise<void> {
  // Rows begun during the build come with the tables they were coded against.
  const early = opts.early && opts.early.fits(spec, opts) ? opts.early : null;
  if (opts.early && !early) {
    debug("early: the spec's sheet is not the one planned");
    opts.early.stop();
  }
  const styles = early?.styles ?? new StyleBook();
  const strings = early?.strings ?? new SharedStrings();
  const sheets = spec.sheets;
  const charted = sheets.map((s) => (s.chart && sheetRowCount(s) > 0 ? s.chart : null));
  const chartNo: number[] = [];
  const extra: { path: string; contentType: string }[] = [];
  let n = 0;
  charted.forEach((c, i) => {
    if (!c) return;
    chartNo[i] = ++n;
    for (const p of chartParts(sheets[i], c, n)) if (p.contentType) extra.push({ path: p.path, contentType: p.contentType });
  });

  extra.push({ path: THEME_PART, contentType: CT_THEME });
  pkg.addPart("[Content_Types].xml", contentTypesXml(sheets.length, extra));
  pkg.addPart("_rels/.rels", relsXml([
    { id: "rId1", type: REL.doc, target: "xl/workbook.xml" },
    { id: "rId2", type: REL.core, target: "docProps/core.xml" },
    { id: "rId3", type: REL.app, target: "docProps/app.xml" },
  ]));
  pkg.addPart("docProps/core.xml", coreXml("KefuBoard 客服绩效台", new Date()));
  pkg.addPart("docProps/app.xml", appXml());
  // The autofilter ranges are known before writing: the workbook (with its defined names) goes
  // first, which streaming readers prefer.
  const filters = sheets.map(filterRef);
  pkg.addPart("xl/workbook.xml", workbookXml(sheets, filters));
  pkg.addPart("xl/_rels/workbook.xml.rels", workbookRelsXml(sheets.length));

  const { inlineFrom, stringMode } = detailSettings(opts, 0);
  const levelOf = (rows: number) => (rows >= inlineFrom ? BIG_SHEET_LEVEL : undefined);
  const progressOf = (sheet: SheetSpec) => opts.onProgress && ((done: number, all: number) => opts.onProgress!(sheet.name, done, all));

  // 订单明细 from its columns (./detail-sheet.ts): planned here (its frame, styles and shared
  // strings in this thread's tables) or begun during the build (./detail-early.ts); its rows
  // written and deflated in a worker while this thread writes the other parts; the part is this
  // thread's head followed by the worker's bytes.
  const d = sheets.findIndex((s) => s.key === "orders");
  let detail: {
    index: number;
    job: DetailJob;
    extraUses: () => number;
    progress: (main: number, worker: number) => void;
    /** The worker's compressed rows (DetailRun.take); null: none, the columns' rows are written here (`here`). */
    take: (() => Promise<CompressedPart | null>) | null;
    here: { chunks: () => Generator<DetailChunk | null>; suffix: Uint8Array } | null;
  } | null = null;
  const progressFor = (index: number) => {
    const rows = sheetRowCount(sheets[index]);
    const report = progressOf(sheets[index]);
    let main = 0;
    let worker = 0;
    return (m: number, w: number) => report?.((main = Math.max(main, m)) + (worker += w), rows);
  };
  if (d >= 0 && early) {
    const progress = progressFor(d);
    const ended = await early.end(spec, (rows) => progress(0, rows));
    if (ended) {
      detail = { index: d, job: early.job, extraUses: () => early.extraUses(), progress, take: ended.take, here: null };
      debug("early: taken over");
    } else debug("early: the frame does not fit the rows written");
  }
  const set = detailSettings(opts, d >= 0 ? sheetRowCount(sheets[d]) : 0);
  if (!detail && d >= 0 && opts.report && set.mode !== "rows" && chartNo[d] === undefined && sheetRowCount(sheets[d]) >= set.from) {
    const script = set.mode === "worker" ? detailScript() : null;
    const rows = sheetRowCount(sheets[d]);
    debug("plan");
    const split = Math.floor(rows * MAIN_SHARE);
    const plan = set.mode === "here" || script ? await planDetail(sheets[d], opts.report, { styles, strings, stringMode, inlineFrom, level: set.level, chunkRows: opts.detailChunkRows }, split) : null;
    if (plan) {
      const progress = progressFor(d);
      const run = script ? startDetailWorker(script, plan.job, (n) => progress(0, n)) : null;
      const base = { index: d, job: plan.job, extraUses: plan.extraUses, progress };
      if (run) {
        // Every chunk now, one after the other: the worker writes each while the next is gathered.
        let whole = true;
        for (const chunk of plan.chunks()) {
          if (!chunk) {
            whole = false;
            break;
          }
          run.post({ type: "rows", chunk }, chunkTransfer(chunk));
        }
        if (whole) {
          run.post({ type: "end", suffix: plan.suffix }, [plan.suffix.buffer as ArrayBuffer]);
          detail = { ...base, take: () => run.take(), here: null };
          debug("worker fed");
        } else {
          run.stop();
          debug("columns differ from the sheet's cells: written from its rows");
        }
      } else if (set.mode === "here") detail = { ...base, take: null, here: { chunks: plan.chunks, suffix: plan.suffix } };
    }
  }

  const writeFromRows = async (i: number) => {
    const sheet = sheets[i];
    const part = pkg.openPart(`xl/worksheets/sheet${i + 1}.xml`, levelOf(sheetRowCount(sheet)));
    const drawing = chartNo[i] !== undefined ? "rId1" : undefined;
    await writeSheetPart(part, sheet, { styles, strings, stringMode, inlineFrom, drawingRelId: drawing, onProgress: progressOf(sheet) });
    return drawing;
  };
  for (let i = 0; i < sheets.length; i++) {
    if (detail && detail.index === i) continue;
    const sheet = sheets[i];
    const drawing = await writeFromRows(i);
    if (drawing) {
      pkg.addPart(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, relsXml([{ id: drawing, type: REL_DRAWING, target: `../drawings/drawing${chartNo[i]}.xml` }]));
      for (const p of chartParts(sheet, charted[i]!, chartNo[i])) pkg.addPart(p.path, p.xml);
    }
  }
  if (detail) {
    // The first rows from the spec, as any sheet; then the worker's rows end the part. Should the
    // worker fail, its rows are written here from the spec too and the sheet ends as usual.
    const { job, progress, take, here } = detail;
    const part = pkg.openPart(`xl/worksheets/sheet${detail.index + 1}.xml`, job.level);
    let rest: CompressedPart | null = null;
    await writeSheetPart(part, sheets[detail.index], {
      styles,
      strings,
      stringMode,
      inlineFrom,
      onProgress: (done) => progress(done, 0),
      dataRows: async (_ids, rows) => {
        debug(`main: rows 0..${job.from}`);
        await rows(0, job.from);
        debug("main: rows written");
        if (take) rest = await take();
        else if (here) {
          // No worker (tests): the columns' rows as their own stream all the same.
          const chunks: Uint8Array[] = [];
          const own = deflatingPart(job.level, (b) => chunks.push(new Uint8Array(b)));
          const writer = new DetailRowWriter(job, own, (n) => progress(0, n));
          let whole = true;
          for (const chunk of here.chunks()) {
            if (!chunk) {
              whole = false;
              break;
            }
            await writer.write(chunk);
          }
          if (whole) {
            await writer.finish(here.suffix);
            rest = { chunks, ...own.sizes() };
          } else await own.end();
        }
        debug(`main: worker's rows ${rest ? "ready" : "failed"}`);
        if (rest) return "stop";
        await rows(job.from, job.count);
      },
    });
    // The shared table's count: the coded cells the worker wrote (none when the rows were written here).
    if (rest) {
      await part.endWith(rest);
      strings.reuse(detail.extraUses());
    }
  }
  pkg.addPart(THEME_PART, themeXml());
  pkg.addPart("xl/styles.xml", styles.xml());
  const sst = pkg.openPart("xl/sharedStrings.xml", strings.size >= inlineFrom ? BIG_SHEET_LEVEL : undefined);
  for (const chunk of strings.xml()) {
    await sst.write(chunk);
  }
  await sst.end();
}

/**
 * Write the workbook to `file` (directories created). Written to a temporary file first and
 * renamed, so a failed run never leaves half a workbook under the real name.
 * @example await writeWorkbook(buildWorkbookSpec(report), "out/kefu-board-2026-10.xlsx");
 */
export async function writeWorkbook(spec: WorkbookSpec, file: string, opts: WriteOptions = {}): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const pkg = createPackage(tmp);
  try {
    await writePackage(pkg, spec, opts);
    await pkg.close();
    await fs.rename(tmp, file);
  } catch (e) {
    await pkg.abort();
    await fs.rm(tmp, { force: true });
    // Before its rows were done the sheet falls back in place; once half its bytes are in the
    // file it cannot, so the workbook is written again, 订单明细 from its rows.
    if (e instanceof DetailWorkerLost && opts.detail !== "rows") {
      debug(e.message);
      return writeWorkbook(spec, file, { ...opts, detail: "rows" });
    }
    throw e;
  }
}
