/**
 * Candidate pairs from blocking keys, never all pairs: accounts sharing an identifier value, one
 * of their characteristic template keys, a MinHash band of their activity slots (1-hour and
 * 5-minute), a template both used in the same hour far above chance (template-sync.ts), or an hour in
 * which both were created or switched to a new model (gateway-sync.ts). Blocks larger than `maxBlock` are skipped: a value that many accounts share is weak
 * evidence anyway, and skipping it keeps the pass linear in the number of accounts.
 */
import type { ClusterParams } from './params.js';
import { templateInfo } from './edges.js';
import { syncBlockingKeys } from './gateway-sync.js';
import { templateSyncKeys } from './template-sync.js';
import type { ActivityBits, PreparedGraph } from './prepared-graph.js';

const BANDS = 6;
const ROWS = 4;
const SEEDS = Array.from({ length: BANDS * ROWS }, (_, k) => Math.imul(k + 1, 0x9e3779b1) >>> 0);

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** MinHash band keys of an activity bitset (empty when it has fewer than `min` active slots). */
function minhashBands(act: ActivityBits, tag: string, min: number): string[] {
  if (act.count < min) return [];
  const mins = new Array<number>(BANDS * ROWS).fill(0xffffffff);
  for (let w = 0; w < act.bits.length; w++) {
    let word = act.bits[w]!;
    while (word !== 0) {
      const bit = 31 - Math.clz32(word & -word);
      word &= word - 1;
      const x = w * 32 + bit;
      for (let k = 0; k < mins.length; k++) {
        const h = mix32(x ^ SEEDS[k]!);
        if (h < mins[k]!) mins[k] = h;
      }
    }
  }
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++) out.push(`${tag}${b}:${mins.slice(b * ROWS, b * ROWS + ROWS).join(',')}`);
  return out;
}

export interface CandidateStats {
  blocks: number;
  skippedBlocks: number;
  pairs: number;
}

/**
 * The blocking keys of vertex i: its identifier values shared by 2…maxBlock accounts, its most
 * frequent, most telling template keys, the MinHash bands of its activity slots, and its template-sync
 * and gateway-sync cells.
 */
export function blockingKeys(g: PreparedGraph, i: number, params: ClusterParams): string[] {
  const node = g.nodes[i]!;
  const out: string[] = [];
  for (const key of node.ids.keys()) {
    const rate = g.ids.get(key);
    if (rate !== undefined && rate.accounts >= 2 && rate.accounts <= params.maxBlock) out.push(`i:${key}`);
  }
  const keys = [...node.templates]
    .filter(([key]) => {
      const n = g.templates.get(key) ?? 0;
      return n >= 2 && n <= params.maxBlock;
    })
    .map(([key, count]) => ({ key, rank: count * templateInfo(g, key) }))
    .sort((x, y) => y.rank - x.rank || (x.key < y.key ? -1 : 1))
    .slice(0, params.templateKeysPerAccount);
  for (const { key } of keys) out.push(`t:${key}`);
  out.push(...minhashBands(g.act60[i]!, 'h', 3), ...minhashBands(g.act5[i]!, 'm', 4));
  for (const key of syncBlockingKeys(g.sync, i)) out.push(`g:${key}`);
  for (const key of templateSyncKeys(g.templateSync, i)) out.push(`q:${key}`);
  return out;
}

/** Candidate pairs (i < j) as numbers i × size + j, deduplicated. */
export function candidatePairs(
  g: PreparedGraph,
  params: ClusterParams,
): { pairs: Float64Array; stats: CandidateStats } {
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < g.size; i++) {
    for (const key of blockingKeys(g, i, params)) {
      let list = blocks.get(key);
      if (list === undefined) blocks.set(key, (list = []));
      list.push(i);
    }
  }
  const seen = new Set<number>();
  let skipped = 0;
  for (const list of blocks.values()) {
    if (list.length < 2) continue;
    if (list.length > params.maxBlock) {
      skipped += 1;
      continue;
    }
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x]!;
        const j = list[y]!;
        seen.add(i < j ? i * g.size + j : j * g.size + i);
      }
    }
  }
  const pairs = Float64Array.from(seen).sort();
  return { pairs, stats: { blocks: blocks.size, skippedBlocks: skipped, pairs: pairs.length } };
}
