/**
 * Manager columns survive a rebuild on the command line too: before `build` overwrites its
 * --out workbook, the values a manager typed there (免罚 / 备注 in 罚款台账, 调整 / 备注 in 提成表)
 * are read back by row id and handed to the engine, which puts them on the rows with the same id
 * (and keeps rows whose source disappeared). Columns are found by header text, so a manager who
 * moved a column does not lose its values.
 */
import type { ManagerState } from "../core/reports/types";
import { COMMISSION_COLUMNS } from "../core/sheets/commission";
import { SHEET_NAMES } from "../core/sheets/names";
import { PENALTY_COLUMNS, isWaivedMark } from "../core/sheets/penalties";
import { FIRST_DATA_ROW, HEADER_ROW, type ColumnSpec } from "../core/sheets/types";
import { readSheetValues, type RawValue } from "../xlsx/sheet-cells";

interface Wanted {
  columns: ColumnSpec[];
  read: (state: ManagerState, id: string, get: (key: string) => RawValue) => void;
}

const text = (v: RawValue): string => (v === null ? "" : String(v));

const SHEETS: Record<string, Wanted> = {
  [SHEET_NAMES.penalties.name]: {
    columns: PENALTY_COLUMNS,
    read: (state, id, get) => {
      // Untrimmed, as the sheet's COUNTIFS formula reads it: what the manager sees is what counts.
      const waived = isWaivedMark(get("waived"));
      const remark = text(get("remark"));
      if (waived || remark) state[id] = { ...state[id], waived, remark };
    },
  },
  [SHEET_NAMES.commission.name]: {
    columns: COMMISSION_COLUMNS,
    read: (state, id, get) => {
      const adj = get("adjustment");
      const remark = text(get("remark"));
      const adjustment = typeof adj === "number" && Number.isFinite(adj) ? Math.round(adj * 100) : 0;
      if (adjustment !== 0 || remark) state[id] = { ...state[id], adjustment, remark };
    },
  },
};

/** A workbook this tool wrote: it has the board and the rules sheet. */
const OURS = [SHEET_NAMES.performance.name, SHEET_NAMES.rules.name];

/**
 * The manager's entries in a workbook this tool wrote earlier.
 * @returns the state; `ours` false when the file is not a KefuBoard workbook (never overwrite it);
 *   a warning when it could not be read (then nothing is carried)
 */
export async function readManagerState(file: string): Promise<{ state: ManagerState; ours: boolean; warning: string | null }> {
  const state: ManagerState = {};
  let read;
  try {
    read = await readSheetValues(file, Object.keys(SHEETS));
  } catch (e) {
    return {
      state,
      ours: false,
      warning: `无法读取旧的输出文件 could not read the existing output: ${file} (${(e as Error).message})`,
    };
  }
  if (!OURS.every((n) => read.sheetNames.includes(n))) return { state, ours: false, warning: null };
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
    for (let r = FIRST_DATA_ROW; r < rows.length; r++) {
      const row = rows[r];
      const id = row ? text(row[idCol] ?? null).trim() : "";
      if (!id) continue;
      wanted.read(state, id, (key) => (cols.has(key) ? (row[cols.get(key)!] ?? null) : null));
    }
  }
  return { state, ours: true, warning: null };
}
