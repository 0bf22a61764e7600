/**
 * Import + engine for one build, fed row chunks as the adapter reads them. The same object runs
 * inside the Web Worker (worker.ts) or, where there is no worker, in the pane itself in slices.
 */
import {
  buildBoard,
  createRowImporter,
  reportJsonText,
  SHEET_NAMES,
  type BoardInput,
  type BuildSummary,
  type Cell,
  type ColumnMapping,
  type PreviousMonth,
  type RowImporter,
  type SourceKind,
  type WorkbookSpec,
} from "../core";
import { startImport, type HeadReply } from "../excel/read";

export interface FinishOptions {
  /** "YYYY-MM", or null to take the month most paid orders fall in. */
  month: string | null;
  /** The 规则 sheet's rows, or null to use the defaults. */
  rulesRows: Cell[][] | null;
  /** The add-in's own report sheets holding manager columns, as raw cells (the board being replaced). */
  board: BoardInput["sheets"];
  /** The workbook holds an earlier build's reports: a manager sheet missing from `board` was deleted. */
  built?: boolean;
  /** Workbook name for problem locations. */
  file: string;
  /** Also give the report's JSON (the command line's --json), for the parity test. */
  json?: boolean;
  /** Last month's board (its 订单明细 as cells, or its JSON) for the clawback; December: the year's earlier boards too. */
  previous?: PreviousBoardInput[];
  /** One shop of a group (the command line's --shop); null / absent = every shop together. */
  shop?: string | null;
}

/** One previous board as the pane read it (the command line's --previous). */
export type PreviousBoardInput = Exclude<NonNullable<PreviousMonth>, readonly unknown[]>;

export interface BuildOutput {
  spec: WorkbookSpec;
  summary: BuildSummary;
  json?: string;
}

export class BuildProcessor {
  private readonly sheets = new Map<string, { kind: SourceKind | null; importer: RowImporter; buffer: Cell[] }>();

  constructor(private readonly file: string) {}

  /**
   * The first rows of a sheet (row 1 on, all columns, values and displayed text): recognised here,
   * with the rules sheet's 【列名】 lines (`columns`) tried before the built-in aliases.
   */
  head(sheet: string, kind: SourceKind | null, values: Cell[][], texts: string[][], columns: readonly ColumnMapping[] = []): HeadReply {
    const importer = createRowImporter(kind, this.file, sheet, { columns });
    this.sheets.set(sheet, { kind, importer, buffer: [] });
    return startImport(importer, values, texts, columns);
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

  /** The build itself is the engine's (core/build.ts): every refusal, the month, the manager columns. */
  finish(opts: FinishOptions): BuildOutput {
    const sources = [...this.sheets].map(([sheet, s]) => ({ file: opts.file, sheet, slot: s.kind, results: [s.importer.finish()] }));
    const out = buildBoard({
      sources,
      rules: opts.rulesRows ? { file: opts.file, sheets: [{ sheet: SHEET_NAMES.rules.name, rows: opts.rulesRows }] } : null,
      month: opts.month,
      // The pane finds its sheets by their mark, not their name, so no other sheet is offered:
      // a manager sheet missing after a build is one the manager deleted (board.sheet.missing).
      board: opts.board.length > 0 || opts.built ? { file: opts.file, sheets: opts.board, ...(opts.built ? { others: [] } : {}) } : null,
      ...(opts.previous && opts.previous.length > 0 ? { previous: opts.previous } : {}),
      shop: opts.shop ?? null,
      // Lean: the sheets and the JSON read the report's columns, so a million counted orders'
      // objects are not kept alive while 订单明细's rows are posted to the page.
      lean: true,
    });
    return { spec: out.spec, summary: out.summary, ...(opts.json ? { json: reportJsonText(out.report) } : {}) };
  }
}
