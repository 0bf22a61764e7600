/**
 * The per-agent totals (harness/totals.js) read back from the workbook the command line wrote,
 * for months whose `--json` cannot be written (see docs/scale.md): 绩效看板's 订单数 / 销售额 /
 * 退款 / 回款 per 工号 (cached values of its formulas, or values when 订单明细 is cut), and
 * 未归属订单's rows (count, Σ 回款). Only those two sheets are inflated (lib/xlsx readSheetValues),
 * not the million-row 订单明细.
 */
const { readSheetValues } = require("../../lib/xlsx/read.js");

const cents = (v) => Math.round(Number(v) * 100);

/** The header row (the first with `first` in some cell) and a column finder on it. */
function headed(rows, first) {
  const r = rows.findIndex((row) => row && row.some((c) => typeof c === "string" && c.startsWith(first)));
  if (r < 0) throw new Error(`no header row with "${first}"`);
  const head = rows[r];
  const col = (prefix) => {
    const c = head.findIndex((v) => typeof v === "string" && v.startsWith(prefix));
    if (c < 0) throw new Error(`no column "${prefix}" (header row ${r})`);
    return c;
  };
  return { r, col };
}

async function agentTotalsOfWorkbook(file) {
  const BOARD = "绩效看板";
  const UNATTRIBUTED = "未归属订单";
  const { values } = await readSheetValues(file, [BOARD, UNATTRIBUTED]);
  const t = { agents: {}, unattributed: { orders: 0, collected: 0 } };
  const board = values.get(BOARD) || [];
  const b = headed(board, "工号");
  const [ca, co, cs, cr, cc] = ["工号", "订单数", "销售额", "退款 ", "回款"].map((h) => b.col(h));
  for (let r = b.r + 1; r < board.length; r++) {
    const row = board[r];
    // Data rows name an agent and have a number of orders; the totals row and notes do not.
    if (!row || typeof row[ca] !== "string" || typeof row[co] !== "number") continue;
    if (row[co] === 0 && cents(row[cc]) === 0) continue;
    t.agents[row[ca]] = { orders: row[co], sales: cents(row[cs]), refunds: cents(row[cr]), collected: cents(row[cc]) };
  }
  const un = values.get(UNATTRIBUTED) || [];
  if (un.length) {
    const u = headed(un, "订单编号");
    const [cid, cc2] = ["订单编号", "回款"].map((h) => u.col(h));
    for (let r = u.r + 1; r < un.length; r++) {
      const row = un[r];
      // An order row has an id of digits; the totals row and the notes do not.
      if (!row || !/^\d+$/.test(String(row[cid] ?? ""))) continue;
      t.unattributed.orders++;
      t.unattributed.collected += cents(row[cc2]);
    }
  }
  return t;
}

module.exports = { agentTotalsOfWorkbook };
