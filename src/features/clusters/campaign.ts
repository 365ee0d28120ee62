/**
 * A community becomes a cluster: a campaign score (how tightly the members are tied × how much
 * their own traffic looks like an attack), evidence with counts, a timeline, and a deterministic id.
 */
import {
  IDENTIFIER_KINDS,
  type Cluster,
  type ClusterLink,
  type ClusterEvidence,
  type ClusterTimeline,
  type IdentifierKind,
} from '../../contracts/clusters.js';
import type { Level } from '../../contracts/accounts.js';
import { emptyLabelCounts } from '../aggregate/summary.js';
import { hashId } from '../aggregate/prompt-signals.js';
import { ATTACK_LABELS } from '../../labels.js';
import { attackShare } from './account-node.js';
import { clusterLink } from './link-pattern.js';
import type { Edge } from './edges.js';
import { identifierTelling, templateInfo } from './edges.js';
import { KIND_OF_CODE, SLOT_MS, TEMPLATE_BANDS } from './graph-fields.js';
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
 * (pattern `rotating_identifiers`), or share no card, org or IP (none used by half of them) yet
 * send the same templates in the same time slots (pattern `template_and_timing`). Legitimate
 * groups that act together share openly and one card each (a class's card, a company's NAT and
 * org, an eval team's org); separate identities that keep one script and one clock, or that pass
 * a pool of cards around, are one operator. Membership alone still never reaches block
 * (member-lift.ts), and a declared organisation stays capped.
 */
const CAMPAIGN_STRUCTURE_ATTACK = 0.8;
const CAMPAIGN_STRUCTURE_MIN_SIZE = 5;

export function campaignStructure(link: ClusterLink, size: number): number {
  if (size < CAMPAIGN_STRUCTURE_MIN_SIZE) return 0;
  if (link.pattern === 'rotating_identifiers') return CAMPAIGN_STRUCTURE_ATTACK;
  if (link.pattern !== 'template_and_timing') return 0;
  const strength = (signal: string) => link.signals.find((x) => x.signal === signal)?.strength ?? 0;
  if (Math.max(strength('shared_payment'), strength('shared_org'), strength('shared_ip')) >= 0.5) return 0;
  return CAMPAIGN_STRUCTURE_ATTACK;
}

/** A member whose strongest tie inside the cluster weighs this much counts as fully coordinated. */
const FULL_TIE = 0.75;
/** Shared values listed per identifier kind (the most telling first). */
const EVIDENCE_PER_KIND = 5;
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${Math.round(x * 100)}%`;
const IDENTIFIER_NAMES: Record<IdentifierKind, string> = {
  ip: 'IP',
  payment_fingerprint: 'payment fingerprint',
  user_agent: 'user agent',
  org_id: 'org id',
};

function identifierEvidence(
  g: PreparedGraph,
  members: readonly number[],
  values: ReadonlyMap<string, string>,
  params: ClusterParams,
): ClusterEvidence[] {
  const byValue = new Map<string, { accounts: number; requests: number }>();
  for (const i of members) {
    for (const [key, requests] of g.nodes[i]!.ids) {
      let v = byValue.get(key);
      if (v === undefined) byValue.set(key, (v = { accounts: 0, requests: 0 }));
      v.accounts += 1;
      v.requests += requests;
    }
  }
  const memberNormal = members.reduce((s, i) => s + g.normal[i]!, 0);
  const rows: (ClusterEvidence & { telling: number })[] = [];
  for (const [key, v] of byValue) {
    if (v.accounts < 2) continue;
    const rate = g.ids.get(key)!;
    const kind = KIND_OF_CODE[key.slice(0, key.indexOf(':'))]!;
    // How telling the value is for a typical pair of members (normal-looking outsiders weaken it).
    const telling =
      identifierTelling(g, key, (2 * memberNormal) / members.length, params).weight / params.identifierWeight[kind];
    const outsiders = rate.accounts - v.accounts;
    const raw = values.get(key.slice(key.indexOf(':') + 1)) ?? key.slice(key.indexOf(':') + 1);
    rows.push({
      kind: 'shared_identifier',
      identifier: kind,
      value: raw,
      accounts: v.accounts,
      pairs: (v.accounts * (v.accounts - 1)) / 2,
      requests: v.requests,
      population_accounts: rate.accounts,
      detail: `${IDENTIFIER_NAMES[kind]} ${raw} on ${v.accounts} of ${members.length} members (${int(v.requests)} requests); ${outsiders === 0 ? 'no other account uses it' : `${outsiders} other account${outsiders === 1 ? '' : 's'} also use it`}; weight ${round(telling, 2)}`,
      telling,
    });
  }
  const order = (k: IdentifierKind) => IDENTIFIER_KINDS.indexOf(k);
  const strength = (r: { identifier?: IdentifierKind; telling: number; accounts: number }) =>
    params.identifierWeight[r.identifier!] * r.telling * r.accounts;
  const perKind = new Map<IdentifierKind, number>();
  return rows
    .sort(
      (a, b) =>
        strength(b) - strength(a) || order(a.identifier!) - order(b.identifier!) || (a.value! < b.value! ? -1 : 1),
    )
    .filter((r) => {
      const k = (perKind.get(r.identifier!) ?? 0) + 1;
      perKind.set(r.identifier!, k);
      return k <= EVIDENCE_PER_KIND;
    })
    .map(({ telling: _t, ...row }) => row);
}

function templateEvidence(g: PreparedGraph, members: readonly number[]): ClusterEvidence | undefined {
  const byKey = new Map<string, number>();
  for (const i of members) for (const key of g.nodes[i]!.templates.keys()) byKey.set(key, (byKey.get(key) ?? 0) + 1);
  // Keys most members use and few outsiders do: the campaign's own templates.
  const own = [...byKey].filter(
    ([key, k]) =>
      k >= Math.max(2, members.length / 2) &&
      (g.templates.get(key) ?? 0) <= 2 * members.length &&
      templateInfo(g, key) > 0.1,
  );
  if (own.length === 0) return undefined;
  const keys = new Set(own.map(([key]) => key));
  let accounts = 0;
  let requests = 0;
  let total = 0;
  for (const i of members) {
    const node = g.nodes[i]!;
    let best = 0;
    for (const [key, c] of node.templates) if (keys.has(key)) best = Math.max(best, c);
    if (best > 0) accounts += 1;
    requests += best;
    total += node.n;
  }
  const outside = Math.max(...own.map(([key, k]) => (g.templates.get(key) ?? 0) - k));
  return {
    kind: 'template_overlap',
    accounts,
    pairs: (accounts * (accounts - 1)) / 2,
    requests,
    detail: `${accounts} of ${members.length} members send prompts with the same template signature (${own.length} shared SimHash band${own.length === 1 ? '' : 's'} of ${TEMPLATE_BANDS} per prompt, at most ${outside} non-member account${outside === 1 ? '' : 's'} share one); at least ${int(requests)} of ${int(total)} requests (${pct(total === 0 ? 0 : requests / total)})`,
  };
}

function coActivityEvidence(members: ReadonlySet<number>, edges: readonly Edge[], size: number): ClusterEvidence[] {
  const out: ClusterEvidence[] = [];
  for (const [window, pick, label] of [
    ['5m', (e: Edge) => e.co5, '5-minute'],
    ['1h', (e: Edge) => e.co60, '1-hour'],
  ] as const) {
    const inside = edges.filter((e) => members.has(e.a) && members.has(e.b) && pick(e) >= 0.25);
    if (inside.length === 0) continue;
    const accounts = new Set<number>();
    for (const e of inside) accounts.add(e.a).add(e.b);
    const mean = inside.reduce((s, e) => s + pick(e), 0) / inside.length;
    out.push({
      kind: 'co_activity',
      window,
      accounts: accounts.size,
      pairs: inside.length,
      detail: `${inside.length} member pairs (${accounts.size} of ${size} members) are active in the same ${label} slots far above chance (mean chance-corrected overlap ${round(mean, 2)})`,
    });
  }
  return out;
}

function timeline(g: PreparedGraph, members: readonly number[]): ClusterTimeline {
  const hours = new Map<number, { requests: number; accounts: Set<number> }>();
  const days = new Map<number, { requests: number; accounts: Set<number> }>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const i of members) {
    for (const [slot, c] of g.nodes[i]!.slots) {
      const ts = slot * SLOT_MS;
      first = Math.min(first, ts);
      last = Math.max(last, ts + SLOT_MS);
      for (const [map, key] of [
        [hours, Math.floor(ts / 3_600_000)],
        [days, Math.floor(ts / 86_400_000)],
      ] as const) {
        let e = map.get(key);
        if (e === undefined) map.set(key, (e = { requests: 0, accounts: new Set() }));
        e.requests += c;
        e.accounts.add(i);
      }
    }
  }
  let peak: ClusterTimeline['peak_hour'] = null;
  for (const [h, e] of [...hours].sort((a, b) => a[0] - b[0])) {
    if (peak === null || e.requests > peak.requests)
      peak = { hour: new Date(h * 3_600_000).toISOString(), requests: e.requests, accounts: e.accounts.size };
  }
  return {
    first_seen: Number.isFinite(first) ? new Date(first).toISOString() : null,
    last_seen: Number.isFinite(last) ? new Date(last).toISOString() : null,
    active_hours: hours.size,
    peak_hour: peak,
    daily: [...days]
      .sort((a, b) => a[0] - b[0])
      .map(([d, e]) => ({
        date: new Date(d * 86_400_000).toISOString().slice(0, 10),
        requests: e.requests,
        accounts: e.accounts.size,
      })),
  };
}

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
  const structure = campaignStructure(link, members.length);
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
                : `${members.length} accounts with no shared card, org or IP send the same templates in the same hours (one dispatcher behind separate identities)`
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
