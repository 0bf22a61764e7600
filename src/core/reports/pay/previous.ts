/**
 * The previous month's board (上月看板), read for the clawback (追回): which orders it credited to
 * whom, at what amounts. From the workbook KefuBoard wrote (its 订单明细: 订单编号, 客服工号, 实付,
 * 邮费, 退款, 回款, 计入客服业绩) or from its `--json` file (`month` and `credited`). What cannot be
 * read is a located problem; a board that cannot be read at all recovers nothing and says so.
 */
import type { Cell } from "../../import/types";
import type { Cents, MonthStr } from "../../model";
import { problem, type Problem } from "../../problems";
import { ORDER_COLUMNS } from "../../sheets/orders";
import { SHEET_NAMES } from "../../sheets/names";
import { moneyCents } from "../../values";

/** One order last month's board credited to an agent. */
export interface PreviousCredit {
  orderId: string;
  agent: string;
  paid: Cents;
  shipping: Cents;
  refund: Cents;
  collected: Cents;
}

export interface PreviousBoard {
  file: string;
  month: MonthStr;
  /** By order id. */
  credited: Map<string, PreviousCredit>;
}

/** A previous board as a host hands it over: the workbook's sheets as raw cells, or the parsed JSON. */
export type PreviousInput = { file: string; sheets: { sheet: string; rows: Cell[][] }[] } | { file: string; json: unknown };

const MONTH_RE = /(\d{4})-(0[1-9]|1[0-2])/;
const zh = (header: string) => header.split(" ")[0];
const norm = (c: Cell | undefined) => (typeof c === "string" ? c.normalize("NFKC").replace(/\s+/g, " ").trim() : "");

function idText(c: Cell | undefined): string {
  if (typeof c === "number" && Number.isSafeInteger(c)) return String(c);
  return typeof c === "string" ? c.trim().replace(/^'/, "") : "";
}

function fromSheets(file: string, sheets: { sheet: string; rows: Cell[][] }[], problems: Problem[]): PreviousBoard | null {
  const name = SHEET_NAMES.orders.name;
  const s = sheets.find((x) => x.sheet.trim() === name);
  if (!s) {
    problems.push(
      problem("error", "previous.orders.missing", { file, sheet: name }, "", `上月看板中没有「${name}」工作表，无法追回`, `The previous board has no "${name}" sheet; nothing can be recovered`),
    );
    return null;
  }
  let month: MonthStr | null = null;
  for (const row of s.rows.slice(0, 3)) {
    for (const c of row ?? []) {
      const m = typeof c === "string" ? MONTH_RE.exec(c) : null;
      if (m && month === null) month = `${m[1]}-${m[2]}`;
    }
  }
  const want = ["orderId", "agent", "paid", "shipping", "refund", "collected", "credited"];
  let header = -1;
  const col = new Map<string, number>();
  for (let r = 0; r < Math.min(s.rows.length, 12) && header < 0; r++) {
    const row = s.rows[r] ?? [];
    for (const c of ORDER_COLUMNS) {
      if (!want.includes(c.key)) continue;
      const at = row.findIndex((v) => norm(v) === norm(c.header) || zh(norm(v)) === zh(c.header));
      if (at >= 0) col.set(c.key, at);
    }
    if (want.every((k) => col.has(k))) header = r;
    else col.clear();
  }
  if (month === null || header < 0) {
    problems.push(
      problem("error", "previous.orders.header", { file, sheet: name }, "", `「${name}」不是 KefuBoard 写出的格式（找不到月份或表头 ${want.length} 列），无法追回`, `"${name}" is not as KefuBoard writes it (no month or header row); nothing can be recovered`),
    );
    return null;
  }
  const credited = new Map<string, PreviousCredit>();
  for (let r = header + 1; r < s.rows.length; r++) {
    const row = s.rows[r] ?? [];
    const orderId = idText(row[col.get("orderId")!]);
    if (!/^\d{6,}$/.test(orderId)) continue; // totals, blank and block rows
    if (Number(row[col.get("credited")!]) !== 1) continue;
    const money = (k: string) => moneyCents(row[col.get(k)!]);
    const v = { paid: money("paid"), shipping: money("shipping"), refund: money("refund"), collected: money("collected") };
    if (Object.values(v).some((x) => x === null || Number.isNaN(x))) {
      problems.push(problem("warning", "previous.orders.amount", { file, sheet: name, row: r + 1 }, orderId, "上月订单金额无法读取，该单不参与追回", "The previous order's amounts cannot be read; this order is not part of the clawback"));
      continue;
    }
    credited.set(orderId, { orderId, agent: norm(row[col.get("agent")!]), ...(v as Record<keyof typeof v, Cents>) });
  }
  return { file, month, credited };
}

function fromJson(file: string, json: unknown, problems: Problem[]): PreviousBoard | null {
  const j = json as { month?: unknown; credited?: unknown };
  const month = typeof j?.month === "string" && MONTH_RE.test(j.month) ? j.month : null;
  if (month === null || !Array.isArray(j.credited)) {
    problems.push(
      problem("error", "previous.json", { file, sheet: "" }, "", "上月 JSON 缺少 month 或 credited（计入客服业绩的订单）：请用新版重新导出", "The previous JSON lacks month or credited (the credited orders): re-export it with this version"),
    );
    return null;
  }
  const credited = new Map<string, PreviousCredit>();
  const cents = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? Math.round(x * 100) : 0);
  for (const o of j.credited as Record<string, unknown>[]) {
    if (typeof o?.orderId !== "string" || typeof o.agent !== "string") continue;
    credited.set(o.orderId, { orderId: o.orderId, agent: o.agent, paid: cents(o.paid), shipping: cents(o.shipping), refund: cents(o.refund), collected: cents(o.collected) });
  }
  return { file, month, credited };
}

/**
 * The previous board, or null with the reason in `problems`.
 * @example readPrevious({ file: "2026-10.json", json: { month: "2026-10", credited: [...] } }, problems)!.month // "2026-10"
 */
export function readPrevious(input: PreviousInput, problems: Problem[]): PreviousBoard | null {
  return "json" in input ? fromJson(input.file, input.json, problems) : fromSheets(input.file, input.sheets, problems);
}
