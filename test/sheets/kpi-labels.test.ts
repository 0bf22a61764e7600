/**
 * KPI labels live once (core/rules/kpi.ts KPI_METRICS): the rules sheet's KPI rows, its KPI
 * errors and the performance board's score headers and notes all read the same words.
 */
import { KPI_METRICS, KPI_UNIT_WORDS, rulesFromRows, rulesToRows, type KpiMetric } from "../../src/core";
import type { Cell } from "../../src/core/import/types";
import { buildWorkbookSpec } from "../../src/core/sheets";
import { kpiNotes, performanceColumns } from "../../src/core/sheets/performance";
import { handReport } from "./hand-report";

const ALL = Object.keys(KPI_METRICS) as KpiMetric[];

function reportWithEveryMetric() {
  const report = handReport();
  // A rate target within every rate metric's plausible range (a refund-rate target of 100% is refused).
  report.rules.kpi = ALL.map((metric) => ({ metric, weight: 10, target: KPI_METRICS[metric].unit === "rate" ? 0.5 : 1, reverse: false, cap: 1.2 }));
  return report;
}

describe("KPI labels: one table", () => {
  test("the rules sheet writes each metric's label and unit note from the table", () => {
    const rows = rulesToRows(reportWithEveryMetric().rules);
    for (const m of ALL) {
      const row = rows.find((r) => r[1] === `kpi.${m}`)!;
      expect(row[0]).toBe(KPI_METRICS[m].zh);
      expect(row[8]).toBe(`${KPI_UNIT_WORDS[KPI_METRICS[m].unit].zh} / ${KPI_UNIT_WORDS[KPI_METRICS[m].unit].en}`);
    }
  });

  test("a bad KPI row's error names the metric with the same label", () => {
    const rows: Cell[][] = rulesToRows(reportWithEveryMetric().rules).map((r) => r.slice());
    rows.find((r) => r[1] === "kpi.lateCount")![2] = "很多";
    const errors = rulesFromRows(rows, { file: "规则.xlsx", sheet: "规则" }).problems.filter((p) => p.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0].zh).toContain(KPI_METRICS.lateCount.zh);
  });

  test("the board's score headers and notes use the same labels", () => {
    const report = reportWithEveryMetric();
    const headers = performanceColumns(report).filter((c) => c.key.startsWith("kpi_")).map((c) => c.header);
    expect(headers).toEqual(ALL.map((m) => `${KPI_METRICS[m].zh}得分 ${KPI_METRICS[m].en} score`));
    const notes = kpiNotes(report);
    for (const m of ALL) expect(notes.some((l) => l.startsWith(`${KPI_METRICS[m].zh} ${KPI_METRICS[m].en}：`))).toBe(true);
    const board = buildWorkbookSpec(report).sheets.find((s) => s.key === "performance")!;
    expect(board.columns.map((c) => c.header)).toEqual(expect.arrayContaining(headers));
  });
});
