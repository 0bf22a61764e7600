/**
 * Golden cases: every folder under test/fixtures/cli with a case.json is a build run on the
 * folder's files; the JSON must hold the hand-computed figures, re-running must give the same
 * bytes, and every formula in the workbook must evaluate (HyperFormula) to the engine's value.
 * Adding a case is adding a folder.
 */
import { existsSync, promises as fs, readdirSync, readFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { agrees, evaluateFormulas } from "../sheets/formula-check";
import { formulaValues } from "../sheets/libreoffice";
import { cli } from "./run";


const ROOT = path.join(__dirname, "..", "fixtures", "cli");
const cases = readdirSync(ROOT).filter((d) => existsSync(path.join(ROOT, d, "case.json")));

interface Case {
  args: string[];
  exit: number;
  expected: Record<string, unknown> & { agents?: Record<string, Record<string, unknown>> };
  days?: Record<string, Record<string, unknown>>;
  stderr?: string[];
}

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-golden-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

test("there are golden cases", () => {
  expect(cases.length).toBeGreaterThan(0);
});

describe.each(cases)("case %s", (name) => {
  const dir = path.join(ROOT, name);
  const c: Case = JSON.parse(readFileSync(path.join(dir, "case.json"), "utf8"));
  const args = c.args.map((a) => (a.startsWith("--") ? a : path.join(dir, a)));
  const out = () => path.join(tmp, name);

  test("exit code, JSON figures, byte-identical re-run", async () => {
    const first = await cli("build", ...args, "--out", path.join(out(), "a.xlsx"), "--json", path.join(out(), "a.json"));
    for (const s of c.stderr ?? []) expect(first.err).toContain(s);
    expect(first.code).toBe(c.exit);
    if (c.exit !== 0) return;
    const text = await fs.readFile(path.join(out(), "a.json"), "utf8");
    const json = JSON.parse(text);
    const { agents, ...rest } = c.expected;
    expect(json).toMatchObject(rest);
    if (agents) {
      const byCode = Object.fromEntries(json.agents.map((a: { agent: string }) => [a.agent, a]));
      expect(Object.keys(byCode).sort()).toEqual(Object.keys(agents).sort());
      expect(byCode).toMatchObject(agents);
    }
    if (c.days) {
      const byDate = Object.fromEntries(json.days.map((d: { date: string }) => [d.date, d]));
      expect(byDate).toMatchObject(c.days);
    }
    const again = await cli("build", ...args, "--out", path.join(out(), "b.xlsx"), "--json", path.join(out(), "b.json"));
    expect(again.code).toBe(0);
    expect(await fs.readFile(path.join(out(), "b.json"), "utf8")).toBe(text);
  });

  test("every formula in the workbook evaluates to the engine's value", async () => {
    if (c.exit !== 0) return;
    const file = path.join(out(), "a.xlsx");
    const cached = await formulaValues(file);
    const results = await evaluateFormulas(file);
    expect(results.length).toBe(cached.size);
    expect(results.length).toBeGreaterThan(20);
    const bad = results.filter((r) => !agrees(r.actual, cached.get(`${r.sheet}!${r.address}`)!, r.money));
    expect(bad).toEqual([]);
    // Only the board's own formulas: nothing from an export (buyer names, notes) became one. (A
    // plain absolute reference to another of the board's sheets, or 0 minus one: 底薪 = the 规则 sheet's
    // base, the pay slip's amounts = the agent's 提成表 cells.)
    const ours = /^(SUM|SUMIFS|COUNTIFS|IFERROR|ROUND|CONCATENATE|IF)\(|^\$[A-Z]+\d+[-*]|^(0-)?'[^']+'!\$[A-Z]+\$\d+$/;
    expect(results.filter((r) => !ours.test(r.formula)).map((r) => r.formula)).toEqual([]);
  });
});
