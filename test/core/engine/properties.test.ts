/**
 * Invariants over random months: the money adds up, rebuilding gives the same report and ids,
 * and shuffling the input rows changes nothing.
 */
import fc from "fast-check";
import { buildMonth } from "../../../src/core/engine";
import type { Dataset, Incident, Order, ShiftDay } from "../../../src/core/model";
import { defaultRules } from "../../../src/core/rules/defaults";
import { agent, at, sales } from "./build";

const CODES = ["KF01", "KF02", "KF03", "KF12"];
const NAMES = ["小美", "阿强", "王芳", "赵六"];
const STATUSES = ["交易成功", "交易关闭", "等待买家付款", "卖家已发货，等待买家确认", "买家已付款，等待卖家发货"];
const RULES = ["投诉", "cleaning", "生产延误", "未核对收货信息", "备注错误损失", "late"];

const day = (d: number) => `2026-${d > 31 ? "11" : "10"}-${String(d > 31 ? d - 31 : d).padStart(2, "0")}`;

const orderArb = fc.record({
  day: fc.integer({ min: 0, max: 33 }),
  minute: fc.integer({ min: 0, max: 1439 }),
  paid: fc.integer({ min: 0, max: 3_000_000 }),
  refund: fc.integer({ min: 0, max: 1_000_000 }),
  shipping: fc.integer({ min: 0, max: 2000 }),
  status: fc.constantFrom(...STATUSES),
  codes: fc.array(fc.constantFrom(...CODES, ...NAMES, "KF1", "kf03", "无"), { maxLength: 3 }),
  buyer: fc.constantFrom("a", "b", "c", ""),
  shipped: fc.boolean(),
});

const monthArb = fc.record({
  orders: fc.array(orderArb, { maxLength: 60 }),
  shifts: fc.array(
    fc.record({
      agent: fc.integer({ min: 0, max: 4 }),
      day: fc.integer({ min: 1, max: 31 }),
      kind: fc.constantFrom("白班", "晚班", null),
      inAt: fc.option(fc.integer({ min: 0, max: 1439 })),
      outAt: fc.option(fc.integer({ min: 0, max: 1439 })),
    }),
    { maxLength: 25 },
  ),
  incidents: fc.array(
    fc.record({ agent: fc.integer({ min: 0, max: 4 }), day: fc.integer({ min: 1, max: 31 }), rule: fc.constantFrom(...RULES), order: fc.option(fc.integer({ min: 0, max: 59 })), loss: fc.option(fc.integer({ min: 0, max: 100000 })) }),
    { maxLength: 10 },
  ),
  chats: fc.array(fc.record({ agent: fc.integer({ min: 0, max: 3 }), day: fc.integer({ min: 1, max: 31 }), inquiries: fc.integer({ min: 0, max: 50 }), payers: fc.integer({ min: 0, max: 20 }), resp: fc.option(fc.double({ min: 1, max: 100, noNaN: true })), sales: fc.integer({ min: 0, max: 100000 }) }), { maxLength: 10 }),
  waive: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 3 }),
  seed: fc.integer(),
});

type Gen = typeof monthArb extends fc.Arbitrary<infer T> ? T : never;

function toDataset(g: Gen): Dataset {
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const orders: Order[] = g.orders.map((o, i) => {
    const paidAt = o.status === "等待买家付款" ? null : at(day(o.day || 1), hm(o.minute));
    return {
      id: String(3100000000000000000n + BigInt(i)),
      buyer: o.buyer,
      paid: o.paid,
      shipping: o.shipping,
      refund: o.refund,
      status: o.status,
      createdAt: at(day(o.day || 1), hm(o.minute)) - 60000,
      paidAt,
      shippedAt: o.shipped && paidAt !== null ? paidAt + 3600000 : null,
      confirmedAt: null,
      note: `定制 ${o.codes.join(" ")}`,
      tracking: "",
      salesperson: "",
      source: { file: "orders.csv", sheet: "orders", row: i + 2 },
    };
  });
  const keys = [...CODES, "KF99"];
  const shifts: ShiftDay[] = g.shifts.map((s, i) => ({
    agentKey: keys[s.agent],
    staffNo: keys[s.agent],
    name: "",
    date: day(s.day),
    shift: s.kind === null ? null : { label: s.kind, start: 0, end: 0 },
    clockIn: s.inAt === null ? null : at(day(s.day), hm(s.inAt)),
    clockOut: s.outAt === null ? null : at(day(s.day), hm(s.outAt)),
    inVerdict: null,
    outVerdict: null,
    lateMinutes: null,
    earlyMinutes: null,
    leaveDays: 0,
    sickDays: 0,
    absentDays: 0,
    source: { file: "att.xlsx", sheet: "打卡", row: i + 2 },
  }));
  const incidents: Incident[] = g.incidents.map((x, i) => ({
    date: day(x.day),
    agentKey: x.agent === 4 ? "赵六" : keys[x.agent],
    rule: x.rule,
    orderId: x.order === null || x.order >= orders.length ? null : orders[x.order].id,
    loss: x.loss,
    remark: "",
    source: { file: "inc.xlsx", sheet: "违规记录", row: i + 2 },
  }));
  const salesRows = g.chats.map((c, i) => ({
    ...sales(`店:${NAMES[c.agent]}`, day(c.day), { inquiries: c.inquiries, payers: c.payers, avgResponseSec: c.resp, sales: c.sales }),
    source: { file: "sales.xlsx", sheet: "客服绩效", row: i + 2 },
  }));
  const roster = CODES.map((c, i) => agent(c, NAMES[i], `店:${NAMES[i]}`, i + 2));
  return { orders, shifts, incidents, sales: salesRows, roster };
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = xs.slice();
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function manager(g: Gen, data: Dataset) {
  const ids = buildMonth(data, defaultRules(), { month: "2026-10" }).penalties.map((p) => p.id);
  return Object.fromEntries(g.waive.filter((k) => k < ids.length).map((k) => [ids[k], { waived: true }]));
}

const runs = { numRuns: 150 };

describe("engine invariants", () => {
  it("Σ agents' collected + unattributed = shop total, also per day; fund = Σ effective fines", () => {
    fc.assert(
      fc.property(monthArb, (g) => {
        const data = toDataset(g);
        const r = buildMonth(data, defaultRules(), { month: "2026-10", manager: manager(g, data) });
        const agents = r.performance.reduce((s, p) => s + p.collected, 0);
        const un = r.unattributed.reduce((s, c) => s + c.collected, 0);
        expect(agents + un).toBe(r.shopCollected);
        expect(r.commission.reduce((s, c) => s + c.collected, 0) + un).toBe(r.shopCollected);
        expect(r.days.reduce((s, d) => s + d.attributedAmount + d.unattributedAmount, 0)).toBe(r.shopCollected);
        expect(r.penalties.reduce((s, p) => s + p.effective, 0)).toBe(r.fund);
        expect(new Set(r.penalties.map((p) => p.id)).size).toBe(r.penalties.length);
        for (const c of r.counted) expect(c.collected).toBeGreaterThanOrEqual(0);
        for (const c of r.commission) for (const k of ["commission", "netPay", "lunch", "fines"] as const) expect(Number.isInteger(c[k])).toBe(true);
      }),
      runs,
    );
  });

  it("rebuilding gives the same report and the same ids", () => {
    fc.assert(
      fc.property(monthArb, (g) => {
        const a = buildMonth(toDataset(g), defaultRules(), { month: "2026-10" });
        const b = buildMonth(toDataset(g), defaultRules(), { month: "2026-10" });
        expect(b).toEqual(a);
      }),
      runs,
    );
  });

  it("shuffling the input rows changes neither the report nor the ids", () => {
    fc.assert(
      fc.property(monthArb, (g) => {
        const data = toDataset(g);
        const m = manager(g, data);
        const a = buildMonth(data, defaultRules(), { month: "2026-10", manager: m });
        const shuffled: Dataset = {
          orders: shuffle(data.orders, g.seed),
          shifts: shuffle(data.shifts, g.seed + 1),
          incidents: shuffle(data.incidents, g.seed + 2),
          sales: shuffle(data.sales, g.seed + 3),
          roster: shuffle(data.roster, g.seed + 4),
        };
        const b = buildMonth(shuffled, defaultRules(), { month: "2026-10", manager: m });
        expect(b).toEqual(a);
      }),
      runs,
    );
  });

  it("a quarter-end month keeps the invariants", () => {
    fc.assert(
      fc.property(monthArb, (g) => {
        const data = toDataset(g);
        const r = buildMonth(data, defaultRules(), { month: "2026-12" });
        expect(r.commission.every((c) => c.quarterlyCollected === null)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });
});
