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
  /** The order clerk's self-audit in counts (selfAuditCounts); absent for a report without one. */
  selfAudit?: SelfAuditCounts;
  /** The shops the sources' orders name, the whole group also when one shop was built (core/build.ts); the pane offers them. */
  shops?: string[];
}

/** What the self-audit under 每日对账 found; null for a check not made (its input was not given). */
export interface SelfAuditCounts {
  /** Shipped without a tracking number (null: the export carries no numbers). */
  noTracking: number | null;
  /** Waiting to ship while the buyer's other order left. */
  partShipped: number;
  /** Shipped in the ERP, not on the platform (null: not both exports given). */
  erpShipped: number | null;
  /** Orders under an ERP 业务员 credited to nobody (null: the export has no 业务员). */
  clerkUnattributed: number | null;
}

export function selfAuditCounts(report: MonthReport): SelfAuditCounts | undefined {
  const a = report.selfAudit;
  if (!a) return undefined;
  return {
    noTracking: a.trackingKnown ? a.noTrackingCount : null,
    partShipped: a.partShipped.length,
    erpShipped: a.erpShipped === null ? null : a.erpShipped.length,
    clerkUnattributed: a.bySalesperson.length === 0 ? null : a.bySalesperson.reduce((n, s) => n + s.unattributed, 0),
  };
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
    ...(report.selfAudit ? { selfAudit: selfAuditCounts(report) } : {}),
  };
}
