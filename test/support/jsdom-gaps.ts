/**
 * What jsdom lacks and the pane's tests need: Fluent's components ask for ResizeObserver, the
 * Excel double's payload meter and the file readers for TextEncoder / TextDecoder.
 * Use: `beforeAll(fillJsdomGaps)`.
 */
export function fillJsdomGaps(): void {
  const g = globalThis as Record<string, unknown>;
  g.TextEncoder ??= require("util").TextEncoder;
  g.TextDecoder ??= require("util").TextDecoder;
  g.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
