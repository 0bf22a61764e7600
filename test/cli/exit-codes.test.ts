/** Exit codes: 0 success, 1 bad input (located messages), 2 usage. */
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { cli } from "./run";


const T = path.join(__dirname, "..", "fixtures", "cli", "tiers");
const f = (n: string) => path.join(T, n);
let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-exit-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});
const base = () => ["build", "--orders", f("orders.csv"), "--attendance", f("attendance.csv"), "--sales", f("sales.csv"), "--out", path.join(tmp, "x.xlsx")];

describe("usage errors exit 2", () => {
  test.each([
    ["no arguments", []],
    ["unknown command", ["frobnicate"]],
    ["build without --orders", ["build", "--attendance", "a.csv", "--sales", "s.csv", "--out", "x.xlsx"]],
    ["build without --out", ["build", "--orders", "o.csv", "--attendance", "a.csv", "--sales", "s.csv"]],
    ["month not YYYY-MM", ["build", "--orders", "o.csv", "--attendance", "a.csv", "--sales", "s.csv", "--out", "x.xlsx", "--month", "2026-13"]],
    ["--out not .xlsx", ["build", "--orders", "o.csv", "--attendance", "a.csv", "--sales", "s.csv", "--out", "x.csv"]],
    ["unknown option", ["build", "--orders", "o.csv", "--attendance", "a.csv", "--sales", "s.csv", "--out", "x.xlsx", "--colour", "red"]],
    ["samples --orders not a number", ["samples", "--out", "d", "--orders", "many"]],
  ])("%s", async (_name, argv) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err.length).toBeGreaterThan(0);
  });

  test("--help exits 0 and lists the commands", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    for (const c of ["build", "rules", "samples", "demo"]) expect(r.out).toContain(c);
  });
});

describe("bad input exits 1 with located messages, and writes nothing", () => {
  test("a missing input file is named", async () => {
    const out = path.join(tmp, "missing.xlsx");
    const r = await cli("build", "--orders", f("nope.csv"), "--attendance", f("attendance.csv"), "--sales", f("sales.csv"), "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toContain("nope.csv");
    expect(r.err).toMatch(/文件不存在.*file not found/);
    expect(existsSync(out)).toBe(false);
  });

  test.each([
    ["--orders", "订单.csv"],
    ["--attendance", "考勤.csv"],
    ["--roster", "花名册.xlsx"],
    ["--rules", "规则.xlsx"],
  ])("a folder given as %s (named %s) is named as a folder, not a crash", async (flag, name) => {
    const folder = path.join(tmp, "folders", flag.slice(2), name);
    await fs.mkdir(folder, { recursive: true });
    const args = base();
    const at = args.indexOf(flag);
    if (at >= 0) args[at + 1] = folder;
    else args.push(flag, folder);
    const out = path.join(tmp, `folder-${flag.slice(2)}.xlsx`);
    args[args.indexOf("--out") + 1] = out;
    const r = await cli(...args);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`错误 error: ${name}: 这是一个文件夹，不是文件；未导入。请给出导出文件本身的路径 / this is a folder, not a file; not imported. Give the path of the exported file itself`);
    expect(r.err).not.toMatch(/EISDIR|\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  test("a sales export given as --attendance names the file and both kinds", async () => {
    const out = path.join(tmp, "wrong.xlsx");
    const r = await cli("build", "--orders", f("orders.csv"), "--attendance", f("sales.csv"), "--sales", f("sales.csv"), "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toContain("sales.csv");
    expect(r.err).toContain("--attendance");
    expect(r.err).toContain("考勤表");
    expect(r.err).toContain("客服绩效");
    expect(existsSync(out)).toBe(false);
  });

  test("a file that is no export at all is refused with the importer's reason", async () => {
    const junk = path.join(tmp, "junk.csv");
    await fs.writeFile(junk, "hello,world\n1,2\n");
    const r = await cli("build", "--orders", junk, "--attendance", f("attendance.csv"), "--sales", f("sales.csv"), "--out", path.join(tmp, "junk.xlsx"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("junk.csv");
  });

  test("no paid order and no --month: says to give --month", async () => {
    // Orders are there, none of them paid (an orders file with no rows at all is test/cli/empty-inputs).
    const empty = path.join(tmp, "orders-unpaid.csv");
    await fs.writeFile(empty, "订单编号,买家会员名,买家实际支付金额,订单状态,订单付款时间,订单备注\n1234567890123456,买家,0,等待买家付款,,KF01\n");
    const r = await cli("build", "--orders", empty, "--attendance", f("attendance.csv"), "--sales", f("sales.csv"), "--out", path.join(tmp, "e.xlsx"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("--month");
  });
});

describe("success exits 0", () => {
  test("build writes the workbook and reports where", async () => {
    const r = await cli(...base());
    expect(r.code).toBe(0);
    expect(r.out).toContain(path.join(tmp, "x.xlsx"));
    expect(existsSync(path.join(tmp, "x.xlsx"))).toBe(true);
    expect(r.err).toMatch(/读取 reading/); // progress on stderr
  });

  test("--month naming a month the attendance and sales do not cover is refused, each file naming the months it covers (exit 1, nothing written)", async () => {
    const out = path.join(tmp, "sep.xlsx");
    const r = await cli(...base().slice(0, -1), out, "--month", "2026-09", "--json", path.join(tmp, "sep.json"));
    expect(r.code).toBe(1);
    // The orders hold one September order: they cover the month. Attendance and sales do not.
    expect(r.err).not.toMatch(/orders\.csv.*没有 2026-09/);
    expect(r.err).toMatch(/attendance\.csv（--attendance，考勤表）没有 2026-09 的数据：它覆盖 2026-10（\d+ 行）/);
    expect(r.err).toMatch(/file sales\.csv \(--sales, [^)]*\) has no data for 2026-09: it covers 2026-10 \(\d+ rows\)/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(path.join(tmp, "sep.json"))).toBe(false);
  });
});

describe("source files and other workbooks are never overwritten", () => {
  test("--out naming an input file is refused (exit 1) and the input is untouched", async () => {
    const rules = path.join(tmp, "rules-in.xlsx");
    expect((await cli("rules", "--out", rules)).code).toBe(0);
    const before = await fs.readFile(rules);
    const r = await cli("build", "--orders", f("orders.csv"), "--attendance", f("attendance.csv"), "--sales", f("sales.csv"), "--rules", rules, "--out", rules);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/never overwritten/);
    expect(await fs.readFile(rules)).toEqual(before);
  });

  test("an existing workbook KefuBoard did not write is not overwritten", async () => {
    const mine = path.join(tmp, "my-own.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("我的账本").addRow(["重要", 42]);
    await wb.xlsx.writeFile(mine);
    const before = await fs.readFile(mine);
    const r = await cli(...base().slice(0, -1), mine);
    expect(r.code).toBe(1);
    expect(r.err).toContain("my-own.xlsx");
    expect(await fs.readFile(mine)).toEqual(before);
  });

  test("a workbook it wrote itself is rebuilt in place", async () => {
    const board = path.join(tmp, "rebuilt.xlsx");
    expect((await cli(...base().slice(0, -1), board)).code).toBe(0);
    expect((await cli(...base().slice(0, -1), board)).code).toBe(0);
  });
});

test("an output path that cannot be written is a located message (exit 1), not a crash", async () => {
  const folder = path.join(tmp, "a-folder.xlsx");
  await fs.mkdir(folder, { recursive: true });
  const r = await cli(...base().slice(0, -1), path.join(tmp, "ok.xlsx"), "--json", folder);
  expect(r.code).toBe(1);
  expect(r.err).toContain("a-folder.xlsx");
  expect(r.err).toMatch(/是一个文件夹.*is a folder/);
});
