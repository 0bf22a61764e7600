/**
 * Identity (花名册对照): one agent, however a source names them — roster 工号, 姓名, or the
 * 旺旺 sub-account (`店铺:子账号`, or only the part after the colon).
 *
 * Agents a source names but the roster lacks become `AgentRef`s with `inRoster: false` and a
 * warning; two roster rows with one staff number are an error (the first row is kept). The
 * result does not depend on row order: roster rows are taken in sheet order, other candidates
 * are merged by key with ties broken by content.
 *
 * Roster 别名 (login names, further sub-accounts, "6号") name the agent like the 工号: in notes
 * and in every source. An alias two agents claim, or one that is another agent's 工号 / 姓名 /
 * 旺旺, names nobody and is a located error; a one-character alias would match inside ordinary
 * words and is not used (a warning).
 *
 * Without a roster, a sales nick is tied to an attendance agent through the sales report's own
 * 工号 / 姓名 columns, or its sub-account part equal to a name; a nick that stays unmatched while
 * attendance names agents is not made a second agent (it would list everybody twice, once by
 * nick and once by 工号): one error names those nicks and what to give instead.
 */
import type { Agent, Cents, Dataset, ShiftDay, SourceRef } from "../model";
import type { Problem } from "../problems";
import { problem } from "../problems";
import type { CodeEntry } from "../rules/attribution";
import type { AgentRef } from "./types";
import { compareCodes, compareSources, compareText } from "./order";

/**
 * How keys compare: width-folded (NFKC), Latin lower-cased, without spaces. HR sheets pad a
 * two-character name to line up with three-character ones (`王　美`, `王 美`); no name, 工号 or
 * nick differs from another by a space alone, so the padded name is the same agent.
 */
export function foldKey(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** The sub-account part of `店铺:子账号` (either colon), or "" when there is no colon. */
export function nickSuffix(nick: string): string {
  const i = Math.max(nick.lastIndexOf(":"), nick.lastIndexOf("："));
  return i >= 0 ? nick.slice(i + 1).trim() : "";
}

export interface Identity {
  /** Roster agents (in staff-number order), then agents seen only in sources. */
  agents: AgentRef[];
  byStaffNo: Map<string, AgentRef>;
  /** Roster 月度目标 by staff number, where the roster gives one. */
  targets: Map<string, Cents>;
  /** The staff number (AgentRef.staffNo) a source's text names, or null. */
  resolve(key: string): string | null;
  /** A bare sub-account name (小美) that several agents' 店铺:子账号 end in: it names nobody, and identity has said so. */
  ambiguousNick(key: string): boolean;
  /** Tokens for the note matcher: staff numbers, and roster names unless `matchNames` is false. */
  codeEntries(matchNames: boolean): CodeEntry[];
  problems: Problem[];
}

interface Candidate {
  staffNo: string;
  name: string;
  nick: string;
  source: SourceRef;
  kind: string;
  /** The header of the cell that named the agent, for the problem's location. */
  column: string;
}

/** A lookup from folded text to staff number, remembering texts that name several agents. */
class Lookup {
  private readonly map = new Map<string, string>();
  private readonly ambiguous = new Set<string>();
  add(text: string, staffNo: string): void {
    const k = foldKey(text);
    if (k === "") return;
    const had = this.map.get(k);
    if (had === undefined) this.map.set(k, staffNo);
    else if (had !== staffNo) this.ambiguous.add(k);
  }
  get(text: string): string | null {
    const k = foldKey(text);
    if (k === "" || this.ambiguous.has(k)) return null;
    return this.map.get(k) ?? null;
  }
  isAmbiguous(text: string): boolean {
    return this.ambiguous.has(foldKey(text));
  }
}

/** The agent an attendance row names: by 工号, else 姓名, else the row's own agent key. */
export function shiftAgent(identity: Pick<Identity, "resolve">, sd: Pick<ShiftDay, "staffNo" | "name" | "agentKey">): string | null {
  return identity.resolve(sd.staffNo) ?? identity.resolve(sd.name) ?? identity.resolve(sd.agentKey);
}

export function resolveIdentities(data: Pick<Dataset, "roster" | "shifts" | "sales" | "incidents">): Identity {
  const problems: Problem[] = [];
  const byStaffNo = new Map<string, AgentRef>();
  const staff = new Lookup();
  const names = new Lookup();
  const nicks = new Lookup();
  const suffixes = new Lookup();
  const aliases = new Lookup();
  const aliasEntries: CodeEntry[] = [];
  const roster: AgentRef[] = [];
  const targets = new Map<string, Cents>();

  const register = (a: AgentRef) => {
    byStaffNo.set(a.staffNo, a);
    staff.add(a.staffNo, a.staffNo);
    names.add(a.name, a.staffNo);
    if (a.nick) {
      nicks.add(a.nick, a.staffNo);
      suffixes.add(nickSuffix(a.nick) || a.nick, a.staffNo);
    }
  };

  const rosterRows = data.roster.slice().sort((a, b) => compareSources(a.source, b.source));
  const firstRow = new Map<string, SourceRef>();
  const accepted: { staffNo: string; row: Dataset["roster"][number] }[] = [];
  for (const r of rosterRows) {
    const staffNo = r.staffNo.trim() || r.name.trim();
    const at = { file: r.source.file, sheet: r.source.sheet, row: r.source.row, column: "工号" };
    if (staffNo === "") {
      problems.push(problem("error", "roster.staffNo.missing", at, "", "花名册行没有工号也没有姓名，已跳过", "Roster row has neither staff number nor name; skipped"));
      continue;
    }
    const key = foldKey(staffNo);
    const prev = firstRow.get(key);
    if (prev) {
      problems.push(
        problem(
          "error",
          "roster.staffNo.duplicate",
          at,
          staffNo,
          `工号 ${staffNo} 重复（第${prev.row}行已有），保留第一行`,
          `Staff number ${staffNo} repeats (already on row ${prev.row}); the first row is kept`,
        ),
      );
      continue;
    }
    if (r.staffNo.trim() === "") {
      problems.push(problem("warning", "roster.staffNo.name", at, r.name, "花名册行缺工号，以姓名代替", "Roster row has no staff number; the name stands in for it"));
    }
    firstRow.set(key, r.source);
    const a: AgentRef = { staffNo, name: r.name.trim(), nick: r.nick.trim(), inRoster: true };
    roster.push(a);
    register(a);
    accepted.push({ staffNo, row: r });
    // A negative target would pay the performance bonus on anything: the importer refused it
    // (an error on its row); a host's own rows get the default target here as well.
    if (r.monthlyTarget !== null && r.monthlyTarget >= 0) targets.set(staffNo, r.monthlyTarget);
  }
  roster.sort((a, b) => compareCodes(a.staffNo, b.staffNo));
  // Checked once every roster agent is registered: a clash with a 工号 or 姓名 is seen whatever the row order.
  for (const e of checkAliases(accepted, { staff, names, nicks, suffixes }, problems)) {
    aliases.add(e.token, e.agent);
    aliasEntries.push(e);
  }

  const resolveRaw = (key: string): string | null => {
    if (foldKey(key) === "") return null;
    const found = staff.get(key) ?? names.get(key) ?? nicks.get(key) ?? aliases.get(key) ?? suffixes.get(key);
    if (found !== null) return found;
    const suf = nickSuffix(key);
    return suf ? suffixes.get(suf) ?? names.get(suf) ?? staff.get(suf) ?? aliases.get(suf) : null;
  };

  // Agents the roster lacks, gathered from every source, merged by key in content order.
  const candidates: Candidate[] = [];
  for (const s of data.shifts) {
    if (resolveRaw(s.staffNo) ?? resolveRaw(s.name) ?? resolveRaw(s.agentKey)) continue;
    const staffNo = s.staffNo.trim() || s.agentKey.trim() || s.name.trim();
    const column = s.staffNo.trim() ? "工号" : s.agentKey.trim() && s.agentKey.trim() !== s.name.trim() ? "客服" : "姓名";
    if (staffNo) candidates.push({ staffNo, name: s.name.trim(), nick: "", source: s.source, kind: "考勤/attendance", column });
  }
  addCandidates(candidates, register, resolveRaw, byStaffNo);
  const seen: Candidate[] = [];
  const unmatchedNicks: { nick: string; source: SourceRef }[] = [];
  const ambiguousNick = (key: string) => nickSuffix(key) === "" && suffixes.isAmbiguous(key) && resolveRaw(key) === null;
  const ambiguous = new Map<string, { nick: string; source: SourceRef }>();
  const attendanceAgents = byStaffNo.size > 0;
  for (const s of data.sales) {
    if (resolveRaw(s.nick)) continue;
    const nick = s.nick.trim();
    if (!nick) continue;
    // The report's own 工号 / 姓名 beside the nick.
    const owner = resolveRaw(s.staffNo ?? "") ?? resolveRaw(s.name ?? "");
    if (owner !== null) {
      nicks.add(nick, owner);
      suffixes.add(nickSuffix(nick) || nick, owner);
      const a = byStaffNo.get(owner)!;
      if (a.nick === "") a.nick = nick;
      continue;
    }
    if (ambiguousNick(nick)) {
      const k = foldKey(nick);
      const had = ambiguous.get(k);
      if (!had || compareSources(s.source, had.source) < 0) ambiguous.set(k, { nick, source: s.source });
      continue;
    }
    const code = (s.staffNo ?? "").trim();
    if (code !== "") {
      seen.push({ staffNo: code, name: (s.name ?? "").trim(), nick, source: s.source, kind: "客服绩效/sales", column: "工号" });
    } else if (rosterRows.length === 0 && attendanceAgents) {
      unmatchedNicks.push({ nick, source: s.source });
    } else {
      seen.push({ staffNo: nick, name: nickSuffix(nick) || nick, nick, source: s.source, kind: "客服绩效/sales", column: "旺旺昵称" });
    }
  }
  if (unmatchedNicks.length > 0) problems.push(unmatchedNickProblem(unmatchedNicks));
  for (const [k, first] of ambiguous) problems.push(ambiguousNickProblem(first.nick, first.source, [...byStaffNo.values()].filter((a) => foldKey(nickSuffix(a.nick) || a.nick) === k).sort((a, b) => compareCodes(a.staffNo, b.staffNo))));
  for (const inc of data.incidents) {
    if (resolveRaw(inc.agentKey)) continue;
    const key = inc.agentKey.trim();
    if (key) seen.push({ staffNo: key, name: "", nick: "", source: inc.source, kind: "违规记录/incidents", column: "客服" });
  }
  candidates.push(...addCandidates(seen, register, resolveRaw, byStaffNo));

  const others = Array.from(byStaffNo.values()).filter((a) => !a.inRoster);
  others.sort((a, b) => compareCodes(a.staffNo, b.staffNo));
  for (const a of others) {
    const rows = candidates.filter((c) => c.staffNo === a.staffNo).sort((x, y) => compareSources(x.source, y.source));
    const first = rows[0];
    problems.push(
      problem(
        "warning",
        "agent.notInRoster",
        { file: first.source.file, sheet: first.source.sheet, row: first.source.row, column: first.column },
        a.staffNo,
        `客服 ${a.staffNo}${a.name && a.name !== a.staffNo ? `（${a.name}）` : ""} 出现在${first.kind.split("/")[0]}中，但不在花名册里`,
        `Agent ${a.staffNo} appears in ${first.kind.split("/")[1]} but not in the roster`,
      ),
    );
  }

  const memo = new Map<string, string | null>();
  const resolve = (key: string): string | null => {
    let v = memo.get(key);
    if (v === undefined) {
      v = resolveRaw(key);
      memo.set(key, v);
    }
    return v;
  };

  const agents = roster.concat(others);
  return {
    agents,
    byStaffNo,
    targets,
    resolve,
    ambiguousNick,
    problems,
    codeEntries(matchNames: boolean): CodeEntry[] {
      const out: CodeEntry[] = [];
      // A 旺旺 nick seen only in the sales export is no code an agent writes into notes.
      for (const a of agents) if (a.inRoster || !/[:：]/.test(a.staffNo)) out.push({ token: a.staffNo, agent: a.staffNo });
      out.push(...aliasEntries);
      if (matchNames) {
        for (const a of agents) {
          if (!a.inRoster) continue;
          // A one-character name would match inside ordinary words; a shared name names nobody.
          if (a.name.length < 2 || names.isAmbiguous(a.name) || staff.get(a.name) !== null) continue;
          out.push({ token: a.name, agent: a.staffNo });
        }
      }
      return out;
    },
  };
}

/**
 * Registers the candidates not yet resolvable, merged by staff number: the name kept is the
 * smallest non-empty one (so the choice does not depend on row order). Returns the candidates
 * that created agents (for warnings).
 */
function addCandidates(
  list: Candidate[],
  register: (a: AgentRef) => void,
  resolve: (key: string) => string | null,
  byStaffNo: Map<string, AgentRef>,
): Candidate[] {
  list.sort((a, b) => compareText(a.staffNo, b.staffNo) || compareText(b.name, a.name) || compareSources(a.source, b.source));
  const groups = new Map<string, Candidate[]>();
  for (const c of list) {
    const k = foldKey(c.staffNo);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  const created: Candidate[] = [];
  for (const g of groups.values()) {
    // A name-only row may name an agent another row just created with a staff number.
    const known = resolve(g[0].staffNo);
    if (known !== null) {
      for (const c of g) created.push({ ...c, staffNo: known });
      continue;
    }
    const named = g.map((c) => c.name).filter((n) => n !== "").sort(compareText);
    const nick = g.find((c) => c.nick !== "")?.nick ?? "";
    const a: AgentRef = { staffNo: g[0].staffNo, name: named[0] ?? g[0].staffNo, nick, inRoster: false };
    if (!byStaffNo.has(a.staffNo)) register(a);
    for (const c of g) created.push(c);
  }
  return created;
}

/** The lookups an alias must not collide with. */
interface Taken {
  staff: Lookup;
  names: Lookup;
  nicks: Lookup;
  suffixes: Lookup;
}

/**
 * The roster's 别名 that name exactly one agent, as note tokens; every other alias is reported
 * at its row (a clash with another agent's 工号 / 姓名 / 旺旺, two agents claiming it, one
 * character). An alias equal to the agent's own 工号, 姓名 or 旺旺 adds nothing and is skipped.
 */
function checkAliases(rows: { staffNo: string; row: Agent }[], taken: Taken, problems: Problem[]): CodeEntry[] {
  const claimed = new Map<string, { staffNo: string; token: string; source: SourceRef }>();
  const clashed = new Set<string>();
  for (const { staffNo, row } of rows) {
    const own = new Set([foldKey(staffNo), foldKey(row.name), foldKey(row.nick)]);
    const at = { file: row.source.file, sheet: row.source.sheet, row: row.source.row, column: "别名" };
    for (const token of row.aliases ?? []) {
      const k = foldKey(token);
      if (k === "" || own.has(k)) continue;
      const other = taken.staff.get(token) ?? taken.names.get(token) ?? taken.nicks.get(token) ?? taken.suffixes.get(token);
      if ((other !== null && other !== staffNo) || taken.names.isAmbiguous(token)) {
        problems.push(
          problem(
            "error",
            "roster.alias.taken",
            at,
            token,
            `别名「${token}」已是${other !== null ? ` ${other} ` : "别人"}的工号、姓名或旺旺；不按此别名归属给 ${staffNo}`,
            `the alias "${token}" already is ${other !== null ? other + "'s" : "another agent's"} staff number, name or nick; it does not credit ${staffNo}`,
          ),
        );
        continue;
      }
      if ([...token].length < 2) {
        problems.push(
          problem("warning", "roster.alias.short", at, token, `别名「${token}」只有一个字，会在普通文字中误配；未使用`, `the alias "${token}" is one character and would match inside ordinary words; not used`),
        );
        continue;
      }
      const prev = claimed.get(k);
      if (prev === undefined) {
        claimed.set(k, { staffNo, token, source: row.source });
      } else if (prev.staffNo !== staffNo) {
        clashed.add(k);
        problems.push(
          problem(
            "error",
            "roster.alias.duplicate",
            at,
            token,
            `别名「${token}」同时属于 ${prev.staffNo}（第${prev.source.row}行）和 ${staffNo}；备注中的「${token}」不归属任何人，请在花名册中只留一个`,
            `the alias "${token}" is claimed by ${prev.staffNo} (row ${prev.source.row}) and ${staffNo}; "${token}" in a note credits nobody: keep it on one roster row`,
          ),
        );
      }
    }
  }
  const out: CodeEntry[] = [];
  for (const [k, c] of claimed) if (!clashed.has(k)) out.push({ token: c.token, agent: c.staffNo });
  return out;
}

/**
 * 赤兔 writes the sub-account without its shop (小美); when two shops each have a 小美 on the
 * roster, the row could be either agent's. Counted for one it could pay the wrong agent; made an
 * agent of its own it would be a phantom off the roster. It counts for nobody, said once a nick.
 */
function ambiguousNickProblem(nick: string, at: SourceRef, agents: readonly AgentRef[]): Problem {
  return problem("error", "sales.nick.ambiguous", { file: at.file, sheet: at.sheet, row: at.row, column: "旺旺昵称" }, nick,
    `客服绩效的旺旺「${nick}」没有店铺名，花名册中 ${agents.map((a) => `${a.staffNo}（${a.nick}）`).join("、")} 的子账号都是它，无法判断是谁：这个旺旺的客服绩效行未计入任何人；请导出带店铺名的「店铺:子账号」，或在花名册的别名列写明`,
    `the sales export's nick "${nick}" has no shop, and the roster's ${agents.map((a) => `${a.staffNo} (${a.nick})`).join(", ")} all end in it: whose it is cannot be told, so its sales rows count for nobody; export the sub-account as 店铺:子账号, or name it in the roster's alias column`);
}

/** Without a roster: the sales nicks no attendance agent matches, in one message. */
function unmatchedNickProblem(list: { nick: string; source: SourceRef }[]): Problem {
  const first = list.slice().sort((a, b) => compareSources(a.source, b.source))[0];
  const nicks = Array.from(new Set(list.map((x) => x.nick))).sort(compareText);
  const shown = nicks.slice(0, 8).join("、") + (nicks.length > 8 ? ` 等 ${nicks.length} 个` : "");
  const shownEn = nicks.slice(0, 8).join(", ") + (nicks.length > 8 ? ` and ${nicks.length - 8} more` : "");
  return problem(
    "error",
    "agent.nick.unmatched",
    { file: first.source.file, sheet: first.source.sheet, row: first.source.row, column: "旺旺昵称" },
    first.nick,
    `没有花名册，客服绩效中的旺旺（${shown}）对应不到考勤中的客服（工号/姓名），未另列为客服（否则同一人会按旺旺和工号各列一次）；这些行的客服绩效未计入任何人。请提供花名册（工号、姓名、旺旺；命令行 --roster），或导出带工号/姓名列的客服绩效`,
    `no roster, and the sales export's nicks (${shownEn}) match no attendance agent (工号 / 姓名): they are not listed as agents of their own (everybody would appear twice, by nick and by staff number), and their chat figures count for nobody. Give a roster (工号, 姓名, 旺旺; --roster on the command line), or export the sales report with a 工号 / 姓名 column`,
  );
}
