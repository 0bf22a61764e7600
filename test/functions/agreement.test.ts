/**
 * Each KEFU.* function agrees with the engine's own computation: a month is built with
 * `buildMonth` and every commission, attribution, collected total, fine, lateness / early leave
 * and KPI figure is recomputed with the formulas (see agreement.ts). The dataset is generated
 * here (seeded) so it spans every tier, the night shift, multi-code and name-only notes,
 * closed / unpaid / refunded orders and escalating complaints.
 */
import type { Agent, AgentSales, Dataset, Incident, Order, ShiftDay, SourceRef } from "../../src/core/model";
import { buildMonth } from "../../src/core/engine";
import { defaultRules } from "../../src/core/rules/defaults";
import type { Rules } from "../../src/core/rules/types";
import { disagreements } from "./agreement";

/** mulberry32: a small seeded generator, so the month is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENTS: [string, string][] = [
  ["KF01", "小美"],
  ["KF02", "小美丽"],
  ["KF03", "阿强"],
  ["KF05", "王芳"],
  ["KF07", "李娜"],
  ["KF12", "陈晨"],
  ["KF21", "周杰"],
  ["KF30", "赵敏"],
];
/** Orders per agent and average paid (yuan), chosen so monthly totals span every tier. */
const SCALE = [60, 120, 180, 260, 330, 420, 520, 700];
const BUYERS = ["张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十"];
const STATUSES: [string, number][] = [
  ["交易成功", 0.7],
  ["卖家已发货，等待买家确认", 0.1],
  ["交易关闭", 0.08],
  ["等待买家付款", 0.05],
  ["买家已付款，等待卖家发货", 0.07],
];

const src = (file: string, row: number): SourceRef => ({ file, sheet: "Sheet1", row });
const at = (d: number, h: number, m: number): number => Date.UTC(2026, 9, d, h, m);

function month(seed: number): Dataset {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const roster: Agent[] = AGENTS.map(([staffNo, name], i) => ({
    staffNo,
    name,
    nick: `小店旗舰店:${name}`,
    role: "售前",
    hiredOn: "2025-03-01",
    monthlyTarget: null,
    source: src("花名册.xlsx", i + 2),
  }));

  const orders: Order[] = [];
  let row = 2;
  AGENTS.forEach(([code, name], k) => {
    for (let i = 0; i < 300; i++) {
      const day = 1 + Math.floor(r() * 31);
      const paidAt = r() < 0.04 ? Date.UTC(2026, 8, 30, 22, 10) : at(day, 8 + Math.floor(r() * 14), Math.floor(r() * 60));
      const paid = Math.round(SCALE[k] * (0.5 + r()) * 100);
      const roll = r();
      let status = STATUSES[0][0];
      let acc = 0;
      for (const [s, p] of STATUSES) if (roll < (acc += p)) { status = s; break; }
      const refundRoll = r();
      const refund = refundRoll < 0.08 ? Math.round(paid * r()) : refundRoll < 0.1 ? paid + 500 : 0;
      const other = AGENTS[(k + 1) % AGENTS.length][0];
      const form = r();
      const codeText =
        form < 0.55 ? code
        : form < 0.65 ? `${code} 补${other}` // append-only notes: the first code wins by default
        : form < 0.72 ? `${other}写错 ${code}`
        : form < 0.8 ? name // name only
        : form < 0.85 ? code.replace(/[A-Z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)) // full-width
        : form < 0.9 ? code.toLowerCase()
        : ""; // forgot the code: unattributed
      orders.push({
        id: String(2873190462331500000n + BigInt(row)),
        buyer: pick(BUYERS) + (i % 17),
        paid,
        shipping: r() < 0.3 ? 1000 : 0,
        refund,
        status,
        createdAt: paidAt - 600_000,
        paidAt: status === "等待买家付款" ? null : paidAt,
        shippedAt: null,
        confirmedAt: null,
        note: `${pick(BUYERS)}, 1.2*1.5米, 图案A${Math.floor(r() * 9)}, 10月${day}日发, 顺丰 ${codeText}`,
        tracking: "",
        salesperson: "",
        source: src("订单.csv", row++),
      });
    }
  });

  const shifts: ShiftDay[] = [];
  let srow = 5;
  AGENTS.forEach(([code, name], k) => {
    for (let d = 1; d <= 31; d++) {
      const night = (d + k) % 3 === 0;
      const rest = (d + k) % 7 === 0;
      const start = night ? 17 * 60 + 30 : 8 * 60 + 30;
      const end = night ? 25 * 60 : 17 * 60 + 30;
      const inMin = start + Math.round((r() - 0.7) * 40);
      const outMin = end + Math.round((r() - 0.3) * 40);
      const missing = r() < 0.05;
      shifts.push({
        agentKey: code,
        staffNo: code,
        name,
        date: `2026-10-${String(d).padStart(2, "0")}`,
        shift: rest ? null : { label: night ? "晚班" : "白班", start, end },
        clockIn: rest || missing ? null : at(d, 0, inMin),
        clockOut: rest ? null : at(d, 0, outMin),
        inVerdict: null,
        outVerdict: null,
        lateMinutes: null,
        earlyMinutes: null,
        leaveDays: 0,
        sickDays: 0,
        absentDays: 0,
        source: src("考勤.xlsx", srow++),
      });
    }
  });

  const sales: AgentSales[] = AGENTS.map(([, name], k) => ({
    nick: `小店旗舰店:${name}`,
    date: null,
    consultations: 500 + k * 40,
    inquiries: k === 7 ? 0 : 200 + k * 30,
    payers: k === 7 ? 0 : 60 + k * 9,
    sales: null,
    orders: null,
    avgResponseSec: k === 3 ? 0 : 20 + k * 4,
    firstResponseSec: null,
    satisfaction: null,
    refunds: null,
    provisional: false,
    source: src("千牛.csv", k + 3),
  }));

  const inc = (date: string, agentKey: string, rule: string, loss: number | null, n: number): Incident => ({
    date,
    agentKey,
    rule,
    orderId: null,
    loss,
    remark: "",
    source: src("违规记录.xlsx", n),
  });
  const incidents: Incident[] = [
    inc("2026-10-03", "KF03", "complaint", null, 2),
    inc("2026-10-09", "KF03", "complaint", null, 3),
    inc("2026-10-20", "KF03", "complaint", null, 4),
    inc("2026-10-28", "KF03", "complaint", null, 5),
    inc("2026-10-05", "KF05", "complaint", null, 6),
    inc("2026-10-06", "KF07", "note_error_loss", 80_000, 7),
    inc("2026-10-07", "KF12", "note_error_loss", 30_000, 8),
    inc("2026-10-08", "KF12", "off_task", null, 9),
    inc("2026-10-12", "KF12", "off_task", null, 10),
    inc("2026-10-15", "KF21", "note_error_after", null, 11),
  ];
  return { orders, shifts, sales, roster, incidents };
}

const data = month(20261023);

function variant(edit: (r: Rules) => void): Rules {
  const r = defaultRules();
  edit(r);
  return r;
}

const cases: [string, Rules][] = [
  ["handbook defaults", defaultRules()],
  ["marginal commission", variant((r) => (r.commission.mode = "marginal"))],
  [
    "the shop's own tiers",
    variant((r) => {
      r.commission.tiers = [
        { from: 0, rate: 0.005 },
        { from: 1_500_000, rate: 0.015 },
        { from: 6_000_000, rate: 0.03 },
      ];
    }),
  ],
  // 比例上限 2%: the top tiers (2.5%, 2.8%) pay 2%, whole and marginal.
  ["a cap on the rate", variant((r) => (r.commission.maxRate = 0.02))],
  ["a cap on the rate, marginal", variant((r) => ((r.commission.maxRate = 0.02), (r.commission.mode = "marginal")))],
  ["last code wins", variant((r) => (r.attribution.mode = "last"))],
  ["5 grace minutes", variant((r) => (r.shifts.graceMinutes = 5))],
  ["only finished trades count", variant((r) => (r.sales.onlyStatuses = ["交易成功"]))],
  // Orders awaiting shipment are not yet the shop's money here: KEFU.COLLECTED takes 不计入的状态 too.
  ["the shop's own excluded statuses", variant((r) => (r.sales.excludedStatuses = [...r.sales.excludedStatuses, "买家已付款,等待卖家发货"]))],
  [
    "the shop's own fines",
    variant((r) => {
      r.fines.complaint.amounts = [3000, 8000];
      r.fines.complaint.dismissalFrom = 4;
      r.fines.off_task.amounts = [500, 2000];
      // A loss over 200 (not the handbook's 500): KF12's loss of 300 is the fine, not 50.
      r.fines.note_error_before.lossThreshold = 20000;
      r.fines.note_error_after.lossThreshold = 20000;
      r.fines.note_error_loss.lossThreshold = 20000;
    }),
  ],
];

test.each(cases)("formulas agree with buildMonth: %s", (_name, rules) => {
  const report = buildMonth(data, rules, { month: "2026-10" });
  const { mismatches, counts } = disagreements(report, data);
  expect(mismatches.slice(0, 20)).toEqual([]);
  // Every kind of figure was actually compared.
  expect(counts.commission).toBe(AGENTS.length);
  expect(counts.agent).toBeGreaterThan(1500);
  expect(counts.collected).toBe(AGENTS.length);
  expect(counts.fine).toBeGreaterThanOrEqual(10);
  expect(counts.late).toBeGreaterThan(150);
  expect(counts.early).toBeGreaterThan(150);
  expect(counts.kpi).toBeGreaterThan(AGENTS.length * 3);
});

test("the month really exercises the boundaries the formulas must agree on", () => {
  const report = buildMonth(data, defaultRules(), { month: "2026-10" });
  const rates = new Set(report.commission.map((r) => r.tierRate));
  expect(rates.size).toBeGreaterThanOrEqual(4);
  expect(report.penalties.some((p) => p.dismissal)).toBe(true);
  expect(report.attributions.some((a) => a.others.length > 0)).toBe(true);
  expect(report.attributions.some((a) => a.agent === null)).toBe(true);
  expect((report.attendance ?? []).some((d) => d.early && d.shift !== null && d.shift.end > 1440)).toBe(true);
});

test("a disagreement is reported (the check can fail)", () => {
  const report = buildMonth(data, defaultRules(), { month: "2026-10" });
  const tampered = { ...report, commission: report.commission.map((r, i) => (i === 0 ? { ...r, commission: r.commission + 1 } : r)) };
  expect(disagreements(tampered, data).mismatches.join("\n")).toMatch(/^COMMISSION KF01/m);
});
