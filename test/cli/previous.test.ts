/**
 * The month-end flow on the command line (issue 13): build October; in November build with
 * --previous October's board (the workbook, or its JSON) and Taobao's refund report given with
 * --orders: the October order refunded in November is clawed back as its own line.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { cli } from "./run";

let tmp: string;
const file = (name: string) => path.join(tmp, name);

/** A month of on-time day shifts (Sundays 休) for KF01. */
function attendance(month: string, days: number): string {
  const lines = ["姓名,工号,日期,班次,上班打卡时间,下班打卡时间"];
  for (let d = 1; d <= days; d++) {
    const date = `${month}-${String(d).padStart(2, "0")}`;
    const sunday = new Date(`${date}T00:00:00Z`).getUTCDay() === 0;
    lines.push(sunday ? `甲一,KF01,${date},休,,` : `甲一,KF01,${date},白班,08:25,17:35`);
  }
  return lines.join("\n") + "\n";
}

const ORDER_HEAD = "订单编号,买家会员名,买家实际支付金额,买家应付邮费,退款金额,订单状态,订单创建时间,订单付款时间,订单备注\n";
const SALES = "客服昵称,日期,询单人数,询单最终付款人数,询单最终付款金额,平均响应时长\n小店:甲一,,10,2,25000,20\n";
const ROSTER = "工号,姓名,旺旺子账号,岗位,入职日期,月度目标\nKF01,甲一,小店:甲一,售前,2025-01-01,\n";

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-previous-"));
  await fs.writeFile(file("oct-orders.csv"), ORDER_HEAD + "4000000000000000001,买家甲,25000,0,0,卖家已发货，等待买家确认,2026-10-20 09:00:00,2026-10-20 09:01:00,KF01\n");
  await fs.writeFile(file("nov-orders.csv"), ORDER_HEAD + "4000000000000000002,买家乙,1000,0,0,交易成功,2026-11-03 09:00:00,2026-11-03 09:01:00,KF01\n");
  // November's export still lists the October order (exports run by creation date, 60 days back).
  await fs.writeFile(file("nov-all-orders.csv"), ORDER_HEAD + "4000000000000000001,买家甲,25000,0,0,交易关闭,2026-10-20 09:00:00,2026-10-20 09:01:00,KF01\n4000000000000000002,买家乙,1000,0,0,交易成功,2026-11-03 09:00:00,2026-11-03 09:01:00,KF01\n");
  await fs.writeFile(file("nov-refunds.csv"), "退款编号,订单编号,买家会员名,买家实际支付金额,买家退款金额,退款状态,退款完结时间\n9000000001,4000000000000000001,买家甲,25000,25000,退款成功,2026-11-05 10:00:00\n");
  await fs.writeFile(file("oct-att.csv"), attendance("2026-10", 31));
  await fs.writeFile(file("nov-att.csv"), attendance("2026-11", 30));
  await fs.writeFile(file("sales.csv"), SALES);
  await fs.writeFile(file("roster.csv"), ROSTER);
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const base = (m: "oct" | "nov") => ["--orders", file(`${m}-orders.csv`), "--attendance", file(`${m}-att.csv`), "--sales", file("sales.csv"), "--roster", file("roster.csv")];

test.each(["xlsx", "json"])("November with --previous October's board (%s) claws back the October order refunded in November", async (kind) => {
  const oct = await cli("build", ...base("oct"), "--out", file("oct.xlsx"), "--json", file("oct.json"));
  expect(oct.code).toBe(0);
  const octJson = JSON.parse(await fs.readFile(file("oct.json"), "utf8"));
  // 25,000 collected: commission 250, performance bonus 150.
  expect(octJson.agents[0]).toMatchObject({ collected: 25000, commission: 250, performanceBonus: 150 });

  const out = file(`nov-${kind}.json`);
  const nov = await cli("build", ...base("nov"), "--orders", file("nov-refunds.csv"), "--previous", file(`oct.${kind}`), "--out", file(`nov-${kind}.xlsx`), "--json", out);
  expect(nov.err).not.toMatch(/error/);
  expect(nov.code).toBe(0);
  const j = JSON.parse(await fs.readFile(out, "utf8"));
  const kf01 = j.agents[0];
  expect(kf01.clawback).toBe(-400);
  expect(kf01.clawbackOrders).toEqual([{ orderId: "4000000000000000001", before: 25000, after: 0 }]);
  // November itself: base 1600 + lunch 25 × 7 + full 50 + execution 100, collected 1,000: no commission.
  expect(kf01).toMatchObject({ scheduledDays: 25, workedDays: 25, absentDays: 0, basePay: 1600, netPay: 1600 + 175 + 50 + 100 - 400 });
});

test("November without --previous: nothing recovered, and the problems say how much was not", async () => {
  const out = file("nov-none.json");
  const args = base("nov");
  args[1] = file("nov-all-orders.csv");
  const nov = await cli("build", ...args, "--orders", file("nov-refunds.csv"), "--month", "2026-11", "--out", file("nov-none.xlsx"), "--json", out);
  expect(nov.err).not.toMatch(/error/);
  expect(nov.code).toBe(0);
  const j = JSON.parse(await fs.readFile(out, "utf8"));
  expect(j.agents[0].clawback).toBe(0);
  expect(j.problems.find((p: { code: string }) => p.code === "clawback.none").zh).toContain("1 笔订单现已退款或关闭，共 25,000.00");
});
