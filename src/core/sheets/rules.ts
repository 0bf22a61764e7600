/**
 * 规则 — the rules the month was computed with, in the layout the rules reader accepts back
 * (`rulesFromRows` finds its 键 Key header below our title rows), so `kefu-board rules` and a
 * built workbook both give the manager a sheet to edit and pass to `--rules`.
 */
import type { Rules } from "../rules/types";
import { rulesToRows } from "../rules/sheet";
import { cellText } from "./layout";
import { SHEET_NAMES } from "./names";
import type { ColumnSpec, SheetSpec, SpecCell } from "./types";

/** Label, key, five value columns, description: widths by position. */
const WIDTHS = [26, 30, 16, 14, 14, 12, 12, 28, 60];

export function buildRulesSheet(rules: Rules, month: string): SheetSpec {
  const [header, ...body] = rulesToRows(rules);
  const last = header.length - 1;
  const columns: ColumnSpec[] = header.map((h, i) => ({
    key: `c${i}`,
    header: String(h),
    // Label, key and description are text; values stay as typed (numbers, "2%", "08:30").
    format: i <= 1 || i === last ? "text" : "general",
    width: WIDTHS[i] ?? 14,
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
    subtitle: `${s.nameEn}${month ? " · " + month : ""} · 修改「值」后用 --rules 重新生成 edit the values, then rebuild with --rules`,
    tabColor: s.tabColor,
    columns,
    rows,
    blocks: [],
    freeze: { rows: 3, columns: 2 },
    autoFilter: false,
  };
}
