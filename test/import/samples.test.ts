import * as fs from "fs";
import * as path from "path";
import { importCsvBytes, importSheet, mergeImports } from "../../src/core/import";
import type { ImportResult } from "../../src/core/import/types";
import { readSourceFile } from "../../src/xlsx/read";
import { DEFAULT_SAMPLE, generateAttendance, generateOrdersCsv, generateSales, generateSamples } from "../../src/samples/generate";
import { writeSamples } from "../../src/samples/cli";
import { tmpDir } from "./helpers";

const SAMPLES = path.join(__dirname, "../../samples");
const FILES = ["订单报表-2026-10.csv", "钉钉考勤-2026-10.xlsx", "千牛客服绩效-2026-10.xlsx", "花名册.xlsx", "违规记录-2026-10.xlsx"];

describe("the committed samples", () => {
  const results: Record<string, ImportResult> = {};
  beforeAll(async () => {
    for (const f of FILES) {
      const rs = await readSourceFile(path.join(SAMPLES, f));
      expect(rs).toHaveLength(1);
      results[f] = rs[0];
    }
  });

  test("all import with zero error problems, each recognised as what it is", () => {
    const summary = FILES.map((f) => {
      const r = results[f];
      return [f, r.kind, r.recognition.variant, r.rowsRead, r.problems.filter((p) => p.severity !== "info").length];
    });
    expect(summary).toEqual([
      ["订单报表-2026-10.csv", "orders", "taobao", 3000, 0],
      ["钉钉考勤-2026-10.xlsx", "attendance", "dingtalk", 372, 0],
      ["千牛客服绩效-2026-10.xlsx", "sales", "qianniu", 320, 0],
      ["花名册.xlsx", "roster", "standard", 12, 0],
      ["违规记录-2026-10.xlsx", "incidents", "standard", 10, 0],
    ]);
    expect(results["千牛客服绩效-2026-10.xlsx"].problems.map((p) => p.value)).toEqual(["汇总值", "平均值", "全店汇总值", "同行同层均值"]);
  });

  test("the order export carries the quirks of real exports", () => {
    const bytes = fs.readFileSync(path.join(SAMPLES, FILES[0]));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // GBK, not UTF-8
    const text = new TextDecoder("gb18030").decode(bytes);
    const header = text.slice(0, text.indexOf("\r\n")).split(",");
    expect(header).toHaveLength(73); // 72 names and the seller centre's trailing comma
    expect(header[72]).toBe("");
    expect(header.filter((h) => h !== h.trimEnd()).length).toBeGreaterThan(0);
    expect(text).toContain(',="2873');
    expect(text).toContain("无退款申请");
    expect(text).toMatch(/,\d+\.\d\d元,/);
    expect(text).toMatch(/,'1\d{10},/);
    expect(text).toContain("卖家已发货,等待买家确认");
    expect(text).toContain("卖家已发货，等待买家确认");
  });

  test("orders cover the month's situations", () => {
    const orders = results[FILES[0]].data.orders;
    const statuses = new Set(orders.map((o) => o.status));
    for (const s of ["交易成功", "卖家已发货，等待买家确认", "买家已付款，等待卖家发货", "交易关闭", "等待买家付款"]) expect(statuses).toContain(s);
    const codes = (n: string) => n.match(/KF\d\d/g) ?? [];
    const noCode = orders.filter((o) => codes(o.note).length === 0).length / orders.length;
    expect(noCode).toBeGreaterThan(0.015);
    expect(noCode).toBeLessThan(0.05);
    expect(orders.some((o) => codes(o.note).length >= 2)).toBe(true);
    expect(orders.some((o) => /^KF\d\d/.test(o.note))).toBe(true); // code at the start …
    expect(orders.some((o) => /KF\d\d$/.test(o.note))).toBe(true); // … and at the end
    expect(new Set(orders.map((o) => o.id.length))).toEqual(new Set([16, 17, 18, 19]));
    expect(new Set(orders.map((o) => o.id)).size).toBe(orders.length);
    const day = (t: number | null) => (t === null ? "" : new Date(t).toISOString().slice(0, 10));
    expect(orders.filter((o) => day(o.paidAt) === "2026-09-30")).toHaveLength(3);
    expect(orders.filter((o) => day(o.paidAt) === "2026-11-01")).toHaveLength(3);
    const end = Date.UTC(2026, 10, 1);
    expect(orders.some((o) => o.paidAt === null && o.status === "等待买家付款" && end - (o.createdAt ?? 0) > 12 * 3600_000)).toBe(true);
    expect(orders.some((o) => o.paidAt === null && o.status === "等待买家付款" && end - (o.createdAt ?? 0) < 12 * 3600_000)).toBe(true);
    expect(orders.some((o) => o.status === "买家已付款，等待卖家发货" && end - (o.paidAt ?? end) > 48 * 3600_000)).toBe(true);
    expect(orders.some((o) => o.refund > 0 && o.refund < o.paid && o.status === "交易成功")).toBe(true);
    expect(orders.some((o) => o.refund > 0 && o.refund === o.paid && o.status === "交易关闭")).toBe(true);
  });

  test("collected sales straddle the commission tiers", () => {
    const orders = results[FILES[0]].data.orders;
    const per = new Map<string, number>();
    for (const o of orders) {
      if (o.paidAt === null || o.paidAt < Date.UTC(2026, 9, 1) || o.paidAt >= Date.UTC(2026, 10, 1)) continue;
      if (/交易关闭|等待买家付款/.test(o.status)) continue;
      const m = /KF\d\d/.exec(o.note);
      if (m) per.set(m[0], (per.get(m[0]) ?? 0) + Math.max(0, o.paid - o.refund));
    }
    const yuan = [...per.values()].map((c) => c / 100);
    expect(per.size).toBe(12);
    expect(yuan.filter((y) => y < 20000).length).toBeGreaterThanOrEqual(1);
    expect(yuan.filter((y) => y >= 20000 && y < 50000).length).toBeGreaterThanOrEqual(3);
    expect(yuan.filter((y) => y >= 50000).length).toBeGreaterThanOrEqual(1);
    expect(yuan.filter((y) => y >= 100000).length).toBe(1);
  });

  test("attendance: day and night shifts, 做六休一, every verdict, clock-outs after midnight", () => {
    const shifts = results[FILES[1]].data.shifts;
    expect(new Set(shifts.map((s) => s.agentKey)).size).toBe(12);
    expect(new Set(shifts.map((s) => s.inVerdict ?? s.outVerdict))).toEqual(new Set(["normal", "late", "seriousLate", "rest", "leave"]));
    expect(new Set(shifts.map((s) => s.outVerdict))).toEqual(new Set(["normal", "early", "missing", "rest", "leave"]));
    for (const key of new Set(shifts.map((s) => s.agentKey))) {
      const mine = shifts.filter((s) => s.agentKey === key);
      expect(mine).toHaveLength(31);
      expect(mine.filter((s) => s.inVerdict === "rest").length).toBeGreaterThanOrEqual(4);
    }
    const night = shifts.filter((s) => s.shift?.label === "晚班" && s.clockOut !== null);
    expect(night.length).toBeGreaterThan(50);
    for (const s of night) expect(new Date(s.clockOut!).toISOString().slice(0, 10) > s.date).toBe(true);
    expect(night.some((s) => s.outVerdict === "early" && new Date(s.clockOut!).getUTCHours() === 0 && new Date(s.clockOut!).getUTCMinutes() === 55)).toBe(true);
  });

  test("incidents: a third complaint, credit removals on real orders, a loss of 800", () => {
    const { data, problems } = mergeImports(FILES.map((f) => results[f]));
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    const ids = new Set(data.orders.map((o) => o.id));
    const inc = data.incidents;
    const byName = new Map(data.roster.map((a) => [a.name, a.staffNo]));
    const staff = (k: string) => byName.get(k) ?? k;
    const complaints = inc.filter((i) => i.rule === "complaint").map((i) => staff(i.agentKey));
    expect(complaints.filter((k) => k === "KF05")).toHaveLength(3);
    for (const rule of ["production_delay", "unconfirmed_address"]) {
      const i = inc.find((x) => x.rule === rule)!;
      expect(ids.has(i.orderId!)).toBe(true);
    }
    expect(inc.find((i) => i.rule === "note_error_loss")).toMatchObject({ loss: 80000 });
    for (const rule of ["off_task", "cleaning"]) expect(inc.some((i) => i.rule === rule)).toBe(true);
    // Every agent key resolves through the roster (staff number or name).
    for (const i of inc) expect(data.roster.some((a) => a.staffNo === i.agentKey || a.name === i.agentKey)).toBe(true);
    for (const s of data.sales) expect(data.roster.some((a) => a.nick === s.nick)).toBe(true);
  });
});

describe("the generator", () => {
  test("is deterministic and reproduces the committed order export", () => {
    const chunks: Uint8Array[] = [];
    generateOrdersCsv(DEFAULT_SAMPLE, (c) => chunks.push(c));
    const bytes = Buffer.concat(chunks);
    expect(bytes.equals(fs.readFileSync(path.join(SAMPLES, FILES[0])))).toBe(true);
    const a = generateSamples({ ...DEFAULT_SAMPLE, orders: 200 });
    const b = generateSamples({ ...DEFAULT_SAMPLE, orders: 200 });
    expect(a.map((f) => Buffer.from(f.bytes).toString("base64"))).toEqual(b.map((f) => Buffer.from(f.bytes).toString("base64")));
    const c = generateSamples({ ...DEFAULT_SAMPLE, orders: 200, seed: 2 });
    expect(Buffer.from(c[0].bytes).equals(Buffer.from(a[0].bytes))).toBe(false);
  });

  test("generateSamples: every file imports from its bytes with zero errors", () => {
    const files = generateSamples({ ...DEFAULT_SAMPLE, orders: 500 });
    expect(files.map((f) => f.name)).toEqual(["订单报表-2026-10.csv", "钉钉考勤-2026-10.csv", "千牛客服绩效-2026-10.csv", "花名册.csv", "违规记录-2026-10.csv"]);
    const kinds = files.map((f) => {
      const r = importCsvBytes(f.bytes, f.name);
      expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
      return [r.kind, r.encoding];
    });
    expect(kinds).toEqual([
      ["orders", "gb18030"],
      ["attendance", "utf-8"],
      ["sales", "utf-8"],
      ["roster", "utf-8"],
      ["incidents", "utf-8"],
    ]);
  });

  test("200 agents × 31 days of attendance and sales import cleanly", () => {
    const opts = { ...DEFAULT_SAMPLE, agents: 200, orders: 20000 };
    const att = generateAttendance(opts);
    const a = importSheet({ file: att.file, sheet: att.sheet, rows: att.rows });
    expect(a.rowsRead).toBe(200 * 31);
    expect(a.problems.filter((p) => p.severity !== "info")).toEqual([]);
    const sales = generateSales(opts);
    const s = importSheet({ file: sales.file, sheet: sales.sheet, rows: sales.rows });
    expect(new Set(s.data.sales.map((x) => x.nick)).size).toBe(200);
    expect(s.problems.filter((p) => p.severity !== "info")).toEqual([]);
  });

  test("writeSamples reproduces the committed samples byte for byte (xlsx included)", async () => {
    const dir = path.join(tmpDir(), "samples-default");
    const written = await writeSamples(dir);
    for (const p of written) expect({ file: path.basename(p), same: fs.readFileSync(p).equals(fs.readFileSync(path.join(SAMPLES, path.basename(p)))) }).toEqual({ file: path.basename(p), same: true });
  });

  test("writeSamples writes the five files, which read back", async () => {
    const dir = path.join(tmpDir(), "samples");
    const written = await writeSamples(dir, { orders: 300 });
    expect(written.map((p) => path.basename(p))).toEqual(FILES);
    for (const p of written) {
      const [r] = await readSourceFile(p);
      expect(r.problems.filter((x) => x.severity === "error")).toEqual([]);
    }
  });
});
