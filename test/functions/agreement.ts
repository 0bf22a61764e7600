/**
 * "One rule, one implementation": recomputes a built month's figures with the KEFU.* functions,
 * fed the way a manager's sheet would feed them (yuan, time values, text), and lists every
 * figure where a formula would disagree with the engine's report. Shared by the hand-built and
 * the sample-data agreement tests.
 */
import type { Dataset, Order, WallTime } from "../../src/core/model";
import type { MonthReport } from "../../src/core/reports/types";
import { rulesToRows } from "../../src/core/rules/sheet";
import * as K from "../../src/functions/impl";
import { FnError, type Out } from "../../src/functions/values";

const yuan = (c: number): number => c / 100;
const col = <T>(xs: T[]): T[][] => xs.map((x) => [x]);
/** A WallTime's clock time as an Excel time value (fraction of a day). */
const excelTime = (t: WallTime): number => (((t % 86_400_000) + 86_400_000) % 86_400_000) / 86_400_000;
const hhmm = (m: number): string => `${String(Math.floor((m % 1440) / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

function show(v: Out): string {
  return v instanceof FnError ? `${v.code} ${v.message}` : JSON.stringify(v);
}

export interface AgreementCounts {
  commission: number;
  agent: number;
  collected: number;
  fine: number;
  late: number;
  early: number;
  kpi: number;
}

/**
 * The rules sheet (规则) as the workbook holds it; `cells(key)` are the C… cells of the rows
 * with that key, i.e. the ranges a manager's formulas reference (规则!C26:D30 for the tiers).
 */
function rulesSheet(rules: MonthReport["rules"]) {
  const rows = rulesToRows(rules);
  const cells = (key: string, from = 2, to = 8): (string | number)[][] => {
    const hit = rows.filter((r) => r[1] === key).map((r) => r.slice(from, to));
    if (hit.length === 0) throw new Error(`the rules sheet has no row ${key}`);
    return hit;
  };
  return { cells, value: (key: string) => cells(key, 2, 3) };
}

/**
 * Mismatches between the report and the formulas (empty = agreement), and how many figures
 * were compared per function (a check that compared nothing proves nothing). Every rule
 * argument comes from the rules sheet, as a manager's formulas would reference it.
 */
export function disagreements(
  report: MonthReport,
  data: Dataset,
  opts: { exportVerdicts?: boolean } = {},
): { mismatches: string[]; counts: AgreementCounts } {
  const bad: string[] = [];
  const counts: AgreementCounts = { commission: 0, agent: 0, collected: 0, fine: 0, late: 0, early: 0, kpi: 0 };
  const rules = report.rules;
  const c = rules.commission;
  const sheet = rulesSheet(rules);
  const tiersRange = sheet.cells("commission.tier", 2, 4); // 下限(元) | 比例, as "2.5%" text
  const mode = sheet.value("commission.mode"); // 全额累进 / 超额累进
  const which = sheet.value("attribution.mode"); // 首个工号 / 最后工号

  // KEFU.COMMISSION / TIERRATE of each agent's collected = the commission sheet (one call, a column).
  if (c.basis === "amount") {
    const rows = report.commission;
    const collectedCol = col(rows.map((r) => yuan(r.collected)));
    const maxRate = sheet.value("commission.maxRate"); // "" (none) or "2%"
    const com = K.commission(collectedCol, tiersRange, mode, maxRate);
    const rate = K.tierRate(collectedCol, tiersRange, maxRate);
    rows.forEach((r, i) => {
      counts.commission++;
      if (com[i][0] !== yuan(r.commission)) bad.push(`COMMISSION ${r.agent.staffNo}: ${show(com[i][0])} ≠ ${yuan(r.commission)}`);
      if (rate[i][0] !== r.tierRate) bad.push(`TIERRATE ${r.agent.staffNo}: ${show(rate[i][0])} ≠ ${r.tierRate}`);
    });
  }

  // KEFU.AGENT of each counted order's note (one whole-column call) = the engine's attribution.
  const byId = new Map<string, Order>(data.orders.map((o) => [o.id, o]));
  const roster = data.roster.map((a) => [a.staffNo, a.name]);
  const attributed = report.attributions.filter((a) => !byId.get(a.orderId)?.salesperson);
  const agents = K.agent(col(attributed.map((a) => byId.get(a.orderId)!.note)), roster, which);
  attributed.forEach((a, i) => {
    counts.agent++;
    if (agents[i][0] !== (a.agent ?? "")) bad.push(`AGENT ${a.orderId} "${byId.get(a.orderId)!.note}": ${show(agents[i][0])} ≠ ${a.agent ?? ""}`);
  });

  // KEFU.COLLECTED over an agent's orders of the month = the agent's collected. Every order paid
  // in the month is in the ranges (closed and unpaid too: the status rule is the formula's);
  // an order whose credit an incident removed is left out, as a manager would.
  const removed = new Set(report.counted.filter((x) => x.creditRemovedBy !== null).map((x) => x.order.id));
  const monthOrders = data.orders.filter(
    (o) => o.paidAt !== null && new Date(o.paidAt).toISOString().slice(0, 7) === report.month && !removed.has(o.id),
  );
  const agentOfOrder = new Map(report.attributions.map((a) => [a.orderId, a.agent]));
  const noteAgent = K.agent(col(monthOrders.map((o) => o.note)), roster, which);
  // The sheet's agent column: KEFU.AGENT of the note, else (like =IF(x="", 业务员, x)) the ERP's.
  const sheetAgent = monthOrders.map((o, i) => noteAgent[i][0] || (o.salesperson ? (agentOfOrder.get(o.id) ?? "") : ""));
  for (const row of report.commission) {
    const staff = row.agent.staffNo;
    if (rules.sales.excludeShipping || rules.sales.dateBasis !== "paid") continue;
    const mine = monthOrders.filter((_, i) => sheetAgent[i] === staff);
    const total = K.collected(
      col(mine.map((o) => yuan(o.paid))),
      col(mine.map((o) => yuan(o.refund))),
      col(mine.map((o) => o.status)),
      sheet.value("sales.onlyStatuses"), // "" or "交易成功、…", one cell
      sheet.value("sales.excludedStatuses"), // "交易关闭、等待买家付款、未付款" or the shop's
    );
    counts.collected++;
    if (total !== yuan(row.collected)) bad.push(`COLLECTED ${staff}: ${show(total)} ≠ ${yuan(row.collected)}`);
  }

  // KEFU.FINE(rule, occurrence, loss) = each ledger row's amount or dismissal.
  const incidentAt = new Map(data.incidents.map((inc) => [`${inc.source.file}|${inc.source.sheet}|${inc.source.row}`, inc]));
  for (const p of report.penalties) {
    const inc = incidentAt.get(`${p.source.file}|${p.source.sheet}|${p.source.row}`);
    const loss = inc?.loss ?? null;
    // The rule's row of the rules sheet: 第1次 | 第2次起, and 开除起始次数.
    // 第1次 | 第2次起 | 开除起始次数 | 扣业绩 | 损失阈值 (C–G).
    const row = sheet.cells(`fine.${p.rule}`, 2, 7)[0];
    const v = one(K.fine([[p.rule]], [[p.occurrence]], loss === null ? undefined : [[yuan(loss)]], [row.slice(0, 2)], [[row[2]]], [[row[4]]]));
    const expected = p.dismissal ? K.DISMISSAL : yuan(p.amount);
    counts.fine++;
    if (v !== expected) bad.push(`FINE ${p.rule} #${p.occurrence} (${p.agent.staffNo}): ${show(v)} ≠ ${expected}`);
  }

  // KEFU.LATE / EARLY on each punch = the attendance judgement (computed days only).
  const judged = new Map((report.attendance ?? []).map((d) => [`${d.agent}|${d.date}`, d]));
  for (const sd of data.shifts) {
    const d = judged.get(`${sd.staffNo}|${sd.date}`);
    // Days the attendance app judged carry its minutes; compared only when asked (exportVerdicts).
    if (!d || !d.shift || d.rest || (d.fromExport && !opts.exportVerdicts)) continue;
    const start = hhmm(d.shift.start);
    const grace = sheet.value("shifts.graceMinutes");
    if (sd.clockIn !== null) {
      const v = one(K.late([[excelTime(sd.clockIn)]], [[start]], grace));
      counts.late++;
      if (v !== (d.lateMinutes ?? 0)) bad.push(`LATE ${sd.staffNo} ${sd.date}: ${show(v)} ≠ ${d.lateMinutes ?? 0}`);
    }
    if (sd.clockOut !== null) {
      const v = one(K.early([[excelTime(sd.clockOut)]], [[hhmm(d.shift.end)]], [[start]], grace));
      counts.early++;
      if (v !== (d.earlyMinutes ?? 0)) bad.push(`EARLY ${sd.staffNo} ${sd.date}: ${show(v)} ≠ ${d.earlyMinutes ?? 0}`);
    }
  }

  // KEFU.CONVERSION / AOV / SCORE = the performance board.
  for (const r of report.performance) {
    const conv = one(K.conversion([[r.payers]], [[r.inquiries]]));
    const aov = one(K.aov([[yuan(r.sales)]], [[r.payers]]));
    counts.kpi++;
    if (conv !== (r.conversion ?? "")) bad.push(`CONVERSION ${r.agent.staffNo}: ${show(conv)} ≠ ${r.conversion}`);
    if (aov !== (r.aov === null ? "" : yuan(r.aov))) bad.push(`AOV ${r.agent.staffNo}: ${show(aov)} ≠ ${r.aov}`);
    for (const part of r.kpiParts) {
      if (part.value === null) continue;
      // 权重 | 目标 | 越低越好 | 封顶倍数; money targets are in yuan there, so the actual is too.
      const [weight, target, reverse, cap] = sheet.cells(`kpi.${part.metric}`, 2, 6)[0];
      const actual = part.metric === "collected" || part.metric === "aov" ? yuan(part.value) : part.value;
      const s = one(K.score([[actual]], [[target]], [[weight]], [[reverse]], [[cap]]));
      counts.kpi++;
      if (s !== part.score) bad.push(`SCORE ${r.agent.staffNo} ${part.metric}: ${show(s)} ≠ ${part.score}`);
    }
  }
  return { mismatches: bad, counts };
}

function one(g: Out[][]): Out {
  return g[0][0];
}
