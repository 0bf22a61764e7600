/**
 * Attribution (归属): which agent's code (工号, or roster name) an order note carries.
 *
 * Notes are append-only in the ERP, so by default the FIRST code written wins and a code
 * appended later does not steal the order; "last" mode is the alternative. Codes match on
 * boundaries: `KF1` is not found inside `KF12` (a Latin / digit edge of a code must not touch a
 * character of the same kind), and Latin letters match case-insensitively, full-width forms
 * included (ＫＦ０３ = KF03). Chinese names have no word boundaries; where two roster tokens start
 * at the same place the longer wins (小美丽 before 小美).
 *
 * A code of digits only (`2`, `10`) is a number as often as a code: it matches only where it
 * stands alone — at the note's start or end, or between spaces and separators (`,` `、` `#` `【】`
 * `()` …) — never inside a size, a time, a price or a count (`尺寸2.4*2.7`, `10:30`, `买2送1`).
 *
 * `AgentMatcher` is built once per roster and scans a note in one pass over its characters
 * (a trie walked from each position whose character can start a code), so a million notes cost
 * a million short scans, not codes × notes.
 */
import { KefuError, problem } from "../problems";
import type { AttributionMode } from "./types";

/** A text to look for in notes and the agent (工号) it stands for. */
export interface CodeEntry {
  token: string;
  agent: string;
}

export interface CodeMatch {
  /** The winning agent, or null when the note names none. */
  agent: string | null;
  /** The text found for the winner, as written in the note. */
  matched: string;
  /** Text of the other agents' codes found in the note (distinct, in note order). */
  others: string[];
}

interface TrieNode {
  next: Map<number, TrieNode>;
  /** Index into entries when a token ends here, else -1. */
  entry: number;
}

const LETTER = 1;
const DIGIT = 2;

/** Folds a UTF-16 code unit: full-width ASCII to ASCII, A–Z to a–z. */
function fold(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  if (c >= 65 && c <= 90) c += 32;
  return c;
}

/**
 * Every code unit `u` with fold(u) === f, for a folded f. Spelled out rather than found by
 * scanning all 65,536 units: a matcher is built per roster, and KEFU.AGENT may build one per call.
 */
function unitsFoldingTo(f: number): number[] {
  const units = [f];
  if (f >= 97 && f <= 122) units.push(f - 32, f - 32 + 0xfee0);
  if (f >= 0x21 && f <= 0x7e) units.push(f + 0xfee0);
  return units;
}

function kind(c: number): number {
  if (c >= 97 && c <= 122) return LETTER;
  if (c >= 48 && c <= 57) return DIGIT;
  return 0;
}

/** kind(fold(c)) for every UTF-16 code unit: the note scan asks it for each neighbour of a hit. */
const KIND_OF_UNIT = (() => {
  const table = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) table[c] = kind(fold(c));
  return table;
})();

function foldString(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(fold(s.charCodeAt(i)));
  return out;
}

/**
 * Code units a digits-only code may touch and still stand alone: whitespace and separators
 * that do not join numbers (not `.` `*` `×` `:` `/` `-` `+` `%`, letters, digits or ideographs).
 */
const STANDALONE_EDGE = (() => {
  const table = new Uint8Array(65536);
  for (const ch of " \t\r\n\u3000\u00a0,，、;；|()（）[]【】{}<>《》「」#＃\"'“”‘’!！?？") table[ch.charCodeAt(0)] = 1;
  return table;
})();

function isDigits(token: string): boolean {
  return /^[0-9]+$/.test(token);
}

/** Shared and frozen: most notes name one agent, and a million empty arrays are garbage. */
export const NO_OTHERS = Object.freeze([]) as unknown as string[];
const EMPTY: CodeMatch = Object.freeze({ agent: null, matched: "", others: NO_OTHERS }) as CodeMatch;

export class AgentMatcher {
  private readonly root: TrieNode = { next: new Map(), entry: -1 };
  /** 1 where a code unit, folded, starts a token: indexed by the unit as written, so the scan folds only at candidates. */
  private readonly starts = new Uint8Array(65536);
  private readonly entries: { token: string; raw: string; agent: string; first: number; last: number; numeric: boolean }[] = [];
  /** folded token → entry index (pattern mode lookups). */
  private readonly byToken = new Map<string, number>();
  private readonly regex: RegExp | null;
  /**
   * The letters of the roster's letter-and-digit codes (`kf` of KF01, folded): a code of that shape
   * the roster does not hold (a departed agent's, a typo) is still a code someone wrote.
   */
  private readonly codePrefixes: string[] = [];
  /** 1 where a code unit, folded, starts one of codePrefixes: most notes hold none before their code. */
  private readonly prefixStarts = new Uint8Array(65536);

  /**
   * @param entries tokens to find; a token listed twice keeps its first agent; blank tokens are
   *   ignored.
   * @param pattern optional regular expression (source text) finding candidate codes; its first
   *   capture group (or whole match) must equal a token. Throws KefuError when it is invalid.
   */
  constructor(
    entries: readonly CodeEntry[],
    private readonly mode: AttributionMode = "first",
    pattern: string | null = null,
  ) {
    for (const e of entries) {
      const raw = e.token.trim();
      const token = foldString(raw);
      if (token === "" || this.byToken.has(token)) continue;
      const idx = this.entries.length;
      this.entries.push({
        token,
        raw,
        agent: e.agent,
        first: kind(token.charCodeAt(0)),
        last: kind(token.charCodeAt(token.length - 1)),
        numeric: isDigits(token),
      });
      this.byToken.set(token, idx);
      let node = this.root;
      for (let i = 0; i < token.length; i++) {
        const c = token.charCodeAt(i);
        let child = node.next.get(c);
        if (!child) {
          child = { next: new Map(), entry: -1 };
          node.next.set(c, child);
        }
        node = child;
      }
      node.entry = idx;
    }
    for (const f of this.root.next.keys()) for (const u of unitsFoldingTo(f)) this.starts[u] = 1;
    this.regex = pattern === null || pattern === "" ? null : compilePattern(pattern);
    for (const e of this.entries) {
      const m = /^([a-z]+)[0-9]+$/.exec(e.token);
      if (m && !this.codePrefixes.includes(m[1])) this.codePrefixes.push(m[1]);
    }
    for (const p of this.codePrefixes) for (const u of unitsFoldingTo(p.charCodeAt(0))) this.prefixStarts[u] = 1;
  }

  /**
   * A code shaped like the roster's (KF09 beside KF01 … KF03) but on no roster row, written in the
   * note before `matched` — the code the first-code rule would have credited had it been on the
   * roster; null when there is none (or codes are found by a pattern, or the last code wins).
   * @example new AgentMatcher([{ token: "KF02", agent: "KF02" }]).unknownCodeBefore("KF09 KF02", "KF02") // "KF09"
   */
  unknownCodeBefore(note: string, matched: string): string | null {
    if (this.codePrefixes.length === 0 || this.regex !== null || this.mode !== "first" || matched === "") return null;
    const end = note.indexOf(matched);
    if (end <= 0) return null;
    // The scan asks this of every credited order of a month: fold only a head that may hold a code.
    let may = false;
    for (let i = 0; i < end && !may; i++) may = this.prefixStarts[note.charCodeAt(i)] === 1;
    if (!may) return null;
    // Folding keeps one unit per unit: positions in `head` are positions in the note.
    const head = foldString(note.slice(0, end));
    for (const prefix of this.codePrefixes) {
      for (let at = head.indexOf(prefix); at >= 0; at = head.indexOf(prefix, at + 1)) {
        let j = at + prefix.length;
        while (j < head.length && kind(head.charCodeAt(j)) === DIGIT) j++;
        if (j === at + prefix.length || (at > 0 && kind(head.charCodeAt(at - 1)) === LETTER)) continue;
        if (!this.byToken.has(head.slice(at, j))) return note.slice(at, j);
      }
    }
    return null;
  }

  /** After `find`: the winner's text as written, and the other agents' codes. */
  lastMatched = "";
  lastOthers: string[] = NO_OTHERS;

  /** The agent a note names (see the module comment for the reading). */
  match(note: string): CodeMatch {
    const agent = this.find(note);
    return agent === null ? EMPTY : { agent, matched: this.lastMatched, others: this.lastOthers };
  }

  /**
   * Like `match` without allocating a result (bulk use): returns the agent and leaves the text
   * in `lastMatched` / `lastOthers`.
   */
  find(note: string): string | null {
    this.lastMatched = "";
    this.lastOthers = NO_OTHERS;
    if (!note) return null;
    return this.regex ? this.matchPattern(note) : this.matchLiteral(note);
  }

  private matchLiteral(note: string): string | null {
    const n = note.length;
    const starts = this.starts;
    let winner = -1;
    let winnerText = "";
    let hits: { idx: number; text: string }[] | null = null;
    let i = 0;
    while (i < n) {
      const u = note.charCodeAt(i);
      if (starts[u] === 0) {
        i++;
        continue;
      }
      const prevKind = i > 0 ? KIND_OF_UNIT[note.charCodeAt(i - 1)] : 0;
      let node: TrieNode | undefined = this.root.next.get(fold(u));
      let best = -1;
      let bestEnd = i;
      let j = i;
      while (node) {
        j++;
        if (node.entry >= 0) {
          const e = this.entries[node.entry];
          const nextKind = j < n ? KIND_OF_UNIT[note.charCodeAt(j)] : 0;
          const alone = !e.numeric || ((i === 0 || STANDALONE_EDGE[note.charCodeAt(i - 1)] === 1) && (j >= n || STANDALONE_EDGE[note.charCodeAt(j)] === 1));
          if (alone && (e.first === 0 || prevKind !== e.first) && (e.last === 0 || nextKind !== e.last)) {
            best = node.entry;
            bestEnd = j;
          }
        }
        if (j >= n) break;
        node = node.next.get(fold(note.charCodeAt(j)));
      }
      if (best < 0) {
        i++;
        continue;
      }
      const text = this.textAt(note, i, bestEnd, best);
      if (winner < 0) {
        winner = best;
        winnerText = text;
      } else {
        (hits ??= []).push({ idx: best, text });
      }
      i = bestEnd;
    }
    return this.result(winner, winnerText, hits);
  }

  /** The note's text for a hit: the roster's own string when written the same (no allocation). */
  private textAt(note: string, from: number, to: number, entry: number): string {
    const raw = this.entries[entry].raw;
    if (raw.length === to - from) {
      let same = true;
      for (let k = 0; k < raw.length && same; k++) same = note.charCodeAt(from + k) === raw.charCodeAt(k);
      if (same) return raw;
    }
    return note.slice(from, to);
  }

  private matchPattern(full: string): string | null {
    const re = this.regex!;
    const note = full.length > PATTERN_TEXT ? full.slice(0, PATTERN_TEXT) : full;
    re.lastIndex = 0;
    let winner = -1;
    let winnerText = "";
    let hits: { idx: number; text: string }[] | null = null;
    let m: RegExpExecArray | null;
    while ((m = re.exec(note)) !== null) {
      if (m[0] === "") re.lastIndex++;
      const text = (m[1] ?? m[0]).trim();
      const idx = this.byToken.get(foldString(text));
      if (idx === undefined) continue;
      if (winner < 0) {
        winner = idx;
        winnerText = text;
      } else (hits ??= []).push({ idx, text });
    }
    return this.result(winner, winnerText, hits);
  }

  /** First hit and the rest (note order) → the winner by mode, others distinct by agent. */
  private result(first: number, firstText: string, rest: { idx: number; text: string }[] | null): string | null {
    if (first < 0) return null;
    if (rest === null) {
      this.lastMatched = firstText;
      return this.entries[first].agent;
    }
    const all = [{ idx: first, text: firstText }, ...rest];
    const win = this.mode === "last" ? all[all.length - 1] : all[0];
    const agent = this.entries[win.idx].agent;
    const others: string[] = [];
    const seen = new Set<string>([agent]);
    for (const h of all) {
      const a = this.entries[h.idx].agent;
      if (seen.has(a)) continue;
      seen.add(a);
      others.push(h.text);
    }
    this.lastMatched = win.text;
    this.lastOthers = others;
    return agent;
  }
}

/**
 * Why a user's pattern could take seconds on one note (catastrophic backtracking), or null when
 * it cannot: a quantified group that holds a quantifier or an alternative (`(a+)+`, `(\w+\s?)*`,
 * `(KF|K)+`) and back-references are refused. What is left runs in time polynomial in the note,
 * and a note is given to a pattern up to PATTERN_TEXT characters.
 * @example unsafePattern("(\\w+\\s?)*$") // { zh: "…嵌套…", en: "…nested…" }
 * @example unsafePattern("KF(\\d{2})") // null
 */
export function unsafePattern(pattern: string): { zh: string; en: string } | null {
  const groups: { quantified: boolean; alternation: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      const next = pattern[i + 1] ?? "";
      if (!inClass && (/[1-9]/.test(next) || next === "k")) {
        return { zh: "不支持反向引用（\\1、\\k<名>），它们可能使匹配耗时极长", en: "back-references (\\1, \\k<name>) are not supported: they can make matching take very long" };
      }
      i++;
      if (!inClass && groups.length > 0 && quantifierAt(pattern, i + 1)) groups[groups.length - 1].quantified = true;
      continue;
    }
    if (inClass) {
      if (ch === "]") {
        inClass = false;
        if (groups.length > 0 && quantifierAt(pattern, i + 1)) groups[groups.length - 1].quantified = true;
      }
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "(") groups.push({ quantified: false, alternation: false });
    else if (ch === "|") {
      if (groups.length > 0) groups[groups.length - 1].alternation = true;
    } else if (ch === ")") {
      const g = groups.pop();
      const q = quantifierAt(pattern, i + 1);
      if (g && q === "unbounded" && (g.quantified || g.alternation)) {
        return {
          zh: "重复的分组里又有重复或「|」（如 (a+)+、(\\w+\\s?)*、(KF|K)+），可能使一条备注匹配数十秒；请改写，如 KF(\\d+)",
          en: "a repeated group holds a repetition or an alternative (e.g. (a+)+, (\\w+\\s?)*, (KF|K)+), which can take tens of seconds on one note; rewrite it, e.g. KF(\\d+)",
        };
      }
      if (q && groups.length > 0) groups[groups.length - 1].quantified = true;
      // What a group holds, its enclosing group holds too: ((a+)b)+ is as nested as (a+b)+.
      if (g && groups.length > 0) {
        groups[groups.length - 1].quantified ||= g.quantified;
        groups[groups.length - 1].alternation ||= g.alternation;
      }
    } else if (groups.length > 0 && !"+*?{".includes(ch) && quantifierAt(pattern, i + 1)) groups[groups.length - 1].quantified = true;
  }
  return null;
}

/** The quantifier starting at `i`: "unbounded" for + * {n,} {n,m>1}, "bounded" for ? {0,1} {1}; null for none. */
function quantifierAt(p: string, i: number): "unbounded" | "bounded" | null {
  const c = p[i];
  if (c === "+" || c === "*") return "unbounded";
  if (c === "?") return "bounded";
  if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
    if (!m) return null;
    if (m[2] === undefined) return Number(m[1]) > 1 ? "unbounded" : "bounded";
    return m[3] === "" || Number(m[3]) > 1 ? "unbounded" : "bounded";
  }
  return null;
}

/**
 * Codes a pattern is tried on when no roster is at hand: domain.md's staff-number shape (KF03) and
 * a bare number (the "3号客服" way of writing it).
 */
export const SAMPLE_CODES: readonly string[] = ["KF03", "3"];

/**
 * The source of the part of a pattern that yields the code: its first capturing group, else the
 * whole pattern. Escapes, classes and non-capturing / look-around groups are skipped.
 */
function codePart(pattern: string): string {
  let inClass = false;
  const open: { start: number; capturing: boolean }[] = [];
  let first: { start: number; capturing: boolean } | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      i++;
    } else if (inClass) {
      if (ch === "]") inClass = false;
    } else if (ch === "[") {
      inClass = true;
    } else if (ch === "(") {
      const capturing = pattern[i + 1] !== "?" || (pattern[i + 2] === "<" && pattern[i + 3] !== "=" && pattern[i + 3] !== "!");
      const g = { start: i, capturing };
      open.push(g);
      if (capturing && first === null) first = g;
    } else if (ch === ")") {
      const g = open.pop();
      if (g && g === first) {
        const body = pattern.slice(g.start + 1, i);
        return body.startsWith("?<") ? body.slice(body.indexOf(">") + 1) : body;
      }
    }
  }
  return pattern;
}

/**
 * Why a user's pattern can never credit an order, or null: one that matches the empty text finds
 * "nothing" everywhere (`()`, `.*`, `a*`), and one whose code part (the first group, else the
 * whole) cannot be a code of the roster's shape — `codes`, KF03 or 3 by default — credits nobody.
 * @example uselessPattern("()")?.code // "rules.pattern.empty"
 * @example uselessPattern("#(KF\\d+)") // null
 */
export function uselessPattern(pattern: string, codes: readonly string[] = SAMPLE_CODES): { code: string; zh: string; en: string } | null {
  let whole: RegExp;
  let part: RegExp;
  try {
    whole = new RegExp(pattern, "i");
    part = new RegExp(`^(?:${codePart(pattern)})$`, "i");
  } catch {
    return null; // an invalid pattern is reported as such
  }
  if (whole.test("")) {
    return {
      code: "rules.pattern.empty",
      zh: "此正则可以匹配空文字，会在每条备注里“找到”空工号，所有订单都无法归属；请写出工号的样子，如 (KF\\d+)",
      en: "the pattern matches the empty text, so it \"finds\" an empty code in every note and no order is attributed; describe the code, e.g. (KF\\d+)",
    };
  }
  if (codes.some((c) => part.test(c))) return null;
  const shown = codes.slice(0, 3).join("、");
  return {
    code: "rules.pattern.noCode",
    zh: `此正则的工号部分（第一个分组）不能是工号 ${shown} 这样的文字：没有订单能归属`,
    en: `the pattern's code part (its first group) cannot be a code like ${codes.slice(0, 3).join(", ")}: no order could be attributed`,
  };
}

/** Characters of a note a user's pattern sees: bounds the work of a pattern that is polynomial. */
export const PATTERN_TEXT = 4096;

function compilePattern(pattern: string): RegExp {
  const unsafe = unsafePattern(pattern);
  if (unsafe) {
    throw new KefuError([
      problem("error", "rules.attribution.pattern", { file: "", sheet: "" }, pattern, `归属匹配模式不安全：${unsafe.zh}`, `The attribution pattern is unsafe: ${unsafe.en}`),
    ]);
  }
  try {
    return new RegExp(pattern, "gi");
  } catch (e) {
    throw new KefuError([
      problem(
        "error",
        "rules.attribution.pattern",
        { file: "", sheet: "" },
        pattern,
        `归属匹配模式不是有效的正则表达式：${(e as Error).message}`,
        `The attribution pattern is not a valid regular expression: ${(e as Error).message}`,
      ),
    ]);
  }
}

let cache: { key: string; matcher: AgentMatcher } | null = null;

/**
 * The agent code a note carries, among `codes` (roster 工号 or names; the code itself is
 * returned as `agent`). For bulk use build one `AgentMatcher`; this function keeps the last one
 * it built, so a column of calls with the same codes builds it once.
 * @example findAgentCode("张三 1.2*1.5米 KF03 补KF12", ["KF03", "KF12"], "first").agent // "KF03"
 * @example findAgentCode("KF12 加急", ["KF1"], "first").agent // null (KF1 is not inside KF12)
 */
export function findAgentCode(
  note: string,
  codes: readonly string[],
  mode: AttributionMode = "first",
  pattern?: string | null,
): CodeMatch {
  const key = `${mode}\u0000${pattern ?? ""}\u0000${codes.join("\u0001")}`;
  if (cache === null || cache.key !== key) {
    cache = { key, matcher: new AgentMatcher(codes.map((c) => ({ token: c, agent: c })), mode, pattern ?? null) };
  }
  return cache.matcher.match(note);
}
