/**
 * Manager columns survive a rebuild on the command line too: before `build` overwrites its
 * --out workbook, the values a manager typed there (免罚 / 备注 in 罚款台账, 调整 / 备注 in 提成表)
 * are read back by row id and handed to the engine, which puts them on the rows with the same id.
 * Streamed, and only those two sheets are looked at: the workbook may hold a million orders.
 */
import ExcelJS from "exceljs";
import { plainCell } from "../xlsx/read";
import type { ManagerState } from "../core/reports/types";
import { COMMISSION_COLUMNS } from "../core/sheets/commission";
import { SHEET_NAMES } from "../core/sheets/names";
import { PENALTY_COLUMNS, isWaivedMark } from "../core/sheets/penalties";
import { FIRST_DATA_ROW, HEADER_ROW, type ColumnSpec } from "../core/sheets/types";

interface Wanted {
  columns: ColumnSpec[];
  read: (state: ManagerState, id: string, get: (key: string) => unknown) => void;
}

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v).trim());

const SHEETS: Record<string, Wanted> = {
  [SHEET_NAMES.penalties.name]: {
    columns: PENALTY_COLUMNS,
    read: (state, id, get) => {
      const waived = get("waived");
      const remark = text(get("remark"));
      // Untrimmed, as the sheet's COUNTIFS formula reads it: what the manager sees is what counts.
      const w = isWaivedMark(waived as never);
      if (w || remark) state[id] = { ...state[id], waived: w, remark };
    },
  },
  [SHEET_NAMES.commission.name]: {
    columns: COMMISSION_COLUMNS,
    read: (state, id, get) => {
      const adj = get("adjustment");
      const remark = text(get("remark"));
      const cents = typeof adj === "number" && Number.isFinite(adj) ? Math.round(adj * 100) : 0;
      if (cents !== 0 || remark) state[id] = { ...state[id], adjustment: cents, remark };
    },
  },
};

/** The manager's entries in a workbook this tool wrote earlier; {} when there are none. */
export async function readManagerState(file: string): Promise<ManagerState> {
  const state: ManagerState = {};
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: "emit", sharedStrings: "cache", styles: "ignore", hyperlinks: "ignore" });
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      const wanted = SHEETS[name];
      if (!wanted) continue;
      let cols: Map<string, number> | null = null;
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        if (row.number === HEADER_ROW) {
          // Columns found by their header text, so a manager's reordering does not misplace values.
          cols = new Map();
          for (const c of wanted.columns) {
            const i = values.findIndex((v) => text(plainCell(v)) === c.header);
            if (i > 0) cols.set(c.key, i);
          }
          continue;
        }
        if (row.number < FIRST_DATA_ROW || !cols || !cols.has("id")) continue;
        const id = text(plainCell(values[cols.get("id")!]));
        if (!id) continue;
        wanted.read(state, id, (key) => (cols!.has(key) ? plainCell(values[cols!.get(key)!]) : null));
      }
    }
  } catch {
    // An unreadable old output is not the user's input: rebuild without carried values.
    return state;
  }
  return state;
}
