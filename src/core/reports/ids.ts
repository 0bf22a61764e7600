/**
 * Stable row ids: derived from what a row says (rule, agent, date, order), never from its
 * position, so a waiver typed next to a fine survives every rebuild and rows inserted elsewhere.
 */

/** FNV-1a 32-bit, base 36: a short, host-independent digest. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** An agent code fit for an id: itself when plain ASCII, else "h" + its digest. */
export function idPart(text: string): string {
  return /^[A-Za-z0-9_.]{1,32}$/.test(text) ? text : "h" + shortHash(text);
}

/**
 * Gives each key an ordinal among the identical keys seen so far (1, 2, …); callers feed keys
 * in content order so the ordinal does not depend on input order.
 */
export class Ordinals {
  private readonly seen = new Map<string, number>();
  next(key: string): number {
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return n;
  }
}
