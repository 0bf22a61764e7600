/**
 * End to end on the committed sample month (samples/): the demo's workbook and JSON, every formula
 * against HyperFormula and LibreOffice, byte-identical JSON on a re-run, and the samples command.
 */
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { agrees, evaluateFormulas } from "../sheets/formula-check";
import { formulaValues, libreofficeConvert } from "../sheets/libreoffice";
import { cli } from "./run";


const SAMPLES = path.join(__dirname, "..", "..", "samples");
let tmp: string;
let demo: { code: number; out: string; err: string };
const xlsx = () => path.join(tmp, "out", "kefu-board-2026-10.xlsx");
const json = () => path.join(tmp, "out", "kefu-board-2026-10.json");

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-samples-"));
  demo = await cli("demo", "--samples", SAMPLES, "--out", path.join(tmp, "out"));
}, 120000);
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

test("demo builds the sample month into out/ and prints where and a one-screen summary", () => {
  expect(demo.code).toBe(0);
  expect(existsSync(xlsx())).toBe(true);
  expect(existsSync(json())).toBe(true);
  expect(demo.out).toContain(xlsx());
  for (const line of ["月份 Month", "客服 Agents", "全店回款 Shop collected", "部门基金 Fund", "未归属 Unattributed", "KPI 前三 Top 3", "问题 Problems"]) {
    expect(demo.out).toContain(line);
  }
  expect(demo.out.split("\n").length).toBeLessThan(25);
});

test("the JSON agrees with itself: agents + unattributed = shop, fund = Σ effective fines", async () => {
  const j = JSON.parse(await fs.readFile(json(), "utf8"));
  expect(j.month).toBe("2026-10");
  expect(j.agents.length).toBeGreaterThan(0);
  const cents = (x: number) => Math.round(x * 100);
  const agents = j.agents.reduce((s: number, a: { collected: number }) => s + cents(a.collected), 0);
  const un = j.unattributed.reduce((s: number, u: { amount: number }) => s + cents(u.amount), 0);
  expect(agents + un).toBe(cents(j.shopCollected));
  const fines = j.penalties.reduce((s: number, p: { effective: number }) => s + cents(p.effective), 0);
  expect(fines).toBe(cents(j.fund));
  for (const p of j.problems) for (const k of ["file", "sheet", "row", "column", "value", "message"]) expect(p).toHaveProperty(k);
});

test("every formula evaluates in HyperFormula to the engine's value", async () => {
  const cached = await formulaValues(xlsx());
  const results = await evaluateFormulas(xlsx());
  expect(results.length).toBe(cached.size);
  expect(results.length).toBeGreaterThan(200);
  const bad = results.filter((r) => !agrees(r.actual, cached.get(`${r.sheet}!${r.address}`)!, r.money));
  expect(bad).toEqual([]);
}, 120000);

test("LibreOffice opens the demo workbook and computes every formula to the same value", async () => {
  const cached = await formulaValues(xlsx());
  const { out, cleanup } = await libreofficeConvert(xlsx());
  try {
    const lo = await formulaValues(out);
    expect(lo.size).toBe(cached.size);
    // Same inputs, two engines: numbers agree to a millionth of a yuan (or of a rate), text exactly.
    const bad = [...cached].filter(([k, v]) => {
      const got = lo.get(k);
      return typeof v === "number" && typeof got === "number" ? Math.abs(got - v) > 1e-6 * Math.max(1, Math.abs(v)) : got !== v;
    });
    expect(bad).toEqual([]);
  } finally {
    await cleanup();
  }
}, 120000);

test("a second run gives byte-identical JSON", async () => {
  const again = await cli("demo", "--samples", SAMPLES, "--out", path.join(tmp, "again"));
  expect(again.code).toBe(0);
  expect(await fs.readFile(path.join(tmp, "again", "kefu-board-2026-10.json"), "utf8")).toBe(await fs.readFile(json(), "utf8"));
}, 120000);

test("samples writes a small month that builds", async () => {
  const dir = path.join(tmp, "small");
  const s = await cli("samples", "--out", dir, "--orders", "120", "--agents", "3", "--seed", "7");
  expect(s.code).toBe(0);
  const files = await fs.readdir(dir);
  expect(files.length).toBeGreaterThanOrEqual(5);
  const d = await cli("demo", "--samples", dir, "--out", path.join(tmp, "small-out"));
  expect(d.code).toBe(0);
  expect(d.out).toMatch(/客服 Agents +3\n/);
}, 120000);

test("demo without a samples folder says how to make one (exit 1)", async () => {
  const r = await cli("demo", "--samples", path.join(tmp, "nowhere"), "--out", path.join(tmp, "x"));
  expect(r.code).toBe(1);
  expect(r.err).toContain("kefu-board samples");
});
