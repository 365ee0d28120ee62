/**
 * The evidence of a cluster, with counts, as analysts read it: the identifiers its members share
 * (most telling first), the prompt templates they reuse, how many of them act in the same minutes,
 * and the cluster's activity per day.
 */
import {
  IDENTIFIER_KINDS,
  type ClusterEvidence,
  type ClusterTimeline,
  type IdentifierKind,
} from '../../contracts/clusters.js';
import type { Edge } from './edges.js';
import { identifierTelling, templateInfo } from './edges.js';
import { KIND_OF_CODE, SLOT_MS, TEMPLATE_BANDS } from './graph-fields.js';
import type { ClusterParams } from './params.js';
import type { PreparedGraph } from './prepared-graph.js';

/** Shared values listed per identifier kind (the most telling first). */
const EVIDENCE_PER_KIND = 5;
export const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
export const int = (x: number) => Math.round(x).toLocaleString('en-US');
export const pct = (x: number) => `${Math.round(x * 100)}%`;
const IDENTIFIER_NAMES: Record<IdentifierKind, string> = {
  ip: 'IP',
  payment_fingerprint: 'payment fingerprint',
  user_agent: 'user agent',
  org_id: 'org id',
};

export function identifierEvidence(
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

export function templateEvidence(g: PreparedGraph, members: readonly number[]): ClusterEvidence | undefined {
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

export function coActivityEvidence(
  members: ReadonlySet<number>,
  edges: readonly Edge[],
  size: number,
): ClusterEvidence[] {
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

export function timeline(g: PreparedGraph, members: readonly number[]): ClusterTimeline {
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
