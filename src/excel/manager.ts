/**
 * Manager columns (免罚 waived, 备注 remark, 调整 adjustment): what the manager typed into a
 * report sheet, keyed by the row's stable id, read before a rebuild and written back after it.
 * Rows whose id is gone are kept in a "removed" block so nothing a manager entered is lost.
 */
import type { Cell } from "../core/import/types";
import type { ManagerEntry, ManagerState } from "../core/reports/types";
import { isWaivedMark } from "../core/sheets/penalties";
import { FIRST_DATA_ROW, type BlockSpec, type SheetSpec, type SpecCell } from "../core/sheets/types";
import { readRowChunks } from "./chunks";
import { listSheets, type OwnedLayout } from "./owned";
import type { ExcelRun } from "./types";

/** id → manager column key → the cell as the manager left it. */
export type ManagerValues = Map<string, Record<string, string | number | boolean>>;

function isBlank(v: Cell | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** The manager columns of one owned sheet (data rows and any earlier "removed" block). */
export async function readManagerValues(ctx: Excel.RequestContext, sheetName: string, layout: OwnedLayout): Promise<ManagerValues> {
  const out: ManagerValues = new Map();
  const keys = Object.keys(layout.m);
  if (keys.length === 0) return out;
  const ws = ctx.workbook.worksheets.getItem(sheetName);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  await ctx.sync();
  if (used.isNullObject) return out;
  const end = used.rowIndex + used.rowCount;
  const cols = [layout.id, ...keys.map((k) => layout.m[k])];
  await readRowChunks(ctx, ws, FIRST_DATA_ROW - 1, end, cols, { display: new Map([[layout.id, (_v: number, t: string) => t]]) }, (chunk) => {
    for (let i = 0; i < chunk.rows; i++) {
      const id = chunk.cell(i, layout.id);
      if (isBlank(id)) continue;
      let entry: Record<string, string | number | boolean> | null = null;
      for (const k of keys) {
        const v = chunk.cell(i, layout.m[k]);
        if (isBlank(v) || v instanceof Date) continue;
        (entry ??= {})[k] = v as string | number | boolean;
      }
      if (entry) out.set(String(id).trim(), entry);
    }
  });
  return out;
}

/** Manager entries as the engine takes them (waived fines, remarks, adjustments in cents). */
export function toManagerState(values: ManagerValues): ManagerState {
  const state: ManagerState = {};
  for (const [id, cols] of values) {
    const e: Partial<ManagerEntry> = {};
    if (cols.waived !== undefined) e.waived = isWaivedMark(typeof cols.waived === "string" ? cols.waived.trim() : cols.waived);
    if (cols.remark !== undefined) e.remark = String(cols.remark);
    if (cols.adjustment !== undefined) {
      const n = typeof cols.adjustment === "number" ? cols.adjustment : Number(String(cols.adjustment).replace(/[¥,，\s元]/g, ""));
      if (Number.isFinite(n)) e.adjustment = Math.round(n * 100);
    }
    if (Object.keys(e).length > 0) state[id] = e;
  }
  return state;
}

/** Reads the manager columns of every report sheet the add-in owns. */
export async function readManagerState(run: ExcelRun): Promise<ManagerState> {
  const sheets = await listSheets(run);
  const values: ManagerValues = new Map();
  await run(async (ctx) => {
    for (const s of sheets) {
      if (!s.owned || !s.layout) continue;
      for (const [id, v] of await readManagerValues(ctx, s.name, s.layout)) values.set(id, v);
    }
  });
  return toManagerState(values);
}

/** The layout property of a spec: where its id and manager columns are. */
export function layoutOf(spec: SheetSpec): OwnedLayout | null {
  if (spec.idColumn === undefined) return null;
  const m: Record<string, number> = {};
  spec.columns.forEach((c, i) => {
    if (c.manager) m[c.key] = i;
  });
  return { id: spec.idColumn, m };
}

export const REMOVED_TITLE = "已移除 Removed — 这些行的来源已不存在，经理填写的内容保留在此 (source rows gone; manager entries kept)";

/**
 * The spec to write, with the manager's earlier entries put back: rows whose id is still there
 * get their manager cells restored (only the rows that change are copied); entries whose id is
 * gone become a "removed" block. Returns the number of removed rows.
 */
export function carryManagerValues(spec: SheetSpec, previous: ManagerValues): { spec: SheetSpec; removed: number } {
  const layout = layoutOf(spec);
  if (!layout || previous.size === 0 || Object.keys(layout.m).length === 0) return { spec, removed: 0 };
  const pending = new Map(previous);
  const rows = spec.rows.slice();
  for (let i = 0; i < rows.length; i++) {
    const id = rows[i][layout.id];
    if (typeof id !== "string" && typeof id !== "number") continue;
    const key = String(id).trim();
    const saved = pending.get(key);
    if (!saved) continue;
    pending.delete(key);
    const row = rows[i].slice();
    for (const [k, c] of Object.entries(layout.m)) if (saved[k] !== undefined) row[c] = saved[k];
    rows[i] = row;
  }
  // Ids already listed in a removed block of the spec keep their place there.
  const blocks = spec.blocks.map((b) => {
    if (b.style !== "removed") return b;
    const bRows = b.rows.map((r) => {
      const id = r[layout.id];
      const saved = id === null || id === undefined ? undefined : pending.get(String(id).trim());
      if (!saved) return r;
      pending.delete(String(id).trim());
      const row = r.slice();
      for (const [k, c] of Object.entries(layout.m)) if (saved[k] !== undefined) row[c] = saved[k];
      return row;
    });
    return { ...b, rows: bRows };
  });
  if (pending.size > 0) {
    const removedRows: SpecCell[][] = [];
    for (const [id, saved] of pending) {
      const row: SpecCell[] = new Array(spec.columns.length).fill(null);
      row[layout.id] = id;
      for (const [k, c] of Object.entries(layout.m)) if (saved[k] !== undefined) row[c] = saved[k];
      removedRows.push(row);
    }
    const block: BlockSpec = { title: REMOVED_TITLE, rows: removedRows, style: "removed" };
    blocks.push(block);
  }
  return { spec: { ...spec, rows, blocks }, removed: pending.size };
}
