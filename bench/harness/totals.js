/**
 * The per-agent totals the three implementations must agree on to the cent: for each agent
 * (工号), the month's counted orders whose credit stands, and their Σ paid (sales), Σ refund
 * and Σ collected (回款 = max(paid − refund, 0)), in integer cents; plus the orders no agent
 * code claims (count and Σ collected). Agents with no orders are equal to zero everywhere.
 */

const FIELDS = ["orders", "sales", "refunds", "collected"];

function emptyTotals() {
  return { agents: {}, unattributed: { orders: 0, collected: 0 } };
}

/** From a MonthReport (the engine, in process). */
function agentTotalsOfReport(report) {
  const t = emptyTotals();
  for (const p of report.performance) {
    if (p.orders === 0 && p.collected === 0) continue;
    t.agents[p.agent.staffNo] = { orders: p.orders, sales: p.sales, refunds: p.refunds, collected: p.collected };
  }
  for (const u of report.unattributed) {
    t.unattributed.orders++;
    t.unattributed.collected += u.collected;
  }
  return t;
}

const cents = (yuan) => Math.round(yuan * 100);

/** From the command line's --json file (money in yuan rounded to 0.01). */
function agentTotalsOfJson(json) {
  const t = emptyTotals();
  for (const a of json.agents) {
    if (a.orders === 0 && a.collected === 0) continue;
    t.agents[a.agent] = { orders: a.orders, sales: cents(a.sales), refunds: cents(a.refunds), collected: cents(a.collected) };
  }
  for (const u of json.unattributed) {
    t.unattributed.orders++;
    t.unattributed.collected += cents(u.amount);
  }
  return t;
}

/**
 * Differences between two totals, restricted to `fields` (both sides must define them the same
 * way). Returns human-readable lines; empty = equal to the cent.
 */
function diffTotals(a, b, fields = FIELDS, names = ["a", "b"]) {
  const out = [];
  const keys = [...new Set([...Object.keys(a.agents), ...Object.keys(b.agents)])].sort();
  for (const k of keys) {
    const x = a.agents[k] || {};
    const y = b.agents[k] || {};
    for (const f of fields) {
      if ((x[f] ?? 0) !== (y[f] ?? 0)) out.push(`${k}.${f}: ${names[0]} ${x[f] ?? 0} ≠ ${names[1]} ${y[f] ?? 0}`);
    }
  }
  for (const f of ["orders", "collected"]) {
    // The formula workbook does not compute the unattributed orders.
    if (!fields.includes(f) || !a.unattributed || !b.unattributed) continue;
    if (a.unattributed[f] !== b.unattributed[f]) out.push(`unattributed.${f}: ${names[0]} ${a.unattributed[f]} ≠ ${names[1]} ${b.unattributed[f]}`);
  }
  return out;
}

function summary(t) {
  let orders = 0;
  let collected = 0;
  for (const a of Object.values(t.agents)) {
    orders += a.orders;
    collected += a.collected;
  }
  return { agents: Object.keys(t.agents).length, orders, collected, unattributedOrders: t.unattributed.orders, unattributedCollected: t.unattributed.collected };
}

module.exports = { FIELDS, agentTotalsOfReport, agentTotalsOfJson, diffTotals, summary };
