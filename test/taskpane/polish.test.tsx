/** @jest-environment jsdom */
/**
 * The pane says what it is doing and why: the month in the pane's own language, a disabled Build
 * that says why, a result cleared when the sources it described change, a percentage on the
 * progress bar, and a failed build shown as an error.
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { BuildPanel } from "../../src/taskpane/components/BuildPanel";
import { monthChoices, monthLabel } from "../../src/taskpane/components/MonthRules";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { translator } from "../../src/taskpane/i18n";
import type { BoardRow } from "../../src/taskpane/previousBoards";
import { ExcelDouble, type DCell } from "../support/excelDouble";
import { ORDER_WIDTH, orderCell } from "../excel/orderSheet";
import { fillJsdomGaps } from "../support/jsdom-gaps";

beforeAll(fillJsdomGaps);

function workbook(withOrders = true): ExcelDouble {
  const x = new ExcelDouble();
  if (withOrders) {
    const rows: DCell[][] = [];
    for (let r = 0; r <= 20; r++) {
      const row: DCell[] = [];
      for (let c = 0; c < ORDER_WIDTH; c++) row.push(orderCell(r, c));
      rows.push(row);
    }
    x.addTypedSheet("订单", rows);
  }
  x.addTypedSheet("花名册", [
    ["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"],
    ...Array.from({ length: 3 }, (_v, i) => [`KF0${i}`, `客服${i}`, `店:客服${i}`, "售前", "2025-01-01", 20000]),
  ]);
  return x;
}

function renderApp(x: ExcelDouble, lang: "zh-CN" | "en-US" = "zh-CN", run: ExcelDouble["run"] = x.run) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App run={run} lang={lang} file="测试.xlsx" inExcel={false} engineFactory={(f) => new LocalEngine(f)} />
    </FluentProvider>,
  );
}

test("the month reads in the pane's language, never the browser's", async () => {
  expect(monthLabel("2026-10", "zh-CN")).toBe("2026年10月");
  expect(monthLabel("2026-10", "en-US")).toBe("October 2026");
  expect(monthChoices(["2026-10"], "").slice(0, 3)).toEqual(["2026-10", "2026-09", "2026-08"]);
  renderApp(workbook());
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  const picker = screen.getByTestId("month") as HTMLSelectElement;
  await waitFor(() => expect(picker.value).toBe("2026-10"));
  const labels = [...picker.querySelectorAll("option")].map((o) => o.textContent);
  expect(labels).toContain("2026年10月");
  expect(labels.join(" ")).not.toMatch(/October|Oct/);
  expect(labels[0]).toBe("自动（付款订单最多的月份）");
}, 30000);

test("a disabled Build says why", async () => {
  renderApp(workbook(false));
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  await waitFor(() => expect(screen.getByTestId("build-why").textContent).toMatch(/第 1 步还没有选择订单表/));
  const build = screen.getByRole("button", { name: "生成报表 Build" });
  expect(build.hasAttribute("disabled")).toBe(true);
  expect(build.getAttribute("aria-describedby")).toBe("build-why");
}, 30000);

test("the progress bar shows a percentage", () => {
  const t = translator("en-US");
  render(
    <FluentProvider theme={webLightTheme}>
      <BuildPanel t={t} running={true} progress={{ step: "write", sheet: "绩效看板", done: 1, total: 4 }} disabledReason={null} onBuild={() => {}} onCancel={() => {}} />
    </FluentProvider>,
  );
  expect(screen.getByTestId("progress").textContent).toMatch(/25%/);
});

test("last month's board: a Chinese button opens the file choice (no browser-language 'No file chosen'), the choice is listed with its month, and Remove drops it", () => {
  const t = translator("zh-CN");
  const chosen: string[][] = [];
  const removed: string[] = [];
  const panel = (boards: BoardRow[]) => (
    <FluentProvider theme={webLightTheme}>
      <BuildPanel t={t} running={false} progress={null} disabledReason={null} onBuild={() => {}} onCancel={() => {}} boards={boards} onBoardFiles={(fs) => chosen.push(fs.map((f) => f.name))} onBoardRemove={(f) => removed.push(f)} />
    </FluentProvider>
  );
  const { rerender } = render(panel([]));
  const input = screen.getByTestId("previous-board") as HTMLInputElement;
  expect(input.multiple).toBe(true);
  let clicked = 0;
  input.addEventListener("click", () => clicked++);
  fireEvent.click(screen.getByTestId("previous-choose"));
  expect(clicked).toBe(1);
  expect(screen.getByTestId("previous-choose").textContent).toBe("选择文件 Choose files");
  expect(screen.queryByTestId("previous-remove")).toBeNull();
  expect(screen.getByText("未选择")).toBeTruthy();
  fireEvent.change(input, { target: { files: [new File(["{}"], "看板-2026-10.json")] } });
  expect(chosen).toEqual([["看板-2026-10.json"]]);
  rerender(panel([{ file: "看板-2026-10.json", month: "2026年10月", unused: false, notes: [] }]));
  expect(screen.getByTestId("previous-item").textContent).toContain("2026年10月看板-2026-10.json");
  expect(screen.getByTestId("previous-choose").textContent).toBe("添加文件 Add files");
  fireEvent.click(screen.getByRole("button", { name: "移除 看板-2026-10.json" }));
  expect(removed).toEqual(["看板-2026-10.json"]);
});

test("a result goes when the sources it described change, with the old messages", async () => {
  const x = workbook();
  renderApp(x, "en-US");
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  await waitFor(() => expect(screen.getByRole("button", { name: "Build reports" }).hasAttribute("disabled")).toBe(false));
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Build reports" }));
  });
  await screen.findByTestId("result", {}, { timeout: 20000 });
  fireEvent.click(screen.getByRole("combobox", { name: "Kind of 花名册" }));
  fireEvent.click(await screen.findByRole("option", { name: "Ignore" }));
  await waitFor(() => expect(screen.queryByTestId("result")).toBeNull());
  expect(screen.queryByTestId("notices")).toBeNull();
}, 40000);

test("a build that fails shows an error, not a stale result", async () => {
  const x = workbook();
  let locked = false;
  const run = ((batch: Parameters<ExcelDouble["run"]>[0]) => (locked ? Promise.reject(new Error("工作簿已锁定 workbook is locked")) : x.run(batch))) as ExcelDouble["run"];
  renderApp(x, "en-US", run);
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  await waitFor(() => expect(screen.getByRole("button", { name: "Build reports" }).hasAttribute("disabled")).toBe(false));
  // The workbook refuses every request from now on: the build fails.
  locked = true;
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Build reports" }));
  });
  await waitFor(() => expect(screen.getByTestId("notices").textContent).toMatch(/workbook is locked/), { timeout: 20000 });
  expect(screen.queryByTestId("result")).toBeNull();
}, 40000);
