/** The few figures the pane shows after a build (the sheets hold the rest). */
import type { MonthReport } from "./reports/types";
import type { WorkbookSpec } from "./sheets/types";
import { truncatedCells, type TruncatedSheet } from "./truncation";

export interface BuildSummary {
  month: string;
  agents: number;
  shopCollected: number;
  fund: number;
  unattributedOrders: number;
  unattributedAmount: number;
  /** Best three by KPI score: display name and score. */
  top: { staffNo: string; name: string; score: number }[];
  problems: number;
  errors: number;
  /** Cells cut to Excel's 32,767-character limit, per sheet (empty when none was cut). */
  truncated?: TruncatedSheet[];
  /** The shops the sources' orders name, the whole group also when one shop was built (core/build.ts); the pane offers them. */
  shops?: string[];
}

/** The pane's figures; `spec` (the sheets about to be written) gives the cut-cell counts. */
export function summarise(report: MonthReport, spec: WorkbookSpec): BuildSummary {
  const top = [...report.performance]
    .sort((a, b) => b.kpiScore - a.kpiScore || a.rank - b.rank)
    .slice(0, 3)
    .map((p) => ({ staffNo: p.agent.staffNo, name: p.agent.name || p.agent.staffNo, score: p.kpiScore }));
  return {
    month: report.month,
    agents: report.performance.length,
    shopCollected: report.shopCollected,
    fund: report.fund,
    unattributedOrders: report.unattributed.length,
    unattributedAmount: report.unattributed.reduce((n, o) => n + o.collected, 0),
    top,
    problems: report.problems.length,
    errors: report.problems.filter((p) => p.severity === "error").length,
    truncated: truncatedCells(spec),
  };
}
