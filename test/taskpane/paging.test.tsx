/** @jest-environment jsdom */
/**
 * The pane with a 订单明细 over its page (paging.ts; a page of 12 rows stands for 100,000): the
 * result says what was written, in the pane's language, and "write more detail rows" adds pages
 * until the sheet is whole, its figures the engine's all along.
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { ExcelDouble, type DCell } from "../support/excelDouble";
import { ORDER_WIDTH, orderCell } from "../excel/orderSheet";
import { fillJsdomGaps } from "../support/jsdom-gaps";

beforeAll(fillJsdomGaps);

const PAGE = 12;

function workbook(): ExcelDouble {
  const x = new ExcelDouble();
  const rows: DCell[][] = [];
  for (let r = 0; r <= 40; r++) rows.push(Array.from({ length: ORDER_WIDTH }, (_v, c) => orderCell(r, c)));
  x.addTypedSheet("订单", rows);
  x.addTypedSheet("花名册", [["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"], ...Array.from({ length: 9 }, (_v, i) => [`KF0${i}`, `客服${i}`, `店:客服${i}`, "售前", "2025-01-01", 20000])]);
  return x;
}

async function build(x: ExcelDouble, lang: "zh-CN" | "en-US") {
  render(
    <FluentProvider theme={webLightTheme}>
      <App run={x.run} lang={lang} file="测试.xlsx" inExcel={false} engineFactory={(f) => new LocalEngine(f)} detailPageRows={PAGE} />
    </FluentProvider>,
  );
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  await act(async () => {
    fireEvent.click(screen.getByTestId("build"));
  });
  await screen.findByTestId("result", {}, { timeout: 20000 });
}

/** Data rows of 订单明细 as written (row 4 down to the first empty row). */
function dataRows(x: ExcelDouble): number {
  const rows = x.rows("订单明细");
  let n = 0;
  while (rows[3 + n] && rows[3 + n][0] !== null) n++;
  return n;
}

test("a 订单明细 over the page: the result says so, and write more adds pages until it is whole", async () => {
  const x = workbook();
  await build(x, "zh-CN");
  const detail = screen.getByTestId("detail-orders");
  const m = /共 (\d+) 行，已写入前 12 行/.exec(detail.textContent ?? "");
  expect(m).not.toBeNull();
  const total = Number(m![1]);
  expect(total).toBeGreaterThan(2 * PAGE);
  expect(dataRows(x)).toBe(PAGE);
  // The notice after the build, in the pane's language; the sheet's note in both.
  expect(screen.getByTestId("notices").textContent).toMatch(/“订单明细”共 \d+ 行，只写入了前 12 行/);
  expect(x.rows("订单明细")[4 + PAGE][0]).toMatch(/本表只写入了前 12 行.*Only the first 12 of/);

  const more = screen.getByTestId("write-more-orders");
  expect(more.textContent).toBe("写入更多订单明细（再写 12 行）Write more detail rows");
  await act(async () => {
    fireEvent.click(more);
  });
  await waitFor(() => expect(screen.getByTestId("detail-orders").textContent).toContain(`共 ${total} 行，已写入前 24 行`));
  expect(dataRows(x)).toBe(2 * PAGE);
  while (screen.queryByTestId("write-more-orders")) {
    await act(async () => {
      fireEvent.click(screen.getByTestId("write-more-orders"));
    });
    await waitFor(() => expect(screen.queryByText("正在写入…")).toBeNull());
  }
  await waitFor(() => expect(screen.getByTestId("detail-orders").textContent).toBe(`“订单明细”的 ${total} 行已全部写入。`));
  expect(screen.getByTestId("notices").textContent).toContain(`“订单明细”已写入前 ${total} 行，共 ${total} 行。`);
  expect(dataRows(x)).toBe(total);
  // Whole again: its 合计 is the engine's live formula.
  expect(x.rows("订单明细").flat().some((v) => typeof v === "string" && v.startsWith("=CONCATENATE(\"合计 Total："))).toBe(true);
}, 60000);

test("in English the result and the button speak English", async () => {
  await build(workbook(), "en-US");
  expect(screen.getByTestId("detail-orders").textContent).toMatch(/^"订单明细" has \d+ rows; the first 12 are written\. Every total and figure counts all \d+ rows\./);
  expect(screen.getByTestId("write-more-orders").textContent).toBe("Write more detail rows (next 12)");
}, 60000);
