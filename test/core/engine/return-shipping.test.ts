/**
 * Return-shipping reimbursements: 5 (near: 江浙沪) / 12 (elsewhere), a claimed fee paid up to the
 * 15 cap, exchanges half-half, no-reason returns the buyer's; the day's total as 每日对账's last
 * column and the 运费补贴 list. Figures by hand from the handbooks' defaults.
 */
import { buildMonth } from "../../../src/core/engine";
import { reimbursement } from "../../../src/core/reports/returnShipping";
import { defaultRules } from "../../../src/core/rules/defaults";
import { rulesFromRows, rulesToRows } from "../../../src/core/rules/sheet";
import { buildWorkbookSpec } from "../../../src/core/sheets";
import { provinceOf } from "../../../src/core/import/returnShipping";
import type { ReturnShippingClaim } from "../../../src/core/model";
import { at, dataset, order } from "./build";

const OCT = { month: "2026-10" };
const R = defaultRules().returnShipping;
let row = 1;
const claim = (date: string, reason: string, province: string, claimed: number | null, orderId = "2873190462331529" + String(row).padStart(3, "0")): ReturnShippingClaim => ({
  date,
  orderId,
  reason,
  province,
  claimed,
  source: { file: "运费补贴.xlsx", sheet: "运费补贴", row: ++row },
});

test.each([
  ["质量问题", "浙江", null, "quality", 500],
  ["质量问题", "上海", null, "quality", 500],
  ["质量问题", "广东", null, "quality", 1200],
  ["质量问题", "", null, "quality", 1200],
  ["质量问题", "广东", 800, "quality", 800],
  ["质量问题", "广东", 1500, "quality", 1500],
  ["质量问题", "广东", 1501, "quality", 1500],
  ["换货", "江苏", null, "exchange", 250],
  ["换货", "四川", 2000, "exchange", 750],
  ["七天无理由退货", "浙江", 1000, "buyerPays", 0],
] as const)("%s from %s, claimed %s → %s %i cents", (reason, province, claimed, kind, amount) => {
  expect(reimbursement({ reason, province, claimed }, R)).toMatchObject({ kind, amount });
});

test("provinces from an address", () => {
  expect(["浙江省杭州市西湖区", "上海市浦东新区", "广西壮族自治区南宁市", "内蒙古自治区呼和浩特市", "黑龙江省哈尔滨市", "", "Hangzhou"].map(provinceOf)).toEqual(["浙江", "上海", "广西", "内蒙古", "黑龙江", "", ""]);
});

test("the day's total is 每日对账's last column (a live SUMIFS), with the 运费补贴 list; none without the sheet", () => {
  const orders = [order({ id: "2873190462331520001", paidAt: at("2026-10-03") }), order({ id: "2873190462331520002", paidAt: at("2026-10-04") })];
  const claims = [claim("2026-10-03", "质量问题", "浙江", null), claim("2026-10-03", "换货", "广东", null), claim("2026-10-04", "七天无理由", "江苏", 800), claim("2026-11-01", "质量问题", "浙江", null)];
  const r = buildMonth(dataset({ orders, returnShipping: claims }), defaultRules(), OCT);
  expect(r.returnShipping!.map((l) => [l.date, l.kind, l.amount])).toEqual([
    ["2026-10-03", "quality", 500],
    ["2026-10-03", "exchange", 600],
    ["2026-10-04", "buyerPays", 0],
  ]);
  expect(r.problems.find((p) => p.code === "shipping.outside_month")).toMatchObject({ value: "1" });
  const spec = buildWorkbookSpec(r);
  const recon = spec.sheets.find((s) => s.key === "reconciliation")!;
  const last = recon.columns.length - 1;
  expect(recon.columns[last]).toMatchObject({ key: "returnShipping", header: "运费补贴 Return shipping" });
  const day = (date: string) => recon.rows[r.days.findIndex((d) => d.date === date)][last] as { f: string; v: number };
  expect(day("2026-10-03").v).toBe(11);
  expect(day("2026-10-03").f).toMatch(/^SUMIFS\('运费补贴'!\$F\$4:\$F\$\d+,'运费补贴'!\$A\$4:\$A\$\d+,\$?A\d+\)$/);
  expect(day("2026-10-04").v).toBe(0);
  const total = recon.blocks[0].rows[0];
  expect(total[0]).toBe("合计 Total");
  expect((total[last] as { v: number }).v).toBe(11);
  const list = spec.sheets.find((s) => s.key === "returnShipping")!;
  expect(list.name).toBe("运费补贴");
  expect(list.rows.map((x) => [x[1], x[5]])).toEqual([
    [claims[0].orderId, 5],
    [claims[1].orderId, 6],
    [claims[2].orderId, 0],
  ]);
  const without = buildWorkbookSpec(buildMonth(dataset({ orders }), defaultRules(), OCT));
  expect(without.sheets.some((s) => s.key === "returnShipping")).toBe(false);
  expect(without.sheets.find((s) => s.key === "reconciliation")!.columns.length).toBe(last);
});

test("the rules sheet's 【运费补贴】 block reads back, edits included", () => {
  const rows = rulesToRows(defaultRules()).map((r) => (r[1] === "returnShipping.cap" ? [r[0], r[1], 20, ...r.slice(3)] : r));
  const { rules, problems } = rulesFromRows(rows, { file: "规则.xlsx", sheet: "规则" });
  expect(problems).toEqual([]);
  expect(rules.returnShipping).toEqual({ ...defaultRules().returnShipping, cap: 2000 });
});
