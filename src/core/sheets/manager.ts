/**
 * Manager columns (免罚 waived, 备注 remark, 调整 adjustment) across a rebuild, for both hosts:
 * what the manager typed, keyed by the row's stable id, is put back on the row with the same id;
 * entries whose id is gone go to a "removed" block at the end of the sheet, so nothing a manager
 * entered is ever lost. Pure: the Office.js adapter and the command line read the old values
 * their own way and hand them here.
 */
import { type BlockSpec, type SheetSpec, type SpecCell } from "./types";

/** id → manager column key → the cell as the manager left it. */
export type ManagerValues = Map<string, Record<string, string | number | boolean>>;

/** Where a report sheet keeps its row ids and manager columns (0-based column indexes). */
export interface ManagerLayout {
  /** Column of the stable row id. */
  id: number;
  /** Manager column key → column index. */
  m: Record<string, number>;
}

/** The layout of a spec: where its id and manager columns are; null when it has no ids. */
export function layoutOf(spec: SheetSpec): ManagerLayout | null {
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
 * @example const { spec, removed } = carryManagerValues(penaltiesSheet, new Map([["P-late-KF01-20261002", { waived: "是" }]]));
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
