import { buildMonth } from "../../../src/core/engine";
import { defaultRules } from "../../../src/core/rules/defaults";
import { agent, dataset, order } from "./build";
import { buildWorkbookSpec, orderSheetColumns, sheetRow, sheetRowCount } from "../../../src/core";
import { reportJsonParts } from "../../../src/core/sheets/json";
import { textAt } from "../../../src/core/reports/textcolumn";
import { planDetail } from "../../../src/xlsx/detail-sheet";
import { SharedStrings } from "../../../src/xlsx/shared-strings";
import { StyleBook } from "../../../src/xlsx/styles";

// The report's attributions are made on first read; they must read like a plain field.
describe("attributions made on first read", () => {
  const roster = [agent("KF01", "小美"), agent("KF03", "阿强")];
  const orders = [order({ id: "2", note: "KF03 补 KF01" }), order({ id: "1", note: "KF01" }), order({ id: "3", note: "无" })];
  const build = () => buildMonth(dataset({ roster, orders }), defaultRules(), { month: "2026-10" });

  it("are one array however often read, in the order of counted, with the other codes", () => {
    const r = build();
    expect(r.attributions).toBe(r.attributions);
    expect(r.attributions.map((a) => a.orderId)).toEqual(r.counted.map((c) => c.order.id));
    expect(r.attributions.map((a) => [a.orderId, a.agent, a.matched, a.others])).toEqual([
      ["1", "KF01", "KF01", []],
      ["2", "KF03", "KF03", ["KF01"]],
      ["3", null, "", []],
    ]);
  });

  it("survive JSON, spreading and deep equality like a plain field", () => {
    const r = build();
    expect(JSON.parse(JSON.stringify({ ...r })).attributions).toEqual(r.attributions);
    expect(build()).toEqual(r);
  });
});

// The counted orders are columns in the report; their objects are made when `counted` is first
// read — by the pane's views, the functions, tests — never by the build's sheets, 订单明细's
// columns or the JSON (a million objects, ~60 MB).
describe("counted orders made on first read", () => {
  const roster = [agent("KF01", "小美"), agent("KF03", "阿强")];
  const orders = [order({ id: "2", note: "KF03 补 KF01" }), order({ id: "1", note: "KF01" }), order({ id: "3", note: "无" }), order({ id: "4", note: "KF03" })];
  const build = () => buildMonth(dataset({ roster, orders }), defaultRules(), { month: "2026-10" });

  it("are one array however often read, equal to the columns, the unattributed ones the same objects", () => {
    const r = build();
    expect(r.counted).toBe(r.counted);
    const cols = r.countedColumns!;
    expect(r.counted.map((c) => [c.order.id, c.agent, c.collected, c.creditRemovedBy, c.matched])).toEqual(
      cols.ids.map((id, j) => [id, cols.agent[j] < 0 ? null : cols.agentNames[cols.agent[j]], cols.collected[j], null, textAt(cols.matched, j)]),
    );
    expect(r.counted.map((c) => c.agent)).toEqual(["KF01", "KF03", null, "KF03"]);
    expect(r.unattributed).toHaveLength(1);
    expect(r.counted).toContain(r.unattributed[0]);
    expect(cols.agentNames).toEqual(["KF01", "KF03"]); // staff-number order, not the rows'
  });

  it("are not read by the workbook's sheets, 订单明细's columns or the JSON", async () => {
    const r = build();
    Object.defineProperty(r, "counted", {
      get() {
        throw new Error("the build read report.counted");
      },
    });
    const spec = buildWorkbookSpec(r);
    const detail = spec.sheets.find((s) => s.key === "orders")!;
    for (const s of spec.sheets) for (let i = 0; i < sheetRowCount(s); i++) sheetRow(s, i);
    expect(orderSheetColumns(r, sheetRowCount(detail), () => true)).not.toBeNull();
    expect([...reportJsonParts(r)].join("")).toContain('"credited"');
    expect(await planDetail(detail, r, { styles: new StyleBook(), strings: new SharedStrings(), stringMode: "auto", inlineFrom: 0, level: 1 })).not.toBeNull();
  });
});
