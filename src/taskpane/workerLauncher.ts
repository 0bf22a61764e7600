/**
 * Starting the pane's Web Worker, and knowing when it cannot start. `new Worker("worker.js")`
 * does not throw when the file is missing or throws while loading: the failure arrives later as
 * an `error` event. So a worker counts as started only once it answers a ping; an error event or
 * silence first means the pane runs the same work in-page (and says so).
 */
import type { FromWorker } from "./protocol";

export type Started = { worker: Worker; reason?: undefined } | { worker: null; reason: string };

/** How long a worker may take to load and answer before the pane stops waiting for it. */
export const START_TIMEOUT_MS = 10_000;

export class WorkerLauncher {
  /** Why workers failed on this page: once worker.js cannot load, later runs go in-page at once. */
  private broken: string | null = null;

  constructor(
    private readonly make: () => Worker = pageWorker,
    private readonly timeoutMs = START_TIMEOUT_MS,
  ) {}

  /** A worker that answered the ping, or null with the reason (in English, for the pane's notice). */
  start(): Promise<Started> {
    if (this.broken !== null) return Promise.resolve({ worker: null, reason: this.broken });
    let worker: Worker;
    try {
      worker = this.make();
    } catch (e) {
      // Blocked by the host's policy (CSP) or an invalid URL.
      return Promise.resolve(this.markBroken(messageOf(e)));
    }
    return new Promise<Started>((resolve) => {
      const settle = (r: Started) => {
        clearTimeout(timer);
        worker.onmessage = null;
        worker.onerror = null;
        if (r.worker === null) worker.terminate();
        resolve(r);
      };
      const timer = setTimeout(() => settle(this.markBroken(`worker.js did not answer within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
      worker.onmessage = (e: MessageEvent<FromWorker>) => {
        if (e.data?.type === "ready") settle({ worker });
        else if (e.data?.type === "error") settle(this.markBroken(e.data.message || "worker error"));
      };
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault?.();
        settle(this.markBroken(e.message || "worker.js failed to load"));
      };
      try {
        worker.postMessage({ type: "ping" });
      } catch (e) {
        settle(this.markBroken(messageOf(e)));
      }
    });
  }

  private markBroken(reason: string): Started {
    this.broken = reason;
    return { worker: null, reason };
  }
}

/** worker.js beside taskpane.html, as the built add-in ships it. */
function pageWorker(): Worker {
  if (typeof Worker === "undefined") throw new Error("Web Workers are not available here");
  return new Worker("worker.js");
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The page's one launcher (worker.js sits beside taskpane.html in the built add-in). */
export const pageWorkers = new WorkerLauncher();
