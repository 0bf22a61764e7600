/**
 * Where import + reports run: a Web Worker when the page can start one (the built pane ships
 * worker.js beside taskpane.html), else in the pane itself, in slices that yield to the event loop.
 */
import type { Cell, SourceKind } from "../core/import/types";
import { KefuError } from "../core/problems";
import type { SheetSpec, WorkbookSpec } from "../core/sheets/types";
import { BuildProcessor, type BuildOutput, type FinishOptions } from "./processor";
import type { FromWorker, ToWorker } from "./protocol";
import type { HeadReply } from "../excel/read";

export interface EngineClient {
  readonly kind: "worker" | "local";
  /** Recognises a sheet's head where the engine runs; says which columns to read next. */
  head(sheet: string, kind: SourceKind | null, values: Cell[][], texts: string[][]): Promise<HeadReply>;
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
  async head(sheet: string, kind: SourceKind | null, values: Cell[][], texts: string[][]): Promise<HeadReply> {
    return this.p.head(sheet, kind, values, texts);
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

  head(sheet: string, kind: SourceKind | null, values: Cell[][], texts: string[][]): Promise<HeadReply> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.heads.set(sheet, { resolve, reject });
      this.post({ type: "head", sheet, kind, values, texts });
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

/** A worker from `worker.js` next to the page, or the in-pane engine when that is not possible. */
export function createEngine(file: string, workerUrl = "worker.js"): EngineClient {
  if (typeof Worker !== "undefined") {
    try {
      return new WorkerEngine(new Worker(workerUrl), file);
    } catch {
      // Blocked by the host's policy or missing: fall through to the in-pane engine.
    }
  }
  return new LocalEngine(file);
}
