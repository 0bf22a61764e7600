/**
 * KEFU.AGENT's roster argument → the engine's `AgentMatcher`, compiled once per distinct roster.
 *
 * Excel calls a custom function once per formula cell and passes the roster range afresh each
 * time, so a column of 100,000 `=KEFU.AGENT(A2, 花名册!A:B)` formulas would otherwise build the
 * matcher 100,000 times. The cache key is the range's content (and the mode): an edited roster
 * is a new key, never a stale match.
 */
import { AgentMatcher, type CodeEntry } from "../core";
import type { AttributionMode } from "../core";
import { textOfCell } from "./args";
import { invalid, isBlank, quote, single, toGrid, type FnError, type Scalar } from "./values";

/** Header words a roster range may include; they are not codes (a note saying 工号 names no one). */
const HEADERS = new Set(["工号", "客服工号", "员工工号", "员工号", "编号", "姓名", "名字", "客服", "客服姓名", "花名", "staffno", "staff no", "staff", "code", "name", "agent"]);

/**
 * Roster cells → code entries: the first column is the agent's code (工号), further columns
 * are other ways a note may name the same agent (姓名, a nickname) and resolve to that code.
 */
export function rosterEntries(codes: unknown): CodeEntry[] {
  const entries: CodeEntry[] = [];
  const aliases: CodeEntry[] = [];
  const agentsOf = new Map<string, Set<string>>();
  for (const row of toGrid(codes)) {
    const agent = textOfCell(row[0]);
    if (agent === "" || HEADERS.has(agent.toLowerCase())) continue;
    entries.push({ token: agent, agent });
    for (let c = 1; c < row.length; c++) {
      const token = textOfCell(row[c]);
      if (token === "" || HEADERS.has(token.toLowerCase())) continue;
      aliases.push({ token, agent });
      const set = agentsOf.get(token) ?? new Set<string>();
      set.add(agent);
      agentsOf.set(token, set);
    }
  }
  // As the engine reads a roster (reports/identity.ts): a one-character name would match inside
  // ordinary words, and a name shared by two agents, or equal to a code, names nobody.
  const staffCodes = new Set(entries.map((e) => e.token));
  for (const a of aliases) {
    if (a.token.length < 2 || agentsOf.get(a.token)!.size > 1 || staffCodes.has(a.token)) continue;
    entries.push(a);
  }
  return entries;
}

const MAX_CACHED = 16;
const cache = new Map<string, AgentMatcher>();
let builds = 0;

/** How many matchers were compiled so far (the benchmark and tests read it). */
export function matcherBuilds(): number {
  return builds;
}

/** The last roster seen, kept cell by cell: the common case is the same range on every call. */
let last: { mode: AttributionMode; cells: Scalar[][]; matcher: AgentMatcher } | null = null;

function sameCells(a: Scalar[][], b: Scalar[][]): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r];
    const y = b[r];
    if (x.length !== y.length) return false;
    for (let c = 0; c < x.length; c++) if (x[c] !== y[c]) return false;
  }
  return true;
}

/**
 * A roster passed as whole columns (花名册!A:B) is a dozen names over 1,048,576 rows: the blank rows
 * after the last name say nothing, and kept they would be copied row by row and spelled into the
 * cache key on every new roster.
 */
function withoutBlankTail(g: Scalar[][]): Scalar[][] {
  let n = g.length;
  while (n > 1 && g[n - 1].every(isBlank)) n--;
  return n === g.length ? g : g.slice(0, n);
}

/** The compiled matcher for this roster range and mode, from the cache when seen before. */
export function matcherFor(codes: unknown, mode: AttributionMode): AgentMatcher {
  const g = withoutBlankTail(toGrid(codes));
  // Fast path without building a key: a cell-by-cell compare with the previous call's roster.
  if (last !== null && last.mode === mode && sameCells(last.cells, g)) return last.matcher;
  let key: string = mode;
  for (const row of g) {
    key += "\u0002";
    for (const cell of row) key += "\u0001" + (cell === null || cell === undefined ? "" : String(cell));
  }
  let m = cache.get(key);
  if (m) {
    // Refresh recency: Map iteration order is insertion order.
    cache.delete(key);
    cache.set(key, m);
  } else {
    m = new AgentMatcher(rosterEntries(g), mode);
    builds++;
    cache.set(key, m);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  }
  last = { mode, cells: g.map((row) => row.slice()), matcher: m };
  return m;
}

const FIRST = new Set(["first", "首个", "首个工号", "第一个", "最先", "先", "1"]);
const LAST = new Set(["last", "末个", "最后一个", "最后", "最后工号", "后", "-1"]);

/** "first" (the handbook's default: the code written first wins) or "last". */
export function readWhich(v: unknown): AttributionMode | FnError {
  const s = single(v);
  if (isBlank(s)) return "first";
  const t = textOfCell(s).toLowerCase();
  if (FIRST.has(t)) return "first";
  if (LAST.has(t)) return "last";
  return invalid(`取值方式 ${quote(s)} 应为 "first"（首个）或 "last"（最后）`, `which ${quote(s)} must be "first" or "last"`);
}

/**
 * Without a roster, a code is any token shaped like a staff number: 1–4 Latin letters then 1–4
 * digits (KF03, kf12, ＫＦ０３), standing apart from other letters and digits. A roster is exact
 * (it also finds names and cannot mistake a pattern number like A3 for a code); this is the
 * fallback for a sheet without one.
 */
const CODE_SHAPE = /(?<![A-Za-z0-9])[A-Za-z]{1,4}\d{1,4}(?![A-Za-z0-9])/g;

export function codeShapedToken(note: string, mode: AttributionMode): string {
  const text = textOfCell(note);
  let found = "";
  CODE_SHAPE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CODE_SHAPE.exec(text)) !== null) {
    found = m[0];
    if (mode === "first") break;
  }
  return found;
}
