/**
 * Performance board (绩效看板): per agent for the month — orders, sales, refunds, collected,
 * buyers, average order value, inquiries / paying buyers / conversion and response time from
 * the sales export, attendance and complaint counts, fines, a weighted KPI score and the rank.
 */
import type { Agent, AgentSales, Cents, DateStr, SourceRef } from "../model";
import { problem, type Problem } from "../problems";
import { aov as aovOf, conversion as conversionOf, KPI_METRICS, metricScore } from "../rules/kpi";
import type { KpiMetric, Rules } from "../rules/types";
import type { AttendanceSummary } from "./attendance";
import { emptyAttendance } from "./attendance";
import { compareCodes } from "./order";
import type { OrderTotals } from "./ordertable";
import type { AgentRef, PenaltyRow, PerformanceRow } from "./types";

export interface ChatTotals {
  inquiries: number;
  payers: number;
  avgResponseSec: number | null;
  sources: SourceRef[];
}

/** Sales-export rows of the month per agent; response time weighted by inquiries. */
export function chatByAgent(rows: readonly { s: AgentSales; agent: string }[]): Map<string, ChatTotals> {
  const acc = new Map<string, { inq: number; pay: number; wSum: number; wInq: number; plain: number; plainN: number; sources: SourceRef[] }>();
  for (const { s, agent } of rows) {
    let a = acc.get(agent);
    if (!a) acc.set(agent, (a = { inq: 0, pay: 0, wSum: 0, wInq: 0, plain: 0, plainN: 0, sources: [] }));
    a.inq += s.inquiries;
    a.pay += s.payers;
    if (s.avgResponseSec !== null) {
      if (s.inquiries > 0) {
        a.wSum += s.avgResponseSec * s.inquiries;
        a.wInq += s.inquiries;
      }
      a.plain += s.avgResponseSec;
      a.plainN++;
    }
    a.sources.push(s.source);
  }
  const out = new Map<string, ChatTotals>();
  for (const [agent, a] of acc) {
    const avg = a.wInq > 0 ? a.wSum / a.wInq : a.plainN > 0 ? a.plain / a.plainN : null;
    out.set(agent, { inquiries: a.inq, payers: a.pay, avgResponseSec: avg === null ? null : round(avg, 2), sources: a.sources });
  }
  return out;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const scaled = x * f;
  // A figure this large has no fraction left to round; scaling it would overflow to Infinity.
  return Number.isFinite(scaled) ? Math.round(scaled) / f : x;
}

const roundCents = (x: number | null): Cents | null => (x === null ? null : Math.round(x));

export function buildPerformance(
  agents: readonly AgentRef[],
  totals: ReadonlyMap<string, OrderTotals>,
  chat: ReadonlyMap<string, ChatTotals>,
  attendance: ReadonlyMap<string, AttendanceSummary>,
  penalties: readonly PenaltyRow[],
  rules: Rules,
): PerformanceRow[] {
  const complaints = new Map<string, number>();
  const fines = new Map<string, Cents>();
  const penaltyIds = new Map<string, string[]>();
  for (const p of penalties) {
    const k = p.agent.staffNo;
    const ids = penaltyIds.get(k);
    if (ids) ids.push(p.id);
    else penaltyIds.set(k, [p.id]);
    if (p.rule === "complaint") complaints.set(k, (complaints.get(k) ?? 0) + 1);
    fines.set(k, (fines.get(k) ?? 0) + p.effective);
  }
  const rows: PerformanceRow[] = agents.map((agent) => {
    const t = totals.get(agent.staffNo) ?? { orders: 0, paying: 0, sales: 0, refunds: 0, collected: 0, buyers: 0, orderIds: [] };
    const c = chat.get(agent.staffNo) ?? { inquiries: 0, payers: 0, avgResponseSec: null, sources: [] };
    const att = attendance.get(agent.staffNo) ?? emptyAttendance();
    const refundRate = t.sales > 0 ? round(t.refunds / t.sales, 6) : null;
    const conversion = conversionOf(c.payers, c.inquiries);
    // 客单价 = sales / paying buyers (domain: the board's 销售额 over the chat export's 最终付款人数,
    // the same payers as the conversion): null when nobody paid, like the conversion at 0 inquiries.
    const aov = roundCents(aovOf(t.sales, c.payers));
    const values: Record<KpiMetric, number | null> = {
      collected: t.collected,
      conversion,
      aov,
      avgResponseSec: c.avgResponseSec,
      refundRate,
      complaints: complaints.get(agent.staffNo) ?? 0,
      lateCount: att.lateCount,
    };
    const kpiParts = rules.kpi.map((k) => {
      const value = values[k.metric] ?? null;
      return { metric: k.metric, value, score: round(metricScore(value, k.target, k.weight, k.reverse, k.cap), 4) };
    });
    const kpiScore = round(
      kpiParts.reduce((s, p) => s + p.score, 0),
      2,
    );
    return {
      agent,
      orders: t.orders,
      sales: t.sales,
      refunds: t.refunds,
      collected: t.collected,
      refundRate,
      buyers: t.buyers,
      aov,
      inquiries: c.inquiries,
      payers: c.payers,
      conversion: conversion === null ? null : round(conversion, 6),
      avgResponseSec: c.avgResponseSec,
      lateCount: att.lateCount,
      earlyCount: att.earlyCount,
      absenceDays: att.absenceDays,
      complaints: complaints.get(agent.staffNo) ?? 0,
      fines: fines.get(agent.staffNo) ?? 0,
      kpiScore,
      kpiParts,
      rank: 0,
      orderIds: t.orderIds,
      salesSources: c.sources,
      attendanceSources: att.days.map((d) => d.source),
      penaltyIds: penaltyIds.get(agent.staffNo) ?? [],
    };
  });
  rows.sort((a, b) => b.kpiScore - a.kpiScore || compareCodes(a.agent.staffNo, b.agent.staffNo));
  for (let i = 0; i < rows.length; i++) {
    rows[i].rank = i > 0 && rows[i].kpiScore === rows[i - 1].kpiScore ? rows[i - 1].rank : i + 1;
  }
  return rows;
}

/** The KPI parts only the sales export (客服绩效) gives: without its rows an agent scores 0 on them. */
const CHAT_METRICS: readonly KpiMetric[] = ["conversion", "aov", "avgResponseSec"];

/**
 * One warning naming the roster's agents employed in the month whom the sales export never names
 * (a 旺旺 spelled otherwise in the roster, an agent left out of the export): their conversion, AOV
 * and response-time parts score 0 and the rank falls, which the board alone does not say.
 */
export function missingChatProblem(
  rows: readonly PerformanceRow[],
  roster: readonly Agent[],
  rules: Rules,
  firstDay: DateStr,
  lastDay: DateStr,
): Problem | null {
  const parts = rules.kpi.filter((k) => k.weight > 0 && CHAT_METRICS.includes(k.metric));
  if (parts.length === 0) return null;
  const byNo = new Map(roster.map((a) => [a.staffNo, a]));
  const missing = rows.filter((r) => {
    const a = byNo.get(r.agent.staffNo);
    if (!r.agent.inRoster || !a || r.salesSources.length > 0) return false;
    return (a.hiredOn === null || a.hiredOn <= lastDay) && (!a.leftOn || a.leftOn >= firstDay);
  });
  if (missing.length === 0) return null;
  const names = missing.map((r) => `${r.agent.staffNo} ${r.agent.name}${r.agent.nick ? `（${r.agent.nick}）` : ""} KPI ${r.kpiScore}，第 ${r.rank} 名`);
  const namesEn = missing.map((r) => `${r.agent.staffNo}${r.agent.nick ? ` (${r.agent.nick})` : ""} KPI ${r.kpiScore}, rank ${r.rank}`);
  const zhParts = parts.map((k) => KPI_METRICS[k.metric].zh).join("、");
  const enParts = parts.map((k) => KPI_METRICS[k.metric].en).join(", ");
  const src = byNo.get(missing[0].agent.staffNo)!.source;
  return problem(
    "warning",
    "kpi.sales.missing",
    { file: src.file, sheet: src.sheet, row: src.row, column: "旺旺" },
    missing.map((r) => r.agent.staffNo).join(", "),
    `客服绩效导出中没有这些客服本月的数据：${names.join("；")}。${zhParts} 按 0 分计；请核对花名册的旺旺与导出是否一致，或补上导出`,
    `The sales export has no row this month for: ${namesEn.join("; ")}. Their ${enParts} parts score 0; check the roster's 旺旺 against the export, or add the export`,
  );
}
