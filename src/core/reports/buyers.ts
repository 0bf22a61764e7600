/**
 * Distinct buyers per agent over a million orders. A Map from buyer name to id would hold ~900k
 * keys: every lookup is a cache miss in a table far larger than the CPU cache, and it cost
 * more than the rest of the order scan together. Instead each (buyer, agent) pair becomes one
 * number — a 32-bit digest of the name combined with the agent index — and the numbers are sorted
 * natively; only pairs whose digests collide are told apart by their names, in a small map.
 */

/**
 * A buyer name that tells one buyer: not blank, and not masked. Exports that hide the nick write
 * t**8 (or t＊＊8) for many different buyers: counting on it would count strangers as one buyer,
 * and pairing on it would pair them.
 */
export function identifiesBuyer(name: string): boolean {
  return name !== "" && !name.includes("*") && !name.includes("\uff0a");
}

/** FNV-1a over UTF-16 code units, unsigned. */
export function digest(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class BuyerCounter {
  // Not readonly: `counts` lets them go.
  private digests: Uint32Array;
  private agents: Uint32Array;
  private names: string[];
  private size = 0;
  /** Per agent, buyers that cannot be told apart (blank or masked name): one buyer per order. */
  private readonly unnamed: number[] = [];

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

  /** An order whose buyer has no name to tell (identifiesBuyer): a buyer of its own. */
  addUnnamed(agent: number): void {
    this.unnamed[agent] = (this.unnamed[agent] ?? 0) + 1;
  }

  /**
   * Distinct buyers of agents 0 … agents − 1 (every added agent index is below `agents`). Once:
   * the buyers kept for it (~16 MB at 1M orders) are let go, so that the collection the scan's
   * last steps bring on takes them before the reports run.
   */
  counts(agents: number): number[] {
    const out = this.distinct(agents);
    this.digests = this.agents = new Uint32Array(0);
    this.names = [];
    this.size = 0;
    return out;
  }

  private distinct(agents: number): number[] {
    const out = new Array<number>(agents).fill(0);
    for (let a = 0; a < agents; a++) out[a] = this.unnamed[a] ?? 0;
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
