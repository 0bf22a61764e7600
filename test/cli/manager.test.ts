/**
 * Manager columns survive a rebuild on the command line: values typed into the written workbook
 * (免罚 / 备注 / 调整) are read back by row id before the file is overwritten, and the figures follow.
 * Expected values hand-computed from the tiers fixture (see its case.json).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { cli } from "./run";
import { agrees, evaluateFormulas } from "../sheets/formula-check";


const T = path.join(__dirname, "..", "fixtures", "cli", "tiers");
let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-manager-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const build = (out: string, json: string) =>
  cli("build", ...["orders", "attendance", "sales", "roster", "incidents"].flatMap((k) => [`--${k}`, path.join(T, `${k}.csv`)]), "--out", out, "--json", json);

/** Find a data row by the value in a column (header text), starting below the header row 3. */
function rowWhere(ws: ExcelJS.Worksheet, header: string, value: string): ExcelJS.Row {
  const col = (ws.getRow(3).values as unknown[]).indexOf(header);
  for (let r = 4; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === value) return ws.getRow(r);
  throw new Error(`no row with ${header} = ${value}`);
}
const colOf = (ws: ExcelJS.Worksheet, header: string) => (ws.getRow(3).values as unknown[]).findIndex((v) => typeof v === "string" && v.startsWith(header));

test("a waived fine, a remark and an adjustment typed in the workbook are kept and counted on rebuild", async () => {
  const out = path.join(tmp, "board.xlsx");
  const json = path.join(tmp, "board.json");
  expect((await build(out, json)).code).toBe(0);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const pen = wb.getWorksheet("罚款台账")!;
  const late = rowWhere(pen, "工号 Agent", "KF01");
  late.getCell(colOf(pen, "免罚")).value = "是";
  late.getCell(colOf(pen, "备注")).value = "=HYPERLINK(\"http://x\") 系统故障，打卡机坏了";
  const com = wb.getWorksheet("提成表")!;
  const kf04 = rowWhere(com, "工号 Agent", "KF04");
  kf04.getCell(colOf(com, "调整")).value = 88.5;
  await wb.xlsx.writeFile(out);

  const r = await build(out, json);
  expect(r.code).toBe(0);
  const j = JSON.parse(await fs.readFile(json, "utf8"));
  const p = j.penalties.find((x: { agent: string }) => x.agent === "KF01");
  expect(p).toMatchObject({ waived: true, effective: 0, remark: "=HYPERLINK(\"http://x\") 系统故障，打卡机坏了" });
  expect(j.fund).toBe(160);
  const kf01 = j.agents.find((a: { agent: string }) => a.agent === "KF01");
  // 1929 (the tiers case) + the 10 no longer fined + the execution bonus (its only violation is waived).
  expect(kf01).toMatchObject({ fines: 0, executionBonus: 100, fullAttendance: 0, netPay: 2039 });
  const kf04j = j.agents.find((a: { agent: string }) => a.agent === "KF04");
  expect(kf04j).toMatchObject({ adjustment: 88.5, netPay: 3477.5 });

  // And the rebuilt workbook shows them again, as text / numbers, on the same rows.
  const again = new ExcelJS.Workbook();
  await again.xlsx.readFile(out);
  const pen2 = again.getWorksheet("罚款台账")!;
  const row = rowWhere(pen2, "工号 Agent", "KF01");
  expect(row.getCell(colOf(pen2, "免罚")).value).toBe("是");
  expect(row.getCell(colOf(pen2, "备注")).value).toBe("=HYPERLINK(\"http://x\") 系统故障，打卡机坏了");
  expect(rowWhere(again.getWorksheet("提成表")!, "工号 Agent", "KF04").getCell(colOf(com, "调整")).value).toBe(88.5);
});

test("entries of a row that disappeared are kept in a removed block, once, across rebuilds; totals are never taken for entries", async () => {
  const out = path.join(tmp, "gone.xlsx");
  const json = path.join(tmp, "gone.json");
  const incidents = path.join(tmp, "incidents.csv");
  const all = await fs.readFile(path.join(T, "incidents.csv"), "utf8");
  await fs.writeFile(incidents, all);
  const run = () => cli("build", ...["orders", "attendance", "sales", "roster"].flatMap((k) => [`--${k}`, path.join(T, `${k}.csv`)]), "--incidents", incidents, "--out", out, "--json", json);
  expect((await run()).code).toBe(0);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const pen = wb.getWorksheet("罚款台账")!;
  const first = rowWhere(pen, "编号 Id", "P-complaint-KF03-20261003");
  first.getCell(colOf(pen, "免罚")).value = "是";
  first.getCell(colOf(pen, "备注")).value = "+客户撤诉";
  const com = wb.getWorksheet("提成表")!;
  rowWhere(com, "工号 Agent", "KF04").getCell(colOf(com, "调整")).value = 12;
  await wb.xlsx.writeFile(out);

  // The first complaint disappears from the incidents sheet; the manager's entry must not.
  await fs.writeFile(incidents, all.split("\n").filter((l) => !l.startsWith("2026-10-03")).join("\n"));
  const second = await run();
  expect(second.code).toBe(0);
  expect(second.err).toMatch(/1 manager entries on "罚款台账" no longer match a source row/);
  expect((await run()).code).toBe(0);

  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(out);
  const ledger = back.getWorksheet("罚款台账")!;
  const rows: ExcelJS.Row[] = [];
  let title = "";
  ledger.eachRow((row, r) => {
    const v = row.getCell(1).value;
    if (typeof v === "string" && v.startsWith("已移除")) title = v;
    if (v === "P-complaint-KF03-20261003" && r > 3) rows.push(row);
  });
  expect(title).toContain("Removed");
  expect(rows).toHaveLength(1);
  expect(rows[0].getCell(colOf(ledger, "免罚")).value).toBe("是");
  expect(rows[0].getCell(colOf(ledger, "备注")).value).toBe("+客户撤诉");
  // The remaining complaints escalate afresh: 10-10 is now the first (50), 10-20 the second (100).
  const j = JSON.parse(await fs.readFile(json, "utf8"));
  expect(j.penalties.filter((p: { agent: string }) => p.agent === "KF03").map((p: { amount: number }) => p.amount)).toEqual([50, 100]);
  // No "合计 Total" row was mistaken for an entry of the commission sheet.
  const commission = back.getWorksheet("提成表")!;
  let totals = 0;
  commission.eachRow((row) => {
    if (row.getCell(1).value === "合计 Total") totals++;
  });
  expect(totals).toBe(1);
  expect(j.agents.find((a: { agent: string }) => a.agent === "KF04").adjustment).toBe(12);
});

test("values as a manager types them in Excel (issue 18): \" 是 \", TRUE, text \"100\", \"¥12\", a formula remark with no cached result, rows inserted above the title — carried, counted and written back normalised", async () => {
  const out = path.join(tmp, "typed.xlsx");
  const json = path.join(tmp, "typed.json");
  expect((await build(out, json)).code).toBe(0);
  const first = JSON.parse(await fs.readFile(json, "utf8"));

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const pen = wb.getWorksheet("罚款台账")!;
  const late = rowWhere(pen, "工号 Agent", "KF01");
  const early = rowWhere(pen, "工号 Agent", "KF02");
  late.getCell(colOf(pen, "免罚")).value = " 是 ";
  early.getCell(colOf(pen, "免罚")).value = true;
  late.getCell(colOf(pen, "备注")).value = { formula: 'CONCAT("系统","故障")' } as ExcelJS.CellFormulaValue;
  const com = wb.getWorksheet("提成表")!;
  rowWhere(com, "工号 Agent", "KF04").getCell(colOf(com, "调整")).value = "100";
  rowWhere(com, "工号 Agent", "KF05").getCell(colOf(com, "调整")).value = "¥12";
  rowWhere(com, "工号 Agent", "KF06").getCell(colOf(com, "调整")).value = "十二";
  // Two rows inserted above the title of 罚款台账: the header is no longer on row 3.
  pen.spliceRows(1, 0, ["店铺 A 十月"], []);
  await wb.xlsx.writeFile(out);

  const r = await build(out, json);
  expect(r.code).toBe(0);
  const j = JSON.parse(await fs.readFile(json, "utf8"));
  const kf01 = j.penalties.find((p: { agent: string }) => p.agent === "KF01");
  const kf02 = j.penalties.find((p: { agent: string }) => p.agent === "KF02");
  expect(kf01).toMatchObject({ waived: true, effective: 0, remark: '=CONCAT("系统","故障")' });
  expect(kf02).toMatchObject({ waived: true, effective: 0 });
  const adj = (a: string) => j.agents.find((x: { agent: string }) => x.agent === a).adjustment;
  expect([adj("KF04"), adj("KF05"), adj("KF06")]).toEqual([100, 12, 0]);
  // The one value not understood is said, with its place.
  const unread = j.problems.filter((p: { code: string }) => p.code === "board.value.unreadable");
  expect(unread).toHaveLength(1);
  expect(unread[0]).toMatchObject({ sheet: "提成表", value: "十二" });
  expect(unread[0].column).toMatch(/调整/);
  expect(j.fund).toBe(first.fund - kf01.amount - kf02.amount);

  // Written back as the sheet's formulas read them: 是 for the waiver, numbers for the adjustments.
  const again = new ExcelJS.Workbook();
  await again.xlsx.readFile(out);
  const pen2 = again.getWorksheet("罚款台账")!;
  expect(rowWhere(pen2, "工号 Agent", "KF01").getCell(colOf(pen2, "免罚")).value).toBe("是");
  expect(rowWhere(pen2, "工号 Agent", "KF02").getCell(colOf(pen2, "免罚")).value).toBe("是");
  expect(rowWhere(pen2, "工号 Agent", "KF01").getCell(colOf(pen2, "备注")).value).toBe('=CONCAT("系统","故障")');
  const com2 = again.getWorksheet("提成表")!;
  expect(rowWhere(com2, "工号 Agent", "KF04").getCell(colOf(com2, "调整")).value).toBe(100);
  expect(rowWhere(com2, "工号 Agent", "KF05").getCell(colOf(com2, "调整")).value).toBe(12);
  expect(rowWhere(com2, "工号 Agent", "KF06").getCell(colOf(com2, "调整")).value).toBe("十二");

  // The sheet's own formulas (实计 by COUNTIFS of the marks, net pay adding 调整) evaluated by an
  // independent engine agree with the engine's figures on every formula cell: the waived fines,
  // the adjusted pay, and KF06's 调整 "十二" (kept as typed, counted 0 by both: N() in net pay).
  const results = await evaluateFormulas(out);
  expect(results.length).toBeGreaterThan(50);
  // ExcelJS's reader leaves `result` out when the cached value is 0 or "".
  const cached = (f: (typeof results)[number]) => (f.cached ?? (typeof f.actual === "string" ? "" : 0)) as number | string;
  expect(results.filter((f) => !agrees(f.actual, cached(f), f.money)).map((f) => `${f.sheet}!${f.address}`)).toEqual([]);
  const lateEffective = results.find((f) => f.sheet === "罚款台账" && f.address === `${String.fromCharCode(64 + colOf(pen2, "实计"))}${rowWhere(pen2, "工号 Agent", "KF01").number}`)!;
  expect(lateEffective.actual).toBe(0);
});
