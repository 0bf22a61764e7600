/**
 * What the reference implementations (DuckDB SQL, the formula workbook) need besides the order
 * export, read straight from the workload's xlsx files with ExcelJS — not through KefuBoard's
 * importer, so the comparison checks the importer too:
 * - the roster's tokens (工号 and 姓名: the texts the engine looks for in notes);
 * - the orders whose credit an incident removes (rule types with removesCredit in the handbook
 *   defaults: 生产延误, 未核对收货信息 and their aliases);
 * - the excluded statuses (handbook defaults).
 */
const ExcelJS = require("exceljs");
const { defaultRules } = require("../../lib/core/rules/defaults.js");

async function sheetRows(file) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const rows = [];
  ws.eachRow((row) => rows.push(row.values.slice(1).map((v) => (v === null || v === undefined ? "" : v instanceof Date ? v : String(v)))));
  return rows;
}

/** [{code, name}] from 花名册 (header row 1: 工号, 姓名, …). */
async function rosterTokens(file) {
  const [head, ...rows] = await sheetRows(file);
  const c = head.indexOf("工号");
  const n = head.indexOf("姓名");
  return rows.filter((r) => r[c]).map((r) => ({ code: r[c].trim(), name: (r[n] || "").trim() }));
}

/** Order ids (digits) whose sales credit the incidents remove. */
async function creditRemovedIds(file) {
  const rules = defaultRules();
  const removing = new Set();
  for (const [key, f] of Object.entries(rules.fines)) {
    if (!f.removesCredit) continue;
    for (const t of [key, f.label, ...f.aliases]) removing.add(t);
  }
  const [head, ...rows] = await sheetRows(file);
  const t = head.indexOf("类型");
  const o = head.indexOf("订单编号");
  return rows.filter((r) => removing.has(String(r[t]).trim()) && /\d/.test(r[o])).map((r) => String(r[o]).replace(/\D/g, ""));
}

function excludedStatuses() {
  return defaultRules().sales.excludedStatuses;
}

module.exports = { rosterTokens, creditRemovedIds, excludedStatuses };
