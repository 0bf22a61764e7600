/**
 * WorkbookSpec → sheets in the open workbook. Per sheet: prepare (replace the add-in's own sheet
 * in place, or add one; a user's sheet of the same name is never touched), values in payload-
 * sized chunks, then styles, filter, freeze panes, widths, tab colour, chart and conditional
 * formats — all with calculation set to manual and restored afterwards.
 */
import { blockFirstRows, colLetter, highlightTest, layoutOf } from "../core";
import { chartAnchor, printArea, printOf, printTitleRows } from "../core";
import { THEME, hex, rowHeight, sheetLastRow as lastRowOf, wrappedLines } from "../core";
import { FIRST_DATA_ROW, HEADER_ROW, PRINT_FOOTER, SUBTITLE_ROW, TITLE_ROW, type CellFormat, type SheetSpec, type SpecCell, type WorkbookSpec } from "../core";
import { type SheetRenames } from "./cells";
import { writeRowChunks, type RowSource } from "./chunks";
import { LAYOUT_PROPERTY, OWNED_PROPERTY, listSheets, planTarget, type SheetTarget } from "./owned";
import { throwIfCancelled, type AdapterMessage, type ExcelRun, type OnProgress } from "./types";

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
}

export interface WriteResult {
  sheets: WrittenSheet[];
  messages: AdapterMessage[];
}

export interface WriteOptions {
  signal?: AbortSignal;
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
  const lines: { rows: readonly SpecCell[][]; offset: number }[] = [];
  let count = 0;
  const add = (rows: readonly SpecCell[][]) => {
    lines.push({ rows, offset: count });
    count += rows.length;
  };
  add([[spec.title], [spec.subtitle], header]);
  add(spec.rows);
  const firsts = blockFirstRows(spec.rows.length, spec.blocks);
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
      const row = seg.rows[i - seg.offset];
      return row;
    },
    format(c: number) {
      return formats[c] ?? "text";
    },
  };
  return { src, dataRows: spec.rows.length, blockRows };
}

function tabColor(c: string): string {
  const hex = c.replace(/^#/, "");
  return "#" + (hex.length === 8 ? hex.slice(2) : hex);
}

async function prepareSheet(ctx: Excel.RequestContext, target: SheetTarget, spec: SheetSpec): Promise<Excel.Worksheet> {
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
  const layout = layoutOf(spec);
  if (layout) ws.customProperties.add(LAYOUT_PROPERTY, JSON.stringify(layout));
  ws.tabColor = tabColor(spec.tabColor);
  await ctx.sync();
  return ws;
}

function applyStyles(ws: Excel.Worksheet, spec: SheetSpec, dataRows: number, blocks: ReturnType<typeof specRows>["blockRows"]): void {
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
    const fit = (cells: SpecCell[], row: number) => {
      const lines = wrappedLines(spec.columns, cells);
      if (lines > 1) ws.getRangeByIndexes(row - 1, 0, 1, 1).format.rowHeight = rowHeight(lines);
    };
    spec.rows.forEach((cells, i) => fit(cells, FIRST_DATA_ROW + i));
    const firsts = blockFirstRows(dataRows, spec.blocks);
    spec.blocks.forEach((b, k) => b.rows.forEach((cells, i) => fit(cells, firsts[k] + i)));
  }
  spec.columns.forEach((c, i) => {
    ws.getRangeByIndexes(HEADER_ROW - 1, i, 1, 1).format.columnWidth = widthPoints(c.width);
    const last = lastRowOf(spec);
    if (c.wrap && last >= FIRST_DATA_ROW) ws.getRangeByIndexes(FIRST_DATA_ROW - 1, i, last - FIRST_DATA_ROW + 1, 1).format.wrapText = true;
    if (!c.manager) return;
    ws.getRangeByIndexes(HEADER_ROW - 1, i, 1, 1).format.fill.color = STYLE.managerFill;
    if (dataRows > 0) ws.getRangeByIndexes(FIRST_DATA_ROW - 1, i, dataRows, 1).format.fill.color = STYLE.managerFill;
  });
  spec.blocks.forEach((b, k) => {
    for (const i of b.alertRows ?? []) {
      const r = ws.getRangeByIndexes(blocks[k].first - 1 + i, 0, 1, width);
      r.format.font.color = STYLE.badFont;
      r.format.fill.color = STYLE.badFill;
    }
  });
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

/**
 * Writes every sheet of `spec` into the workbook and says where each went.
 *
 * @example
 *   const result = await writeWorkbookSpec(Excel.run, buildWorkbookSpec(report), (p) => setStep(p));
 *   result.messages.forEach((m) => show(m.zh));
 */
export async function writeWorkbookSpec(run: ExcelRun, spec: WorkbookSpec, onProgress?: OnProgress, opts: WriteOptions = {}): Promise<WriteResult> {
  const existing = await listSheets(run);
  const taken = new Set<string>();
  const plans: { spec: SheetSpec; target: SheetTarget | null }[] = spec.sheets.map((s) => {
    if (CREATE_ONLY.has(s.key) && existing.some((e) => e.name.toLowerCase() === s.name.toLowerCase() || e.owned === s.key)) {
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
    if (p.target === null) {
      messages.push({
        code: "sheet.kept",
        zh: `已有“${p.spec.name}”工作表，保留不动（如需默认规则，请先删除或改名）。`,
        en: `The sheet "${p.spec.name}" already exists and was kept as it is (delete or rename it to get the defaults).`,
      });
    }
  }
  const written: WrittenSheet[] = [];
  await run(async (ctx) => {
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
        const { src, dataRows, blockRows } = specRows(sheetSpec);
        if (src.count > MAX_SHEET_ROWS) {
          throw new Error(`“${target.name}”需要 ${src.count} 行，超过 Excel 的 ${MAX_SHEET_ROWS} 行 / "${target.name}" needs ${src.count} rows, more than Excel's ${MAX_SHEET_ROWS}`);
        }
        onProgress?.({ step: "prepare", sheet: target.name, done: n, total: plans.length });
        const ws = await prepareSheet(ctx, target, sheetSpec);
        await writeRowChunks(ctx, ws, 0, src, renames, opts.signal, (done, total) =>
          onProgress?.({ step: "write", sheet: target.name, done, total }),
        );
        onProgress?.({ step: "format", sheet: target.name, done: n, total: plans.length });
        applyStyles(ws, sheetSpec, dataRows, blockRows);
        await ctx.sync();
        addChart(ws, sheetSpec, dataRows);
        addHighlights(ws, sheetSpec, dataRows);
        await ctx.sync();
        if ((await tryPrint(ctx, ws, sheetSpec)) && !messages.some((m) => m.code === "print.unsupported")) {
          messages.push({
            code: "print.unsupported",
            zh: `此版本的 Excel 不支持通过加载项设置打印（“${target.name}”按默认方式打印）。`,
            en: `This version of Excel cannot set up printing from an add-in (the sheets print with Excel's defaults).`,
          });
        }
        written.push({
          key: sheetSpec.key,
          name: target.name,
          rows: dataRows,
          firstDataRow: FIRST_DATA_ROW,
          lastDataRow: FIRST_DATA_ROW + Math.max(dataRows, 1) - 1,
          columns: sheetSpec.columns.length,
          removed,
          skipped: false,
        });
      }
    } finally {
      if (manual) {
        app.calculationMode = mode;
        await ctx.sync();
      }
    }
  });
  onProgress?.({ step: "done", sheet: "", done: plans.length, total: plans.length });
  return { sheets: written, messages };
}

export type { SheetRenames };
