/**
 * Import + engine for one build, fed row chunks as the adapter reads them. The same object runs
 * inside the Web Worker (worker.ts) or, where there is no worker, in the pane itself in slices.
 */
import { buildMonth, pickMonth } from "../core/engine";
import { createRowImporter, mergeImports, type RowImporter } from "../core/import";
import type { Cell, SourceKind } from "../core/import/types";
import { KefuError, type Problem } from "../core/problems";
import type { ManagerState } from "../core/reports/types";
import { defaultRules } from "../core/rules/defaults";
import { rulesFromRows } from "../core/rules/sheet";
import { buildWorkbookSpec } from "../core/sheets";
import { SHEET_NAMES } from "../core/sheets/names";
import type { WorkbookSpec } from "../core/sheets/types";
import { startImport, type HeadReply } from "../excel/read";
import { summarise, type BuildSummary } from "./summary";

export interface FinishOptions {
  /** "YYYY-MM", or null to take the month most paid orders fall in. */
  month: string | null;
  /** The 规则 sheet's rows, or null to use the defaults. */
  rulesRows: Cell[][] | null;
  manager: ManagerState;
  /** Workbook name for problem locations. */
  file: string;
}

export interface BuildOutput {
  spec: WorkbookSpec;
  summary: BuildSummary;
}

/** Month of today on the shop's clock, the last resort when no order has a paid time. */
function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}

export class BuildProcessor {
  private readonly sheets = new Map<string, { importer: RowImporter; buffer: Cell[] }>();

  constructor(private readonly file: string) {}

  /** The first rows of a sheet (row 1 on, all columns, values and displayed text): recognised here. */
  head(sheet: string, kind: SourceKind | null, values: Cell[][], texts: string[][]): HeadReply {
    const importer = createRowImporter(kind, this.file, sheet);
    this.sheets.set(sheet, { importer, buffer: [] });
    return startImport(importer, values, texts);
  }

  /** Rows after the head, each holding only `columns` (in that order). */
  rows(sheet: string, columns: readonly number[], rows: readonly Cell[][]): void {
    const s = this.sheets.get(sheet);
    if (!s) throw new Error(`rows for ${sheet} before its head`);
    const width = columns.length ? Math.max(...columns) + 1 : 0;
    if (s.buffer.length !== width) s.buffer = new Array<Cell>(width).fill(null);
    const buf = s.buffer;
    for (const r of rows) {
      for (let k = 0; k < columns.length; k++) buf[columns[k]] = r[k] ?? null;
      s.importer.push(buf);
    }
  }

  finish(opts: FinishOptions): BuildOutput {
    const results = [...this.sheets.values()].map((s) => s.importer.finish());
    const { data, problems } = mergeImports(results);
    let rules = defaultRules();
    const ruleProblems: Problem[] = [];
    if (opts.rulesRows) {
      const r = rulesFromRows(opts.rulesRows, { file: opts.file, sheet: SHEET_NAMES.rules.name });
      if (r.problems.some((p) => p.severity === "error")) throw new KefuError(r.problems);
      rules = r.rules;
      ruleProblems.push(...r.problems);
    }
    const month = opts.month ?? pickMonth(data.orders) ?? thisMonth();
    const report = buildMonth(data, rules, { month, manager: opts.manager, importProblems: [...ruleProblems, ...problems] });
    const spec = buildWorkbookSpec(report);
    return { spec, summary: summarise(report, spec) };
  }
}
