/**
 * Which identifiers or behaviour link a cluster's members, and the pattern a fraud team reads
 * from how they share: rotating cards over proxies, one card, one NAT IP, a shared exit, or
 * nothing but content and rhythm. Invariant: a signal's strength is the share of members that
 * show it, and the pattern only names the tie; guilt comes from the pooled evidence and score.
 */
import type {
  ClusterLink,
  ClusterLinkSignal,
  IdentifierKind,
  LinkPattern,
  LinkSignal,
} from '../../contracts/clusters.js';
import type { Edge } from './edges.js';
import { KIND_OF_CODE } from './graph-fields.js';
import type { PreparedGraph } from './prepared-graph.js';

/** A behavioural tie (template, timing) counts for a member from this edge strength. */
const BEHAVIOUR_TIE = 0.25;
/** A signal shown by at least this share of members characterises the cluster. */
const DOMINANT = 0.5;
/** A shared identifier covering at least this share of members is "the" shared value. */
const COMMON = 0.8;

/** User agents alone say little; they count only together with an IP (shared_ip_ua). */
const IDENTIFIER_SIGNAL: Record<Exclude<IdentifierKind, 'user_agent'>, LinkSignal> = {
  payment_fingerprint: 'shared_payment',
  ip: 'shared_ip',
  org_id: 'shared_org',
};

interface SharedKind {
  /** Members using at least one value of this kind that another member also uses. */
  accounts: number;
  /** Distinct values of this kind used by two or more members. */
  values: number;
  /** Members using at least two of those shared values. */
  rotating: number;
}

function sharedByKind(g: PreparedGraph, members: readonly number[]): Map<IdentifierKind, SharedKind> {
  const users = new Map<string, number>();
  for (const i of members) for (const key of g.nodes[i]!.ids.keys()) users.set(key, (users.get(key) ?? 0) + 1);
  const out = new Map<IdentifierKind, SharedKind>();
  const valuesOf = new Map<IdentifierKind, number>();
  for (const [key, c] of users) {
    if (c < 2) continue;
    const kind = KIND_OF_CODE[key.slice(0, key.indexOf(':'))]!;
    valuesOf.set(kind, (valuesOf.get(kind) ?? 0) + 1);
  }
  for (const [kind, values] of valuesOf) out.set(kind, { accounts: 0, values, rotating: 0 });
  for (const i of members) {
    const perKind = new Map<IdentifierKind, number>();
    for (const key of g.nodes[i]!.ids.keys()) {
      if ((users.get(key) ?? 0) < 2) continue;
      const kind = KIND_OF_CODE[key.slice(0, key.indexOf(':'))]!;
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    }
    for (const [kind, c] of perKind) {
      const s = out.get(kind)!;
      s.accounts += 1;
      if (c >= 2) s.rotating += 1;
    }
  }
  return out;
}

function tiedBy(edges: readonly Edge[], pick: (e: Edge) => number): number {
  const tied = new Set<number>();
  for (const e of edges) if (pick(e) >= BEHAVIOUR_TIE) tied.add(e.a).add(e.b);
  return tied.size;
}

function patternOf(
  strength: Partial<Record<LinkSignal, number>>,
  shared: Map<IdentifierKind, SharedKind>,
): LinkPattern {
  const s = (k: LinkSignal) => strength[k] ?? 0;
  const pf = shared.get('payment_fingerprint');
  const ip = shared.get('ip');
  if (s('identifier_rotation') >= DOMINANT) return 'rotating_identifiers';
  const oneIp = ip !== undefined && s('shared_ip') >= COMMON && ip.values <= 2;
  const oneCard = pf !== undefined && s('shared_payment') >= COMMON && pf.values <= 2;
  if (oneIp && (oneCard || s('shared_org') >= COMMON)) return 'shared_nat';
  if (oneCard) return 'shared_payment';
  if (ip !== undefined && s('shared_ip') >= COMMON && ip.values <= 3) return 'shared_exit';
  const template = s('content_template') >= DOMINANT;
  const timing = Math.max(s('synchronised_timing'), s('daily_burst')) >= DOMINANT;
  if (template && timing) return 'template_and_timing';
  if (template) return 'content_template';
  if (timing) return 'synchronised_timing';
  return 'mixed';
}

const PATTERN_TEXT: Record<LinkPattern, string> = {
  rotating_identifiers: 'members rotate several shared payment fingerprints / IPs',
  shared_payment: 'members share one payment fingerprint',
  shared_nat: 'members share one IP and one payment fingerprint or org',
  shared_exit: 'members share a few IPs and nothing else',
  template_and_timing: 'members share prompt templates and timing, no identifiers',
  content_template: 'members share prompt templates',
  synchronised_timing: 'members are active in the same time slots',
  mixed: 'members are tied by several weaker signals',
};

/** The link of one community; `templateAccounts`: members sending the campaign's own templates. */
export function clusterLink(
  g: PreparedGraph,
  members: readonly number[],
  inside: readonly Edge[],
  templateAccounts: number,
): ClusterLink {
  const size = members.length;
  const shared = sharedByKind(g, members);
  const signals: ClusterLinkSignal[] = [];
  const push = (signal: LinkSignal, accounts: number, values?: number) => {
    if (accounts < 2) return;
    signals.push({
      signal,
      strength: Math.round((accounts / size) * 1e4) / 1e4,
      accounts,
      ...(values === undefined ? {} : { values }),
    });
  };
  for (const [kind, s] of shared) if (kind !== 'user_agent') push(IDENTIFIER_SIGNAL[kind], s.accounts, s.values);
  const ip = shared.get('ip');
  const ua = shared.get('user_agent');
  // The day counters keep IPs and user agents apart, not their pairs: an upper bound on the
  // members sharing an IP + user agent combination.
  if (ip !== undefined && ua !== undefined) push('shared_ip_ua', Math.min(ip.accounts, ua.accounts));
  const pf = shared.get('payment_fingerprint');
  const rotating = Math.max(
    pf !== undefined && pf.values >= 2 ? pf.rotating : 0,
    ip !== undefined && ip.values >= 3 && pf !== undefined && pf.values >= 2 ? ip.rotating : 0,
  );
  push('identifier_rotation', rotating, (pf?.values ?? 0) + (ip?.values ?? 0));
  push('content_template', templateAccounts);
  push(
    'synchronised_timing',
    tiedBy(inside, (e) => e.co5),
  );
  push(
    'daily_burst',
    tiedBy(inside, (e) => e.co60),
  );
  push(
    'gateway_sync',
    tiedBy(inside, (e) => e.sync),
  );
  signals.sort((a, b) => b.strength - a.strength || (a.signal < b.signal ? -1 : 1));
  const strength = Object.fromEntries(signals.map((s) => [s.signal, s.strength])) as Partial<
    Record<LinkSignal, number>
  >;
  const pattern = patternOf(strength, shared);
  const top = signals
    .slice(0, 3)
    .map(
      (s) =>
        `${s.signal.replaceAll('_', ' ')} ${s.accounts}/${size}${s.values === undefined ? '' : ` (${s.values} values)`}`,
    )
    .join(', ');
  const org = shared.get('org_id');
  const declared =
    pf !== undefined &&
    org !== undefined &&
    pf.values === 1 &&
    org.values === 1 &&
    pf.accounts === size &&
    org.accounts === size &&
    rotating === 0;
  return {
    pattern,
    signals,
    detail: `${PATTERN_TEXT[pattern]}${top === '' ? '' : `: ${top}`}${declared ? '; a declared organisation (one org id and card on every member)' : ''}`,
    declared_organisation: declared,
  };
}
