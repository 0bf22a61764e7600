/**
 * The build entry (core/build.ts): one behaviour for every host — which sources fit, which are
 * required, which month is built, whether the sources cover it — and refusals as located,
 * bilingual KefuErrors.
 */
import * as fs from "fs";
import * as path from "path";
import { KefuError, buildBoard, defaultRules, importCsvBytes, planBuild, rulesFromInput, rulesToRows, type SourceInput, type SourceKind } from "../../../src/core";
import { BuildProcessor } from "../../../src/taskpane/processor";

const T = path.resolve(__dirname, "../../fixtures/cli/tiers");
const KINDS: SourceKind[] = ["orders", "attendance", "sales", "roster", "incidents"];

/** A fixture file as the command line gives it: its slot, its import result. */
function source(kind: SourceKind, text?: string, file = `${kind}.csv`): SourceInput {
  const bytes = text === undefined ? fs.readFileSync(path.join(T, `${kind}.csv`)) : Buffer.from(text, "utf8");
  return { file, slot: kind, slotLabel: `--${kind}`, results: [importCsvBytes(new Uint8Array(bytes), file)] };
}
const all = (over: Partial<Record<SourceKind, SourceInput>> = {}) => KINDS.map((k) => over[k] ?? source(k));

/** The lines of a fixture with every "2026-10" moved to another month. */
const moved = (kind: SourceKind, to: string) => fs.readFileSync(path.join(T, `${kind}.csv`), "utf8").split("2026-10").join(to);

function refusal(f: () => unknown): KefuError {
  try {
    f();
  } catch (e) {
    if (e instanceof KefuError) return e;
    throw e;
  }
  throw new Error("the build was not refused");
}

test("the month is the one most paid orders fall in; the build gives report, sheets, problems and summary", () => {
  const b = buildBoard({ sources: all(), month: null });
  expect(b.month).toBe("2026-10");
  expect(b.summary.month).toBe("2026-10");
  expect(b.report.commission.length).toBeGreaterThan(0);
  expect(b.spec.sheets.map((s) => s.key)).toContain("penalties");
  expect(b.problems).toBe(b.report.problems);
  expect(b.removed).toBe(0);
});

test("no month can be chosen (no paid order, none asked for): refused, located and bilingual — never the computer's month", () => {
  const orders = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间,订单备注\n3000000000000000009,b,10,等待买家付款,2026-10-05 09:00:00,,KF01\n";
  const e = refusal(() => planBuild({ sources: all({ orders: source("orders", orders) }), month: null }));
  expect(e.problems.map((p) => [p.severity, p.code])).toEqual([["error", "input.no_month"]]);
  expect(e.problems[0].zh).toMatch(/无法确定月份/);
  expect(e.problems[0].en).toMatch(/month cannot be chosen/);
  // The pane's processor says the same (it used to fall back to the local month).
  const pane = new BuildProcessor("book.xlsx");
  const rows = orders.trim().split("\n").map((l) => l.split(","));
  pane.head("订单", "orders", rows, rows.map((r) => r.map(String)));
  expect(() => pane.finish({ month: null, rulesRows: null, board: [], file: "book.xlsx" })).toThrow(KefuError);
});

test("orders are required: no orders source at all, or only empty ones, refuses the build", () => {
  const none = refusal(() => planBuild({ sources: all().filter((s) => s.slot !== "orders"), month: "2026-10" }));
  expect(none.problems.map((p) => p.code)).toEqual(["input.required"]);
  const empty = refusal(() => planBuild({ sources: all({ orders: source("orders", "") }), month: "2026-10" }));
  expect(empty.problems.map((p) => [p.code, p.file])).toEqual([["input.no_data", "orders.csv"]]);
  // An empty optional source is a warning, and the month is built.
  const b = buildBoard({ sources: all({ incidents: source("incidents", "") }), month: null });
  expect(b.problems.find((p) => p.code === "input.no_data")).toMatchObject({ severity: "warning", file: "incidents.csv" });
});

test("a file in the wrong slot is refused, naming both kinds", () => {
  const e = refusal(() => planBuild({ sources: all({ attendance: { ...source("sales"), slot: "attendance", slotLabel: "--attendance", file: "sales.csv" } }), month: null }));
  expect(e.problems).toHaveLength(1);
  expect(e.problems[0]).toMatchObject({ code: "input.wrong_kind", file: "sales.csv" });
  expect(e.problems[0].zh).toContain("--attendance");
});

describe("the wrong-month guard", () => {
  test("--month naming a month no source covers is refused, each dated source naming the months it covers", () => {
    const e = refusal(() => planBuild({ sources: all(), month: "2026-07" }));
    const byFile = new Map(e.problems.map((p) => [p.file, p]));
    expect([...byFile.keys()].sort()).toEqual(["attendance.csv", "orders.csv", "sales.csv"]);
    for (const p of e.problems) {
      expect(p).toMatchObject({ severity: "error", code: "input.month.not_covered" });
      expect(p.zh).toMatch(/没有 2026-07 的数据：它覆盖 (2026-09（1 行）、)?2026-10（\d+ 行）/);
      expect(p.en).toMatch(/has no data for 2026-07: it covers (2026-09 \(1 rows\), )?2026-10 \(\d+ rows\)/);
    }
  });

  test.each(["attendance", "sales"] as const)("a %s file of another month is refused (it would pay zeros)", (kind) => {
    const e = refusal(() => planBuild({ sources: all({ [kind]: source(kind, moved(kind, "2026-09")) }), month: null }));
    expect(e.problems.map((p) => [p.code, p.file, p.value])).toEqual([["input.month.not_covered", `${kind}.csv`, "2026-09"]]);
  });

  test("a 赤兔 period export of another month (日期 2026-09-01~2026-09-30) is refused like a dated one", () => {
    const period = "日期,旺旺,询单人数,询单->最终付款人数,销售额,平均响应(秒)\n2026-09-01~2026-09-30,小店旗舰店:小美,64,21,5230.50,24.6\n";
    const e = refusal(() => planBuild({ sources: all({ sales: source("sales", period) }), month: "2026-10" }));
    expect(e.problems.map((p) => [p.code, p.file, p.value])).toEqual([["input.month.not_covered", "sales.csv", "2026-09"]]);
    const october = period.split("2026-09").join("2026-10");
    expect(() => planBuild({ sources: all({ sales: source("sales", october) }), month: "2026-10" })).not.toThrow();
  });

  test("an orders file of another month beside this month's orders is refused; the month is still decided by the paid orders", () => {
    const e = refusal(() => planBuild({ sources: [...all(), source("orders", moved("orders", "2026-08"), "orders-aug.csv")], month: null }));
    // The fixture's one September order moves with it: the file covers August and September.
    expect(e.problems.map((p) => [p.code, p.file, p.value])).toEqual([["input.month.not_covered", "orders-aug.csv", "2026-08, 2026-09"]]);
  });

  test("an order paid last month and shipped this month counts as touching the month (late refunds and shipments are normal)", () => {
    const orders = "订单编号,买家会员名,买家实际支付金额,买家应付邮费,退款金额,订单状态,订单创建时间,订单付款时间,发货时间,订单备注\n3000000000000000007,b,10,0,0,交易成功,2026-09-30 09:00:00,2026-09-30 10:00:00,2026-10-01 18:00:00,KF01\n";
    expect(() => planBuild({ sources: [...all(), source("orders", orders, "late.csv")], month: "2026-10" })).not.toThrow();
  });

  test("a source with no dated rows (a roster, incidents) is never judged by month", () => {
    expect(planBuild({ sources: all({ incidents: source("incidents", moved("incidents", "2026-07")) }), month: null }).month).toBe("2026-10");
  });

  test("a month that is not YYYY-MM is refused", () => {
    expect(refusal(() => planBuild({ sources: all(), month: "2026-13" })).problems.map((p) => p.code)).toEqual(["input.month.invalid"]);
  });
});

test("the rules: an invalid 规则 sheet refuses; none gives the defaults", () => {
  const e = refusal(() => planBuild({ sources: all(), month: null, rules: { file: "r.xlsx", sheets: [{ sheet: "规则", rows: [["键 Key", "值 Value"], ["nonsense.key", "x"]] }] } }));
  expect(e.problems.some((p) => p.severity === "error" && p.file === "r.xlsx")).toBe(true);
  expect(planBuild({ sources: all(), month: null, rules: null }).rules.shifts).toBeTruthy();
});

describe("which sheet of a rules workbook is read", () => {
  const sheetRows = (base?: number) => {
    const rows = rulesToRows(defaultRules());
    if (base !== undefined) rows[rows.findIndex((r) => r[1] === "pay.base")][2] = base;
    return rows;
  };
  const note = { sheet: "说明", rows: [["这张表写给主管看 / notes for the manager"]] };
  it.each([
    // sheets, the base read (cents), the sheets the warning names (null: no warning)
    ["规则 alone", [{ sheet: "规则", rows: sheetRows(2000) }], 200000, null],
    ["renamed, beside a notes sheet", [note, { sheet: "11月规则", rows: sheetRows(2000) }], 200000, null],
    ["规则 and an identical copy", [{ sheet: "规则", rows: sheetRows(2000) }, { sheet: "规则 (2)", rows: sheetRows(2000) }], 200000, null],
    // The edit in the copy is not what the pay uses: said, never silent.
    ["规则 and an edited copy 规则 (2)", [{ sheet: "规则", rows: sheetRows(2000) }, note, { sheet: "规则 (2)", rows: sheetRows(2500) }], 200000, "规则 (2)"],
  ] as [string, { sheet: string; rows: (string | number)[][] }[], number, string | null][])("%s", (_n, sheets, base, named) => {
    const r = rulesFromInput({ file: "r.xlsx", sheets });
    expect(r.rules.pay.base).toBe(base);
    const w = r.problems.filter((p) => p.code === "rules.sheet.several");
    if (named === null) expect(w).toEqual([]);
    else {
      expect(w.map((p) => [p.severity, p.file, p.sheet, p.value])).toEqual([["warning", "r.xlsx", "规则", named]]);
      expect(w[0].zh).toContain(`规则按工作表「规则」计算；工作簿中的 「${named}」 也是规则表且内容不同，未读取`);
    }
  });
});
