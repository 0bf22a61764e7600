/**
 * Saving the manager's column mapping (列名) into the workbook's 规则 sheet: the pane's mapping
 * step appends one 【列名】 row per field (label, column, source, field, header), as text, below
 * the sheet's last row — the manager's own edits above stay as they are. A workbook without a
 * 规则 sheet gets the default one with the mapping in its 【列名】 block.
 */
import { KefuError, SHEET_NAMES, buildRulesSheet, defaultRules, mappingRow, problem, rulesFromRows, type Cell, type ColumnMapping } from "../core";
import { readSheetRows } from "./read";
import type { ExcelRun } from "./types";
import { writeWorkbookSpec } from "./write";

/** Where the rules reader finds its key column (the 键 Key header), 0-based; null when none. */
function keyColumn(rows: Cell[][]): number | null {
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const cells = rows[r] ?? [];
    for (let c = 0; c < cells.length; c++) if (/^(键|key)(\s|$)/i.test(String(cells[c] ?? "").trim())) return c;
  }
  return null;
}

const same = (a: ColumnMapping, b: ColumnMapping) => a.kind === b.kind && a.field === b.field && a.header.trim() === b.header.trim();

/**
 * Adds `mappings` to the 规则 sheet (those already there are not repeated).
 * @returns how many rows were added, and whether the sheet had to be created.
 */
export async function saveColumnMappings(run: ExcelRun, mappings: readonly ColumnMapping[], month: string): Promise<{ added: number; created: boolean }> {
  const name = SHEET_NAMES.rules.name;
  const rows = await readSheetRows(run, name);
  if (rows === null) {
    const rules = defaultRules();
    rules.columns = mappings.slice();
    await writeWorkbookSpec(run, { month, sheets: [buildRulesSheet(rules, month)] });
    return { added: mappings.length, created: true };
  }
  const key = keyColumn(rows);
  if (key === null) {
    throw new KefuError([
      problem("error", "rules.header.missing", { file: "", sheet: name }, "", `“${name}”工作表缺少「键 Key」表头行，无法加入列名`, `the "${name}" sheet has no "键 Key" header row; the column names cannot be added`),
    ]);
  }
  const have = rulesFromRows(rows, { file: "", sheet: name }).rules.columns;
  const fresh = mappings.filter((m) => !have.some((h) => same(h, m)));
  if (fresh.length === 0) return { added: 0, created: false };
  // Label before the key column when there is room for it; the rules reader keys on the key column.
  const values = fresh.map((m) => (key > 0 ? mappingRow(m) : mappingRow(m).slice(1)));
  const first = key > 0 ? key - 1 : key;
  const width = values[0].length;
  await run(async (ctx) => {
    const range = ctx.workbook.worksheets.getItem(name).getRangeByIndexes(rows.length, first, values.length, width);
    // Text, so a header such as "1" or "=x" is stored as written, never as a number or a formula.
    range.numberFormat = values.map((r) => r.map(() => "@"));
    range.values = values;
    await ctx.sync();
  });
  return { added: fresh.length, created: false };
}
