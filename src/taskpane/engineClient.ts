/**
 * Where import + reports run: a Web Worker when the page can start one (the built pane ships
 * worker.js beside taskpane.html), else in the pane itself, in slices that yield to the event loop.
 * A worker that is missing or fails while loading is noticed before the build sends it anything
 * (workerLauncher.ts), so the same build simply runs in-page and the pane says so.
 */
import type { Cell, ColumnMapping, SourceKind } from "../core";
import { KefuError } from "../core";
import type { SheetSpec, WorkbookSpec } from "../core";
import { BuildProcessor, type BuildOutput, type FinishOptions } from "./processor";
import type { FromWorker, ToWorker } from "./protocol";
import type { HeadReply } from "../excel/read";
import { pageWorkers, type WorkerLauncher } from "./workerLauncher";

export interface EngineClient {
  readonly kind: "worker" | "local";
  /**
   * Recognises a sheet's head where the engine runs (with the rules sheet's 【列名】 lines, when
   * given); says which columns to read next.
   */
  head(sheet: string, kind: SourceKind | null, values: Cell[][], texts: string[][], columns?: ColumnMapping[]): Promise<HeadReply>;
  rows(sheet: string, columns: number[], rows: Cell[][]): Promise<void>;
  finish(options: FinishOptions): Promise<BuildOutput>;
  dispose(): void;
}

/** Lets the browser paint and handle input between slices of work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const SLICE_ROWS = 2000;

export class LocalEngine implements EngineClient {
  readonly kind = "local" as const;
  private readonly p: BuildProcessor;
  constructor(file: string) {
    this.p = new BuildProcessor(file);
  }
  async head(sheet: string, kind: SourceKind | null, values: Cell[][], texts: string[][], columns?: ColumnMapping[]): Promise<HeadReply> {
    return this.p.head(sheet, kind, values, texts, columns);
  }
  async rows(sheet: string, columns: number[], rows: Cell[][]): Promise<void> {
    for (let i = 0; i < rows.length; i += SLICE_ROWS) {
      this.p.rows(sheet, columns, rows.slice(i, i + SLICE_ROWS));
      await yieldToEventLoop();
    }
  }
  async finish(options: FinishOptions): Promise<BuildOutput> {
    await yieldToEventLoop();
    return this.p.finish(options);
  }
  dispose(): void {}
}

export class WorkerEngine implements EngineClient {
  readonly kind = "worker" as const;
  private failure: Error | null = null;
  private pending: { resolve(o: BuildOutput): void; reject(e: Error): void } | null = null;
  private sheets: SheetSpec[] = [];
  private heads = new Map<string, { resolve(r: HeadReply): void; reject(e: Error): void }>();

  constructor(
    private readonly worker: Worker,
    file: string,
  ) {
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    worker.onerror = (e: ErrorEvent) => this.fail(new Error(e.message || "worker error"));
    this.post({ type: "begin", file });
  }

  private post(m: ToWorker): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage(m);
  }

  private fail(e: Error): void {
    this.failure = e;
    this.pending?.reject(e);
    this.pending = null;
    for (const h of this.heads.values()) h.reject(e);
    this.heads.clear();
  }

  private receive(m: FromWorker): void {
    switch (m.type) {
      case "headDone":
        this.heads.get(m.sheet)?.resolve(m.reply);
        this.heads.delete(m.sheet);
        break;
      case "sheet":
        this.sheets[m.index] = { ...m.sheet, rows: [] };
        break;
      case "sheetRows": {
        const rows = this.sheets[m.index].rows;
        for (const r of m.rows) rows.push(r);
        break;
      }
      case "done": {
        const spec: WorkbookSpec = { month: m.month, sheets: this.sheets };
        this.sheets = [];
        this.pending?.resolve({ spec, summary: m.summary });
        this.pending = null;
        break;
      }
      case "error":
        this.fail(m.problems.length ? new KefuError(m.problems) : new Error(m.message));
        break;
    }
  }

  head(sheet: string, kind: SourceKind | null, values: Cell[][], texts: string[][], columns?: ColumnMapping[]): Promise<HeadReply> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.heads.set(sheet, { resolve, reject });
      this.post({ type: "head", sheet, kind, values, texts, ...(columns && columns.length > 0 ? { columns } : {}) });
    });
  }
  async rows(sheet: string, columns: number[], rows: Cell[][]): Promise<void> {
    this.post({ type: "rows", sheet, columns, rows });
  }
  finish(options: FinishOptions): Promise<BuildOutput> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.pending = { resolve, reject };
      this.post({ type: "finish", options });
    });
  }
  dispose(): void {
    this.worker.terminate();
  }
}

/** What the pane is told about where a run happens. */
export interface EngineEvents {
  /**
   * The worker could not start (worker.js missing, blocked, or failing as it loads): the run goes
   * on in the pane itself. `reason` is the browser's message.
   */
  onFallback?(reason: string): void;
}

/** How the pane gets an engine for one build. */
export type EngineFactory = (file: string, events?: EngineEvents) => EngineClient;

/**
 * A build in a Web Worker when one starts, else in the pane, chosen before the first sheet is
 * sent: nothing is lost by switching, because no row has gone to the worker yet. A worker that
 * fails later (mid-build) fails that build with its message, as before.
 */
export class FallbackEngine implements EngineClient {
  private engine: EngineClient | null = null;
  private readonly ready: Promise<EngineClient>;
  private disposed = false;

  constructor(file: string, launcher: WorkerLauncher, events: EngineEvents = {}) {
    this.ready = launcher.start().then((s) => {
      const engine: EngineClient = s.worker ? new WorkerEngine(s.worker, file) : new LocalEngine(file);
      if (!s.worker) events.onFallback?.(s.reason);
      this.engine = engine;
      if (this.disposed) engine.dispose();
      return engine;
    });
  }

  /** "worker" or "local" once decided; "local" until then (nothing has run anywhere yet). */
  get kind(): "worker" | "local" {
    return this.engine?.kind ?? "local";
  }

  /** The engine chosen (after the start-up ping). */
  whenReady(): Promise<EngineClient> {
    return this.ready;
  }

  async head(sheet: string, kind: SourceKind | null, values: Cell[][], texts: string[][], columns?: ColumnMapping[]): Promise<HeadReply> {
    return (await this.ready).head(sheet, kind, values, texts, columns);
  }
  async rows(sheet: string, columns: number[], rows: Cell[][]): Promise<void> {
    return (await this.ready).rows(sheet, columns, rows);
  }
  async finish(options: FinishOptions): Promise<BuildOutput> {
    return (await this.ready).finish(options);
  }
  dispose(): void {
    this.disposed = true;
    this.engine?.dispose();
  }
}

/** The pane's engine for one build: the page's worker, or in-page when it cannot start. */
export function createEngine(file: string, events: EngineEvents = {}, launcher: WorkerLauncher = pageWorkers): EngineClient {
  return new FallbackEngine(file, launcher, events);
}
