#!/usr/bin/env node
/**
 * Timings that used to sit in jest as wall-clock assertions (they failed under load, so they
 * live here; the tests keep the correctness part). Not part of the test suite.
 *
 *   node bench/micro.bench.js
 *
 * - AgentMatcher: a million notes scanned with a 200-code roster (was "< 3 s" in jest);
 * - AgentMatcher: 2,000 matchers built from a 200-code roster, as KEFU.AGENT does without a
 *   cached roster (was "< 2 s");
 * - mergeImports: 2 × 200,000 orders with the same ids merged (was "< 15 s": linear, not quadratic).
 */
require("./ts-require");
const { performance } = require("perf_hooks");
const { AgentMatcher } = require("../src/core/rules/attribution.ts");
const { mergeImports } = require("../src/core/import/index.ts");

function time(label, f) {
  const t0 = performance.now();
  const out = f();
  console.log(`${label.padEnd(58)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms`);
  return out;
}

const roster = Array.from({ length: 200 }, (_, i) => ({ token: `KF${String(i).padStart(3, "0")}`, agent: `A${i}` }));
const big = new AgentMatcher(roster);
const notes = Array.from({ length: 1000 }, (_, i) => `张三, 1.2*1.5米, 定制图案, ${i % 28}号发货, 顺丰 KF${String(i % 250).padStart(3, "0")}`);
time("AgentMatcher: 1,000,000 notes, 200 codes", () => {
  let found = 0;
  for (let k = 0; k < 1000; k++) for (const n of notes) if (big.match(n).agent !== null) found++;
  return found;
});
time("AgentMatcher: 2,000 matchers of 200 codes", () => {
  for (let k = 0; k < 2000; k++) new AgentMatcher(roster);
});

const orders = [];
for (let i = 0; i < 200_000; i++) {
  orders.push({ id: String(2873190462331523456n + BigInt(i)), buyer: "", paid: 1, shipping: 0, refund: 0, status: "", createdAt: null, paidAt: null, shippedAt: null, confirmedAt: null, note: "", tracking: "", salesperson: "", source: { file: "f", sheet: "s", row: i + 2 } });
}
const r = { kind: "orders", recognition: { kind: "orders", variant: "", headerRow: 1, columns: {}, score: 1, missing: [] }, data: { orders, shifts: [], sales: [], roster: [], incidents: [] }, problems: [], rowsRead: orders.length };
time("mergeImports: 2 × 200,000 orders, same ids", () => mergeImports([r, r]));
