import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../src/contracts/clusters.js';
import { actionOf, levelOf } from '../src/features/aggregate/account-model.js';
import type { ClusterStore } from '../src/features/clusters/cluster-store.js';
import { accountHash } from '../src/features/aggregate/redis-keys.js';
import { liftByCluster } from '../src/features/clusters/member-lift.js';
import { DEFAULT_CLUSTER_PARAMS } from '../src/features/clusters/params.js';
import { END, HYDRA_CARDS, PROXY_EXITS, buildIdentifierFixture } from './helpers/identifier-fixture.js';
import { cleanup, connect, uniquePrefix } from './helpers/accounts.js';
import { clusterPassOnRedis } from './helpers/cluster-fixture.js';
import { END as CR_END, buildContentRhythmFixture } from './helpers/content-rhythm-fixture.js';

const ATTACK = DEFAULT_CLUSTER_PARAMS.attackScore;

describe('identifier structure through the clusters pass (Redis graph state)', () => {
  let redis: Redis;
  const prefix = uniquePrefix('clusters-ids');
  const fx = buildIdentifierFixture();
  let store: ClusterStore;
  let clusters: Cluster[];
  const clusterOf = (account: string) => clusters.find((c) => c.members.includes(account));
  const inAttackCluster = (accounts: readonly string[]) => accounts.filter((a) => (clusterOf(a)?.score ?? 0) >= ATTACK);

  beforeAll(async () => {
    redis = await connect();
    const pass = await clusterPassOnRedis({ redis, prefix, jobs: fx.jobs, risk: fx.risk, end: END, windowHours: 48 });
    expect(pass.accounts).toBe(fx.risk.size);
    store = pass.store;
    clusters = pass.clusters;
  });

  afterAll(async () => {
    await cleanup(redis, prefix);
    await redis.quit();
  });

  it('groups a rotating hydra (50 accounts, 12 cards, 40 proxy exits, ~30 requests each) into one attack cluster of exactly its accounts', () => {
    const c = clusterOf(fx.groups.hydra[0]!);
    expect(c).toBeDefined();
    expect(c!.members).toEqual([...fx.groups.hydra].sort());
    expect(c!.link.pattern).toBe('rotating_identifiers');
    const rotation = c!.link.signals.find((s) => s.signal === 'identifier_rotation');
    expect(rotation?.accounts).toBe(50);
    // Every member alone looks ordinary (own likelihood 0.06): the pooled evidence makes the campaign.
    expect(c!.score).toBeGreaterThanOrEqual(ATTACK);
    const cards = c!.evidence.filter((e) => e.kind === 'shared_identifier' && e.identifier === 'payment_fingerprint');
    expect(cards.length).toBeGreaterThan(0);
    for (const e of cards) expect(HYDRA_CARDS).toContain(e.value);
  });

  it('pools the members’ label evidence as one actor’s', () => {
    const c = clusterOf(fx.groups.hydra[0]!)!;
    const members = new Set(fx.groups.hydra);
    const mine = fx.jobs.filter((j) => members.has(j.account_id));
    const extraction = mine.filter((j) => j.label === 'reasoning_trace_extraction');
    expect(c.pooled.requests).toBe(mine.length);
    expect(c.pooled.attack_label_counts.reasoning_trace_extraction).toBe(extraction.length);
    expect(c.pooled.attack_requests).toBe(extraction.length);
    expect(c.pooled.attack_accounts).toBe(new Set(extraction.map((j) => j.account_id)).size);
    expect(c.pooled.attack_share).toBeCloseTo(extraction.length / mine.length, 3);
  });

  it('keeps VPN users on the same proxy exits out of the campaign, and out of any attack cluster', () => {
    const hydra = clusterOf(fx.groups.hydra[0]!)!;
    const vpnExits = new Set(fx.jobs.filter((j) => j.account_id.startsWith('vpn_')).map((j) => j.ip));
    expect([...vpnExits].every((ip) => PROXY_EXITS.includes(ip))).toBe(true);
    expect(hydra.members.filter((m) => m.startsWith('vpn_'))).toEqual([]);
    expect(inAttackCluster(fx.groups.vpn)).toEqual([]);
  });

  it('keeps a NAT company (one card, one IP, one org), a class (one card, same assignment, same lab hours) and a CGNAT pool out of attack clusters', () => {
    expect(inAttackCluster(fx.groups.company)).toEqual([]);
    expect(inAttackCluster(fx.groups.klass)).toEqual([]);
    expect(inAttackCluster(fx.groups.cgnat)).toEqual([]);
    // Unrelated phone users behind carrier NAT are not one group.
    for (const c of clusters) expect(c.members.filter((m) => m.startsWith('phone_')).length).toBeLessThan(2);
  });

  it('carries pooled evidence and link pattern into the membership; membership alone never reaches block', async () => {
    const member = fx.groups.hydra[7]!;
    const m = await store.membership(accountHash(member));
    expect(m?.link_pattern).toBe('rotating_identifiers');
    expect(m?.pooled?.attack_requests).toBe(clusterOf(member)!.pooled.attack_requests);
    const thresholds = { elevated: 0.3, high: 0.6, critical: 0.9 };
    const own = { likelihood: 0.06, level: 'low' as const, action: 'allow' as const, top_factors: [] };
    const lifted = liftByCluster(own, m!, thresholds, (l) => levelOf(l, thresholds), actionOf);
    expect(lifted.likelihood).toBeGreaterThan(0.06);
    expect(lifted.level).not.toBe('critical');
  });
});

describe('content and rhythm through the clusters pass (template skeletons used in the same hours)', () => {
  let redis: Redis;
  const prefix = uniquePrefix('clusters-cr');
  const fx = buildContentRhythmFixture();
  let clusters: Cluster[];
  const clusterOf = (account: string) => clusters.find((c) => c.members.includes(account));
  const inAttackCluster = (accounts: readonly string[]) => accounts.filter((a) => (clusterOf(a)?.score ?? 0) >= ATTACK);

  beforeAll(async () => {
    redis = await connect();
    const pass = await clusterPassOnRedis({
      redis,
      prefix,
      jobs: fx.jobs,
      risk: fx.risk,
      end: CR_END,
      windowHours: 48,
    });
    expect(pass.accounts).toBe(fx.risk.size);
    clusters = pass.clusters;
  });

  afterAll(async () => {
    await cleanup(redis, prefix);
    await redis.quit();
  });

  it('groups 30 agentic accounts on per-account proxies and cards (no attack label) into one attack cluster of exactly its accounts', () => {
    const c = clusterOf(fx.groups.agentic[0]!);
    expect(c?.members).toEqual([...fx.groups.agentic].sort());
    expect(c!.link.pattern).toBe('template_and_timing');
    expect(c!.pooled.attack_requests).toBe(0);
    expect(c!.score).toBeGreaterThanOrEqual(ATTACK);
    expect(c!.link.detail).toContain('no card, org or IP that half of them share');
  });

  it('groups 40 low-and-slow accounts with their own identities, bursting in one daily window, into one attack cluster', () => {
    const c = clusterOf(fx.groups.lowSlow[0]!);
    expect(c?.members).toEqual([...fx.groups.lowSlow].sort());
    expect(c!.score).toBeGreaterThanOrEqual(ATTACK);
  });

  it('does not link people pasting a popular prompt template at their own times, nor a CGNAT pool', () => {
    for (const c of clusters) {
      expect(c.members.filter((m) => m.startsWith('traveller_')).length).toBeLessThan(2);
      expect(c.members.filter((m) => m.startsWith('mobile_')).length).toBeLessThan(2);
    }
  });

  it('keeps an eval team (one org, nightly judge runs) and a class in its lab (one card, one assignment) out of attack clusters, and apart from the campaigns', () => {
    expect(
      inAttackCluster([...fx.groups.evalTeam, ...fx.groups.klass, ...fx.groups.popular, ...fx.groups.cgnat]),
    ).toEqual([]);
    const campaigns = new Set([...fx.groups.agentic, ...fx.groups.lowSlow]);
    for (const c of clusters.filter((x) => x.members.some((m) => campaigns.has(m))))
      expect(c.members.every((m) => campaigns.has(m))).toBe(true);
  });
});
