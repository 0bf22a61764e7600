/**
 * Child: the per-agent totals in DuckDB SQL, read_csv + GROUP BY on the UTF-8 copy of the order
 * export (see lib/transcode.js for why a copy). Args: options JSON, out.
 *
 * The attribution rule in SQL: the first roster token in the note (订单备注, then 商家备忘, joined
 * by a space as the importer joins them), a 工号 only where no Latin letter touches its start and
 * no digit its end (KF1 is not inside KF12), a 姓名 anywhere; case-insensitive. What RE2 cannot
 * say the same way as the engine: full-width forms (ＫＦ０３), which the engine folds and this
 * regex does not — the generated notes hold none, and the per-agent equality checks it.
 *
 * Options: {csv, month, tokens:[{code,name}], removed:[id], excluded:[status], hfInput?: path}.
 */
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");

const DUCKDB = path.resolve(__dirname, "..", ".duckdb", "node_modules", "@duckdb", "node-api");

const [optsJson, out] = process.argv.slice(2);
const opts = JSON.parse(optsJson);

const sqlText = (s) => `'${String(s).replace(/'/g, "''")}'`;
const reQuote = (s) => s.replace(/[\\.^$|?*+()[\]{}]/g, "\\$&");

function monthBounds(month) {
  const [y, m] = month.split("-").map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return [`${month}-01 00:00:00`, `${next}-01 00:00:00`];
}

/** The note's first roster token; `bounded` false: the tokens alone (to find one inside a match). */
function attributionRegex(tokens, bounded = true) {
  const codes = tokens.map((t) => reQuote(t.code.toLowerCase()));
  // A name of one character or a name that is also someone's code names nobody (identity.ts).
  const names = tokens.map((t) => t.name).filter((n) => n.length >= 2 && !tokens.some((t) => t.code === n));
  const codePart = bounded ? `(?:^|[^a-z])(${codes.join("|")})(?:[^0-9]|$)` : `(${codes.join("|")})`;
  return names.length ? `(?i)${codePart}|(${names.map(reQuote).join("|")})` : `(?i)${codePart}`;
}

/** One row per order: the counted orders of the month, or (`all`) every order of the export. */
function ordersSql(csv, all = false) {
  const [start, end] = monthBounds(opts.month);
  const re = sqlText(attributionRegex(opts.tokens));
  const inner = sqlText(attributionRegex(opts.tokens, false));
  const tokenRows = opts.tokens.flatMap((t) => [`(${sqlText(t.code.toUpperCase())}, ${sqlText(t.code)})`, ...(t.name ? [`(${sqlText(t.name)}, ${sqlText(t.code)})`] : [])]);
  const removed = opts.removed.length ? opts.removed.map(sqlText).join(", ") : "''";
  const excluded = opts.excluded.map((s) => `contains(status, ${sqlText(s)})`).join(" OR ");
  return `
    WITH tokens(token, agent) AS (VALUES ${tokenRows.join(", ")}),
    src AS (
      SELECT replace(replace("订单编号", '=', ''), '"', '') AS id,
             trim("订单状态") AS status,
             TRY_CAST("订单付款时间" AS TIMESTAMP) AS paid_at,
             CAST(round(TRY_CAST(trim("买家实际支付金额") AS DECIMAL(18,2)) * 100) AS BIGINT) AS paid,
             coalesce(CAST(round(TRY_CAST(trim("退款金额") AS DECIMAL(18,2)) * 100) AS BIGINT), 0) AS refund,
             concat_ws(' ', nullif(trim("订单备注"), ''), nullif(trim("商家备忘"), '')) AS note
      FROM read_csv(${sqlText(csv)}, header = true, all_varchar = true)
    ),
    counted AS (
      SELECT id, status, paid_at, paid, refund,
             -- The whole match carries the boundary characters; the token is found again inside it.
             nullif(upper(regexp_extract(regexp_extract(note, ${re}, 0), ${inner}, 0)), '') AS token,
             id IN (${removed}) AS removed
      FROM src
      ${all ? "" : `WHERE paid_at >= TIMESTAMP ${sqlText(start)} AND paid_at < TIMESTAMP ${sqlText(end)} AND NOT (${excluded})`}
    )
    SELECT t.agent AS agent, c.*, CASE WHEN c.removed AND NOT ${all} THEN 0 ELSE greatest(c.paid - c.refund, 0) END AS collected
    FROM counted c LEFT JOIN tokens t ON t.token = c.token`;
}

function totalsSql(csv) {
  return `
    WITH o AS (${ordersSql(csv)})
    SELECT agent,
           count(*) FILTER (WHERE agent IS NULL OR NOT removed) AS orders,
           coalesce(sum(paid) FILTER (WHERE NOT removed), 0) AS sales,
           coalesce(sum(refund) FILTER (WHERE NOT removed), 0) AS refunds,
           sum(collected) AS collected
    FROM o GROUP BY agent`;
}

async function main() {
  const t0 = performance.now();
  const { DuckDBInstance } = require(DUCKDB);
  const tRequire = performance.now();
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const tOpen = performance.now();
  const reader = await con.runAndReadAll(totalsSql(opts.csv));
  const tQuery = performance.now();
  const totals = { agents: {}, unattributed: { orders: 0, collected: 0 } };
  for (const [agent, orders, sales, refunds, collected] of reader.getRows()) {
    const row = { orders: Number(orders), sales: Number(sales), refunds: Number(refunds), collected: Number(collected) };
    if (agent === null) totals.unattributed = { orders: row.orders, collected: row.collected };
    else totals.agents[agent] = row;
  }
  const result = {
    requireMs: +(tRequire - t0).toFixed(1),
    openMs: +(tOpen - tRequire).toFixed(1),
    queryMs: +(tQuery - tOpen).toFixed(1),
    threads: Number((await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0]),
    version: require(path.join(DUCKDB, "package.json")).version,
    regex: attributionRegex(opts.tokens).slice(0, 120) + "…",
    totals,
  };
  if (opts.hfInput) {
    // The formula workbook's data sheet (not timed here): one row per order of the export, the
    // attribution helper column as DuckDB's rule found it, times as Excel serials, money in yuan.
    const all = ordersSql(opts.csv, true);
    await con.run(`COPY (
      SELECT coalesce(agent, '') AS agent,
             CASE WHEN paid_at IS NULL THEN '' ELSE CAST(round(epoch(paid_at) / 86400.0 + 25569, 8) AS VARCHAR) END AS paid_serial,
             status, paid / 100.0 AS paid, refund / 100.0 AS refund, collected / 100.0 AS collected, CAST(removed AS INTEGER) AS removed
      FROM (${all})) TO ${sqlText(opts.hfInput)} (HEADER, DELIMITER '\t')`);
  }
  fs.writeFileSync(out, JSON.stringify(result));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
