/**
 * 规则 — the rules the month was computed with, in the layout the rules reader accepts back
 * (`rulesFromRows`), so `kefu-board rules` and a built workbook both give the manager a sheet to
 * edit and pass to `--rules`.
 */
import type { Rules } from "../rules/types";
import { rulesToRows } from "../rules/sheet";
import { cellText } from "./layout";
import { SHEET_NAMES } from "./names";
import type { ColumnSpec, SheetSpec, SpecCell } from "./types";

const WIDTHS = [22, 36, 16, 16, 16, 16, 40];

export function buildRulesSheet(rules: Rules, month: string): SheetSpec {
  const [header, ...body] = rulesToRows(rules);
  const columns: ColumnSpec[] = header.map((h, i) => ({
    key: `c${i}`,
    header: String(h),
    format: i === 0 ? "text" : "number",
    width: WIDTHS[i] ?? 16,
  }));
  const rows: SpecCell[][] = body.map((r) =>
    columns.map((_c, i) => {
      const v = r[i];
      if (v === undefined || v === "") return null;
      return typeof v === "string" ? cellText(v) : v;
    }),
  );
  const s = SHEET_NAMES.rules;
  return {
    key: "rules",
    name: s.name,
    nameEn: s.nameEn,
    title: month ? `${s.name} ${month}` : s.name,
    subtitle: `${s.nameEn}${month ? " · " + month : ""} · 修改后用 --rules 重新生成 edit, then rebuild with --rules`,
    tabColor: s.tabColor,
    columns,
    rows,
    blocks: [],
    freeze: { rows: 3, columns: 1 },
    autoFilter: false,
  };
}
