/**
 * Sizing requests under Office's limits. Excel on the web rejects a request or a response over
 * 5 MB and a read over 5,000,000 cells; we aim well below (`REQUEST_BUDGET`) and keep a hard
 * ceiling (`MAX_REQUEST_BYTES`) that tests assert.
 */

export const MAX_REQUEST_BYTES = 4_000_000;
export const MAX_REQUEST_CELLS = 5_000_000;
/** What one chunk may carry by our own estimate; the rest is headroom for the JSON envelope. */
export const REQUEST_BUDGET = 3_000_000;
export const CELL_BUDGET = 1_000_000;
/** Microsoft suggests 5k–20k rows per chunk; more rarely helps and delays progress updates. */
export const MAX_CHUNK_ROWS = 50_000;

/** UTF-8 bytes of a string as a JSON literal (quotes and escapes included), without allocating. */
export function jsonStringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += c === 0x22 || c === 0x5c ? 2 : c < 0x20 ? 6 : 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** JSON bytes of one cell value plus its separating comma. */
export function jsonCellBytes(v: unknown): number {
  if (v === null || v === undefined) return 5;
  switch (typeof v) {
    case "string":
      return jsonStringBytes(v) + 1;
    case "number":
      return String(v).length + 1;
    case "boolean":
      return v ? 5 : 6;
    default:
      return jsonStringBytes(String(v)) + 1;
  }
}

/** Rows per read chunk for rows averaging `bytesPerRow` over `columns` cells, with 2× headroom. */
export function rowsForBudget(bytesPerRow: number, columns: number): number {
  const byBytes = Math.floor(REQUEST_BUDGET / Math.max(1, bytesPerRow * 2));
  const byCells = Math.floor(CELL_BUDGET / Math.max(1, columns));
  return Math.max(1, Math.min(MAX_CHUNK_ROWS, byBytes, byCells));
}

/** Office's error codes for a request or response that was too large. */
export function isPayloadError(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? "";
  const msg = String((e as { message?: string })?.message ?? "");
  return /PayloadSizeLimitExceeded|PayloadTooLarge|RequestEntityTooLarge/i.test(code + " " + msg) || / 413\b/.test(msg);
}
