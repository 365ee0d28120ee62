/**
 * A community becomes a cluster: a campaign score (how tightly the members are tied × how much
 * their own traffic looks like an attack), evidence with counts, a timeline, and a deterministic id.
 */
import type { Cluster, ClusterLink, ClusterEvidence } from '../../contracts/clusters.js';
import type { Level } from '../../contracts/accounts.js';
import { emptyLabelCounts } from '../aggregate/summary.js';
import { hashId } from '../aggregate/prompt-signals.js';
import { ATTACK_LABELS } from '../../labels.js';
import { attackShare } from './account-node.js';
import { clusterLink } from './link-pattern.js';
import {
  coActivityEvidence,
  identifierEvidence,
  int,
  pct,
  round,
  templateEvidence,
  timeline,
} from './cluster-evidence.js';
import type { Edge } from './edges.js';
import type { ClusterParams } from './params.js';
import type { PreparedGraph } from './prepared-graph.js';

export const CLUSTER_LEVELS: { level: Level; min: number }[] = [
  { level: 'critical', min: 0.85 },
  { level: 'high', min: 0.6 },
  { level: 'elevated', min: 0.3 },
  { level: 'low', min: 0 },
];
export const clusterLevel = (score: number): Level => CLUSTER_LEVELS.find((l) => score >= l.min)!.level;

/** Deterministic id: a hash of the sorted member ids. */
export const clusterId = (sortedMembers: readonly string[]): string =>
  `cl_${hashId(sortedMembers.join('\n')).slice(0, 16)}`;

/** Highest score of a declared organisation's cluster: below `elevated`'s upper bound, never an attack cluster. */
const DECLARED_ORG_MAX = 0.29;

/** Pooled attack share (lower confidence bound) at which the members' pooled evidence counts fully. */
const FULL_POOLED_ATTACK = 0.3;

/** Wilson lower bound (z = 2) of a share observed over `n` requests. */
function shareLowerBound(share: number, n: number): number {
  if (n === 0) return 0;
  const z2 = 4;
  const centre = share + z2 / (2 * n);
  const spread = 2 * Math.sqrt((share * (1 - share)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - spread) / (1 + z2 / n));
}

/**
 * The members' label evidence judged as one actor's: the pooled share of extraction and
 * censorship requests over all member requests, at its lower confidence bound, so fifty accounts
 * of 30 requests each weigh as 1,500 requests and a handful of requests weighs little. Grading
 * does not count here: pooled LLM-as-judge traffic is what legitimate eval teams send.
 */
export function pooledAttackEvidence(pooledShare: number, requests: number): number {
  return Math.min(1, shareLowerBound(pooledShare, requests) / FULL_POOLED_ATTACK);
}

/**
 * The attack reading of a campaign's structure, short of any label: at least
 * CAMPAIGN_STRUCTURE_MIN_SIZE accounts that either rotate several shared cards / IPs among them
 * (pattern `rotating_identifiers`), or share no card, org or IP openly (no one value used by half
 * of them: a proxy pool whose IPs each serve a few members is not open sharing) yet
 * send the same templates in the same time slots (pattern `template_and_timing`). Legitimate
 * groups that act together share openly and one card each (a class's card, a company's NAT and
 * org, an eval team's org); separate identities that keep one script and one clock, or that pass
 * a pool of cards around, are one operator. Membership alone still never reaches block
 * (member-lift.ts), and a declared organisation stays capped.
 */
const CAMPAIGN_STRUCTURE_ATTACK = 0.8;
const CAMPAIGN_STRUCTURE_MIN_SIZE = 5;

export function campaignStructure(link: ClusterLink, size: number, openShare: number): number {
  if (size < CAMPAIGN_STRUCTURE_MIN_SIZE) return 0;
  if (link.pattern === 'rotating_identifiers') return CAMPAIGN_STRUCTURE_ATTACK;
  if (link.pattern !== 'template_and_timing') return 0;
  if (openShare >= 0.5) return 0;
  return CAMPAIGN_STRUCTURE_ATTACK;
}

/**
 * Share of the members on the one card, org or IP that most of them use: a class's card, a
 * company's NAT and org, a lab's org. Members spread over a pool of proxy IPs, each IP used by a
 * few of them, share IPs but none openly.
 */
export function openSharing(g: PreparedGraph, members: readonly number[]): number {
  const users = new Map<string, number>();
  for (const i of members)
    for (const key of g.nodes[i]!.ids.keys()) {
      const code = key.slice(0, key.indexOf(':'));
      if (code === 'pf' || code === 'ip' || code === 'org') users.set(key, (users.get(key) ?? 0) + 1);
    }
  let most = 0;
  for (const c of users.values()) most = Math.max(most, c);
  return members.length === 0 ? 0 : most / members.length;
}

/** A member whose strongest tie inside the cluster weighs this much counts as fully coordinated. */
const FULL_TIE = 0.75;

/** Builds the cluster of one community (members: vertex indexes) with its score and evidence. */
export function buildCluster(
  g: PreparedGraph,
  members: readonly number[],
  edges: readonly Edge[],
  values: ReadonlyMap<string, string>,
  params: ClusterParams,
): Cluster {
  const set = new Set(members);
  const tie = new Map<number, number>();
  for (const e of edges) {
    if (!set.has(e.a) || !set.has(e.b)) continue;
    tie.set(e.a, Math.max(tie.get(e.a) ?? 0, e.weight));
    tie.set(e.b, Math.max(tie.get(e.b) ?? 0, e.weight));
  }
  const coordination = members.reduce((s, i) => s + Math.min(1, (tie.get(i) ?? 0) / FULL_TIE), 0) / members.length;
  const labelCounts = emptyLabelCounts();
  let requests = 0;
  let riskSum = 0;
  let riskWeight = 0;
  for (const i of members) {
    const node = g.nodes[i]!;
    requests += node.n;
    for (const l of Object.keys(labelCounts) as (keyof typeof labelCounts)[]) labelCounts[l] += node.labels[l];
    const w = Math.sqrt(node.n);
    riskSum += w * node.risk;
    riskWeight += w;
  }
  const pooledAttack = attackShare(labelCounts, requests);
  const sizeFactor = 1 - Math.pow(0.3, members.length - 1);
  const template = templateEvidence(g, members);
  const link = clusterLink(
    g,
    members,
    edges.filter((e) => set.has(e.a) && set.has(e.b)),
    template?.accounts ?? 0,
  );
  const structure = campaignStructure(link, members.length, openSharing(g, members));
  const attack = Math.min(
    1,
    Math.max(
      riskWeight === 0 ? 0 : riskSum / riskWeight,
      pooledAttackEvidence(
        requests === 0 ? 0 : (labelCounts.reasoning_trace_extraction + labelCounts.censorship_rewrite) / requests,
        requests,
      ),
      structure,
    ),
  );
  // A declared organisation is one customer acting openly, not a hydra: shown, never an attack cluster.
  const raw = coordination * attack * sizeFactor;
  const score = round(link.declared_organisation === true ? Math.min(raw, DECLARED_ORG_MAX) : raw);
  const ids = members.map((i) => g.nodes[i]!.id).sort();
  const attackRequests =
    labelCounts.reasoning_trace_extraction + labelCounts.rubric_grading + labelCounts.censorship_rewrite;
  const evidence: ClusterEvidence[] = [
    ...identifierEvidence(g, members, values, params),
    ...(template === undefined ? [] : [template]),
    ...coActivityEvidence(set, edges, members.length),
    {
      kind: 'label_mix',
      accounts: members.filter((i) => g.nodes[i]!.n > 0 && attackShare(g.nodes[i]!.labels, g.nodes[i]!.n) >= 0.2)
        .length,
      pairs: 0,
      requests: attackRequests,
      detail: `${pct(requests === 0 ? 0 : attackRequests / requests)} of ${int(requests)} member requests carry an attack label (reasoning_trace_extraction ${int(labelCounts.reasoning_trace_extraction)}, rubric_grading ${int(labelCounts.rubric_grading)}, censorship_rewrite ${int(labelCounts.censorship_rewrite)}); weighted attack share ${round(pooledAttack, 2)}`,
    },
  ];
  return {
    cluster_id: clusterId(ids),
    score,
    level: clusterLevel(score),
    size: ids.length,
    members: ids,
    requests,
    label_counts: labelCounts,
    coordination: round(coordination),
    attack: round(attack),
    link:
      structure > 0
        ? {
            ...link,
            detail: `${link.detail}; ${
              link.pattern === 'rotating_identifiers'
                ? `${members.length} accounts pass a pool of shared cards / IPs around (one operator)`
                : `${members.length} accounts with no card, org or IP that half of them share send the same templates in the same hours (one dispatcher behind separate identities)`
            }`,
          }
        : link,
    pooled: {
      requests,
      attack_requests: attackRequests,
      attack_label_counts: Object.fromEntries(
        ATTACK_LABELS.map((l) => [l, labelCounts[l]]),
      ) as Cluster['pooled']['attack_label_counts'],
      attack_accounts: members.filter((i) => ATTACK_LABELS.some((l) => g.nodes[i]!.labels[l] > 0)).length,
      attack_share: round(requests === 0 ? 0 : attackRequests / requests),
    },
    evidence,
    timeline: timeline(g, members),
  };
}
