/**
 * The partitioned cluster pass (a BullMQ flow over shards) gives exactly the single pass's
 * clusters — members, scores, evidence — on the simulator's traffic and on campaigns tied only by
 * templates and timing (template-sync links, whose statistics cover the whole window), recorded into the Redis
 * graph state the way the events worker records it. Two part workers take the flow's steps.
 * Runs on a single Redis and, in the `cluster` project, on the 3-master Redis Cluster.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { toJob } from '../src/features/aggregate/event-job.js';
import { accountHash, keySpace } from '../src/features/aggregate/redis-keys.js';
import { runClusterJob } from '../src/features/clusters/cluster-job.js';
import { ClusterStore } from '../src/features/clusters/cluster-store.js';
import { ClusterGraphStore } from '../src/features/clusters/graph-store.js';
import { createOfflineCollector } from '../src/features/clusters/offline-nodes.js';
import { partitionedSteps } from '../src/features/clusters/partitioned/partitioned-job.js';
import { simulate } from '../src/features/simulate/simulate.js';
import { createLogger } from '../src/logger.js';
import { slotPipeline } from '../src/redis/slot-pipeline.js';
import { openQueue, QueueName } from '../src/queues/definitions.js';
import { createClusterPartsHandler } from '../src/queues/handlers/cluster-parts.js';
import { createClusterFlow } from '../src/queues/producers/cluster-flow.js';
import { createDeadLetters } from '../src/queues/producers/dead-letters.js';
import { startWorkerProcess, type WorkerProcess } from '../src/queues/processes/worker.js';
import { startQueueWorker, type QueueWorker } from '../src/queues/start-worker.js';
import { cleanup, connect, keysMatching, uniquePrefix } from './helpers/accounts.js';
import { waitFor } from './helpers/wait.js';
import { END as CR_END, buildContentRhythmFixture } from './helpers/content-rhythm-fixture.js';
import type { AccountEventJob } from '../src/contracts/events.js';

const DAYS = 2;
const WINDOW_H = DAYS * 24;
interface Traffic {
  jobs: AccountEventJob[];
  now: number;
  /** Each account's own likelihood; absent: the shipped account model's. */
  risk?: Map<string, number>;
}

function simulatorTraffic(seed: number): Traffic {
  const sim = simulate({ seed, accounts: 70, days: DAYS });
  return { jobs: sim.events.map((e) => toJob(e, e.labels!.label)), now: sim.end };
}

function contentRhythmTraffic(): Traffic {
  const f = buildContentRhythmFixture();
  return { jobs: f.jobs, now: CR_END, risk: f.risk };
}

const cases = [
  { source: 'simulator seed 303', shards: 2, traffic: () => simulatorTraffic(303), minClusters: 3 },
  { source: 'simulator seed 404', shards: 3, traffic: () => simulatorTraffic(404), minClusters: 3 },
  { source: 'simulator seed 505', shards: 16, traffic: () => simulatorTraffic(505), minClusters: 3 },
  { source: 'content and rhythm campaigns', shards: 3, traffic: contentRhythmTraffic, minClusters: 2 },
];

describe.each(cases)(
  'partitioned cluster pass, $source, $shards shards',
  ({ source, shards, traffic, minClusters }) => {
    let redis: Redis;
    const prefix = uniquePrefix(`cluster-flow-${source.replace(/\W+/g, '-')}`);
    const { jobs, now, risk } = traffic();
    const workers: QueueWorker[] = [];
    let store: ClusterStore;
    let graph: ClusterGraphStore;

    beforeAll(async () => {
      redis = await connect();
      graph = new ClusterGraphStore({ redis, prefix, now: () => now });
      store = new ClusterStore(redis, prefix);
      for (let i = 0; i < jobs.length; i += 2000) await graph.record(jobs.slice(i, i + 2000));
      // Each account's own likelihood, as the score worker stores it.
      let likelihoods = risk;
      if (likelihoods === undefined) {
        const collector = createOfflineCollector();
        for (const j of jobs) collector.add(j);
        const { nodes } = collector.finish(await loadAccountModel(DEFAULT_MODELS_DIR), now);
        likelihoods = new Map(nodes.map((n) => [n.id, n.risk]));
      }
      const p = slotPipeline(redis);
      for (const [id, likelihood] of likelihoods)
        p.set(keySpace(prefix).account(accountHash(id)).state, JSON.stringify({ likelihood }));
      await p.exec();
      const steps = partitionedSteps({ redis, prefix, graph, clusters: store });
      const deadLetters = createDeadLetters({ connection: redis, prefix });
      for (let w = 0; w < 2; w++) {
        const parts = openQueue(QueueName.ClusterParts, redis, prefix);
        const handler = createClusterPartsHandler({ steps, parts });
        workers.push(
          await startQueueWorker(QueueName.ClusterParts, handler, {
            connection: redis,
            prefix,
            logger: createLogger('silent'),
            deadLetters,
          }),
        );
      }
    }, 120_000);

    afterAll(async () => {
      for (const w of workers) await w.stop();
      await cleanup(redis, prefix);
      await redis.quit();
    });

    it('stores the same clusters as the single pass and leaves no run keys behind', async () => {
      const single = await runClusterJob({
        redis,
        prefix,
        graph,
        clusters: store,
        now: () => now,
        windowHours: WINDOW_H,
      });
      const expected = (await store.list({ min_score: 0, limit: 10_000 })).clusters;
      expect(expected.length).toBeGreaterThanOrEqual(minClusters);
      expect(single.attackClusters).toBeGreaterThanOrEqual(1);

      const flow = createClusterFlow({ connection: redis, prefix, pollMs: 50 });
      try {
        const result = await flow.run({ shards, from: now - WINDOW_H * 3_600_000, to: now, timeoutMs: 90_000 });
        expect(result).toMatchObject({
          accounts: single.accounts,
          clusters: single.clusters,
          attackClusters: single.attackClusters,
          // Same clusters and scores as the stored ones: no account needs a recompute.
          changed: [],
        });
        expect(Object.keys(result.stages).sort()).toEqual(['block', 'map', 'reduce', 'score']);
      } finally {
        await flow.close();
      }
      const partitioned = (await store.list({ min_score: 0, limit: 10_000 })).clusters;
      expect(partitioned).toEqual(expected);
      expect(await keysMatching(redis, `${prefix}:cgp:*`)).toEqual([]);
    }, 120_000);

    it.runIf(shards === 2)(
      'runs over a window without traffic and stores no clusters',
      async () => {
        const flow = createClusterFlow({ connection: redis, prefix, pollMs: 50 });
        try {
          const result = await flow.run({ shards, from: 0, to: 86_400_000, timeoutMs: 60_000 });
          expect(result).toMatchObject({ accounts: 0, clusters: 0 });
        } finally {
          await flow.close();
        }
        expect((await store.list({ min_score: 0, limit: 10 })).clusters).toEqual([]);
      },
      60_000,
    );
  },
);

describe('CLUSTER_SHARDS > 1 in the worker process', () => {
  let redis: Redis;
  const prefix = uniquePrefix('cluster-flow-worker');
  const sim = simulate({ seed: 606, accounts: 50, days: DAYS });
  const now = sim.end;
  let workers: WorkerProcess;

  beforeAll(async () => {
    redis = await connect();
    const graph = new ClusterGraphStore({ redis, prefix, now: () => now });
    const jobs = sim.events.map((e) => toJob(e, e.labels!.label));
    for (let i = 0; i < jobs.length; i += 2000) await graph.record(jobs.slice(i, i + 2000));
    workers = await startWorkerProcess({
      connection: redis,
      prefix,
      model: await loadAccountModel(DEFAULT_MODELS_DIR),
      logger: createLogger('silent'),
      now: () => now,
      clusters: { everyMs: 0, windowHours: WINDOW_H, shards: 2 },
    });
  }, 120_000);

  afterAll(async () => {
    await workers?.stop();
    await cleanup(redis, prefix);
    await redis.quit();
  });

  it('runs the on-demand pass as a flow, which finds the single pass stored result unchanged', async () => {
    const graph = new ClusterGraphStore({ redis, prefix, now: () => now });
    const single = await runClusterJob({
      redis,
      prefix,
      graph,
      clusters: workers.clusterStore,
      now: () => now,
      windowHours: WINDOW_H,
    });
    expect(single.clusters).toBeGreaterThanOrEqual(2);
    const id = await workers.clusterPasses!.request('test');
    const queue = openQueue(QueueName.Clusters, redis, prefix);
    try {
      const job = await waitFor(async () => {
        const j = await queue.getJob(id);
        return j?.finishedOn !== undefined ? j : undefined;
      }, 90_000);
      expect(job.failedReason).toBeUndefined();
      expect(job.returnvalue).toMatchObject({ accounts: single.accounts, clusters: single.clusters, changed: 0 });
      expect(Object.keys((job.returnvalue as { stages: object }).stages).sort()).toEqual([
        'block',
        'map',
        'reduce',
        'score',
      ]);
    } finally {
      await queue.close();
    }
  }, 120_000);
});
