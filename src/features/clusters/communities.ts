/**
 * Grouping on the weighted account graph: union-find over strong edges gives cores; weighted
 * label propagation over all kept edges then lets the remaining accounts join the community they
 * are most tied to (cores stay together); finally two communities merge whole when most members
 * of one are each tied to the other, by edges showing coordination, as strongly as a lone
 * account must be to join it. Deterministic: fixed visiting order and tie-breaks, merges
 * independent of order.
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

export interface CommunityOptions {
  /** Summed edge weight into a community needed to join it. */
  attachMin: number;
  rounds: number;
  /** Edges that count toward merging two communities whole; without it, communities never merge. */
  mergeTie?: (e: Edge) => boolean;
  /** Edges through which a lone account may join a community; default: every kept edge. */
  joinTie?: (e: Edge) => boolean;
}

/** Community label per vertex (the smallest vertex index in it). */
export function communities(n: number, edges: readonly Edge[], opts: CommunityOptions): Int32Array {
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
    if (opts.joinTie !== undefined && !opts.joinTie(e)) continue;
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
  return opts.mergeTie === undefined ? label : mergeTiedCommunities(label, edges, opts.mergeTie, opts.attachMin);
}

/**
 * Communities of two or more accounts merge when, for either of them, more than half of its
 * members each have a summed weight ≥ `attachMin` of `mergeTie` edges into the other: the rule by
 * which a lone account joins a community, applied to a community that cannot dissolve (a core).
 * Only edges showing coordination count (shared identifiers, or the same templates at the same
 * times): a campaign whose strong ties form two cores (the accounts banned early, tied strongly
 * among themselves, and the ones that ran on) is tied across them by its script's templates in
 * its sessions, while two unrelated groups active at the same hours share timing alone.
 * Merges are transitive (union-find), so the result does not depend on their order.
 */
function mergeTiedCommunities(
  label: Int32Array,
  edges: readonly Edge[],
  mergeTie: (e: Edge) => boolean,
  attachMin: number,
): Int32Array {
  const n = label.length;
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[label[i]!]! += 1;
  /** Per account: summed tie edge weight into each other community of two or more. */
  const ties = new Map<number, Map<number, number>>();
  const addTie = (i: number, other: number, w: number) => {
    let m = ties.get(i);
    if (m === undefined) ties.set(i, (m = new Map()));
    m.set(other, (m.get(other) ?? 0) + w);
  };
  for (const e of edges) {
    const la = label[e.a]!;
    const lb = label[e.b]!;
    if (la === lb || size[la]! < 2 || size[lb]! < 2 || !mergeTie(e)) continue;
    addTie(e.a, lb, e.weight);
    addTie(e.b, la, e.weight);
  }
  /** Per pair of community labels "x,y": members of x tied to y by ≥ attachMin. */
  const tied = new Map<string, number>();
  for (const [i, m] of ties) {
    for (const [other, w] of m) {
      if (w < attachMin) continue;
      const key = `${label[i]!},${other}`;
      tied.set(key, (tied.get(key) ?? 0) + 1);
    }
  }
  if (tied.size === 0) return label;
  const uf = new UnionFind(n);
  for (const [key, count] of tied) {
    const [x, y] = key.split(',').map(Number) as [number, number];
    if (2 * count > size[x]!) uf.union(x, y);
  }
  // Merged label = the smallest label in the merged set (itself the smallest vertex index).
  const smallest = new Int32Array(n).fill(-1);
  for (let l = 0; l < n; l++) {
    if (size[l] === 0) continue;
    const r = uf.find(l);
    if (smallest[r] === -1) smallest[r] = l;
  }
  return label.map((l) => smallest[uf.find(l)]!);
}
