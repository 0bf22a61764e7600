/**
 * The roster against the month (花名册核对): dates and nicks that change pay or move rows
 * without a word elsewhere.
 *
 * The hire date rule, and why pay is left as the rules compute it: the domain bounds base pay by
 * the roster (入职日期 … 离职日期 is the employment period), while collected sales are credited by
 * the code in each order's note, whoever employed whom. So punches before the hire date are not
 * paid as days worked, and sales before it still earn commission and bonuses. The engine does not
 * guess which of the roster or the punches is wrong — either choice could pay somebody for days
 * they did not work — so it keeps both rules as they are and names the agent, the hire date and
 * the first punch or sale before it, for the manager to correct the roster and rebuild.
 */
import type { Agent, Dataset, DateStr, MonthStr, SourceRef } from "../model";
import { problem, type Problem } from "../problems";
import { isCounted } from "../rules/collected";
import type { Rules } from "../rules/types";
import { basisTime, OrderAttributor } from "./attribution";
import { uselessPattern } from "../rules/attribution";
import { dateOf, dayStart, monthSpan } from "./calendar";
import { foldKey, shiftAgent, type Identity } from "./identity";
import { compareSources } from "./order";

/** What an agent did before the hire date: the first punch and the first sale, each with its row. */
interface Early {
  punch: { date: DateStr; source: SourceRef } | null;
  sale: { date: DateStr; source: SourceRef; zh: string; en: string } | null;
}

const HIRED = "入职日期";

/**
 * Roster problems that need the month or the other sources: a hire date after the leave date, a
 * hire date after the agent's punches or sales in the month, a hire date after the month, and a
 * 旺旺 nick two roster rows share.
 * @example rosterProblems(data, identity, rules, "2026-10") // [{ code: "roster.hiredOn.after_activity", … }]
 */
export function rosterProblems(data: Pick<Dataset, "roster" | "shifts" | "sales" | "orders">, identity: Identity, rules: Rules, month: MonthStr): Problem[] {
  const out: Problem[] = [];
  const rows = firstRowPerAgent(data.roster, identity);
  const span = monthSpan(month);
  const last = dateOf(span.end - 1);
  // Only an agent hired after the month's first day can have worked or sold before the hire date.
  const lateHires = new Map<string, { row: Agent; early: Early }>();
  for (const { agent, row } of rows) {
    if (row.hiredOn && row.leftOn && row.hiredOn > row.leftOn) {
      out.push(
        problem("warning", "roster.dates.order", at(row, HIRED), row.hiredOn,
          `${agent} ${row.name} 的入职日期 ${row.hiredOn} 晚于离职日期 ${row.leftOn}：在职期间为空，本月底薪、餐补按 0 天计；请核对花名册`,
          `${agent} ${row.name}'s hire date ${row.hiredOn} is after the leave date ${row.leftOn}: no day is employed, so base pay and lunch allowance count 0 days this month; check the roster`),
      );
    }
    if (row.hiredOn && row.hiredOn > dateOf(span.start)) lateHires.set(agent, { row, early: { punch: null, sale: null } });
  }
  if (lateHires.size > 0) findEarly(data, identity, rules, span, lateHires);
  for (const [agent, { row, early }] of lateHires) {
    const hired = row.hiredOn!;
    if (early.punch || early.sale) {
      const zh: string[] = [];
      const en: string[] = [];
      if (early.punch) {
        zh.push(`${early.punch.date} 已有打卡（${where(early.punch.source)}），入职前的出勤不计为出勤日、不计底薪`);
        en.push(`has punched on ${early.punch.date} (${where(early.punch.source)}); days before the hire date are not counted as worked nor paid as base`);
      }
      if (early.sale) {
        zh.push(`${early.sale.date} 已有${early.sale.zh}（${where(early.sale.source)}），入职前的销售仍计入回款、提成和奖金`);
        en.push(`has ${early.sale.en} on ${early.sale.date} (${where(early.sale.source)}); sales before the hire date still count for collected sales, commission and bonuses`);
      }
      out.push(
        problem("warning", "roster.hiredOn.after_activity", at(row, HIRED), hired,
          `${agent} ${row.name} 的入职日期是 ${hired}，但${zh.join("；")}。请核对花名册的入职日期后重新生成`,
          `${agent} ${row.name}'s hire date is ${hired}, but the agent ${en.join("; ")}. Check the roster's hire date and rebuild`),
      );
    } else if (hired > last) {
      out.push(
        problem("warning", "roster.hiredOn.future", at(row, HIRED), hired,
          `${agent} ${row.name} 的入职日期 ${hired} 在 ${month} 之后：本月不在职，底薪、餐补按 0 天计；若日期有误请改正花名册`,
          `${agent} ${row.name}'s hire date ${hired} is after ${month}: not employed this month, so base pay and lunch allowance count 0 days; correct the roster if the date is wrong`),
      );
    }
  }
  out.push(...sharedNicks(rows));
  const pattern = patternMisses(rules, identity);
  if (pattern) out.push(pattern);
  return out;
}

/**
 * A custom attribution pattern (规则 attribution.pattern) whose code part fits none of the
 * roster's staff numbers: the rules sheet checks it against a typical code (KF03, 3), but only
 * here are the shop's own codes known — and a pattern none of them fits credits no order.
 */
function patternMisses(rules: Rules, identity: Identity): Problem | null {
  const pattern = rules.attribution.pattern;
  const codes = identity.agents.filter((a) => a.inRoster && a.staffNo.trim() !== "").map((a) => a.staffNo.trim());
  if (pattern === null || codes.length === 0) return null;
  const miss = uselessPattern(pattern, codes);
  if (miss === null || miss.code !== "rules.pattern.noCode") return null;
  return problem("warning", "rules.pattern.roster", { file: "", sheet: "规则", column: "attribution.pattern" }, pattern,
    `${miss.zh}（花名册的工号）；请核对规则表的 attribution.pattern`,
    `${miss.en} (the roster's staff numbers); check attribution.pattern on the rules sheet`);
}

/** The roster row identity kept for each agent (the first of a repeated staff number), in sheet order. */
function firstRowPerAgent(roster: readonly Agent[], identity: Identity): { agent: string; row: Agent }[] {
  const out: { agent: string; row: Agent }[] = [];
  const seen = new Set<string>();
  for (const row of roster.slice().sort((a, b) => compareSources(a.source, b.source))) {
    const key = row.staffNo.trim() || row.name.trim();
    const agent = identity.byStaffNo.get(key);
    if (!agent?.inRoster || seen.has(foldKey(key))) continue;
    seen.add(foldKey(key));
    out.push({ agent: agent.staffNo, row });
  }
  return out;
}

/**
 * Each late hire's first punch and first sale in the month before the hire date: attendance rows
 * with a punch, sales-export rows with an inquiry, a payer or an amount, and counted orders whose
 * note credits the agent. Orders are walked only when some hire date falls after the month's first
 * day, and each costs a comparison unless it was paid before the latest such date.
 */
function findEarly(
  data: Pick<Dataset, "shifts" | "sales" | "orders">,
  identity: Identity,
  rules: Rules,
  span: { start: number; end: number },
  hires: Map<string, { row: Agent; early: Early }>,
): void {
  const first = dateOf(span.start);
  const before = (agent: string | null, date: DateStr) => {
    const h = agent === null ? undefined : hires.get(agent);
    return h !== undefined && date >= first && date < h.row.hiredOn! ? h.early : null;
  };
  for (const sd of data.shifts) {
    if (sd.clockIn === null && sd.clockOut === null) continue;
    const e = before(shiftAgent(identity, sd), sd.date);
    if (e && (e.punch === null || sd.date < e.punch.date)) e.punch = { date: sd.date, source: sd.source };
  }
  const earlier = (e: Early, date: DateStr, source: SourceRef, zh: string, en: string) => {
    if (e.sale === null || date < e.sale.date) e.sale = { date, source, zh, en };
  };
  for (const s of data.sales) {
    if (s.date === null || !(s.inquiries > 0 || s.payers > 0 || (s.sales ?? 0) > 0)) continue;
    const e = before(identity.resolve(s.nick), s.date);
    if (e) earlier(e, s.date, s.source, "客服绩效数据", "chat-sales figures");
  }
  let until = span.start;
  for (const h of hires.values()) until = Math.max(until, Math.min(span.end, dayStart(h.row.hiredOn!)));
  const attributor = new OrderAttributor(identity, rules.attribution);
  for (const o of data.orders) {
    const t = basisTime(o, rules.sales);
    if (t === null || !(t >= span.start && t < until) || !isCounted(o.status, rules.sales)) continue;
    const e = before(attributor.find(o), dateOf(t));
    if (e) earlier(e, dateOf(t), o.source, `订单 ${o.id}`, `order ${o.id}`);
  }
}

function at(row: Agent, column: string) {
  return { file: row.source.file, sheet: row.source.sheet, row: row.source.row, column };
}

function where(s: SourceRef): string {
  return `${s.file} 第${s.row}行`;
}

/** Two roster rows with one 旺旺 nick: the sales export cannot tell them apart. */
function sharedNicks(rows: readonly { agent: string; row: Agent }[]): Problem[] {
  const out: Problem[] = [];
  const byNick = new Map<string, { agent: string; row: Agent }>();
  for (const r of rows) {
    const nick = r.row.nick.trim();
    if (nick === "") continue;
    const prev = byNick.get(foldKey(nick));
    if (prev === undefined) {
      byNick.set(foldKey(nick), r);
      continue;
    }
    out.push(
      problem("warning", "roster.nick.duplicate", at(r.row, "旺旺"), nick,
        `旺旺 ${nick} 同时写在第${prev.row.source.row}行（${prev.agent} ${prev.row.name}）和第${r.row.source.row}行（${r.agent} ${r.row.name}）：客服绩效中这个旺旺的数据无法按旺旺分给其中一人（只能靠姓名等其他信息，或不计入任何人）；请改正花名册`,
        `the nick ${nick} is on row ${prev.row.source.row} (${prev.agent} ${prev.row.name}) and on row ${r.row.source.row} (${r.agent} ${r.row.name}): the sales export's rows for it cannot be given to either by nick (only by a name or other column, or to nobody); correct the roster`),
    );
  }
  return out;
}
