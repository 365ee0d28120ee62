import express from 'express';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, ClusterLineRef, type ClusterMembership } from '../src/contracts/clusters.js';
import { actionOf as actionOfModel, levelOf as levelOfModel } from '../src/features/aggregate/account-model.js';
import { accountHash } from '../src/features/aggregate/redis-keys.js';
import { createNodeBuilder } from '../src/features/clusters/account-node.js';
import { runClusterPass } from '../src/features/clusters/cluster-pass.js';
import { ClusterStore } from '../src/features/clusters/cluster-store.js';
import { communities } from '../src/features/clusters/communities.js';
import { coordinatedTie, type Edge } from '../src/features/clusters/edges.js';
import { ClusterGraphStore } from '../src/features/clusters/graph-store.js';
import { liftByCluster } from '../src/features/clusters/member-lift.js';
import { DEFAULT_CLUSTER_PARAMS } from '../src/features/clusters/params.js';
import { errorHandler, notFoundHandler } from '../src/http/middleware/error-handler.js';
import { clusterRoutes } from '../src/http/routes/clusters.js';
import { createLogger } from '../src/logger.js';
import {
  COMPANY_CARD,
  END,
  NAT_IP,
  SHARED_CARDS,
  T0,
  buildFixture,
  clusterPassOnRedis,
  type Fixture,
} from './helpers/cluster-fixture.js';
import { cleanup, connect, uniquePrefix } from './helpers/accounts.js';

const ATTACK = 0.6;

const clusterOf = (clusters: readonly Cluster[], account: string) => clusters.find((c) => c.members.includes(account));

function offlineClusters(fx: Fixture, order: 'as-is' | 'reversed' = 'as-is') {
  const builder = createNodeBuilder();
  const jobs = order === 'reversed' ? [...fx.jobs].reverse() : fx.jobs;
  for (const job of jobs) builder.add(job);
  const nodes = builder.nodes();
  for (const n of nodes) n.risk = fx.risk.get(n.id) ?? 0;
  if (order === 'reversed') nodes.reverse();
  return runClusterPass(nodes, { values: builder.values(), window: { from: T0, to: END } }).clusters;
}

describe('cluster pass on Redis graph state', () => {
  let redis: Redis;
  const prefix = uniquePrefix('clusters');
  const fx = buildFixture();
  let clusters: Cluster[];

  beforeAll(async () => {
    redis = await connect();
    const pass = await clusterPassOnRedis({ redis, prefix, jobs: fx.jobs, risk: fx.risk, end: END, windowHours: 48 });
    expect(pass.accounts).toBe(fx.risk.size);
    clusters = pass.clusters;
  });

  afterAll(async () => {
    await cleanup(redis, prefix);
    await redis.quit();
  });

  it('counts a request in the graph once, however often it is recorded', async () => {
    const graph = new ClusterGraphStore({ redis, prefix: `${prefix}-idem`, now: () => END });
    const job = fx.jobs[0]!;
    expect(await graph.record([job])).toBe(1);
    expect(await graph.record([job, { ...job }])).toBe(0);
    const { nodes } = await graph.readWindow(T0, END);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.n).toBe(1);
    await cleanup(redis, `${prefix}-idem`);
  });

  it('puts the shared-card campaign in one attack cluster of exactly its accounts, with the cards and proxies as evidence', () => {
    const c = clusterOf(clusters, fx.groups.shared[0]!);
    expect(c).toBeDefined();
    expect(c!.members).toEqual([...fx.groups.shared].sort());
    expect(c!.score).toBeGreaterThanOrEqual(ATTACK);
    const cards = c!.evidence.filter((e) => e.kind === 'shared_identifier' && e.identifier === 'payment_fingerprint');
    expect(cards.map((e) => e.value).sort()).toEqual([...SHARED_CARDS].sort());
    for (const e of cards) {
      expect(e.accounts).toBe(6);
      expect(e.population_accounts).toBe(6);
      expect(e.requests).toBeGreaterThan(0);
    }
    expect(
      c!.evidence.some(
        (e) => e.kind === 'shared_identifier' && e.identifier === 'ip' && e.value?.startsWith('45.10.0.'),
      ),
    ).toBe(true);
    expect(c!.evidence.some((e) => e.kind === 'co_activity' && e.window === '5m')).toBe(true);
    expect(c!.timeline.first_seen).not.toBeNull();
    expect(c!.timeline.daily).toHaveLength(2);
  });

  it('recovers the lockstep campaign that shares no identifier from templates and timing, including its low-volume replacement account', () => {
    const c = clusterOf(clusters, fx.groups.lockstep[0]!);
    expect(c).toBeDefined();
    expect(c!.members).toEqual([...fx.groups.lockstep].sort());
    expect(c!.score).toBeGreaterThanOrEqual(ATTACK);
    const telling = c!.evidence.filter(
      (e) => e.kind === 'shared_identifier' && ['ip', 'payment_fingerprint', 'org_id'].includes(e.identifier!),
    );
    expect(telling).toEqual([]);
    expect(c!.evidence.find((e) => e.kind === 'template_overlap')?.accounts).toBe(6);
    expect(c!.evidence.some((e) => e.kind === 'co_activity')).toBe(true);
  });

  it('keeps the NAT company, the CGNAT users and the lone extractors out of attack clusters', () => {
    for (const a of [...fx.groups.company, ...fx.groups.cgnat, ...fx.groups.background]) {
      const c = clusterOf(clusters, a);
      if (c !== undefined) expect(c.score, `${a} in ${c.cluster_id}`).toBeLessThan(ATTACK);
    }
    const attackMembers = clusters.filter((c) => c.score >= ATTACK).flatMap((c) => c.members);
    expect(attackMembers.sort()).toEqual([...fx.groups.shared, ...fx.groups.lockstep].sort());
    // The company's accounts do share NAT, card and org: if grouped, the evidence names them.
    const company = clusterOf(clusters, fx.groups.company[0]!);
    if (company !== undefined) {
      const values = company.evidence.map((e) => e.value);
      expect(values).toContain(NAT_IP);
      expect(values).toContain(COMPANY_CARD);
    }
  });

  it('is deterministic: the Redis job, the in-memory pass and a reversed input give the same clusters, every line parses', () => {
    const offline = offlineClusters(fx);
    const reversed = offlineClusters(fx, 'reversed');
    expect(offline).toEqual(reversed);
    expect(offline.map((c) => [c.cluster_id, c.score, c.members])).toEqual(
      clusters.map((c) => [c.cluster_id, c.score, c.members]),
    );
    for (const c of clusters) {
      expect(Cluster.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
      expect(ClusterLineRef.safeParse(c).success).toBe(true);
    }
  });

  it('reports changed memberships once and finds the cluster of a member account', async () => {
    const store = new ClusterStore(redis, prefix);
    const again = await store.replace(clusters, {
      generatedAt: new Date(END).toISOString(),
      accounts: fx.risk.size,
      ms: 1,
    });
    expect(again).toEqual([]);
    const m = await store.membership(accountHash(fx.groups.shared[0]!));
    expect(m?.cluster_id).toBe(clusterOf(clusters, fx.groups.shared[0]!)!.cluster_id);
    expect(m?.summary).toMatch(/payment fingerprint shared by 6/);
    expect(await store.membership(accountHash('person_39'))).toBeUndefined();
  });

  it('serves GET /v1/clusters and /v1/clusters/:id with 400 and 404 on bad input', async () => {
    const app = express();
    for (const r of clusterRoutes({ redis, prefix })) app[r.spec.method](r.spec.path, r.handler);
    app.use(notFoundHandler());
    app.use(errorHandler(createLogger('silent')));
    const server = app.listen(0);
    const port = (server.address() as { port: number }).port;
    try {
      const base = `http://127.0.0.1:${port}`;
      const list = (await (await fetch(`${base}/v1/clusters?min_score=${ATTACK}&limit=10`)).json()) as {
        clusters: Cluster[];
        generated_at: string;
      };
      expect(list.clusters.map((c) => c.members[0]!.split('_')[0]).sort()).toEqual(['lockstep', 'shared']);
      expect(list.generated_at).toBe(new Date(END).toISOString());
      const one = await fetch(`${base}/v1/clusters/${list.clusters[0]!.cluster_id}`);
      expect(one.status).toBe(200);
      expect(((await one.json()) as Cluster).members).toEqual(list.clusters[0]!.members);
      expect((await fetch(`${base}/v1/clusters/cl_0000000000000000`)).status).toBe(404);
      const bad = await fetch(`${base}/v1/clusters/nope`);
      expect(bad.status).toBe(400);
      const badQuery = await fetch(`${base}/v1/clusters?min_score=2`);
      expect(badQuery.status).toBe(400);
      expect(((await badQuery.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('grouping of the account graph', () => {
  const edge = (a: number, b: number, weight: number, o: Partial<Edge> = {}): Edge => ({
    a,
    b,
    weight,
    strong: false,
    identifiers: 0,
    template: 0,
    co5: 0,
    co60: 0,
    sync: 0,
    templateSync: 0,
    mix: 1,
    ...o,
  });
  /**
   * Core 0–3 and core 4–6 (strong chains); `tied` members of the first core have moderate edges
   * to every member of the second (by default: the same templates at the same times).
   */
  const twoCores = (tied: number[], cross: Partial<Edge> = { template: 0.25, co5: 0.4 }): Edge[] => [
    edge(0, 1, 0.8, { strong: true }),
    edge(1, 2, 0.8, { strong: true }),
    edge(2, 3, 0.8, { strong: true }),
    edge(4, 5, 0.8, { strong: true }),
    edge(5, 6, 0.8, { strong: true }),
    ...tied.flatMap((a) => [4, 5, 6].map((b) => edge(a, b, 0.45, cross))),
  ];
  const opts = { attachMin: 0.6, rounds: 5, mergeTie: (e: Edge) => coordinatedTie(e, DEFAULT_CLUSTER_PARAMS) };

  it('merges two cores when most members of one are each tied to the other by the same templates at the same times, as a lone account would need to join it', () => {
    expect([...communities(8, twoCores([0, 1, 2, 3]), opts)]).toEqual([0, 0, 0, 0, 0, 0, 0, 7]);
    expect([...communities(8, twoCores([0, 2, 3]), opts)]).toEqual([0, 0, 0, 0, 0, 0, 0, 7]);
  });

  it('keeps two cores apart when only a minority of either is tied across, or the ties are timing alone or templates alone', () => {
    expect([...communities(8, twoCores([0]), opts)]).toEqual([0, 0, 0, 0, 4, 4, 4, 7]);
    expect([...communities(8, twoCores([3]), opts)]).toEqual([0, 0, 0, 0, 4, 4, 4, 7]);
    expect([...communities(8, twoCores([0, 1, 2, 3], { co5: 0.6 }), opts)]).toEqual([0, 0, 0, 0, 4, 4, 4, 7]);
    expect([...communities(8, twoCores([0, 1, 2, 3], { template: 0.5 }), opts)]).toEqual([0, 0, 0, 0, 4, 4, 4, 7]);
  });
});

describe('cluster lift on member verdicts', () => {
  const thresholds = { elevated: 0.3, high: 0.6, critical: 0.9 };
  const levelOf = (l: number) => levelOfModel(l, thresholds);
  const act = actionOfModel;
  const member = (score: number): ClusterMembership => ({
    cluster_id: 'cl_0123456789abcdef',
    score,
    size: 8,
    summary: 'same prompt templates',
  });
  const own = {
    likelihood: 0.1,
    level: 'low' as const,
    action: 'allow' as const,
    top_factors: [{ factor: 'volume_7d', contribution: 0.5, detail: 'x' }],
  };

  it('raises a low-volume member of an attack cluster and explains it, but never to block', () => {
    const lifted = liftByCluster(own, member(0.95), thresholds, levelOf, act);
    expect(lifted.likelihood).toBeGreaterThan(0.6);
    expect(lifted.likelihood).toBeLessThan(0.9);
    expect(lifted.level).toBe('high');
    expect(lifted.action).toBe('throttle');
    expect(lifted.top_factors[0]).toMatchObject({ factor: 'cluster_score', contribution: 2.85 });
    expect(lifted.top_factors[0]!.detail).toContain('cl_0123456789abcdef');
    const high = liftByCluster({ ...own, likelihood: 0.85, level: 'high' }, member(1), thresholds, levelOf, act);
    expect(high.level).toBe('high');
  });

  it('leaves members of low-score clusters unchanged', () => {
    expect(liftByCluster(own, member(0.3), thresholds, levelOf, act)).toBe(own);
  });

  it('keeps strongly lifted members below block but ordered by their evidence, not tied at the cap', () => {
    const at = (likelihood: number, score: number) =>
      liftByCluster({ ...own, likelihood, level: levelOf(likelihood) }, member(score), thresholds, levelOf, act)
        .likelihood;
    // Three members, none critical on its own, whose lifted likelihood would be 0.95, 0.98 and 0.99.
    const lifted = [0.5, 0.7, 0.85].map((l) => at(l, 1));
    for (const l of lifted) expect(l).toBeLessThan(thresholds.critical);
    expect(lifted[0]).toBeLessThan(lifted[1]!);
    expect(lifted[1]).toBeLessThan(lifted[2]!);
    // Increasing in the member's own likelihood and in the cluster score, and never below its own.
    let last = 0;
    for (let l = 0.05; l < 0.9; l += 0.01) {
      const v = at(l, 0.9);
      expect(v).toBeGreaterThanOrEqual(last);
      expect(v).toBeGreaterThanOrEqual(Math.round(l * 1e6) / 1e6);
      last = v;
    }
    last = 0;
    for (let score = 0.6; score <= 1; score += 0.01) {
      const v = at(0.3, score);
      expect(v).toBeGreaterThanOrEqual(last);
      last = v;
    }
    // An account critical on its own stays critical.
    const critical = liftByCluster(
      { ...own, likelihood: 0.95, level: 'critical' },
      member(1),
      thresholds,
      levelOf,
      act,
    );
    expect(critical.level).toBe('critical');
  });
});
