/**
 * The KEFU.* functions as plain TypeScript: arguments exactly as Excel passes them (2-D arrays
 * for ranges), results as 2-D arrays of numbers, text and `FnError`s. Each is a thin wrapper:
 * read the cells, call the engine's rule (src/core/rules), convert units. No rule lives here,
 * so a formula, the task pane and the command line can never disagree.
 *
 * Units: money in and out in yuan (Excel users type 20000), cents inside; results rounded to
 * 0.01 yuan by the engine's cent arithmetic. Times in and out as minutes / Excel time values.
 */
import { normaliseStatus, parseOrderId, readMoney } from "../core";
import type { Cents, Minutes } from "../core";
import { earlyMinutes, lateMinutes } from "../core";
import { collectedOf, StatusFilter } from "../core";
import { COMMISSION_MAX_RATE, commissionFor } from "../core";
import { defaultRules } from "../core";
import { fineFor, resolveRuleKey } from "../core";
import { aov as engineAov, conversion as engineConversion, KPI_CAP_RANGE, KPI_RATE_TARGET, KPI_WEIGHT_RANGE, metricScore, rangeProblem } from "../core";
import { centsToYuan } from "../core";
import type { FineRule, SalesRules } from "../core";
import { codeShapedToken, matcherFor, readWhich } from "./agents";
import { arg, oneCell, readCount, readFlag, readInRange, readMinutes, readPeople, readTime, readYuan, textOfCell } from "./args";
import { readMode, readTiers } from "./tiers";
import {
  broadcast,
  FnError,
  invalid,
  isBlank,
  omitted,
  quote,
  single,
  toGrid,
  wholeLineMismatch,
  type Blanks,
  type Grid,
  type Out,
  type Scalar,
} from "./values";

/** The handbook defaults; the rules sheet's values are passed as arguments when they differ. */
const RULES = defaultRules();

/** What KEFU.FINE shows for an occurrence that carries the dismissal flag (自动离职). */
export const DISMISSAL = "自动离职 / dismissal";

const A = {
  collected: arg("回款", "collected"),
  maxRate: arg("比例上限", "rate cap"),
  clockIn: arg("上班打卡", "clock-in"),
  clockOut: arg("下班打卡", "clock-out"),
  shiftStart: arg("班次开始", "shift start"),
  shiftEnd: arg("班次结束", "shift end"),
  grace: arg("宽限分钟", "grace minutes"),
  rule: arg("罚款规则", "fine rule"),
  occurrence: arg("第几次", "occurrence"),
  loss: arg("损失金额", "loss"),
  scale: arg("罚款金额", "fine amount"),
  dismissalFrom: arg("开除起始次数", "dismissal from"),
  lossThreshold: arg("损失阈值", "loss threshold"),
  payers: arg("付款人数", "paying buyers"),
  inquiries: arg("询单人数", "inquiring buyers"),
  amount: arg("销售额", "amount"),
  buyers: arg("买家数", "buyers"),
  actual: arg("实际值", "actual"),
  target: arg("目标值", "target"),
  weight: arg("权重", "weight"),
  reverse: arg("越低越好", "reverse"),
  cap: arg("封顶倍数", "cap"),
  paid: arg("实付金额", "amount paid"),
  refund: arg("退款金额", "refund"),
  status: arg("订单状态", "order statuses"),
};

/** Every cell of `shape` set to one error (a bad table or mode spoils the whole result). */
const fill = (shape: Grid, e: FnError): Out[][] => broadcast([shape], () => e);

// ─────────────────────────── commission ───────────────────────────

/** The rules sheet's 比例上限 (commission.maxRate): omitted or blank → none; else by its rule's range. */
function readMaxRate(v: unknown): number | null | FnError {
  const s = oneCell(v, A.maxRate);
  if (s instanceof FnError) return s;
  return isBlank(s) ? null : readInRange(s, A.maxRate, COMMISSION_MAX_RATE);
}

/** KEFU.COMMISSION: commission in yuan on collected yuan, whole-amount or marginal tiers. */
export function commission(collected: unknown, tiers?: unknown, mode?: unknown, maxRate?: unknown): Out[][] {
  const amounts = toGrid(collected);
  const t = readTiers(tiers);
  if (t instanceof FnError) return fill(amounts, t);
  const m = readMode(mode);
  if (m instanceof FnError) return fill(amounts, m);
  const cap = readMaxRate(maxRate);
  if (cap instanceof FnError) return fill(amounts, cap);
  const rules = { mode: m, basis: "amount" as const, tiers: t, maxRate: cap };
  return broadcast([amounts], ([v]) => {
    const cents = readYuan(v, A.collected);
    return cents instanceof FnError ? cents : centsToYuan(commissionFor(cents, 0, rules).commission);
  });
}

/** KEFU.TIERRATE: the rate of the tier an amount reaches (at most the 比例上限, as the 提成表 shows it). */
export function tierRate(collected: unknown, tiers?: unknown, maxRate?: unknown): Out[][] {
  const amounts = toGrid(collected);
  const t = readTiers(tiers);
  if (t instanceof FnError) return fill(amounts, t);
  const cap = readMaxRate(maxRate);
  if (cap instanceof FnError) return fill(amounts, cap);
  const rules = { mode: "whole" as const, basis: "amount" as const, tiers: t, maxRate: cap };
  return broadcast([amounts], ([v]) => {
    const cents = readYuan(v, A.collected);
    return cents instanceof FnError ? cents : commissionFor(cents, 0, rules).rate;
  });
}

// ─────────────────────────── attribution, ids ───────────────────────────

/** KEFU.AGENT: the agent code an order note carries ("" when none). */
export function agent(note: unknown, codes?: unknown, which?: unknown): Out[][] {
  const notes = toGrid(note);
  const mode = readWhich(which);
  if (mode instanceof FnError) return fill(notes, mode);
  if (omitted(codes)) {
    return broadcast([notes], ([v]) => (isBlank(v) ? "" : codeShapedToken(String(v), mode)));
  }
  const matcher = matcherFor(codes, mode);
  return broadcast([notes], ([v]) => (isBlank(v) ? "" : (matcher.match(String(v)).agent ?? "")));
}

/** KEFU.ORDERID: the exact order id text, or an error when its digits are already gone. */
export function orderId(value: unknown): Out[][] {
  return broadcast([toGrid(value)], ([v]) => {
    // Only a cell's kinds of value reach the parser; anything else a caller passes is not an id.
    if (v !== null && v !== undefined && typeof v === "object" && !((v as unknown) instanceof Date)) {
      return invalid("不是订单编号：应为单元格的文字或数字", "not an order id: expected a cell's text or number");
    }
    const r = parseOrderId(v === undefined ? null : v);
    if (r.ok) return r.id;
    // Show a mangled number as Excel displays it (2.87319E+18), not as digits it never had.
    // A blank cell has no value to show ("null" would read as something typed).
    if (isBlank(v)) return invalid(r.zh, r.en);
    const shown = typeof v === "number" && Math.abs(v) >= 1e15 ? `"${v.toExponential().toUpperCase()}"` : quote(v);
    return invalid(`${r.zh}：${shown}`, `${r.en}: ${shown}`);
  });
}

// ─────────────────────────── attendance ───────────────────────────

/**
 * A shift time cell: a time of day, or a shift name from the rules (白班 / 晚班), which also
 * tells where the shift starts (晚班 ends at 01:00 the next day).
 */
function readShiftTime(v: Scalar, a: typeof A.shiftStart, edge: "start" | "end"): { t: Minutes; start: Minutes | null } | null | FnError {
  const name = textOfCell(v);
  for (const s of [RULES.shifts.day, RULES.shifts.night]) {
    if (name !== "" && name === s.label) return { t: edge === "start" ? s.start : s.end, start: s.start };
  }
  const t = readTime(v, a);
  return t === null || t instanceof FnError ? t : { t, start: null };
}

const NO_CLOCK_IN = new FnError("#N/A", "没有上班打卡（缺卡）", "no clock-in punch (missing)");
const NO_CLOCK_OUT = new FnError("#N/A", "没有下班打卡（缺卡）", "no clock-out punch (missing)");

/** KEFU.LATE: minutes late for a clock-in against the shift start. */
/**
 * Which blank rows of a punch column spill a blank. Against one shift for every row, a blank punch
 * inside the data is a missing one (缺卡), and only the rows after the data are blank; with the
 * shift given row by row, a row blank in both owes no shift and is blank wherever it is.
 */
const punchBlanks = (shifts: readonly Grid[]): Blanks => (shifts.some((g) => g.length > 1 || (g[0]?.length ?? 0) > 1) ? "blank" : "blankAfterData");

export function late(clockIn: unknown, shiftStart: unknown, grace?: unknown): Out[][] {
  const shift = toGrid(shiftStart);
  return broadcast([toGrid(clockIn), shift, toGrid(grace)], ([i, s, g]) => {
    const start = readShiftTime(s, A.shiftStart, "start");
    if (start === null) return invalid(`${A.shiftStart.zh}为空`, `${A.shiftStart.en} is empty`);
    if (start instanceof FnError) return start;
    const graceMin = readMinutes(g, A.grace, RULES.shifts.graceMinutes);
    if (graceMin instanceof FnError) return graceMin;
    const t = readTime(i, A.clockIn);
    if (t === null) return NO_CLOCK_IN;
    if (t instanceof FnError) return t;
    return lateMinutes(t, start.t, graceMin);
  }, [A.clockIn, A.shiftStart, A.grace], punchBlanks([shift]));
}

/** Before this, a shift end given without its start is read as after midnight (晚班 01:00). */
const EARLY_MORNING: Minutes = 6 * 60;

/** KEFU.EARLY: minutes left before the shift end, night-shift aware. */
export function early(clockOut: unknown, shiftEnd: unknown, shiftStart?: unknown, grace?: unknown): Out[][] {
  const grids = [toGrid(clockOut), toGrid(shiftEnd), toGrid(shiftStart), toGrid(grace)];
  return broadcast(grids, ([o, e, s, g]) => {
    const end = readShiftTime(e, A.shiftEnd, "end");
    if (end === null) return invalid(`${A.shiftEnd.zh}为空`, `${A.shiftEnd.en} is empty`);
    if (end instanceof FnError) return end;
    const startArg = readShiftTime(s, A.shiftStart, "start");
    if (startArg instanceof FnError) return startArg;
    const start = startArg?.t ?? end.start;
    const graceMin = readMinutes(g, A.grace, RULES.shifts.graceMinutes);
    if (graceMin instanceof FnError) return graceMin;
    const t = readTime(o, A.clockOut);
    if (t === null) return NO_CLOCK_OUT;
    if (t instanceof FnError) return t;
    // The engine wants a shift that ends after midnight as end > 1440 (17:30–01:00 is 1050–1500).
    let endMin = end.t;
    if (endMin < 1440 && (start !== null ? endMin <= start : endMin < EARLY_MORNING)) endMin += 1440;
    return earlyMinutes(t, endMin, start, graceMin);
  }, [A.clockOut, A.shiftEnd, A.shiftStart, A.grace], punchBlanks([grids[1], grids[2]]));
}

// ─────────────────────────── fines ───────────────────────────

const RULE_NAMES_ZH = Object.values(RULES.fines)
  .map((r) => r.label)
  .slice(0, 6)
  .join("、");
const RULE_NAMES_EN = Object.keys(RULES.fines).slice(0, 6).join(", ");

/** A rule the handbook does not know, priced by the amounts argument alone. */
const CUSTOM_RULE: FineRule = {
  ...RULES.fines.off_task,
  amounts: [],
  dismissalFrom: null,
  lossThreshold: null,
  removesCredit: false,
  aliases: [],
};

/**
 * A rule's own amounts for the 1st, 2nd, … occurrence in yuan (the last repeats), laid out as
 * in the rules sheet's fine row (第1次 | 第2次起, where one cell may list "100/150"). Omitted →
 * the handbook's amounts.
 */
function readAmounts(v: unknown): number[] | null | FnError {
  if (omitted(v)) return null;
  const amounts: number[] = [];
  for (const cell of toGrid(v).flat()) {
    if (isBlank(cell)) continue;
    const parts: Scalar[] = typeof cell === "string" ? cell.split(/[\/、,，;；]/) : [cell];
    for (const part of parts) {
      const c = readYuan(typeof part === "string" ? part.trim() : part, A.scale);
      if (c instanceof FnError) return c;
      amounts.push(c);
    }
  }
  return amounts.length === 0 ? invalid("罚款金额区域为空", "the amounts range is empty") : amounts;
}

/** The occurrence from which the dismissal flag applies (开除起始次数); blank → none. */
function readDismissalFrom(v: unknown): number | null | FnError {
  const s = oneCell(v, A.dismissalFrom);
  if (s instanceof FnError) return s;
  if (isBlank(s)) return null;
  const n = readCount(s, A.dismissalFrom);
  if (n instanceof FnError) return n;
  if (!Number.isInteger(n) || n < 1) {
    return invalid(`${A.dismissalFrom.zh} ${quote(s)} 应为 ≥1 的整数`, `${A.dismissalFrom.en} ${quote(s)} must be a whole number ≥ 1`);
  }
  return n;
}

/**
 * The rule's loss threshold (规则表「损失阈值」): a loss above it is fined the loss itself. Not
 * passed → the handbook's (500 for note errors); a blank cell passed → none, as a blank threshold
 * cell in 规则 means; else an amount in yuan.
 */
function readLossThreshold(v: unknown): Cents | null | undefined | FnError {
  if (v === undefined || v === null) return undefined;
  const s = oneCell(v, A.lossThreshold);
  if (s instanceof FnError) return s;
  if (isBlank(s)) return null;
  return readYuan(s, A.lossThreshold);
}

/**
 * KEFU.FINE: the fine in yuan for the n-th violation of a rule this month, or the dismissal flag.
 * `amounts` / `dismissalFrom` replace the handbook's scale for the rule (as the rules sheet's
 * fine row does); with them any rule name can be priced.
 */
export function fine(rule: unknown, occurrence: unknown, loss?: unknown, amounts?: unknown, dismissalFrom?: unknown, lossThreshold?: unknown): Out[][] {
  const rules = toGrid(rule);
  const own = readAmounts(amounts);
  if (own instanceof FnError) return fill(rules, own);
  const from = readDismissalFrom(dismissalFrom);
  if (from instanceof FnError) return fill(rules, from);
  const threshold = readLossThreshold(lossThreshold);
  if (threshold instanceof FnError) return fill(rules, threshold);
  const custom = own !== null || !omitted(dismissalFrom);
  return broadcast([rules, toGrid(occurrence), toGrid(loss)], ([r, n, l]) => {
    // A blank rule cell is said as blank: "unknown fine rule \"null\"" sent a manager looking for a rule named null.
    if (isBlank(r)) return invalid(`${A.rule.zh}为空（${RULE_NAMES_ZH}…）`, `${A.rule.en} is empty (${RULE_NAMES_EN}, …)`);
    const key = resolveRuleKey(textOfCell(r), RULES.fines);
    if (key === null && own === null) {
      return invalid(
        `未知的罚款规则 ${quote(r)}（可用：${RULE_NAMES_ZH}…，或给出罚款金额）`,
        `unknown fine rule ${quote(r)} (use a rule name or key: ${RULE_NAMES_EN}, …, or give the amounts)`,
      );
    }
    const occ = readCount(n, A.occurrence);
    if (occ instanceof FnError) return occ;
    if (!Number.isInteger(occ) || occ < 1) {
      return invalid(`${A.occurrence.zh} ${quote(n)} 应为 ≥1 的整数`, `${A.occurrence.en} ${quote(n)} must be a whole number ≥ 1`);
    }
    let lossCents: number | null = null;
    if (!isBlank(l)) {
      const c = readYuan(l, A.loss);
      if (c instanceof FnError) return c;
      lossCents = c;
    }
    const base: FineRule = key !== null ? RULES.fines[key] : { ...CUSTOM_RULE, label: textOfCell(r), labelEn: textOfCell(r) };
    const withScale = custom ? { ...base, amounts: own ?? base.amounts, dismissalFrom: from } : base;
    const ruleNow = threshold === undefined ? withScale : { ...withScale, lossThreshold: threshold };
    const f = fineFor(ruleNow, occ, lossCents);
    return f.dismissal ? DISMISSAL : centsToYuan(f.amount);
  }, [A.rule, A.occurrence, A.loss]);
}

// ─────────────────────────── KPI ───────────────────────────

/** KEFU.CONVERSION: paying / inquiring buyers; "" when nobody inquired (no #DIV/0!). */
export function conversion(payers: unknown, inquiries: unknown): Out[][] {
  return broadcast([toGrid(payers), toGrid(inquiries)], ([p, q]) => {
    const pn = readPeople(p, A.payers);
    if (pn instanceof FnError) return pn;
    const qn = readPeople(q, A.inquiries);
    if (qn instanceof FnError) return qn;
    const v = engineConversion(pn, qn);
    return v === null ? "" : inRange(roundTo(v, BOARD_DIGITS.conversion));
  }, [A.payers, A.inquiries]);
}

/** KEFU.AOV: average order value in yuan (0.01); "" when there are no buyers. */
export function aov(amount: unknown, buyers: unknown): Out[][] {
  return broadcast([toGrid(amount), toGrid(buyers)], ([a, b]) => {
    const cents = readYuan(a, A.amount);
    if (cents instanceof FnError) return cents;
    const n = readPeople(b, A.buyers);
    if (n instanceof FnError) return n;
    const v = engineAov(cents, n);
    return v === null ? "" : inRange(centsToYuan(Math.round(v)));
  }, [A.amount, A.buyers]);
}

/**
 * A quotient of two cell values can overflow (a count of 5E-324 buyers): Excel would show a
 * #NUM! without a word, so say why.
 */
function inRange(v: number): Out {
  return Number.isFinite(v) ? v : invalid("结果超出数值范围：请检查人数是否为正常的数目", "the result is out of range: check that the counts are real numbers of people");
}

/** The precision the performance board shows (src/core/reports/performance.ts), so both agree. */
const BOARD_DIGITS = { conversion: 6, score: 4 };

function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const DEFAULT_CAP = RULES.kpi[0]?.cap ?? 1.2;

const isPercentText = (v: Scalar): boolean => typeof v === "string" && /[%％]\s*$/.test(v);

/** KEFU.SCORE: one KPI's weighted score, as the performance board computes it. */
export function score(actual: unknown, target: unknown, weight: unknown, reverse?: unknown, cap?: unknown): Out[][] {
  const grids = [toGrid(actual), toGrid(target), toGrid(weight), toGrid(reverse), toGrid(cap)];
  return broadcast(grids, ([a, t, w, r, c]) => {
    const av = readCount(a, A.actual);
    if (av instanceof FnError) return av;
    const tv = readCount(t, A.target);
    if (tv instanceof FnError) return tv;
    // A side written as a percentage makes this a rate metric: a bare target of 40 beside "30%"
    // is 4000%, refused as the rules sheet refuses it, not a score of 0.19 out of 25.
    if (isPercentText(a) || isPercentText(t)) {
      const p = rangeProblem(tv, KPI_RATE_TARGET);
      if (p) return invalid(`${A.target.zh} ${quote(t)}：${p.zh}`, `${A.target.en} ${quote(t)}: ${p.en}`);
    }
    const wv = readInRange(w, A.weight, KPI_WEIGHT_RANGE);
    if (wv instanceof FnError) return wv;
    const rv = readFlag(r, A.reverse, false);
    if (rv instanceof FnError) return rv;
    const cv = isBlank(c) ? DEFAULT_CAP : readInRange(c, A.cap, KPI_CAP_RANGE);
    if (cv instanceof FnError) return cv;
    // Weight ≤ 100 and cap ≤ 5 (the rules sheet's ranges) keep the score finite.
    return roundTo(metricScore(av, tv, wv, rv, cv), BOARD_DIGITS.score);
  }, [A.actual, A.target, A.weight, A.reverse, A.cap]);
}

// ─────────────────────────── collected sales ───────────────────────────

const cellCount = (g: Grid): number => g.length * (g[0]?.length ?? 0);

/**
 * KEFU.COLLECTED: collected sales (回款) in yuan over order rows — like SUMPRODUCT, one total.
 * Statuses decide which rows count (closed and unpaid excluded by default, the shop's `excluded`
 * words, or only the statuses listed in `counted`); each row brings paid − refund, never below 0.
 */
/** A status list argument; a cell may list several, as the rules sheet does: 交易成功、卖家已发货，等待买家确认. */
function statusList(v: unknown): string[] | null {
  if (omitted(v)) return null;
  // Blank cells first out: a whole column passed here is a million of them.
  return toGrid(v)
    .flat()
    .filter((c) => !isBlank(c))
    .flatMap((c) => textOfCell(c).split(/[、;；|\n]/))
    .map((x) => normaliseStatus(x))
    .filter((x) => x !== "");
}

export function collected(paid: unknown, refunds: unknown, statuses: unknown, counted?: unknown, excluded?: unknown): Out {
  const gp = toGrid(paid);
  const gr = toGrid(refunds);
  const gs = toGrid(statuses);
  const n = cellCount(gp);
  const whole = wholeLineMismatch([gp, gr, gs], [A.paid, A.refund, A.status]);
  if (whole) return whole;
  if (cellCount(gr) !== n || cellCount(gs) !== n) {
    return invalid(
      `实付、退款、状态三个区域的单元格数须相同（${n}、${cellCount(gr)}、${cellCount(gs)}）`,
      `the paid, refunds and statuses ranges must have the same number of cells (${n}, ${cellCount(gr)}, ${cellCount(gs)})`,
    );
  }
  // A block (several rows AND columns) pairs with the others cell by cell only when they are the
  // same block: B2:C100 selected for the paid column beside a one-column refunds range of the same
  // cell count would otherwise pair the shipping fees with other orders' refunds, silently.
  const dims = [gp, gr, gs].map((g) => [g.length, g[0]?.length ?? 0]);
  const block = dims.some(([r, c]) => r > 1 && c > 1);
  if (block && !dims.every(([r, c]) => r === dims[0][0] && c === dims[0][1])) {
    const shown = dims.map(([r, c]) => `${r}×${c}`).join("、");
    return invalid(
      `实付、退款、状态应各为一列（或一行）；收到 ${shown}（行×列），多选了一列？`,
      `paid, refunds and statuses should each be one column (or one row); got ${shown.replace(/、/g, ", ")} (rows × columns): an extra column selected?`,
    );
  }
  // As the rules sheet's 只计入的状态 / 不计入的状态 (omitted: the handbook's); only-statuses win, as in the engine.
  const rule: Pick<SalesRules, "excludedStatuses" | "onlyStatuses"> = {
    excludedStatuses: statusList(excluded) ?? RULES.sales.excludedStatuses,
    onlyStatuses: statusList(counted) ?? RULES.sales.onlyStatuses,
  };
  const filter = new StatusFilter(rule);
  const width = gp[0]?.length ?? 1;
  const wr = gr[0]?.length ?? 1;
  const ws = gs[0]?.length ?? 1;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const status = gs[Math.floor(k / ws)][k % ws];
    const verdict = filter.verdict(normaliseStatus(status === undefined ? null : status));
    // As the engine (order.status.unknown): an unknown status is not counted and is said, never
    // dropped from the total in silence.
    if (!verdict.known) {
      return invalid(
        `第 ${k + 1} 个单元格：订单状态 ${quote(status)} 不是已知的订单状态，无法判断是否计入回款；应计入的请在 counted 中列出全部应计入的状态，不应计入的列入 excluded`,
        `cell ${k + 1}: the order status ${quote(status)} is not a known one, so whether it counts cannot be told; if such orders count, list every status that counts in counted; if not, list it in excluded`,
      );
    }
    if (!verdict.counts) continue;
    const p = gp[Math.floor(k / width)][k % width];
    const r = gr[Math.floor(k / wr)][k % wr];
    const paidCents = isBlank(p) ? 0 : readMoney(p as string | number);
    const refundCents = isBlank(r) ? 0 : readMoney(r as string | number);
    const bad = badMoney(paidCents, p, A.paid, k) ?? badMoney(refundCents, r, A.refund, k);
    if (bad) return bad;
    total += collectedOf(paidCents as number, refundCents as number, 0, RULES.sales);
  }
  return centsToYuan(total);
}

function badMoney(cents: number | null, v: Scalar, a: typeof A.paid, k: number): FnError | null {
  if (cents !== null && !Number.isNaN(cents) && cents >= 0) return null;
  return invalid(
    `第 ${k + 1} 个单元格：${a.zh} ${quote(v)} 不是非负金额`,
    `cell ${k + 1}: ${a.en} ${quote(v)} is not a non-negative amount`,
  );
}
