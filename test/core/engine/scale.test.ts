/**
 * Scale: a month of orders builds in single passes. Wall time on a shared machine is noise, so
 * the default test checks the growth (linear, not quadratic) and the absolute budget runs on
 * demand against an in-process calibration.
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

/** CPU time of one build (best of `runs`, so a busy neighbour does not decide the result). */
function buildCost(data: ReturnType<typeof bigMonth>, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, cpuMs(() => buildMonth(data, defaultRules(), { month: "2026-10" })));
  return best;
}

it("grows linearly: 4× the orders costs well under 8× the time (no O(n²) anywhere)", () => {
  const small = bigMonth(50_000);
  const large = bigMonth(200_000);
  buildCost(small, 2); // warm the JIT
  const a = buildCost(small, 3);
  const b = buildCost(large, 2);
  console.log(`buildMonth 50,000 orders: ${a.toFixed(0)} ms cpu; 200,000: ${b.toFixed(0)} ms cpu (×${(b / a).toFixed(2)})`);
  expect(b / a).toBeLessThan(8);
});

// The absolute time at 1,000,000 orders is a benchmark, not a test: bench/steps/phases.js
// (`npm run bench`, "reports (buildMonth)").
