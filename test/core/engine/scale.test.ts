/**
 * Scale: a month of orders builds in single passes. Wall time on a shared machine is noise, so
 * the bound is relative to a calibration measured in the same process (a million Map inserts,
 * ≈ 160 ms on an idle 2-core machine): 1,000,000 orders must cost under 12 of those (≈ 2 s).
 * The default run uses 200,000 orders; `KEFU_BENCH=1` runs the full million.
 */
import { buildMonth } from "../../../src/core/engine";
import type { Order } from "../../../src/core/model";
import { defaultRules } from "../../../src/core/rules/defaults";
import { agent, at, dataset } from "./build";

/** A deterministic pseudo-random month of `n` orders over 50 agents. */
export function bigMonth(n: number): ReturnType<typeof dataset> {
  const roster = Array.from({ length: 50 }, (_, i) => agent(`KF${String(i + 1).padStart(2, "0")}`, `客服${i + 1}`, "", i + 2));
  let seed = 12345;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const start = at("2026-10-01", "00:00");
  const orders: Order[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const paidAt = start + Math.floor(rnd() * 31 * 86400) * 1000;
    const code = rnd() < 0.95 ? `KF${String(1 + Math.floor(rnd() * 50)).padStart(2, "0")}` : "";
    const paid = 1000 + Math.floor(rnd() * 50000);
    orders[i] = {
      id: String(3000000000000000000n + BigInt(i)),
      buyer: "b" + Math.floor(rnd() * 200000),
      paid,
      shipping: 0,
      refund: rnd() < 0.05 ? Math.floor(paid / 2) : 0,
      status: rnd() < 0.03 ? "交易关闭" : "交易成功",
      createdAt: paidAt - 60000,
      paidAt,
      shippedAt: rnd() < 0.9 ? paidAt + 7200000 : null,
      confirmedAt: null,
      note: `张三, 1.2*1.5米, 定制图案, 顺丰 ${code}`,
      tracking: "",
      salesperson: "",
      source: { file: "orders.csv", sheet: "orders", row: i + 2 },
    };
  }
  return dataset({ roster, orders });
}

const cpuMs = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

const calibrate = (): number =>
  cpuMs(() => {
    const m = new Map<string, number>();
    for (let i = 0; i < 1e6; i++) m.set("k" + i, i);
  });

const N = process.env.KEFU_BENCH ? 1_000_000 : 200_000;

it(`builds ${N.toLocaleString("en")} orders within the budget of 1,000,000 in ≈ 2 s`, () => {
  const data = bigMonth(N);
  buildMonth(bigMonth(20_000), defaultRules(), { month: "2026-10" }); // warm the JIT
  const unit = Math.min(calibrate(), calibrate());
  const t0 = performance.now();
  let r: ReturnType<typeof buildMonth> | null = null;
  const cpu = cpuMs(() => {
    r = buildMonth(data, defaultRules(), { month: "2026-10" });
  });
  const wall = performance.now() - t0;
  console.log(`buildMonth ${N} orders: wall ${wall.toFixed(0)} ms, cpu ${cpu.toFixed(0)} ms, calibration unit ${unit.toFixed(0)} ms`);
  expect(r!.counted.length).toBeGreaterThan(N * 0.95);
  expect(cpu / unit).toBeLessThan((12 * N) / 1_000_000);
});
