/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { ExcelDouble, type DCell } from "../support/excelDouble";
import { ORDER_WIDTH, orderCell } from "../excel/orderSheet";
import { fillJsdomGaps } from "../support/jsdom-gaps";

beforeAll(fillJsdomGaps);

function workbook(): ExcelDouble {
  const x = new ExcelDouble();
  const rows: DCell[][] = [];
  for (let r = 0; r <= 40; r++) {
    const row: DCell[] = [];
    for (let c = 0; c < ORDER_WIDTH; c++) row.push(orderCell(r, c));
    rows.push(row);
  }
  x.addTypedSheet("订单", rows);
  x.addTypedSheet("花名册", [
    ["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"],
    ...Array.from({ length: 9 }, (_v, i) => [`KF0${i}`, `客服${i}`, `店:客服${i}`, "售前", "2025-01-01", 20000]),
  ]);
  x.addTypedSheet("<img src=x onerror=alert(1)>", [["=HYPERLINK(\"http://evil\",\"点我\")"]]);
  return x;
}

function renderApp(x: ExcelDouble, lang: "zh-CN" | "en-US" = "zh-CN") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App run={x.run} lang={lang} file="测试.xlsx" inExcel={false} engineFactory={(f) => new LocalEngine(f)} />
    </FluentProvider>,
  );
}

test("scans on open, lists kinds, rows and month; untrusted names stay text", async () => {
  const x = workbook();
  const { container } = renderApp(x);
  const table = await screen.findByTestId("sources", {}, { timeout: 15000 });
  const rows = within(table).getAllByRole("row").slice(1).map((r) => r.textContent);
  expect(rows[0]).toContain("订单");
  expect(rows[0]).toContain("40");
  expect(rows[0]).toContain("2026-10");
  expect(rows[1]).toContain("花名册");
  expect(rows[2]).toContain("<img src=x onerror=alert(1)>");
  expect(container.querySelector("img")).toBeNull();
  // Every action is a real, labelled button.
  for (const name of ["扫描工作表 Scan", "导入文件 Import a file", "打开规则 Open rules", "生成报表 Build"]) expect(screen.getByRole("button", { name })).toBeTruthy();
  expect(screen.getByRole("combobox", { name: "订单 的类型" })).toBeTruthy();
});

test("build: progress, then a result whose figures come from the workbook; the board is written", async () => {
  const x = workbook();
  renderApp(x, "en-US");
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  const build = screen.getByRole("button", { name: "Build reports" });
  await act(async () => {
    fireEvent.click(build);
  });
  const result = await screen.findByTestId("result", {}, { timeout: 20000 });
  expect(within(result).getByText("Reports for 2026-10 are ready")).toBeTruthy();
  expect(screen.getByTestId("result-agents").textContent).toBe("9");
  expect(x.sheetNames()).toEqual(expect.arrayContaining(["绩效看板", "罚款台账", "每日对账", "提成表", "问题"]));
  expect(x.sheet("订单").mutations).toBe(0);
  fireEvent.click(screen.getByTestId("open-performance"));
  await waitFor(() => expect(x.data.selection).toMatch(/^'绩效看板'!A3:/));
}, 30000);

test("cancel stops the build and says so", async () => {
  const x = new ExcelDouble();
  x.addGeneratedSheet("订单", 150001, ORDER_WIDTH, orderCell);
  renderApp(x, "en-US");
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Build reports" }));
  });
  const cancel = await screen.findByRole("button", { name: "Cancel" }, { timeout: 15000 });
  await act(async () => {
    fireEvent.click(cancel);
  });
  await screen.findByText(/Cancelled/, {}, { timeout: 20000 });
  expect(screen.queryByTestId("result")).toBeNull();
}, 30000);

test("open rules: creates 规则 from the defaults, then validates the manager's edits with located messages", async () => {
  const x = workbook();
  renderApp(x, "en-US");
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Open rules" }));
  });
  await screen.findByText(/Created the "规则" \(rules\) sheet/, {}, { timeout: 15000 });
  expect(x.data.selection).toBe("'规则'!A1");
  const rows = x.rows("规则");
  const grace = rows.findIndex((r) => r[1] === "shifts.graceMinutes");
  expect(grace).toBeGreaterThan(2);
  expect(rows.some((r) => r[1] === "shifts.day.start" && r[2] === "08:30")).toBe(true);

  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Open rules" }));
  });
  await screen.findByText(/The "规则" \(rules\) sheet is valid/, {}, { timeout: 15000 });

  await x.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("规则").getRange(`C${grace + 1}`).values = [["很多"]];
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Open rules" }));
  });
  const notices = await screen.findByTestId("notices");
  await waitFor(() => expect(notices.textContent).toMatch(new RegExp(`规则 #${grace + 1}`)));
  // The sheet the manager edits is never replaced by a build.
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Build reports" }));
  });
  await waitFor(() => expect(notices.textContent).toMatch(/Something went wrong/), { timeout: 20000 });
  expect(x.rows("规则")[grace][2]).toBe("很多");
}, 40000);

test("a corrected kind is used by the build and kept by a rescan", async () => {
  const x = workbook();
  renderApp(x, "en-US");
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  const roster = screen.getByRole("combobox", { name: "Kind of 花名册" });
  fireEvent.click(roster);
  fireEvent.click(await screen.findByRole("option", { name: "Ignore" }));
  await waitFor(() => expect(screen.getByRole("combobox", { name: "Kind of 花名册" }).textContent).toBe("Ignore"));
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Scan sheets" }));
  });
  await waitFor(() => expect(screen.getByRole("combobox", { name: "Kind of 花名册" }).textContent).toBe("Ignore"));
  // Build waits for the rescan (the button says why meanwhile).
  await waitFor(() => expect(screen.getByRole("button", { name: "Build reports" }).hasAttribute("disabled")).toBe(false));
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Build reports" }));
  });
  await screen.findByTestId("result", {}, { timeout: 20000 });
  // The roster was left out, so no agent is known (with it, the same workbook gives 9).
  expect(screen.getByTestId("result-agents").textContent).toBe("0");
  expect(x.rows("绩效看板")[3].every((c) => c === null)).toBe(true);
}, 40000);
