/**
 * MonthReport → WorkbookSpec: the one description of the output workbook that the xlsx writer
 * (command line) and the Office.js adapter (task pane) both render.
 *
 * @example
 *   const spec = buildWorkbookSpec(buildMonth(data, rules, { month: "2026-10" }));
 *   await writeWorkbook(spec, "out/kefu-board-2026-10.xlsx");
 */
import type { MonthReport } from "../reports/types";
import { countedCount } from "../reports/counted";
import { EXCEL_MAX_ROWS, TableRef } from "./layout";
import { SHEET_NAMES } from "./names";
import { ATTENDANCE_COLUMNS, attendanceRowCount, buildAttendanceSheet } from "./attendance";
import { COMMISSION_COLUMNS, buildCommissionSheet } from "./commission";
import { buildPayslipSheet } from "./payslip";
import { ORDER_COLUMNS, UNATTRIBUTED_COLUMNS, buildOrdersSheet, buildUnattributedSheet, ordersFit } from "./orders";
import { PENALTY_COLUMNS, buildPenaltiesSheet } from "./penalties";
import { buildPerformanceSheet, performanceColumns } from "./performance";
import { PROBLEM_COLUMNS, buildProblemsSheet } from "./problems";
import { DAY_COLUMNS, buildReconciliationSheet } from "./reconciliation";
import { buildRulesSheet } from "./rules";
import { buildShopsSheet } from "./shops";
import { buildAffiliateSheet } from "./affiliate";
import { buildReturnShippingSheet, withShippingColumn } from "./returnShipping";
import { defaultPrint } from "./print";
import { tidySheet } from "./tidy";
import type { WorkbookSpec } from "./types";

export interface SpecOptions {
  /** Rows a sheet may hold (Excel: 1,048,576); lower only in tests. */
  maxRows?: number;
}

export function buildWorkbookSpec(report: MonthReport, opts: SpecOptions = {}): WorkbookSpec {
  const maxRows = opts.maxRows ?? EXCEL_MAX_ROWS;
  const n = SHEET_NAMES;
  const performance = new TableRef(n.performance.name, performanceColumns(report), report.performance.length);
  const penalties = new TableRef(n.penalties.name, PENALTY_COLUMNS, report.penalties.length);
  const days = new TableRef(n.reconciliation.name, DAY_COLUMNS, report.days.length);
  const commission = new TableRef(n.commission.name, COMMISSION_COLUMNS, report.commission.length);
  const unattributed = new TableRef(n.unattributed.name, UNATTRIBUTED_COLUMNS, report.unattributed.length);
  const orders = new TableRef(n.orders.name, ORDER_COLUMNS, countedCount(report));
  const problems = new TableRef(n.problems.name, PROBLEM_COLUMNS, report.problems.length);
  // Formulas reach only into drill-downs that hold all their rows (see ordersFit).
  const whole = (t: TableRef) => (ordersFit(t.rowCount, maxRows) ? t : null);
  const attendanceRows = attendanceRowCount(report);
  const attendance = report.attendance && attendanceRows + 3 <= maxRows ? new TableRef(n.attendance.name, ATTENDANCE_COLUMNS, attendanceRows) : null;
  return withPrint({
    month: report.month,
    sheets: [
      buildPerformanceSheet(report, { self: performance, orders: whole(orders), penalties, attendance }),
      buildPenaltiesSheet(report, penalties),
      withShippingColumn(buildReconciliationSheet(report, { self: days, performance, orders: whole(orders), unattributed: whole(unattributed) }), report),
      buildCommissionSheet(report, { self: commission, orders: whole(orders), penalties, attendance }),
      buildPayslipSheet(report, { commission, penalties }),
      buildUnattributedSheet(report, unattributed, maxRows),
      buildOrdersSheet(report, orders, maxRows),
      buildAttendanceSheet(report),
      // Only for a group of shops: a one-shop month's workbook is unchanged.
      ...[buildShopsSheet(report), buildAffiliateSheet(report), buildReturnShippingSheet(report)].filter((x): x is NonNullable<typeof x> => x !== null),
      buildRulesSheet(report.rules, report.month),
      buildProblemsSheet(report, problems),
    ],
  });
}

/**
 * Every sheet tidied (tidy.ts: cents, widths, wraps, header height); without its own page setup
 * it gets the default, and the board prints on one page.
 */
function withPrint(spec: WorkbookSpec): WorkbookSpec {
  for (const s of spec.sheets) {
    tidySheet(s);
    s.print ??= defaultPrint(s.key === "performance" ? { pagesTall: 1 } : {});
  }
  return spec;
}

export { SHEET_NAMES } from "./names";
export { WAIVED_MARKS, isWaivedMark } from "./penalties";
export { blockFirstRows } from "./layout";
export { buildRulesSheet } from "./rules";
export { reportToJson } from "./json";
