/**
 * One agent's one day on several rows, in attendance and in the sales export.
 *
 * Attendance: each row is judged on its own, so a day read twice is fined twice, while lateness
 * is fined per day (reports/attendance.ts), never per row.
 *
 * - The same day exported twice (two overlapping exports, a row pasted twice): every field equal
 *   but the place. Counted once, each copy reported with the place of the one kept.
 * - A split shift (09:00-12:00 14:00-18:00) written one punch pair a row, as a plain sheet or
 *   an app's punch log does: the rows are the day's pairs, joined into one day in time order, so
 *   each pair is judged against its own period (the second row alone would be judged against the
 *   first period: 14:10 read as 310 minutes late).
 * - A one-period shift punched out and in again for a break, one pair a row: one day from the
 *   first clock-in to the last clock-out.
 * - One day in two exports that agree (a daily report beside a monthly summary): one day with
 *   what each gives.
 * - Any other repeat (two different shifts, two different punch times for one shift) cannot be
 *   told apart from a slip: each row is still judged, and the day is reported so the manager
 *   looks before the fines are paid.
 *
 * Sales: see dropRepeatedSales.
 */
import type { AgentSales, PunchPair, ShiftDay, SourceRef } from "../model";
import { problem, type Problem } from "../problems";
import { formatYuan } from "../rules/money";
import { foldKey, nickSuffix } from "./identity";
import { compareSources } from "./order";
import { listed } from "./pay/types";

type Row = { sd: ShiftDay; agent: string };

/**
 * Every field of a record but where it was read and how it named the agent, as one comparable
 * text: keys sorted at every level (a key list as JSON.stringify's replacer would drop the
 * shift's own fields, and 白班 would equal 晚班).
 */
function content(x: ShiftDay | AgentSales): string {
  const { source: _source, staffNo: _staff, name: _name, ...rest } = x;
  if ("agentKey" in rest) delete (rest as Partial<ShiftDay>).agentKey;
  return JSON.stringify(rest, (_k, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v);
}

function place(x: { source: SourceRef }): string {
  return `${x.source.file} / ${x.source.sheet} 第${x.source.row}行`;
}
function placeEn(x: { source: SourceRef }): string {
  return `${x.source.file} / ${x.source.sheet} row ${x.source.row}`;
}

/** Indexes of the records sharing a key, each group in source order; only groups of two or more. */
function repeats<T>(rows: readonly T[], key: (r: T) => string | null, source: (r: T) => SourceRef): number[][] {
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const k = key(r);
    if (k === null) return;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  const out = [...groups.values()].filter((g) => g.length > 1);
  for (const g of out) g.sort((a, b) => compareSources(source(rows[a]), source(rows[b])));
  return out;
}

/** Indexes of the rows of one agent and day, each group in source order; only groups of two or more. */
export function byAgentDay(rows: readonly Row[]): number[][] {
  return repeats(rows, (r) => `${r.agent}\u0000${r.sd.date}`, (r) => r.sd.source);
}

/** A record dropped as a copy of one kept: what it was about ("KF01 2026-10-02"), and both places. */
interface Copy {
  label: string;
  dropped: SourceRef;
  kept: SourceRef;
}

/** In each group, the records equal in every field to one before them (in source order): their indexes, and the copies. */
function copiesIn<T>(rows: readonly T[], groups: number[][], record: (r: T) => ShiftDay | AgentSales, label: (r: T) => string): { drop: Set<number>; copies: Copy[] } {
  const drop = new Set<number>();
  const copies: Copy[] = [];
  for (const g of groups) {
    const kept = new Map<string, number>();
    for (const i of g) {
      const key = content(record(rows[i]));
      const k = kept.get(key);
      if (k === undefined) kept.set(key, i);
      else {
        drop.add(i);
        copies.push({ label: label(rows[i]), dropped: record(rows[i]).source, kept: record(rows[k]).source });
      }
    }
  }
  return { drop, copies };
}

const sheetOf = (r: SourceRef) => `${r.file} / ${r.sheet}`;

/**
 * Rows dropped for rows kept, told one warning each; or, when one sheet gives many of another's
 * (a file given twice, overlapping exports, two tools' month), one warning for the pair naming
 * the first rows, so a month given twice is one line, not hundreds.
 */
function perSheetPair<T extends { dropped: SourceRef; kept: SourceRef }>(items: readonly T[], one: (x: T) => Problem, many: (list: T[], rows: string[], keptRows: string[]) => Problem): Problem[] {
  const pairs = new Map<string, T[]>();
  for (const c of items) {
    const k = `${sheetOf(c.dropped)}\u0000${sheetOf(c.kept)}`;
    const l = pairs.get(k);
    if (l) l.push(c);
    else pairs.set(k, [c]);
  }
  const out: Problem[] = [];
  for (const list of pairs.values()) {
    if (list.length <= 3) out.push(...list.map(one));
    else out.push(many(list, list.map((c) => String(c.dropped.row)), list.map((c) => String(c.kept.row))));
  }
  return out;
}

/** The copies reported (perSheetPair). */
function copyProblems(code: string, kind: { zh: string; en: string }, copies: readonly Copy[]): Problem[] {
  return perSheetPair(copies,
    (c) => problem("warning", code, c.dropped, c.label,
      `${c.label} 的${kind.zh}与 ${place({ source: c.kept })} 完全相同（重复导出或重复粘贴？）：只计一次，本行未计入`,
      `${c.label}: the ${kind.en} is the same in every field as ${placeEn({ source: c.kept })} (exported or pasted twice?): counted once, this row is not counted`),
    (list, rows, keptRows) => {
      const [first] = list;
      return problem("warning", code, first.dropped, list.length,
        `${sheetOf(first.dropped)} 有 ${list.length} 行${kind.zh}与 ${sheetOf(first.kept)} 的行完全相同（同一文件给了两次，或导出时间段重叠？）：只计一次，这些行未计入（行号 ${listed(rows, "、", () => `等共 ${list.length} 行`)}，对应行号 ${listed(keptRows, "、", () => `等`)}）`,
        `${list.length} ${kind.en} rows of ${sheetOf(first.dropped)} are the same in every field as rows of ${sheetOf(first.kept)} (a file given twice, or overlapping exports?): counted once, these rows are not counted (rows ${listed(rows, ", ", (n) => `and ${n} more`)}, same as rows ${listed(keptRows, ", ", (n) => `and ${n} more`)})`);
    });
}

/** Copies of a day equal in every field: the first (in source order) kept, the others reported and dropped. */
export function dropRepeatedDays(rows: readonly Row[]): { rows: Row[]; problems: Problem[] } {
  const { drop, copies } = copiesIn(rows, byAgentDay(rows), (r) => r.sd, (r) => `${r.agent} ${r.sd.date}`);
  const problems = copyProblems("attendance.day.duplicate", { zh: "考勤", en: "attendance day" }, copies);
  return { rows: drop.size === 0 ? rows.slice() : rows.filter((_r, i) => !drop.has(i)), problems };
}

/** A row that is one punch pair of a split shift and nothing else the export judged for the whole day. */
function onePair(sd: ShiftDay): boolean {
  return !sd.laterPairs?.length && sd.lateMinutes === null && sd.earlyMinutes === null && sd.leaveDays === 0 && sd.sickDays === 0 && sd.absentDays === 0;
}

function firstPunch(sd: ShiftDay): number {
  return sd.clockIn ?? sd.clockOut ?? Number.POSITIVE_INFINITY;
}

/**
 * The rows of a group as one day when each is one punch pair of the same shift, or null.
 * A split shift (as many periods as rows, or more): the pairs in time order, each against its
 * own period. A one-period shift punched out and in again for the lunch break (08:25–12:00,
 * 13:02–17:35 under 白班), each row complete and none overlapping the next: the day runs from the
 * first clock-in to the last clock-out — the break is no lateness and no early leave.
 */
function joinPairs(group: readonly ShiftDay[]): { day: ShiftDay; split: boolean } | null {
  const shift = group[0].shift;
  if (shift === null) return null;
  const key = JSON.stringify(shift);
  if (!group.every((sd) => onePair(sd) && JSON.stringify(sd.shift) === key)) return null;
  const ordered = group.slice().sort((a, b) => firstPunch(a) - firstPunch(b) || compareSources(a.source, b.source));
  const [first, ...rest] = ordered;
  if (shift.laterPeriods && shift.laterPeriods.length + 1 >= group.length) {
    const laterPairs: PunchPair[] = rest.map((sd) => ({ clockIn: sd.clockIn, clockOut: sd.clockOut, inVerdict: sd.inVerdict, outVerdict: sd.outVerdict }));
    return { day: { ...first, source: group[0].source, laterPairs }, split: true };
  }
  if (shift.laterPeriods?.length) return null;
  const inOrder = ordered.every((sd, i) => sd.clockIn !== null && sd.clockOut !== null && sd.clockIn < sd.clockOut && (i === 0 || ordered[i - 1].clockOut! <= sd.clockIn));
  if (!inOrder) return null;
  const last = ordered[ordered.length - 1];
  return { day: { ...first, source: group[0].source, clockOut: last.clockOut, outVerdict: last.outVerdict }, split: false };
}

const PUNCH_FIELDS = ["clockIn", "clockOut", "inVerdict", "outVerdict"] as const;
const DAY_FIELDS = [...PUNCH_FIELDS, "shift", "lateMinutes", "earlyMinutes"] as const;

/**
 * One day as two exports of it give it, from different files — an app's daily report beside its
 * monthly summary (企业微信 每日统计 and 月度汇总), or a daily report beside a punch file: the
 * same punches and verdicts where both give one, each adding what the other lacks. Null when
 * they disagree on anything, share no punch or verdict (a schedule and a punch file are joined
 * apart: joinSchedules), or either is a split-shift day.
 */
function oneDayTwice(x: ShiftDay, y: ShiftDay): ShiftDay | null {
  // The row giving more (the daily report's shift and minutes) is the day's place in the ledger.
  const given = (sd: ShiftDay) => DAY_FIELDS.filter((f) => sd[f] !== null).length;
  const [a, b] = given(y) > given(x) ? [y, x] : [x, y];
  if (a.source.file === b.source.file && a.source.sheet === b.source.sheet) return null;
  if (a.laterPairs?.length || b.laterPairs?.length) return null;
  const same = (x: unknown, y: unknown) => x === null || y === null || JSON.stringify(x) === JSON.stringify(y);
  if (!DAY_FIELDS.every((f) => same(a[f], b[f]))) return null;
  if (!PUNCH_FIELDS.some((f) => a[f] !== null && a[f] === b[f])) return null;
  return {
    ...a,
    shift: a.shift ?? b.shift,
    clockIn: a.clockIn ?? b.clockIn,
    clockOut: a.clockOut ?? b.clockOut,
    inVerdict: a.inVerdict ?? b.inVerdict,
    outVerdict: a.outVerdict ?? b.outVerdict,
    lateMinutes: a.lateMinutes ?? b.lateMinutes,
    earlyMinutes: a.earlyMinutes ?? b.earlyMinutes,
    leaveDays: Math.max(a.leaveDays, b.leaveDays),
    sickDays: Math.max(a.sickDays, b.sickDays),
    absentDays: Math.max(a.absentDays, b.absentDays),
  };
}

/**
 * The days still on several rows once copies are dropped and 排班 joined to 打卡: one day given
 * by two exports made one (a warning), a split shift's pairs joined into one day (an info), any
 * other repeat reported (a warning) and left as it is.
 */
export function joinRepeatedDays(rows: readonly Row[]): { rows: Row[]; problems: Problem[] } {
  const out: (Row | null)[] = rows.slice();
  const problems: Problem[] = [];
  for (const g of byAgentDay(rows)) {
    const group = g.map((i) => rows[i].sd);
    const first = group[0];
    const agent = rows[g[0]].agent;
    const places = group.map(place).join("、");
    const placesEn = group.map(placeEn).join(", ");
    const both = group.length === 2 ? oneDayTwice(group[0], group[1]) : null;
    if (both !== null) {
      out[g[0]] = { agent, sd: both };
      out[g[1]] = null;
      const other = group.find((sd) => sd.source !== both.source)!;
      problems.push(problem("warning", "attendance.day.two_exports", other.source, `${agent} ${first.date}`,
        `${agent} ${first.date} 同时出现在两份考勤导出中（${places}，如每日统计和月度汇总），打卡与结果一致：只计一次，合并两行所给的内容`,
        `${agent} on ${first.date} is in two attendance exports (${placesEn}, e.g. a daily report and a monthly summary) that agree: counted once, with what each row gives`));
      continue;
    }
    const joined = joinPairs(group);
    if (joined !== null) {
      out[g[0]] = { agent, sd: joined.day };
      for (const i of g.slice(1)) out[i] = null;
      const label = first.shift!.label;
      problems.push(joined.split
        ? problem("info", "attendance.day.pairs_joined", first.source, `${agent} ${first.date}`,
          `${agent} ${first.date} 的分段班次（${label}）分 ${group.length} 行打卡（${places}）：按时间先后合为一天，每段对照各自的上下班时间判断`,
          `${agent} on ${first.date}: the split shift (${label}) is punched on ${group.length} rows (${placesEn}): joined into one day in time order, each pair judged against its own period`)
        : problem("info", "attendance.day.pairs_joined", first.source, `${agent} ${first.date}`,
          `${agent} ${first.date} 的${label}分 ${group.length} 行打卡（${places}，中间是休息）：合为一天，按第一次上班和最后一次下班判断`,
          `${agent} on ${first.date}: the ${label} shift is punched on ${group.length} rows (${placesEn}, a break between): joined into one day, judged by the first clock-in and the last clock-out`));
      continue;
    }
    problems.push(problem("warning", "attendance.day.repeated", first.source, `${agent} ${first.date}`,
      `${agent} ${first.date} 在考勤中有 ${group.length} 行且内容不同（${places}）：每行分别判断，迟到、早退可能被计了不止一次；若是同一天的重复记录，请只保留一行`,
      `${agent} on ${first.date} has ${group.length} attendance rows that differ (${placesEn}): each row is judged on its own, so lateness or early leave may be counted more than once; if they are one day's record twice, keep one row`));
  }
  return { rows: out.filter((r): r is Row => r !== null), problems };
}

type SalesRow = { s: AgentSales; agent: string };

/**
 * The sales export's rows for one sub-account and one day. Two overlapping exports (or one pasted
 * twice) repeat a day; summed, the agent's inquiries, payers and sales would double (the
 * conversion would look right and hide it). Copies equal in every figure count once; copies that
 * differ are reported and counted as given (two sub-accounts can share a nick only by mistake,
 * and which copy is right is the manager's call). A sub-account given both per day and for the
 * whole period (a 日期-less or 2026-10-01~2026-10-31 row) is reported too: the two add up twice.
 */
export function dropRepeatedSales(input: readonly SalesRow[]): { rows: SalesRow[]; problems: Problem[] } {
  const twoTools = dropSecondTool(input);
  const rows = twoTools.rows;
  const nickDay = (r: SalesRow) => (r.s.date === null ? null : `${r.agent}\u0000${foldKey(r.s.nick)}\u0000${r.s.date}`);
  const groups = repeats(rows, nickDay, (r) => r.s.source);
  const { drop, copies } = copiesIn(rows, groups, (r) => r.s, (r) => `${r.s.nick} ${r.s.date}`);
  const problems = [...twoTools.problems, ...copyProblems("sales.day.duplicate", { zh: "客服绩效", en: "sales figures" }, copies)];
  for (const g of groups) {
    const differing = g.filter((i) => !drop.has(i)).map((i) => rows[i].s);
    if (differing.length > 1) {
      const s = differing[0];
      problems.push(problem("warning", "sales.day.repeated", s.source, `${s.nick} ${s.date}`,
        `${s.nick} ${s.date} 在客服绩效中有 ${differing.length} 行且数字不同（${differing.map(place).join("、")}）：都已计入，询单、付款人数和销售额可能重复；若是同一天导出了两次，请只保留一行`,
        `${s.nick} on ${s.date} has ${differing.length} sales rows with different figures (${differing.map(placeEn).join(", ")}): all are counted, so inquiries, payers and sales may be counted twice; if the day was exported twice, keep one row`));
    }
  }
  const kept = drop.size === 0 ? rows.slice() : rows.filter((_r, i) => !drop.has(i));
  // 赤兔's bare 小美 is the agent's 店A:小美 when that is the only sub-account ending in it.
  const named = new Map<string, Set<string>>();
  for (const r of kept) {
    const suffix = nickSuffix(r.s.nick);
    if (suffix === "") continue;
    const k = `${r.agent}\u0000${foldKey(suffix)}`;
    named.set(k, (named.get(k) ?? new Set()).add(foldKey(r.s.nick)));
  }
  const account = (r: SalesRow): string => {
    const own = foldKey(r.s.nick);
    const full = nickSuffix(r.s.nick) === "" ? named.get(`${r.agent}\u0000${own}`) : undefined;
    return full?.size === 1 ? [...full][0] : own;
  };
  const nicks = new Map<string, { period: AgentSales | null; daily: AgentSales | null }>();
  for (const r of kept) {
    const k = `${r.agent}\u0000${account(r)}`;
    const n = nicks.get(k) ?? { period: null, daily: null };
    if (r.s.date === null) n.period ??= r.s;
    else n.daily ??= r.s;
    nicks.set(k, n);
  }
  for (const { period, daily } of nicks.values()) {
    if (period === null || daily === null) continue;
    problems.push(problem("warning", "sales.period_and_days", period.source, period.nick,
      `${period.nick} 既有整段时间的汇总行（${place(period)}）又有按日的行（${place(daily)} 等）：两者都已计入，该客服的询单、付款人数和销售额会算两遍；请只给按日或只给汇总的导出`,
      `${period.nick} has both a row for the whole period (${placeEn(period)}) and rows per day (${placeEn(daily)} …): both are counted, so this agent's inquiries, payers and sales count twice; give either the daily or the period export, not both`));
  }
  return { rows: kept, problems };
}

/** What a sales row gives the board, for a warning: 询单 12、付款 6、销售额 ¥100.00. */
function salesFigures(s: AgentSales): { zh: string; en: string } {
  const money = s.sales === null ? null : formatYuan(s.sales);
  return {
    zh: `询单 ${s.inquiries}、付款 ${s.payers}${money === null ? "" : `、销售额 ${money}`}`,
    en: `${s.inquiries} inquiries, ${s.payers} payers${money === null ? "" : `, sales ${money}`}`,
  };
}

/**
 * 千牛 names a sub-account `店铺:小美`, 赤兔 (and some 千牛 reports) only `小美`: the same agent's
 * same day from two tools, which summed would double the inquiries and payers. The day counts
 * once: a bare nick's row is dropped when the agent has, for the same day (or the same period),
 * a row under a shop-named sub-account ending in that nick; the shop-named row wins because it
 * names the sub-account as the roster and a one-shop build (--shop) do. When two shops' sub-accounts
 * end in it, theirs are the day per shop and the bare row cannot be told apart from their sum.
 */
function dropSecondTool(rows: readonly SalesRow[]): { rows: SalesRow[]; problems: Problem[] } {
  const span = (s: AgentSales) => s.date ?? (s.period ? `${s.period.from}~${s.period.to}` : "");
  const groups = repeats(rows, (r) => `${r.agent}\u0000${span(r.s)}`, (r) => r.s.source);
  const drop = new Set<number>();
  const told: { s: AgentSales; all: AgentSales[]; dropped: SourceRef; kept: SourceRef }[] = [];
  const gaveWay: Problem[] = [];
  for (const g of groups) {
    const named = g.filter((i) => nickSuffix(rows[i].s.nick) !== "");
    for (const i of g) {
      const s = rows[i].s;
      if (nickSuffix(s.nick) !== "") continue;
      const same = named.filter((k) => foldKey(nickSuffix(rows[k].s.nick)) === foldKey(s.nick));
      if (same.length === 0) continue;
      const kept = same.map((k) => rows[k].s);
      // Shop-named figures not final yet (延迟统计) give way to the other tool's complete ones.
      if (!s.provisional && kept.every((k) => k.provisional)) {
        for (const k of same) drop.add(k);
        gaveWay.push(provisionalGaveWay(s, kept, span(s)));
        continue;
      }
      drop.add(i);
      told.push({ s, all: kept, dropped: s.source, kept: kept[0].source });
    }
  }
  const problems = perSheetPair(told,
    ({ s, all }) => {
      const when = span(s) || "（整段）";
      const whenEn = span(s) || "(whole period)";
      const [mine, theirs] = [salesFigures(s), all.map(salesFigures)];
      return problem("warning", "sales.day.two_tools", s.source, `${s.nick} ${span(s)}`.trim(),
        `${s.nick} ${when} 与 ${all.map((k, j) => `${k.nick}（${place(k)}，${theirs[j].zh}）`).join("、")} 是同一客服同一天的两份导出（如赤兔与千牛）：以带店铺名的子账号为准，本行（${mine.zh}）未计入；若确是另一个子账号，请在导出中写全「店铺:子账号」`,
        `${s.nick} on ${whenEn} is the same agent's same day as ${all.map((k, j) => `${k.nick} (${placeEn(k)}, ${theirs[j].en})`).join(", ")} in another export (e.g. 赤兔 beside 千牛): the shop-named sub-account's figures are kept and this row (${mine.en}) is not counted; if it is another sub-account, export it as 店铺:子账号`);
    },
    (list, rowsNo, keptRows) => {
      const [first] = list;
      return problem("warning", "sales.day.two_tools", first.dropped, list.length,
        `${sheetOf(first.dropped)} 有 ${list.length} 行只写昵称（如 ${first.s.nick}），与 ${sheetOf(first.kept)} 中带店铺名的子账号（如 ${first.all[0].nick}）是同一客服同一天的两份导出（如赤兔与千牛）：以带店铺名的为准，这些行未计入（行号 ${listed(rowsNo, "、", () => `等共 ${list.length} 行`)}，对应行号 ${listed(keptRows, "、", () => `等`)}）`,
        `${list.length} rows of ${sheetOf(first.dropped)} name only the nick (e.g. ${first.s.nick}) for the same agent's same day as the shop-named sub-accounts of ${sheetOf(first.kept)} (e.g. ${first.all[0].nick}), two tools' exports (e.g. 赤兔 beside 千牛): the shop-named figures are kept and these rows are not counted (rows ${listed(rowsNo, ", ", (n) => `and ${n} more`)}, same days as rows ${listed(keptRows, ", ", (n) => `and ${n} more`)})`);
    });
  problems.push(...gaveWay);
  return { rows: drop.size === 0 ? rows.slice() : rows.filter((_r, i) => !drop.has(i)), problems };
}

/** sales.day.two_tools the other way: the shop-named rows are provisional, the bare nick's complete one counts. */
function provisionalGaveWay(s: AgentSales, named: readonly AgentSales[], when: string): Problem {
  const first = named[0];
  const [mine, theirs] = [salesFigures(s), named.map(salesFigures)];
  return problem("warning", "sales.day.two_tools", first.source, `${first.nick} ${when}`.trim(),
    `${named.map((k, j) => `${k.nick}（${place(k)}，${theirs[j].zh}）`).join("、")} 与 ${s.nick}（${place(s)}，${mine.zh}）是同一客服${when ? ` ${when} ` : "同一天"}的两份导出（如赤兔与千牛）：带店铺名的一份还有未出的数据（延迟统计），以完整的 ${s.nick} 为准，带店铺名的未计入；数据出齐后请重新导出`,
    `${named.map((k, j) => `${k.nick} (${placeEn(k)}, ${theirs[j].en})`).join(", ")} and ${s.nick} (${placeEn(s)}, ${mine.en}) are the same agent's ${when || "same day"} in two tools' exports (e.g. 赤兔 beside 千牛): the shop-named one has figures not final yet (延迟统计), so the complete ${s.nick} row counts and the shop-named one does not; export again once the figures are final`);
}
