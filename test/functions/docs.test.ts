/**
 * docs/functions.md stays true: every example row `| \`=KEFU.X(…)\` | \`result\` |` is parsed
 * (Excel literals: numbers, "text", TRUE/FALSE, array constants {1,2;3,4}, omitted arguments)
 * and recomputed through the entry points Excel calls; every function has examples.
 */
import * as fs from "fs";
import * as path from "path";
import * as F from "../../src/functions/functions";
import { FnError } from "../../src/functions/values";
import { defaultRules } from "../../src/core/rules/defaults";
import { rulesToRows } from "../../src/core/rules/sheet";

type Lit = number | string | boolean | { error: string } | Lit[][] | null;

/** A tiny reader for the Excel literals the examples use. */
class Reader {
  i = 0;
  constructor(readonly s: string) {}
  peek(): string {
    return this.s[this.i] ?? "";
  }
  eat(ch: string): void {
    if (this.s[this.i] !== ch) throw new Error(`expected ${ch} at ${this.i} in ${this.s}`);
    this.i++;
  }
  value(): Lit {
    const c = this.peek();
    if (c === "{") return this.array();
    if (c === '"') {
      let out = "";
      this.i++;
      for (;;) {
        const ch = this.s[this.i++];
        if (ch === undefined) throw new Error(`unterminated text in ${this.s}`);
        if (ch === '"') {
          if (this.peek() === '"') {
            out += '"';
            this.i++;
          } else return out;
        } else out += ch;
      }
    }
    const m = /^(TRUE|FALSE|#VALUE!|#N\/A|-?\d+(?:\.\d+)?(?:E[+-]?\d+)?)/.exec(this.s.slice(this.i));
    if (!m) return null; // an omitted argument
    this.i += m[0].length;
    if (m[0] === "TRUE" || m[0] === "FALSE") return m[0] === "TRUE";
    if (m[0].startsWith("#")) return { error: m[0] };
    return Number(m[0]);
  }
  array(): Lit[][] {
    this.eat("{");
    const rows: Lit[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(this.value());
      const c = this.peek();
      this.i++;
      if (c === "}") return rows;
      if (c === ";") rows.push([]);
      else if (c !== ",") throw new Error(`bad array in ${this.s}`);
    }
  }
}

function parseFormula(formula: string): { name: string; args: Lit[] } {
  const m = /^=KEFU\.([A-Z]+)\((.*)\)$/.exec(formula);
  if (!m) throw new Error(`not a KEFU formula: ${formula}`);
  const r = new Reader(m[2]);
  const args: Lit[] = [];
  if (m[2] !== "") {
    for (;;) {
      r.i += /^\s*/.exec(r.s.slice(r.i))![0].length;
      args.push(r.value());
      r.i += /^\s*/.exec(r.s.slice(r.i))![0].length;
      if (r.i >= r.s.length) break;
      r.eat(",");
    }
  }
  return { name: m[1], args };
}

/** An argument as Excel passes it to the entry point: a matrix, or null when omitted. */
const asArg = (v: Lit): unknown => (v === null ? null : Array.isArray(v) ? v : [[v]]);

function sameValue(actual: unknown, expected: Lit): boolean {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    return actual instanceof FnError && actual.code === expected.error;
  }
  return actual === expected;
}

const DOC = fs.readFileSync(path.resolve(__dirname, "../../docs/functions.md"), "utf8");
const EXAMPLES = [...DOC.matchAll(/^\| `(=KEFU\.[^`]+)` \| `([^`]+)` \|/gm)].map((m) => [m[1], m[2]] as const);

test("the reference has examples for every function", () => {
  const names = new Set(EXAMPLES.map(([f]) => parseFormula(f).name));
  const exported = Object.keys(F).map((k) => k.toUpperCase());
  expect([...names].sort()).toEqual(exported.sort());
  expect(EXAMPLES.length).toBeGreaterThan(40);
});

test.each(EXAMPLES)("%s → %s", (formula, resultText) => {
  const { name, args } = parseFormula(formula);
  const fn = (F as unknown as Record<string, (...a: unknown[]) => unknown>)[name.toLowerCase()];
  const out = fn(...args.map(asArg));
  const expected = new Reader(resultText).value();
  if (Array.isArray(expected)) {
    const grid = out as unknown[][];
    expect(grid.length).toBe(expected.length);
    expected.forEach((row, r) => row.forEach((v, c) => expect([r, c, sameValue(grid[r][c], v)]).toEqual([r, c, true])));
  } else {
    const cell = Array.isArray(out) ? (out as unknown[][])[0][0] : out;
    if (Array.isArray(out)) expect([(out as unknown[][]).length, (out as unknown[][])[0].length]).toEqual([1, 1]);
    expect({ cell: cell instanceof FnError ? cell.code + " " + cell.message : cell, ok: sameValue(cell, expected) }).toMatchObject({ ok: true });
  }
});

test("the rules-sheet positions in the reference are where rulesToRows puts those keys", () => {
  const rows = rulesToRows(defaultRules());
  const refs = [...DOC.matchAll(/^\| [^|]+ \| `([a-z.A-Z]+)` \| `规则!C(\d+):([C-F])(\d+)` \|/gm)];
  expect(refs.length).toBeGreaterThanOrEqual(8);
  for (const [, key, from, , to] of refs) {
    for (let r = Number(from); r <= Number(to); r++) expect([r, rows[r - 1][1]]).toEqual([r, key]);
  }
});
