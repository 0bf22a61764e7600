/**
 * "Import a file": an exported CSV / xlsx added to the workbook as a NEW sheet, the way Excel's
 * own opening gets wrong — order ids and codes kept as exact text, money as numbers, dates as
 * dates, and every other cell as text (so nothing from the file can become a formula).
 */
import { parseDate, parseDateTime, parseMoney, parseOrderId, recognise } from "../core";
import type { Cell, Recognition } from "../core";
import { wallTimeText } from "../core";
import type { CellFormat, SpecCell } from "../core";
import { writeRowChunks, type RowSource } from "./chunks";
import { listSheets, nextFreeName } from "./owned";
import { throwIfCancelled, type ExcelRun, type OnProgress } from "./types";

const MONEY = new Set(["paid", "shipping", "refund", "sales", "refunds", "monthlyTarget", "loss"]);
const COUNT = new Set(["consultations", "inquiries", "payers", "orders", "lateMinutes", "seriousLateMinutes", "earlyMinutes", "absentDays", "firstResponseSec", "avgResponseSec"]);
const DATETIME = new Set(["createdAt", "paidAt", "shippedAt", "confirmedAt"]);
const DATE = new Set(["date", "hiredOn", "leftOn", "probationUntil"]);
const ID = new Set(["id", "orderId"]);

type Kind = "text" | "id" | "money" | "count" | "datetime" | "date";

/** What each column of a recognised export holds. */
export function columnKinds(rec: Recognition, width: number): Kind[] {
  const kinds: Kind[] = new Array(width).fill("text");
  if (!rec.kind) return kinds;
  for (const [field, c] of Object.entries(rec.columns)) {
    if (c >= width) continue;
    if (ID.has(field)) kinds[c] = "id";
    else if (MONEY.has(field)) kinds[c] = "money";
    else if (COUNT.has(field)) kinds[c] = "count";
    else if (DATETIME.has(field)) kinds[c] = "datetime";
    else if (DATE.has(field)) kinds[c] = "date";
  }
  return kinds;
}

const FORMAT_OF: Record<Kind, CellFormat> = { text: "text", id: "text", money: "money", count: "number", datetime: "datetime", date: "date" };

function asText(v: Cell): string {
  if (v === null) return "";
  if (v instanceof Date) return wallTimeText(v.getTime());
  return String(v);
}

/** One data cell of the file → the cell written (text unless it really is a number or a date). */
export function sourceCell(v: Cell, kind: Kind): SpecCell {
  if (v === null || v === "") return null;
  switch (kind) {
    case "id": {
      const r = parseOrderId(v);
      return r.ok ? r.id : asText(v);
    }
    case "money": {
      // Words such as 无退款申请 stay as written; only figures become numbers.
      if (typeof v === "string" && !/[0-9０-９]/.test(v)) return v;
      const c = parseMoney(v);
      return c === null || !Number.isFinite(c) ? asText(v) : c / 100;
    }
    case "count":
      if (typeof v === "number") return v;
      return typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : asText(v);
    case "datetime": {
      const t = parseDateTime(v);
      return t === null || !Number.isFinite(t) ? asText(v) : { date: wallTimeText(t) };
    }
    case "date": {
      const d = parseDate(v);
      return d === null ? asText(v) : { date: d };
    }
    default:
      return asText(v);
  }
}

/** A sheet name from a file name: no extension, none of Excel's forbidden characters, ≤ 31. */
export function sheetNameFor(file: string): string {
  const base = file.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "").replace(/[\\/?*[\]:]/g, "_").replace(/^'+|'+$/g, "").trim();
  return (base || "导入 Import").slice(0, 31);
}

export interface AddedSheet {
  name: string;
  recognition: Recognition;
  rows: number;
}

/**
 * Adds `rows` (rows[0] = row 1) as a new sheet named after `file` (or "name (2)" when taken).
 *
 * @example
 *   const { text } = decodeBytes(bytes);
 *   await addSourceSheet(Excel.run, "订单.csv", parseCsv(text));
 */
export async function addSourceSheet(run: ExcelRun, file: string, rows: Cell[][], onProgress?: OnProgress, signal?: AbortSignal): Promise<AddedSheet> {
  const recognition = recognise(rows.slice(0, 12));
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const kinds = columnKinds(recognition, width);
  const existing = await listSheets(run);
  const wanted = sheetNameFor(file);
  const taken = (n: string) => existing.some((s) => s.name.toLowerCase() === n.toLowerCase());
  const name = taken(wanted) ? nextFreeName(wanted, (n) => !taken(n)) : wanted;
  const headerRow = recognition.kind ? recognition.headerRow : rows.length;
  const line: SpecCell[] = new Array(width);
  const src: RowSource = {
    count: rows.length,
    width,
    row(i: number) {
      const r = rows[i] ?? [];
      for (let c = 0; c < width; c++) {
        const v = r[c] ?? null;
        line[c] = i < headerRow ? (v === null ? null : asText(v)) : sourceCell(v, kinds[c]);
      }
      return line;
    },
    format(c: number) {
      return FORMAT_OF[kinds[c]];
    },
  };
  await run(async (ctx) => {
    throwIfCancelled(signal);
    const ws = ctx.workbook.worksheets.add(name);
    await ctx.sync();
    await writeRowChunks(ctx, ws, 0, src, new Map(), signal, (done, total) => onProgress?.({ step: "import", sheet: name, done, total }));
    ws.getRangeByIndexes(Math.max(0, headerRow - 1), 0, 1, Math.max(1, width)).format.font.bold = true;
    ws.freezePanes.freezeRows(Math.max(1, headerRow));
    await ctx.sync();
  });
  return { name, recognition, rows: Math.max(0, rows.length - headerRow) };
}
