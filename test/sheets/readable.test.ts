/**
 * Sheets that read without a touch (tidy.ts and the builders): widths from content with Chinese
 * counting double, headers that fit their row, long text wrapped, money to the cent, rule names
 * not keys, the KPI's parts and cap under the board, counts under their own column.
 */
import { buildWorkbookSpec } from "../../src/core/sheets";
import { textWidth, tidySheet } from "../../src/core/sheets/tidy";
import type { SheetSpec, SpecCell } from "../../src/core/sheets/types";
import { handReport } from "./hand-report";

const spec = buildWorkbookSpec(handReport());
const sheet = (key: string) => spec.sheets.find((s) => s.key === key)!;
const text = (c: SpecCell): string => (c === null ? "" : typeof c === "object" ? ("text" in c ? c.text : "f" in c ? String(c.v) : c.date) : String(c));

test("a Chinese character counts double", () => {
  expect(textWidth("KF01")).toBe(4);
  expect(textWidth("小店旗舰店:小美")).toBe(15);
  expect(textWidth("（")).toBe(2);
});

test("every text column is as wide as its content, or wraps it; headers fit their row", () => {
  for (const s of spec.sheets) {
    s.columns.forEach((c, j) => {
      if (c.format !== "text") return;
      const widest = Math.max(0, ...s.rows.slice(0, 500).map((r) => textWidth(text(r[j] ?? null))));
      if (!c.wrap) expect({ sheet: s.name, column: c.header, fits: widest <= c.width }).toEqual({ sheet: s.name, column: c.header, fits: true });
      // Each header word fits the column's width (it wraps between words, never inside one).
      for (const w of c.header.split(/\s+/)) expect({ sheet: s.name, word: w, fits: textWidth(w) <= c.width }).toEqual({ sheet: s.name, word: w, fits: true });
    });
    expect(s.headerHeight).toBeGreaterThanOrEqual(18);
  }
  // The board's headers wrap (平均响应(秒) Response (s)): two lines at least, none clipped.
  expect(sheet("performance").headerHeight).toBeGreaterThanOrEqual(33);
  const nick = sheet("performance").columns.find((c) => c.key === "nick")!;
  expect(nick.width).toBeGreaterThanOrEqual(textWidth("小店旗舰店:小美") + 1);
});

test("the header row is as tall as its longest wrapped header", () => {
  const s: SheetSpec = {
    key: "t", name: "t", nameEn: "t", title: "t", subtitle: "t", tabColor: "#000000", blocks: [], freeze: { rows: 0, columns: 0 }, autoFilter: false,
    columns: [{ key: "a", header: "询单转化率得分 Conversion score", format: "number", width: 10 }],
    rows: [[1]],
  };
  tidySheet(s);
  // Half the header (16) and two characters of room for the bold font: "Conversion score" goes
  // on a second line.
  expect(s.columns[0].width).toBe(18);
  expect(s.headerHeight).toBe(33);
});

test("money is written to the cent: no float noise in values or formula results", () => {
  const s: SheetSpec = {
    key: "t", name: "t", nameEn: "t", title: "t", subtitle: "t", tabColor: "#000000", freeze: { rows: 0, columns: 0 }, autoFilter: false,
    columns: [{ key: "m", header: "金额 Amount", format: "money", width: 10 }, { key: "n", header: "数 N", format: "number", width: 10 }],
    rows: [[99.5000000000001, 0.1 + 0.2], [{ f: "A4*1", v: 0.30000000000000004 }, null]],
    blocks: [{ rows: [[{ f: "SUM(A4:A5)", v: 99.80000000000001 }, null]], style: "total" }],
  };
  tidySheet(s);
  expect(s.rows[0]).toEqual([99.5, 0.1 + 0.2]); // only money columns are rounded
  expect(s.rows[1][0]).toEqual({ f: "A4*1", v: 0.3 });
  expect(s.blocks[0].rows[0][0]).toEqual({ f: "SUM(A4:A5)", v: 99.8 });
});

test("the ledger names rules in Chinese (the key stays in the JSON)", () => {
  const pen = sheet("penalties");
  expect(pen.columns.map((c) => c.key)).not.toContain("rule");
  const rule = pen.columns.findIndex((c) => c.key === "ruleLabel");
  for (const r of pen.rows) expect(text(r[rule])).toMatch(/[\u4e00-\u9fff]/);
  for (const r of pen.rows) for (const c of r) expect(["early", "late", "complaint", "absent"]).not.toContain(text(c));
});

test("under the board: the KPI's parts, weights and targets, and the cap that makes 108.46 possible", () => {
  const notes = sheet("performance").blocks[1];
  expect(notes.title).toMatch(/KPI/);
  const lines = notes.rows.map((r) => text(r[0]));
  expect(lines[0]).toMatch(/满分 120/);
  expect(lines.slice(1)).toHaveLength(handReport().rules.kpi.length);
  expect(lines.find((l) => l.startsWith("回款"))).toMatch(/权重 weight 40.*目标 target ¥50,000.*上限 cap 120% → 最多 48 分/);
  expect(lines.find((l) => l.startsWith("退款率"))).toMatch(/越低越好，为 0 得上限/);
});

test("counts and days read as whole numbers; 订单明细's count sits under the order ids", () => {
  const perf = sheet("performance");
  expect(perf.columns.find((c) => c.key === "absenceDays")!.format).toBe("general");
  const orders = sheet("orders");
  const total = orders.blocks[0].rows[0];
  expect(total[0]).toMatchObject({ v: `合计 Total：${orders.rows.length} 单 orders` });
  expect(total[1]).toBeNull(); // nothing in the 工号 column
});

test("a very wide sheet's long text columns give way (wrapping) so one page wide stays readable", () => {
  const long = "回款 129,707.44 达到 2.8% 档，全额 129,707.44 × 2.8% = 3,631.81";
  const s: SheetSpec = {
    key: "t", name: "t", nameEn: "t", title: "t", subtitle: "t", tabColor: "#000000", blocks: [], freeze: { rows: 0, columns: 0 }, autoFilter: false, idColumn: 0,
    columns: [
      { key: "id", header: "编号 Id", format: "text", width: 10 },
      ...Array.from({ length: 12 }, (_v, i) => ({ key: `why${i}`, header: `原因 Why ${i}`, format: "text" as const, width: 10 })),
      { key: "remark", header: "备注 Remark", format: "text" as const, width: 10, manager: true },
    ],
    rows: [["C-2026-10-KF01", ...Array.from({ length: 12 }, () => long), ""]],
  };
  tidySheet(s);
  const total = s.columns.reduce((a, c) => a + c.width, 0);
  expect(total).toBeLessThanOrEqual(400);
  expect(s.columns[0].width).toBeGreaterThanOrEqual(textWidth("C-2026-10-KF01")); // the id never wraps
  for (const c of s.columns.slice(1, 13)) expect(c).toMatchObject({ wrap: true });
  for (const c of s.columns.slice(1, 13)) expect(c.width).toBeGreaterThanOrEqual(14);
});

test("订单明细's block of clawed-back orders: its reason, in the last column, fits that column (not run off the printed page)", () => {
  const r = handReport();
  const why = "退款成功 12,345.67（退款明细-2026-11!6、退款明细-2026-11!7）";
  r.commission[0] = { ...r.commission[0], clawbackOrders: [{ orderId: "2873000000000000009", before: 1234567, after: 0, why }] };
  const s = buildWorkbookSpec(r).sheets.find((x) => x.key === "orders")!;
  const last = s.columns[s.columns.length - 1];
  expect(s.blocks.some((b) => b.rows.some((row) => row[row.length - 1] === why))).toBe(true);
  expect(last.wrap ? true : textWidth(why) <= last.width).toBe(true);
});

test("提成表's reasons, past its print area, keep their content width: only the printed columns are fitted to the page", () => {
  // Reasons as long as a real month's (回款 129,707.44 达到 2.8% 档 …): together with the figures
  // they are wider than a page, which the reasons need not fit — the pay slip prints them.
  const r = handReport();
  const long = (item: string, zh: string) => ({ item, zh, en: zh });
  r.commission = r.commission.map((c) => ({
    ...c,
    reasons: [
      long("base", "底薪 1,600.00 × 出勤 26 ÷ 满勤 27 天 = 1,540.74"),
      long("performanceBonus", "回款 129,707.44 ≥ 目标 80,000.00 × 50% = 40,000.00"),
      long("commission", "回款 129,707.44 达到 2.8% 档，全额 129,707.44 × 2.8%"),
      long("executionBonus", "10-05 迟到、10-09 投诉、10-26 迟到"),
      long("positionAllowance", "回款 129,707.44 ≥ 30,000.00"),
    ],
  }));
  const s = buildWorkbookSpec(r).sheets.find((x) => x.key === "commission")!;
  const cut = s.columns.findIndex((c) => c.key === "netPay");
  expect(cut).toBeGreaterThan(0);
  const printed = s.columns.slice(0, cut + 1).reduce((sum, c) => sum + c.width, 0);
  expect(printed).toBeLessThanOrEqual(400);
  s.columns.slice(cut + 1).forEach((c, k) => {
    const j = cut + 1 + k;
    const widest = Math.max(0, ...s.rows.map((r) => textWidth(text(r[j] ?? null))));
    // As wide as its longest reason (two characters of room), up to tidy's cap of 48.
    expect({ column: c.header, width: c.width }).toEqual({ column: c.header, width: Math.min(48, Math.max(c.width, widest + 2)) });
  });
});
