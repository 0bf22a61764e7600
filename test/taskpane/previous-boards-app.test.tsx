/** @jest-environment jsdom */
/**
 * The pane takes several earlier boards, as the command line's repeated --previous: September
 * 2026 built from September's orders only (KF01 15,000), with July's board (KF01 30,000) and
 * August's (20,000) chosen together:
 *   quarter = 30,000 + 20,000 + 15,000 = 65,000 ≥ 60,000 → 季度提成 1% = 650.00.
 * A second August board and September's own, added later, are named under their file at once and
 * removed from the list before the build.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { decodeBytes, parseCsv } from "../../src/core";
import { addSourceSheet } from "../../src/excel/sourceSheet";
import { App } from "../../src/taskpane/App";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { ExcelDouble } from "../support/excelDouble";
import { fillJsdomGaps } from "../support/jsdom-gaps";

beforeAll(fillJsdomGaps);

function file(name: string, text: string): File {
  const bytes = new TextEncoder().encode(text);
  const f = new File([bytes], name, { type: "application/json" });
  // jsdom's File may lack arrayBuffer(); the browser's has it.
  if (typeof (f as any).arrayBuffer !== "function") (f as any).arrayBuffer = async () => bytes.slice().buffer;
  return f;
}
const board = (name: string, month: string, yuan: number) =>
  file(name, JSON.stringify({ month, credited: [{ orderId: `70${month.replace("-", "")}01`, agent: "KF01", paid: yuan, shipping: 0, refund: 0, collected: yuan }] }));

async function workbook(): Promise<ExcelDouble> {
  const x = new ExcelDouble();
  const csv = (text: string) => parseCsv(decodeBytes(new TextEncoder().encode(text)).text);
  await addSourceSheet(x.run, "订单-2026-09", csv("订单编号,买家会员名,买家实际支付金额,买家应付邮费,退款金额,订单状态,订单创建时间,订单付款时间,订单备注\n4000000000000000901,买家甲,15000,0,0,交易成功,2026-09-10 09:00:00,2026-09-10 09:01:00,KF01\n"));
  await addSourceSheet(x.run, "花名册", csv("工号,姓名,旺旺子账号,岗位,入职日期,月度目标\nKF01,甲一,小店:甲一,售前,2025-01-01,\n"));
  return x;
}

const items = () => screen.queryAllByTestId("previous-item").map((li) => [within(li).getByTestId("previous-month").textContent, within(li).getByTestId("previous-file").textContent, within(li).queryAllByTestId("previous-note").map((n) => n.textContent)]);

test("September with July's and August's boards chosen together: the quarter is paid; a repeated month and the month itself are named under their file and removed", async () => {
  const x = await workbook();
  render(
    <FluentProvider theme={webLightTheme}>
      <App run={x.run} lang="zh-CN" file="九月.xlsx" inExcel={false} engineFactory={(f) => new LocalEngine(f)} />
    </FluentProvider>,
  );
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  await waitFor(() => expect((screen.getByTestId("month") as HTMLSelectElement).value).toBe("2026-09"));
  expect(screen.getByTestId("previous-none").textContent).toBe("未选择");

  await act(async () => {
    fireEvent.change(screen.getByTestId("previous-board"), { target: { files: [board("看板-2026-07.json", "2026-07", 30000), board("看板-2026-08.json", "2026-08", 20000)] } });
  });
  await waitFor(() => expect(items()).toHaveLength(2));
  expect(items()).toEqual([
    ["2026年7月", "看板-2026-07.json", []],
    ["2026年8月", "看板-2026-08.json", []],
  ]);

  // Added later: August again, and September's own board.
  await act(async () => {
    fireEvent.change(screen.getByTestId("previous-board"), { target: { files: [board("看板-2026-08-改.json", "2026-08", 5000), board("看板-2026-09.json", "2026-09", 99000)] } });
  });
  await waitFor(() => expect(items()).toHaveLength(4));
  expect(items().slice(2)).toEqual([
    ["2026年8月", "看板-2026-08-改.json", ["看板 看板-2026-08-改.json 与 看板-2026-08.json 都是 2026-08 的：只用先给出的 看板-2026-08.json，看板-2026-08-改.json 未使用；每个月只给一份看板"]],
    ["2026年9月", "看板-2026-09.json", ["看板 看板-2026-09.json 是 2026-09 的，不早于正在生成的 2026-09：未使用（只用之前月份的看板：上月的用于追回，季末月加本季度、12 月加本年之前各月的）"]],
  ]);
  fireEvent.click(screen.getByRole("button", { name: "移除 看板-2026-08-改.json" }));
  fireEvent.click(screen.getByRole("button", { name: "移除 看板-2026-09.json" }));
  expect(items().map((i) => i[1])).toEqual(["看板-2026-07.json", "看板-2026-08.json"]);

  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "生成报表 Build" }));
  });
  await screen.findByTestId("result", {}, { timeout: 30000 });
  const rows = x.rows("提成表");
  const col = (h: string) => rows[2].findIndex((v) => typeof v === "string" && v.startsWith(h));
  const kf01 = rows.find((r) => r[1] === "KF01")!;
  expect([kf01[col("季度回款")], kf01[col("季度提成")]]).toEqual([65000, 650]);
  const problems = x.rows("问题").flat().join(" ");
  expect(problems).not.toMatch(/previous\.|看板/);
}, 60000);
