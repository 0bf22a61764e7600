/**
 * A small, hand-computed MonthReport (2 agents, 5 orders, 3 penalties) whose figures agree with
 * each other the way the engine's must: the sheet builders and the writer are tested on it
 * before and independently of the engine. Hostile text sits where exports put strangers' text.
 */
import { defaultRules } from "../../src/core/rules/defaults";
import type { Order } from "../../src/core/model";
import type { AgentRef, AttendanceDay, CountedOrder, MonthReport, PenaltyRow } from "../../src/core/reports/types";
import { problem } from "../../src/core/problems";

export const HOSTILE = {
  hyperlink: '=HYPERLINK("http://x","y")',
  cmd: "=cmd|' /C calc'!A0",
  at: "@SUM(1)",
  plus: "+1",
  minus: "-1",
  tab: "\t=1+1",
  cr: "\r=2+2",
};

const at = (d: string, hm = "10:00") => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10), +hm.slice(0, 2), +hm.slice(3, 5));

export const KF01: AgentRef = { staffNo: "KF01", name: "小美", nick: "小店旗舰店:小美", inRoster: true };
export const KF02: AgentRef = { staffNo: "KF02", name: HOSTILE.at, nick: "", inRoster: true };

function order(id: string, day: string, paid: number, refund: number, buyer: string, note: string, row: number): Order {
  return {
    id, buyer, paid, shipping: 0, refund, status: "交易成功", createdAt: at(day, "09:00"), paidAt: at(day), shippedAt: null,
    confirmedAt: null, note, tracking: "", salesperson: "", source: { file: "orders.csv", sheet: "orders", row },
  };
}

function counted(o: Order, agent: string | null): CountedOrder {
  return { order: o, agent, collected: Math.max(0, o.paid - o.refund), creditRemovedBy: null };
}

/**
 * KF01 works Oct 1–20 (Oct 1 exported twice: still one day worked), KF02 Oct 1–22, late on Oct 5,
 * absent on Oct 23: daysWorked 20 / 22, lateCount 0 / 1, absenceDays 0 / 1.
 */
function attendanceDays(): AttendanceDay[] {
  const day = (agent: string, d: number, extra: Partial<AttendanceDay> = {}, row = d): AttendanceDay => ({
    agent, date: `2026-10-${String(d).padStart(2, "0")}`, shift: { label: "白班", start: 510, end: 1050 }, inVerdict: "normal",
    outVerdict: "normal", late: false, seriousLate: false, lateMinutes: null, early: false, earlyMinutes: null, missing: 0,
    absent: 0, leave: 0, sick: 0, rest: false, worked: true, fromExport: true, source: { file: "att.xlsx", sheet: "考勤", row }, ...extra,
  });
  const out: AttendanceDay[] = [];
  for (let d = 1; d <= 20; d++) out.push(day("KF01", d));
  out.splice(1, 0, day("KF01", 1, {}, 99));
  for (let d = 1; d <= 22; d++) out.push(day("KF02", d, d === 5 ? { inVerdict: "late", late: true, lateMinutes: 12 } : {}, 100 + d));
  out.push(day("KF02", 23, { inVerdict: "absent", outVerdict: "absent", absent: 1, worked: false }, 123));
  return out;
}

export function handReport(): MonthReport {
  const rules = defaultRules();
  const o1 = counted(order("3101234567890123456", "2026-10-01", 2500000, 0, HOSTILE.hyperlink, "KF01 2*3米", 2), "KF01");
  const o2 = counted(order("3101234567890123457", "2026-10-01", 30050, 10000, HOSTILE.at, "KF01", 3), "KF01");
  const o3 = counted(order("3101234567890123458", "2026-10-02", 12000, 0, HOSTILE.plus, "KF02", 4), "KF02");
  const o4 = counted(order("3101234567890123459", "2026-10-02", 8880, 0, HOSTILE.minus, HOSTILE.cmd, 5), null);
  const o5 = counted(order("3101234567890123460", "2026-10-02", 5990, 5990, HOSTILE.tab, "KF01", 6), "KF01");
  const penalty = (id: string, date: string, agent: AgentRef, rule: PenaltyRow["rule"], occurrence: number, amount: number, waived: boolean, remark: string, row: number): PenaltyRow => ({
    id, date, agent, rule, ruleLabel: rules.fines[rule].label, occurrence, amount, dismissal: false, waived, remark,
    effective: waived ? 0 : amount, orderId: null, source: { file: "incidents.xlsx", sheet: "违规记录", row }, detail: HOSTILE.cmd,
  });
  const penalties = [
    penalty("P-complaint-KF01-1", "2026-10-03", KF01, "complaint", 1, 5000, false, "", 2),
    penalty("P-complaint-KF01-2", "2026-10-09", KF01, "complaint", 2, 10000, true, HOSTILE.cr, 3),
    penalty("P-late-KF02-1", "2026-10-05", KF02, "late", 1, 1000, false, HOSTILE.plus, 4),
  ];
  const kpi = (score: number) => rules.kpi.map((k, i) => ({ metric: k.metric, value: i, score: i === 0 ? score : 0 }));
  return {
    month: "2026-10",
    rules,
    agents: [KF01, KF02],
    performance: [
      {
        agent: KF01, orders: 3, sales: 2536040, refunds: 15990, collected: 2520050, refundRate: Math.round((15990 / 2536040) * 1e6) / 1e6, buyers: 3,
        aov: 2536040 / 4, inquiries: 10, payers: 4, conversion: 0.4, avgResponseSec: 21.5, lateCount: 0, earlyCount: 0,
        absenceDays: 0, complaints: 2, fines: 5000, kpiScore: 20.16, kpiParts: kpi(20.16), rank: 1,
        orderIds: [o1.order.id, o2.order.id, o5.order.id], salesSources: [],
      },
      {
        agent: KF02, orders: 1, sales: 12000, refunds: 0, collected: 12000, refundRate: 0, buyers: 1, aov: null,
        inquiries: 0, payers: 0, conversion: null, avgResponseSec: null, lateCount: 1, earlyCount: 0, absenceDays: 1,
        complaints: 0, fines: 1000, kpiScore: 0.1, kpiParts: kpi(0.1), rank: 2, orderIds: [o3.order.id], salesSources: [],
      },
    ],
    penalties,
    fund: 6000,
    days: [
      {
        date: "2026-10-01", ordersCreated: 2, ordersPaid: 2, paidAmount: 2530050, refunds: 10000, attributedAmount: 2520050,
        unattributedOrders: 0, unattributedAmount: 0, unshippedLate: 2, unpaidToChase: 0, salesExportDiff: 9950,
        trace: { unshippedLate: [o1.order.id, o2.order.id] },
      },
      {
        date: "2026-10-02", ordersCreated: 3, ordersPaid: 3, paidAmount: 26870, refunds: 5990, attributedAmount: 12000,
        unattributedOrders: 1, unattributedAmount: 8880, unshippedLate: 0, unpaidToChase: 1, salesExportDiff: null,
        trace: { unattributed: [o4.order.id] },
      },
    ],
    dayAgentDiffs: [{ date: "2026-10-01", agent: KF01, exportSales: 2530000, attributed: 2520050, diff: 9950, orderIds: [o1.order.id, o2.order.id] }],
    commission: [
      {
        id: "2026-10:KF01", agent: KF01, daysWorked: 20, scheduledDays: 20, workedDays: 20, absentDays: 0, absentDates: [], noRecordDates: [], wholeMonth: true, fullSchedule: 20, base: 160000, basePay: 160000, lunch: 14000, fullAttendance: 5000, performanceBonus: 15000, performanceThreshold: 1000000,
        executionBonus: 0, positionAllowance: 0, collected: 2520050, orderCount: 2 /* the third is refunded in full: no tier order */, tierRate: 0.01, commission: 25201,
        quarterlyCollected: null, quarterly: 0, yearEnd: 0, clawback: 0, clawbackOrders: [], rewards: 0, rewardItems: [], fines: 5000, dismissal: false, adjustment: 0, remark: "", netPay: 214201,
        reasons: [{ item: "executionBonus", zh: "本月有投诉", en: "complaints this month" }],
      },
      {
        id: "2026-10:KF02", agent: KF02, daysWorked: 22, scheduledDays: 22, workedDays: 22, absentDays: 0, absentDates: [], noRecordDates: [], wholeMonth: true, fullSchedule: 22, base: 160000, basePay: 160000, lunch: 15400, fullAttendance: 0, performanceBonus: 0, performanceThreshold: 1000000,
        executionBonus: 0, positionAllowance: 0, collected: 12000, orderCount: 1, tierRate: 0, commission: 0,
        quarterlyCollected: null, quarterly: 0, yearEnd: 0, clawback: 0, clawbackOrders: [], rewards: 0, rewardItems: [], fines: 1000, dismissal: false, adjustment: 5000, remark: HOSTILE.minus,
        netPay: 179400, reasons: [{ item: "fullAttendance", zh: "迟到 1 次", en: "late once" }],
      },
    ],
    counted: [o1, o2, o3, o4, o5],
    attributions: [
      { orderId: o1.order.id, agent: "KF01", matched: "KF01", others: [] },
      { orderId: o4.order.id, agent: null, matched: "", others: [] },
    ],
    unattributed: [o4],
    shopCollected: 2540930,
    attendance: attendanceDays(),
    problems: [
      problem("error", "order.amount.bad", { file: "orders.csv", sheet: "orders", row: 9, column: "买家实际支付金额" }, HOSTILE.hyperlink, "金额无法识别", "amount not recognised"),
      problem("warning", "roster.missing", { file: "att.csv", sheet: "att", row: 3, column: "姓名" }, HOSTILE.tab, "花名册中没有此人", "not in the roster"),
    ],
  };
}
