/**
 * 提成表's bonuses are live (issue 13): the workbook loaded into HyperFormula, a waiver typed into
 * 罚款台账, a refund corrected in 订单明细, a late day and a worked day made absent in 考勤明细 move the
 * execution bonus, the full-attendance bonus, the performance bonus, the position allowance, base
 * paid (prorated or not, probation base), lunch, the fines and net pay — to the figures the engine
 * gives when rebuilt on the same edit — the tier rate and the commission (whole and marginal)
 * included. (Quarterly and year-end commission, clawback and rewards are values.)
 */
import { HyperFormula, type RawCellContent } from "hyperformula";
import { buildMonth } from "../../src/core/engine";
import { formatYuan } from "../../src/core/rules/money";
import { defaultRules } from "../../src/core/rules/defaults";
import { buildWorkbookSpec } from "../../src/core/sheets";
import { blockFirstRows, dateSerial } from "../../src/core/sheets/layout";
import { FIRST_DATA_ROW, type SpecCell, type WorkbookSpec } from "../../src/core/sheets/types";
import type { ManagerState } from "../../src/core/reports/types";
import { agent, at, dataset, incident, order, perfectMonth } from "../core/engine/build";

function raw(c: SpecCell): RawCellContent {
  if (c === null || typeof c === "number" || typeof c === "boolean") return c;
  if (typeof c === "string") return "'" + c;
  if ("f" in c) return "=" + c.f;
  if ("date" in c) return c.serial ?? dateSerial(c.date);
  return "'" + c.text;
}

function load(spec: WorkbookSpec): HyperFormula {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const s of spec.sheets) {
    const rows: RawCellContent[][] = [[s.title], [s.subtitle], s.columns.map((c) => c.header)];
    s.rows.forEach((r, i) => (rows[FIRST_DATA_ROW - 1 + i] = r.map(raw)));
    const firsts = blockFirstRows(s.rows.length, s.blocks);
    s.blocks.forEach((b, j) => b.rows.forEach((r, i) => (rows[firsts[j] - 1 + i] = r.map(raw))));
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets[s.name] = rows;
  }
  return HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3" });
}

const data = (refund = 0) =>
  dataset({
    roster: [agent("KF01", "小美")],
    orders: [order({ id: "7001", note: "KF01", paid: 3000000, refund }), order({ id: "7002", note: "KF01", paid: 500000, paidAt: at("2026-10-12") })],
    shifts: perfectMonth("KF01"),
    incidents: [incident("KF01", "2026-10-08", "cleaning")],
  });

/** The 提成表 figures of KF01 as HyperFormula computes them. */
function figures(hf: HyperFormula, spec: WorkbookSpec) {
  const s = spec.sheets.find((x) => x.key === "commission")!;
  const id = hf.getSheetId(s.name)!;
  const get = (key: string) => hf.getCellValue({ sheet: id, row: FIRST_DATA_ROW - 1, col: s.columns.findIndex((c) => c.key === key) });
  return { collected: get("collected"), tierRate: get("tierRate"), commission: get("commission"), performanceBonus: get("performanceBonus"), executionBonus: get("executionBonus"), positionAllowance: get("positionAllowance"), fines: get("fines"), netPay: get("netPay") };
}

function engine(refund = 0, manager: ManagerState = {}, rules = defaultRules()) {
  const c = buildMonth(data(refund), rules, { month: "2026-10", manager }).commission[0];
  const y = (x: number) => x / 100;
  return { collected: y(c.collected), tierRate: c.tierRate, commission: y(c.commission), performanceBonus: y(c.performanceBonus), executionBonus: y(c.executionBonus), positionAllowance: y(c.positionAllowance), fines: y(c.fines), netPay: y(c.netPay) };
}

function cellOf(spec: WorkbookSpec, hf: HyperFormula, key: string, column: string, match: (r: SpecCell[]) => boolean) {
  const s = spec.sheets.find((x) => x.key === key)!;
  const row = s.rows.findIndex(match);
  return { sheet: hf.getSheetId(s.name)!, row: FIRST_DATA_ROW - 1 + row, col: s.columns.findIndex((c) => c.key === column) };
}

test("as built, the live figures are the engine's", () => {
  const spec = buildWorkbookSpec(buildMonth(data(), defaultRules(), { month: "2026-10" }));
  const hf = load(spec);
  expect(figures(hf, spec)).toEqual(engine());
  hf.destroy();
});

test("a waiver typed into 罚款台账 gives back the execution bonus and the fine, as a rebuild does", () => {
  const report = buildMonth(data(), defaultRules(), { month: "2026-10" });
  const spec = buildWorkbookSpec(report);
  const hf = load(spec);
  expect(figures(hf, spec).executionBonus).toBe(0);
  const p = report.penalties[0];
  hf.setCellContents(cellOf(spec, hf, "penalties", "waived", (r) => r[0] === p.id), [["是"]]);
  const rebuilt = engine(0, { [p.id]: { waived: true } });
  expect(rebuilt.executionBonus).toBe(100);
  expect(figures(hf, spec)).toEqual(rebuilt);
  hf.destroy();
});

const marginal = () => {
  const r = defaultRules();
  r.commission.mode = "marginal";
  return r;
};

// Tiers by order count: 2 orders reach 1%. An order refunded in full is none of them (domain.md:
// it earns nothing), in the live 单数 as in the engine.
const byCount = () => {
  const r = defaultRules();
  r.commission = { ...r.commission, basis: "count", tiers: [{ from: 0, rate: 0 }, { from: 2, rate: 0.01 }] };
  return r;
};

test.each([
  ["drops below the position threshold (35,000 → 29,999)", 500100, defaultRules],
  ["refunds an order in full under tiers by order count (2 orders → 1: no tier)", 3000000, byCount],
  ["refunds part of an order under tiers by order count (still 2 orders)", 100000, byCount],
  ["stays in its tier (35,000 → 34,000)", 100000, defaultRules],
  ["drops below the 20,000 tier, marginal commission (超额累进; 35,000 → 19,999)", 1500100, marginal],
])("a refund corrected in 订单明细 that %s moves every pay figure as a rebuild does", (_n, refund, rules) => {
  const spec = buildWorkbookSpec(buildMonth(data(), rules(), { month: "2026-10" }));
  const hf = load(spec);
  hf.setCellContents(cellOf(spec, hf, "orders", "collected", (r) => r[0] === "7001"), [[(3000000 - refund) / 100]]);
  const live = figures(hf, spec);
  const rebuilt = engine(refund, {}, rules());
  expect(live.tierRate).toBeCloseTo(rebuilt.tierRate, 12);
  expect({ ...live, tierRate: 0 }).toEqual({ ...rebuilt, tierRate: 0 });
  hf.destroy();
});

test("a late day marked in 考勤明细 takes the full-attendance bonus away, as a rebuild with that day late does", () => {
  const spec = buildWorkbookSpec(buildMonth(data(), defaultRules(), { month: "2026-10" }));
  const hf = load(spec);
  const fullOf = () => {
    const s = spec.sheets.find((x) => x.key === "commission")!;
    return hf.getCellValue({ sheet: hf.getSheetId(s.name)!, row: FIRST_DATA_ROW - 1, col: s.columns.findIndex((c) => c.key === "fullAttendance") });
  };
  expect(fullOf()).toBe(50);
  hf.setCellContents(cellOf(spec, hf, "attendance", "late", (r) => typeof r[1] === "object" && r[1] !== null && "date" in r[1] && r[1].date === "2026-10-05"), [[1]]);
  const late = data();
  late.shifts = late.shifts.map((d) => (d.date === "2026-10-05" ? { ...d, clockIn: at("2026-10-05", "08:45") } : d));
  const rebuilt = buildMonth(late, defaultRules(), { month: "2026-10" }).commission[0].fullAttendance / 100;
  expect(rebuilt).toBe(0);
  expect(fullOf()).toBe(rebuilt);
  hf.destroy();
});

/** KF01's pay figures that hang on days worked, as HyperFormula computes them. */
function dayFigures(hf: HyperFormula, spec: WorkbookSpec) {
  const s = spec.sheets.find((x) => x.key === "commission")!;
  const id = hf.getSheetId(s.name)!;
  const get = (key: string) => hf.getCellValue({ sheet: id, row: FIRST_DATA_ROW - 1, col: s.columns.findIndex((c) => c.key === key) });
  return { daysWorked: get("daysWorked"), basePay: get("basePay"), lunch: get("lunch"), fullAttendance: get("fullAttendance"), netPay: get("netPay") };
}

const prorated = () => defaultRules();
const notProrated = () => {
  const r = defaultRules();
  r.pay.baseProration = "none";
  return r;
};
const onProbation = () => {
  const r = defaultRules();
  r.pay.probationBase = 123457;
  return r;
};

test.each([
  ["base prorated (按出勤)", prorated, null],
  ["base not prorated (不折算)", notProrated, null],
  ["probation base until 10-13, prorated", onProbation, "2026-10-13"],
])("a worked day marked absent in 考勤明细 moves base, lunch, full attendance and net pay as a rebuild does: %s", (_n, rules, probationUntil) => {
  const withRoster = (d: ReturnType<typeof data>) => {
    if (probationUntil) d.roster = d.roster.map((a) => ({ ...a, probationUntil }));
    return d;
  };
  const spec = buildWorkbookSpec(buildMonth(withRoster(data()), rules(), { month: "2026-10" }));
  const hf = load(spec);
  const asBuilt = buildMonth(withRoster(data()), rules(), { month: "2026-10" }).commission[0];
  const y = (x: number) => x / 100;
  const engineDays = (c: typeof asBuilt) => ({ daysWorked: c.workedDays, basePay: y(c.basePay), lunch: y(c.lunch), fullAttendance: y(c.fullAttendance), netPay: y(c.netPay) });
  expect(dayFigures(hf, spec)).toEqual(engineDays(asBuilt));
  const onDay = (r: SpecCell[]) => typeof r[1] === "object" && r[1] !== null && "date" in r[1] && r[1].date === "2026-10-06";
  hf.setCellContents(cellOf(spec, hf, "attendance", "workedDay", onDay), [[0]]);
  hf.setCellContents(cellOf(spec, hf, "attendance", "absence", onDay), [[1]]);
  const absent = withRoster(data());
  absent.shifts = absent.shifts.map((d) => (d.date === "2026-10-06" ? { ...d, clockIn: null, clockOut: null } : d));
  const rebuilt = buildMonth(absent, rules(), { month: "2026-10" }).commission[0];
  expect(rebuilt.workedDays).toBe(asBuilt.workedDays - 1);
  expect(rebuilt.lunch).toBeLessThan(asBuilt.lunch);
  if (rules().pay.baseProration === "attendance") expect(rebuilt.basePay).toBeLessThan(asBuilt.basePay);
  expect(dayFigures(hf, spec)).toEqual(engineDays(rebuilt));
  hf.destroy();
});

test("工资条's amounts refer to 提成表 and 罚款台账: a waiver typed into 罚款台账 moves the slip's fine, execution bonus and net as a rebuild does", () => {
  const report = buildMonth(data(), defaultRules(), { month: "2026-10" });
  const spec = buildWorkbookSpec(report);
  const hf = load(spec);
  const slip = spec.sheets.find((x) => x.key === "payslip")!;
  const id = hf.getSheetId(slip.name)!;
  const amountOf = (label: string) => {
    const row = slip.rows.findIndex((r) => r[0] === label);
    expect(row).toBeGreaterThanOrEqual(0);
    return hf.getCellValue({ sheet: id, row: FIRST_DATA_ROW - 1 + row, col: slip.columns.findIndex((c) => c.key === "amount") });
  };
  const fineRow = () => {
    const row = slip.rows.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("  10-08"));
    return hf.getCellValue({ sheet: id, row: FIRST_DATA_ROW - 1 + row, col: slip.columns.findIndex((c) => c.key === "amount") });
  };
  const before = engine();
  expect([amountOf("实发"), amountOf("执行奖"), amountOf("罚款"), amountOf("回款")]).toEqual([before.netPay, before.executionBonus, -before.fines, before.collected]);
  expect(before.fines).toBeGreaterThan(0);
  expect(fineRow()).toBe(-before.fines);
  const p = report.penalties[0];
  hf.setCellContents(cellOf(spec, hf, "penalties", "waived", (r) => r[0] === p.id), [["是"]]);
  const rebuilt = engine(0, { [p.id]: { waived: true } });
  expect(rebuilt.netPay).not.toBe(before.netPay);
  expect([amountOf("实发"), amountOf("执行奖"), amountOf("罚款"), fineRow()]).toEqual([rebuilt.netPay, rebuilt.executionBonus, 0, 0]);
  hf.destroy();
});

describe("工资条 follows the manager's edits made after the build", () => {
  const slipCell = (spec: WorkbookSpec, hf: HyperFormula, match: (r: SpecCell[]) => boolean, column: string) => hf.getCellValue(cellOf(spec, hf, "payslip", column, match));
  const label = (c: SpecCell): string => (typeof c === "string" ? c : c !== null && typeof c === "object" && "text" in c ? c.text : "");
  // KF01's one fine (cleaning, 10-08): its detail line under 罚款.
  const isFineText = (r: SpecCell[]) => label(r[0]).startsWith("  10-08");

  test("a waiver and a remark typed into 罚款台账: the fine's line says so, in both languages", () => {
    const report = buildMonth(data(), defaultRules(), { month: "2026-10" });
    const spec = buildWorkbookSpec(report);
    const hf = load(spec);
    const p = report.penalties[0];
    expect(slipCell(spec, hf, isFineText, "reason")).toBe(`罚 ${formatYuan(p.amount)}`);
    expect(slipCell(spec, hf, isFineText, "reasonEn")).toBe(`fine ${formatYuan(p.amount)}`);
    hf.setCellContents(cellOf(spec, hf, "penalties", "waived", (r) => r[0] === p.id), [["Y"]]);
    hf.setCellContents(cellOf(spec, hf, "penalties", "remark", (r) => r[0] === p.id), [["首次，口头警告"]]);
    expect(slipCell(spec, hf, isFineText, "reason")).toBe(`罚 ${formatYuan(p.amount)}，已免罚；首次，口头警告`);
    expect(slipCell(spec, hf, isFineText, "reasonEn")).toBe(`fine ${formatYuan(p.amount)}, waived`);
    expect(slipCell(spec, hf, isFineText, "amount")).toBe(0);
    hf.destroy();
  });

  test("an adjustment and its remark typed into 提成表: the slip has the line, and its items still add up to the net", () => {
    const spec = buildWorkbookSpec(buildMonth(data(), defaultRules(), { month: "2026-10" }));
    const hf = load(spec);
    const adj = (r: SpecCell[]) => r[0] === "主管调整";
    expect(slipCell(spec, hf, adj, "amount")).toBe(0);
    expect(slipCell(spec, hf, adj, "reason")).toBe("");
    const first = (r: SpecCell[]) => r === spec.sheets.find((x) => x.key === "commission")!.rows[0];
    hf.setCellContents(cellOf(spec, hf, "commission", "adjustment", first), [[88.5]]);
    hf.setCellContents(cellOf(spec, hf, "commission", "remark", first), [["双十一加班"]]);
    expect(slipCell(spec, hf, adj, "amount")).toBe(88.5);
    expect(slipCell(spec, hf, adj, "reason")).toBe("双十一加班");
    // Net = every item line of the block (not the fines' detail lines, already in 罚款).
    const slip = spec.sheets.find((x) => x.key === "payslip")!;
    const id = hf.getSheetId(slip.name)!;
    const amountCol = slip.columns.findIndex((c) => c.key === "amount");
    let sum = 0;
    let net = 0;
    slip.rows.forEach((r, i) => {
      const v = hf.getCellValue({ sheet: id, row: FIRST_DATA_ROW - 1 + i, col: amountCol });
      if (typeof v !== "number") return;
      const l = label(r[0]);
      if (l === "实发") net = v;
      else if (l !== "回款" && !l.startsWith("  ")) sum += v;
    });
    expect(net).toBeCloseTo(figures(hf, spec).netPay as number, 6);
    expect(sum).toBeCloseTo(net, 6);
    hf.destroy();
  });
});
