/** @jest-environment jsdom */
/**
 * The pane tells the manager what happened behind the scenes: text cut to Excel's cell limit
 * (how many cells, which sheets), a build or import that ran in-page because worker.js could not
 * start, and an imported CSV parsed in the worker.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { TAOBAO_ORDER_HEADERS } from "../../src/core/import";
import { App } from "../../src/taskpane/App";
import { createEngine, LocalEngine } from "../../src/taskpane/engineClient";
import { importFileSheets } from "../../src/taskpane/fileImport";
import { WorkerLauncher } from "../../src/taskpane/workerLauncher";
import { ExcelDouble, type DCell } from "../support/excelDouble";
import { ORDER_WIDTH, orderCell } from "../excel/orderSheet";
import { asWorker, InProcessWorker, MissingWorker } from "./workers";
import { fillJsdomGaps } from "../support/jsdom-gaps";

beforeAll(fillJsdomGaps);

const NOTE = TAOBAO_ORDER_HEADERS.indexOf("订单备注");

/** 20 orders; `longNotes` of them carry a 40,000-character note with no agent code. */
function workbook(longNotes = 0): ExcelDouble {
  const x = new ExcelDouble();
  const rows: DCell[][] = [];
  for (let r = 0; r <= 20; r++) {
    const row: DCell[] = [];
    for (let c = 0; c < ORDER_WIDTH; c++) row.push(r >= 1 && r <= longNotes && c === NOTE ? "加急定制".repeat(10_000) : orderCell(r, c));
    rows.push(row);
  }
  x.addTypedSheet("订单", rows);
  return x;
}

function renderApp(x: ExcelDouble, props: Partial<React.ComponentProps<typeof App>> = {}, lang: "zh-CN" | "en-US" = "en-US") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App run={x.run} lang={lang} file="测试.xlsx" inExcel={false} engineFactory={(f) => new LocalEngine(f)} {...props} />
    </FluentProvider>,
  );
}

async function build() {
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: /Build reports|生成报表/ }));
  });
  return screen.findByTestId("result", {}, { timeout: 20000 });
}

test("notes longer than a cell: the result says how many cells were cut and on which sheets", async () => {
  renderApp(workbook(2));
  const result = await build();
  const cut = within(result).getByTestId("result-truncated").textContent!;
  expect(cut).toMatch(/^\d+ cells held more than Excel's 32,767 characters and were cut, marked "…\[截断 truncated\]"/);
  const total = Number(cut.match(/^(\d+)/)![1]);
  const perSheet = [...cut.matchAll(/([^:,]+): (\d+)/g)].map((m) => [m[1].replace(/^.*\): /, "").trim(), Number(m[2])]);
  expect(perSheet.length).toBeGreaterThan(0);
  expect(perSheet.reduce((n, [, c]) => n + (c as number), 0)).toBe(total);
  // Each sheet holding the notes holds both of them.
  for (const [, c] of perSheet) expect(c).toBe(2);
  expect(cut).toContain("未归属订单");
}, 40000);

test("the same line in Chinese", async () => {
  renderApp(workbook(1), {}, "zh-CN");
  const result = await build();
  expect(within(result).getByTestId("result-truncated").textContent).toMatch(/^\d+ 个单元格超过 Excel 上限 32,767 个字符，已截断并在末尾标「…\[截断 truncated\]」：.*未归属订单 1 个/);
}, 40000);

test("no cut text, no line about it", async () => {
  renderApp(workbook(0));
  const result = await build();
  expect(within(result).queryByTestId("result-truncated")).toBeNull();
}, 40000);

test("worker.js missing: the build still completes in-page and the pane says so, once", async () => {
  const launcher = new WorkerLauncher(() => asWorker(new MissingWorker()));
  const x = workbook();
  renderApp(x, { engineFactory: (f, e) => createEngine(f, e, launcher) });
  await build();
  expect(screen.getByTestId("result-agents").textContent).toBe("0");
  expect(x.sheetNames()).toEqual(expect.arrayContaining(["绩效看板", "罚款台账"]));
  const notices = screen.getByTestId("notices");
  expect(notices.textContent).toMatch(/The background worker \(worker\.js\) could not start, so this runs in the pane itself and may be slower\. Reason: .*404/);
  // A second build: no second notice.
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Build reports" }));
  });
  await waitFor(() => expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull(), { timeout: 20000 });
  expect(notices.textContent!.match(/could not start/g)).toHaveLength(1);
}, 40000);

function csvFile(text: string, name: string): File {
  const bytes = new TextEncoder().encode(text);
  const f = new File([bytes], name, { type: "text/csv" });
  // jsdom's File may lack arrayBuffer(); the browser's has it.
  if (typeof (f as any).arrayBuffer !== "function") (f as any).arrayBuffer = async () => bytes.slice().buffer;
  return f;
}

test.each([
  ["in the worker", () => asWorker(new InProcessWorker()), false],
  ["in-page when worker.js is missing", () => asWorker(new MissingWorker()), true],
])("import a CSV %s: a new sheet, and the pane says where it ran only when it fell back", async (_n, make, fellBack) => {
  const launcher = new WorkerLauncher(make);
  const x = workbook();
  renderApp(x, { readFile: (n, b, e) => importFileSheets(n, b, e, launcher) });
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  const text = "工号,姓名,旺旺子账号,岗位,入职日期,月度目标\r\nKF01,小美,店:小美,售前,2025-01-01,20000\r\nKF02,阿强,店:阿强,售前,2025-01-01,20000\r\nKF03,\"断";
  await act(async () => {
    fireEvent.change(screen.getByTestId("import-input"), { target: { files: [csvFile(text, "花名册.csv")] } });
  });
  const notices = await screen.findByTestId("notices", {}, { timeout: 15000 });
  await waitFor(() => expect(notices.textContent).toMatch(/Imported as the new sheet "花名册" \(recognised as a roster, 2 rows\)/), { timeout: 15000 });
  // The cut-off last line is named, not silently dropped.
  expect(notices.textContent).toMatch(/花名册\.csv was imported, with problems/);
  expect(notices.textContent).toMatch(/#4: the last row is incomplete/);
  expect(/could not start/.test(notices.textContent!)).toBe(fellBack);
  expect(x.rows("花名册").slice(0, 3)).toEqual([
    ["工号", "姓名", "旺旺子账号", "岗位", "入职日期", "月度目标"],
    ["KF01", "小美", "店:小美", "售前", expect.anything(), 20000],
    ["KF02", "阿强", "店:阿强", "售前", expect.anything(), 20000],
  ]);
}, 40000);
