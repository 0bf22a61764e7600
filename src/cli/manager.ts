/**
 * Manager columns survive a rebuild on the command line too: before `build` overwrites its
 * --out workbook, the values a manager typed there (免罚 / 备注 in 罚款台账, 调整 / 备注 in 提成表)
 * are read back by row id — from the data rows and from an earlier "removed" block — handed to the
 * engine (so a waived fine stops counting), and put back on the written sheets; entries whose row
 * is gone are kept in a "removed" block (carryManagerValues). Columns are found by header text,
 * so a manager who moved a column does not lose its values.
 */
import type { ManagerState } from "../core/reports/types";
import { COMMISSION_COLUMNS } from "../core/sheets/commission";
import { REMOVED_TITLE, carryManagerValues, type ManagerValues } from "../core/sheets/manager";
import { SHEET_NAMES } from "../core/sheets/names";
import { PENALTY_COLUMNS, isWaivedMark } from "../core/sheets/penalties";
import { FIRST_DATA_ROW, HEADER_ROW, type ColumnSpec, type WorkbookSpec } from "../core/sheets/types";
import { readSheetValues, type RawValue } from "../xlsx/read";

interface Wanted {
  columns: ColumnSpec[];
  /** The engine's view of one row's entries. */
  entry: (get: (key: string) => RawValue) => ManagerState[string] | null;
}

const text = (v: RawValue): string => (v === null ? "" : String(v));

const SHEETS: Record<string, Wanted> = {
  [SHEET_NAMES.penalties.name]: {
    columns: PENALTY_COLUMNS,
    entry: (get) => {
      // Untrimmed, as the sheet's COUNTIFS formula reads it: what the manager sees is what counts.
      const waived = isWaivedMark(get("waived"));
      const remark = text(get("remark"));
      return waived || remark ? { waived, remark } : null;
    },
  },
  [SHEET_NAMES.commission.name]: {
    columns: COMMISSION_COLUMNS,
    entry: (get) => {
      const adj = get("adjustment");
      const remark = text(get("remark"));
      const adjustment = typeof adj === "number" && Number.isFinite(adj) ? Math.round(adj * 100) : 0;
      return adjustment !== 0 || remark ? { adjustment, remark } : null;
    },
  },
};

/** A workbook this tool wrote: it has the board and the rules sheet. */
const OURS = [SHEET_NAMES.performance.name, SHEET_NAMES.rules.name];
const REMOVED_PREFIX = REMOVED_TITLE.split(" ")[0];

export interface CarriedState {
  /** For the engine: waived / remark / adjustment by row id. */
  state: ManagerState;
  /** Per sheet name: the manager cells as typed, by row id (for carryManagerValues). */
  values: Map<string, ManagerValues>;
  /** false when the file is not a KefuBoard workbook: never overwrite it. */
  ours: boolean;
  /** Set when the file could not be read (then nothing is carried). */
  warning: string | null;
}

/**
 * The rows that hold ids: the data rows (from row 4 to the first row without an id) and the rows
 * of a removed block (after its title, to the next row without an id). Totals and other blocks
 * are never taken for entries.
 */
function idRows(rows: RawValue[][], idCol: number): number[] {
  const out: number[] = [];
  const idAt = (r: number) => text(rows[r]?.[idCol] ?? null).trim();
  let r = FIRST_DATA_ROW;
  for (; r < rows.length && idAt(r); r++) out.push(r);
  for (; r < rows.length; r++) {
    if (!idAt(r).startsWith(REMOVED_PREFIX)) continue;
    for (r++; r < rows.length && idAt(r); r++) out.push(r);
  }
  return out;
}

/** The manager's entries in a workbook this tool wrote earlier. */
export async function readManagerState(file: string): Promise<CarriedState> {
  const carried: CarriedState = { state: {}, values: new Map(), ours: false, warning: null };
  let read;
  try {
    read = await readSheetValues(file, Object.keys(SHEETS));
  } catch (e) {
    carried.warning = `无法读取旧的输出文件 could not read the existing output: ${file} (${(e as Error).message})`;
    return carried;
  }
  if (!OURS.every((n) => read.sheetNames.includes(n))) return carried;
  carried.ours = true;
  for (const [name, rows] of read.values) {
    const wanted = SHEETS[name];
    const header = rows[HEADER_ROW] ?? [];
    const cols = new Map<string, number>();
    for (const c of wanted.columns) {
      const i = header.findIndex((v) => typeof v === "string" && v.trim() === c.header);
      if (i > 0) cols.set(c.key, i);
    }
    const idCol = cols.get("id");
    if (idCol === undefined) continue;
    const values: ManagerValues = new Map();
    const managerKeys = wanted.columns.filter((c) => c.manager && cols.has(c.key)).map((c) => c.key);
    for (const r of idRows(rows, idCol)) {
      const row = rows[r];
      const id = text(row[idCol] ?? null).trim();
      const get = (key: string) => (cols.has(key) ? (row[cols.get(key)!] ?? null) : null);
      const entry = wanted.entry(get);
      if (!entry) continue;
      carried.state[id] = { ...carried.state[id], ...entry };
      const typed: Record<string, string | number | boolean> = {};
      for (const k of managerKeys) {
        const v = get(k);
        if (v !== null && v !== "") typed[k] = v;
      }
      values.set(id, typed);
    }
    carried.values.set(name, values);
  }
  return carried;
}

/** The workbook spec with the carried entries put back, and gone rows' entries in a removed block. */
export function withCarriedValues(spec: WorkbookSpec, values: Map<string, ManagerValues>): { spec: WorkbookSpec; removed: number } {
  let removed = 0;
  const sheets = spec.sheets.map((s) => {
    const previous = values.get(s.name);
    if (!previous || previous.size === 0) return s;
    const carried = carryManagerValues(s, previous);
    removed += carried.removed;
    return carried.spec;
  });
  return { spec: { ...spec, sheets }, removed };
}
