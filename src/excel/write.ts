/**
 * WorkbookSpec → sheets in the open workbook. Per sheet: prepare (replace the add-in's own sheet
 * in place, or add one; a user's sheet of the same name is never touched), values in payload-
 * sized chunks, then styles, filter, freeze panes, widths, tab colour, chart and conditional
 * formats — all with calculation set to manual and restored afterwards.
 */
import { blockFirstRows, colLetter, highlightTest, layoutOf } from "../core";
import { chartAnchor, printArea, printOf, printTitleRows } from "../core";
import { THEME, hex, rowHeight, sheetLastRow as lastRowOf, sheetRow, sheetRowCount, wrappedLines } from "../core";
import { FIRST_DATA_ROW, HEADER_ROW, PRINT_FOOTER, SUBTITLE_ROW, TITLE_ROW, type CellFormat, type SheetSpec, type SpecCell, type WorkbookSpec } from "../core";
import { type SheetRenames } from "./cells";
import { writeRowChunks, type RowSource } from "./chunks";
import { FORMULAS_PROPERTY, LAYOUT_PROPERTY, OWNED_PROPERTY, listSheets, planTarget, type SheetTarget } from "./owned";
import { DETAIL_PAGE_ROWS, pageOfSheet, pageWorkbookSpec, type PagedSheet } from "./paging";
import { throwIfCancelled, yieldToPage, type AdapterMessage, type ExcelRun, type OnProgress } from "./types";

/** Sheets the manager edits after creation: written only when missing, never replaced. */
const CREATE_ONLY = new Set(["rules"]);

/** Sheets up to this many rows get each wrapped row's height (one command a row). */
const MAX_FITTED_ROWS = 20000;

/** Excel's last row. */
const MAX_SHEET_ROWS = 1048576;

export interface WrittenSheet {
  key: string;
  /** The name the sheet has in the workbook (may differ from the spec's, see messages). */
  name: string;
  /** Data rows written. */
  rows: number;
  /** 1-based sheet rows of the data area (for "select" links). */
  firstDataRow: number;
  lastDataRow: number;
  columns: number;
  /** Manager rows kept in the "removed" block. */
  removed: number;
  skipped: boolean;
  /** Data rows the engine has for the sheet, when only the first `rows` were written (paging.ts). */
  total?: number;
}

export interface WriteResult {
  sheets: WrittenSheet[];
  messages: AdapterMessage[];
  /** Detail sheets written in part (their first page); absent or empty when every row was written. */
  paged?: PagedSheet[];
}

export interface WriteOptions {
  signal?: AbortSignal;
  /** Rows above which a detail sheet is written in pages (paging.ts); Infinity writes every row. */
  detailPageRows?: number;
  /** How the writer yields to the page between slices of a chunk's cells (default a macrotask). */
  pause?: () => Promise<void>;
}

/** The shared theme (core/sheets/theme.ts) in Office.js's "#RRGGBB" form. */
const STYLE = {
  titleSize: THEME.titleSize,
  headerFill: hex(THEME.headerFill),
  managerFill: hex(THEME.managerFill),
  totalFill: hex(THEME.totalFill),
  removedFont: hex(THEME.removedFont),
  subtitleFont: hex(THEME.subtitleFont),
  badFont: hex(THEME.badFont),
  badFill: hex(THEME.badFill),
};

/** Column width in Excel's characters → Office.js points (Calibri 11: 7 px a character + 5 px padding). */
export function widthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

function specRows(spec: SheetSpec): { src: RowSource; dataRows: number; blockRows: { first: number; count: number; title: boolean; style?: string }[] } {
  const width = spec.columns.length;
  const header: SpecCell[] = spec.columns.map((c) => c.header);
  const lines: { count: number; at(i: number): SpecCell[] | undefined; offset: number }[] = [];
  let count = 0;
  const add = (rows: readonly SpecCell[][]) => addLazy(rows.length, (i) => rows[i]);
  const addLazy = (n: number, at: (i: number) => SpecCell[] | undefined) => {
    lines.push({ count: n, at, offset: count });
    count += n;
  };
  add([[spec.title], [spec.subtitle], header]);
  // Through sheetRow: a lazy detail sheet's rows are built as they are written, never all at once.
  const dataCount = sheetRowCount(spec);
  addLazy(dataCount, (i) => sheetRow(spec, i));
  const firsts = blockFirstRows(dataCount, spec.blocks);
  const blockRows: { first: number; count: number; title: boolean; style?: string }[] = [];
  spec.blocks.forEach((b, k) => {
    const first = firsts[k];
    // Blank row(s) up to the block's title / first row.
    const gap = first - (b.title ? 1 : 0) - (count + 1);
    add(Array.from({ length: gap }, () => []));
    if (b.title) add([[b.title]]);
    add(b.rows);
    blockRows.push({ first, count: b.rows.length, title: !!b.title, style: b.style });
  });
  let li = 0;
  const formats: CellFormat[] = spec.columns.map((c) => c.format);
  const src: RowSource = {
    count,
    width,
    row(i: number) {
      while (li > 0 && lines[li].offset > i) li--;
      while (li < lines.length - 1 && lines[li + 1].offset <= i) li++;
      const seg = lines[li];
      return seg.at(i - seg.offset);
    },
    format(c: number) {
      return formats[c] ?? "text";
    },
  };
  return { src, dataRows: dataCount, blockRows };
}

function tabColor(c: string): string {
  const hex = c.replace(/^#/, "");
  return "#" + (hex.length === 8 ? hex.slice(2) : hex);
}

async function prepareSheet(ctx: Excel.RequestContext, target: SheetTarget, spec: SheetSpec, valuesOnly: boolean): Promise<Excel.Worksheet> {
  const sheets = ctx.workbook.worksheets;
  let ws: Excel.Worksheet;
  if (target.replaces !== null) {
    // Cleared in place, not deleted: formulas in the manager's own sheets that point here keep working.
    ws = sheets.getItem(target.replaces);
    ws.charts.load("items/name");
    await ctx.sync();
    for (const ch of ws.charts.items) ch.delete();
    ws.getRange().conditionalFormats.clearAll();
    ws.getRange().dataValidation.clear();
    ws.autoFilter.remove();
    ws.freezePanes.unfreeze();
    ws.getRange().clear("All");
    if (target.replaces !== target.name) ws.name = target.name;
  } else {
    ws = sheets.add(target.name);
  }
  ws.customProperties.add(OWNED_PROPERTY, spec.key);
  ws.customProperties.add(FORMULAS_PROPERTY, valuesOnly ? "values" : "live");
  const layout = layoutOf(spec);
  if (layout) ws.customProperties.add(LAYOUT_PROPERTY, JSON.stringify(layout));
  ws.tabColor = tabColor(spec.tabColor);
  await ctx.sync();
  return ws;
}

/** Sorted row numbers as runs of consecutive rows: [3, 4, 5, 9] → [[3, 3], [9, 1]] (first, count). */
export function rowRuns(rows: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && r === last[0] + last[1]) last[1]++;
    else out.push([r, 1]);
  }
  return out;
}

/** Style commands queued between two yields to the page (a command is a few proxies and a JSON action). */
const STYLE_SLICE_COMMANDS = 1000;

/**
 * The sheet's look. Per-row styles (alert rows, fitted heights) go as one range per run of
 * consecutive rows, and the page gets its thread back every `STYLE_SLICE_COMMANDS` commands: the
 * reconciliation's alert block of a big month is thousands of rows.
 */
async function applyStyles(ws: Excel.Worksheet, spec: SheetSpec, dataRows: number, blocks: ReturnType<typeof specRows>["blockRows"], pause: () => Promise<void>): Promise<void> {
  let queued = 0;
  const tick = async () => {
    if (++queued % STYLE_SLICE_COMMANDS === 0) await pause();
  };
  const width = Math.max(1, spec.columns.length);
  const title = ws.getRangeByIndexes(TITLE_ROW - 1, 0, 1, 1);
  title.format.font.bold = true;
  title.format.font.size = STYLE.titleSize;
  ws.getRangeByIndexes(SUBTITLE_ROW - 1, 0, 1, 1).format.font.color = STYLE.subtitleFont;
  const header = ws.getRangeByIndexes(HEADER_ROW - 1, 0, 1, width);
  header.format.font.bold = true;
  header.format.fill.color = STYLE.headerFill;
  header.format.wrapText = true;
  header.format.rowHeight = spec.headerHeight ?? 32;
  // Rows whose wrapped text takes more than a line, as tall as it (the xlsx writer does the same).
  if (spec.columns.some((c) => c.wrap) && dataRows <= MAX_FITTED_ROWS) {
    // Rows of one height in a run: one command.
    const tall = new Map<number, number[]>();
    const fit = (cells: SpecCell[], row: number) => {
      const lines = wrappedLines(spec.columns, cells);
      if (lines <= 1) return;
      const h = rowHeight(lines);
      let rows = tall.get(h);
      if (!rows) tall.set(h, (rows = []));
      rows.push(row);
    };
    spec.rows.forEach((cells, i) => fit(cells, FIRST_DATA_ROW + i));
    const firsts = blockFirstRows(dataRows, spec.blocks);
    spec.blocks.forEach((b, k) => b.rows.forEach((cells, i) => fit(cells, firsts[k] + i)));
    for (const [h, rows] of tall) {
      for (const [first, count] of rowRuns(rows)) {
        ws.getRangeByIndexes(first - 1, 0, count, 1).format.rowHeight = h;
        await tick();
      }
    }
  }
  spec.columns.forEach((c, i) => {
    ws.getRangeByIndexes(HEADER_ROW - 1, i, 1, 1).format.columnWidth = widthPoints(c.width);
    const last = lastRowOf(spec);
    if (c.wrap && last >= FIRST_DATA_ROW) ws.getRangeByIndexes(FIRST_DATA_ROW - 1, i, last - FIRST_DATA_ROW + 1, 1).format.wrapText = true;
    if (!c.manager) return;
    ws.getRangeByIndexes(HEADER_ROW - 1, i, 1, 1).format.fill.color = STYLE.managerFill;
    if (dataRows > 0) ws.getRangeByIndexes(FIRST_DATA_ROW - 1, i, dataRows, 1).format.fill.color = STYLE.managerFill;
  });
  for (const [k, b] of spec.blocks.entries()) {
    const rows = [...new Set(b.alertRows ?? [])].sort((x, y) => x - y);
    for (const [i, count] of rowRuns(rows)) {
      const r = ws.getRangeByIndexes(blocks[k].first - 1 + i, 0, count, width);
      r.format.font.color = STYLE.badFont;
      r.format.fill.color = STYLE.badFill;
      await tick();
    }
  }
  for (const b of blocks) {
    if (b.title) ws.getRangeByIndexes(b.first - 2, 0, 1, 1).format.font.bold = true;
    if (b.count === 0) continue;
    const r = ws.getRangeByIndexes(b.first - 1, 0, b.count, width);
    if (b.style === "total") {
      r.format.font.bold = true;
      r.format.fill.color = STYLE.totalFill;
    } else if (b.style === "removed") {
      r.format.font.color = STYLE.removedFont;
      r.format.font.strikethrough = true;
    } else if (b.style === "note") {
      r.format.font.italic = true;
    }
  }
  spec.columns.forEach((c, i) => {
    if (!c.allowed?.length || dataRows === 0) return;
    // A dropdown of the usual entries; other entries stay allowed (免罚 also takes Y).
    const dv = ws.getRangeByIndexes(FIRST_DATA_ROW - 1, i, dataRows, 1).dataValidation;
    dv.rule = { list: { inCellDropDown: true, source: c.allowed.join(",") } };
    dv.errorAlert = { showAlert: false, style: "Information", title: "", message: "" } as Excel.DataValidationErrorAlert;
  });
  if (spec.autoFilter && spec.columns.length > 0) {
    ws.autoFilter.apply(ws.getRangeByIndexes(HEADER_ROW - 1, 0, 1 + Math.max(1, dataRows), width));
  }
  const { rows: fr, columns: fc } = spec.freeze;
  if (fr > 0 && fc > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, fr, fc));
  else if (fr > 0) ws.freezePanes.freezeRows(fr);
  else if (fc > 0) ws.freezePanes.freezeColumns(fc);
}

function addChart(ws: Excel.Worksheet, spec: SheetSpec, dataRows: number): void {
  const chart = spec.chart;
  if (!chart || dataRows === 0 || chart.seriesKeys.length === 0) return;
  const col = (key: string) => spec.columns.findIndex((c) => c.key === key);
  const cat = col(chart.categoryKey);
  const keys = chart.seriesKeys.filter((k) => col(k) >= 0);
  if (cat < 0 || keys.length === 0) return;
  const data = (c: number) => ws.getRangeByIndexes(FIRST_DATA_ROW - 1, c, dataRows, 1);
  const secondary = new Set(chart.secondaryKeys ?? []);
  const c = ws.charts.add("ColumnClustered" as Excel.ChartType, data(col(keys[0])), "Columns");
  c.title.text = chart.title;
  keys.forEach((k, i) => {
    const s = i === 0 ? c.series.getItemAt(0) : c.series.add(spec.columns[col(k)].header);
    if (i === 0) s.name = spec.columns[col(k)].header;
    else s.setValues(data(col(k)));
    s.setXAxisValues(data(cat));
    const colour = hex(THEME.series[i % THEME.series.length]);
    if (secondary.has(k)) {
      if (chart.kind === "columnLine") s.chartType = "Line";
      s.axisGroup = "Secondary";
    }
    // The xlsx writer's series colours (chart.ts): bars filled, lines stroked.
    if (secondary.has(k) && chart.kind === "columnLine") s.format.line.color = colour;
    else s.format.fill.setSolidColor(colour);
  });
  // Where the xlsx writer puts it: below the content (inside the print area).
  const a = chartAnchor(spec);
  c.setPosition(`${colLetter(a.col)}${a.row + 1}`, `${colLetter(a.col + a.cols - 1)}${a.row + a.rows}`);
}

/**
 * The spec's page setup (ExcelApi 1.9): orientation, A4, one page wide, the header rows on every
 * page, the print area, the footer, the manual page breaks. Queued; the caller syncs.
 */
function applyPrint(ws: Excel.Worksheet, spec: SheetSpec): void {
  const p = printOf(spec);
  const layout = ws.pageLayout;
  layout.orientation = (p.orientation === "landscape" ? "Landscape" : "Portrait") as Excel.PageOrientation;
  layout.paperSize = "A4" as Excel.PaperType;
  layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: p.pagesTall };
  layout.setPrintArea(printArea(spec));
  layout.setPrintTitleRows(printTitleRows(p));
  layout.headersFooters.defaultForAllPages.centerFooter = PRINT_FOOTER;
  ws.horizontalPageBreaks.removePageBreaks();
  for (const r of [...new Set(p.breaksBefore)].filter((r) => r > 1).sort((a, b) => a - b)) ws.horizontalPageBreaks.add(`A${r}`);
}

/** Applies the page setup; true when the host refused it (Excel before ExcelApi 1.9). */
async function tryPrint(ctx: Excel.RequestContext, ws: Excel.Worksheet, spec: SheetSpec): Promise<boolean> {
  try {
    applyPrint(ws, spec);
    await ctx.sync();
    return false;
  } catch {
    return true;
  }
}

function addHighlights(ws: Excel.Worksheet, spec: SheetSpec, dataRows: number): void {
  if (!spec.highlights || dataRows === 0) return;
  for (const h of spec.highlights) {
    const c = spec.columns.findIndex((x) => x.key === h.columnKey);
    if (c < 0) continue;
    // The same test as the xlsx writer's (core highlightTest), as a custom format over the column.
    const cf = ws.getRangeByIndexes(FIRST_DATA_ROW - 1, c, dataRows, 1).conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    cf.custom.format.font.color = STYLE.badFont;
    cf.custom.format.fill.color = STYLE.badFill;
    cf.custom.rule.formula = "=" + highlightTest(h.when, `${colLetter(c)}${FIRST_DATA_ROW}`);
  }
}

/** Calculation set to manual around `body` (restored after), where the host allows it. */
async function withManualCalculation<T>(ctx: Excel.RequestContext, body: () => Promise<T>): Promise<T> {
  const app = ctx.workbook.application;
  app.load("calculationMode");
  await ctx.sync();
  const mode = app.calculationMode;
  let manual = false;
  try {
    app.calculationMode = "Manual" as Excel.CalculationMode;
    await ctx.sync();
    manual = true;
  } catch {
    // Hosts before ExcelApi 1.8 cannot set the mode: write anyway, just slower.
  }
  try {
    return await body();
  } finally {
    if (manual) {
      app.calculationMode = mode;
      await ctx.sync();
    }
  }
}

/**
 * A sheet's rows from data row `fromData` on (0 = the whole sheet: title, subtitle, header,
 * data, blocks), then its styles, chart, highlights and page setup. Returns whether the host
 * refused the page setup.
 */
async function writeSheetBody(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  name: string,
  sheetSpec: SheetSpec,
  renames: SheetRenames,
  fromData: number | null,
  onProgress: OnProgress | undefined,
  opts: WriteOptions,
): Promise<boolean> {
  const { src, dataRows, blockRows } = specRows(sheetSpec);
  if (src.count > MAX_SHEET_ROWS) {
    throw new Error(`“${name}”需要 ${src.count} 行，超过 Excel 的 ${MAX_SHEET_ROWS} 行 / "${name}" needs ${src.count} rows, more than Excel's ${MAX_SHEET_ROWS}`);
  }
  const skip = fromData === null ? 0 : FIRST_DATA_ROW - 1 + fromData;
  const tail: RowSource = skip === 0 ? src : { count: src.count - skip, width: src.width, row: (i) => src.row(skip + i), format: (c) => src.format(c) };
  await writeRowChunks(ctx, ws, skip, tail, renames, opts.signal, (done, total) => onProgress?.({ step: "write", sheet: name, done, total }), opts.pause);
  onProgress?.({ step: "format", sheet: name, done: 0, total: 1 });
  await applyStyles(ws, sheetSpec, dataRows, blockRows, opts.pause ?? yieldToPage);
  await ctx.sync();
  addChart(ws, sheetSpec, dataRows);
  addHighlights(ws, sheetSpec, dataRows);
  await ctx.sync();
  return tryPrint(ctx, ws, sheetSpec);
}

/**
 * An owned sheet whose name the manager changed: not a "(2)" name of the add-in's own (written
 * while a sheet of the manager's held the report's name).
 */
function renamedByManager(t: SheetTarget): boolean {
  if (t.replaces === null || t.replaces === t.name) return false;
  const base = /^(.*) \(\d+\)$/.exec(t.replaces)?.[1];
  return base === undefined || !t.name.startsWith(base);
}

function renamedBackMessage(from: string, to: string): AdapterMessage {
  return {
    code: "sheet.renamed_back",
    zh: `工作表“${from}”已恢复原名“${to}”（各报表的公式和下月追回按原名查找）；其中的内容都已保留或带入。`,
    en: `The sheet "${from}" is named "${to}" again (the reports' formulas and next month's clawback look for that name); what it held is kept or carried.`,
  };
}

/** The bilingual message for a sheet written in part. */
function pagedMessage(name: string, p: PagedSheet): AdapterMessage {
  const n = p.written.toLocaleString("en-US");
  const all = p.total.toLocaleString("en-US");
  return {
    code: "detail.paged",
    zh: `“${name}”共 ${all} 行，只写入了前 ${n} 行，工作簿才好用；各表的合计和数字按全部 ${all} 行计算（写为数值）。需要时点“写入更多订单明细”继续写入。`,
    en: `"${name}" has ${all} rows; only the first ${n} were written, so the workbook stays usable. Every total and figure counts all ${all} rows (written as values). Use "Write more detail rows" to add more.`,
  };
}

/**
 * Writes every sheet of `spec` into the workbook and says where each went. A detail sheet over
 * `detailPageRows` rows is written in part (paging.ts): its first page, the other sheets' figures
 * over it as values; `writeMoreRows` adds pages.
 *
 * @example
 *   const result = await writeWorkbookSpec(Excel.run, buildWorkbookSpec(report), (p) => setStep(p));
 *   result.messages.forEach((m) => show(m.zh));
 */
export async function writeWorkbookSpec(run: ExcelRun, full: WorkbookSpec, onProgress?: OnProgress, opts: WriteOptions = {}): Promise<WriteResult> {
  const { spec, paged } = pageWorkbookSpec(full, opts.detailPageRows ?? DETAIL_PAGE_ROWS);
  const existing = await listSheets(run);
  const taken = new Set<string>();
  // A create-only sheet of the add-in's the manager renamed: named back (formulas point at its name), contents kept.
  const namedBack: { from: string; to: string }[] = [];
  const plans: { spec: SheetSpec; target: SheetTarget | null }[] = spec.sheets.map((s) => {
    if (CREATE_ONLY.has(s.key) && existing.some((e) => e.name.toLowerCase() === s.name.toLowerCase() || e.owned === s.key)) {
      const own = existing.find((e) => e.owned === s.key);
      if (own && !existing.some((e) => e.name.toLowerCase() === s.name.toLowerCase())) namedBack.push({ from: own.name, to: s.name });
      return { spec: s, target: null };
    }
    return { spec: s, target: planTarget(s.key, s.name, existing, taken) };
  });
  const renames = new Map<string, string>();
  const messages: AdapterMessage[] = [];
  for (const p of plans) {
    if (p.target?.renamed) {
      renames.set(p.spec.name, p.target.name);
      messages.push({
        code: "sheet.renamed",
        zh: `工作表“${p.spec.name}”是您自己的表，未改动；报表写入了“${p.target.name}”。`,
        en: `The sheet "${p.spec.name}" is yours and was left untouched; the report was written to "${p.target.name}".`,
      });
    }
    // The manager renamed a report tab: the rebuild writes it under the report's name again
    // (the other reports' formulas and next month's clawback find it by that name).
    if (p.target !== null && renamedByManager(p.target)) messages.push(renamedBackMessage(p.target.replaces!, p.target.name));
    const back = p.target === null ? namedBack.find((b) => b.to === p.spec.name) : undefined;
    if (back) {
      messages.push(renamedBackMessage(back.from, back.to));
      continue;
    }
    if (p.target === null) {
      messages.push({
        code: "sheet.kept",
        zh: `已有“${p.spec.name}”工作表，保留不动（如需默认规则，请先删除或改名）。`,
        en: `The sheet "${p.spec.name}" already exists and was kept as it is (delete or rename it to get the defaults).`,
      });
    }
  }
  const written: WrittenSheet[] = [];
  await run((ctx) =>
    withManualCalculation(ctx, async () => {
      for (const b of namedBack) ctx.workbook.worksheets.getItem(b.from).name = b.to;
      if (namedBack.length > 0) await ctx.sync();
      for (const [n, p] of plans.entries()) {
        throwIfCancelled(opts.signal);
        if (p.target === null) {
          written.push({ key: p.spec.key, name: p.spec.name, rows: 0, firstDataRow: FIRST_DATA_ROW, lastDataRow: FIRST_DATA_ROW, columns: p.spec.columns.length, removed: 0, skipped: true });
          continue;
        }
        const target = p.target;
        const sheetSpec = p.spec;
        // The engine's build has already put the manager's entries back (core/board.ts); the
        // rows kept in its removed block are told here, where the sheet is written.
        const removed = sheetSpec.blocks.filter((b) => b.style === "removed").reduce((n, b) => n + b.rows.length, 0);
        if (removed > 0) {
          messages.push({
            code: "manager.removed",
            zh: `“${target.name}”中有 ${removed} 行经理填写的内容对应的来源已不存在，已保留在表末的“已移除”区。`,
            en: `${removed} rows of manager entries on "${target.name}" no longer match a source row; they are kept in the "removed" block at the end.`,
          });
        }
        onProgress?.({ step: "prepare", sheet: target.name, done: n, total: plans.length });
        const ws = await prepareSheet(ctx, target, sheetSpec, paged.length > 0);
        const dataRows = sheetRowCount(sheetSpec);
        if ((await writeSheetBody(ctx, ws, target.name, sheetSpec, renames, null, onProgress, opts)) && !messages.some((m) => m.code === "print.unsupported")) {
          messages.push({
            code: "print.unsupported",
            zh: `此版本的 Excel 不支持通过加载项设置打印（“${target.name}”按默认方式打印）。`,
            en: `This version of Excel cannot set up printing from an add-in (the sheets print with Excel's defaults).`,
          });
        }
        const part = paged.find((x) => x.key === sheetSpec.key);
        if (part) messages.push(pagedMessage(target.name, part));
        written.push({
          key: sheetSpec.key,
          name: target.name,
          rows: dataRows,
          firstDataRow: FIRST_DATA_ROW,
          lastDataRow: FIRST_DATA_ROW + Math.max(dataRows, 1) - 1,
          columns: sheetSpec.columns.length,
          removed,
          skipped: false,
          ...(part ? { total: part.total } : {}),
        });
      }
    }),
  );
  onProgress?.({ step: "done", sheet: "", done: plans.length, total: plans.length });
  return { sheets: written, messages, paged };
}

/**
 * The next page of a detail sheet written in part: rows [written, written + more) of the full
 * sheet go where its note and totals were, and the note, totals, filter, highlights and print
 * area move below them. Only that sheet is touched; the other sheets' figures are values already.
 *
 * @example
 *   const next = await writeMoreRows(Excel.run, fullSpec, written, 100_000);
 */
export async function writeMoreRows(run: ExcelRun, full: WorkbookSpec, sheet: WrittenSheet, more = DETAIL_PAGE_ROWS, onProgress?: OnProgress, opts: WriteOptions = {}): Promise<WrittenSheet> {
  const s = full.sheets.find((x) => x.key === sheet.key);
  if (!s) throw new Error(`没有“${sheet.name}”的数据 / no data for "${sheet.name}"`);
  const total = sheetRowCount(s);
  const from = sheet.rows;
  if (from >= total) return sheet;
  // Another page, or the rest: a sheet written to its end is the engine's own (its 合计 live again).
  const to = Math.min(total, from + Math.max(1, more));
  const before = pageOfSheet(s, from);
  const next = to === total ? s : pageOfSheet(s, to);
  // By its mark: the manager may have renamed the tab since it was written.
  const sheets = await listSheets(run);
  const name = sheets.find((x) => x.name === sheet.name && x.owned === sheet.key)?.name ?? sheets.find((x) => x.owned === sheet.key)?.name;
  if (name === undefined) {
    throw new Error(`工作簿中已没有“${sheet.name}”（被删除了？），无法继续写入；请重新生成报表 / "${sheet.name}" is no longer in the workbook (deleted?), so no more rows can be added: build the reports again`);
  }
  await run((ctx) =>
    withManualCalculation(ctx, async () => {
      const ws = ctx.workbook.worksheets.getItem(name);
      // What sat below the written rows (blank, note, totals) and the rules over the data go first.
      const oldEnd = lastRowOf(before);
      const r0 = FIRST_DATA_ROW - 1 + from;
      if (oldEnd > r0) ws.getRangeByIndexes(r0, 0, oldEnd - r0, Math.max(1, s.columns.length)).clear("All");
      ws.getRange().conditionalFormats.clearAll();
      ws.getRange().dataValidation.clear();
      ws.autoFilter.remove();
      await ctx.sync();
      await writeSheetBody(ctx, ws, name, next, new Map(), from, onProgress, opts);
    }),
  );
  onProgress?.({ step: "done", sheet: name, done: to, total });
  return { ...sheet, name, rows: to, lastDataRow: FIRST_DATA_ROW + Math.max(to, 1) - 1, total };
}

export type { SheetRenames };
