/**
 * 问题 — every import, rule and reconciliation message, located (file, sheet, row, column, value)
 * and in both languages; counts by severity as live COUNTIFS.
 */
import type { MonthReport } from "../reports/types";
import type { Severity } from "../problems";
import { TableRef, cellText, formula } from "./layout";
import { SHEET_NAMES } from "./names";
import type { ColumnSpec, SheetSpec, SpecCell } from "./types";

export const PROBLEM_COLUMNS: ColumnSpec[] = [
  { key: "severity", header: "级别 Severity", format: "text", width: 12 },
  { key: "file", header: "文件 File", format: "text", width: 22 },
  { key: "sheet", header: "工作表 Sheet", format: "text", width: 14 },
  { key: "row", header: "行 Row", format: "int", width: 8 },
  { key: "column", header: "列 Column", format: "text", width: 16 },
  { key: "value", header: "值 Value", format: "text", width: 24 },
  { key: "zh", header: "中文", format: "text", width: 50 },
  { key: "en", header: "English", format: "text", width: 60 },
  { key: "code", header: "代码 Code", format: "text", width: 24 },
];

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: "错误 error",
  warning: "警告 warning",
  info: "提示 info",
};

export function buildProblemsSheet(report: MonthReport, t: TableRef): SheetSpec {
  const rows: SpecCell[][] = report.problems.map((p) => [
    SEVERITY_LABELS[p.severity],
    cellText(p.file),
    cellText(p.sheet),
    p.row,
    p.column === null ? "" : cellText(p.column),
    cellText(p.value),
    cellText(p.zh),
    cellText(p.en),
    p.code,
  ]);
  const counts: SpecCell[][] = (Object.keys(SEVERITY_LABELS) as Severity[]).map((sev) => {
    const cells: SpecCell[] = new Array(PROBLEM_COLUMNS.length).fill(null);
    cells[0] = SEVERITY_LABELS[sev];
    cells[t.col("row")] = formula(
      `COUNTIFS(${t.range("severity", false)},"${SEVERITY_LABELS[sev]}")`,
      report.problems.filter((p) => p.severity === sev).length,
    );
    return cells;
  });
  const s = SHEET_NAMES.problems;
  return {
    key: "problems",
    name: s.name,
    nameEn: s.nameEn,
    title: `${s.name} ${report.month}`,
    subtitle: `${s.nameEn} · ${report.month} · 每条都注明来源位置 every message names where it comes from`,
    tabColor: s.tabColor,
    columns: PROBLEM_COLUMNS,
    rows,
    blocks: [{ title: "按级别计数 Count by severity", rows: counts, style: "total" }],
    freeze: { rows: 3, columns: 0 },
    autoFilter: true,
  };
}
