/** Hand-made records for engine tests: small builders with defaults, every record located. */
import type { Agent, AgentSales, Dataset, Incident, Order, PunchVerdict, ShiftDay } from "../../../src/core/model";

/** WallTime of "YYYY-MM-DD" at "HH:MM" (the shop's clock as UTC). */
export const at = (day: string, hm = "10:00"): number =>
  Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10), +hm.slice(0, 2), +hm.slice(3, 5));

let orderRow = 1;
export function order(p: Partial<Order> & { id: string }): Order {
  const paidAt = p.paidAt === undefined ? at("2026-10-10") : p.paidAt;
  return {
    buyer: "buyer-" + p.id,
    paid: 10000,
    shipping: 0,
    refund: 0,
    status: "交易成功",
    createdAt: paidAt === null ? at("2026-10-10", "09:00") : paidAt - 60000,
    paidAt,
    shippedAt: paidAt === null ? null : paidAt + 3600000,
    confirmedAt: null,
    note: "",
    tracking: "",
    salesperson: "",
    source: { file: "orders.csv", sheet: "orders", row: ++orderRow },
    ...p,
  };
}

export function agent(staffNo: string, name: string, nick = "", row = 2, target: number | null = null): Agent {
  return { staffNo, name, nick, role: "售前", hiredOn: null, monthlyTarget: target, source: { file: "roster.xlsx", sheet: "花名册", row } };
}

let shiftRow = 1;
export function shift(
  staffNo: string,
  date: string,
  kind: "白班" | "晚班" | null,
  clockIn: string | null,
  clockOut: string | null,
  extra: Partial<ShiftDay> & { inV?: PunchVerdict; outV?: PunchVerdict; outNextDay?: boolean } = {},
): ShiftDay {
  const { inV, outV, outNextDay, ...rest } = extra;
  const next = new Date(at(date) + 86400000).toISOString().slice(0, 10);
  return {
    agentKey: staffNo,
    staffNo,
    name: "",
    date,
    shift: kind === null ? null : { label: kind, start: kind === "白班" ? 510 : 1050, end: kind === "白班" ? 1050 : 1500 },
    clockIn: clockIn === null ? null : at(date, clockIn),
    clockOut: clockOut === null ? null : at(outNextDay ? next : date, clockOut),
    inVerdict: inV ?? null,
    outVerdict: outV ?? null,
    lateMinutes: null,
    earlyMinutes: null,
    leaveDays: 0,
    sickDays: 0,
    absentDays: 0,
    source: { file: "attendance.xlsx", sheet: "打卡", row: ++shiftRow },
    ...rest,
  };
}

let incidentRow = 1;
export function incident(agentKey: string, date: string, rule: string, p: Partial<Incident> = {}): Incident {
  return { date, agentKey, rule, orderId: null, loss: null, remark: "", source: { file: "incidents.xlsx", sheet: "违规记录", row: ++incidentRow }, ...p };
}

let salesRow = 1;
export function sales(nick: string, date: string | null, p: Partial<AgentSales> = {}): AgentSales {
  return {
    nick,
    date,
    consultations: null,
    inquiries: 0,
    payers: 0,
    sales: null,
    orders: null,
    avgResponseSec: null,
    firstResponseSec: null,
    satisfaction: null,
    refunds: null,
    provisional: false,
    source: { file: "sales.xlsx", sheet: "客服绩效", row: ++salesRow },
    ...p,
  };
}

export function dataset(p: Partial<Dataset>): Dataset {
  return { orders: [], shifts: [], sales: [], roster: [], incidents: [], ...p };
}

/** Every working day of October 2026 for one agent on the day shift, on time (Sundays off). */
export function perfectMonth(staffNo: string, except: string[] = []): ShiftDay[] {
  const out: ShiftDay[] = [];
  for (let d = 1; d <= 31; d++) {
    const date = `2026-10-${String(d).padStart(2, "0")}`;
    if (except.includes(date)) continue;
    const sunday = new Date(at(date)).getUTCDay() === 0;
    out.push(sunday ? shift(staffNo, date, null, null, null) : shift(staffNo, date, "白班", "08:25", "17:35"));
  }
  return out;
}
