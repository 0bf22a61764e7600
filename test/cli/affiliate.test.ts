/**
 * `--affiliates FILE` (the 淘宝联盟 order export): recognised by its headers, refused in another
 * slot, and its confirmed orders of the month become the 淘宝客 sheet.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { cli } from "./run";

const T = path.join(__dirname, "..", "fixtures", "cli", "tiers");
const AFF = path.join(__dirname, "..", "fixtures", "import", "affiliate-taobao-union.csv");
let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-aff-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});
const base = ["--orders", "orders.csv", "--attendance", "attendance.csv", "--sales", "sales.csv", "--roster", "roster.csv"].map((a) => (a.startsWith("--") ? a : path.join(T, a)));

test("the 淘宝联盟 export builds the 淘宝客 sheet", async () => {
  const out = path.join(tmp, "a.xlsx");
  const r = await cli("build", ...base, "--affiliates", AFF, "--out", out);
  expect(r.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("淘宝客")!;
  expect(ws).toBeTruthy();
  const values: unknown[][] = [];
  ws.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
  // One confirmed October order (达人小A, 1 order → below the first tier: rate 0, commission 0).
  const order = values.find((v) => v[1] === "2873190462331523456")!;
  expect(order.slice(0, 2)).toEqual(["达人小A", "2873190462331523456"]);
  expect(values.some((v) => v[0] === "达人小A" && v[1] === "1 单 orders")).toBe(true);
});

test("given as --orders, the affiliate export is refused naming both kinds", async () => {
  const r = await cli("build", "--orders", AFF, ...base.slice(2), "--out", path.join(tmp, "b.xlsx"));
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/淘宝客订单/);
});
