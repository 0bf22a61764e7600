/**
 * One build, for every host. The command line, the task pane (in its worker) and the tests hand
 * over what they read — each source's import results, the 规则 sheet's rows, the previous board's
 * raw cells — and get back the report, the sheets to write (manager values carried, a removed
 * block for rows that are gone), the problems and the summary. Every rule of a build lives here:
 * which files fit their slot, which sources are required, which month is built and whether the
 * sources cover it, which rules sheet counts, how the manager's columns are read and carried.
 * Hosts only move bytes.
 *
 * Two steps, because a host may need the month before it can read the previous board (the
 * command line's --out may name "{month}"): `planBuild` checks the sources and decides the month,
 * `finishBuild` computes and lays out. `buildBoard` does both.
 */
import { forShop, shopsOf } from "./shops";
import { pickMonth, buildMonth, type BuildOptions } from "./engine";
import { kindEn, kindZh, mergeImports } from "./import";
import { plausibleTime } from "./import/cells";
import type { Cell, ImportResult, SourceKind } from "./import/types";
import { salesDays, type Dataset, type MonthStr } from "./model";
import { KefuError, problem, type Problem } from "./problems";
import { readBoard, type BoardCell, type BoardInput } from "./board";
import { DAY_MS, monthOf } from "./reports/calendar";
import type { MonthReport } from "./reports/types";
import { defaultRules } from "./rules/defaults";
import { rulesFromRows } from "./rules/sheet";
import type { Rules } from "./rules/types";
import { buildWorkbookSpec } from "./sheets";
import { carryManagerValues } from "./sheets/manager";
import { SHEET_NAMES } from "./sheets/names";
import type { SheetSpec, SpecCell, WorkbookSpec } from "./sheets/types";
import { countedSheet, type CountedSheet } from "./sheets/orders";
import { columnLetter, dateText, isBlankCell, moneyCents } from "./values";
import { summarise, type BuildSummary } from "./summary";

/** One source as the host read it: a file (command line) or a sheet (pane), and what the importer made of it. */
export interface SourceInput {
  /** File or workbook name, for messages. */
  file: string;
  /** The sheet, when the source is one sheet of a workbook the host chose (the pane). */
  sheet?: string;
  /** The kind the user gave it (--orders, the pane's kind picker); null = whatever its headers say. */
  slot: SourceKind | null;
  /** How the host names the slot in its messages ("--orders"); absent = the kind's name. */
  slotLabel?: string;
  /** One result per sheet of the file (a CSV has one). */
  results: ImportResult[];
  /** An export of one shop: its orders that name no shop (no 店铺名称 column) are of this one. */
  shop?: string;
}

/** A rules workbook's sheets (or the pane's one 规则 sheet) as rows. */
export interface RulesInput {
  file: string;
  sheets: { sheet: string; rows: Cell[][] }[];
}

/** The previous month's board, for recovering last month's late refunds (passed to the engine as is). */
export type PreviousMonth = NonNullable<BuildOptions["previous"]>;

export interface BuildInput {
  sources: SourceInput[];
  /** The rules sheet; null or absent = the handbook's defaults. */
  rules?: RulesInput | null;
  /** "YYYY-MM", or null to take the month most paid orders fall in. */
  month: string | null;
  /** The board this build replaces (its manager columns are carried); null = a first build. */
  board?: BoardInput | null;
  /** The previous month's board (clawback of last month's late refunds). */
  previous?: PreviousMonth;
  /** One shop of a group (店铺名称 in the orders), or null / absent for every shop together (core/shops.ts). */
  shop?: string | null;
  /** Build lean (BuildOptions.lean): the report keeps no order object; its `counted` cannot be read. */
  lean?: boolean;
}

export interface BuildPlan {
  month: MonthStr;
  data: Dataset;
  rules: Rules;
  /** Import, slot and rules problems (warnings and infos; errors that refuse are thrown). */
  problems: Problem[];
  /** The shops the sources' orders name (the whole group, also when one shop is built). */
  shops?: string[];
}

export interface BuildOutcome {
  month: MonthStr;
  report: MonthReport;
  /** The sheets to write, with the manager's values put back and a removed block for gone rows. */
  spec: WorkbookSpec;
  /** Manager entries kept in a removed block because their row is gone. */
  removed: number;
  problems: Problem[];
  summary: BuildSummary;
}

/** A refund report (退款报表) is given with the orders: it fits their slot. */
const fitsSlot = (kind: SourceKind, slot: SourceKind): boolean => kind === slot || (slot === "orders" && kind === "refunds");

/** The results of a source that serve its slot (all recognised ones when it has none): what the build reads of it. */
export function fittingResults(results: readonly ImportResult[], slot: SourceKind | null): ImportResult[] {
  return results.filter((r) => r.kind !== null && (slot === null || fitsSlot(r.kind, slot)));
}

/** The kinds a month cannot be built without: the others only add to it. */
const REQUIRED: ReadonlySet<SourceKind> = new Set(["orders"]);
/** The kinds whose rows are dated: a source of one of these that misses the month is refused. */
const DATED: readonly SourceKind[] = ["orders", "attendance", "sales"];

const kindName = (k: SourceKind) => kindEn(k).replace(/^an? /, "");
const label = (s: SourceInput) => s.slotLabel ?? kindZh(s.slot!);
const at = (s: SourceInput, sheet = s.sheet ?? "") => ({ file: s.file, sheet });
/** "文件 a.csv（--orders，订单报表）" / "sheet 订单 (orders export)": how a message names a source. */
function named(s: SourceInput): { zh: string; en: string } {
  if (s.slot === null) return { zh: `文件 ${s.file}`, en: `file ${s.file}` };
  if (s.slotLabel) return { zh: `文件 ${s.file}（${s.slotLabel}，${kindZh(s.slot)}）`, en: `file ${s.file} (${s.slotLabel}, ${kindName(s.slot)})` };
  return s.sheet
    ? { zh: `工作表「${s.sheet}」（${kindZh(s.slot)}）`, en: `sheet "${s.sheet}" (${kindName(s.slot)})` }
    : { zh: `文件 ${s.file}（${kindZh(s.slot)}）`, en: `file ${s.file} (${kindName(s.slot)})` };
}

/** The slot's kind, the file's kind: the located message for a source given in the wrong slot. */
export function wrongKind(s: SourceInput, found: SourceKind, sheet: string): Problem {
  const slot = s.slot!;
  const what = s.sheet ? `工作表「${s.sheet}」` : `文件 ${s.file}`;
  const whatEn = s.sheet ? `sheet "${s.sheet}"` : `file ${s.file}`;
  return problem("error", "input.wrong_kind", at(s, sheet), s.slotLabel ?? kindZh(slot),
    `${what} 作为 ${label(s)}（${kindZh(slot)}）给出，但按表头识别它是${kindZh(found)}；请检查参数`,
    `${whatEn} was given as ${s.slotLabel ?? kindName(slot)} (${kindEn(slot)}) but its headers say it is ${kindEn(found)}; check the arguments`);
}

/**
 * A source with no data rows. In an optional slot (incidents, roster, attendance, sales) it is a
 * warning: a month without incidents is an ordinary month. Orders are required: when every
 * orders source is empty the month would look right and be wrong, so that refuses the build.
 */
export function noData(s: SourceInput, severity: "warning" | "error"): Problem {
  const slot = s.slot!;
  const n = named(s);
  return severity === "error"
    ? problem("error", "input.no_data", at(s), s.slotLabel ?? kindZh(slot),
        `${n.zh}没有数据行；${kindZh(slot)}是必需的，未生成报表`,
        `${n.en} has no data rows; it is required, so nothing is built`)
    : problem("warning", "input.no_data", at(s), s.slotLabel ?? kindZh(slot),
        `${n.zh}没有数据行；按没有${kindZh(slot)}计算，其余照常生成`,
        `${n.en} has no data rows; the month is built as if it had none`);
}

function sheetOf(r: ImportResult): string {
  const d = r.data;
  const first = d.orders[0] ?? d.shifts[0] ?? d.sales[0] ?? d.roster[0] ?? d.incidents[0] ?? d.refunds?.[0] ?? d.affiliates?.[0] ?? d.returnShipping?.[0];
  return first ? first.source.sheet : "";
}

/**
 * No data rows at all: 0 bytes, a BOM or blank lines only, an empty workbook or sheet, or
 * headers of the slot's kind with nothing below. Junk, binary bytes and unrecognised headers
 * are not "no data": those sources are refused.
 */
function holdsNoData(results: ImportResult[], fits: ImportResult[]): boolean {
  if (fits.length > 0) return fits.every((r) => r.rowsRead === 0);
  return results.length > 0 && results.every((r) => r.kind === null && r.problems.length > 0 && r.problems.every((p) => p.code === "import.empty"));
}

interface Accepted {
  source: SourceInput;
  fits: ImportResult[];
}

/** Each source against its slot: what is accepted, what is said, what refuses the build. */
function checkSources(sources: readonly SourceInput[]): { accepted: Accepted[]; problems: Problem[]; fatal: Problem[] } {
  const accepted: Accepted[] = [];
  const problems: Problem[] = [];
  const fatal: Problem[] = [];
  const empties: { s: SourceInput; at: number }[] = [];
  const rowsBySlot = new Map<SourceKind, number>();
  for (const s of sources) {
    const results = s.results;
    const fits = fittingResults(results, s.slot);
    const other = s.slot === null ? undefined : results.find((r) => r.kind !== null && !fitsSlot(r.kind, s.slot!));
    if (s.slot !== null && !other && holdsNoData(results, fits)) {
      // The importer's "empty file" error becomes this source-level warning; its "only headers"
      // warning (which says where the headers were) stays beside it.
      for (const r of results) problems.push(...r.problems.filter((x) => x.code !== "import.empty"));
      empties.push({ s, at: problems.length });
      problems.push(noData(s, "warning"));
      continue;
    }
    for (const r of results) problems.push(...r.problems);
    if (fits.length === 0) {
      if (other && s.slot !== null) {
        fatal.push(wrongKind(s, other.kind!, sheetOf(other)));
      } else {
        const own = results.flatMap((r) => r.problems).filter((p) => p.severity === "error");
        const what = s.slot === null ? { zh: "报表", en: "export" } : { zh: kindZh(s.slot), en: kindName(s.slot) };
        fatal.push(
          ...(own.length > 0
            ? own
            : [problem("error", "input.unrecognised", at(s), s.slot === null ? "" : label(s),
                `${s.sheet ? `工作表「${s.sheet}」` : `文件 ${s.file} `}中没有可识别的${what.zh}`,
                `${s.sheet ? `sheet "${s.sheet}"` : `file ${s.file}`} holds no recognisable ${what.en}`)]),
        );
      }
      continue;
    }
    for (const r of results) {
      if (s.slot !== null && r.kind !== null && !fitsSlot(r.kind, s.slot)) {
        problems.push(
          problem("info", "input.sheet_other_kind", at(s, sheetOf(r)), "",
            `该工作表是${kindZh(r.kind)}，不属于 ${label(s)}，已跳过`,
            `this sheet is ${kindEn(r.kind)}, not part of ${s.slotLabel ?? kindName(s.slot)}; skipped`),
        );
      }
    }
    accepted.push({ source: s, fits });
    for (const r of fits) if (r.kind) rowsBySlot.set(r.kind, (rowsBySlot.get(r.kind) ?? 0) + r.rowsRead);
  }
  // A required slot whose every source is empty cannot give a month; one empty file beside a
  // good one (a second orders export with headers only) is only a warning.
  for (const e of empties) {
    if (!REQUIRED.has(e.s.slot!) || (rowsBySlot.get(e.s.slot!) ?? 0) > 0) continue;
    problems[e.at] = noData(e.s, "error");
    fatal.push(problems[e.at]);
  }
  if (fatal.length === 0) {
    for (const k of REQUIRED) {
      if (sources.some((s) => s.slot === k) || (rowsBySlot.get(k) ?? 0) > 0) continue;
      fatal.push(
        problem("error", "input.required", { file: "", sheet: "" }, k,
          `没有${kindZh(k)}：${kindZh(k)}是必需的，未生成报表；请选择或给出${kindZh(k)}`,
          `no ${kindName(k)} was given; it is required, so nothing is built: choose or pass one`),
      );
    }
  }
  return { accepted, problems, fatal };
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months a source's dated rows fall in, with their row counts, in month order. */
function monthsOf(fits: readonly ImportResult[]): { months: Map<MonthStr, number>; dated: number } {
  const months = new Map<MonthStr, number>();
  let dated = 0;
  const add = (m: MonthStr) => {
    months.set(m, (months.get(m) ?? 0) + 1);
    dated++;
  };
  // Orders by day first: a month name per order was a date formatted a million times.
  const orderDays = new Map<number, number>();
  for (const r of fits) {
    if (r.kind === "orders") {
      for (const o of r.data.orders) {
        const t = o.paidAt ?? o.createdAt;
        if (t !== null && plausibleTime(t)) {
          const d = Math.floor(t / DAY_MS);
          orderDays.set(d, (orderDays.get(d) ?? 0) + 1);
        }
      }
    } else if (r.kind === "attendance") {
      for (const d of r.data.shifts) if (d.date) add(d.date.slice(0, 7));
    } else if (r.kind === "sales") {
      for (const d of r.data.sales) {
        const days = salesDays(d);
        if (days !== null) add(days.from.slice(0, 7));
      }
    }
  }
  for (const [d, n] of orderDays) {
    const m = monthOf(d * DAY_MS);
    months.set(m, (months.get(m) ?? 0) + n);
    dated += n;
  }
  return { months: new Map([...months].sort((a, b) => (a[0] < b[0] ? -1 : 1))), dated };
}

/**
 * The month a source's rows point at, for showing beside it before a build: for orders the build's
 * own rule (the month most paid orders fall in), for the other kinds the month most of their dated
 * rows fall in (ties: the later month); null when nothing is dated.
 * @example sourceMonth(importSheet(attendanceSheet)) // "2026-10"
 */
export function sourceMonth(result: ImportResult): MonthStr | null {
  const d = result.data;
  if (d.orders.length > 0) return pickMonth(d.orders);
  const count = new Map<MonthStr, number>();
  for (const x of [...d.shifts.map((s) => s.date), ...d.sales.map((s) => s.date), ...d.incidents.map((i) => i.date)]) {
    if (x) count.set(x.slice(0, 7), (count.get(x.slice(0, 7)) ?? 0) + 1);
  }
  let best: MonthStr | null = null;
  for (const [m, n] of count) if (best === null || n > count.get(best)! || (n === count.get(best)! && m > best)) best = m;
  return best;
}

/** Whether any of a source's rows touches the month (an order may be paid earlier and refunded or shipped in it). */
function touches(fits: readonly ImportResult[], month: MonthStr): boolean {
  for (const r of fits) {
    if (r.kind === "orders") {
      for (const o of r.data.orders) {
        for (const t of [o.paidAt, o.createdAt, o.shippedAt, o.confirmedAt]) if (t !== null && Number.isFinite(t) && monthOf(t) === month) return true;
      }
    } else if (r.kind === "attendance") {
      for (const d of r.data.shifts) if (d.date && d.date.startsWith(month)) return true;
    } else if (r.kind === "sales") {
      for (const d of r.data.sales) {
        const days = salesDays(d);
        if (days !== null && days.from.slice(0, 7) <= month && days.to.slice(0, 7) >= month) return true;
      }
    }
  }
  return false;
}

/**
 * The wrong-month guard: an orders, attendance or sales source whose dated rows all lie outside
 * the month would build a payroll of zeros. Each such source is an error naming the months it
 * covers; the build is refused.
 */
function monthCoverage(accepted: readonly Accepted[], month: MonthStr, requested: boolean): Problem[] {
  const out: Problem[] = [];
  for (const { source: s, fits } of accepted) {
    for (const kind of DATED) {
      const own = fits.filter((r) => r.kind === kind);
      if (own.length === 0) continue;
      // Most sources touch the month at their first rows: the months are counted only for the error.
      if (touches(own, month)) continue;
      const { months, dated } = monthsOf(own);
      if (dated === 0) continue;
      const list = [...months].map(([m, n]) => `${m}（${n} 行）`).join("、");
      const listEn = [...months].map(([m, n]) => `${m} (${n} rows)`).join(", ");
      const whose = s.slot === null ? { zh: `文件 ${s.file}（${kindZh(kind)}）`, en: `file ${s.file} (${kindName(kind)})` } : named(s);
      const fix = requested ? { zh: "请检查所选月份或文件", en: "check the month asked for, or the file" } : { zh: "请检查文件，或指定月份", en: "check the file, or name the month" };
      out.push(
        problem("error", "input.month.not_covered", at(s, s.sheet ?? sheetOf(own[0])), [...months.keys()].join(", "),
          `${whose.zh}没有 ${month} 的数据：它覆盖 ${list}；用它生成 ${month} 会得到全为 0 的报表，未生成；${fix.zh}`,
          `${whose.en} has no data for ${month}: it covers ${listEn}; building ${month} from it would give a board of zeros, so nothing is built: ${fix.en}`),
      );
    }
  }
  return out;
}

/** The rules to build with: the 规则 sheet (by name, else the first sheet the reader accepts), or the defaults. */
export function rulesFromInput(input: RulesInput | null | undefined): { rules: Rules; problems: Problem[] } {
  if (!input) return { rules: defaultRules(), problems: [] };
  const named = input.sheets.filter((s) => s.sheet === SHEET_NAMES.rules.name || /^rules$/i.test(s.sheet));
  const candidates = named.length > 0 ? named : input.sheets;
  let firstFailure: Problem[] | null = null;
  for (const s of candidates) {
    const r = rulesFromRows(s.rows, { file: input.file, sheet: s.sheet });
    if (r.problems.some((p) => p.severity === "error")) {
      firstFailure ??= r.problems;
      continue;
    }
    // A copy edited beside the original (规则 (2) next to 规则) is not read: say so when it differs,
    // or the edit is silently ignored.
    const same = JSON.stringify(r.rules);
    const others = input.sheets.filter((o) => o !== s && o.rows.length > 0).filter((o) => {
      const x = rulesFromRows(o.rows, { file: input.file, sheet: o.sheet });
      return !x.problems.some((p) => p.code === "rules.header.missing") && JSON.stringify(x.rules) !== same;
    });
    if (others.length > 0) {
      const names = others.map((o) => `「${o.sheet}」`).join("、");
      r.problems.push(
        problem("warning", "rules.sheet.several", { file: input.file, sheet: s.sheet }, others.map((o) => o.sheet).join(", "),
          `规则按工作表「${s.sheet}」计算；工作簿中的 ${names} 也是规则表且内容不同，未读取。若修改的是那一张，请把它改名为「${SHEET_NAMES.rules.name}」或删去其他规则表`,
          `the rules were read from the sheet "${s.sheet}"; ${others.map((o) => `"${o.sheet}"`).join(", ")} in the workbook also hold rules, different ones, and were not read. If you edited that one, name it "${SHEET_NAMES.rules.name}" or delete the other rules sheets`),
      );
    }
    return r;
  }
  throw new KefuError(
    firstFailure ?? [
      problem("error", "rules.sheet.missing", { file: input.file, sheet: "" }, "",
        `工作簿中没有「${SHEET_NAMES.rules.name}」工作表`, `the workbook has no "${SHEET_NAMES.rules.name}" (rules) sheet`),
    ],
  );
}

/**
 * Checks the sources and the rules, decides the month. Throws KefuError (located, bilingual) when
 * the build is refused: a source in the wrong slot or unreadable, no orders, no month that can be
 * chosen, a month the sources do not cover, an invalid rules sheet.
 */
export function planBuild(input: Pick<BuildInput, "sources" | "rules" | "month" | "shop">): BuildPlan {
  const checked = checkSources(input.sources);
  if (checked.fatal.length > 0) throw new KefuError(checked.fatal);
  const { rules, problems: ruleProblems } = rulesFromInput(input.rules);
  for (const a of checked.accepted) {
    const shop = a.source.shop?.trim();
    if (shop) for (const r of a.fits) for (const o of r.data.orders) o.shop ??= shop;
  }
  const merged = mergeImports(checked.accepted.flatMap((a) => a.fits));
  // mergeImports repeats each result's own problems first; keep ours (source order) and add only
  // what merging found (duplicates across files).
  const own = new Set(checked.accepted.flatMap((a) => a.fits).flatMap((r) => r.problems));
  const mergeOnly = merged.problems.filter((p) => !own.has(p));
  const shops = shopsOf(merged.data);
  if (input.shop !== null && input.shop !== undefined) {
    const one = forShop(merged.data, input.shop);
    merged.data = one.data;
    mergeOnly.push(...one.problems);
  }

  let month: MonthStr | null;
  if (input.month !== null && input.month !== undefined) {
    const m = input.month.trim();
    if (!MONTH_RE.test(m)) {
      throw new KefuError([
        problem("error", "input.month.invalid", { file: "", sheet: "" }, input.month,
          `月份应写作 YYYY-MM（如 2026-10）`, `the month is written YYYY-MM (e.g. 2026-10)`),
      ]);
    }
    month = m;
  } else {
    month = pickMonth(merged.data.orders);
  }
  if (month === null) {
    throw new KefuError([
      problem("error", "input.no_month", { file: "", sheet: "" }, "",
        "订单中没有付款时间，无法确定月份；请指定月份（命令行 --month YYYY-MM）",
        "no order has a paid time, so the month cannot be chosen; name the month (on the command line: --month YYYY-MM)"),
    ]);
  }
  const uncovered = monthCoverage(checked.accepted, month, input.month !== null && input.month !== undefined);
  if (uncovered.length > 0) throw new KefuError(uncovered);
  return { month, data: merged.data, rules, problems: [...ruleProblems, ...checked.problems, ...mergeOnly], shops };
}

/** The keys of the rows a report has, per sheet key: a manager entry whose id is not among them is kept as removed. */
function rowIds(report: MonthReport): Map<string, Set<string>> {
  return new Map([
    ["penalties", new Set(report.penalties.map((p) => p.id))],
    ["commission", new Set(report.commission.map((c) => c.id))],
  ]);
}

/** A typed cell equal to a formula's result: numbers to the cent, else as text. */
function sameValue(typed: Cell, result: Cell): boolean {
  if (typeof result === "number") {
    const cents = moneyCents(typed);
    return cents !== null && !Number.isNaN(cents) && cents === Math.round(result * 100);
  }
  return String(typed).trim() === String(result ?? "").trim();
}

/** A spec cell as a host reads it back: a formula's result, a date's text, a link's text. */
function specValue(c: SpecCell): Cell {
  if (c === null || typeof c !== "object") return c;
  if ("f" in c) return c.v;
  if ("date" in c) return c.date;
  return "text" in c ? c.text : null;
}

const shown = (v: Cell): string => (v instanceof Date ? dateText(v) : String(v ?? "").trim());

/**
 * The report's own cells of a manager sheet the manager changed, each a located warning: the
 * rebuild writes them afresh, and the typed value would otherwise vanish without a word.
 *
 * - A value typed over a formula (net pay corrected by hand, a fine's 实计 set to 0): only a host
 *   that tells formulas from values (the pane, the command line's <f> cells) can see it.
 * - A figure written as a value whose column says which cells explain it (ColumnSpec.handEdit:
 *   追回 by its 说明·追回, a fine by its rule and occurrence): changed while its grounds are not, it
 *   was typed — the sources, had they changed it, would have changed its reasons too. A rules edit
 *   can (a fine's amount: no cell of the board holds the amounts it was built with), so the message
 *   says so. Without grounds a value changed by hand cannot be told from one the sources changed,
 *   so it is not listed.
 *
 * Only the manager sheets (罚款台账, 提成表: a row per fine and per agent) are read back, so this
 * costs a few hundred rows; 订单明细 (up to 880,000 rows) is not: reading it again on every rebuild
 * would cost as much as the build's own read. Manager columns are carried, not listed here.
 */
function overwrittenCells(sheet: SheetSpec, old: ReadonlyMap<string, BoardCell[]> | undefined, file: string): Problem[] {
  if (!old || old.size === 0 || sheet.idColumn === undefined) return [];
  const out: Problem[] = [];
  const colAt = new Map(sheet.columns.map((x, i) => [x.key, i]));
  for (const row of sheet.rows) {
    const id = row[sheet.idColumn];
    const cells = typeof id === "string" || typeof id === "number" ? old.get(String(id).trim()) : undefined;
    if (!cells) continue;
    for (const c of cells) {
      const at = colAt.get(c.key);
      if (at === undefined) continue;
      const next = row[at];
      const where = { file, sheet: c.sheet, row: c.row, column: `${columnLetter(c.col)} ${c.header}` };
      const name = c.header.split(" ")[0];
      const formula = next !== null && typeof next === "object" && "f" in next;
      if (formula && c.formula === false) {
        // A value the pane wrote for a formula into a sheet written in part (paging) equals the formula's result.
        if (isBlankCell(c.value) || sameValue(c.value, next.v as Cell)) continue;
        out.push(
          problem("warning", "board.formula.overwritten", where, shown(c.value),
            `上次生成的「${sheet.name}」中编号 ${id} 的「${name}」是公式，被改成了「${shown(c.value)}」：重新生成时写回公式（现为 ${shown(next.v as Cell)}），手填的值不保留；要改实发请在「调整」填差额并写「备注」`,
            `"${c.header}" of id ${id} on the previous "${sheet.name}" is a formula that was overwritten with "${shown(c.value)}": the rebuild writes the formula again (now ${shown(next.v as Cell)}) and the typed value is not kept; to change pay, put the difference in the Adjustment column with a remark`),
        );
        continue;
      }
      const edit = sheet.columns[at].handEdit;
      // A value cell the previous board held as a formula is its result, not the manager's typing.
      if (!edit || (!formula && c.formula === true)) continue;
      // A formula result of 0 or blank is also what a formula not calculated yet reads as (manual
      // calculation after the pane wrote it): no sign of an edit.
      if (formula && (isBlankCell(c.value) || c.value === 0)) continue;
      const now = specValue(next);
      if (isBlankCell(c.value) ? isBlankCell(now) || now === 0 : sameValue(c.value, now)) continue;
      if (!sameGrounds(edit.grounds, cells, row, colAt)) continue;
      const use = edit.use.map((k) => sheet.columns[colAt.get(k) ?? -1]?.header).filter((h): h is string => h !== undefined);
      const typed = isBlankCell(c.value) ? "" : shown(c.value);
      const grounds = edit.grounds.map((k) => sheet.columns[colAt.get(k)!].header);
      const groundsZh = grounds.map((h) => h.split(" ")[0]).join("、");
      const useZh = use.map((h) => `「${h.split(" ")[0]}」`).join("和");
      const useEn = use.map((h) => `"${h}"`).join(" and ");
      // A formula's result that moved while its reasons did not: a cell it reads was edited by hand
      // (回款 in 订单明细, a day in 考勤明细), sheets every build writes afresh from the exports.
      out.push(
        formula
          ? problem("warning", "board.value.overwritten", where, typed,
              `上次生成的「${sheet.name}」中编号 ${id} 的「${name}」（公式）结果是「${typed || "（空）"}」，本次按导出为 ${shown(now) || "（空）"}：它的依据（${groundsZh}）没有变，应是手改了它引用的明细表（${edit.from ?? "明细表"}）。明细表每次生成都按导出重写，手改不保留；要改请写在${useZh}`,
              `"${c.header}" of id ${id} on the previous "${sheet.name}" (a formula) came to "${typed}"; from the exports it is ${shown(now) || "blank"}. Its grounds (${grounds.join(", ")}) are unchanged, so a detail sheet it reads (${edit.from ?? "a detail sheet"}) was most likely edited by hand; those are rewritten from the exports on every build and a hand edit is not kept: use ${useEn} instead`)
          : problem("warning", "board.value.overwritten", where, typed,
              `上次生成的「${sheet.name}」中编号 ${id} 的「${name}」是「${typed || "（空）"}」，本次按导出写入 ${shown(now) || "（空）"}：它的依据（${groundsZh}）没有变：若不是改了「规则」表，应是手改的。报表自己的数每次生成都重算，手改不保留；要改请写在${useZh}`,
              `"${c.header}" of id ${id} on the previous "${sheet.name}" held "${typed}"; the rebuild writes ${shown(now) || "a blank"} from the exports. Its grounds (${grounds.join(", ")}) are unchanged: unless the rules sheet was changed, it was changed by hand; the report's own figures are recomputed on every build and a hand edit is not kept: use ${useEn} instead`),
      );
    }
  }
  return out;
}

/**
 * Whether the cells that explain a figure read the same on the previous board and in this build.
 * At least one must hold something: with no reasons written either time there is nothing to tell
 * a typed figure from a changed source by.
 */
function sameGrounds(grounds: readonly string[], old: readonly BoardCell[], row: readonly SpecCell[], colAt: ReadonlyMap<string, number>): boolean {
  let said = false;
  for (const key of grounds) {
    const before = old.find((x) => x.key === key);
    const at = colAt.get(key);
    if (!before || at === undefined || before.formula === true) return false;
    const now = specValue(row[at]);
    if (shown(before.value) !== shown(now)) return false;
    if (!isBlankCell(now)) said = true;
  }
  return said;
}

export interface FinishHooks {
  /**
   * 订单明细's rows, as soon as the build knows them (before the reconciliation, the pay and the
   * sheets): the command line writes them in a worker thread while the build goes on.
   */
  onCounted?: (sheet: CountedSheet) => void;
}

/** Computes the month of a plan with the previous board's manager values, and lays out the sheets. */
export function finishBuild(plan: BuildPlan, extra: Pick<BuildInput, "board" | "previous"> & Pick<BuildOptions, "lean" | "afterOrders"> & FinishHooks = {}): BuildOutcome {
  const board = extra.board ? readBoard(extra.board) : null;
  const options: BuildOptions = {
    month: plan.month,
    manager: board?.state ?? {},
    importProblems: [...plan.problems, ...(board?.problems ?? [])],
  };
  if (extra.previous !== undefined) options.previous = extra.previous;
  if (extra.lean) options.lean = true;
  if (extra.afterOrders) options.afterOrders = extra.afterOrders;
  const onCounted = extra.onCounted;
  if (onCounted) options.onCounted = (cols) => onCounted(countedSheet(cols, plan.rules));
  const report = buildMonth(plan.data, plan.rules, options);
  if (board) {
    const ids = rowIds(report);
    for (const [key, values] of board.values) {
      const have = ids.get(key);
      const gone = [...values.keys()].filter((id) => !have?.has(id));
      if (gone.length === 0) continue;
      const sheet = key === "penalties" ? SHEET_NAMES.penalties.name : SHEET_NAMES.commission.name;
      const shown = gone.slice(0, 10).join(", ") + (gone.length > 10 ? " …" : "");
      report.problems.push(
        problem("warning", "manager.removed", { file: extra.board!.file, sheet }, shown,
          `「${sheet}」中有 ${gone.length} 行主管填写的内容，其来源已不存在，保留在表末的「已移除」区，不再计入`,
          `${gone.length} manager entries on "${sheet}" no longer match a source row; they are kept in the Removed block at the end and no longer count`),
      );
    }
  }
  let built = buildWorkbookSpec(report);
  if (board) {
    const changed = built.sheets.flatMap((s) => overwrittenCells(s, board.cells.get(s.key), extra.board!.file));
    // Rare (the manager typed over the report), so the sheets are laid out again only then, for 问题 to list them.
    if (changed.length > 0) {
      report.problems.push(...changed);
      built = buildWorkbookSpec(report);
    }
  }
  let removed = 0;
  const sheets = built.sheets.map((s) => {
    const previous = board?.values.get(s.key);
    if (!previous || previous.size === 0) return s;
    // The manager's own columns go after the report's: no formula's column letter moves.
    const extra = board?.extra.get(s.key) ?? [];
    const carried = carryManagerValues(extra.length > 0 ? { ...s, columns: [...s.columns, ...extra] } : s, previous);
    removed += carried.removed;
    return carried.spec;
  });
  const spec: WorkbookSpec = { ...built, sheets };
  return { month: report.month, report, spec, removed, problems: report.problems, summary: { ...summarise(report, spec), shops: plan.shops ?? [] } };
}

/**
 * The whole build: sources, rules, previous board and month in; report, sheets, problems and
 * summary out. Throws KefuError when the build is refused.
 * @example const { spec, summary } = buildBoard({ sources, month: null, rules: null, board: null });
 */
export function buildBoard(input: BuildInput): BuildOutcome {
  return finishBuild(planBuild(input), input);
}
