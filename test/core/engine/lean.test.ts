/**
 * A lean build (BuildOptions.lean, what the command line asks for) keeps no order object in the
 * report: its workbook — every sheet's every row — and its JSON are the full build's, for a
 * generated month and for a group of shops with incidents, refunds and unattributed orders; only
 * `counted` cannot be read (it says why).
 */
import { buildMonth } from "../../../src/core/engine";
import { buildWorkbookSpec, mergeImports, orderSheetColumns, sheetRow, sheetRowCount } from "../../../src/core";
import { importSheet } from "../../../src/core/import";
import { defaultRules } from "../../../src/core/rules/defaults";
import { reportJsonText, reportToJson } from "../../../src/core/sheets/json";
import type { Dataset } from "../../../src/core/model";
import type { MonthReport } from "../../../src/core/reports/types";
import * as path from "path";
import { readSourceFile } from "../../../src/xlsx/read";
import { agent, at, dataset, order } from "./build";

function sheets(r: MonthReport) {
  return buildWorkbookSpec(r).sheets.map((s) => ({ key: s.key, title: s.title, blocks: s.blocks, rows: Array.from({ length: sheetRowCount(s) }, (_, i) => sheetRow(s, i)) }));
}

function sameBuilds(data: Dataset, month: string): MonthReport {
  const full = buildMonth(data, defaultRules(), { month });
  const lean = buildMonth(data, defaultRules(), { month, lean: true });
  expect(lean.countedColumns!.orders).toBeUndefined();
  expect(() => lean.counted).toThrow(/lean/);
  // And both = the report as a list of objects only (the readers' other way, for reports made by hand).
  const byHand: MonthReport = { ...full, counted: full.counted, countedColumns: undefined };
  expect(sheets(lean)).toEqual(sheets(full));
  expect(sheets(full)).toEqual(sheets(byHand));
  expect(reportJsonText(lean)).toBe(reportJsonText(full));
  expect(reportJsonText(full)).toBe(reportJsonText(byHand));
  const all = (r: MonthReport) => orderSheetColumns(r, Number.MAX_SAFE_INTEGER, (k) => k === "agent");
  expect(all(lean)).toEqual(all(full));
  return full;
}

const SAMPLES = path.join(__dirname, "../../../samples");
const FILES = ["订单报表-2026-10.csv", "钉钉考勤-2026-10.xlsx", "千牛客服绩效-2026-10.xlsx", "花名册.xlsx", "违规记录-2026-10.xlsx"];

test("the sample month (3,000 orders, incidents that remove credit): the same workbook rows and JSON", async () => {
  const results = [];
  for (const f of FILES) results.push(...(await readSourceFile(path.join(SAMPLES, f))));
  const merged = mergeImports(results);
  const full = sameBuilds(merged.data, "2026-10");
  expect(full.counted.length).toBeGreaterThan(1000);
  expect(full.counted.some((c) => c.creditRemovedBy !== null)).toBe(true);
});

test("a group of shops, a refund, a note naming two agents and unattributed orders: the same workbook rows and JSON", () => {
  const roster = [agent("KF01", "小美"), agent("KF03", "阿强")];
  const orders = [
    order({ id: "1", note: "KF01", shop: "旗舰店" }),
    order({ id: "2", note: "KF03", shop: "专营店", refund: 500 }),
    order({ id: "3", note: "无", shop: "旗舰店" }),
    order({ id: "4", note: "KF03 补 KF01", shop: "专营店" }),
    order({ id: "5", note: "KF01" }),
  ];
  const full = sameBuilds(dataset({ roster, orders }), "2026-10");
  expect(buildWorkbookSpec(full).sheets.some((s) => s.key === "shops")).toBe(true);
});

test("orders imported from a sheet build lean as well", () => {
  const r = importSheet({ file: "订单.csv", sheet: "订单", rows: [["订单编号", "买家实际支付金额", "订单状态", "订单付款时间", "订单备注"], ['="2873190462331520001"', "10", "交易成功", "2026-10-03 10:00:00", "KF01"]] }, "orders");
  sameBuilds({ ...dataset({ roster: [agent("KF01", "小美")], orders: [] }), orders: r.data.orders }, "2026-10");
});

describe("afterOrders: a lean build lets the orders go once it has read them", () => {
  /** The lean report with the hook, against without; the hook runs once, the orders already gone. */
  function released(data: Dataset, opts: Omit<Parameters<typeof buildMonth>[2], "lean" | "afterOrders">): MonthReport {
    const lean = buildMonth(data, defaultRules(), { ...opts, lean: true });
    const given = { ...data, orders: [...data.orders] };
    const seen: number[] = [];
    const hooked = buildMonth(given, defaultRules(), { ...opts, lean: true, afterOrders: () => seen.push(given.orders.length) });
    expect(seen).toEqual([0]);
    expect(given.orders).toEqual([]);
    expect(sheets(hooked)).toEqual(sheets(lean));
    expect(reportJsonText(hooked)).toBe(reportJsonText(lean));
    expect(hooked.problems).toEqual(lean.problems);
    return hooked;
  }

  test("the sample month: the same workbook rows, JSON and problems", async () => {
    const results = [];
    for (const f of FILES) results.push(...(await readSourceFile(path.join(SAMPLES, f))));
    const r = released(mergeImports(results).data, { month: "2026-10" });
    expect(r.problems.some((p) => p.code === "clawback.none")).toBe(true); // read from the orders before they went
  });

  test("last month's board (clawback of a late refund) and affiliate orders: both read the orders before they go", () => {
    const roster = [agent("KF01", "小美")];
    const previous = { file: "2026-10.json", json: reportToJson(buildMonth(dataset({ roster, orders: [order({ id: "7001", note: "KF01", paid: 4000000, paidAt: at("2026-10-20") })] }), defaultRules(), { month: "2026-10" })) };
    const orders = [
      order({ id: "7001", note: "KF01", paid: 4000000, refund: 10000, paidAt: at("2026-10-20") }),
      order({ id: "2873190462331500000", note: "KF01", paid: 12000, shipping: 2000, paidAt: at("2026-11-03") }),
    ];
    const affiliates = [{ orderId: "2873190462331500000", affiliate: "小A", price: 9000, amount: 12000, status: "订单结算", settledAt: at("2026-11-05", "12:00"), createdAt: at("2026-11-01", "09:00"), source: { file: "淘宝联盟.csv", sheet: "淘宝联盟", row: 2 } }];
    const r = released(dataset({ roster, orders, affiliates }), { month: "2026-11", previous });
    expect(r.commission[0].clawback).toBeLessThan(0);
    expect(r.affiliates!.length).toBeGreaterThan(0);
  });

  test("without the hook, or in a full build, the dataset's orders are left as given", () => {
    const data = dataset({ roster: [agent("KF01", "小美")], orders: [order({ id: "1", note: "KF01" })] });
    buildMonth(data, defaultRules(), { month: "2026-10", lean: true });
    buildMonth(data, defaultRules(), { month: "2026-10", afterOrders: () => undefined });
    expect(data.orders.length).toBe(1);
  });
});
