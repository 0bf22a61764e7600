/** @jest-environment jsdom */
/**
 * The pane's column-mapping step: an export whose headers nobody recognises shows the file's
 * headers beside the needed fields with the best guesses preselected; saving writes the 【列名】
 * rows into the 规则 sheet (created when missing, appended below the manager's rows otherwise)
 * and the rescan reads the sheet as the chosen kind; the build then uses it.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { chosenMappings, unmapped } from "../../src/taskpane/components/ColumnMapping";
import { mappingNeeds, rulesFromRows } from "../../src/core";
import { ExcelDouble, type DCell } from "../support/excelDouble";
import { fillJsdomGaps } from "../support/jsdom-gaps";

beforeAll(fillJsdomGaps);

const HEAD = ["单号", "实收款", "支付日期", "客服留言", "交易状态"];
function workbook(): ExcelDouble {
  const x = new ExcelDouble();
  const rows: DCell[][] = [HEAD];
  for (let i = 0; i < 5; i++) rows.push([`287319046233152345${i}`, 100 + i, `2026-10-0${i + 1} 10:00:00`, i % 2 ? "KF01 加急" : "", "交易成功"]);
  x.addTypedSheet("自家ERP", rows);
  x.addTypedSheet("备忘", [["今天开会"], ["记得对账"]]);
  return x;
}

function renderApp(x: ExcelDouble) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App run={x.run} lang="zh-CN" file="测试.xlsx" inExcel={false} engineFactory={(f) => new LocalEngine(f)} />
    </FluentProvider>,
  );
}

test("only a sheet close to an export (or given a kind) is offered the mapping", () => {
  const info = (sheet: string, score: number) => ({ sheet, kind: null, rows: 0, month: null, recognition: { kind: null, variant: "", headerRow: 1, columns: {}, score, missing: [], headers: ["a"] } });
  expect(unmapped([{ info: info("ERP", 0.17), kind: "ignore" }, { info: info("备忘", 0), kind: "ignore" }, { info: info("手工", 0), kind: "sales" }]).map((s) => [s.info.sheet, s.kind])).toEqual([
    ["ERP", null],
    ["手工", "sales"],
  ]);
});

test("saving keeps only what recognition would not find by itself", () => {
  const headers = ["单号", "订单状态", "实收款"];
  const needs = mappingNeeds("orders", headers, {});
  expect(chosenMappings("orders", headers, needs, { id: 0, paid: 2, status: 1, paidAt: null, note: null })).toEqual([
    { kind: "orders", field: "id", header: "单号" },
    { kind: "orders", field: "paid", header: "实收款" },
  ]);
});

test("unrecognised sheet → mapping with guesses → saved to 规则 → recognised → built", async () => {
  const x = workbook();
  renderApp(x);
  const step = await screen.findByTestId("mapping-自家ERP", {}, { timeout: 15000 });
  expect(screen.queryByTestId("mapping-备忘")).toBeNull();
  const value = (field: string) => (within(step).getByTestId(`mapping-field-${field}`) as HTMLButtonElement).textContent;
  expect([value("id"), value("paid"), value("paidAt"), value("status"), value("note")]).toEqual(["单号", "实收款", "支付日期", "交易状态", "客服留言"]);
  await act(async () => {
    fireEvent.click(within(step).getByTestId("mapping-save"));
  });
  await screen.findByText(/已在“规则”工作表【列名】中加入 4 行/, {}, { timeout: 15000 });
  const rules = rulesFromRows(x.rows("规则") as never, { file: "", sheet: "规则" });
  expect(rules.problems).toEqual([]);
  expect(rules.rules.columns).toEqual([
    { kind: "orders", field: "id", header: "单号" },
    { kind: "orders", field: "paid", header: "实收款" },
    { kind: "orders", field: "paidAt", header: "支付日期" },
    { kind: "orders", field: "note", header: "客服留言" },
  ]);
  await waitFor(() => expect(screen.queryByTestId("mapping")).toBeNull(), { timeout: 15000 });
  const rows = within(screen.getByTestId("sources")).getAllByRole("row").map((r) => r.textContent);
  expect(rows.find((r) => r!.includes("自家ERP"))).toContain("订单");
  expect(x.sheet("自家ERP").mutations).toBe(0);

  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "生成报表 Build" }));
  });
  await screen.findByTestId("result", {}, { timeout: 20000 });
  expect(screen.getByTestId("result-shop").textContent).toBe("¥510.00");
}, 40000);

test("a second save appends below the manager's rows, never repeating a line", async () => {
  const x = workbook();
  renderApp(x);
  const step = await screen.findByTestId("mapping-自家ERP", {}, { timeout: 15000 });
  await act(async () => {
    fireEvent.click(within(step).getByTestId("mapping-save"));
  });
  await screen.findByText(/加入 4 行/, {}, { timeout: 15000 });
  const before = (x.rows("规则") as unknown[][]).length;
  const { saveColumnMappings } = await import("../../src/excel/columnMapping");
  const again = await saveColumnMappings(x.run, [
    { kind: "orders", field: "id", header: "单号" },
    { kind: "sales", field: "nick", header: "客服号" },
  ], "2026-10");
  expect(again).toEqual({ added: 1, created: false });
  const after = x.rows("规则") as unknown[][];
  expect(after.length).toBe(before + 1);
  expect(after[after.length - 1].slice(0, 5)).toEqual(["旺旺昵称", "column", "客服绩效", "旺旺昵称", "客服号"]);
}, 40000);
