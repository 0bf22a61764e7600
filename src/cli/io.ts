/**
 * Where the command line writes: results on stdout, progress and messages on stderr. Passed in,
 * so the commands run in-process under test with captured output.
 */
import { terminalSafe } from "./terminal";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress rewrites one line instead of adding lines. */
  tty: boolean;
}

/** What Progress writes before a line it rewrites in place: the one control this tool sends itself. */
export const REWRITE_LINE = "\r\u001b[2K";

/**
 * The process's stdout / stderr. Every text is passed through `terminalSafe`: cells from the
 * exports never drive the terminal (only Progress's own line rewrite goes through as it is).
 */
export function processIo(): Io {
  const safe = (t: string) => (t.startsWith(REWRITE_LINE) ? REWRITE_LINE + terminalSafe(t.slice(REWRITE_LINE.length)) : terminalSafe(t));
  return {
    out: (t) => void process.stdout.write(safe(t)),
    err: (t) => void process.stderr.write(safe(t)),
    tty: process.stderr.isTTY === true,
  };
}

/** A progress line on stderr: rewritten in place on a terminal, throttled lines otherwise. */
export class Progress {
  private last = 0;
  private open = false;
  constructor(private readonly io: Io) {}

  /** A step that may repeat often (rows written): at most every 250 ms on a terminal, every 5 s in a log. */
  tick(text: string): void {
    const now = Date.now();
    if (now - this.last < (this.io.tty ? 250 : 5000)) return;
    this.last = now;
    this.show(text);
  }

  /** A step always shown (file started, sheet done). */
  step(text: string): void {
    this.last = Date.now();
    this.show(text);
  }

  done(): void {
    if (this.open) this.io.err("\n");
    this.open = false;
  }

  private show(text: string): void {
    if (this.io.tty) {
      this.io.err(`${REWRITE_LINE}${text}`);
      this.open = true;
    } else {
      this.io.err(text + "\n");
    }
  }
}

/** Exit codes of every command. */
export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const;

/** Thrown by a command for a usage error (exit 2) found after option parsing. */
export class UsageError extends Error {}
