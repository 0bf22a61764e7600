/**
 * Stand-ins for the pane's Web Worker in jest (neither Node nor jsdom has one): the real message
 * handler run in-process with structured cloning and transfer, a worker.js that fails to load,
 * one that throws while starting, and one that never answers.
 */
import type { FromWorker, ToWorker } from "../../src/taskpane/protocol";
import { createWorkerHandler } from "../../src/taskpane/workerHandler";

type Listener<E> = ((e: E) => void) | null;

/** jsdom's global may lack structuredClone: then messages pass as they are. */
const clone = <T>(v: T, transfer?: Transferable[]): T =>
  typeof structuredClone === "function" ? structuredClone(v, transfer ? { transfer: transfer as ArrayBuffer[] } : undefined) : v;

abstract class FakeWorker {
  onmessage: Listener<MessageEvent<FromWorker>> = null;
  onerror: Listener<ErrorEvent> = null;
  terminated = false;
  readonly received: ToWorker[] = [];
  postMessage(m: ToWorker, transfer: Transferable[] = []): void {
    if (this.terminated) return;
    // As a browser does: a copy arrives, and transferred buffers are detached on this side.
    const copy = clone(m, transfer);
    this.received.push(copy);
    setTimeout(() => this.receive(copy), 0);
  }
  terminate(): void {
    this.terminated = true;
  }
  protected emit(m: FromWorker): void {
    const copy = clone(m);
    setTimeout(() => {
      if (!this.terminated) this.onmessage?.({ data: copy } as MessageEvent<FromWorker>);
    }, 0);
  }
  protected error(message: string): void {
    setTimeout(() => {
      if (!this.terminated) this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
    }, 0);
  }
  protected abstract receive(m: ToWorker): void;
}

/** worker.ts's own handler, run in this process. */
export class InProcessWorker extends FakeWorker {
  private readonly handle = createWorkerHandler((m) => this.emit(m));
  protected receive(m: ToWorker): void {
    void this.handle(m);
  }
}

/** worker.js missing (404) or blocked: the browser fires an error event and nothing runs. */
export class MissingWorker extends FakeWorker {
  constructor() {
    super();
    this.error("Failed to fetch a worker script (worker.js: 404)");
  }
  protected receive(): void {}
}

/** worker.js loads but throws while evaluating its module. */
export class CrashingWorker extends FakeWorker {
  protected receive(m: ToWorker): void {
    if (m.type === "ping") this.error("Uncaught TypeError: self.importScripts is not a function");
  }
}

/** worker.js never answers (a load that hangs). */
export class SilentWorker extends FakeWorker {
  protected receive(): void {}
}

export const asWorker = (w: FakeWorker) => w as unknown as Worker;
