/**
 * The rules sheet (规则): every number of the rules model in a sheet a manager edits in Excel,
 * and back. Chinese labels, a key column (what the reader keys on), a value column, a unit and a
 * description (zh / en); small tables for the commission tiers, the fines and the KPI weights.
 *
 * Reading is forgiving about form (`2%` or `0.02`, `08:30` or an Excel time fraction, 是/否 or
 * true/false, `1,600` or `¥1600`) and strict about meaning: an unknown key, a negative amount, a
 * rate outside its rule's plausible range (range.ts), tiers out of order or overlapping, a first tier not starting at 0 are located,
 * bilingual errors — never a silent default. Keys the sheet leaves out keep the defaults; a tier,
 * KPI table present in the sheet replaces the default table as a whole.
 *
 * Layout (columns relative to the 键 Key column, found by its header so title rows above it and
 * a shifted layout are fine): label | key | value | unit | … | description. Tables reuse the
 * columns after the key, as their section rows say. The last block, 【列名 Column names】, holds
 * the manager's names for export columns: key `column`, then source | field | header in the file.
 */
import { fieldFromWord, fieldLabel, kindFields, kindFromWord, mappingRow, type ColumnMapping } from "../import/mapping";
import type { Cell } from "../import/types";
import type { Cents, Minutes } from "../model";
import { KefuError, problem, type Problem } from "../problems";
import { unsafePattern, uselessPattern } from "./attribution";
import { defaultRules } from "./defaults";
import type { FineRule, KpiMetric, KpiWeight, RuleKey, Rules, Tier } from "./types";
import { RULE_KEYS } from "./types";
import { columnLetter, moneyCents, rateFraction, yesNo } from "../values";
import { AFFILIATE_TIER_RATE, COMMISSION_MAX_RATE, COMMISSION_MODE_WORDS, COMMISSION_TIER_RATE, tierProblems } from "./commission";
import { KPI_CAP_RANGE, KPI_METRICS, KPI_OPEN_TARGET, KPI_UNIT_WORDS, KPI_WEIGHT_RANGE } from "./kpi";
import { inRangeUnits, rangeProblem, rateRange, rangeText, type RateRange } from "./range";

export type RulesRow = (string | number)[];

/** Columns after the key column, as offsets. */
const C = { value: 1, unit: 2, e: 3, f: 4, g: 5, h: 6, desc: 7 } as const;
const WIDTH = 9; // label + key + 7
const KEY_HEADER = "键 Key";

/** Columns E–H serve the tables only (their section rows name them in full). */
export const RULES_HEADER: RulesRow = [
  "项目 Item",
  KEY_HEADER,
  "值 Value",
  "单位 Unit",
  "开除/越低越好 Dismissal/Reverse",
  "扣业绩/封顶 Credit/Cap",
  "损失阈值 Loss threshold",
  "别名 Aliases",
  "说明 Description",
];

// ---------------------------------------------------------------------------------------------
// Value kinds: how a value is written and read back.

type Kind =
  | { t: "money" }
  | { t: "rate"; range: RateRange } // a fraction, written as a percentage
  | { t: "ratio"; range: RateRange } // a fraction that may exceed 1 (performance ratio of the target)
  | { t: "optRate"; range: RateRange } // a rate or blank (= none)
  | { t: "optMoney" } // an amount or blank (= none)
  | { t: "time" }
  | { t: "int" }
  | { t: "bool" }
  | { t: "text" }
  | { t: "list" }
  | { t: "pattern" }
  | { t: "enum"; values: { value: string; written: string; accepted: readonly string[] }[] };

interface Parsed {
  ok: true;
  value: unknown;
}
interface Failed {
  ok: false;
  code: string;
  zh: string;
  en: string;
}

const fail = (code: string, zh: string, en: string): Failed => ({ ok: false, code, zh, en });
const okv = (value: unknown): Parsed => ({ ok: true, value });

/** Cleans float noise from a typed rate: 2.8 / 100 → 0.028, not 0.027999999999999997. */
const clean = (x: number): number => +x.toFixed(12);
const pct = (r: number): string => `${+(r * 100).toFixed(10)}%`;
const yuan = (c: Cents): number => c / 100;
const cents = (y: number): Cents => Math.round(y * 100);

function hhmm(m: Minutes): string {
  const v = ((m % 1440) + 1440) % 1440;
  return `${String(Math.floor(v / 60)).padStart(2, "0")}:${String(v % 60).padStart(2, "0")}`;
}

function blank(c: Cell | undefined): boolean {
  return c === null || c === undefined || (typeof c === "string" && c.trim() === "");
}

function text(c: Cell | undefined): string {
  if (c === null || c === undefined) return "";
  if (c instanceof Date) return c.toISOString();
  return String(c).trim();
}

/** A plain number from a number cell or text like "1,600", "¥1600.00", "1600元". */
function number(c: Cell | undefined): number | null {
  if (typeof c === "number") return Number.isFinite(c) ? c : null;
  if (typeof c !== "string") return null;
  const s = c.normalize("NFKC").replace(/[\s,¥￥元]/g, "");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return Number(s);
}

/** A fraction from 0.02, "0.02" or "2%": the one rate reader (values.ts). */
const fraction = (c: Cell | undefined): number | null => rateFraction(c);

/** 是 / 否 and their forms (the one yes / no reader: values.ts). */
const bool = (c: Cell | undefined): boolean | null => yesNo(c);

/** Minutes after midnight from "08:30", "8：30", an Excel time fraction or a time Date. */
function time(c: Cell | undefined): Minutes | null {
  if (c instanceof Date) return c.getUTCHours() * 60 + c.getUTCMinutes();
  if (typeof c === "number") return c >= 0 && c < 2 ? Math.round(c * 1440) : null;
  const m = /^(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*\d{2})?$/.exec(text(c).normalize("NFKC"));
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 48 && min < 60 ? h * 60 + min : null;
}

/** List items separated by 、 ; ； | or new lines (statuses themselves hold full-width commas). */
function list(c: Cell | undefined): string[] {
  return text(c)
    .split(/[、;；|\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

const EXPECT = {
  money: { zh: "不小于 0 的金额（元），如 1600", en: "an amount in yuan ≥ 0, e.g. 1600" },
  time: { zh: "时间，如 08:30", en: "a time of day, e.g. 08:30" },
  int: { zh: "不小于 0 的整数", en: "a whole number ≥ 0" },
  bool: { zh: "是 或 否", en: "是/否 (yes / no)" },
};

function parseKind(kind: Kind, c: Cell | undefined): Parsed | Failed {
  switch (kind.t) {
    case "money":
    case "optMoney": {
      if (kind.t === "optMoney" && blank(c)) return okv(null);
      // The one money reader (values.ts): "1,600", "¥1600.00", "1600元"; 1.005 yuan is 101 cents, as in every import.
      const n = moneyCents(c);
      if (n === null || Number.isNaN(n)) return fail("rules.value.invalid", `应为${EXPECT.money.zh}`, `expected ${EXPECT.money.en}`);
      if (n < 0) return fail("rules.value.negative", `金额不能为负，应为${EXPECT.money.zh}`, `an amount cannot be negative; expected ${EXPECT.money.en}`);
      return okv(n);
    }
    case "rate":
    case "optRate":
    case "ratio": {
      if (kind.t === "optRate" && blank(c)) return okv(null);
      const r = fraction(c);
      const span = rangeText(kind.range);
      if (r === null) {
        return kind.range.points
          ? fail("rules.value.invalid", `应为 ${span} 的数，如 40`, `expected a number from ${span}, e.g. 40`)
          : fail("rules.value.invalid", `应为 ${span} 的比例，如 2% 或 0.02`, `expected a rate from ${span}, e.g. 2% or 0.02`);
      }
      const v = inRangeUnits(r, kind.range, c);
      const bad = rangeProblem(v, kind.range, c);
      return bad ? fail(bad.code, bad.zh, bad.en) : okv(v);
    }
    case "time": {
      const m = time(c);
      return m === null ? fail("rules.value.invalid", `应为${EXPECT.time.zh}`, `expected ${EXPECT.time.en}`) : okv(m);
    }
    case "int": {
      const n = number(c);
      if (n === null || !Number.isInteger(n)) return fail("rules.value.invalid", `应为${EXPECT.int.zh}`, `expected ${EXPECT.int.en}`);
      if (n < 0) return fail("rules.value.negative", `不能为负，应为${EXPECT.int.zh}`, `cannot be negative; expected ${EXPECT.int.en}`);
      return okv(n);
    }
    case "bool": {
      const b = bool(c);
      return b === null ? fail("rules.value.invalid", `应为${EXPECT.bool.zh}`, `expected ${EXPECT.bool.en}`) : okv(b);
    }
    case "text": {
      const s = text(c);
      return s === "" ? fail("rules.value.invalid", "不能为空", "cannot be blank") : okv(s);
    }
    case "list":
      return okv(list(c));
    case "pattern": {
      const s = text(c);
      if (s === "") return okv(null);
      try {
        new RegExp(s, "gi");
      } catch (e) {
        return fail("rules.pattern.invalid", `不是有效的正则表达式：${(e as Error).message}`, `not a valid regular expression: ${(e as Error).message}`);
      }
      const unsafe = unsafePattern(s);
      if (unsafe) return fail("rules.pattern.unsafe", unsafe.zh, unsafe.en);
      const useless = uselessPattern(s);
      if (useless) return fail(useless.code, useless.zh, useless.en);
      return okv(s);
    }
    case "enum": {
      const s = text(c).toLowerCase();
      const hit = kind.values.find((v) => v.value === s || v.written.toLowerCase() === s || v.accepted.includes(s));
      if (hit) return okv(hit.value);
      const zh = kind.values.map((v) => v.written).join(" / ");
      const en = kind.values.map((v) => v.value).join(" / ");
      return fail("rules.value.invalid", `应为 ${zh}`, `expected ${en}`);
    }
  }
}

function writeKind(kind: Kind, v: unknown): string | number {
  switch (kind.t) {
    case "money":
      return yuan(v as Cents);
    case "optMoney":
      return v === null ? "" : yuan(v as Cents);
    case "rate":
    case "ratio":
      return pct(v as number);
    case "optRate":
      return v === null ? "" : pct(v as number);
    case "time":
      return hhmm(v as Minutes);
    case "int":
      return v as number;
    case "bool":
      return v ? "是" : "否";
    case "text":
      return v as string;
    case "list":
      return (v as string[]).join("、");
    case "pattern":
      return (v as string | null) ?? "";
    case "enum":
      return kind.values.find((x) => x.value === v)?.written ?? String(v);
  }
}

// ---------------------------------------------------------------------------------------------
// The scalar keys.

interface Scalar {
  key: string;
  label: string;
  unit: string;
  zh: string;
  en: string;
  kind: Kind;
  get(r: Rules): unknown;
  set(r: Rules, v: unknown): void;
}

interface Section {
  title: string;
  scalars: Scalar[];
}

const MONEY: Kind = { t: "money" };
/** A rate rule and its plausible range (range.ts): the range sits with the rule's definition. */
const rate = (min: number, max: number): Kind => ({ t: "rate", range: rateRange(min, max) });

function s(
  key: string,
  label: string,
  unit: string,
  kind: Kind,
  zh: string,
  en: string,
  get: (r: Rules) => unknown,
  set: (r: Rules, v: never) => void,
): Scalar {
  return { key, label, unit, kind, zh, en, get, set: set as (r: Rules, v: unknown) => void };
}

const SECTIONS: Section[] = [
  {
    title: "班次 Shifts",
    scalars: [
      s("shifts.day.label", "白班名称", "", { t: "text" }, "排班表中白班的写法", "How the schedule names the day shift", (r) => r.shifts.day.label, (r, v: string) => (r.shifts.day.label = v)),
      s("shifts.day.start", "白班上班", "时:分", { t: "time" }, "白班开始时间", "Day shift start", (r) => r.shifts.day.start, (r, v: number) => (r.shifts.day.start = v)),
      s("shifts.day.end", "白班下班", "时:分", { t: "time" }, "白班结束时间（早于上班时间即为次日）", "Day shift end (earlier than the start = next day)", (r) => r.shifts.day.end, (r, v: number) => (r.shifts.day.end = v)),
      s("shifts.night.label", "晚班名称", "", { t: "text" }, "排班表中晚班的写法", "How the schedule names the night shift", (r) => r.shifts.night.label, (r, v: string) => (r.shifts.night.label = v)),
      s("shifts.night.start", "晚班上班", "时:分", { t: "time" }, "晚班开始时间", "Night shift start", (r) => r.shifts.night.start, (r, v: number) => (r.shifts.night.start = v)),
      s("shifts.night.end", "晚班下班", "时:分", { t: "time" }, "晚班结束时间，01:00 即次日凌晨", "Night shift end; 01:00 means after midnight", (r) => r.shifts.night.end, (r, v: number) => (r.shifts.night.end = v)),
      s("shifts.graceMinutes", "迟到/早退宽限", "分钟", { t: "int" }, "上班后、下班前不算迟到/早退的分钟数", "Minutes after the start / before the end not yet late / early", (r) => r.shifts.graceMinutes, (r, v: number) => (r.shifts.graceMinutes = v)),
    ],
  },
  {
    title: "订单归属 Attribution",
    scalars: [
      s(
        "attribution.mode",
        "多个工号时",
        "",
        { t: "enum", values: [{ value: "first", written: "首个工号", accepted: ["首个", "第一个", "最先", "first"] }, { value: "last", written: "最后工号", accepted: ["最后", "最后一个", "last"] }] },
        "备注中有多个工号时归谁：首个（备注只追加，默认）或最后",
        "Which code wins when a note holds several: the first (notes are append-only; default) or the last",
        (r) => r.attribution.mode,
        (r, v: "first" | "last") => (r.attribution.mode = v),
      ),
      s("attribution.pattern", "工号匹配模式", "正则", { t: "pattern" }, "可选：在备注中找工号的正则表达式（第一个分组为工号）；留空则按花名册工号/姓名匹配", "Optional regular expression finding codes in notes (first group = code); blank = match roster codes / names", (r) => r.attribution.pattern, (r, v: string | null) => (r.attribution.pattern = v)),
      s("attribution.matchNames", "按姓名匹配", "是/否", { t: "bool" }, "备注中的花名册姓名也算归属", "Roster names in notes count too", (r) => r.attribution.matchNames, (r, v: boolean) => (r.attribution.matchNames = v)),
    ],
  },
  {
    title: "回款 Collected sales",
    scalars: [
      s(
        "sales.dateBasis",
        "计入月份依据",
        "",
        { t: "enum", values: [{ value: "paid", written: "付款时间", accepted: ["付款", "订单付款时间", "paid"] }, { value: "confirmed", written: "确认收货时间", accepted: ["确认收货", "收货", "confirmed"] }] },
        "订单按哪个时间计入月份",
        "Which date puts an order in a month",
        (r) => r.sales.dateBasis,
        (r, v: "paid" | "confirmed") => (r.sales.dateBasis = v),
      ),
      s("sales.excludeShipping", "回款不含邮费", "是/否", { t: "bool" }, "回款扣除买家应付邮费", "Collected sales exclude the buyer's shipping fee", (r) => r.sales.excludeShipping, (r, v: boolean) => (r.sales.excludeShipping = v)),
      s("sales.excludedStatuses", "不计入的状态", "用、分隔", { t: "list" }, "订单状态包含这些文字时不计入", "Statuses containing these never count", (r) => r.sales.excludedStatuses, (r, v: string[]) => (r.sales.excludedStatuses = v)),
      s("sales.onlyStatuses", "只计入的状态", "用、分隔", { t: "list" }, "填写后只计入这些状态（如 交易成功）", "When filled, only these statuses count (e.g. 交易成功)", (r) => r.sales.onlyStatuses, (r, v: string[]) => (r.sales.onlyStatuses = v)),
    ],
  },
  {
    title: "提成 Commission",
    scalars: [
      s(
        "commission.mode",
        "提成方式",
        "",
        { t: "enum", values: [{ value: "whole", written: "全额累进", accepted: COMMISSION_MODE_WORDS.whole }, { value: "marginal", written: "超额累进", accepted: COMMISSION_MODE_WORDS.marginal }] },
        "全额累进：整个回款按达到的档位比例；超额累进：每段按各自比例",
        "Whole: the whole amount at the tier reached; marginal: each slice at its own rate",
        (r) => r.commission.mode,
        (r, v: "whole" | "marginal") => (r.commission.mode = v),
      ),
      s(
        "commission.basis",
        "档位依据",
        "",
        { t: "enum", values: [{ value: "amount", written: "回款金额", accepted: ["金额", "回款", "amount"] }, { value: "count", written: "订单数", accepted: ["单数", "订单", "count"] }] },
        "档位按回款金额（元）还是订单数",
        "Tiers by collected amount (yuan) or by order count",
        (r) => r.commission.basis,
        (r, v: "amount" | "count") => (r.commission.basis = v),
      ),
      s("commission.maxRate", "比例上限", "%", { t: "optRate", range: COMMISSION_MAX_RATE }, "提成比例封顶（留空为不封顶）", "Cap on the rate (blank = none)", (r) => r.commission.maxRate, (r, v: number | null) => (r.commission.maxRate = v)),
      // Handbook: 1% of the quarter; like a tier rate, a fifth of the sales is already beyond a margin.
      s("commission.quarterlyRate", "季度提成比例", "%", rate(0, 0.2), "季度回款达标时的提成比例", "Quarterly commission rate", (r) => r.commission.quarterlyRate, (r, v: number) => (r.commission.quarterlyRate = v)),
      s("commission.quarterlyThreshold", "季度提成门槛", "元", MONEY, "季度回款达到此数才有季度提成", "Quarter's collected sales needed for the quarterly commission", (r) => r.commission.quarterlyThreshold, (r, v: number) => (r.commission.quarterlyThreshold = v)),
    ],
  },
  {
    title: "待遇 Pay",
    scalars: [
      s("pay.base", "底薪", "元/月", MONEY, "每月底薪", "Base pay per month", (r) => r.pay.base, (r, v: number) => (r.pay.base = v)),
      s("pay.lunchPerDay", "餐补", "元/天", MONEY, "每个出勤日的餐补", "Lunch allowance per day worked", (r) => r.pay.lunchPerDay, (r, v: number) => (r.pay.lunchPerDay = v)),
      s("pay.fullAttendance", "全勤奖", "元", MONEY, "无迟到、早退、旷工、缺卡、请假、病假", "No lateness, early leave, absence, missing punch, leave or sick day", (r) => r.pay.fullAttendance, (r, v: number) => (r.pay.fullAttendance = v)),
      s("pay.performanceBonus", "业绩奖", "元", MONEY, "回款达到月目标的一定比例", "Collected ≥ a share of the monthly target", (r) => r.pay.performanceBonus, (r, v: number) => (r.pay.performanceBonus = v)),
      // Handbook: 50% of the target. 100% (the whole target reached) is a legitimate bar, and so is a
      // stretch up to double the target; 5000% (a `50` meant as 50%) is not.
      s("pay.performanceRatio", "业绩奖比例", "%", { t: "ratio", range: rateRange(0, 2) }, "回款 ≥ 月目标 × 此比例 时发业绩奖", "Performance bonus when collected ≥ target × this", (r) => r.pay.performanceRatio, (r, v: number) => (r.pay.performanceRatio = v)),
      s("pay.defaultTarget", "默认月目标", "元", MONEY, "花名册未填目标时的月目标", "Monthly target when the roster gives none", (r) => r.pay.defaultTarget, (r, v: number) => (r.pay.defaultTarget = v)),
      s("pay.executionBonus", "执行奖", "元", MONEY, "当月无违规（免罚的不算）", "No violation in the month (waived ones excepted)", (r) => r.pay.executionBonus, (r, v: number) => (r.pay.executionBonus = v)),
      s("pay.positionAllowance", "职位补贴", "元", MONEY, "回款达到门槛时发放", "Paid when collected reaches the threshold", (r) => r.pay.positionAllowance, (r, v: number) => (r.pay.positionAllowance = v)),
      s("pay.positionThreshold", "职位补贴门槛", "元", MONEY, "职位补贴所需回款", "Collected sales needed for the position allowance", (r) => r.pay.positionThreshold, (r, v: number) => (r.pay.positionThreshold = v)),
    ],
  },
  {
    title: "对账 Reconciliation",
    scalars: [
      s("reconciliation.shipDeadlineHours", "发货时效", "小时", { t: "int" }, "付款后超过此时长未发货即标出", "Paid but unshipped after this many hours is flagged", (r) => r.reconciliation.shipDeadlineHours, (r, v: number) => (r.reconciliation.shipDeadlineHours = v)),
      s("reconciliation.unpaidChaseHours", "催付时长", "小时", { t: "int" }, "下单后超过此时长未付款即需催单", "Created and unpaid after this many hours: chase", (r) => r.reconciliation.unpaidChaseHours, (r, v: number) => (r.reconciliation.unpaidChaseHours = v)),
      s("reconciliation.toleranceAmount", "对账容差金额", "元", MONEY, "客服每日销售额与千牛导出相差不超过此数只显示、不标红", "A per-agent, per-day difference from the sales export up to this much is shown, not flagged", (r) => r.reconciliation.toleranceAmount, (r, v: number) => (r.reconciliation.toleranceAmount = v)),
      s("reconciliation.toleranceOrders", "对账容差单数", "单", { t: "int" }, "相差订单数不超过此数只显示、不标红", "… and up to this many orders", (r) => r.reconciliation.toleranceOrders, (r, v: number) => (r.reconciliation.toleranceOrders = v)),
    ],
  },
  {
    title: "月末工资 Month-end pay",
    scalars: [
      s(
        "pay.baseProration",
        "底薪折算",
        "",
        { t: "enum", values: [{ value: "attendance", written: "按出勤", accepted: ["出勤", "折算", "attendance"] }, { value: "none", written: "不折算", accepted: ["不", "全额", "none"] }] },
        "按出勤：底薪 × 出勤天数 ÷ 满勤天数（不超过底薪）；不折算：发全额底薪",
        "By attendance: base × days worked ÷ the month's full schedule (at most the base); none: the whole base",
        (r) => r.pay.baseProration,
        (r, v: "attendance" | "none") => (r.pay.baseProration = v),
      ),
      s("pay.probationBase", "试用期底薪", "元/月", { t: "optMoney" }, "花名册“试用期至”之前的底薪（留空同底薪）", "Base until the roster's 试用期至 (blank = the base)", (r) => r.pay.probationBase, (r, v: number | null) => (r.pay.probationBase = v)),
      s("pay.restEvery", "默认每几天休一天", "天", { t: "int" }, "考勤未写休息日时，每这么多天休一天（做六休一：7）", "Where the attendance file states no rest day: one day off in this many (6 on, 1 off: 7)", (r) => r.pay.restEvery, (r, v: number) => (r.pay.restEvery = v)),
      // Handbook: 1% of the year's sales; a fifth of them is beyond a margin, 100% never meant.
      s("pay.yearEndRate", "年终提成比例", "%", rate(0, 0.2), "12 月发：全年回款 × 此比例", "Paid in December: the year's collected × this", (r) => r.pay.yearEndRate, (r, v: number) => (r.pay.yearEndRate = v)),
      s("pay.yearEndServiceMonths", "年终提成工龄", "月", { t: "int" }, "到年底满这么多个月即可拿年终提成", "Months of service by the year's end that qualify for it", (r) => r.pay.yearEndServiceMonths, (r, v: number) => (r.pay.yearEndServiceMonths = v)),
      s("pay.yearEndThreshold", "年终提成回款门槛", "元", MONEY, "工龄不足时，全年回款达到此数也可拿", "Or, with less service, a year's collected of at least this", (r) => r.pay.yearEndThreshold, (r, v: number) => (r.pay.yearEndThreshold = v)),
      s("pay.trainerReward1", "带教奖励第一名", "元", MONEY, "带教新人最快的第一名", "Trainer of the fastest new hire", (r) => r.pay.trainerRewards[0], (r, v: number) => (r.pay.trainerRewards[0] = v)),
      s("pay.trainerReward2", "带教奖励第二名", "元", MONEY, "第二名", "Second fastest", (r) => r.pay.trainerRewards[1], (r, v: number) => (r.pay.trainerRewards[1] = v)),
      s("pay.trainerReward3", "带教奖励第三名", "元", MONEY, "第三名", "Third fastest", (r) => r.pay.trainerRewards[2], (r, v: number) => (r.pay.trainerRewards[2] = v)),
    ],
  },
];

/** 淘宝客: written in their own block, after the tables (so the rows above keep their places). */
const AFFILIATE_SCALARS: Scalar[] = [
  // Handbook 004: at most 50% of an order. 淘宝联盟 itself allows commission up to 90%; a cap of
  // 100% would cap nothing, so a `1` meant as 1% is refused rather than read as no cap.
  s("affiliate.cap", "淘宝客封顶", "%", rate(0, 0.9), "每单佣金不超过订单付款的此比例", "Commission per order at most this share of its payment", (r) => r.affiliate.cap, (r, v: number) => (r.affiliate.cap = v)),
  s("affiliate.confirmedStatuses", "淘宝客计入状态", "用、分隔", { t: "list" }, "订单状态为这些之一才算确认收货、计入单数和佣金", "Statuses that make an order confirmed (counted)", (r) => r.affiliate.confirmedStatuses, (r, v: string[]) => (r.affiliate.confirmedStatuses = v)),
];

/** 运费补贴: its own block after 【淘宝客】. */
const SHIPPING_SCALARS: Scalar[] = [
  s("returnShipping.near", "运费补贴（江浙沪）", "元", MONEY, "质量问题退货，近处省份寄回的运费补贴", "Paid for a quality return from a near province", (r) => r.returnShipping.near, (r, v: number) => (r.returnShipping.near = v)),
  s("returnShipping.far", "运费补贴（外省）", "元", MONEY, "其他省份寄回的运费补贴", "Paid for a return from elsewhere", (r) => r.returnShipping.far, (r, v: number) => (r.returnShipping.far = v)),
  s("returnShipping.cap", "运费补贴上限", "元", MONEY, "未经主管批准不超过此数（申报运费高于此按此数）", "Never more without a manager's approval (a higher claim is cut to it)", (r) => r.returnShipping.cap, (r, v: number) => (r.returnShipping.cap = v)),
  s("returnShipping.nearProvinces", "近处省份", "用、分隔", { t: "list" }, "按近处标准补贴的省份", "Provinces paid the near amount", (r) => r.returnShipping.nearProvinces, (r, v: string[]) => (r.returnShipping.nearProvinces = v)),
  // Handbook: half-half. 0% (buyer pays) and 100% (the shop pays all) are both real policies.
  s("returnShipping.exchangeShare", "换货运费店铺承担", "%", rate(0, 1), "换货时店铺承担的运费比例（一人一半：50%）", "The shop's share of an exchange's postage (half-half: 50%)", (r) => r.returnShipping.exchangeShare, (r, v: number) => (r.returnShipping.exchangeShare = v)),
  s("returnShipping.exchangeWords", "换货的写法", "用、分隔", { t: "list" }, "售后类型包含这些文字即为换货", "An after-sales kind containing these is an exchange", (r) => r.returnShipping.exchangeWords, (r, v: string[]) => (r.returnShipping.exchangeWords = v)),
  s("returnShipping.buyerPaysWords", "买家承担运费的写法", "用、分隔", { t: "list" }, "七天无理由退货：买家承担运费，不补贴", "No-reason returns within 7 days: the buyer pays, nothing refunded", (r) => r.returnShipping.buyerPaysWords, (r, v: string[]) => (r.returnShipping.buyerPaysWords = v)),
];

const SCALARS = new Map<string, Scalar>([...SECTIONS, { title: "", scalars: AFFILIATE_SCALARS }, { title: "", scalars: SHIPPING_SCALARS }].flatMap((sec) => sec.scalars.map((x) => [x.key, x] as const)));

// ---------------------------------------------------------------------------------------------
// Writing.

function row(cells: (string | number)[]): RulesRow {
  const out: RulesRow = cells.slice();
  while (out.length < WIDTH) out.push("");
  return out;
}

/**
 * The words the rules reader takes for one value of an enum rule, lower case: its value, its
 * written form and the accepted ones (for a formula that reads the 规则 cell as the reader does).
 * @example enumWords("pay.baseProration", "none") // ["none", "不折算", "不", "全额"]
 */
export function enumWords(key: string, value: string): string[] {
  for (const sec of SECTIONS)
    for (const x of sec.scalars) {
      if (x.key !== key || x.kind.t !== "enum") continue;
      const v = x.kind.values.find((y) => y.value === value);
      if (v) return [...new Set([v.value, v.written.toLowerCase(), ...v.accepted])];
    }
  return [];
}

/**
 * The rules as sheet rows: the header first, then one section after another.
 * @example rulesToRows(defaultRules())[0] // ["项目 Item", "键 Key", "值 Value", …]
 */
export function rulesToRows(rules: Rules): RulesRow[] {
  const rows: RulesRow[] = [RULES_HEADER.slice()];
  const scalarSection = (sec: Section) => {
    rows.push(row([`【${sec.title}】`]));
    for (const x of sec.scalars) rows.push(row([x.label, x.key, writeKind(x.kind, x.get(rules)), x.unit, "", "", "", "", `${x.zh} / ${x.en}`]));
  };
  for (const sec of SECTIONS.slice(0, 4)) scalarSection(sec);

  const byCount = rules.commission.basis === "count";
  rows.push(row(["【提成阶梯 Commission tiers】", "", byCount ? "下限(单) From (orders)" : "下限(元) From (yuan)", "比例 Rate"]));
  rules.commission.tiers.forEach((t, i) => {
    rows.push(
      row([`第${i + 1}档`, "commission.tier", byCount ? t.from : yuan(t.from), pct(t.rate), "", "", "", "", i === 0 ? "第一档须从 0 开始，下限递增 / the first tier starts at 0; lower bounds ascend" : ""]),
    );
  });

  scalarSection(SECTIONS[4]);

  rows.push(
    row(["【罚款 Fines】", "", "第1次(元) 1st", "第2次起(元) 2nd+", "开除起始次数 Dismissal from", "扣业绩 Removes credit", "损失阈值(元) Loss threshold", "别名 Aliases", "英文名 English label"]),
  );
  for (const key of RULE_KEYS) {
    const f = rules.fines[key];
    const rest = f.amounts.slice(1).map(yuan);
    rows.push(
      row([
        f.label,
        `fine.${key}`,
        f.amounts.length > 0 ? yuan(f.amounts[0]) : 0,
        rest.length === 0 ? "" : rest.length === 1 ? rest[0] : rest.join("/"),
        f.dismissalFrom ?? "",
        f.removesCredit ? "是" : "否",
        f.lossThreshold === null ? "" : yuan(f.lossThreshold),
        f.aliases.join("、"),
        f.labelEn,
      ]),
    );
  }

  rows.push(row(["【考核指标 KPI】", "", "权重 Weight", "目标 Target", "越低越好 Reverse", "封顶倍数 Cap"]));
  for (const k of rules.kpi) {
    const m = KPI_METRICS[k.metric];
    const target = m.unit === "money" ? yuan(k.target) : m.unit === "rate" ? pct(k.target) : k.target;
    const note = KPI_UNIT_WORDS[m.unit];
    rows.push(row([m.zh, `kpi.${k.metric}`, k.weight, target, k.reverse ? "是" : "否", k.cap, "", "", `${note.zh} / ${note.en}`]));
  }

  scalarSection(SECTIONS[5]);
  scalarSection(SECTIONS[6]);

  rows.push(row(["【淘宝客 Affiliate】", "", "下限(单) From (orders)", "比例 Rate", "", "", "", "", "淘宝联盟订单：按当月确认收货单数定档 / 淘宝联盟 orders: the tier by the month's confirmed orders"]));
  rules.affiliate.tiers.forEach((t, i) => {
    rows.push(row([`淘宝客第${i + 1}档`, "affiliate.tier", t.from, pct(t.rate), "", "", "", "", i === 0 ? "第一档须从 0 开始 / the first tier starts at 0" : ""]));
  });
  for (const x of AFFILIATE_SCALARS) rows.push(row([x.label, x.key, writeKind(x.kind, x.get(rules)), x.unit, "", "", "", "", `${x.zh} / ${x.en}`]));

  rows.push(row(["【运费补贴 Return shipping】"]));
  for (const x of SHIPPING_SCALARS) rows.push(row([x.label, x.key, writeKind(x.kind, x.get(rules)), x.unit, "", "", "", "", `${x.zh} / ${x.en}`]));

  rows.push(
    row([
      "【列名 Column names】",
      "",
      "来源 Source",
      "字段 Field",
      "文件中的列名 Header in the file",
      "",
      "",
      "",
      "导出的列名认不出时在此对应：键填 column，来源填 订单/考勤/客服绩效/花名册/违规记录，字段如 付款时间 / when an export's column is not recognised: key column, source, field (e.g. 付款时间), the header as the file writes it",
    ]),
  );
  for (const m of rules.columns) rows.push(row(mappingRow(m)));
  if (rules.columns.length === 0) {
    rows.push(row(["例 e.g.", "", "订单", "付款时间", "付款日期", "", "", "", "键列为空的行不生效 / a row without a key is ignored"]));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Reading.

interface Where {
  file: string;
  sheet: string;
}

const colName = columnLetter;

/**
 * Reads a rules sheet (rows as the host delivers them; rows[0] is the sheet's row 1) over the
 * defaults. Never throws: invalid input becomes located error problems (and the default stays).
 */
export function rulesFromRows(rows: Cell[][], where: Where): { rules: Rules; problems: Problem[] } {
  const rules = defaultRules();
  const problems: Problem[] = [];

  let headerRow = -1;
  let keyCol = -1;
  for (let r = 0; r < Math.min(rows.length, 20) && headerRow < 0; r++) {
    const cells = rows[r] ?? [];
    for (let c = 0; c < cells.length; c++) {
      if (/^(键|key)(\s|$)/i.test(text(cells[c]))) {
        headerRow = r;
        keyCol = c;
        break;
      }
    }
  }
  if (headerRow < 0) {
    problems.push(
      problem("error", "rules.header.missing", { file: where.file, sheet: where.sheet }, "", `规则表缺少「${KEY_HEADER}」表头行`, `The rules sheet has no "${KEY_HEADER}" header row`),
    );
    return { rules, problems };
  }

  const at = (r: number, off: number, label: string) => ({ file: where.file, sheet: where.sheet, row: r + 1, column: `${colName(keyCol + off)} ${label}` });
  const err = (r: number, off: number, label: string, value: Cell | undefined, f: Failed, what: string, whatEn: string, severity: "error" | "warning" = "error") =>
    problems.push(problem(severity, f.code, at(r, off, label), text(value), `${what}：${f.zh}`, `${whatEn}: ${f.en}`));

  const seen = new Map<string, number>();
  const affiliateTiers: { row: number; from: Cell; rate: Cell }[] = [];
  const tiers: { row: number; from: Cell; rate: Cell }[] = [];
  const kpi: KpiWeight[] = [];
  const kpiRows: number[] = [];
  let kpiBad = false;

  for (let r = headerRow + 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const key = text(cells[keyCol]);
    if (key === "") continue;
    const cell = (off: number): Cell | undefined => cells[keyCol + off];

    if (key !== "commission.tier" && key !== "affiliate.tier" && key !== "column") {
      const prev = seen.get(key);
      if (prev !== undefined) {
        problems.push(problem("error", "rules.key.duplicate", at(r, 0, "键 Key"), key, `键 ${key} 重复（第${prev}行已有）`, `Key ${key} repeats (already on row ${prev})`));
        continue;
      }
      seen.set(key, r + 1);
    }

    const scalar = SCALARS.get(key);
    if (scalar) {
      const v = parseKind(scalar.kind, cell(C.value));
      if (v.ok) scalar.set(rules, v.value);
      else err(r, C.value, "值 Value", cell(C.value), v, scalar.label, scalar.key);
      continue;
    }
    if (key === "commission.tier") {
      tiers.push({ row: r, from: cell(C.value) ?? null, rate: cell(C.unit) ?? null });
      continue;
    }
    if (key === "affiliate.tier") {
      affiliateTiers.push({ row: r, from: cell(C.value) ?? null, rate: cell(C.unit) ?? null });
      continue;
    }
    if (key === "column") {
      const m = readColumn(cell, (off, label, value, f) => err(r, off, label, value, f, "列名", "column name"));
      if (m) {
        const clash = rules.columns.find((x) => x.kind === m.kind && normaliseText(x.header) === normaliseText(m.header) && x.field !== m.field);
        // A header the tool already reads as another field's own (实付金额 → 退款金额) would take
        // that field's column away from it: the same clash as two mappings onto one header.
        const own = fieldFromWord(m.kind, m.header);
        if (clash) {
          err(r, C.e, "文件中的列名 Header", m.header, fail("rules.column.duplicate", `「${m.header}」已对应到字段 ${clash.field}，同一列不能是两个字段`, `"${m.header}" already names the field ${clash.field}; one column cannot be two fields`), "列名", "column name");
        } else if (own !== null && own !== m.field) {
          const a = `${fieldLabel(m.kind, m.field)}(${m.field})`;
          const b = `${fieldLabel(m.kind, own)}(${own})`;
          err(r, C.e, "文件中的列名 Header", m.header, fail("rules.column.duplicate", `「${m.header}」本来就是字段 ${b} 的列名，不能再对应到字段 ${a}：同一列不能是两个字段`, `"${m.header}" is already the field ${b}'s own header; it cannot also be the field ${a}: one column cannot be two fields`), "列名", "column name");
        } else rules.columns.push(m);
      }
      continue;
    }
    if (key.startsWith("fine.") && (RULE_KEYS as readonly string[]).includes(key.slice(5))) {
      readFine(key.slice(5) as RuleKey, cells, keyCol, rules.fines, (off, label, value, f, what, whatEn) => err(r, off, label, value, f, what, whatEn));
      continue;
    }
    if (key.startsWith("kpi.") && key.slice(4) in KPI_METRICS) {
      const k = readKpi(key.slice(4) as KpiMetric, (off) => cell(off), (off, label, value, f, what, whatEn, severity) => err(r, off, label, value, f, what, whatEn, severity));
      if (k) {
        kpi.push(k);
        kpiRows.push(r);
      } else kpiBad = true;
      continue;
    }
    problems.push(
      problem("error", "rules.key.unknown", at(r, 0, "键 Key"), key, `未知的规则键「${key}」，请检查拼写（可从默认规则表复制）`, `Unknown rules key "${key}"; check the spelling (copy it from the default rules sheet)`),
    );
  }

  if (tiers.length > 0) {
    const t = readTiers(tiers, rules.commission.basis, COMMISSION_TIER_RATE, (r, off, label, value, f, severity) => err(r, off, label, value, f, "提成阶梯", "commission tier", severity));
    if (t) rules.commission.tiers = t;
  }
  // Tiers by order count under the handbook's amount tiers (the basis switched, the tiers not): no
  // agent sells 20,000 orders, so nobody earns a commission — say so rather than pay 0 unseen.
  if (rules.commission.basis === "count") {
    const amounts = defaultRules().commission.tiers.map((t) => t.from);
    const bounds = rules.commission.tiers.map((t) => (tiers.length === 0 ? t.from : t.from * 100));
    if (bounds.length === amounts.length && bounds.every((b, i) => b === amounts[i])) {
      const shown = amounts.filter((a) => a > 0).map((a) => a / 100).join(" / ");
      const where = tiers.length > 0 ? { row: tiers[1]?.row ?? tiers[0].row, off: C.value, label: "下限 From", value: tiers[1]?.from ?? tiers[0].from } : { row: (seen.get("commission.basis") ?? 1) - 1, off: C.value, label: "值 Value", value: "订单数" as Cell };
      err(where.row, where.off, where.label, where.value, fail("rules.tiers.basis", `档位依据为订单数，但提成阶梯仍是手册的金额档位（${shown} 元${tiers.length === 0 ? "，规则表没有写阶梯" : ""}）：需要 ${amounts[1] / (tiers.length === 0 ? 1 : 100)} 单才有提成；请把阶梯下限改成订单数`, `tiers by order count, but the commission tiers are still the handbook's amounts (${shown} yuan${tiers.length === 0 ? "; the sheet writes no tiers" : ""}): an agent needs ${amounts[1] / (tiers.length === 0 ? 1 : 100)} orders for any commission; write the tiers' lower bounds as order counts`), "提成阶梯", "commission tier", "warning");
    }
  }
  if (affiliateTiers.length > 0) {
    const t = readTiers(affiliateTiers, "count", AFFILIATE_TIER_RATE, (r, off, label, value, f, severity) => err(r, off, label, value, f, "淘宝客阶梯", "affiliate tier", severity));
    if (t) rules.affiliate.tiers = t;
  }
  // Like the tier tables: a table with a bad row keeps the default as a whole, not a table short of a metric.
  if (kpi.length > 0 && !kpiBad) rules.kpi = kpi;
  // The table replaces the default as a whole, so a deleted row drops its metric from every score:
  // meant or not, it moves the ranking, so it is said (a deleted scalar row is said too, below).
  const dropped = kpi.length > 0 && !kpiBad ? defaultRules().kpi.filter((d) => d.weight > 0 && !kpi.some((k) => k.metric === d.metric)) : [];
  if (dropped.length > 0) {
    problems.push(
      problem("info", "rules.kpi.left_out", { file: where.file, sheet: where.sheet, row: kpiRows[0] + 1, column: `${colName(keyCol)} 键 Key` }, dropped.map((d) => `kpi.${d.metric}`).join(", "),
        `考核指标表没有 ${dropped.map((d) => `${KPI_METRICS[d.metric].zh}（kpi.${d.metric}，手册权重 ${d.weight}）`).join("、")}：不计入 KPI 得分；如需计入，请从默认规则表复制该行`,
        `the KPI table leaves out ${dropped.map((d) => `${KPI_METRICS[d.metric].en} (kpi.${d.metric}, handbook weight ${d.weight})`).join(", ")}: not part of the KPI score; to score it, copy its row from the default rules sheet`),
    );
  }
  if (kpi.length > 0 && kpi.every((k) => k.weight === 0)) {
    err(kpiRows[0], C.value, "权重 Weight", 0, fail("rules.kpi.zeroWeights", "所有考核指标的权重都是 0：人人得 0 分，排名没有意义", "every KPI weight is 0: every agent scores 0 and the ranking means nothing"), "考核指标", "KPI", "warning");
  }
  // Weights are points (40 / 25 / 10 …); a table may add up to anything (the board says what
  // meeting every target scores), but a fraction beside points — 0.4 typed for 40 next to 25 and 10 —
  // weighs that part a hundredth of what was meant, unseen in the ranking.
  const fractions = kpi.filter((k) => k.weight > 0 && k.weight < 1);
  if (!kpiBad && fractions.length > 0 && kpi.some((k) => k.weight >= 1)) {
    const list = kpi.map((k) => `${KPI_METRICS[k.metric].zh} ${k.weight}`).join("、");
    const listEn = kpi.map((k) => `${k.metric} ${k.weight}`).join(", ");
    const at = kpi.indexOf(fractions[0]);
    err(kpiRows[at], C.value, "权重 Weight", fractions[0].weight, fail("rules.kpi.weightScale", `权重是分数（如 40 / 25 / 10），${fractions.map((k) => k.weight).join("、")} 与其他权重不在同一尺度（${list}）：该项只占原意的百分之一；请写 ${clean(fractions[0].weight * 100)} 或 ${clean(fractions[0].weight * 100)}%`, `weights are points (e.g. 40 / 25 / 10); ${fractions.map((k) => k.weight).join(", ")} is not on the scale of the others (${listEn}): that part weighs a hundredth of what was meant; write ${clean(fractions[0].weight * 100)} or ${clean(fractions[0].weight * 100)}%`), "考核指标", "KPI", "warning");
  }
  // The performance bonus is earned at a share of the target: a 0 target pays it to everybody.
  const targetRow = seen.get("pay.defaultTarget");
  if (targetRow !== undefined && rules.pay.defaultTarget === 0 && rules.pay.performanceBonus > 0) {
    err(targetRow - 1, C.value, "值 Value", rows[targetRow - 1]?.[keyCol + C.value], fail("rules.pay.zeroTarget", "默认月目标为 0：花名册未填目标的人都拿业绩奖", "a default monthly target of 0 pays the performance bonus to everybody the roster gives no target"), "默认月目标", "pay.defaultTarget", "warning");
  }

  // The same for the other bars: a performance ratio or a position threshold of 0 pays the item to
  // every agent, one who collected nothing included.
  const zeroBars = [
    { key: "pay.performanceRatio", zero: rules.pay.performanceRatio === 0, pays: rules.pay.performanceBonus > 0, zh: "业绩奖比例为 0：人人都拿业绩奖（含回款为 0 的人）", en: "a performance ratio of 0 pays the performance bonus to every agent, one who collected nothing included" },
    { key: "pay.positionThreshold", zero: rules.pay.positionThreshold === 0, pays: rules.pay.positionAllowance > 0, zh: "职位补贴门槛为 0：人人都拿职位补贴（含回款为 0 的人）", en: "a position threshold of 0 pays the position allowance to every agent, one who collected nothing included" },
  ];
  for (const b of zeroBars) {
    const at = seen.get(b.key);
    if (at === undefined || !b.zero || !b.pays) continue;
    const x = SCALARS.get(b.key)!;
    err(at - 1, C.value, "值 Value", rows[at - 1]?.[keyCol + C.value], fail("rules.pay.zeroThreshold", b.zh, b.en), x.label, x.key, "warning");
  }

  // Keys left out keep the defaults (a partial sheet is allowed), but a deleted row must not change
  // pay unseen: say once which rules the handbook supplied.
  const defaulted: { key: string; zh: string; en: string }[] = [
    ...[...SCALARS.values()].filter((x) => !seen.has(x.key)).map((x) => {
      const v = writeKind(x.kind, x.get(rules));
      return { key: x.key, zh: `${x.key}（${x.label} ${v}）`, en: `${x.key} = ${v === "" ? "(blank)" : v}` };
    }),
    ...(tiers.length === 0 ? [{ key: "commission.tier", zh: "commission.tier（提成阶梯）", en: "commission.tier (the tier table)" }] : []),
    ...(affiliateTiers.length === 0 ? [{ key: "affiliate.tier", zh: "affiliate.tier（淘宝客阶梯）", en: "affiliate.tier (the affiliate tiers)" }] : []),
    ...RULE_KEYS.filter((k) => !seen.has(`fine.${k}`)).map((k) => ({ key: `fine.${k}`, zh: `fine.${k}（${rules.fines[k].label}）`, en: `fine.${k}` })),
    ...(![...seen.keys()].some((k) => k.startsWith("kpi.")) ? [{ key: "kpi", zh: "kpi（考核指标）", en: "kpi (the KPI table)" }] : []),
  ];
  // A sheet of 【列名】 lines alone (pasted by the pane) gives no rules, so nothing fell back.
  if (defaulted.length > 0 && seen.size > 0) {
    const shown = defaulted.slice(0, 12);
    const more = defaulted.length - shown.length;
    problems.push(
      problem("info", "rules.key.defaulted", { file: where.file, sheet: where.sheet }, defaulted.map((d) => d.key).join(", "),
        `规则表没有写这些规则，按手册默认值计算：${shown.map((d) => d.zh).join("、")}${more > 0 ? ` 等共 ${defaulted.length} 项` : ""}`,
        `the rules sheet leaves these rules out; the handbook defaults apply: ${shown.map((d) => d.en).join(", ")}${more > 0 ? ` and ${more} more` : ""}`),
    );
  }

  // Shifts ending at or before their start end the next day (晚班 17:30–01:00).
  for (const sh of [rules.shifts.day, rules.shifts.night]) if (sh.end <= sh.start) sh.end += 1440;
  return { rules, problems };
}

type Report = (off: number, label: string, value: Cell | undefined, f: Failed, what: string, whatEn: string, severity?: "warning") => void;

/** Header text as recognition compares it: no spaces, ASCII lower-cased. */
function normaliseText(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** One 【列名】 row: source | field | header in the file; null (reported) when any is unusable. */
function readColumn(cell: (off: number) => Cell | undefined, report: (off: number, label: string, value: Cell | undefined, f: Failed) => void): ColumnMapping | null {
  const kind = kindFromWord(text(cell(C.value)));
  if (kind === null) {
    report(C.value, "来源 Source", cell(C.value), fail("rules.column.kind", "来源应为 订单 / 考勤 / 客服绩效 / 花名册 / 违规记录", "the source should be 订单 / 考勤 / 客服绩效 / 花名册 / 违规记录 (orders / attendance / sales / roster / incidents)"));
    return null;
  }
  const field = fieldFromWord(kind, text(cell(C.unit)));
  if (field === null) {
    const known = kindFields(kind).map((f) => f.label).join("、");
    report(C.unit, "字段 Field", cell(C.unit), fail("rules.column.field", `不认识这个字段；可填：${known}`, `unknown field; one of: ${known}`));
    return null;
  }
  const header = text(cell(C.e));
  if (header === "" || header === "?" || header === "？") {
    report(C.e, "文件中的列名 Header", cell(C.e), fail("rules.column.header", "请填文件中这一列的列名（表头文字）", "fill in the column's header as the file writes it"));
    return null;
  }
  return { kind, field, header };
}

function readFine(key: RuleKey, cells: Cell[], keyCol: number, fines: Record<RuleKey, FineRule>, report: Report): void {
  const f = fines[key];
  const cell = (off: number): Cell | undefined => cells[keyCol + off];
  const label = text(cells[keyCol - 1]);
  const what = `罚款 ${label || f.label}`;
  const whatEn = `fine ${key}`;
  const amounts: Cents[] = [];
  const first = parseKind(MONEY, cell(C.value));
  if (first.ok) amounts.push(first.value as Cents);
  else report(C.value, "第1次 1st", cell(C.value), first, what, whatEn);
  const later = cell(C.unit);
  if (!blank(later)) {
    const parts = typeof later === "number" ? [later] : text(later).split(/[\/、,，;；]/);
    for (const p of parts) {
      const v = parseKind(MONEY, typeof p === "number" ? p : p.trim());
      if (v.ok) amounts.push(v.value as Cents);
      else report(C.unit, "第2次起 2nd+", later, v, what, whatEn);
    }
  }
  let dismissalFrom: number | null = null;
  if (!blank(cell(C.e))) {
    const v = parseKind({ t: "int" }, cell(C.e));
    if (v.ok && (v.value as number) >= 1) dismissalFrom = v.value as number;
    // The expectation is the rule's (≥ 1: the 1st breach at the earliest), not the int reader's "≥ 0".
    else report(C.e, "开除起始次数 Dismissal from", cell(C.e), fail(v.ok ? "rules.value.invalid" : v.code, "应为 ≥1 的整数（第几次违规起自动离职，如 3），或留空", "expected a whole number ≥ 1 (the breach that dismisses, e.g. 3), or blank"), what, whatEn);
  }
  const credit = parseKind({ t: "bool" }, blank(cell(C.f)) ? "否" : cell(C.f));
  if (!credit.ok) report(C.f, "扣业绩 Removes credit", cell(C.f), credit, what, whatEn);
  let lossThreshold: Cents | null = null;
  if (!blank(cell(C.g))) {
    const v = parseKind(MONEY, cell(C.g));
    if (v.ok) lossThreshold = v.value as Cents;
    else report(C.g, "损失阈值 Loss threshold", cell(C.g), v, what, whatEn);
  }
  fines[key] = {
    key,
    label: label || f.label,
    labelEn: text(cell(C.desc)) || f.labelEn,
    amounts: amounts.length > 0 ? amounts : f.amounts,
    dismissalFrom,
    removesCredit: credit.ok ? (credit.value as boolean) : f.removesCredit,
    lossThreshold,
    aliases: list(cell(C.h)),
  };
}

function readKpi(metric: KpiMetric, cell: (off: number) => Cell | undefined, report: Report): KpiWeight | null {
  const m = KPI_METRICS[metric];
  const what = `考核指标 ${m.zh}`;
  const whatEn = `KPI ${metric}`;
  // Ranges: KPI_METRICS (a rate target), KPI_WEIGHT_RANGE, KPI_CAP_RANGE — beside the metrics' definitions.
  const weight = parseKind({ t: "ratio", range: KPI_WEIGHT_RANGE }, number(cell(C.value)) ?? cell(C.value));
  const targetKind: Kind = m.unit === "money" ? MONEY : { t: "ratio", range: m.targetRange ?? KPI_OPEN_TARGET };
  const targetCell = m.unit === "seconds" || m.unit === "count" ? number(cell(C.unit)) ?? cell(C.unit) : cell(C.unit);
  const target = parseKind(targetKind, targetCell);
  const reverse = parseKind({ t: "bool" }, cell(C.e));
  const cap = parseKind({ t: "ratio", range: KPI_CAP_RANGE }, number(cell(C.f)) ?? cell(C.f));
  if (!weight.ok) report(C.value, "权重 Weight", cell(C.value), weight, what, whatEn);
  if (!target.ok) report(C.unit, "目标 Target", cell(C.unit), target, what, whatEn);
  if (!reverse.ok) report(C.e, "越低越好 Reverse", cell(C.e), reverse, what, whatEn);
  if (!cap.ok) report(C.f, "封顶倍数 Cap", cell(C.f), cap, what, whatEn);
  if (!weight.ok || !target.ok || !reverse.ok || !cap.ok) return null;
  if (target.value === 0 && reverse.value === false && (weight.value as number) > 0) {
    report(C.unit, "目标 Target", cell(C.unit), fail("rules.kpi.zeroTarget", "目标为 0：人人都算达标，拿满权重", "a target of 0 counts as met by everybody: every agent scores the full weight"), what, whatEn, "warning");
  }
  return { metric, weight: weight.value as number, target: target.value as number, reverse: reverse.value as boolean, cap: cap.value as number };
}

function readTiers(
  rows: { row: number; from: Cell; rate: Cell }[],
  basis: Rules["commission"]["basis"],
  rates: RateRange,
  report: (r: number, off: number, label: string, value: Cell | undefined, f: Failed, severity?: "warning") => void,
): Tier[] | null {
  const out: Tier[] = [];
  const at: { row: number; from: Cell; rate: Cell }[] = [];
  let bad = false;
  for (const t of rows) {
    const from = basis === "count" ? parseKind({ t: "int" }, t.from) : parseKind(MONEY, t.from);
    // Only the form here: the range is the tier rule's (tierProblems), one rule for sheet and formulas.
    const r = fraction(t.rate);
    if (!from.ok) report(t.row, C.value, "下限 From", t.from, from);
    if (r === null) report(t.row, C.unit, "比例 Rate", t.rate, fail("rules.value.invalid", `应为 ${rangeText(rates)} 的比例，如 2% 或 0.02`, `expected a rate from ${rangeText(rates)}, e.g. 2% or 0.02`));
    if (!from.ok || r === null) {
      bad = true;
      continue;
    }
    out.push({ from: from.value as number, rate: r });
    at.push(t);
  }
  // The one tier rule (commission.ts), shared with KEFU.COMMISSION / KEFU.TIERRATE.
  for (const p of tierProblems(out, rates)) {
    const t = at[p.index];
    if (p.code === "rules.tiers.start" && t !== rows[0]) continue; // the first row itself is already reported
    const onRate = p.code !== "rules.tiers.start" && p.code !== "rules.tiers.overlap" && p.code !== "rules.tiers.order";
    const severity = p.severity === "warning" ? "warning" : undefined;
    report(t.row, onRate ? C.unit : C.value, onRate ? "比例 Rate" : "下限 From", onRate ? t.rate : t.from, fail(p.code, p.zh, p.en), severity);
    if (!severity) bad = true;
  }
  return bad ? null : out;
}

/**
 * The rules from a rules sheet, or a `KefuError` carrying every error (warnings pass).
 * @example readRulesOrThrow(rows, { file: "规则.xlsx", sheet: "规则" }).commission.tiers
 */
export function readRulesOrThrow(rows: Cell[][], where: Where): Rules {
  const { rules, problems } = rulesFromRows(rows, where);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new KefuError(errors);
  return rules;
}
