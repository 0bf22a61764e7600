/**
 * Manager columns (免罚 waived, 备注 remark, 调整 adjustment): what the manager typed into a
 * report sheet, keyed by the row's stable id, read before a rebuild and written back after it.
 * Rows whose id is gone are kept in a "removed" block so nothing a manager entered is lost.
 */
import type { Cell } from "../core/import/types";
import type { ManagerEntry, ManagerState } from "../core/reports/types";
import { isWaivedMark } from "../core/sheets/penalties";
import type { ManagerValues } from "../core/sheets/manager";
import { FIRST_DATA_ROW } from "../core/sheets/types";
import { readRowChunks } from "./chunks";
import { listSheets, type OwnedLayout } from "./owned";
import type { ExcelRun } from "./types";

// Carrying values into the rebuilt spec is host-neutral (the command line does the same).
export { carryManagerValues, layoutOf, REMOVED_TITLE, type ManagerValues } from "../core/sheets/manager";

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
