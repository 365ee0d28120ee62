/**
 * Grouping on the weighted account graph: union-find over strong edges gives cores; weighted
 * label propagation over all kept edges then lets the remaining accounts join the community they
 * are most tied to (cores stay together). Deterministic: fixed visiting order and tie-breaks.
 */
import type { Edge } from './edges.js';

export class UnionFind {
  private readonly parent: Int32Array;
  private readonly rank: Uint8Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.rank = new Uint8Array(n);
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[x] !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.rank[ra]! < this.rank[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    if (this.rank[ra] === this.rank[rb]) this.rank[ra]! += 1;
  }
}

/** Community label per vertex (the smallest vertex index in it). */
export function communities(n: number, edges: readonly Edge[], opts: { attachMin: number; rounds: number }): Int32Array {
  const uf = new UnionFind(n);
  for (const e of edges) if (e.strong) uf.union(e.a, e.b);
  const label = new Int32Array(n);
  const coreSize = new Int32Array(n);
  for (let i = 0; i < n; i++) coreSize[uf.find(i)]! += 1;
  // Label = smallest member index of the core, so labels do not depend on union order.
  const smallest = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    if (smallest[r] === -1) smallest[r] = i;
    label[i] = smallest[r]!;
  }
  const locked = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (coreSize[uf.find(i)]! >= 2) locked[i] = 1;

  const adj: { to: number; w: number }[][] = Array.from({ length: n }, () => []);
  for (const e of edges) {
    adj[e.a]!.push({ to: e.b, w: e.weight });
    adj[e.b]!.push({ to: e.a, w: e.weight });
  }
  for (let round = 0; round < opts.rounds; round++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      if (locked[i] === 1 || adj[i]!.length === 0) continue;
      const votes = new Map<number, number>();
      for (const { to, w } of adj[i]!) votes.set(label[to]!, (votes.get(label[to]!) ?? 0) + w);
      let best = label[i]!;
      let bestW = opts.attachMin;
      for (const [l, w] of votes) {
        if (w > bestW || (w === bestW && l < best && w > opts.attachMin)) {
          best = l;
          bestW = w;
        }
      }
      if (best !== label[i]) {
        label[i] = best;
        changed += 1;
      }
    }
    if (changed === 0) break;
  }
  return label;
}
