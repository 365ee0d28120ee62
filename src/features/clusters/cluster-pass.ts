/**
 * One cluster pass over account nodes: base rates → candidate pairs from blocking keys → edge
 * weights → union-find over strong edges + label propagation over weak ones + merging of
 * communities tied by coordinated edges → scored clusters.
 * Pure and deterministic: the same nodes (in any order) give the same clusters.
 */
import type { Cluster } from '../../contracts/clusters.js';
import type { AccountNode } from './account-node.js';
import { buildCluster } from './campaign.js';
import { candidatePairs, type CandidateStats } from './candidates.js';
import { communities } from './communities.js';
import { scorePair, coordinatedTie, type Edge } from './edges.js';
import { DEFAULT_CLUSTER_PARAMS, type ClusterParams } from './params.js';
import { prepareGraph, type PreparedGraph } from './prepared-graph.js';

export interface ClusterPassResult {
  /** Clusters of two or more accounts, highest score first (ties: by id). */
  clusters: Cluster[];
  stats: CandidateStats & { accounts: number; edges: number; strongEdges: number; ms: Record<string, number> };
}

export interface ClusterPassOptions {
  params?: Partial<ClusterParams>;
  /** Analysis window (ms); default: the span of the nodes' activity. */
  window?: { from: number; to: number };
  /** Raw identifier values by hash, for readable evidence. */
  values?: ReadonlyMap<string, string>;
}

export function runClusterPass(input: readonly AccountNode[], opts: ClusterPassOptions = {}): ClusterPassResult {
  const params = { ...DEFAULT_CLUSTER_PARAMS, ...opts.params };
  const ms: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    ms[name] = Math.round(now - t);
    t = now;
  };
  const nodes = [...input].filter((n) => n.n > 0).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const g = prepareGraph(nodes, opts.window);
  lap('prepare');
  const { pairs, stats } = candidatePairs(g, params);
  lap('candidates');
  const edges: Edge[] = [];
  for (const code of pairs) {
    const i = Math.floor(code / g.size);
    const e = scorePair(g, i, code - i * g.size, params);
    if (e.weight >= params.minEdge || e.strong) edges.push(e);
  }
  lap('edges');
  const groups = communityGroups(g.size, edges, params);
  lap('communities');
  const clusters = scoreCommunities(g, groups, params, opts.values ?? new Map<string, string>());
  lap('score');
  return {
    clusters,
    stats: { ...stats, accounts: g.size, edges: edges.length, strongEdges: edges.filter((e) => e.strong).length, ms },
  };
}

/** A community of two or more vertices and its edges (in pair order). */
export interface Community {
  members: number[];
  inside: Edge[];
}

/** Communities of two or more over the kept edges (in pair order) of `n` vertices, by first member. */
export function communityGroups(n: number, edges: readonly Edge[], params: ClusterParams): Community[] {
  const label = communities(n, edges, {
    attachMin: params.attachMin,
    rounds: params.labelPropagationRounds,
    mergeTie: (e) => coordinatedTie(e, params),
    joinTie: (e) => e.mix >= params.joinMix || e.template >= params.strong.template / 2,
  });
  const groups = new Map<number, Community>();
  label.forEach((l, i) => {
    let group = groups.get(l);
    if (group === undefined) groups.set(l, (group = { members: [], inside: [] }));
    group.members.push(i);
  });
  for (const e of edges) if (label[e.a] === label[e.b]) groups.get(label[e.a]!)!.inside.push(e);
  return [...groups.values()].filter((c) => c.members.length >= 2);
}

/** One scored cluster per community, highest score first (ties: by id). */
export function scoreCommunities(
  g: PreparedGraph,
  groups: readonly Community[],
  params: ClusterParams,
  values: ReadonlyMap<string, string>,
): Cluster[] {
  return groups
    .map((c) => buildCluster(g, c.members, c.inside, values, params))
    .sort((a, b) => b.score - a.score || (a.cluster_id < b.cluster_id ? -1 : 1));
}
