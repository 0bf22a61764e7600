/**
 * The rules sheet round trip on the command line: `rules` writes the defaults, a manager edits
 * a value in Excel, `build --rules` uses it; an invalid sheet is refused with located messages.
 * Expected pay hand-computed from the tiers fixture (see its case.json).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { defaultRules } from "../../src/core/rules/defaults";
import { readRulesWorkbook } from "../../src/xlsx/rules";
import { cli } from "./run";

const T = path.join(__dirname, "..", "fixtures", "cli", "tiers");
const inputs = ["orders", "attendance", "sales", "roster", "incidents"].flatMap((k) => [`--${k}`, path.join(T, `${k}.csv`)]);
let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-rules-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** Set the 值 Value of the row whose 键 Key is `key` (or, for a table row, column `offset` after the key). */
async function edit(file: string, key: string, value: ExcelJS.CellValue, offset = 1, nth = 0): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("规则")!;
  let seen = 0;
  for (let r = 1; r <= ws.rowCount; r++) {
    if (ws.getRow(r).getCell(2).value === key && seen++ === nth) {
      ws.getRow(r).getCell(2 + offset).value = value;
      await wb.xlsx.writeFile(file);
      return;
    }
  }
  throw new Error(`no rules row ${key}`);
}

test("rules writes the default rules sheet, which reads back as the defaults", async () => {
  const file = path.join(tmp, "rules.xlsx");
  const r = await cli("rules", "--out", file);
  expect(r.code).toBe(0);
  expect(r.out).toContain(file);
  const back = await readRulesWorkbook(file);
  expect(back.problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(back.rules).toEqual(defaultRules());
});

test("an edited base pay flows into every agent's net pay", async () => {
  const file = path.join(tmp, "base.xlsx");
  await cli("rules", "--out", file);
  await edit(file, "pay.base", 2000);
  const json = path.join(tmp, "base.json");
  const r = await cli("build", ...inputs, "--rules", file, "--out", path.join(tmp, "base-board.xlsx"), "--json", json);
  expect(r.code).toBe(0);
  const j = JSON.parse(await fs.readFile(json, "utf8"));
  const net = Object.fromEntries(j.agents.map((a: { agent: string; netPay: number }) => [a.agent, a.netPay]));
  expect(net).toEqual({ KF01: 2329, KF02: 2529, KF03: 3039, KF04: 3789, KF05: 4789, KF06: 5589 });
});

test("marginal commission (超额累进) from the rules sheet: KF06's 100,000 is paid slice by slice", async () => {
  const file = path.join(tmp, "marginal.xlsx");
  await cli("rules", "--out", file);
  await edit(file, "commission.mode", "超额累进");
  const json = path.join(tmp, "marginal.json");
  const r = await cli("build", ...inputs, "--rules", file, "--out", path.join(tmp, "m.xlsx"), "--json", json);
  expect(r.code).toBe(0);
  const j = JSON.parse(await fs.readFile(json, "utf8"));
  const kf06 = j.agents.find((a: { agent: string }) => a.agent === "KF06");
  // 20,000×0 + 30,000×1% + 30,000×2% + 20,000×2.5% + 0×2.8% = 300 + 600 + 500 = 1,400
  expect(kf06.commission).toBe(1400);
  const kf02 = j.agents.find((a: { agent: string }) => a.agent === "KF02");
  expect(kf02.commission).toBe(0); // exactly at 20,000: the 1% slice is empty
});

test("the workbook's own 规则 sheet can be passed back as --rules, giving the same month", async () => {
  const a = path.join(tmp, "own-a.json");
  const board = path.join(tmp, "own.xlsx");
  expect((await cli("build", ...inputs, "--out", board, "--json", a)).code).toBe(0);
  const b = path.join(tmp, "own-b.json");
  expect((await cli("build", ...inputs, "--rules", board, "--out", path.join(tmp, "own2.xlsx"), "--json", b)).code).toBe(0);
  expect(await fs.readFile(b, "utf8")).toBe(await fs.readFile(a, "utf8"));
});

test("an invalid rules sheet is refused (exit 1) with the file, sheet, row and both languages", async () => {
  const file = path.join(tmp, "bad.xlsx");
  await cli("rules", "--out", file);
  await edit(file, "commission.tier", 10000, 1, 2); // 3rd tier below the 2nd: out of order
  const out = path.join(tmp, "bad-board.xlsx");
  const r = await cli("build", ...inputs, "--rules", file, "--out", out);
  expect(r.code).toBe(1);
  expect(r.err).toContain("bad.xlsx");
  expect(r.err).toContain("规则");
  expect(r.err).toMatch(/第\d+行 \(row \d+\)/);
  await expect(fs.access(out)).rejects.toThrow();
});

test("a rules workbook that is not one is refused (exit 1)", async () => {
  const r = await cli("build", ...inputs, "--rules", path.join(T, "orders.csv"), "--out", path.join(tmp, "x.xlsx"));
  expect(r.code).toBe(1);
  expect(r.err).toContain("orders.csv");
});
