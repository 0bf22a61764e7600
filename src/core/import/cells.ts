/**
 * Cell cleaning (单元格清洗), shared by every importer.
 *
 * Exports come from many tools and carry their quirks into cells: ids wrapped as `="2873…"`,
 * a leading `'` or tab, money as `12.50元` or `¥1,234`, full-width digits, dates in five text
 * forms or as Excel serials, times past midnight as `24:10` or `次日 00:55`.
 *
 * Two layers:
 * - the contract functions (`parseOrderId`, `parseMoney`, `parseDateTime`, `parseDate`,
 *   `parseTimeOfDay`) answer with a value or `null`;
 * - the `read*` functions used by importers tell "blank" (`null`) from "unreadable" (`NaN`),
 *   so a bad cell becomes a located problem. They return numbers, not objects: an importer calls
 *   them millions of times and a sentinel costs nothing.
 */
import type { Cents, DateStr, Minutes, WallTime } from "../model";
import type { Cell } from "./types";

const DAY_MS = 86_400_000;
/** Shops run on China Standard Time (UTC+8, no daylight saving): epoch values are instants. */
const SHOP_OFFSET_MS = 8 * 3_600_000;

/** Full-width ASCII (！ to ～) and the ideographic space → their half-width forms. */
export function toHalfWidth(s: string): string {
  let needs = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000 || c === 0xffe5) {
      needs = true;
      break;
    }
  }
  if (!needs) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else if (c === 0xffe5) out += "¥";
    else out += s[i];
  }
  return out;
}

/**
 * A copy of `s` that does not keep alive the big text it was sliced from. V8 represents a
 * slice of 13+ characters as a view on its parent; a streamed CSV chunk is megabytes, so one
 * kept slice per order would keep the whole decoded file in memory.
 */
export function detach(s: string): string {
  const n = s.length;
  if (n < 13) return s; // V8 copies short slices already
  if (n > 1024) return (" " + s).slice(1); // rare; flattening a cons copies it
  // A fresh flat string, one byte per character when the text allows (ids, tracking numbers):
  // 40 bytes for a 19-digit id instead of 88 for a flattened cons and its slice.
  // One code array per length, filled and never resized (a length write per call cost ~4% of a read).
  const codes = DETACH_CODES[n] ?? (DETACH_CODES[n] = new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) codes[i] = s.charCodeAt(i);
  return String.fromCharCode.apply(null, codes);
}
const DETACH_CODES: number[][] = [];

/** Cell → trimmed text ("" for blank). Numbers print as JavaScript does. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell.trim();
  if (cell instanceof Date) return isNaN(cell.getTime()) ? "" : formatWallTime(cell.getTime());
  return String(cell);
}

export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

// ───────────────────────────── order ids ─────────────────────────────

export type OrderIdResult =
  | { ok: true; id: string }
  | { ok: false; zh: string; en: string; reason: "empty" | "mangled" | "invalid" | "several" };

const MANGLED_ZH = "订单编号已被表格软件转成数字（科学计数法或小数），末尾数字已丢失，无法还原，不做猜测；请导出为文本（如 =\"2873…\"）";
const MANGLED_EN =
  "the order id was turned into a number (scientific notation or a decimal) by a spreadsheet; its last digits are gone and are not guessed; export it as text (e.g. =\"2873…\")";

/**
 * 订单编号 → exact digits. Accepts `="2873…"`, `'2873…`, a tab prefix, spaces and full-width
 * digits; expects 16–19 digits. A number cell of 16+ digits cannot hold them exactly (a double
 * has 15–17 significant digits), so every numeric id ≥ 1e15 is reported as mangled.
 *
 * @example parseOrderId('="2873190462331523456"') // {ok: true, id: "2873190462331523456"}
 * @example parseOrderId(2.873e18) // {ok: false, zh: "…已丢失…", en: "…digits are gone…"}
 */
export function parseOrderId(cell: Cell | undefined): OrderIdResult {
  if (typeof cell === "number") {
    if (!isFinite(cell) || Math.abs(cell) >= 1e15 || !Number.isInteger(cell)) {
      return { ok: false, zh: MANGLED_ZH, en: MANGLED_EN, reason: "mangled" };
    }
    return badId();
  }
  if (cell === null || cell === undefined || typeof cell === "boolean" || cell instanceof Date) {
    return cell === null || cell === undefined
      ? { ok: false, zh: "订单编号为空", en: "the order id is empty", reason: "empty" }
      : badId();
  }
  const id = cleanIdText(cell);
  if (id === "") return { ok: false, zh: "订单编号为空", en: "the order id is empty", reason: "empty" };
  if (isDigits(id) && id.length >= 16 && id.length <= 19) return { ok: true, id: detach(id) };
  const several = severalIds(cell);
  if (several > 1) {
    return {
      ok: false,
      zh: `一格里有 ${several} 个订单编号（ERP 把几笔订单合成一单发货？），金额无法分到各单；请导出合单前的订单，或淘宝/天猫后台的订单报表`,
      en: `the cell holds ${several} order ids (orders the ERP merged into one shipment?), and its amount cannot be split among them; export the orders before they were merged, or Taobao/Tmall's own order report`,
      reason: "several",
    };
  }
  if (isDigits(id)) return badId();
  if (/^[+-]?\d+(\.\d+)?[eE][+-]?\d+$/.test(id) || /^\d+\.\d*$/.test(id)) {
    return { ok: false, zh: MANGLED_ZH, en: MANGLED_EN, reason: "mangled" };
  }
  return badId();
}

/** How many order ids a cell lists ("2873…,2873…", "2873… 2873…"): 0 unless every part is one. */
function severalIds(raw: string): number {
  return idsInCell(raw).length;
}

/**
 * The order ids a cell lists (an ERP's merged order: "2873…,2873…"), or none unless every part is one.
 * @example idsInCell("2873190462331523456,2873190462331523457") // ["2873190462331523456", "2873190462331523457"]
 */
export function idsInCell(raw: string): string[] {
  const parts = raw.split(/[\s,，;；、|/]+/).map(cleanIdText).filter((p) => p !== "");
  return parts.every((p) => isDigits(p) && p.length >= 16 && p.length <= 19) ? parts.map((p) => detach(p)) : [];
}

function badId(): OrderIdResult {
  return {
    ok: false,
    zh: "订单编号应为16到19位数字",
    en: "an order id should be 16 to 19 digits",
    reason: "invalid",
  };
}

/** Strips the wrappers exports put around ids and codes: `="…"`, `'`, tabs, spaces. */
export function cleanIdText(raw: string): string {
  let s = raw;
  // Fast paths: plain digits, and Taobao's ="2873…", the common cases in a million-row file.
  if (isDigits(s)) return s;
  if (s.length > 3 && s.charCodeAt(0) === 61 && s.charCodeAt(1) === 34 && s.charCodeAt(s.length - 1) === 34) {
    const inner = s.slice(2, -1);
    if (isDigits(inner)) return inner;
  }
  s = toHalfWidth(s).replace(/[\s\u00a0\u200b\ufeff]+/g, "");
  if (s.startsWith("=")) s = s.slice(1);
  while (s.startsWith("'")) s = s.slice(1);
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1);
  return s;
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

// ───────────────────────────── money ─────────────────────────────

/** Texts that mean "no amount" in a money column: 无退款申请 is Taobao's refund placeholder. */
const ZERO_MONEY = new Set(["无退款申请", "无", "-", "--", "—", "无退款"]);

/**
 * Money cell → cents; `null` when blank; `NaN` when unreadable (for a located problem).
 * Accepts ¥/￥/元/RMB, thousands separators, full-width digits, a leading minus or
 * parentheses for negatives. Rounds half away from zero at the cent, on the digits (no float drift).
 */
export function readMoney(cell: Cell | undefined): number | null {
  if (cell === null || cell === undefined) return null;
  // Beyond 10^13 yuan is not money (the text path has the same limit), and would overflow to Infinity cents.
  if (typeof cell === "number") return isFinite(cell) && Math.abs(cell) < 1e13 ? Math.round(cell * 100 + (cell >= 0 ? 1e-9 : -1e-9)) : NaN;
  if (typeof cell !== "string") return NaN;
  let s = cell.trim();
  if (s === "") return null;
  // Fast path for "123.45" and "123": the bulk of a million rows.
  const fast = decimalToCents(s);
  if (!isNaN(fast)) return fast;
  // Taobao's 退款金额 of an order never refunded: 无退款申请 on most rows (as written, what the
  // normalising below would leave it).
  if (ZERO_MONEY.has(s)) return 0;
  s = toHalfWidth(s).replace(/[\s\u00a0]+/g, "");
  if (ZERO_MONEY.has(s)) return 0;
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith("-") || s.startsWith("−")) {
    negative = !negative;
    s = s.slice(1);
  }
  s = s.replace(/^(¥|￥|RMB|CNY|人民币)/i, "").replace(/(元|RMB|CNY)$/i, "");
  if (s.startsWith("-") && !negative) {
    negative = true;
    s = s.slice(1);
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  const cents = decimalToCents(s);
  if (isNaN(cents)) return NaN;
  return negative ? -cents : cents;
}

/** "1234.565" → 123457 exactly; NaN unless plain digits with an optional fraction. */
function decimalToCents(s: string): number {
  let i = 0;
  const n = s.length;
  let neg = false;
  if (n > 0 && s.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
  }
  let whole = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return NaN;
    whole = whole * 10 + (c - 48);
    digits++;
  }
  let frac = 0;
  let fracDigits = 0;
  let roundUp = false;
  if (i < n) {
    i++; // the dot
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return NaN;
      if (fracDigits < 2) frac = frac * 10 + (c - 48);
      else if (fracDigits === 2) roundUp = c >= 53;
      fracDigits++;
    }
    if (fracDigits === 1) frac *= 10;
  }
  if (digits === 0 && fracDigits === 0) return NaN;
  if (digits > 13) return NaN; // beyond 10^13 yuan is not money, it is a mangled id
  const cents = whole * 100 + frac + (roundUp ? 1 : 0);
  return neg ? -cents : cents;
}

/**
 * 金额 → cents, or null (blank or unreadable; importers use `readMoney` to tell them apart).
 * `无退款申请` → 0.
 * @example parseMoney("¥1,234.50") // 123450
 * @example parseMoney("12.50元") // 1250
 */
export function parseMoney(cell: Cell | undefined): Cents | null {
  const v = readMoney(cell);
  return v === null || isNaN(v) ? null : v;
}

/**
 * A count or a measure (询单人数, 响应时长(秒), 满意率). `null` blank, `NaN` unreadable.
 * Thousands separators, full-width digits and a trailing unit (秒, s, 人, 单, 个, 次) are accepted.
 */
export function readNumber(cell: Cell | undefined): number | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "number") return isFinite(cell) ? cell : NaN;
  if (typeof cell !== "string") return NaN;
  let s = cell.trim();
  if (s === "") return null;
  s = toHalfWidth(s).replace(/[\s\u00a0]+/g, "");
  if (s === "-" || s === "--") return null;
  s = s.replace(/(秒|s|人|单|个|次|天|分钟|min)$/i, "");
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return NaN;
  return Number(s);
}

/** A rate: `95.00%`, `0.95` or `95` → 0.95; `inPercent` (a 「(%)」 header): a bare `0.8` → 0.008. `null` blank, `NaN` unreadable. */
export function readRate(cell: Cell | undefined, inPercent = false): number | null {
  if (typeof cell === "string") {
    const s = toHalfWidth(cell).trim();
    if (s.endsWith("%")) {
      const v = readNumber(s.slice(0, -1));
      return v === null ? NaN : v / 100;
    }
  }
  const v = readNumber(cell);
  if (v === null || isNaN(v)) return v;
  // Under a 「(%)」 header a bare number is in percent (0.8 = 0.8 %); else 12.5 is taken for 12.5 %.
  if (inPercent) return v / 100;
  return v > 1 && v <= 100 ? v / 100 : v;
}

/** Texts a manager writes in a figure cell for "no figure". */
export const NO_FIGURE = /^(-+|—+|－+|\/|／|无)$/;

const RE_DURATION = /^(?:(\d+(?:\.\d+)?)(?:小时|时|h))?(?:(\d+(?:\.\d+)?)(?:分钟|分|min|m))?(?:(\d+(?:\.\d+)?)(?:秒钟|秒|s|sec))?$/i;
const RE_CLOCK_DURATION = /^(?:(\d{1,2}):)?(\d{1,3}):(\d{2})$/;

/**
 * A response time (平均响应时长, 首次响应时长) → seconds; `null` blank or "none" (-, —, /);
 * `NaN` unreadable. Chat tools and managers write it many ways: `83`, `83秒`, `1分23秒`,
 * `1.38分钟`, `00:01:23` or `01:23` (minutes and seconds: no reply takes hours), or an Excel
 * time cell. A bare number is in the column's unit: `perUnit` seconds (60 under a 「(分钟)」
 * header), so a column of minutes is never read as seconds.
 * @example readSeconds("1分23秒") // 83
 * @example readSeconds("1.38", 60) // 82.8
 */
export function readSeconds(cell: Cell | undefined, perUnit = 1): number | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) {
    // A time-only cell (Excel day 0) is a duration; one with a calendar day is no response time.
    if (hasDatePart(cell) || isNaN(cell.getTime())) return NaN;
    return Math.round((((cell.getTime() / 1000) % 86400) + 86400) % 86400);
  }
  if (typeof cell === "number") return isFinite(cell) ? inUnit(cell, perUnit) : NaN;
  if (typeof cell !== "string") return NaN;
  const s = toHalfWidth(cell).replace(/[\s\u00a0]+/g, "");
  if (s === "" || NO_FIGURE.test(s)) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return inUnit(Number(s), perUnit);
  const c = RE_CLOCK_DURATION.exec(s);
  if (c) return +c[3] > 59 || (c[1] !== undefined && +c[2] > 59) ? NaN : (c[1] ? +c[1] * 3600 : 0) + +c[2] * 60 + +c[3];
  const d = RE_DURATION.exec(s);
  if (!d || (d[1] === undefined && d[2] === undefined && d[3] === undefined)) return NaN;
  return centiRound((d[1] ? +d[1] * 3600 : 0) + (d[2] ? +d[2] * 60 : 0) + (d[3] ? +d[3] : 0));
}

/** Seconds to the hundredth: 1.38 minutes is 82.8 s, not 82.80000000000001. */
function centiRound(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A bare number in seconds: as written when the unit is seconds, converted otherwise. */
function inUnit(v: number, perUnit: number): number {
  return perUnit === 1 ? v : centiRound(v * perUnit);
}

// ───────────────────────────── dates and times ─────────────────────────────

/** Excel's day 0 is 1899-12-31, and it counts a 1900-02-29 that never was (serial 60). */
const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 31);
/** 1899-12-30, where a time-only cell lands (serial 0 as most readers convert it). */
const EXCEL_DAY0 = Math.floor(Date.UTC(1899, 11, 30) / DAY_MS);
const EXCEL_MAX_SERIAL = 2_958_466; // 9999-12-31
/** 1900-01-01, the first day a date cell can mean. */
const FIRST_DAY_MS = Date.UTC(1900, 0, 1);

/** Excel serial (1900 system) → WallTime; NaN for serial 60 (the fake 1900-02-29) or out of range. */
export function excelSerialToWallTime(serial: number): number {
  if (!isFinite(serial) || serial < 1 || serial >= EXCEL_MAX_SERIAL) return NaN;
  const day = Math.floor(serial);
  if (day === 60) return NaN;
  const days = day > 60 ? day - 1 : day;
  const ms = Math.round((serial - day) * DAY_MS / 1000) * 1000;
  return EXCEL_EPOCH_1900 + days * DAY_MS + ms;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(y: number, m: number): number {
  if (m !== 2) return MONTH_DAYS[m - 1];
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/** Days from 1970-01-01 to a civil date (H. Hinnant's algorithm): integer maths, no Date. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function wall(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) return NaN;
  if (!(h <= 23 && mi <= 59 && s <= 59)) return NaN;
  if (!(y >= 1900 && y <= 9999)) return NaN;
  return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000;
}

const RE_YMD =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:[T ]|\s)\s*(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?)?$/;
const RE_COMPACT = /^(\d{4})(\d{2})(\d{2})(?:\s*(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/;
/** DingTalk's 日期 column: `26-10-01 星期四` (two-digit year, weekday). */
const RE_DINGTALK = /^(\d{2})-(\d{1,2})-(\d{1,2})(?:\s*(?:星期|周)[一二三四五六日天])?$/;
const RE_DMY_US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Any date-time cell → WallTime; `null` blank; `NaN` unreadable.
 * Text: `2026-10-03 14:05:09`, `2026/10/3 14:05`, `2026年10月3日 14:05`, `20261003`,
 * `2026.10.03`, `26-10-01 星期四`, `13/10/2026` or `10/13/2026` (day and month told apart by
 * a number above 12; `01/10/2026` alone is unreadable), epoch milliseconds (DingTalk workDate, an
 * instant in UTC+8); a JS Date (xlsx, wall clock as UTC); a number is an Excel serial (or epoch
 * ms when huge). Any of them outside PLAUSIBLE_YEARS is unreadable (`implausibleYear` says why).
 */
export function readDateTime(cell: Cell | undefined): number | null {
  const t = readAnyDateTime(cell);
  // NaN and null fall through unchanged; a readable date outside the window becomes unreadable.
  return t !== null && !(t >= PLAUSIBLE_FROM && t < PLAUSIBLE_UNTIL) ? NaN : t;
}

/**
 * The years a date in these exports can carry: 2000–2099. Taobao opened in 2003 (Tmall 2008,
 * DingTalk 2014), so no order, chat, punch or complaint of a shop using them is older; and 2100
 * is no month a manager builds. What lies outside is a placeholder or a slip — 1900-01-01 (an
 * empty date cell styled as a date, Excel serial 1), 9999-12-31 (an ERP's "never"), a small
 * number in a date column — and read as a date it would put a row in no month at all, or make
 * the month picker choose 9999-12. Roster dates share the window: a hire date before 2000 gives
 * the same pay as 2000-01-01 (a whole month employed, 12 months' service), so nothing is lost by
 * asking for one.
 */
export const PLAUSIBLE_YEARS = { from: 2000, to: 2099 } as const;
const PLAUSIBLE_FROM = Date.UTC(PLAUSIBLE_YEARS.from, 0, 1);
const PLAUSIBLE_UNTIL = Date.UTC(PLAUSIBLE_YEARS.to + 1, 0, 1);

/** Whether a WallTime lies in PLAUSIBLE_YEARS (a NaN does not). */
export function plausibleTime(t: number): boolean {
  return t >= PLAUSIBLE_FROM && t < PLAUSIBLE_UNTIL;
}

/**
 * The year of a cell that reads as a date outside PLAUSIBLE_YEARS; null for any other cell
 * (blank, unreadable, or a plausible date). Asked only once a cell was refused, to say why.
 * @example implausibleYear("9999-12-31 23:59:59") // 9999
 */
export function implausibleYear(cell: Cell | undefined): number | null {
  const t = readAnyDateTime(cell);
  return t === null || isNaN(t) || plausibleTime(t) ? null : new Date(t).getUTCFullYear();
}

/** readDateTime without the year window (a clock time read from a date-time text needs no year). */
function readAnyDateTime(cell: Cell | undefined): number | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) {
    const t = cell.getTime();
    // Before 1900-01-01 is no date an export means: a date-styled 0 or −1 (Excel shows ######),
    // or a time without its day. Unreadable, so it is reported, not filed under 1899.
    return isNaN(t) || t < FIRST_DAY_MS ? NaN : Math.round(t / 1000) * 1000;
  }
  if (typeof cell === "number") {
    if (cell > 1e11 && cell < 1e14) return Math.round(cell) + SHOP_OFFSET_MS;
    return excelSerialToWallTime(cell);
  }
  if (typeof cell !== "string") return NaN;
  let s = cell;
  // Fast path: "2026-10-03 14:05:09", what Taobao writes a million times.
  if (s.length === 19 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(13) === 58) {
    const t = wall(
      num2(s, 0, 4), num2(s, 5, 7), num2(s, 8, 10), num2(s, 11, 13), num2(s, 14, 16), num2(s, 17, 19),
    );
    if (!isNaN(t) && s.charCodeAt(10) === 32 && s.charCodeAt(16) === 58) return t;
  }
  s = s.trim();
  if (s === "") return null;
  // A weekday after the date (DingTalk: "2026-10-01 星期四", "2026/10/01(四)") says nothing more.
  s = toHalfWidth(s).replace(/\s*(?:(?:星期|周)[一二三四五六日天]|\([一二三四五六日天]\))$/, "");
  let m = RE_YMD.exec(s);
  if (m) return wall(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  if (/^\d{13}$/.test(s)) return Number(s) + SHOP_OFFSET_MS;
  if (/^\d{10}$/.test(s) && s.startsWith("1")) return Number(s) * 1000 + SHOP_OFFSET_MS;
  m = RE_COMPACT.exec(s);
  if (m) return wall(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  m = RE_DINGTALK.exec(s);
  if (m) return wall(2000 + +m[1], +m[2], +m[3], 0, 0, 0);
  m = RE_DMY_US.exec(s);
  if (m) {
    // `13/10/2026` and `10/13/2026` read one way only; `01/10/2026` is unreadable on its own
    // (the orders importer decides it by the file's other rows: SheetContext.dateTime).
    const h = m[4] ? +m[4] : 0;
    const monthFirst = wall(+m[3], +m[1], +m[2], h, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
    const dayFirst = wall(+m[3], +m[2], +m[1], h, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
    if (isNaN(dayFirst) || monthFirst === dayFirst) return monthFirst;
    return isNaN(monthFirst) ? dayFirst : NaN;
  }
  if (/^\d+(\.\d+)?$/.test(s)) return excelSerialToWallTime(Number(s));
  return NaN;
}

/**
 * A `a/b/yyyy` text date read both ways: `monthFirst` (a = month, as US exports write it) and
 * `dayFirst` (a = day); each NaN when impossible that way. null when the cell is not that form.
 * `01/10/2026` is both 10 January and 1 October: the importer decides by the file's other rows.
 * @example slashDateForms("13/10/2026") // { monthFirst: NaN, dayFirst: <2026-10-13> }
 */
export function slashDateForms(cell: Cell | undefined): { monthFirst: number; dayFirst: number } | null {
  if (typeof cell !== "string") return null;
  // Asked of every date cell of every order: the form needs a slash (／ becomes one), most cells have none.
  if (cell.indexOf("/") < 0 && cell.indexOf("／") < 0) return null;
  const m = RE_DMY_US.exec(toHalfWidth(cell.trim()));
  if (!m) return null;
  const [h, mi, sec] = [m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0];
  const monthFirst = wall(+m[3], +m[1], +m[2], h, mi, sec);
  const dayFirst = wall(+m[3], +m[2], +m[1], h, mi, sec);
  return { monthFirst: plausibleTime(monthFirst) ? monthFirst : NaN, dayFirst: plausibleTime(dayFirst) ? dayFirst : NaN };
}

/** Digits s[a..b) as a number; NaN when any is not a digit. */
function num2(s: string, a: number, b: number): number {
  let v = 0;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/** 日期时间 → WallTime or null (blank or unreadable). @example parseDateTime("2026/10/3 14:05") */
export function parseDateTime(cell: Cell | undefined): WallTime | null {
  const v = readDateTime(cell);
  return v === null || isNaN(v) ? null : v;
}

/** 日期 → "YYYY-MM-DD" or null. @example parseDate("26-10-01 星期四") // "2026-10-01" */
export function parseDate(cell: Cell | undefined): DateStr | null {
  const v = readDateTime(cell);
  return v === null || isNaN(v) ? null : dateOf(v);
}

/** WallTime → its calendar day. */
export function dateOf(t: WallTime): DateStr {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** "YYYY-MM-DD" → WallTime of its midnight. */
export function dayStart(date: DateStr): WallTime {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
}

export function formatWallTime(t: WallTime): string {
  const d = new Date(t);
  return `${dateOf(t)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

const RE_TIME = /^(次日|第二天|\+1)?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})\s*秒?)?$/;

/**
 * Time of day → minutes after midnight; `null` blank; `NaN` unreadable. Seconds are dropped.
 * `08:31`, `8:31:05`, `24:10` (→ 1450, the next day), `次日 00:55` (→ 1495, DingTalk's
 * night-shift clock-out), an Excel fraction (0.354… → 510), a Date (its clock time), or a
 * date-time text (its clock time).
 */
export function readTimeOfDay(cell: Cell | undefined): number | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) {
    const t = cell.getTime();
    if (isNaN(t)) return NaN;
    const secs = Math.round(t / 1000);
    return Math.floor((((secs % 86400) + 86400) % 86400) / 60);
  }
  if (typeof cell === "number") {
    if (!isFinite(cell) || cell < 0) return NaN;
    const secs = Math.round((cell - Math.floor(cell)) * 86400);
    return Math.floor(secs / 60) % 1440;
  }
  if (typeof cell !== "string") return NaN;
  const s = toHalfWidth(cell).trim();
  if (s === "") return null;
  const m = RE_TIME.exec(s);
  if (m) {
    const h = +m[2];
    const mi = +m[3];
    const sec = m[4] ? +m[4] : 0;
    if (mi > 59 || sec > 59 || h > 47) return NaN;
    return (m[1] ? 1440 : 0) + h * 60 + mi;
  }
  // DingTalk sometimes notes how a punch was made: "08:31(外勤)", "次日 00:55（补卡）".
  const noted = /^((?:次日|第二天)?\s*\d{1,2}\s*:\s*\d{1,2}(?:\s*:\s*\d{1,2})?)\s*\(.*\)$/.exec(s);
  if (noted) return readTimeOfDay(noted[1]);
  if (/^0?\.\d+$/.test(s)) return readTimeOfDay(Number(s));
  const t = readAnyDateTime(s);
  if (t === null || isNaN(t)) return NaN;
  // Before 1970 a WallTime is negative, and so is its remainder.
  return Math.floor((((t % DAY_MS) + DAY_MS) % DAY_MS) / 60000);
}

/**
 * Why a cell that readTimeOfDay reads holds no time of day, or null when it holds one (or is
 * blank or unreadable). An hour typed as a number — 9 or "0930" for 09:00, 8.5 for 08:30 — is an
 * Excel date of 1900 (00:00, or noon for .5) to readTimeOfDay: "hour". A date without a clock
 * ("2024-01-05", "20240105") is a day, not a punch: "dateOnly". Either would be judged as a punch
 * at 00:00 or 12:00 — on time, or hours late — without a word.
 * @example timeOfDayMissing(9) // "hour"
 * @example timeOfDayMissing("2024-01-05") // "dateOnly"
 * @example timeOfDayMissing(0.375) // null (09:00)
 */
export function timeOfDayMissing(cell: Cell | undefined): "hour" | "dateOnly" | null {
  let n: number | null = typeof cell === "number" ? cell : null;
  if (typeof cell === "string") {
    const s = toHalfWidth(cell).trim();
    if (/\d\s*[:：时]\s*\d/.test(s) || /^0?\.\d+$/.test(s)) return null;
    if (/^\d+(\.\d+)?$/.test(s)) n = Number(s);
    else {
      const m = readTimeOfDay(s);
      return m === null || isNaN(m) ? null : "dateOnly";
    }
  }
  if (n === null || !isFinite(n) || n < 1) return null;
  // A serial from PLAUSIBLE_YEARS on is a real date-time; before it, no export's date.
  if (!plausibleTime(excelSerialToWallTime(Math.floor(n)))) return "hour";
  return typeof cell === "string" && Number.isInteger(n) ? "dateOnly" : null;
}

/** 时间 → Minutes or null. @example parseTimeOfDay("24:10") // 1450 */
export function parseTimeOfDay(cell: Cell | undefined): Minutes | null {
  const v = readTimeOfDay(cell);
  return v === null || isNaN(v) ? null : v;
}

/** Whether a time cell carries its own calendar date (then it is a moment, not a time of day). */
export function hasDatePart(cell: Cell | undefined): boolean {
  if (cell instanceof Date) {
    // A time-only xlsx cell reads as a Date on Excel's day 0 (1899-12-30 or -31): no date part.
    const day = Math.floor(cell.getTime() / DAY_MS);
    return day !== EXCEL_DAY0 && day !== EXCEL_DAY0 + 1 && day !== 0;
  }
  if (typeof cell === "number") return cell >= 1;
  if (typeof cell === "string") return /^\s*\d{4}\s*[-/.年]|^\s*\d{8}\s+\d/.test(toHalfWidth(cell));
  return false;
}

// ───────────────────────────── text ─────────────────────────────

const statusCache = new Map<string, string>();

/**
 * 订单状态 normalised: trimmed, a half-width comma turned full-width (`卖家已发货,等待买家确认`
 * → `卖家已发货，等待买家确认`), inner spaces removed. Statuses repeat, so results are shared.
 */
export function normaliseStatus(raw: Cell | undefined): string {
  if (raw === null || raw === undefined) return "";
  const key = typeof raw === "string" ? raw : String(raw);
  const hit = statusCache.get(key);
  if (hit !== undefined) return hit;
  const v = detach(key.replace(/[\s\u00a0\u3000]+/g, "").replace(/,/g, "，"));
  if (statusCache.size < 10_000) statusCache.set(detach(key), v);
  return v;
}

/** Text cell kept as written (trimmed), detached from the file text; numbers as digits. */
export function textOf(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return detach(cell.trim());
  return cellText(cell);
}

/**
 * An identifier kept as text (工号, 物流单号, phone): wrappers stripped (`="…"`, `'`, tab),
 * leading zeros kept. A number cell prints without exponent when it is an exact integer.
 */
export function codeOf(cell: Cell | undefined): string {
  return detach(codeText(cell));
}

/** codeOf's text, not yet detached: the cell itself when it holds nothing to strip. */
export function codeText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isSafeInteger(cell) ? String(cell) : String(cell);
  if (typeof cell !== "string") return cellText(cell);
  const s = cell.trim();
  if (s === "") return "";
  let t = s;
  if (t.startsWith("=\"") && t.endsWith('"')) t = t.slice(2, -1);
  while (t.startsWith("'")) t = t.slice(1);
  return t.trim();
}

/** Labels of summary lines (汇总值, 平均值, 全店汇总值, 同行同层均值, 合计 …), never agents or orders. */
const SUMMARY = /^(汇总|合计|总计|平均|均值|全店|同行|小计|total|average|sum)/i;

export function isSummaryLabel(text: string): boolean {
  // Asked of every order's id cell: one starting with a digit or = (never space) is no label.
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 61) return false;
  return SUMMARY.test(text.replace(/\s+/g, ""));
}
