/**
 * The previous month's board (上月看板), read for the clawback (追回): which orders it credited to
 * whom, at what amounts. From the workbook KefuBoard wrote (its 订单明细: 订单编号, 客服工号, 实付,
 * 邮费, 退款, 回款, 计入客服业绩) or from its `--json` file (`month` and `credited`). What cannot be
 * read is a located problem; a board that cannot be read at all recovers nothing and says so.
 */
import type { Cell } from "../../import/types";
import type { Cents, MonthStr } from "../../model";
import { problem, type Problem } from "../../problems";
import { CLAWED_BLOCK_TITLE, ORDER_COLUMNS, pagedNoteOf } from "../../sheets/orders";
import { rulesFromRows } from "../../rules/sheet";
import type { Rules } from "../../rules/types";
import { SHEET_NAMES } from "../../sheets/names";
import { readMoney } from "../../import/cells";
import { columnLetter, dateText, moneyCents } from "../../values";
import { addMonths, isQuarterEnd, quarterMonths } from "../calendar";

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
  /**
   * The month before's credited orders this board's clawback recomputed: order id → collected
   * after the refund. A quarter or a year summed from boards takes them at that amount.
   */
  clawedBack: Map<string, Cents>;
  /**
   * What last month was paid under — its rules (the board's 规则 sheet; null from a JSON board or
   * an unreadable sheet) and each agent's performance-bonus threshold (目标 × 比例) — so the
   * clawback recomputes last month's items as last month computed them: a target raised this
   * month must not take back a bonus last month's target still pays after the refund.
   */
  rules: Rules | null;
  thresholds: Map<string, Cents>;
}

/** A previous board as a host hands it over: the workbook's sheets as raw cells, or the parsed JSON. */
export type PreviousInput = { file: string; sheets: { sheet: string; rows: Cell[][] }[] } | { file: string; json: unknown };

const MONTH_RE = /(\d{4})-(0[1-9]|1[0-2])/;
const zh = (header: string) => header.split(" ")[0];
const norm = (c: Cell | undefined) => (typeof c === "string" ? c.normalize("NFKC").replace(/\s+/g, " ").trim() : "");

/** The amounts of a credited order, as KefuBoard writes them, in the order they are checked. */
const AMOUNTS = ["paid", "shipping", "refund", "collected"] as const;
type Amounts = Record<(typeof AMOUNTS)[number], Cents>;

/** What every amount of a credited order must be: the clawback is worked from them. */
const AMOUNT_EXPECTED = { zh: "应为 0 到 10 万亿元之间的金额（数字）", en: "an amount (a number) from 0 to 10 trillion yuan" };

/**
 * Each credited order's amounts, or a located warning per amount that is not one and null: the
 * order is then left out of the clawback (not the whole board — the other orders are sound), and
 * said so, since leaving it out keeps its commission paid. Both forms of the board pass here.
 */
function creditAmounts(read: (k: (typeof AMOUNTS)[number]) => { cents: number | null; shown: string }, where: (k: string) => { file: string; sheet: string; row?: number | null; column?: string | null }, orderId: string, problems: Problem[]): Amounts | null {
  const out: Partial<Amounts> = {};
  let ok = true;
  for (const k of AMOUNTS) {
    const { cents, shown } = read(k);
    // Collected is never below 0 (collectedOf), nor are the amounts it is worked from.
    if (cents !== null && Number.isFinite(cents) && cents >= 0) {
      out[k] = cents;
      continue;
    }
    ok = false;
    problems.push(
      problem("warning", "previous.amount", where(k), shown,
        `上月看板中订单 ${orderId} 的 ${k}「${shown}」无法读取，${AMOUNT_EXPECTED.zh}；该单不参与追回（若已退款，其提成不会追回），请核对上月看板`,
        `order ${orderId}'s ${k} "${shown}" on last month's board cannot be read, expected ${AMOUNT_EXPECTED.en}; the order is left out of the clawback (if refunded, its commission is not recovered): check last month's board`),
    );
  }
  return ok ? (out as Amounts) : null;
}

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
  const part = pagedNoteOf(s.rows);
  if (part) {
    const n = part.written.toLocaleString("en-US");
    const all = part.total.toLocaleString("en-US");
    problems.push(
      problem("warning", "previous.orders.paged", { file, sheet: name }, `${n} / ${all}`,
        `上月看板的「${name}」只写入了前 ${n} 行（共 ${all} 行）：追回只看到这些订单，其余订单的退款不会追回。请先在上月工作簿中写入全部订单明细（任务窗格“写入更多订单明细”），或改用上月的 JSON 文件`,
        `last month's "${name}" holds only the first ${n} of ${all} rows: the clawback sees only those orders, and refunds of the others are not recovered. Write every detail row into last month's workbook first ("Write more detail rows" in the pane), or give last month's JSON file`),
    );
  }
  const credited = new Map<string, PreviousCredit>();
  const clawedBack = new Map<string, Cents>();
  let inClawed = false;
  for (let r = header + 1; r < s.rows.length; r++) {
    const row = s.rows[r] ?? [];
    if (norm(row[0]).startsWith(CLAWED_BLOCK_TITLE)) inClawed = true;
    if (inClawed) {
      clawedRow(row, col, clawedBack, { file, sheet: name, row: r + 1 }, problems);
      continue;
    }
    const orderId = idText(row[col.get("orderId")!]);
    if (!/^\d{6,}$/.test(orderId)) continue; // totals, blank and block rows
    if (Number(row[col.get("credited")!]) !== 1) continue;
    const header = (k: string) => ORDER_COLUMNS.find((c) => c.key === k)!.header;
    const v = creditAmounts(
      (k) => {
        const cell = row[col.get(k)!];
        return { cents: moneyCents(cell), shown: cell instanceof Date ? dateText(cell) : String(cell ?? "") };
      },
      (k) => ({ file, sheet: name, row: r + 1, column: `${columnLetter(col.get(k)!)} ${header(k)}` }),
      orderId,
      problems,
    );
    if (v === null) continue;
    credited.set(orderId, { orderId, agent: norm(row[col.get("agent")!]), ...v });
  }
  return { file, month, credited, clawedBack, ...paidWith(file, sheets, problems) };
}

/** The 规则 sheet's rules, when it reads without an error; else null and a warning saying so. */
function boardRules(file: string, sheets: { sheet: string; rows: Cell[][] }[], problems: Problem[]): Rules | null {
  const name = SHEET_NAMES.rules.name;
  const s = sheets.find((x) => x.sheet.trim() === name);
  if (!s) return null;
  const read = rulesFromRows(s.rows, { file, sheet: name });
  const errors = read.problems.filter((p) => p.severity === "error");
  if (errors.length === 0) return read.rules;
  problems.push(
    problem("warning", "previous.rules", { file, sheet: name }, errors.length,
      `上月看板的「${name}」有 ${errors.length} 处无法读取（如 ${errors[0].zh}），追回按本月规则重算上月的提成、业绩奖与职位补贴`,
      `last month's board's "${name}" has ${errors.length} unreadable entries (e.g. ${errors[0].en}); the clawback recomputes last month's commission, performance bonus and position allowance with this month's rules`),
  );
  return null;
}

/**
 * Each agent's performance-bonus threshold as 提成表 states it: its 业绩 reason ends "= 10,000.00"
 * (目标 × 比例), the one place the workbook keeps the target last month used.
 */
function boardThresholds(sheets: { sheet: string; rows: Cell[][] }[]): Map<string, Cents> {
  const out = new Map<string, Cents>();
  const s = sheets.find((x) => x.sheet.trim() === SHEET_NAMES.commission.name);
  if (!s) return out;
  for (let r = 0; r < Math.min(s.rows.length, 12); r++) {
    const row = s.rows[r] ?? [];
    const agentCol = row.findIndex((v) => zh(norm(v)) === "工号");
    const whyCol = row.findIndex((v) => zh(norm(v)) === "说明·业绩");
    if (agentCol < 0 || whyCol < 0) continue;
    for (const data of s.rows.slice(r + 1)) {
      const agent = norm(data?.[agentCol]);
      const m = /=\s*([\d,]+\.\d{2})\s*$/.exec(norm(data?.[whyCol]));
      const cents = m ? moneyCents(m[1].replace(/,/g, "")) : null;
      if (agent !== "" && cents !== null && cents >= 0) out.set(agent, cents);
    }
    break;
  }
  return out;
}

function paidWith(file: string, sheets: { sheet: string; rows: Cell[][] }[], problems: Problem[]): Pick<PreviousBoard, "rules" | "thresholds"> {
  return { rules: boardRules(file, sheets, problems), thresholds: boardThresholds(sheets) };
}

/** A row of 订单明细's clawed-back block: its order's collected after the refund, or a located warning. */
function clawedRow(row: Cell[], col: Map<string, number>, into: Map<string, Cents>, at: { file: string; sheet: string; row: number }, problems: Problem[]): void {
  const orderId = idText(row[col.get("orderId")!]);
  if (!/^\d{6,}$/.test(orderId)) return; // the block's title and header
  const cell = row[col.get("collected")!];
  const cents = moneyCents(cell);
  if (cents !== null && Number.isFinite(cents) && cents >= 0) {
    into.set(orderId, cents);
    return;
  }
  const shown = cell instanceof Date ? dateText(cell) : String(cell ?? "");
  problems.push(
    problem("warning", "previous.amount", { ...at, column: `${columnLetter(col.get("collected")!)} 追回后回款` }, shown,
      `上月看板「${CLAWED_BLOCK_TITLE}」中订单 ${orderId} 的追回后回款「${shown}」无法读取，${AMOUNT_EXPECTED.zh}；季度 / 年终回款按该看板原计入金额计算，请核对`,
      `order ${orderId}'s collected after the clawback "${shown}" in the board's clawed-back block cannot be read, expected ${AMOUNT_EXPECTED.en}; the quarter's / year's collected takes the amount first credited: check the board`),
  );
}

function fromJson(file: string, json: unknown, problems: Problem[]): PreviousBoard | null {
  const j = json as { month?: unknown; credited?: unknown; agents?: unknown };
  const month = typeof j?.month === "string" && MONTH_RE.test(j.month) ? j.month : null;
  if (month === null || !Array.isArray(j.credited)) {
    problems.push(
      problem("error", "previous.json", { file, sheet: "" }, "", "上月 JSON 缺少 month 或 credited（计入客服业绩的订单）：请用新版重新导出", "The previous JSON lacks month or credited (the credited orders): re-export it with this version"),
    );
    return null;
  }
  const credited = new Map<string, PreviousCredit>();
  // This tool writes numbers: a string "25000" is not read as money here (a hand-edited file).
  const cents = (x: unknown): number | null => (typeof x === "number" ? readMoney(x) : null);
  const shown = (x: unknown): string => (typeof x === "string" || typeof x === "number" ? String(x) : x === undefined ? "（缺 missing）" : JSON.stringify(x) ?? String(x));
  (j.credited as unknown[]).forEach((e, i) => {
    const o = e as Record<string, unknown> | null;
    const at = (field: string) => ({ file, sheet: "", row: null, column: `credited[${i}].${field}` });
    if (typeof o?.orderId !== "string" || typeof o.agent !== "string") {
      const field = typeof o?.orderId !== "string" ? "orderId" : "agent";
      problems.push(
        problem("warning", "previous.entry", at(field), shown(o === null || typeof o !== "object" ? o : o[field]),
          `上月 JSON 的第 ${i + 1} 笔计入订单缺少 ${field}（应为文本），该单不参与追回`,
          `credited entry ${i + 1} of the previous JSON has no ${field} (expected text); it is left out of the clawback`),
      );
      return;
    }
    const v = creditAmounts((k) => ({ cents: cents(o[k]), shown: shown(o[k]) }), (k) => at(`${k} (${o.orderId})`), o.orderId, problems);
    if (v !== null) credited.set(o.orderId, { orderId: o.orderId, agent: o.agent, ...v });
  });
  const clawedBack = new Map<string, Cents>();
  const thresholds = new Map<string, Cents>();
  (Array.isArray(j.agents) ? (j.agents as unknown[]) : []).forEach((a, i) => {
    const entry = a as { agent?: unknown; performanceThreshold?: unknown } | null;
    const threshold = cents(entry?.performanceThreshold);
    if (typeof entry?.agent === "string" && threshold !== null && threshold >= 0) thresholds.set(entry.agent, threshold);
    const list = (a as { clawbackOrders?: unknown } | null)?.clawbackOrders;
    if (!Array.isArray(list)) return;
    list.forEach((e, k) => {
      const o = e as { orderId?: unknown; after?: unknown } | null;
      if (typeof o?.orderId !== "string") return;
      const after = cents(o.after);
      if (after !== null && Number.isFinite(after) && after >= 0) clawedBack.set(o.orderId, after);
      else
        problems.push(
          problem("warning", "previous.amount", { file, sheet: "", row: null, column: `agents[${i}].clawbackOrders[${k}].after (${o.orderId})` }, shown(o.after),
            `上月 JSON 中追回订单 ${o.orderId} 的 after「${shown(o.after)}」无法读取，${AMOUNT_EXPECTED.zh}；季度 / 年终回款按原计入金额计算，请核对`,
            `order ${o.orderId}'s after "${shown(o.after)}" among the JSON's clawed-back orders cannot be read, expected ${AMOUNT_EXPECTED.en}; the quarter's / year's collected takes the amount first credited: check the file`),
        );
    });
  });
  return { file, month, credited, clawedBack, rules: null, thresholds };
}

/**
 * The sheets of a board workbook the reader reads (订单明细; 规则 and 提成表 for last month's rules
 * and targets): a host need not keep the rest of a big workbook in memory.
 */
export const PREVIOUS_BOARD_SHEETS: readonly string[] = [SHEET_NAMES.orders.name, SHEET_NAMES.rules.name, SHEET_NAMES.commission.name];

/**
 * The boards a build of `month` can use, of those read (in the order given): one per month, each
 * of a month the build reads (last month's; the quarter's, the year's: `monthsUsed`). A second
 * board of a month would sum that month twice into a quarter or a year (or leave which one counts
 * to chance); a board of the month itself or later holds no earlier month's figures: both are
 * left out, each with a located error naming its file. An earlier month the build never reads
 * (August's board for November: most likely the wrong file chosen) is left out with a warning.
 * `month` null (a host that does not know it yet, the pane before a build): only the repeated
 * months are judged.
 * @example boardsFor("2026-09", [aug, augAgain, sep], problems) // [aug]; two errors
 */
export function boardsFor<B extends { file: string; month: MonthStr }>(month: MonthStr | null, boards: readonly B[], problems: Problem[]): B[] {
  const out: B[] = [];
  for (const b of boards) {
    if (month !== null && b.month >= month) {
      problems.push(
        problem("error", "previous.month.late", { file: b.file, sheet: "" }, b.month,
          `看板 ${b.file} 是 ${b.month} 的，不早于正在生成的 ${month}：未使用（只用之前月份的看板：上月的用于追回，季末月加本季度、12 月加本年之前各月的）`,
          `the board ${b.file} is for ${b.month}, not before ${month}, the month being built: not used (only earlier months' boards are: last month's for the clawback, the quarter's or the year's earlier months at a quarter's end or in December)`),
      );
      continue;
    }
    if (month !== null && !monthsUsed(month).has(b.month)) {
      problems.push(
        problem("warning", "previous.month.unused", { file: b.file, sheet: "" }, b.month,
          `看板 ${b.file} 是 ${b.month} 的：生成 ${month} 用不到它（上月 ${addMonths(month, -1)} 的看板用于追回退款；季末月还用本季度之前各月的，12 月用本年之前各月的），未使用：是否选错了文件？`,
          `the board ${b.file} is for ${b.month}, which a build of ${month} does not use (last month's, ${addMonths(month, -1)}, for the clawback of its refunds; at a quarter's end also the quarter's earlier months, in December the year's): not used — was another file meant?`),
      );
      continue;
    }
    const first = out.find((x) => x.month === b.month);
    if (!first) {
      out.push(b);
      continue;
    }
    problems.push(
      problem("error", "previous.month.twice", { file: b.file, sheet: "" }, b.month,
        `看板 ${b.file} 与 ${first.file} 都是 ${b.month} 的：只用先给出的 ${first.file}，${b.file} 未使用；每个月只给一份看板`,
        `the boards ${b.file} and ${first.file} are both for ${b.month}: only ${first.file}, given first, is used, not ${b.file}; give one board per month`),
    );
  }
  return out;
}

/** The earlier months whose boards a build of `month` reads: last month's, the quarter's at its end, the year's in December. */
function monthsUsed(month: MonthStr): Set<MonthStr> {
  const used = new Set<MonthStr>([addMonths(month, -1)]);
  if (isQuarterEnd(month)) for (const m of quarterMonths(month)) if (m < month) used.add(m);
  if (month.endsWith("-12")) for (let m = addMonths(month, -11); m < month; m = addMonths(m, 1)) used.add(m);
  return used;
}

/**
 * The previous board, or null with the reason in `problems`.
 * @example readPrevious({ file: "2026-10.json", json: { month: "2026-10", credited: [...] } }, problems)!.month // "2026-10"
 */
export function readPrevious(input: PreviousInput, problems: Problem[]): PreviousBoard | null {
  return "json" in input ? fromJson(input.file, input.json, problems) : fromSheets(input.file, input.sheets, problems);
}
