/**
 * @jest-environment jsdom
 *
 * The task pane never renders untrusted text as HTML: agent names, sheet names and the values
 * quoted in problems are shown as text, and no element, attribute or handler comes out of them.
 * The result and problem components are rendered directly, then the whole pane is driven through
 * scan → open rules → build on a workbook full of such text.
 */
import * as React from "react";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { ResultPanel } from "../../src/taskpane/components/ResultPanel";
import { Sources, type SourceRow } from "../../src/taskpane/components/Sources";
import { translator } from "../../src/taskpane/i18n";
import { LocalEngine } from "../../src/taskpane/engineClient";
import type { BuildResult } from "../../src/taskpane/pipeline";
import { ExcelDouble, type DCell } from "../support/excelDouble";
import { recognise } from "../../src/core/import";
import * as C from "./corpus";
import { fillJsdomGaps } from "../support/jsdom-gaps";

beforeAll(fillJsdomGaps);

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = "<script>window.__pwned=2</script>";
const SVG = '<svg onload="window.__pwned=3"><a href="javascript:alert(1)">x</a></svg>';
const IFRAME = '"><iframe srcdoc="<b>x</b>"></iframe>';
const HOSTILE = [IMG, SCRIPT, SVG, IFRAME, '=HYPERLINK("http://evil","点我")'];

/**
 * No element, inline handler or javascript: link was created from text. (Fluent draws its icons
 * as <svg>; those carry no handlers and none of the hostile text.)
 */
function expectInert(root: HTMLElement): void {
  expect(root.querySelectorAll("img, script, iframe, object, embed, a[href^='javascript']").length).toBe(0);
  for (const el of Array.from(root.querySelectorAll("*"))) {
    for (const a of Array.from(el.attributes)) {
      expect(`${el.tagName} ${a.name}`).not.toMatch(/ on[a-z]+$/);
      expect(a.name).not.toBe("srcdoc");
      // Text may sit in an aria-label; it must never be a link target.
      if (/^(href|src|action|formaction|xlink:href)$/.test(a.name)) expect(a.value).not.toMatch(/^javascript:|__pwned/i);
    }
  }
  expect((window as any).__pwned).toBeUndefined();
}

function wrap(node: React.ReactNode) {
  return render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
}

test("the result panel shows hostile agent and sheet names as text", () => {
  const t = translator("zh-CN");
  const result: BuildResult = {
    summary: {
      month: "2026-10",
      agents: 3,
      shopCollected: 123450,
      fund: 5000,
      unattributedOrders: 2,
      unattributedAmount: 1000,
      top: [
        { staffNo: "KF01", name: IMG, score: 98.5 },
        { staffNo: "KF02", name: SCRIPT, score: 90 },
        { staffNo: "KF03", name: SVG, score: 80 },
      ],
      problems: 4,
      errors: 1,
    },
    write: {
      sheets: [{ key: "performance", name: IFRAME, rows: 3, firstDataRow: 4, lastDataRow: 6, columns: 10, removed: 0, skipped: false }],
      messages: [],
    },
  };
  const opened: string[] = [];
  const { container } = wrap(<ResultPanel t={t} lang="zh-CN" result={result} onOpen={(s) => opened.push(s)} />);
  const top = screen.getByTestId("result-top").textContent!;
  for (const n of [IMG, SCRIPT, SVG]) expect(top).toContain(n);
  expect(container.textContent).toContain(IFRAME);
  expectInert(container);
  fireEvent.click(screen.getByTestId("open-performance"));
  expect(opened).toEqual([IFRAME]);
});

test("the sources list shows hostile sheet names as text, in the table and in the kind picker's label", () => {
  const t = translator("en-US");
  const rec = recognise([C.ORDER_HEADERS]);
  const sources: SourceRow[] = HOSTILE.map((sheet) => ({ info: { sheet, kind: "orders", recognition: rec, rows: 1, month: "2026-10" }, kind: "orders" }));
  const { container } = wrap(<Sources t={t} sources={sources} scanning={false} importing={false} onScan={() => {}} onKindChange={() => {}} onImportFile={() => {}} />);
  for (const h of HOSTILE) expect(container.textContent).toContain(h);
  expectInert(container);
});

function hostileWorkbook(): ExcelDouble {
  const x = new ExcelDouble();
  const orders = [
    C.ORDER_HEADERS,
    ...Array.from({ length: 6 }, (_v, i) => C.orderRow(i, { id: `28731904623315${20000 + i}` })),
    C.orderRow(7, { id: "2873190462331520007", buyer: IMG, note: SCRIPT }),
  ];
  x.addTypedSheet("订单", orders as DCell[][]);
  x.addTypedSheet("花名册", [C.ROSTER_HEADERS, ["KF01", IMG, "小店:小美", "售前", "2025-01-01", 20000], ["KF02", SCRIPT, "小店:阿强", "售前", "2025-01-01", 20000], ["KF03", SVG, "小店:丽丽", "售后", "2025-01-01", 20000]]);
  x.addTypedSheet(IFRAME.slice(0, 31).replace(/[\\/?*[\]:]/g, "_"), [C.INCIDENT_HEADERS, ["2026-10-03", "KF03", "投诉", "", "", IMG]]);
  return x;
}

test("the whole pane on a workbook of hostile text: scan, invalid rules quoting HTML, build, result", async () => {
  const x = hostileWorkbook();
  const { container } = render(
    <FluentProvider theme={webLightTheme}>
      <App run={x.run} lang="en-US" file={IMG} inExcel={false} engineFactory={(f) => new LocalEngine(f)} />
    </FluentProvider>,
  );
  await screen.findByTestId("sources", {}, { timeout: 15000 });
  expectInert(container);

  // A rules sheet whose cells hold HTML: its problems quote them in the notices.
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Open rules" }));
  });
  await screen.findByText(/Created the "规则" \(rules\) sheet/, {}, { timeout: 15000 });
  const rules = x.rows("规则");
  const grace = rules.findIndex((r) => r[1] === "shifts.graceMinutes");
  const pattern = rules.findIndex((r) => r[1] === "attribution.pattern");
  await x.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("规则");
    ws.getRange(`C${grace + 1}`).values = [[IMG]];
    ws.getRange(`C${pattern + 1}`).values = [[SCRIPT + "(["]];
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Open rules" }));
  });
  const notices = await screen.findByTestId("notices");
  await screen.findByText(new RegExp(`规则 #${grace + 1}`), {}, { timeout: 15000 });
  expect(notices.textContent).toContain(SCRIPT); // the problem quotes the cell, as text
  expectInert(container);

  // Building with those rules fails with the located problems, shown as text.
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Build reports" }));
  });
  await screen.findAllByText(/Something went wrong|错误|error/i, {}, { timeout: 20000 });
  expectInert(container);

  // Fixed rules: the build runs and the result lists the hostile names as text.
  await x.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("规则");
    ws.getRange(`C${grace + 1}`).values = [[0]];
    ws.getRange(`C${pattern + 1}`).values = [[""]];
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Build reports" }));
  });
  const result = await screen.findByTestId("result", {}, { timeout: 20000 });
  const top = screen.getByTestId("result-top").textContent!;
  expect([IMG, SCRIPT, SVG].some((n) => top.includes(n))).toBe(true);
  expect(result.textContent).not.toBe("");
  expect(notices.textContent!.length).toBeGreaterThan(0);
  expectInert(container);
}, 60000);
