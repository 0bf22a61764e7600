/** @jest-environment jsdom */
/**
 * The pane's shop choice: when the order sheets name two shops or more, a 店铺 dropdown sits
 * beside the month and its choice goes to the engine's one build as the command line's --shop.
 */
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { runBuild } from "../../src/taskpane/pipeline";
import { formatCents } from "../../src/taskpane/i18n";
import { scanSources } from "../../src/excel/read";
import { TAOBAO_ORDER_HEADERS } from "../../src/core/import";
import { ExcelDouble, type DCell } from "../support/excelDouble";
import { ORDER_WIDTH, orderCell } from "../excel/orderSheet";
import { fillJsdomGaps } from "../support/jsdom-gaps";

beforeAll(fillJsdomGaps);

const SHOP = TAOBAO_ORDER_HEADERS.indexOf("店铺名称");

/** One order export whose rows alternate between the given shops (one shop = a one-shop workbook). */
function workbook(shops: string[], shopOf = (r: number) => shops[r % shops.length]): ExcelDouble {
  const x = new ExcelDouble();
  const rows: DCell[][] = [];
  for (let r = 0; r <= 40; r++) {
    const row: DCell[] = [];
    for (let c = 0; c < ORDER_WIDTH; c++) row.push(c === SHOP && r > 0 ? shopOf(r) : orderCell(r, c));
    rows.push(row);
  }
  x.addTypedSheet("订单", rows);
  x.addTypedSheet("花名册", [
    ["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"],
    ...Array.from({ length: 9 }, (_v, i) => [`KF0${i}`, `客服${i}`, `店:客服${i}`, "售前", "2025-01-01", 20000]),
  ]);
  return x;
}

function renderApp(x: ExcelDouble) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App run={x.run} lang="zh-CN" file="测试.xlsx" inExcel={false} engineFactory={(f) => new LocalEngine(f)} />
    </FluentProvider>,
  );
}

/** Each shop's collected (yuan) as the group's build reports it (the report JSON's shops). */
async function groupShops(): Promise<Map<string, number>> {
  const x = workbook(["A店", "B店"]);
  const sources = (await scanSources(x.run)).filter((s) => s.kind).map((s) => ({ sheet: s.sheet, kind: s.kind! }));
  const r = await runBuild({ run: x.run, sources, month: "2026-10", file: "测试.xlsx", engine: new LocalEngine("测试.xlsx"), onStep: () => undefined, json: true });
  expect(x.sheetNames()).toContain("店铺汇总");
  const json = JSON.parse(r.json!) as { shopCollected: number; shops: { shop: string; collected: number }[] };
  return new Map(json.shops.map((s) => [s.shop, s.collected]));
}

test("two shops: the pane offers 全部店铺 and each shop; picking one builds that shop only", async () => {
  const per = await groupShops();
  expect([...per.keys()]).toEqual(["A店", "B店"]);
  const x = workbook(["A店", "B店"]);
  renderApp(x);
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  const select = (await screen.findByTestId("shop")) as HTMLSelectElement;
  expect([...select.options].map((o) => o.textContent)).toEqual(["全部店铺 All shops", "A店", "B店"]);
  expect(screen.getByRole("combobox", { name: "店铺 Shop" })).toBe(select);
  fireEvent.change(select, { target: { value: "B店" } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "生成报表 Build" }));
  });
  await screen.findByTestId("result", {}, { timeout: 20000 });
  const collected = screen.getByTestId("result-shop").textContent;
  expect(collected).toBe(formatCents(Math.round(per.get("B店")! * 100), "zh-CN"));
  expect(collected).not.toBe(formatCents(Math.round((per.get("A店")! + per.get("B店")!) * 100), "zh-CN"));
  // One shop's workbook: no group summary sheet (the group's build writes one).
  expect(x.sheetNames()).toContain("绩效看板");
  expect(x.sheetNames()).not.toContain("店铺汇总");
  expect(x.sheet("订单").mutations).toBe(0);
}, 40000);

test("one shop: no shop choice (the pane is as before)", async () => {
  const x = workbook(["A店"]);
  renderApp(x);
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  expect(within(screen.getByTestId("sources")).getAllByRole("row").length).toBeGreaterThan(1);
  expect(screen.queryByTestId("shop")).toBeNull();
});

test("a shop only below the scanned rows: the group's build reports it, and the choice appears", async () => {
  // The scan reads each sheet's first rows (all A店 here); the engine's build reads every row.
  const x = workbook(["A店", "B店"], (r) => (r <= 30 ? "A店" : "B店"));
  renderApp(x);
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  expect(screen.queryByTestId("shop")).toBeNull();
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "生成报表 Build" }));
  });
  await screen.findByTestId("result", {}, { timeout: 20000 });
  expect(x.sheetNames()).toContain("店铺汇总");
  const select = (await screen.findByTestId("shop")) as HTMLSelectElement;
  expect([...select.options].map((o) => o.value)).toEqual(["", "A店", "B店"]);
}, 40000);
