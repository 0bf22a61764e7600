/**
 * An optional input (incidents, roster, attendance, sales) with no data — 0 bytes, a BOM only,
 * blank lines, headers only, an empty xlsx sheet — is a located, bilingual warning naming the
 * file, and the month is still built from the other files. The orders export is required: an
 * orders file with no data still stops the build.
 */
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { cli } from "./run";

const T = path.join(__dirname, "..", "fixtures", "cli", "tiers");
const f = (n: string) => path.join(T, n);
let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-empty-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const CASES: [string, string, string | Uint8Array][] = [
  ["0 bytes", "违规记录-空.csv", ""],
  ["a BOM only", "违规记录-bom.csv", "\ufeff"],
  ["blank lines only", "违规记录-空行.csv", "\r\n\r\n  \r\n"],
  ["headers only", "违规记录-表头.csv", "日期,客服,类型,订单编号,损失金额,备注\n"],
  ["headers and blank rows", "违规记录-表头空行.csv", "日期,客服,类型,订单编号,损失金额,备注\n,,,,,\n,,,,,\n"],
];

async function json(file: string): Promise<{ problems: { severity: string; code: string; file: string; zh: string; en: string }[]; penalties: unknown[]; commission: unknown[] }> {
  return JSON.parse(await fs.readFile(file, "utf8"));
}

describe("an empty optional file is a warning; the build goes on", () => {
  test.each(CASES)("--incidents with %s", async (_name, file, content) => {
    const p = path.join(tmp, file);
    await fs.writeFile(p, content);
    const out = path.join(tmp, `${file}.xlsx`);
    const js = path.join(tmp, `${file}.json`);
    const r = await cli("build", "--orders", f("orders.csv"), "--attendance", f("attendance.csv"), "--sales", f("sales.csv"), "--incidents", p, "--out", out, "--json", js);
    expect(r.err).not.toMatch(/^错误 error/m);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const report = await json(js);
    const mine = report.problems.filter((x) => x.file === file);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.severity !== "error")).toBe(true);
    const w = mine.find((x) => x.code === "input.no_data")!;
    expect(w).toMatchObject({ severity: "warning", file });
    expect(w.zh).toBe(`文件 ${file}（--incidents，违规记录）没有数据行；按没有违规记录计算，其余照常生成`);
    expect(w.en).toBe(`file ${file} (--incidents, incidents sheet) has no data rows; the month is built as if it had none`);
    // The warning is on stderr too, naming the file.
    expect(r.err).toContain(`警告 warning: ${file}`);
    // No incident: no complaint fines (the fixture's incidents file would give one).
    expect(report.penalties.filter((x) => (x as { rule: string }).rule === "complaint")).toEqual([]);
  });

  test("an empty roster beside a good incidents file: still built, the roster named", async () => {
    const p = path.join(tmp, "花名册.csv");
    await fs.writeFile(p, "工号,姓名,旺旺子账号,岗位,入职日期,月度目标\n");
    const js = path.join(tmp, "roster.json");
    const r = await cli("build", "--orders", f("orders.csv"), "--attendance", f("attendance.csv"), "--sales", f("sales.csv"), "--roster", p, "--incidents", f("incidents.csv"), "--out", path.join(tmp, "roster.xlsx"), "--json", js);
    expect(r.code).toBe(0);
    const w = (await json(js)).problems.find((x) => x.code === "input.no_data")!;
    expect(w).toMatchObject({ severity: "warning", file: "花名册.csv" });
    expect(w.en).toContain("(--roster, roster)");
  });

  test("an xlsx whose only sheet is empty, given as --sales", async () => {
    const p = path.join(tmp, "绩效.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("客服绩效");
    await wb.xlsx.writeFile(p);
    const js = path.join(tmp, "sales.json");
    const r = await cli("build", "--orders", f("orders.csv"), "--attendance", f("attendance.csv"), "--sales", p, "--out", path.join(tmp, "sales.xlsx"), "--json", js);
    expect(r.code).toBe(0);
    const w = (await json(js)).problems.find((x) => x.code === "input.no_data")!;
    expect(w).toMatchObject({ severity: "warning", file: "绩效.xlsx" });
  });

  test("--strict still passes: an empty optional file is not an error", async () => {
    const p = path.join(tmp, "strict.csv");
    await fs.writeFile(p, "");
    const r = await cli("build", "--orders", f("orders.csv"), "--attendance", f("attendance.csv"), "--sales", f("sales.csv"), "--incidents", p, "--out", path.join(tmp, "strict.xlsx"), "--strict");
    expect(r.code).toBe(0);
  });
});

test("an empty second orders file beside a good one is a warning: the good one builds the month", async () => {
  const p = path.join(tmp, "订单2.csv");
  await fs.writeFile(p, "");
  const js = path.join(tmp, "orders2.json");
  const r = await cli("build", "--orders", f("orders.csv"), "--orders", p, "--attendance", f("attendance.csv"), "--sales", f("sales.csv"), "--out", path.join(tmp, "orders2.xlsx"), "--json", js);
  expect(r.code).toBe(0);
  const w = (await json(js)).problems.filter((x) => x.file === "订单2.csv");
  expect(w.map((x) => [x.severity, x.code])).toEqual([["warning", "input.no_data"]]);
});

describe("what still stops the build", () => {
  test.each([
    ["0 bytes", ""],
    ["headers only", "订单编号,买家会员名,买家实际支付金额,订单状态,订单付款时间,订单备注\n"],
  ])("an orders file with %s (required) is an error, nothing written", async (_name, content) => {
    const p = path.join(tmp, `orders-${content.length}.csv`);
    await fs.writeFile(p, content);
    const out = path.join(tmp, `orders-${content.length}.xlsx`);
    const r = await cli("build", "--orders", p, "--attendance", f("attendance.csv"), "--sales", f("sales.csv"), "--incidents", f("incidents.csv"), "--month", "2026-10", "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toContain(path.basename(p));
    expect(r.err).toContain(`错误 error: ${path.basename(p)}: 文件 ${path.basename(p)}（--orders，订单报表）没有数据行；订单报表是必需的，未生成报表 / file ${path.basename(p)} (--orders, orders export) has no data rows; it is required, so nothing is built`);
    expect(existsSync(out)).toBe(false);
  });

  test("an optional file of the wrong kind or with unrecognisable headers is still refused", async () => {
    const p = path.join(tmp, "not-incidents.csv");
    await fs.writeFile(p, "hello,world\n1,2\n");
    const r = await cli("build", "--orders", f("orders.csv"), "--attendance", f("attendance.csv"), "--sales", f("sales.csv"), "--incidents", p, "--out", path.join(tmp, "n.xlsx"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("not-incidents.csv");
    const r2 = await cli("build", "--orders", f("orders.csv"), "--attendance", f("attendance.csv"), "--sales", f("sales.csv"), "--incidents", f("roster.csv"), "--out", path.join(tmp, "n2.xlsx"));
    expect(r2.code).toBe(1);
    expect(r2.err).toContain("--incidents");
  });
});
