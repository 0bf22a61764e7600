/** The --json contract on the hand-made report: fields, units, key order, determinism. */
import fc from "fast-check";
import { putYuan, reportJsonBytes, reportJsonParts, reportJsonText, reportToJson } from "../../src/core/sheets/json";
import { yuan } from "../../src/core/sheets/layout";
import { HOSTILE, handReport } from "./hand-report";
import { textColumn } from "../../src/core/reports/textcolumn";

const CONTRACT = {
  top: ["month", "agents", "penalties", "fund", "days", "unattributed", "problems"],
  agent: ["agent", "name", "orders", "collected", "inquiries", "payers", "conversion", "aov", "lateCount", "earlyCount", "complaints", "fines", "dismissal", "commissionRate", "commission", "netPay"],
  penalty: ["id", "date", "agent", "rule", "occurrence", "amount", "dismissal", "waived", "source"],
  day: ["date", "ordersPaid", "paidAmount", "unattributedOrders", "unattributedAmount"],
  unattributed: ["orderId", "amount", "note"],
  problem: ["file", "sheet", "row", "column", "value", "message"],
};

test("the contract's keys come first, in the documented order", () => {
  const j = reportToJson(handReport());
  expect(Object.keys(j).slice(0, CONTRACT.top.length)).toEqual(CONTRACT.top);
  expect(Object.keys(j.agents[0]).slice(0, CONTRACT.agent.length)).toEqual(CONTRACT.agent);
  expect(Object.keys(j.penalties[0]).slice(0, CONTRACT.penalty.length)).toEqual(CONTRACT.penalty);
  expect(Object.keys(j.days[0]).slice(0, CONTRACT.day.length)).toEqual(CONTRACT.day);
  expect(Object.keys(j.unattributed[0]).slice(0, CONTRACT.unattributed.length)).toEqual(CONTRACT.unattributed);
  expect(Object.keys(j.problems[0]).slice(0, CONTRACT.problem.length)).toEqual(CONTRACT.problem);
});

test("hand-computed figures: money in yuan to the cent, rates as fractions, dates YYYY-MM-DD", () => {
  const j = reportToJson(handReport());
  expect(j.month).toBe("2026-10");
  expect(j.agents[0]).toMatchObject({
    agent: "KF01", name: "小美", orders: 3, collected: 25200.5, inquiries: 10, payers: 4, conversion: 0.4,
    aov: 6340.1, lateCount: 0, earlyCount: 0, complaints: 2, fines: 50, dismissal: false,
    commissionRate: 0.01, commission: 252.01, netPay: 2142.01,
  });
  expect(j.agents[1]).toMatchObject({ agent: "KF02", name: HOSTILE.at, conversion: null, aov: null, fines: 10, netPay: 1794, adjustment: 50 });
  expect(j.penalties.map((p) => [p.id, p.date, p.agent, p.rule, p.occurrence, p.amount, p.waived, p.source])).toEqual([
    ["P-complaint-KF01-1", "2026-10-03", "KF01", "complaint", 1, 50, false, "违规记录!2"],
    ["P-complaint-KF01-2", "2026-10-09", "KF01", "complaint", 2, 100, true, "违规记录!3"],
    ["P-late-KF02-1", "2026-10-05", "KF02", "late", 1, 10, false, "违规记录!4"],
  ]);
  expect(j.fund).toBe(60);
  expect(j.days[1]).toMatchObject({ date: "2026-10-02", ordersPaid: 3, paidAmount: 268.7, unattributedOrders: 1, unattributedAmount: 88.8, salesExportDiff: null });
  expect(j.unattributed).toEqual([expect.objectContaining({ orderId: "3101234567890123459", amount: 88.8, note: HOSTILE.cmd, day: "2026-10-02" })]);
  expect(j.problems[0]).toMatchObject({ file: "orders.csv", sheet: "orders", row: 9, column: "买家实际支付金额", value: HOSTILE.hyperlink, message: "金额无法识别 / amount not recognised" });
  expect(j.shopCollected).toBe(25409.3);
});

test("the same report gives the same bytes; the text is indented JSON ending in a newline", () => {
  const a = reportJsonText(handReport());
  expect(reportJsonText(handReport())).toBe(a);
  expect(a.endsWith("}\n")).toBe(true);
  expect(JSON.parse(a)).toEqual(reportToJson(handReport()));
});

test("money never shows float noise", () => {
  const r = handReport();
  r.counted[0].collected = 10; // 0.1 yuan
  r.unattributed[0].collected = 20;
  const text = reportJsonText(r);
  expect(text).not.toMatch(/\d\.\d*0000\d|\d\.\d*9999\d/);
});

test("the credited orders are one order per line (a million-order month's file stays a third of the size), and parse back the same", () => {
  const r = handReport();
  const text = reportJsonText(r);
  const j = reportToJson(r);
  expect(j.credited.length).toBeGreaterThan(1);
  for (const c of j.credited) expect(text).toContain(`\n    ${JSON.stringify(c)}`);
  expect(JSON.parse(text)).toEqual(j);
  // A month that credits no order still writes an empty list.
  for (const c of r.counted) c.agent = null;
  expect(JSON.parse(reportJsonText(r)).credited).toEqual([]);
  expect(reportJsonText(r)).toContain('"credited": []');
});

test("the JSON written in parts is the same text, whatever the batch", () => {
  const r = handReport();
  const whole = reportJsonText(r);
  for (const batch of [1, 2, 1000]) expect([...reportJsonParts(r, batch)].join("")).toBe(whole);
  expect([...reportJsonParts(r, 1)].length).toBe(2 + r.counted.filter((c) => c.agent !== null && c.creditRemovedBy === null).length);
});

describe("the credited list written from the report's columns", () => {
  const text = (cents: number): string => {
    const b = new Uint8Array(32);
    const end = putYuan(b, 0, cents);
    return end < 0 ? "(refused)" : new TextDecoder().decode(b.subarray(0, end));
  };

  test("putYuan prints the cents as JSON.stringify prints the yuan, over the whole range it takes", () => {
    for (const [c, t] of [[6463, "64.63"], [6460, "64.6"], [6400, "64"], [5, "0.05"], [50, "0.5"], [0, "0"], [-0, "0"], [-0.4, "0"], [-5, "-0.05"], [-6460, "-64.6"], [12.5, "0.13"], [999_999_999_999_999, "9999999999999.99"], [-999_999_999_999_999, "-9999999999999.99"]] as const) {
      expect(text(c)).toBe(t);
      expect(JSON.stringify(yuan(c))).toBe(t);
    }
    // Near the edges of the range (±10^15 cents), and everywhere within it.
    const edge = fc.integer({ min: 0, max: 10_000_000 }).chain((d) => fc.constantFrom(1e15 - 1 - d, -(1e15 - 1 - d)));
    const cents = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: -(1e15 - 1), max: 1e15 - 1 }), edge, fc.double({ min: -1e9, max: 1e9, noNaN: true }));
    fc.assert(fc.property(cents, (c) => text(c) === JSON.stringify(yuan(c))), { numRuns: 20_000 });
  });

  test("putYuan refuses what it cannot print exactly: 10^15 cents and beyond, not-a-number", () => {
    for (const c of [1e15, -1e15, 1e20, Infinity, -Infinity, NaN]) expect(text(c)).toBe("(refused)");
  });

  test("any ids, agents and amounts give the text the orders themselves give (odd ones the string way)", () => {
    const word = fc.oneof(fc.stringMatching(/^[0-9]{1,19}$/), fc.string({ maxLength: 8 }), fc.string({ unit: "binary", maxLength: 6 }), fc.constantFrom('a"b', "a\\b", "\u0000", "\ud800", "店铺:客服", "\u007f"));
    const amount = fc.oneof(fc.integer({ min: -2e6, max: 2e6 }), fc.constantFrom(1e15, -2e15, 0.5, -0));
    const row = fc.record({ id: word, agent: fc.option(word, { nil: null }), removed: fc.boolean(), paid: amount, shipping: amount, refund: amount, collected: amount });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), (rows, batch) => {
        const r = handReport();
        const proto = r.counted[0];
        r.counted = rows.map((x) => ({
          ...proto,
          agent: x.agent,
          collected: x.collected,
          creditRemovedBy: x.removed ? "P-x" : null,
          order: { ...proto.order, id: x.id, paid: x.paid, shipping: x.shipping, refund: x.refund },
        }));
        const agentNames = [...new Set(rows.flatMap((x) => (x.agent === null ? [] : [x.agent])))];
        const withCols = {
          ...r,
          countedColumns: {
            dayStart: [0, rows.length],
            agent: rows.map((x) => (x.agent === null ? -1 : agentNames.indexOf(x.agent))),
            agentNames,
            orders: r.counted.map((c) => c.order),
            shop: textColumn(rows.map(() => "")),
            matched: textColumn(rows.map(() => "")),
            removedBy: new Map(rows.flatMap((x, i) => (x.removed ? [[i, "P-x"] as [number, string]] : []))),
            collected: rows.map((x) => x.collected),
            paid: rows.map((x) => x.paid),
            shipping: rows.map((x) => x.shipping),
            refund: rows.map((x) => x.refund),
            paidAt: rows.map(() => 0),
            removed: rows.map((x) => (x.removed ? 1 : 0)),
            ids: rows.map((x) => x.id),
            buyer: rows.map(() => ""),
            status: textColumn(rows.map(() => "")),
            confirmedAt: rows.map(() => 0),
            sourceSheet: textColumn(rows.map(() => "")),
            sourceRow: rows.map(() => 0),
          },
        };
        const bare = { ...r, countedColumns: undefined };
        const a = [...reportJsonParts(withCols, batch)].join("");
        const b = [...reportJsonParts(bare, batch)].join("");
        // What the command line writes: the same text as UTF-8, for either kind of report.
        const bytes = (x: typeof r) => Buffer.concat([...reportJsonBytes(x, batch)]).toString("utf8");
        return a === b && bytes(withCols) === a && bytes(bare) === a;
      }),
      { numRuns: 300 },
    );
  });
});
