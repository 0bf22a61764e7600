/**
 * Distinct buyers per agent over a million orders. A Map from buyer name to id would hold ~900k
 * keys: every lookup is a cache miss in a table far larger than the CPU cache, and it cost
 * more than the rest of the order scan together. Instead each (buyer, agent) pair becomes one
 * number — a 32-bit digest of the name combined with the agent index — and the numbers are sorted
 * natively; only pairs whose digests collide are told apart by their names, in a small map.
 */

/** FNV-1a over UTF-16 code units, unsigned. */
export function digest(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class BuyerCounter {
  private readonly digests: Uint32Array;
  private readonly agents: Uint32Array;
  private readonly names: string[];
  private size = 0;

  constructor(capacity: number) {
    this.digests = new Uint32Array(capacity);
    this.agents = new Uint32Array(capacity);
    this.names = new Array<string>(capacity);
  }

  add(buyer: string, agent: number): void {
    this.digests[this.size] = digest(buyer);
    this.agents[this.size] = agent;
    this.names[this.size++] = buyer;
  }

  /** Distinct buyers of agents 0 … agents − 1 (every added agent index is below `agents`). */
  counts(agents: number): number[] {
    const out = new Array<number>(agents).fill(0);
    const n = this.size;
    // digest × agents + agent stays an exact double: agents with orders ≤ orders < 2^21.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = this.digests[i] * agents + this.agents[i];
    const sorted = keys.slice().sort();
    let clashing: Set<number> | null = null;
    for (let j = 0; j < n; j++) {
      if (j === 0 || sorted[j] !== sorted[j - 1]) out[sorted[j] % agents]++;
      else (clashing ??= new Set()).add(sorted[j]);
    }
    if (clashing === null) return out;
    // A key met twice is mostly one buyer ordering twice from one agent; different names
    // behind one key (a digest collision) are each a buyer.
    const names = new Map<number, Set<string>>();
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      if (!clashing.has(k)) continue;
      let set = names.get(k);
      if (set === undefined) names.set(k, (set = new Set()));
      set.add(this.names[i]);
    }
    for (const [k, set] of names) out[k % agents] += set.size - 1;
    return out;
  }
}
