/** The sheet builders on a hand-made report: names, columns, manager columns, formulas, layout. */
import { buildWorkbookSpec, isWaivedMark } from "../../src/core/sheets";
import { blockFirstRows, colLetter, isPlainCriterion } from "../../src/core/sheets/layout";
import { FIRST_DATA_ROW, NUMBER_FORMATS, type FormulaCell, type SheetSpec, type SpecCell } from "../../src/core/sheets/types";
import { HOSTILE, handReport } from "./hand-report";


const isFormula = (c: SpecCell | undefined): c is FormulaCell => c !== null && typeof c === "object" && c !== undefined && "f" in c;
const sheet = (key: string, report = handReport()): SheetSpec => buildWorkbookSpec(report).sheets.find((s) => s.key === key)!;
const col = (s: SheetSpec, key: string) => s.columns.findIndex((c) => c.key === key);

test("ten sheets, Chinese names, English in the subtitle, a tab colour each", () => {
  const spec = buildWorkbookSpec(handReport());
  expect(spec.month).toBe("2026-10");
  expect(spec.sheets.map((s) => s.name)).toEqual(["绩效看板", "罚款台账", "每日对账", "提成表", "工资条", "未归属订单", "订单明细", "考勤明细", "规则", "问题"]);
  for (const s of spec.sheets) {
    expect(s.subtitle).toContain(s.nameEn);
    expect(s.tabColor).toMatch(/^#[0-9A-F]{6}$/);
    expect(s.freeze.rows).toBe(3);
    for (const c of s.columns) expect(NUMBER_FORMATS[c.format]).toBeDefined();
    for (const r of s.rows) expect(r).toHaveLength(s.columns.length);
  }
  expect(new Set(spec.sheets.map((s) => s.tabColor)).size).toBe(spec.sheets.length);
});

test("money is in yuan to the cent, rates as fractions, dates as date cells", () => {
  const p = sheet("performance");
  const kf01 = p.rows[0];
  expect(kf01[col(p, "agent")]).toBe("KF01");
  expect(kf01[col(p, "sales")]).toMatchObject({ v: 25360.4 });
  expect(kf01[col(p, "collected")]).toMatchObject({ v: 25200.5 });
  expect(kf01[col(p, "aov")]).toMatchObject({ v: 6340.1 }); // sales ÷ payers: 25,360.40 ÷ 4
  expect(kf01[col(p, "conversion")]).toMatchObject({ v: 0.4 });
  expect(p.rows[1][col(p, "conversion")]).toMatchObject({ v: "" }); // 0 inquiries → empty, not 0%
  const pen = sheet("penalties");
  expect(pen.rows[0][col(pen, "date")]).toEqual({ date: "2026-10-03" });
  expect(pen.columns[col(pen, "amount")].format).toBe("money");
});

test("the performance chart: collected by agent, conversion on the secondary axis", () => {
  const p = sheet("performance");
  expect(p.chart).toEqual(expect.objectContaining({ kind: "columnLine", categoryKey: "name", secondaryKeys: ["conversion"] }));
  for (const k of p.chart!.seriesKeys) expect(col(p, k)).toBeGreaterThanOrEqual(0);
  expect(p.chart!.seriesKeys).toContain("collected");
});

test("penalty ledger: id column, manager columns, effective = amount unless 免罚 says 是/Y/YES", () => {
  const p = sheet("penalties");
  expect(p.idColumn).toBe(col(p, "id"));
  expect(p.columns.filter((c) => c.manager).map((c) => c.key)).toEqual(["waived", "remark"]);
  const waived = p.rows[1];
  expect(waived[col(p, "waived")]).toBe("是");
  expect(waived[col(p, "remark")]).toBe(HOSTILE.cr); // a remark is text, whatever it starts with
  const eff = waived[col(p, "effective")] as FormulaCell;
  const row = FIRST_DATA_ROW + 1;
  expect(eff.f).toContain(`$${colLetter(col(p, "amount"))}${row}*(`);
  expect(eff.f).toContain(`COUNTIFS($${colLetter(col(p, "waived"))}${row},"是")`);
  expect(eff.v).toBe(0);
  expect(p.rows[0][col(p, "source")]).toBe("违规记录!2");
  // Fund = SUM of the effective column; per-agent totals by SUMIFS.
  const fund = p.blocks[0].rows[0][col(p, "effective")] as FormulaCell;
  expect(fund.f).toMatch(/^SUM\(/);
  expect(fund.v).toBe(60);
  const perAgent = p.blocks[1].rows.slice(1);
  expect(perAgent.map((r) => r[col(p, "agent")])).toEqual(["KF01", "KF02"]);
  expect((perAgent[0][col(p, "effective")] as FormulaCell).f).toMatch(/^SUMIFS\(/);
  expect((perAgent[0][col(p, "effective")] as FormulaCell).v).toBe(50);
});

test.each([
  ["是", true], ["y", true], ["Yes", true], ["YES", true], ["否", false], ["", false], [null, false], [1, false], [true, false], ["是 ", false],
])("isWaivedMark(%p) = %p (the same marks the formula counts)", (cell, waived) => {
  expect(isWaivedMark(cell as never)).toBe(waived);
});

test("commission: net pay is a formula over the row's items, the adjustment a manager column", () => {
  const c = sheet("commission");
  expect(c.columns.filter((x) => x.manager).map((x) => x.key)).toEqual(["adjustment", "remark"]);
  const kf02 = c.rows[1];
  const net = kf02[col(c, "netPay")] as FormulaCell;
  for (const k of ["basePay", "lunch", "fullAttendance", "performanceBonus", "executionBonus", "positionAllowance", "commission", "quarterly", "adjustment", "fines"]) {
    expect(net.f).toContain(`$${colLetter(col(c, k))}${FIRST_DATA_ROW + 1}`);
  }
  expect(net.f).toContain(`-$${colLetter(col(c, "fines"))}`);
  expect(net.v).toBe(1794);
  expect(kf02[col(c, "adjustment")]).toBe(50);
  // 说明: one short column per item, Chinese (the pay slip has the English beside it).
  expect(String(kf02[col(c, "why_fullAttendance")])).toBe("迟到 1 次");
});

test("reconciliation: per-day live figures, SUM totals and the agents + unattributed = shop check", () => {
  const r = sheet("reconciliation");
  const day2 = r.rows[1];
  expect((day2[col(r, "unattributedOrders")] as FormulaCell).f).toMatch(/^COUNTIFS\('未归属订单'!/);
  expect((day2[col(r, "unattributedAmount")] as FormulaCell).v).toBe(88.8);
  const total = r.blocks[0].rows[0];
  expect((total[col(r, "paidAmount")] as FormulaCell).f).toBe(`SUM($D$${FIRST_DATA_ROW}:$D$${FIRST_DATA_ROW + 1})`);
  const check = r.blocks[1].rows.map((row) => row[col(r, "collected")] as FormulaCell);
  expect(check.map((c) => c.v)).toEqual([25320.5, 88.8, 25409.3, 0]);
  expect(check[0].f).toContain("'绩效看板'!");
  expect(check[2].f).toContain("'订单明细'!");
  const firsts = blockFirstRows(r.rows.length, r.blocks);
  const l = colLetter(col(r, "collected"));
  expect(check[3].f).toBe(`ROUND(${l}${firsts[1]}+${l}${firsts[1] + 1}-${l}${firsts[1] + 2},2)`);
  // The per-agent diff block: diff = export − attributed, live.
  const diff = r.blocks[2].rows[1];
  expect(diff[0]).toEqual({ date: "2026-10-01" });
  expect((diff[col(r, "collected")] as FormulaCell).v).toBe(99.5);
});

test("attendance drill-down: lateness, absence and distinct days worked are live SUMIFS over it", () => {
  const a = sheet("attendance");
  expect(a.rows).toHaveLength(21 + 23);
  expect(a.rows.filter((r) => r[0] === "KF01").reduce((s, r) => s + (r[col(a, "workedDay")] as number), 0)).toBe(20);
  const p = sheet("performance");
  const kf02 = p.rows[1];
  expect(kf02[col(p, "lateCount")]).toMatchObject({ f: expect.stringMatching(/^SUMIFS\('考勤明细'!/), v: 1 });
  expect(kf02[col(p, "absenceDays")]).toMatchObject({ v: 1 });
  const c = sheet("commission");
  expect(c.rows[0][col(c, "daysWorked")]).toMatchObject({ f: expect.stringContaining("'考勤明细'!"), v: 20 });
  const without = handReport();
  delete without.attendance;
  expect(sheet("performance", without).rows[1][col(p, "lateCount")]).toBe(1);
});

test("order drill-downs: ids as text, credited flag, unattributed with the seller note", () => {
  const o = sheet("orders");
  expect(o.rows).toHaveLength(5);
  expect(o.rows[0][0]).toBe("3101234567890123456");
  expect(o.rows.map((r) => r[col(o, "credited")])).toEqual([1, 1, 1, 0, 1]);
  const u = sheet("unattributed");
  expect(u.rows).toHaveLength(1);
  expect(u.rows[0][col(u, "note")]).toBe(HOSTILE.cmd);
  expect(u.rows[0][col(u, "buyer")]).toBe(HOSTILE.minus);
});

test("problems: every message located and bilingual, counts by severity as COUNTIFS", () => {
  const p = sheet("problems");
  expect(p.columns.map((c) => c.key)).toEqual(["severity", "file", "sheet", "row", "column", "value", "zh", "en", "code"]);
  expect(p.rows[0]).toEqual(["错误 error", "orders.csv", "orders", 9, "买家实际支付金额", HOSTILE.hyperlink, "金额无法识别", "amount not recognised", "order.amount.bad"]);
  expect(p.blocks[0].rows.map((r) => (r[col(p, "row")] as FormulaCell).v)).toEqual([1, 1, 0]);
});

test("an agent code that is not a plain criterion gets values, not a SUMIFS that would match others", () => {
  expect(isPlainCriterion("KF01")).toBe(true);
  for (const bad of ["KF*1", "K?", "~1", "<5", ">=2", "=KF01", " KF01", ""]) expect(isPlainCriterion(bad)).toBe(false);
  const report = handReport();
  report.performance[0].agent = { ...report.performance[0].agent, staffNo: "KF*1" };
  const p = sheet("performance", report);
  expect(p.rows[0][col(p, "collected")]).toBe(25200.5);
  expect(isFormula(p.rows[1][col(p, "collected")])).toBe(true);
});

test("an empty month still has every sheet, with totals over the blank row", () => {
  const r = handReport();
  Object.assign(r, { agents: [], performance: [], penalties: [], fund: 0, days: [], dayAgentDiffs: [], commission: [], counted: [], attributions: [], unattributed: [], shopCollected: 0, problems: [], attendance: [] });
  const spec = buildWorkbookSpec(r);
  expect(spec.sheets).toHaveLength(10);
  const fund = spec.sheets[1].blocks[0].rows[0].find(isFormula)!;
  expect(fund.f).toBe(`SUM($G$${FIRST_DATA_ROW}:$G$${FIRST_DATA_ROW})`);
  expect(fund.v).toBe(0);
});

test("orders beyond a sheet's row limit: the drill-down lists what fits and says so; nothing sums over it", () => {
  const spec = buildWorkbookSpec(handReport(), { maxRows: 9 }); // 5 orders + 5 frame rows > 9
  const o = spec.sheets.find((s) => s.key === "orders")!;
  expect(o.rows).toHaveLength(2);
  expect(String(o.blocks[0].rows[0][0])).toContain("5");
  expect(o.blocks[0].style).toBe("note");
  const totals = o.blocks[1].rows[0];
  expect(totals.some(isFormula)).toBe(false);
  expect(totals[col(o, "collected")]).toBe(25409.3);
  const lastRow = FIRST_DATA_ROW + o.rows.length - 1 + 2 + 2; // blank + note, blank + totals
  expect(lastRow).toBeLessThanOrEqual(9);
  const refsOrders = (s: SheetSpec) => [...s.rows, ...s.blocks.flatMap((b) => b.rows)].flat().filter(isFormula).filter((c) => c.f.includes("'订单明细'!"));
  for (const s of spec.sheets) expect(refsOrders(s)).toEqual([]);
  const p = spec.sheets.find((s) => s.key === "performance")!;
  expect(p.rows[0][col(p, "collected")]).toBe(25200.5);
  // The unattributed drill-down still fits: it keeps its live formulas.
  const r = spec.sheets.find((s) => s.key === "reconciliation")!;
  expect((r.rows[1][col(r, "unattributedAmount")] as FormulaCell).f).toContain("'未归属订单'!");
});

test("工资条: one block per agent — items, fines, days, net — Chinese and English in their own columns, a page break before each agent but the first", () => {
  const spec = buildWorkbookSpec(handReport());
  const slip = spec.sheets.find((s) => s.key === "payslip")!;
  expect(slip.columns.map((c) => c.header)).toEqual(["项目", "Item", "金额 Amount", "说明", "Reason"]);
  const firsts = slip.rows.map((r, i) => [r[0], i] as const).filter(([v]) => typeof v === "string" && /^KF\d\d /.test(v));
  expect(firsts.map(([v]) => String(v).slice(0, 4))).toEqual(["KF01", "KF02"]);
  expect(slip.print!.breaksBefore).toEqual([FIRST_DATA_ROW + firsts[1][1]]);
  const nets = slip.rows.filter((r) => r[0] === "实发");
  // The net (every amount) refers to the agent's 提成表 cell, with the engine's figure as its value.
  const commission = spec.sheets.find((s) => s.key === "commission")!;
  expect(commission.columns.findIndex((c) => c.key === "netPay")).toBe(26);
  expect(nets.map((r) => r[2])).toEqual([
    { f: `'提成表'!$AA$${FIRST_DATA_ROW}`, v: 2142.01 },
    { f: `'提成表'!$AA$${FIRST_DATA_ROW + 1}`, v: 1794 },
  ]);
  expect(slip.rows.some((r) => r[0] === "出勤" && r[1] === "Attendance" && String(r[3]).startsWith("应出勤 20 天"))).toBe(true);
  // No cell mixes the languages: the Chinese reason column holds no Latin word from the English one.
  for (const r of slip.rows) if (typeof r[4] === "string" && r[4] !== "" && typeof r[3] === "string") expect(r[3]).not.toContain(r[4]);
});
