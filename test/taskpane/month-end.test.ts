/**
 * The month-end cycle as a manager runs it in the pane (Excel double, in-pane engine), on months
 * small enough to compute by hand. Two agents, October 2026 (27 day shifts: Sundays 休), each late
 * once (10 yuan); KF01 collects 25,000 (an order in transit), KF02 2,000.
 *   KF01: base 1,600 + lunch 7 × 27 = 189 + performance 150 (25,000 ≥ 10,000) + commission 1% 250
 *         − fine 10 = 2,179 (no full-attendance or execution bonus: late once)
 *   KF02: 1,600 + 189 − 10 = 1,779
 * November: the October order is refunded in full (退款报表); KF01 collects 1,000, KF02 500, no
 * lateness: 1,600 + lunch 7 × 25 = 175 + full attendance 50 + execution 100 = 1,925, and KF01's
 * clawback is October's commission 250 + performance bonus 150 = −400 → 1,525.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { decodeBytes, parseCsv } from "../../src/core";
import type { SourceKind } from "../../src/core/import/types";
import { readPrevious } from "../../src/core/reports/pay/previous";
import type { Problem } from "../../src/core/problems";
import { addSourceSheet } from "../../src/excel/sourceSheet";
import { scanSources } from "../../src/excel/read";
import { writeMoreRows } from "../../src/excel/write";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { runBuild } from "../../src/taskpane/pipeline";
import { readFileSheets } from "../../src/taskpane/fileImport";
import type { PreviousBoardInput } from "../../src/taskpane/processor";
import ExcelJS from "exceljs";
import { cli } from "../cli/run";
import { ExcelDouble, type DCell } from "../support/excelDouble";

let tmp: string;
const file = (n: string) => path.join(tmp, n);

/** Day shifts on time, Sundays 休; `late` lists agent@date clocked in at 08:40 (10 min late). */
function attendance(month: string, days: number, late: string[] = []): string {
  const lines = ["姓名,工号,日期,班次,上班打卡时间,下班打卡时间"];
  for (let d = 1; d <= days; d++) {
    const date = `${month}-${String(d).padStart(2, "0")}`;
    const sunday = new Date(`${date}T00:00:00Z`).getUTCDay() === 0;
    for (const [n, a] of [["甲一", "KF01"], ["乙二", "KF02"]]) {
      lines.push(sunday ? `${n},${a},${date},休,,` : `${n},${a},${date},白班,${late.includes(`${a}@${date}`) ? "08:40" : "08:25"},17:35`);
    }
  }
  return lines.join("\n") + "\n";
}
const ORDER_HEAD = "订单编号,买家会员名,买家实际支付金额,买家应付邮费,退款金额,订单状态,订单创建时间,订单付款时间,订单备注\n";
const order = (id: number, buyer: string, paid: number, status: string, day: string, agent: string) => `40000000000000000${String(id).padStart(2, "0")},${buyer},${paid},0,0,${status},${day} 09:00:00,${day} 09:01:00,${agent}\n`;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-month-end-"));
  const write = (n: string, text: string) => fs.writeFile(file(n), text);
  await write("oct-orders.csv", ORDER_HEAD + order(1, "买家甲", 25000, "卖家已发货，等待买家确认", "2026-10-20", "KF01") + order(3, "买家丙", 1000, "交易成功", "2026-10-21", "KF02") + order(4, "买家丁", 1000, "交易成功", "2026-10-22", "KF02"));
  await write("nov-orders.csv", ORDER_HEAD + order(2, "买家乙", 1000, "交易成功", "2026-11-03", "KF01") + order(5, "买家戊", 500, "交易成功", "2026-11-04", "KF02"));
  await write("nov-refunds.csv", "退款编号,订单编号,买家会员名,买家实际支付金额,买家退款金额,退款状态,退款完结时间\n9000000001,4000000000000000001,买家甲,25000,25000,退款成功,2026-11-05 10:00:00\n");
  await write("oct-att.csv", attendance("2026-10", 31, ["KF01@2026-10-05", "KF02@2026-10-06"]));
  await write("nov-att.csv", attendance("2026-11", 30));
  await write("sales.csv", "客服昵称,日期,询单人数,询单最终付款人数,询单最终付款金额,平均响应时长\n小店:甲一,,10,2,25000,20\n小店:乙二,,10,2,2000,20\n");
  await write("roster.csv", "工号,姓名,旺旺子账号,岗位,入职日期,月度目标\nKF01,甲一,小店:甲一,售前,2025-01-01,\nKF02,乙二,小店:乙二,售前,2025-01-01,\n");
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const OCT = ["oct-orders.csv", "oct-att.csv", "sales.csv", "roster.csv"];
const NOV = ["nov-orders.csv", "nov-att.csv", "sales.csv", "roster.csv", "nov-refunds.csv"];

async function workbook(files: string[]): Promise<ExcelDouble> {
  const x = new ExcelDouble();
  for (const n of files) await addSourceSheet(x.run, n, parseCsv(decodeBytes(new Uint8Array(await fs.readFile(file(n)))).text));
  return x;
}

async function build(x: ExcelDouble, month: string, extra: { previous?: PreviousBoardInput[]; detailPageRows?: number } = {}) {
  const sources = (await scanSources(x.run)).filter((s) => s.kind).map((s) => ({ sheet: s.sheet, kind: s.kind as SourceKind }));
  const r = await runBuild({ run: x.run, sources, month, file: "book.xlsx", engine: new LocalEngine("book.xlsx"), onStep: () => undefined, json: true, ...extra });
  const j = JSON.parse(r.json!) as { agents: { agent: string; netPay: number; adjustment: number; fines: number; clawback: number; collected: number }[]; problems: Problem[] };
  const net = Object.fromEntries(j.agents.map((a) => [a.agent, a.netPay]));
  return { ...r, j, net };
}

/** 0-based column of the header starting with `h` on the header row (row 3). */
const colOf = (rows: DCell[][], h: string) => rows[2].findIndex((v) => typeof v === "string" && v.startsWith(h));
const rowOf = (rows: DCell[][], id: string) => rows.findIndex((r) => r[0] === id);

async function type(x: ExcelDouble, sheet: string, r: number, c: number, v: DCell) {
  await x.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(sheet).getRangeByIndexes(r, c, 1, 1).values = [[v]];
  });
}

async function put(x: ExcelDouble, sheet: string, rows: DCell[][]) {
  await x.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.getRange().clear("All");
    const width = Math.max(...rows.map((r) => r.length));
    ws.getRangeByIndexes(0, 0, rows.length, width).values = rows.map((r) => Array.from({ length: width }, (_v, i) => r[i] ?? ""));
  });
}

test("October by hand; the manager waives, remarks and adjusts; the rebuild keeps every entry on its row, a gone fine's remark in 已移除, net pay right, sources untouched", async () => {
  const x = await workbook(OCT);
  const sources = x.sheetNames().map((n) => [n, x.sheet(n).snapshot()]);
  const first = await build(x, "2026-10");
  expect(first.net).toEqual({ KF01: 2179, KF02: 1779 });

  const pen = x.rows("罚款台账");
  const com = x.rows("提成表");
  const p1 = rowOf(pen, "P-late-KF01-20261005");
  const p2 = rowOf(pen, "P-late-KF02-20261006");
  await type(x, "罚款台账", p1, colOf(pen, "免罚"), "是");
  await type(x, "罚款台账", p1, colOf(pen, "备注"), "首次免罚");
  await type(x, "罚款台账", p2, colOf(pen, "备注"), "已约谈");
  await type(x, "提成表", rowOf(com, "C-2026-10-KF02"), colOf(com, "调整"), 100);
  await type(x, "提成表", rowOf(com, "C-2026-10-KF02"), colOf(com, "备注"), "补贴");
  const second = await build(x, "2026-10");
  // KF01's waived fine gives back the fine and the execution bonus: 2,179 + 10 + 100.
  expect(second.net).toEqual({ KF01: 2289, KF02: 1879 });
  const pen2 = x.rows("罚款台账");
  expect(pen2[rowOf(pen2, "P-late-KF01-20261005")].slice(colOf(pen2, "免罚"), colOf(pen2, "备注") + 1)).toEqual(["是", "首次免罚"]);
  expect(pen2[rowOf(pen2, "P-late-KF02-20261006")][colOf(pen2, "备注")]).toBe("已约谈");

  // KF02's late day corrected in the source: the fine is gone, its remark kept in 已移除; KF02 now has
  // a clean month: 1,600 + 189 + full attendance 50 + execution 100 + adjusted 100 = 2,039.
  const att = x.rows("oct-att");
  const late = att.findIndex((r) => r[1] === "KF02" && r[4] === "08:40");
  await type(x, "oct-att", late, 4, "08:25");
  const sourcesNow = x.sheetNames().filter((n) => sources.some(([s]) => s === n)).map((n) => [n, x.sheet(n).snapshot()]);
  const third = await build(x, "2026-10");
  expect(third.net).toEqual({ KF01: 2289, KF02: 2039 });
  const pen3 = x.rows("罚款台账");
  const removedAt = pen3.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("已移除"));
  expect(removedAt).toBeGreaterThan(0);
  expect(pen3[removedAt + 1][0]).toBe("P-late-KF02-20261006");
  expect(pen3[removedAt + 1][colOf(pen3, "备注")]).toBe("已约谈");
  expect(x.rows("提成表")[rowOf(x.rows("提成表"), "C-2026-10-KF02")][colOf(com, "调整")]).toBe(100);
  // No build wrote a source sheet.
  expect(sourcesNow.map(([n]) => [n, x.sheet(n).snapshot()])).toEqual(sourcesNow);
  expect(first.write.sheets.length).toBeGreaterThan(0);
}, 60000);

test("a value typed over a formula (提成表's 实发, 罚款台账's 实计) is named with its cell before the rebuild writes the formula back", async () => {
  const x = await workbook(OCT);
  await build(x, "2026-10");
  const com = x.rows("提成表");
  const pen = x.rows("罚款台账");
  const net = com[2].indexOf("实发 Net pay");
  await type(x, "提成表", rowOf(com, "C-2026-10-KF01"), net, 3000);
  await type(x, "罚款台账", rowOf(pen, "P-late-KF02-20261006"), colOf(pen, "实计"), 0);
  const again = await build(x, "2026-10");
  // The figures are the engine's (the typed values count for nothing) …
  expect(again.net).toEqual({ KF01: 2179, KF02: 1779 });
  // … and each typed value is a located warning, in 问题 too.
  const found = again.j.problems.filter((p) => p.code === "board.formula.overwritten").map((p) => [p.sheet, p.row, p.column, p.value]);
  expect(found).toEqual([
    ["罚款台账", rowOf(pen, "P-late-KF02-20261006") + 1, "O 实计 Effective", "0"],
    ["提成表", rowOf(com, "C-2026-10-KF01") + 1, "AA 实发 Net pay", "3000"],
  ]);
  expect(x.rows("问题").filter((r) => r.includes("board.formula.overwritten"))).toHaveLength(2);
  // A formula typed into 调整 counts as its result, and is said to be written back as that value
  // (the double does not calculate: its result reads as 0 here).
  await x.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("提成表").getRangeByIndexes(rowOf(com, "C-2026-10-KF02"), colOf(com, "调整"), 1, 1);
    r.formulas = [["=10*5"]];
  });
  const withFormula = await build(x, "2026-10");
  expect(withFormula.j.problems.filter((p) => p.code === "board.value.formula").map((p) => [p.sheet, p.row, p.column])).toEqual([["提成表", rowOf(com, "C-2026-10-KF02") + 1, "Y 调整 Adjustment"]]);
  // A build written in part (paging) writes its formulas into 订单明细 as values: no sign of typing,
  // also when the sources changed since (an order added: KF02's collected 2,000 → 3,000).
  const paged = await workbook(OCT);
  await build(paged, "2026-10", { detailPageRows: 1 });
  expect((await build(paged, "2026-10", { detailPageRows: 1 })).j.problems.filter((p) => p.code === "board.formula.overwritten")).toEqual([]);
  const orders = paged.rows("oct-orders");
  await paged.run(async (ctx) => {
    const row = ctx.workbook.worksheets.getItem("oct-orders").getRangeByIndexes(orders.length, 0, 1, 9);
    row.numberFormat = [orders[1].map((_v, c) => paged.sheet("oct-orders").format(1, c))];
    row.values = [["4000000000000000006", "买家己", 1000, 0, 0, "交易成功", orders[1][6], orders[1][7], "KF02"]];
  });
  const changed = await build(paged, "2026-10", { detailPageRows: 1 });
  expect(changed.j.agents.find((a) => a.agent === "KF02")).toMatchObject({ collected: 3000 });
  expect(changed.j.problems.filter((p) => p.code === "board.formula.overwritten")).toEqual([]);
}, 60000);

test("a column inserted into 提成表 is carried by row id after the report's columns; 罚款台账 sorted and renamed keeps its waiver and is named back, said", async () => {
  const x = await workbook(OCT);
  await build(x, "2026-10");
  await type(x, "提成表", rowOf(x.rows("提成表"), "C-2026-10-KF02"), colOf(x.rows("提成表"), "调整"), 100);
  // A 银行卡 column inserted before 调整 (every cell to its right moves one column).
  const com = x.rows("提成表");
  const at = colOf(com, "调整");
  const bank: Record<string, DCell> = { "C-2026-10-KF01": "6222-01", "C-2026-10-KF02": "6222-02" };
  await put(x, "提成表", com.map((r, i) => [...r.slice(0, at), i === 2 ? "银行卡" : (bank[String(r[0])] ?? null), ...r.slice(at)]));
  // 罚款台账 sorted (KF02's fine first), then KF02's fine waived, and the tab renamed.
  const pen = x.rows("罚款台账");
  await put(x, "罚款台账", [...pen.slice(0, 3), pen[4], pen[3], ...pen.slice(5)]);
  await type(x, "罚款台账", 3, colOf(pen, "免罚"), "是");
  await x.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("罚款台账").name = "罚款台账10月";
  });

  const again = await build(x, "2026-10");
  // KF02: 1,779 + 100 adjusted + 10 fine + 100 execution bonus.
  expect(again.net).toEqual({ KF01: 2179, KF02: 1989 });
  const com2 = x.rows("提成表");
  const bankCol = com2[2].indexOf("银行卡");
  expect(bankCol).toBe(com[2].length); // after the report's own columns: no formula's column moved
  expect(com2.slice(3, 5).map((r) => [r[0], r[bankCol]])).toEqual([["C-2026-10-KF01", "6222-01"], ["C-2026-10-KF02", "6222-02"]]);
  expect(again.j.problems.find((p) => p.code === "board.column.extra")).toMatchObject({ severity: "info", sheet: "提成表", column: "Y 银行卡" });
  expect(at).toBe(24);
  expect(x.sheetNames()).toContain("罚款台账");
  expect(again.write.messages.map((m) => m.code)).toContain("sheet.renamed_back");
  const pen2 = x.rows("罚款台账");
  expect(pen2[rowOf(pen2, "P-late-KF02-20261006")][colOf(pen2, "免罚")]).toBe("是");
  // Kept again on the next rebuild.
  await build(x, "2026-10");
  expect(x.rows("提成表").slice(3, 5).map((r) => r[bankCol])).toEqual(["6222-01", "6222-02"]);
}, 60000);

test("规则 renamed by the manager is still the rules: the edited base pay counts, and the sheet is named back for the formulas", async () => {
  const x = await workbook(OCT);
  await build(x, "2026-10");
  const rules = x.rows("规则");
  await type(x, "规则", rules.findIndex((r) => r[1] === "pay.base"), 2, 2000);
  await x.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("规则").name = "规则10月";
  });
  const again = await build(x, "2026-10");
  // Base 2,000 for a full schedule: 400 more than the default each.
  expect(again.net).toEqual({ KF01: 2579, KF02: 2179 });
  expect(x.sheetNames()).toContain("规则");
  expect(x.sheetNames()).not.toContain("规则10月");
  expect(x.rows("规则")[rules.findIndex((r) => r[1] === "pay.base")][2]).toBe(2000);
  expect(again.write.messages.map((m) => m.code)).toContain("sheet.renamed_back");
  // 提成表's formulas read the rules where they are.
  expect(String(x.rows("提成表")[3][6])).toContain("'规则'!");
}, 60000);

/** The command line's --out as a manager edits it in Excel: one sheet changed, the file saved. */
async function editOut<T>(out: string, sheet: string, edit: (ws: ExcelJS.Worksheet) => T): Promise<T> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const result = edit(wb.getWorksheet(sheet)!);
  await wb.xlsx.writeFile(out);
  return result;
}

test("the command line rebuilding its --out takes the 规则 the manager edited there, as the pane does (before: the defaults, without a word)", async () => {
  const out = file("rules-edited.xlsx");
  const json = file("rules-edited.json");
  expect((await cli("build", ...cliArgs("oct"), "--out", out)).code).toBe(0);
  await editOut(out, "规则", (ws) =>
    ws.eachRow((row) => {
      if (row.getCell(2).value === "pay.base") row.getCell(3).value = 2000;
    }),
  );
  expect((await cli("build", ...cliArgs("oct"), "--out", out, "--json", json)).code).toBe(0);
  const j = JSON.parse(await fs.readFile(json, "utf8")) as { agents: { netPay: number }[]; problems: Problem[] };
  expect(j.agents.map((a) => a.netPay)).toEqual([2579, 2179]);
  expect(j.problems.filter((p) => p.code === "rules.from_out").map((p) => [p.severity, p.file, p.sheet])).toEqual([["info", "rules-edited.xlsx", "规则"]]);
  // The pane, with the same edit in its workbook, pays the same.
  const x = await workbook(OCT);
  await build(x, "2026-10");
  await type(x, "规则", x.rows("规则").findIndex((r) => r[1] === "pay.base"), 2, 2000);
  expect((await build(x, "2026-10")).net).toEqual({ KF01: 2579, KF02: 2179 });
  // An unedited 规则 changes nothing and says nothing.
  const plain = file("rules-plain.xlsx");
  expect((await cli("build", ...cliArgs("oct"), "--out", plain)).code).toBe(0);
  expect((await cli("build", ...cliArgs("oct"), "--out", plain, "--json", json)).code).toBe(0);
  expect((JSON.parse(await fs.readFile(json, "utf8")) as { problems: Problem[] }).problems.some((p) => p.code === "rules.from_out")).toBe(false);
}, 60000);

test("the command line carries a column inserted into its --out's 提成表 the same way", async () => {
  const out = file("inserted.xlsx");
  expect((await cli("build", ...cliArgs("oct"), "--out", out)).code).toBe(0);
  await editOut(out, "提成表", (ws) => ws.spliceColumns(25, 0, [null, null, "银行卡", "6222-01", "6222-02"]));
  expect((await cli("build", ...cliArgs("oct"), "--out", out, "--json", file("inserted.json"))).code).toBe(0);
  const again = new ExcelJS.Workbook();
  await again.xlsx.readFile(out);
  const com = again.getWorksheet("提成表")!;
  const head = com.getRow(3).values as unknown[];
  const bank = head.indexOf("银行卡");
  expect(bank).toBe(head.length - 1);
  expect([com.getRow(4).getCell(bank).value, com.getRow(5).getCell(bank).value]).toEqual(["6222-01", "6222-02"]);
  const j = JSON.parse(await fs.readFile(file("inserted.json"), "utf8")) as { agents: { netPay: number }[]; problems: Problem[] };
  expect(j.agents.map((a) => a.netPay)).toEqual([2179, 1779]);
  expect(j.problems.filter((p) => p.code === "board.column.extra").map((p) => [p.sheet, p.column])).toEqual([["提成表", "Y 银行卡"]]);
}, 60000);

test("a manager sheet deleted after a build: the rebuild says its entries are gone", async () => {
  const x = await workbook(OCT);
  await build(x, "2026-10");
  await x.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("罚款台账").delete();
  });
  const again = await build(x, "2026-10");
  expect(again.j.problems.filter((p) => p.code === "board.sheet.missing").map((p) => p.sheet)).toEqual(["罚款台账"]);
  // A first build has nothing to miss.
  const fresh = await build(await workbook(OCT), "2026-10");
  expect(fresh.j.problems.some((p) => p.code === "board.sheet.missing")).toBe(false);
}, 60000);

test("the command line names a value typed over a formula in its old --out as the pane does", async () => {
  const out = file("typed.xlsx");
  expect((await cli("build", ...cliArgs("oct"), "--out", out)).code).toBe(0);
  const header = await editOut(out, "提成表", (ws) => {
    const at = (ws.getRow(3).values as unknown[]).findIndex((v) => v === "实发 Net pay");
    ws.getRow(4).getCell(at).value = 3000;
    return at;
  });
  expect((await cli("build", ...cliArgs("oct"), "--out", out, "--json", file("typed.json"))).code).toBe(0);
  const j = JSON.parse(await fs.readFile(file("typed.json"), "utf8")) as { problems: Problem[]; agents: { netPay: number }[] };
  expect(j.agents.map((a) => a.netPay)).toEqual([2179, 1779]);
  const cliFound = j.problems.filter((p) => p.code === "board.formula.overwritten");
  expect(cliFound.map((p) => [p.file, p.sheet, p.row, p.column, p.value])).toEqual([["typed.xlsx", "提成表", 4, "AA 实发 Net pay", "3000"]]);
  // The pane, for the same edit, says the same words.
  const x = await workbook(OCT);
  await build(x, "2026-10");
  await type(x, "提成表", 3, header - 1, 3000);
  const pane = (await build(x, "2026-10")).j.problems.filter((p) => p.code === "board.formula.overwritten");
  expect(pane.map((p) => ({ ...p, file: "typed.xlsx" }))).toEqual(cliFound);
}, 60000);

const cliArgs = (m: "oct" | "nov") => ["--orders", file(`${m}-orders.csv`), "--attendance", file(`${m}-att.csv`), "--sales", file("sales.csv"), "--roster", file("roster.csv")];

test("November with October's board — its JSON, the command line's workbook, the pane's own sheets — claws back what the command line does; the 上月订单追回 block survives paging and write more, and is read back", async () => {
  expect((await cli("build", ...cliArgs("oct"), "--out", file("oct.xlsx"), "--json", file("oct.json"))).code).toBe(0);
  expect((await cli("build", ...cliArgs("nov"), "--orders", file("nov-refunds.csv"), "--previous", file("oct.xlsx"), "--out", file("nov.xlsx"), "--json", file("nov.json"))).code).toBe(0);
  const cliNov = JSON.parse(await fs.readFile(file("nov.json"), "utf8")) as { agents: { agent: string; clawback: number; netPay: number }[] };
  expect(cliNov.agents.map((a) => [a.agent, a.clawback, a.netPay])).toEqual([["KF01", -400, 1525], ["KF02", 0, 1925]]);

  const oct = await workbook(OCT);
  await build(oct, "2026-10", { detailPageRows: 1 });
  const read = await readFileSheets("oct.xlsx", new Uint8Array(await fs.readFile(file("oct.xlsx"))));
  const boards: PreviousBoardInput[] = [
    { file: "oct.json", json: JSON.parse(await fs.readFile(file("oct.json"), "utf8")) },
    // As App.tsx hands a chosen workbook over: its sheets without the file's name before them.
    { file: "oct.xlsx", sheets: read.sheets.map((s) => ({ sheet: s.name.replace(/^oct-/, ""), rows: s.rows })) },
    { file: "oct-pane.xlsx", sheets: oct.sheetNames().map((n) => ({ sheet: n, rows: oct.rows(n) })) },
  ];
  for (const previous of boards) {
    const x = await workbook(NOV);
    const nov = await build(x, "2026-11", { previous: [previous], detailPageRows: 1 });
    expect([previous.file, nov.j.agents.map((a) => [a.agent, a.clawback, a.netPay])]).toEqual([previous.file, [["KF01", -400, 1525], ["KF02", 0, 1925]]]);
    // The pane's October was written in part (1 of 3 rows): the clawback saw only that row, and says so
    // in 问题 (for the command line's --previous too, not only in the pane when the file is chosen).
    const paged = nov.j.problems.filter((p) => p.code === "previous.orders.paged").map((p) => [p.file, p.sheet, p.value]);
    expect(paged).toEqual(previous.file === "oct-pane.xlsx" ? [["oct-pane.xlsx", "订单明细", "1 / 3"]] : []);
    const clawed = () => {
      const problems: Problem[] = [];
      const board = readPrevious({ file: "nov.xlsx", sheets: [{ sheet: "订单明细", rows: x.rows("订单明细") }] }, problems);
      return [board?.month, [...(board?.clawedBack ?? [])], [...(board?.credited.keys() ?? [])], problems.map((p) => [p.code, p.value])];
    };
    // Written in part (one row of two): the block is below the note and the totals, and reads back.
    expect(clawed()).toEqual(["2026-11", [["4000000000000000001", 0]], ["4000000000000000002"], [["previous.orders.paged", "1 / 2"]]]);
    await writeMoreRows(x.run, nov.detail!, nov.write.sheets.find((s) => s.key === "orders")!, 1);
    expect(clawed()).toEqual(["2026-11", [["4000000000000000001", 0]], ["4000000000000000002", "4000000000000000005"], []]);
  }
}, 120000);

test("write more detail rows finds 订单明细 renamed by the manager, and says so plainly when it was deleted", async () => {
  const x = await workbook(OCT);
  const oct = await build(x, "2026-10", { detailPageRows: 1 });
  const sheet = oct.write.sheets.find((s) => s.key === "orders")!;
  await x.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("订单明细").name = "明细10月";
  });
  const next = await writeMoreRows(x.run, oct.detail!, sheet, 1);
  expect([next.name, next.rows]).toEqual(["明细10月", 2]);
  expect(x.rows("明细10月").slice(3, 5).map((r) => r[0])).toEqual(["4000000000000000001", "4000000000000000003"]);
  await x.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("明细10月").delete();
  });
  await expect(writeMoreRows(x.run, oct.detail!, next, 1)).rejects.toThrow(/被删除了.*build the reports again/);
}, 60000);

test("追回 typed over in November's board is named by the next build, on the command line and in the pane alike, and not kept", async () => {
  expect((await cli("build", ...cliArgs("oct"), "--out", file("oct-h.xlsx"))).code).toBe(0);
  const novArgs = [...cliArgs("nov"), "--orders", file("nov-refunds.csv"), "--previous", file("oct-h.xlsx")];
  const out = file("nov-h.xlsx");
  expect((await cli("build", ...novArgs, "--out", out)).code).toBe(0);
  // The manager forgives half of KF01's clawback (-400) by typing over it.
  const claw = await editOut(out, "提成表", (ws) => {
    const at = (ws.getRow(3).values as unknown[]).findIndex((v) => v === "追回 Clawback");
    expect(ws.getRow(4).getCell(1).value).toBe("C-2026-11-KF01");
    expect(ws.getRow(4).getCell(at).value).toBe(-400);
    ws.getRow(4).getCell(at).value = -200;
    return at;
  });
  expect((await cli("build", ...novArgs, "--out", out, "--json", file("nov-h.json"))).code).toBe(0);
  const j = JSON.parse(await fs.readFile(file("nov-h.json"), "utf8")) as { problems: Problem[]; agents: { agent: string; clawback: number; netPay: number }[] };
  // Not kept: the exports' clawback and net pay, as before the edit.
  expect(j.agents.map((a) => [a.agent, a.clawback, a.netPay])).toEqual([["KF01", -400, 1525], ["KF02", 0, 1925]]);
  const cliFound = j.problems.filter((p) => p.code === "board.value.overwritten");
  expect(cliFound.map((p) => [p.severity, p.file, p.sheet, p.row, p.column, p.value])).toEqual([["warning", "nov-h.xlsx", "提成表", 4, "U 追回 Clawback", "-200"]]);
  expect(cliFound[0].zh).toMatch(/「追回」是「-200」，本次按导出写入 -400.*「调整」和「备注」/);
  // The pane, for the same edit on its own sheets, says the same words.
  const oct = await workbook(OCT);
  await build(oct, "2026-10");
  const previous: PreviousBoardInput[] = [{ file: "oct-pane.xlsx", sheets: oct.sheetNames().map((n) => ({ sheet: n, rows: oct.rows(n) })) }];
  const x = await workbook(NOV);
  await build(x, "2026-11", { previous });
  await type(x, "提成表", 3, claw - 1, -200);
  const again = await build(x, "2026-11", { previous });
  expect(again.net).toEqual({ KF01: 1525, KF02: 1925 });
  const pane = again.j.problems.filter((p) => p.code === "board.value.overwritten");
  expect(pane.map((p) => ({ ...p, file: "nov-h.xlsx" }))).toEqual(cliFound);
  expect(x.rows("问题").filter((r) => r.includes("board.value.overwritten"))).toHaveLength(1);
}, 90000);
