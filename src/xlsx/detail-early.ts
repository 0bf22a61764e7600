/**
 * 订单明细 begun while the build is still going (issue 17: both cores for the whole run). The
 * sheet's rows are known once the engine has laid out the counted orders (core's CountedSheet,
 * finishBuild's `onCounted`), seconds before the reconciliation, the pay and the sheet specs are
 * made. From then the worker thread writes and deflates the rows while the main thread builds the
 * rest; the workbook's writer takes the worker over (./write.ts `early`) once the spec exists:
 * with the same style and shared-string tables, the rows checked against the spec's own cells at
 * sampled rows, and the frame's tail sent last. Any difference and the sheet is written as before.
 *
 * Measured on the 1M-order month, and where else it could start: WriteOptions.early in ./write.ts.
 */
import { sheetRowCount, type CountedSheet, type MonthReport, type WorkbookSpec } from "../core";
import { chunkTransfer, planEarlyDetail, type DetailJob, type EarlyPlan } from "./detail-sheet";
import { debug, detailScript, inThreadRun, startDetailWorker, type DetailRun } from "./detail-run";
import { SharedStrings } from "./shared-strings";
import type { StringMode } from "./sheet-writer";
import { StyleBook } from "./styles";
import { detailSettings, type WriteOptions } from "./write";
import type { CompressedPart } from "./zip";

/** How the tables and the part were set up: the write must use the same to take the rows over. */
interface Settings {
  mode: "worker" | "here";
  stringMode: StringMode;
  inlineFrom: number;
  level: number;
}

export class EarlyDetail {
  /** Whether the write took the rows over (tests check the path ran). */
  taken = false;
  private written = 0;
  private progress: ((rows: number) => void) | null = null;

  constructor(
    /** The workbook's style and shared-string tables, holding the rows' entries already. */
    readonly styles: StyleBook,
    readonly strings: SharedStrings,
    private readonly settings: Settings,
    private readonly plan: EarlyPlan,
    private readonly run: DetailRun,
  ) {}

  /** Feeds the worker every chunk (the worker writes one while the next is gathered); false when the columns ran short. */
  feed(): boolean {
    let n = 0;
    for (const chunk of this.plan.chunks()) {
      this.run.post({ type: "rows", chunk }, chunkTransfer(chunk));
      n = chunk.end;
    }
    return n === this.plan.job.count;
  }

  onWorkerProgress(rows: number): void {
    this.written += rows;
    this.progress?.(rows);
  }

  /**
   * Whether the workbook `spec` written with `opts` can take these rows: its 订单明细 is the sheet
   * planned (layout, row count, cells at the sampled rows) and the tables are set up alike.
   */
  fits(spec: WorkbookSpec, opts: WriteOptions & { report?: MonthReport }): boolean {
    const sheet = spec.sheets.find((s) => s.key === "orders");
    if (!sheet || !opts.report || sheet.chart) return false;
    const want = detailSettings(opts, sheetRowCount(sheet));
    if (want.mode !== this.settings.mode || want.stringMode !== this.settings.stringMode || want.inlineFrom !== this.settings.inlineFrom || want.level !== this.settings.level) return false;
    return this.plan.matches(sheet, opts.report);
  }

  get job(): DetailJob {
    return this.plan.job;
  }

  extraUses(): number {
    return this.plan.extraUses();
  }

  /**
   * The frame's tail to the worker, which then ends the part: its compressed rows, or null when
   * the spec's frame does not fit the rows written (the sheet is then written from its rows).
   * `progress` gets the rows written so far and from now on.
   */
  async end(spec: WorkbookSpec, progress: (rows: number) => void): Promise<{ take: () => Promise<CompressedPart | null> } | null> {
    const sheet = spec.sheets.find((s) => s.key === "orders")!;
    const suffix = await this.plan.frame(sheet);
    if (!suffix) {
      this.stop();
      return null;
    }
    progress(this.written);
    this.progress = progress;
    this.run.post({ type: "end", suffix }, [suffix.buffer as ArrayBuffer]);
    this.taken = true;
    return { take: () => this.run.take() };
  }

  /** No longer wanted (the write did not take it, or the build failed): the worker ends. */
  stop(): void {
    this.run.stop();
  }
}

/**
 * Starts writing 订单明细's rows in a worker thread from the build's CountedSheet, when the write
 * (with `opts`, as the command line calls it) would give them to a worker anyway; else null.
 * (`detail: "here"`: on this thread, for tests.)
 */
export function startEarlyDetail(sheet: CountedSheet, opts: WriteOptions = {}): EarlyDetail | null {
  const set = detailSettings(opts, sheet.rows);
  const mode = set.mode;
  if (mode === "rows" || sheet.rows < set.from) return null;
  const script = mode === "worker" ? detailScript() : null;
  if (mode === "worker" && !script) return null;
  const styles = new StyleBook();
  const strings = new SharedStrings();
  const settings: Settings = { mode, stringMode: set.stringMode, inlineFrom: set.inlineFrom, level: set.level };
  const plan = planEarlyDetail(sheet, { styles, strings, ...settings, chunkRows: opts.detailChunkRows });
  if (!plan) return null;
  let early: EarlyDetail | null = null;
  const progress = (rows: number) => early?.onWorkerProgress(rows);
  const run = script ? startDetailWorker(script, plan.job, progress) : inThreadRun(plan.job, progress);
  if (!run) return null;
  early = new EarlyDetail(styles, strings, settings, plan, run);
  if (!early.feed()) {
    early.stop();
    return null;
  }
  debug("early: worker fed");
  return early;
}
