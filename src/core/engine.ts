/**
 * The engine's facade: one month's four reports from the imported data and the rules.
 *
 * Pure and deterministic: the same input gives a deep-equal report, and shuffling the input
 * rows changes nothing (every list is sorted by content; ids come from content). Orders are
 * walked in single passes with maps, so a month of a million orders builds in well under two
 * seconds.
 */
import { buildAffiliates } from "./reports/affiliate";
import { buildReturnShipping } from "./reports/returnShipping";
import { salesDays, type AgentSales, type Cents, type Dataset, type MonthStr, type Order, type ShiftDay, type SourceRef } from "./model";
import type { Problem } from "./problems";
import type { Rules } from "./rules/types";
import { OrderAttributor } from "./reports/attribution";
import { countedOrders } from "./reports/counted";
import { scanOrders } from "./reports/ordertable";
import { joinSchedules, summariseAttendance } from "./reports/attendance";
import { dropRepeatedDays, dropRepeatedSales, joinRepeatedDays } from "./reports/repeatedDays";
import { DAY_MS, addMonths, dateOf, isQuarterEnd, monthOf, monthSpan, quarterMonths } from "./reports/calendar";
import { buildCommission } from "./reports/commission";
import { missingDayProblems } from "./reports/pay/schedule";
import { computeClawback, unrecoveredProblem } from "./reports/pay/clawback";
import { boardsFor, readPrevious, type PreviousBoard, type PreviousInput } from "./reports/pay/previous";
import type { YearInfo } from "./reports/pay/yearEnd";
import { rewardsOf } from "./reports/pay/rewards";
import type { ClawbackInput, QuarterInfo } from "./reports/commission";
import { resolveIdentities, shiftAgent } from "./reports/identity";
import { compareCodes, compareSources, compareText } from "./reports/order";
import { assignIds, attendanceViolations, buildLedger, incidentViolations } from "./reports/penalties";
import { buildPerformance, chatByAgent, missingChatProblem } from "./reports/performance";
import { buildReconciliation, restDaysOf } from "./reports/reconciliation";
import { longTextProblems } from "./reports/text";
import { outsideMonthProblems } from "./reports/outside";
import { rosterProblems } from "./reports/rosterChecks";
import type { CountedColumns, CountedOrder, ManagerState, MonthReport } from "./reports/types";
import { problem } from "./problems";
import { plausibleTime } from "./import/cells";
import { formatYuan } from "./rules/money";

export interface BuildOptions {
  month: MonthStr;
  /** Waivers, remarks and adjustments keyed by row id (carried over from the last build). */
  manager?: ManagerState;
  /** Problems from the import, listed first in the report. */
  importProblems?: Problem[];
  /**
   * Last month's board (workbook cells or JSON): its credited orders' late refunds are clawed back
   * (追回). In December, the year's earlier boards too (the year-end commission's year).
   */
  previous?: PreviousInput | PreviousInput[];
  /**
   * Keep no order object in the report (`countedColumns.orders` absent; reading `counted` throws):
   * for a host that only writes the workbook and the JSON, which read the columns — a million
   * orders' objects are then garbage once the build returns (~300 MB of a 1M month's heap).
   */
  lean?: boolean;
  /**
   * A lean build only: the build consumes the dataset's orders. Once it has read them for the last
   * time (the scan, last month's clawback, the affiliate orders) it empties `data.orders` and calls
   * this, before the reconciliation, the pay and the sheets are made. A host holding no other
   * reference to the import can collect there: a million orders' objects (~350 MB) then leave
   * before the rest of the build grows the heap, not after (the command line does, src/cli/heap.ts).
   */
  afterOrders?: () => void;
  /**
   * Called once the counted orders' columns are final, before the reconciliation, the pay and
   * the sheets are made (after `afterOrders`): 订单明细's rows are known then, and a host can
   * write them on another thread meanwhile (finishBuild's `onCounted`).
   */
  onCounted?: (cols: CountedColumns) => void;
}

/** 排班 and 打卡 from two files, joined by agent and day: said once, naming both files. */
function joinedProblem(joined: readonly { schedule: ShiftDay; punch: ShiftDay }[]): Problem {
  const first = joined[0];
  const files = (pick: (j: { schedule: ShiftDay; punch: ShiftDay }) => ShiftDay) => [...new Set(joined.map((j) => pick(j).source.file))].join("、");
  return problem("info", "attendance.joined", { file: first.punch.source.file, sheet: first.punch.source.sheet }, joined.length,
    `排班（${files((j) => j.schedule)}）与打卡（${files((j) => j.punch)}）分开给出：按客服和日期合并了 ${joined.length} 天，以排班的班次判断打卡的迟到、早退`,
    `the schedule (${files((j) => j.schedule)}) and the punches (${files((j) => j.punch)}) come in separate files: ${joined.length} agent-days were joined by agent and date, the punches judged against the schedule's shift`);
}

/**
 * Sales rows whose period reaches beyond the month (2026-09-16~2026-10-15): counted whole, as a
 * period's figures cannot be split by day; one warning names them.
 */
function straddlingProblem(rows: readonly AgentSales[], month: MonthStr): Problem {
  const s = rows[0];
  const period = `${s.period!.from}~${s.period!.to}`;
  return problem("warning", "sales.period.straddles", s.source, period,
    `客服绩效有 ${rows.length} 行的统计时段（如 ${period}）超出 ${month}：按整段计入本月（时段内的数字无法按天拆分）；请导出 ${month} 整月的数据`,
    `${rows.length} sales rows cover a period (e.g. ${period}) reaching beyond ${month}: counted whole in this month (a period's figures cannot be split by day); export ${month} alone`);
}

/** A row naming no agent at all is skipped, and said so. */
function unnamed(at: SourceRef, zh: string, en: string): Problem {
  return problem(
    "warning",
    "row.agent.missing",
    { file: at.file, sheet: at.sheet, row: at.row },
    "",
    `${zh}行没有客服工号、姓名或旺旺名，已跳过`,
    `The ${en} row names no agent (staff number, name or nick); skipped`,
  );
}

/**
 * The previous boards given (one, or the year's earlier ones): those read, and of them those fit
 * for `month` (`used`); null when none was given.
 */
function readBoards(month: MonthStr, input: PreviousInput | readonly PreviousInput[] | undefined, own: Problem[]): { used: PreviousBoard[]; read: PreviousBoard[] } | null {
  if (input === undefined) return null;
  const list = Array.isArray(input) ? input : [input as PreviousInput];
  if (list.length === 0) return null;
  const read: PreviousBoard[] = [];
  for (const i of list) {
    const b = readPrevious(i, own);
    if (b !== null) read.push(b);
  }
  return { used: boardsFor(month, read, own), read };
}

/**
 * Last month's late refunds recovered from its board; without any board, one 问题 line saying
 * what was not recovered. Boards given but none of the month before: refused, located.
 */
function clawbackFor(
  month: MonthStr,
  data: Dataset,
  given: { used: PreviousBoard[]; read: PreviousBoard[] } | null,
  targets: ReadonlyMap<string, number>,
  rules: Rules,
  own: Problem[],
): ClawbackInput | null {
  if (given === null) {
    const p = unrecoveredProblem(month, data, rules);
    if (p) own.push(p);
    return null;
  }
  const want = addMonths(month, -1);
  const prev = given.used.find((b) => b.month === want);
  if (!prev) {
    // Named from every board read, used or not: the months the manager gave.
    const boards = given.read;
    if (boards.length > 0) {
      const months = boards.map((x) => x.month).join("、");
      own.push(
        problem(
          "error",
          "previous.month",
          { file: boards[0].file, sheet: "" },
          months,
          `给出的看板是 ${months} 的，没有 ${month} 的上一个月 ${want}；未追回`,
          `The boards given are for ${months}, none for ${want} (the month before ${month}); nothing recovered`,
        ),
      );
    }
    return null;
  }
  const byAgent = computeClawback(prev, data, (a) => targets.get(a) ?? rules.pay.defaultTarget, rules, own);
  return { month: prev.month, byAgent };
}

/**
 * Per agent Σ collected of one earlier month's board, each order as the following month's clawback
 * left it: last month's by this month's clawback, an older month's by the next board's record of
 * its own (else a refund recovered there would earn quarterly / year-end commission all the same).
 */
function boardCollected(b: PreviousBoard, clawback: ClawbackInput | null, boards: readonly PreviousBoard[], into: Map<string, number>): void {
  const corrected = new Map<string, number>();
  if (b.month === clawback?.month) for (const c of clawback.byAgent.values()) for (const o of c.orders) corrected.set(o.orderId, o.after);
  else {
    const next = boards.find((x) => x.month === addMonths(b.month, 1));
    if (next) for (const [id, after] of next.clawedBack) corrected.set(id, after);
  }
  for (const c of b.credited.values()) {
    const v = corrected.get(c.orderId) ?? c.collected;
    into.set(c.agent, (into.get(c.agent) ?? 0) + v);
  }
}

/** December: the year's earlier months from their boards (last month's as the clawback corrected it). */
function yearFor(month: MonthStr, boards: PreviousBoard[] | null, clawback: ClawbackInput | null): YearInfo | null {
  if (!month.endsWith("-12")) return null;
  const year = Number(month.slice(0, 4));
  const earlier = new Map<string, number>();
  const missing: MonthStr[] = [];
  for (let m = 1; m < 12; m++) {
    const mm = `${year}-${String(m).padStart(2, "0")}`;
    const b = boards?.find((x) => x.month === mm);
    if (b) boardCollected(b, clawback, boards!, earlier);
    else missing.push(mm);
  }
  return { year, earlier, missing };
}

/**
 * A quarter's last month: the quarter's collected per agent. Order data covering the whole
 * quarter is used as it is (it holds every order's latest state); otherwise the quarter's earlier
 * months come from their boards — last month's as the clawback corrected it — plus this month's
 * collected. Months in neither are named, never guessed.
 */
function quarterFor(month: MonthStr, cm: { quarter: Map<string, Cents> | null; quarterMissing: MonthStr[] }, totals: ReadonlyMap<string, { collected: Cents }>, boards: PreviousBoard[] | null, clawback: ClawbackInput | null): QuarterInfo {
  if (!isQuarterEnd(month)) return { quarterEnd: false, collected: null, missing: [] };
  if (cm.quarterMissing.length === 0) return { quarterEnd: true, collected: cm.quarter, missing: [] };
  const earlierMonths = quarterMonths(month).filter((m) => m !== month);
  const noBoard = earlierMonths.filter((m) => !boards?.some((b) => b.month === m));
  if (noBoard.length > 0) {
    // Name the months in neither the orders nor a board; the data is not split by month, so a
    // quarter half in the orders and half in boards names the months without a board.
    const neither = noBoard.filter((m) => cm.quarterMissing.includes(m));
    return { quarterEnd: true, collected: null, missing: neither.length > 0 ? neither : noBoard };
  }
  const collected = new Map<string, Cents>();
  for (const m of earlierMonths) boardCollected(boards!.find((b) => b.month === m)!, clawback, boards!, collected);
  for (const [agent, t] of totals) if (t.collected !== 0) collected.set(agent, (collected.get(agent) ?? 0) + t.collected);
  return { quarterEnd: true, collected, missing: [] };
}

function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = out.get(k);
    if (l) l.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/** A broken invariant is a bug in the engine, never bad input: fail loudly. */
function invariant(ok: boolean, what: string): void {
  if (!ok) throw new Error(`KefuBoard invariant violated: ${what}`);
}

function compareProblems(a: Problem, b: Problem): number {
  return (
    compareText(a.code, b.code) ||
    compareText(a.file, b.file) ||
    compareText(a.sheet, b.sheet) ||
    (a.row ?? 0) - (b.row ?? 0) ||
    compareText(a.column ?? "", b.column ?? "") ||
    compareText(a.value, b.value)
  );
}

/**
 * Builds the month's reports.
 * @example
 *   const report = buildMonth(data, defaultRules(), { month: "2026-10" });
 *   report.commission[0].netPay // cents
 */
export function buildMonth(data: Dataset, rules: Rules, opts: BuildOptions): MonthReport {
  const span = monthSpan(opts.month);
  const month = span.month;
  const manager = opts.manager ?? {};
  const own: Problem[] = [];
  const first = dateOf(span.start);
  const last = dateOf(span.end - DAY_MS);
  const inMonth = (d: string | null) => d !== null && d >= first && d <= last;

  const identity = resolveIdentities(data);
  own.push(...identity.problems);
  own.push(...longTextProblems(data));
  own.push(...outsideMonthProblems(data, month));
  own.push(...rosterProblems(data, identity, rules, month));
  const agentMap = identity.byStaffNo;

  // Attendance of the month, per resolved agent.
  const shiftRows: { sd: ShiftDay; agent: string }[] = [];
  for (const sd of data.shifts) {
    if (!inMonth(sd.date)) continue;
    const agent = shiftAgent(identity, sd);
    if (agent !== null) shiftRows.push({ sd, agent });
    else own.push(unnamed(sd.source, "考勤", "attendance"));
  }
  const copies = dropRepeatedDays(shiftRows);
  own.push(...copies.problems);
  const schedules = joinSchedules(copies.rows);
  if (schedules.joined.length > 0) own.push(joinedProblem(schedules.joined));
  const oneDay = joinRepeatedDays(schedules.rows);
  own.push(...oneDay.problems);
  const attendance = summariseAttendance(oneDay.rows, rules.shifts, data.shifts);
  const judged = Array.from(attendance.values()).flatMap((s) => s.days);
  judged.sort((a, b) => compareCodes(a.agent, b.agent) || compareText(a.date, b.date) || compareSources(a.source, b.source));

  // Violations: ids over all incidents (credit removal may name an order of another month).
  const violations = assignIds(incidentViolations(data.incidents, identity, rules, own).concat(attendanceViolations(judged)));
  const credit = new Map<string, string>();
  for (const v of violations) {
    if (v.orderId !== null && rules.fines[v.rule].removesCredit && !credit.has(v.orderId)) credit.set(v.orderId, v.id);
  }
  const ledger = buildLedger(
    violations.filter((v) => inMonth(v.date)),
    rules,
    agentMap,
    manager,
  );

  // Orders: count, attribute, collect.
  const attributor = new OrderAttributor(identity, rules.attribution);
  const quarterEnd = isQuarterEnd(month);
  const cm = scanOrders(data.orders, data.shipMismatches ?? null, month, rules, attributor, credit, quarterEnd, !opts.lean);
  // The orders' last readers, here so a lean build can let them go (their problems keep their place).
  const boardProblems: Problem[] = [];
  const given = readBoards(month, opts.previous, boardProblems);
  const clawback = clawbackFor(month, data, given, identity.targets, rules, boardProblems);
  const boards = given?.used ?? null;
  const affiliates = data.affiliates ? buildAffiliates(data.affiliates, data.orders, rules.affiliate, month) : null;
  if (opts.lean && opts.afterOrders) {
    data.orders = [];
    opts.afterOrders();
  }
  opts.onCounted?.(cm.cols);
  for (const p of cm.textProblems) own.push(p);
  for (const v of violations) {
    if (v.orderId === null || !rules.fines[v.rule].removesCredit || cm.creditFound.has(v.orderId)) continue;
    own.push(
      problem(
        "warning",
        "incident.order.unknown",
        { file: v.source.file, sheet: v.source.sheet, row: v.source.row, column: "订单编号" },
        v.orderId,
        "违规记录所指订单不在订单数据中，无法扣除该单业绩",
        "The incident's order is not in the order data; its sales credit cannot be removed",
      ),
    );
  }
  const totals = cm.totals;
  const unattributed = cm.unattributed;
  // Read through a local: a getter naming `cm` would keep the whole order table alive with the report.
  const attributionsOf = cm.attributions;
  const cols = cm.cols;
  let counted: CountedOrder[] | null = null;
  const countedOf = () => (counted ??= countedOrders(cols, unattributed));
  let agentSum = 0;
  for (const t of totals.values()) agentSum += t.collected;
  let unattributedSum = 0;
  for (const c of unattributed) unattributedSum += c.collected;
  invariant(agentSum + unattributedSum === cm.shopCollected, `Σ agents ${agentSum} + unattributed ${unattributedSum} ≠ shop ${cm.shopCollected}`);

  // The sales export, per agent, in content order (float sums must not depend on row order).
  const chatRead: { s: AgentSales; agent: string }[] = [];
  const straddling: AgentSales[] = [];
  for (const s of data.sales) {
    const days = salesDays(s);
    if (days !== null && (days.to < first || days.from > last)) continue;
    if (days !== null && (days.from < first || days.to > last)) straddling.push(s);
    const agent = identity.resolve(s.nick);
    if (agent !== null) chatRead.push({ s, agent });
    else if (!identity.ambiguousNick(s.nick)) own.push(unnamed(s.source, "客服绩效", "sales"));
  }
  chatRead.sort((a, b) => compareCodes(a.agent, b.agent) || compareText(a.s.date ?? "", b.s.date ?? "") || compareSources(a.s.source, b.s.source));
  if (straddling.length > 0) own.push(straddlingProblem(straddling, month));
  const chatOnce = dropRepeatedSales(chatRead);
  own.push(...chatOnce.problems);
  const chatRows = chatOnce.rows;

  const performance = buildPerformance(identity.agents, totals, chatByAgent(chatRows), attendance, ledger.rows, rules);
  const noChat = missingChatProblem(performance, data.roster, rules, first, last);
  if (noChat) own.push(noChat);
  const recon = buildReconciliation(cm, rules, chatRows, agentMap, restDaysOf(judged));
  let daySum = 0;
  for (const d of recon.days) daySum += d.attributedAmount + d.unattributedAmount;
  invariant(daySum === cm.shopCollected, `Σ days ${daySum} ≠ shop ${cm.shopCollected}`);

  own.push(...boardProblems);
  const commission = buildCommission({
    span,
    agents: identity.agents,
    roster: new Map(data.roster.map((r) => [r.staffNo, r])),
    totals,
    attendance,
    penalties: ledger.rows,
    quarter: quarterFor(month, cm, totals, boards, clawback),
    targets: identity.targets,
    rules,
    manager,
    clawback,
    year: yearFor(month, boards, clawback),
    rewards: groupBy(rewardsOf(data.incidents, inMonth, (k) => identity.resolve(k), rules.pay, own), (r) => r.agent),
  });
  if (clawback) {
    const paid = new Set(commission.map((c) => c.agent.staffNo));
    for (const c of clawback.byAgent.values()) {
      if (paid.has(c.agent)) continue;
      own.push(
        problem(
          "warning",
          "clawback.agent.gone",
          { file: "", sheet: "" },
          c.agent,
          `${c.agent} 上月订单退款应追回 ${formatYuan(-c.amount)}，但本月看板没有该客服（已离职？）：请手工处理`,
          `${c.agent} owes ${formatYuan(-c.amount)} for last month's refunded orders but is not on this month's board (left?): settle it by hand`,
        ),
      );
    }
  }
  own.push(...missingDayProblems(commission, data.shifts.length > 0 ? data.shifts[0].source : null));
  let fineSum = 0;
  for (const c of commission) fineSum += c.fines;
  invariant(fineSum === ledger.fund, `Σ agents' fines ${fineSum} ≠ fund ${ledger.fund}`);

  if (unattributed.length > 0) {
    own.push(
      problem(
        "info",
        "orders.unattributed",
        { file: "", sheet: "" },
        unattributed.length,
        `${unattributed.length} 笔计入本月的订单备注中没有客服工号，未计入任何客服（见每日对账）`,
        `${unattributed.length} counted orders carry no agent code in the note and are credited to nobody (see the reconciliation)`,
      ),
    );
  }
  if (affiliates) own.push(...affiliates.problems);
  const shipping = data.returnShipping ? buildReturnShipping(data.returnShipping, rules.returnShipping, month) : null;
  if (shipping && shipping.outside > 0) {
    const at = data.returnShipping![0].source;
    own.push(
      problem("info", "shipping.outside_month", { file: at.file, sheet: at.sheet }, shipping.outside,
        `${shipping.outside} 条运费补贴不在 ${month}，未计入`, `${shipping.outside} return-shipping claims are not in ${month} and are not counted`),
    );
  }
  own.sort(compareProblems);

  return {
    month,
    rules,
    ...(affiliates ? { affiliates: affiliates.lines } : {}),
    ...(shipping ? { returnShipping: shipping.lines } : {}),
    agents: identity.agents,
    performance,
    penalties: ledger.rows,
    fund: ledger.fund,
    days: recon.days,
    dayAgentDiffs: recon.dayAgentDiffs,
    lateOrders: recon.late,
    commission,
    get counted() {
      return countedOf();
    },
    get attributions() {
      return attributionsOf();
    },
    unattributed,
    shopCollected: cm.shopCollected,
    shopSpellings: cm.shopSpellings,
    countedColumns: cols,
    attendance: judged,
    selfAudit: cm.selfAudit,
    asOf: cm.asOf,
    problems: (opts.importProblems ?? []).concat(own),
  };
}

/**
 * The month most paid orders fall in (ties: the later month); null when no order was paid.
 * @example pickMonth(orders) // "2026-10"
 */
export function pickMonth(orders: readonly Pick<Order, "paidAt">[]): MonthStr | null {
  const byDay = new Map<number, number>();
  for (const o of orders) {
    // Orders reach here from hosts that did not import them (the pane, a custom function): a
    // 9999-12-31 placeholder must not outvote a month, nor one stray row pick 9999-12 alone.
    if (o.paidAt === null || !plausibleTime(o.paidAt)) continue;
    const d = Math.floor(o.paidAt / DAY_MS);
    byDay.set(d, (byDay.get(d) ?? 0) + 1);
  }
  const byMonth = new Map<MonthStr, number>();
  for (const [d, n] of byDay) {
    const m = monthOf(d * DAY_MS);
    byMonth.set(m, (byMonth.get(m) ?? 0) + n);
  }
  let best: MonthStr | null = null;
  let bestN = 0;
  for (const [m, n] of byMonth) {
    if (n > bestN || (n === bestN && best !== null && m > best)) {
      best = m;
      bestN = n;
    }
  }
  return best;
}

