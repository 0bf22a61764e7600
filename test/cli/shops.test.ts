/**
 * The three-shop sample group (`kefu-board samples --shops 3`): built for the group and for each
 * shop (`--shop NAME`); the shops' collected, orders and per-agent collected add up to the
 * group's to the cent; an unknown shop is refused with the shops there are.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { cli } from "./run";
import { agrees, evaluateFormulas } from "../sheets/formula-check";
import { formulaValues } from "../sheets/libreoffice";

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-shops-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

interface Json {
  shopCollected: number;
  agents: { agent: string; collected: number; orders: number }[];
  unattributedCollected: number;
}

test("the group builds per shop and together; the shops add up to the group", async () => {
  const dir = path.join(tmp, "group");
  const made = await cli("samples", "--out", dir, "--orders", "900", "--shops", "3");
  expect(made.code).toBe(0);
  const files = (await fs.readdir(dir)).sort();
  expect(files.filter((f) => f.startsWith("千牛客服绩效-"))).toEqual(["千牛客服绩效-小店专营店-2026-10.xlsx", "千牛客服绩效-小店企业店-2026-10.xlsx", "千牛客服绩效-小店旗舰店-2026-10.xlsx"].sort());
  const f = (prefix: string) => files.filter((x) => x.startsWith(prefix)).map((x) => path.join(dir, x));
  const args = [
    ...f("订单报表").flatMap((x) => ["--orders", x]),
    ...f("钉钉考勤").flatMap((x) => ["--attendance", x]),
    ...f("千牛客服绩效").flatMap((x) => ["--sales", x]),
    "--roster", f("花名册")[0],
    "--incidents", f("违规记录")[0],
  ];
  const build = async (name: string, shop?: string): Promise<Json> => {
    const json = path.join(tmp, `${name}.json`);
    const r = await cli("build", ...args, ...(shop ? ["--shop", shop] : []), "--out", path.join(tmp, `${name}.xlsx`), "--json", json);
    expect([name, r.code]).toEqual([name, 0]);
    return JSON.parse(await fs.readFile(json, "utf8"));
  };
  const group = await build("group");
  const shops = [await build("flagship", "小店旗舰店"), await build("speciality", "小店专营店"), await build("company", "小店企业店")];
  const cents = (y: number) => Math.round(y * 100);
  expect(shops.every((s) => s.shopCollected > 0)).toBe(true);
  expect(shops.reduce((a, s) => a + cents(s.shopCollected), 0)).toBe(cents(group.shopCollected));
  expect(shops.reduce((a, s) => a + cents(s.unattributedCollected), 0)).toBe(cents(group.unattributedCollected));
  for (const g of group.agents) {
    const of = (s: Json) => s.agents.find((a) => a.agent === g.agent);
    expect([g.agent, shops.reduce((a, s) => a + cents(of(s)?.collected ?? 0), 0), shops.reduce((a, s) => a + (of(s)?.orders ?? 0), 0)]).toEqual([g.agent, cents(g.collected), g.orders]);
  }

  // The group's workbook has 店铺汇总 (its shop totals add up to the group); a shop's has none.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(tmp, "group.xlsx"));
  const ws = wb.getWorksheet("店铺汇总")!;
  expect(ws).toBeTruthy();
  let totalCents = 0;
  ws.eachRow((row) => {
    if (row.getCell(1).value === "合计 Total") totalCents += cents(Number(row.getCell(4).value));
  });
  expect(totalCents).toBe(cents(group.shopCollected));
  const one = new ExcelJS.Workbook();
  await one.xlsx.readFile(path.join(tmp, "flagship.xlsx"));
  expect(one.getWorksheet("店铺汇总")).toBeUndefined();

  // The group's 绩效看板 says each agent's shops (after 旺旺); a shop's board has no such column.
  const board = wb.getWorksheet("绩效看板")!;
  const headers = (b: ExcelJS.Worksheet) => (b.getRow(3).values as unknown[]).slice(1).map(String);
  expect(headers(board).slice(3, 6)).toEqual(["旺旺 Nick", "店铺 Shops", "订单数 Orders"]);
  const names = new Set(["小店旗舰店", "小店专营店", "小店企业店"]);
  for (let r = 4; r < 4 + group.agents.length; r++) {
    const v = String(board.getRow(r).getCell(5).value ?? "");
    if (v !== "") expect(v.split("、").every((n) => names.has(n))).toBe(true);
  }
  expect(headers(one.getWorksheet("绩效看板")!)).not.toContain("店铺 Shops");
  // Every formula of the group's workbook (the board's moved columns too) computes the engine's value.
  const cached = await formulaValues(path.join(tmp, "group.xlsx"));
  const results = await evaluateFormulas(path.join(tmp, "group.xlsx"));
  expect(results.length).toBe(cached.size);
  expect(results.filter((x) => x.sheet === "绩效看板").length).toBeGreaterThan(50);
  expect(results.filter((x) => !agrees(x.actual, cached.get(`${x.sheet}!${x.address}`)!, x.money))).toEqual([]);

  const unknown = await cli("build", ...args, "--shop", "隔壁店", "--out", path.join(tmp, "x.xlsx"));
  expect(unknown.code).toBe(1);
  expect(unknown.err).toContain("订单中没有店铺「隔壁店」；订单中的店铺：");
}, 120000);

test("exports without a 店铺名称 column, one file per shop (--orders 店铺名=FILE)", async () => {
  const T = path.join(__dirname, "..", "fixtures", "cli", "tiers");
  const [head, ...rows] = (await fs.readFile(path.join(T, "orders.csv"), "utf8")).split("\n").filter((l) => l.trim() !== "");
  const a = path.join(tmp, "a.csv");
  const b = path.join(tmp, "b.csv");
  await fs.writeFile(a, [head, ...rows.filter((_r, i) => i % 2 === 0)].join("\n") + "\n");
  await fs.writeFile(b, [head, ...rows.filter((_r, i) => i % 2 === 1)].join("\n") + "\n");
  const rest = ["--attendance", "attendance.csv", "--sales", "sales.csv", "--roster", "roster.csv"].map((x) => (x.startsWith("--") ? x : path.join(T, x)));
  const run = async (name: string, ...extra: string[]) => {
    const r = await cli("build", "--orders", `甲店=${a}`, "--orders", `乙店=${b}`, ...rest, ...extra, "--out", path.join(tmp, `${name}.xlsx`), "--json", path.join(tmp, `${name}.json`));
    expect([name, r.code, r.err.includes("错误 error")]).toEqual([name, 0, false]);
    return JSON.parse(await fs.readFile(path.join(tmp, `${name}.json`), "utf8")) as Json;
  };
  const group = await run("ab");
  const jia = await run("jia", "--shop", "甲店");
  const yi = await run("yi", "--shop", "乙店");
  const cents = (y: number) => Math.round(y * 100);
  expect(cents(jia.shopCollected) + cents(yi.shopCollected)).toBe(cents(group.shopCollected));
  expect(jia.shopCollected).toBeGreaterThan(0);
  expect(yi.shopCollected).toBeGreaterThan(0);
}, 60000);
