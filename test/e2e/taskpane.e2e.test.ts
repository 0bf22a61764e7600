/**
 * The built task pane in Debian's headless Chromium (playwright-core, no downloaded browser),
 * with an in-page Excel double holding the sample exports: import the order CSV through the pane,
 * scan, build, and check the written sheets against the engine run on the same files in Node.
 * Screenshots of each step go to test-output/screenshots/.
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { buildMonth } from "../../src/core/engine";
import { mergeImports } from "../../src/core/import";
import type { ImportResult } from "../../src/core/import/types";
import { defaultRules } from "../../src/core/rules/defaults";
import { buildWorkbookSpec } from "../../src/core/sheets";
import type { SheetSpec } from "../../src/core/sheets/types";
import { readSourceFile, readWorkbookRows } from "../../src/xlsx/read";
import { formatCents } from "../../src/taskpane/i18n";

const ROOT = path.resolve(__dirname, "../..");
const DIST = process.env.KEFU_E2E_DIST ?? path.join(ROOT, "dist");
const SAMPLES = path.join(ROOT, "samples");
const SHOTS = path.join(ROOT, "test-output", "screenshots");
const CHROMIUM = "/usr/bin/chromium";
const MONTH = "2026-10";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".xml": "application/xml",
};

function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent((req.url ?? "/").split("?")[0]).replace(/^\/+/, "") || "taskpane.html";
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

/** The double, transpiled on its own (it has no imports) and exposed as window.__KefuExcelDouble. */
function doubleScript(): string {
  const src = fs.readFileSync(path.join(ROOT, "test/support/excelDouble.ts"), "utf8");
  const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  return `(function(){var exports={};var module={exports:exports};${js}\nwindow.__KefuExcelDouble=exports;})();`;
}

type Plain = string | number | boolean | null;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** The xlsx samples as the workbook would hold them (dates as serial numbers). */
async function sampleSheets(): Promise<{ name: string; rows: Plain[][] }[]> {
  const out: { name: string; rows: Plain[][] }[] = [];
  for (const f of fs.readdirSync(SAMPLES).filter((f) => f.endsWith(".xlsx")).sort()) {
    const sheets = await readWorkbookRows(path.join(SAMPLES, f));
    for (const s of sheets) {
      const rows = s.rows.map((r) => r.map((v): Plain => (v instanceof Date ? (v.getTime() - EXCEL_EPOCH) / 86400000 : v)));
      const base = f.replace(/\.xlsx$/, "");
      out.push({ name: (sheets.length > 1 ? `${base}-${s.sheet}` : base).slice(0, 31), rows });
    }
  }
  return out;
}

async function engineSpec(): Promise<{ sheets: SheetSpec[]; shopCollected: number; fund: number; noTracking: number }> {
  const results: ImportResult[] = [];
  for (const f of fs.readdirSync(SAMPLES).sort()) results.push(...(await readSourceFile(path.join(SAMPLES, f))));
  const { data, problems } = mergeImports(results);
  const report = buildMonth(data, defaultRules(), { month: MONTH, importProblems: problems });
  return { sheets: buildWorkbookSpec(report).sheets, shopCollected: report.shopCollected, fund: report.fund, noTracking: report.selfAudit!.noTrackingCount };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe("task pane in headless Chromium", () => {
  let server: { url: string; close(): Promise<void> };
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    // Missing prerequisites fail the run (a skipped UI test would hide a broken pane).
    if (!fs.existsSync(path.join(DIST, "taskpane.html"))) throw new Error(`no ${DIST}/taskpane.html: run "npx webpack --mode production" first (scripts/test.sh does)`);
    if (!fs.existsSync(CHROMIUM)) throw new Error(`no ${CHROMIUM}: run "npm run setup:browser"`);
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await serve(DIST);
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      locale: "zh-CN",
      viewport: { width: 420, height: 900 },
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    await context.addInitScript({ content: doubleScript() });
    await context.addInitScript((sheets: { name: string; rows: Plain[][] }[]) => {
      const w = window as unknown as Record<string, any>;
      const d = new w.__KefuExcelDouble.ExcelDouble();
      // Payload sizes are the adapter tests' business (200k rows); here Excel's side of a request
      // should cost the page as little as it would in Excel, which works in its own process.
      d.data.meterPayload = false;
      for (const s of sheets) d.addTypedSheet(s.name, s.rows);
      w.__kefuDouble = d;
      w.Excel = { run: d.run };
      w.__longTasks = [];
      // The progress text over time, to tell which step a long task belongs to.
      w.__steps = [];
      new MutationObserver(() => {
        const el = document.querySelector("[data-testid=progress]");
        const text = el ? el.textContent : "";
        const last = w.__steps[w.__steps.length - 1];
        if (text && (!last || last.text !== text)) w.__steps.push({ at: performance.now(), text });
      }).observe(document, { subtree: true, childList: true, characterData: true });
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: "longtask", buffered: true });
      } catch {
        // longtask timing unsupported: the assertion below then sees no entries.
      }
    }, await sampleSheets());
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
  }, 60000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  test("sources → import → build → result, sheets equal to the engine's, main thread never blocked 200 ms", async () => {
    await page.goto(server.url + "taskpane.html");
    await page.getByTestId("sources").waitFor({ timeout: 30000 });
    await expect(page.getByRole("heading", { name: "1. 数据来源 Sources" }).isVisible()).resolves.toBe(true);
    await shot(page, "1-sources");

    // Import the GBK order CSV through the pane: a new sheet with ids as text and dates as dates.
    const csv = fs.readdirSync(SAMPLES).find((f) => f.endsWith(".csv"))!;
    await page.getByTestId("import-input").setInputFiles(path.join(SAMPLES, csv));
    await page.getByText(/已导入为新工作表/).waitFor({ timeout: 60000 });
    await page.getByText(csv.replace(/\.csv$/, ""), { exact: true }).waitFor();
    await shot(page, "2-imported");
    const imported = await page.evaluate((name) => {
      const d = (window as any).__kefuDouble;
      const s = d.sheet(name);
      return { id: s.value(1, 0), idFormat: s.format(1, 0), paidAt: s.value(1, 21), paidAtFormat: s.format(1, 21) };
    }, csv.replace(/\.csv$/, ""));
    expect(imported.id).toMatch(/^\d{16,19}$/);
    expect(imported.idFormat).toBe("@");

    await page.getByTestId("scan").click();
    await page.getByText("订单报表-2026-10", { exact: true }).waitFor();
    const kinds = await page.getByTestId("sources").locator("tbody tr").allInnerTexts();
    expect(kinds.join("\n")).toMatch(/订单/);
    const sourceSnapshots = await page.evaluate(() => {
      const d = (window as any).__kefuDouble;
      return d.sheetNames().map((n: string) => d.sheet(n).snapshot());
    });

    await page.evaluate(() => ((window as any).__longTasks = []));
    const t0 = Date.now();
    // From the keyboard: the build control is a real, focusable button.
    await page.getByTestId("build").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("progress").waitFor({ timeout: 10000 }).catch(() => undefined);
    await shot(page, "3-building");
    await page.getByTestId("result").waitFor({ timeout: 120000 });
    const buildMs = Date.now() - t0;
    await shot(page, "4-result");

    const expected = await engineSpec();
    // The summary shows the engine's shop total and fund.
    await expect(page.getByTestId("result-shop").innerText()).resolves.toBe(formatCents(expected.shopCollected, "zh-CN"));
    await expect(page.getByTestId("result-fund").innerText()).resolves.toBe(formatCents(expected.fund, "zh-CN"));
    // The clerk's self-audit: the sample's parcels sent without a number.
    expect(expected.noTracking).toBeGreaterThan(0);
    await expect(page.getByTestId("result-selfAudit").innerText()).resolves.toBe(`已发货无物流单号 ${expected.noTracking} 单`);

    const written = await page.evaluate(() => {
      const d = (window as any).__kefuDouble;
      const out: Record<string, unknown[][]> = {};
      for (const n of d.sheetNames()) out[n] = d.rows(n);
      return out;
    });
    for (const name of ["绩效看板", "罚款台账", "每日对账", "提成表", "未归属订单", "订单明细", "规则", "问题"]) expect(Object.keys(written)).toContain(name);
    // Every plain number and formula on the four reports equals the engine's spec.
    for (const key of ["performance", "penalties", "reconciliation", "commission"]) {
      const spec = expected.sheets.find((s) => s.key === key)!;
      const rows = written[spec.name];
      expect(rows.length).toBeGreaterThanOrEqual(3 + spec.rows.length);
      spec.rows.forEach((r, i) =>
        r.forEach((cell, c) => {
          const got = rows[3 + i][c];
          if (typeof cell === "number") expect([key, i, c, got]).toEqual([key, i, c, cell]);
          else if (cell && typeof cell === "object" && "f" in cell) expect([key, i, c, got]).toEqual([key, i, c, "=" + cell.f]);
        }),
      );
    }
    // Sources untouched by the build.
    const after = await page.evaluate(() => {
      const d = (window as any).__kefuDouble;
      return d.sheetNames().map((n: string) => d.sheet(n).snapshot());
    });
    for (const snap of sourceSnapshots) expect(after).toContain(snap);

    const longest = await page.evaluate(() => Math.max(0, ...(window as any).__longTasks.map((t: { duration: number }) => t.duration)));
    const timeline = await page.evaluate(() => {
      const w = window as any;
      return [...w.__steps.map((x: { at: number; text: string }) => `${x.at.toFixed(0)} step ${x.text}`), ...w.__longTasks.map((t: { start: number; duration: number }) => `${t.start.toFixed(0)} long ${t.duration.toFixed(0)} ms`)].sort(
        (a: string, b: string) => parseFloat(a) - parseFloat(b),
      );
    });
    console.log(`e2e build: ${buildMs} ms; longest main-thread task during build ${longest} ms\n${timeline.join("\n")}`);
    expect(longest).toBeLessThan(200);

    // A result link selects the board's data.
    await page.getByTestId("open-performance").click();
    await page.waitForFunction(() => (window as any).__kefuDouble.data.selection !== null);
    const selection = await page.evaluate(() => (window as any).__kefuDouble.data.selection);
    expect(selection).toMatch(/^'绩效看板'!A3:[A-Z]+\d+$/);

    // The build wrote 规则 from the defaults; "open rules" validates it.
    await page.getByTestId("open-rules").click();
    await page.getByText("“规则”工作表有效。").waitFor({ timeout: 20000 });
    await shot(page, "5-rules");

    // An xlsx through the pane (ExcelJS's browser build): added as a new sheet, recognised.
    const xlsx = fs.readdirSync(SAMPLES).find((f) => f.startsWith("花名册") && f.endsWith(".xlsx"))!;
    await page.getByTestId("import-input").setInputFiles(path.join(SAMPLES, xlsx));
    await page.getByText(/已导入为新工作表“花名册 \(2\)”/).waitFor({ timeout: 60000 });
    const roster = await page.evaluate(() => (window as any).__kefuDouble.rows("花名册 (2)"));
    expect(roster[0]).toEqual(written["花名册"][0]);
    await shot(page, "6-xlsx-imported");
    expect(consoleErrors).toEqual([]);
  }, 240000);

  test("an export nobody recognises leads to the mapping step; saved to 规则, it is read as orders", async () => {
    await page.goto(server.url + "taskpane.html");
    await page.getByTestId("sources").waitFor({ timeout: 30000 });
    // A shop's own ERP: headers no alias knows (单号, 实收款, 支付日期, 客服留言).
    const file = path.join(profile, "自家ERP.csv");
    const lines = ["单号,实收款,支付日期,客服留言,交易状态", ...Array.from({ length: 6 }, (_v, i) => `="287319046233152${String(3460 + i)}",${100 + i},2026-10-0${i + 1} 10:00:00,KF0${(i % 3) + 1} 加急,交易成功`)];
    fs.writeFileSync(file, lines.join("\r\n") + "\r\n");
    await page.getByTestId("import-input").setInputFiles(file);
    await page.getByText(/已导入为新工作表“自家ERP”，但未识别出表头/).waitFor({ timeout: 60000 });
    const step = page.getByTestId("mapping-自家ERP");
    await step.waitFor({ timeout: 20000 });
    const picked = await Promise.all(["id", "paid", "paidAt", "status", "note"].map((f) => step.getByTestId(`mapping-field-${f}`).innerText()));
    expect(picked).toEqual(["单号", "实收款", "支付日期", "交易状态", "客服留言"]);
    await shot(page, "7-mapping");
    await step.getByTestId("mapping-save").click();
    await page.getByText(/已在“规则”工作表【列名】中加入 4 行/).waitFor({ timeout: 20000 });
    await page.getByTestId("mapping").waitFor({ state: "detached", timeout: 20000 });
    const row = await page.getByTestId("sources").locator("tbody tr", { hasText: "自家ERP" }).innerText();
    expect(row).toMatch(/订单/);
    const rules = await page.evaluate(() => (window as any).__kefuDouble.rows("规则") as unknown[][]);
    expect(rules.filter((r) => r[1] === "column").map((r) => r.slice(2, 5))).toEqual([
      ["订单", "订单编号", "单号"],
      ["订单", "实付金额", "实收款"],
      ["订单", "付款时间", "支付日期"],
      ["订单", "订单备注", "客服留言"],
    ]);
    await shot(page, "8-mapped");
    expect(consoleErrors).toEqual([]);
  }, 120000);

  test("an error state: a damaged file is refused with a located, bilingual message; no result is shown", async () => {
    await page.goto(server.url + "taskpane.html");
    await page.getByTestId("sources").waitFor({ timeout: 30000 });
    // Bytes that claim to be a workbook and are not one.
    const file = path.join(profile, "损坏的订单.xlsx");
    fs.writeFileSync(file, Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(600, 0x41)]));
    await page.getByTestId("import-input").setInputFiles(file);
    const notices = page.getByTestId("notices");
    await notices.getByText(/损坏的订单\.xlsx|出错了/).first().waitFor({ timeout: 60000 });
    const text = await notices.innerText();
    expect(text).toMatch(/损坏的订单\.xlsx/);
    expect(await page.getByTestId("result").count()).toBe(0);
    await shot(page, "9-error");
    expect(consoleErrors.filter((e) => !/损坏|damaged|zip/i.test(e))).toEqual([]);
  }, 120000);

  test("earlier boards: several chosen at once and added later, each listed with its month and what is wrong, readable at the pane's width; the build claws back with the ones kept", async () => {
    // An Office task pane is about 350 px wide.
    await page.setViewportSize({ width: 350, height: 900 });
    try {
      await page.goto(server.url + "taskpane.html");
      await page.getByTestId("sources").waitFor({ timeout: 30000 });
      const csv = fs.readdirSync(SAMPLES).find((f) => f.endsWith(".csv"))!;
      await page.getByTestId("import-input").setInputFiles(path.join(SAMPLES, csv));
      await page.getByText(/已导入为新工作表/).waitFor({ timeout: 60000 });
      await expect(page.getByTestId("month").inputValue()).resolves.toBe(MONTH);

      // September's board credits the sample's closed order (交易关闭 in October's export) to KF07.
      const CLOSED = "2873469695940138716";
      const write = (name: string, month: string, credited: unknown[] = []) => {
        const f = path.join(profile, name);
        fs.writeFileSync(f, JSON.stringify({ month, credited }));
        return f;
      };
      const sep = write("看板-2026-09.json", "2026-09", [{ orderId: CLOSED, agent: "KF07", paid: 25000, shipping: 0, refund: 0, collected: 25000 }]);
      const aug = write("看板-2026-08.json", "2026-08");
      await page.getByTestId("previous-board").setInputFiles([sep, aug]);
      const list = page.getByTestId("previous-list");
      await list.getByTestId("previous-item").nth(1).waitFor({ timeout: 20000 });
      await expect(page.getByTestId("previous-choose").innerText()).resolves.toBe("添加文件 Add files");
      // Added later: September again under a long name, and October's own board.
      const again = write("看板-2026-09-重新导出-最终版-客服部张主管.json", "2026-09");
      const oct = write("看板-2026-10.json", "2026-10");
      await page.getByTestId("previous-board").setInputFiles([again, oct]);
      await list.getByTestId("previous-item").nth(3).waitFor({ timeout: 20000 });
      const lines = await list.getByTestId("previous-item").allInnerTexts();
      await expect(list.getByTestId("previous-month").allInnerTexts()).resolves.toEqual(["2026年9月", "2026年8月", "2026年9月", "2026年10月"]);
      await expect(list.getByTestId("previous-file").allInnerTexts()).resolves.toEqual(["看板-2026-09.json", "看板-2026-08.json", "看板-2026-09-重新导出-最终版-客服部张主管.json", "看板-2026-10.json"]);
      await expect(list.getByTestId("previous-unused").allInnerTexts()).resolves.toEqual([" · 未使用", " · 未使用", " · 未使用"]);
      // October reads only September's board: August's is named as not used (the wrong file?).
      expect(lines[1]).toMatch(/看板 看板-2026-08\.json 是 2026-08 的：生成 2026-10 用不到它/);
      expect(lines[2]).toMatch(/都是 2026-09 的：只用先给出的 看板-2026-09\.json/);
      expect(lines[3]).toMatch(/看板 看板-2026-10\.json 是 2026-10 的，不早于正在生成的 2026-10：未使用/);
      // Readable at 350 px: nothing wider than the page, each Remove button inside it.
      const widths = await page.evaluate(() => ({ page: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth, removes: [...document.querySelectorAll("[data-testid=previous-remove]")].map((b) => b.getBoundingClientRect().right) }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.page);
      for (const right of widths.removes) expect(right).toBeLessThanOrEqual(widths.page);
      await list.scrollIntoViewIfNeeded();
      await shot(page, "12-previous-boards");
      // The build step alone, for docs/taskpane.md.
      await page.locator("section[aria-labelledby=build-title]").screenshot({ path: path.join(SHOTS, "12-previous-boards-step.png") });

      await page.getByRole("button", { name: "移除 看板-2026-09-重新导出-最终版-客服部张主管.json" }).click();
      await page.getByRole("button", { name: "移除 看板-2026-10.json" }).click();
      await page.getByRole("button", { name: "移除 看板-2026-08.json" }).click();
      await expect(list.getByTestId("previous-item").count()).resolves.toBe(1);
      await expect(list.getByTestId("previous-note").count()).resolves.toBe(0);

      await page.getByTestId("build").click();
      await page.getByTestId("result").waitFor({ timeout: 120000 });
      const commission = await page.evaluate(() => (window as any).__kefuDouble.rows("提成表") as unknown[][]);
      const clawback = commission[2].findIndex((h) => typeof h === "string" && h.startsWith("追回"));
      const kf07 = commission.find((r) => r[1] === "KF07")!;
      // September's 25,000 → 0: at least its 1% commission (250) comes back.
      expect(kf07[clawback]).toBeLessThanOrEqual(-250);
      const problems = await page.evaluate(() => ((window as any).__kefuDouble.rows("问题") as unknown[][]).flat().join(" "));
      expect(problems).not.toMatch(/previous\.month/);
      expect(consoleErrors.filter((e) => !/损坏|damaged|zip/i.test(e))).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 420, height: 900 });
    }
  }, 240000);

  // Last: the page-size option stays on this page for every later navigation.
  test("a 订单明细 over its page (300 rows standing for 100,000): the first page, the pane says so, write more adds the next", async () => {
    const PAGE = 300;
    await page.addInitScript((n: number) => ((window as unknown as Record<string, unknown>).KefuBoardOptions = { detailPageRows: n }), PAGE);
    await page.goto(server.url + "taskpane.html");
    await page.getByTestId("sources").waitFor({ timeout: 30000 });
    const csv = fs.readdirSync(SAMPLES).find((f) => f.endsWith(".csv"))!;
    await page.getByTestId("import-input").setInputFiles(path.join(SAMPLES, csv));
    await page.getByText(/已导入为新工作表/).waitFor({ timeout: 60000 });
    await page.getByTestId("scan").click();
    await page.getByText("订单报表-2026-10", { exact: true }).waitFor();
    await page.getByTestId("build").click();
    await page.getByTestId("result").waitFor({ timeout: 120000 });

    const expected = await engineSpec();
    const total = expected.sheets.find((s) => s.key === "orders")!.rows.length;
    expect(total).toBeGreaterThan(2 * PAGE);
    const n = (x: number) => x.toLocaleString("zh-CN");
    const detail = page.getByTestId("detail-orders");
    await expect(detail.innerText()).resolves.toContain(`“订单明细”共 ${n(total)} 行，已写入前 ${n(PAGE)} 行；各表的合计和数字按全部 ${n(total)} 行计算。`);
    await expect(page.getByTestId("notices").innerText()).resolves.toMatch(new RegExp(`“订单明细”共 ${total.toLocaleString("en-US")} 行，只写入了前 ${PAGE} 行`));
    // The summary's figures are the engine's, whatever was written.
    await expect(page.getByTestId("result-shop").innerText()).resolves.toBe(formatCents(expected.shopCollected, "zh-CN"));
    const dataRows = () =>
      page.evaluate(() => {
        const rows = (window as any).__kefuDouble.rows("订单明细") as unknown[][];
        let k = 0;
        while (rows[3 + k] && rows[3 + k][0] !== null) k++;
        return { data: k, note: rows[4 + k]?.[0] };
      });
    const first = await dataRows();
    expect(first.data).toBe(PAGE);
    expect(first.note).toMatch(/^本表只写入了前 300 行，共 [\d,]+ 行.* \/ Only the first 300 of/);
    await page.getByTestId("detail-orders").scrollIntoViewIfNeeded();
    await shot(page, "10-detail-paged");

    await page.getByTestId("write-more-orders").click();
    await detail.getByText(`已写入前 ${n(2 * PAGE)} 行`, { exact: false }).waitFor({ timeout: 60000 });
    expect((await dataRows()).data).toBe(2 * PAGE);
    await page.getByTestId("detail-orders").scrollIntoViewIfNeeded();
    await shot(page, "11-detail-more");
    // (The damaged file of the test before logs its own error.)
    expect(consoleErrors.filter((e) => !/损坏|damaged|zip/i.test(e))).toEqual([]);
  }, 240000);
});
