/**
 * Column mapping from the command line: an orders export whose headers the built-in aliases do
 * not know is refused with the 【列名】 lines it needs (best guesses filled in); pasted into the
 * rules sheet, the same file builds the same month as the export with standard headers.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { cli } from "./run";

const T = path.join(__dirname, "..", "fixtures", "cli", "tiers");
const RENAMED: Record<string, string> = { 订单编号: "单号", 买家实际支付金额: "实收款", 订单付款时间: "支付日期", 订单备注: "客服留言" };
let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-mapping-"));
  const text = await fs.readFile(path.join(T, "orders.csv"), "utf8");
  const [head, ...rest] = text.split("\n");
  await fs.writeFile(path.join(tmp, "自家ERP.csv"), [head.split(",").map((h) => RENAMED[h.trim()] ?? h).join(","), ...rest].join("\n"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const others = ["--attendance", "attendance.csv", "--sales", "sales.csv", "--roster", "roster.csv", "--incidents", "incidents.csv"].map((a) => (a.startsWith("--") ? a : path.join(T, a)));

/** The tab-separated 【列名】 lines the command line printed. */
const pasted = (err: string) => err.split("\n").filter((l) => /\tcolumn\t/.test(l));

test("an unrecognised orders file: refused, with the lines to paste (guesses filled in)", async () => {
  const r = await cli("build", "--orders", path.join(tmp, "自家ERP.csv"), ...others, "--out", path.join(tmp, "a.xlsx"));
  expect(r.code).toBe(1);
  expect(r.err).toContain("列名对应 column mapping: 自家ERP.csv（订单报表）缺少 missing 订单编号、实付金额、付款时间、订单备注");
  expect(pasted(r.err)).toEqual(["订单编号\tcolumn\t订单\t订单编号\t单号", "实付金额\tcolumn\t订单\t实付金额\t实收款", "付款时间\tcolumn\t订单\t付款时间\t支付日期", "订单备注\tcolumn\t订单\t订单备注\t客服留言"]);
});

test("the printed lines pasted into the rules sheet: the file builds the month the standard export builds", async () => {
  const first = await cli("build", "--orders", path.join(tmp, "自家ERP.csv"), ...others, "--out", path.join(tmp, "b.xlsx"));
  const rulesFile = path.join(tmp, "规则.xlsx");
  expect((await cli("rules", "--out", rulesFile)).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(rulesFile);
  const ws = wb.worksheets[0];
  let at = 0;
  ws.eachRow((row, n) => {
    if (String(row.getCell(1).value ?? "").startsWith("例")) at = n;
  });
  expect(at).toBeGreaterThan(0);
  pasted(first.err).forEach((line, i) => (ws.getRow(at + 1 + i).values = line.split("\t")));
  await wb.xlsx.writeFile(rulesFile);

  const mapped = await cli("build", "--orders", path.join(tmp, "自家ERP.csv"), ...others, "--rules", rulesFile, "--out", path.join(tmp, "m.xlsx"), "--json", path.join(tmp, "m.json"));
  expect(mapped.code).toBe(0);
  expect(pasted(mapped.err)).toEqual([]);
  const standard = await cli("build", "--orders", path.join(T, "orders.csv"), ...others, "--out", path.join(tmp, "s.xlsx"), "--json", path.join(tmp, "s.json"));
  expect(standard.code).toBe(0);
  const pick = (j: { agents: unknown; shop?: unknown }) => j.agents;
  const [m, s] = await Promise.all([fs.readFile(path.join(tmp, "m.json"), "utf8"), fs.readFile(path.join(tmp, "s.json"), "utf8")]);
  expect(pick(JSON.parse(m))).toEqual(pick(JSON.parse(s)));
});

test("a recognised file missing a needed column gets its line too (and still builds)", async () => {
  const text = await fs.readFile(path.join(T, "orders.csv"), "utf8");
  const [head, ...rest] = text.split("\n");
  const p = path.join(tmp, "无状态.csv");
  await fs.writeFile(p, [head.replace("订单状态", "交易进度"), ...rest].join("\n"));
  const r = await cli("build", "--orders", p, ...others, "--out", path.join(tmp, "c.xlsx"));
  expect(r.code).toBe(0);
  expect(pasted(r.err)).toEqual(["订单状态\tcolumn\t订单\t订单状态\t交易进度"]);
});
