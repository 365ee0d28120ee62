import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { createLogger } from '../src/logger.js';
import { startWorkerProcess, type WorkerProcess } from '../src/queues/processes/worker.js';
import { createEventsProducer, type EventsProducer } from '../src/queues/producers/events.js';
import { END, buildFixture } from './helpers/cluster-fixture.js';
import { cleanup, connect, uniquePrefix } from './helpers/accounts.js';

async function until<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('cluster job on BullMQ, end to end', () => {
  let redis: Redis;
  const prefix = uniquePrefix('cluster-worker');
  const fx = buildFixture(11);
  let workers: WorkerProcess;
  let producer: EventsProducer;

  beforeAll(async () => {
    redis = await connect();
    const logger = createLogger('silent');
    const now = () => END;
    workers = await startWorkerProcess({
      connection: redis,
      prefix,
      model: await loadAccountModel(DEFAULT_MODELS_DIR),
      logger,
      now,
      debounceMs: 100,
      clusters: { everyMs: 0, windowHours: 48 },
    });
    producer = createEventsProducer({ connection: redis, prefix });
  });

  afterAll(async () => {
    await producer.close();
    await workers.stop();
    await cleanup(redis, prefix);
    await redis.quit();
  });

  it('aggregates events into the graph, runs an on-demand pass, and members get cluster_id, own_likelihood and a cluster factor', async () => {
    await producer.enqueue(fx.jobs);
    // Every account scored on its own first (the pass reads own likelihoods).
    await until(async () => {
      const briefs = await workers.scores.briefs([...fx.risk.keys()]);
      return briefs.every((b) => b.updated_at !== null) ? true : undefined;
    }, 30_000);
    await workers.clusterPasses!.request();
    const view = await until(async () => {
      const v = await workers.scores.get('lockstep_5');
      return v?.cluster_id ? v : undefined;
    }, 30_000);
    const cluster = await workers.clusterStore.get(view.cluster_id!);
    expect(cluster?.members).toEqual([...fx.groups.lockstep].sort());
    expect(cluster!.score).toBeGreaterThanOrEqual(0.6);
    expect(view.own_likelihood).toBeTypeOf('number');
    expect(view.likelihood).toBeGreaterThanOrEqual(view.own_likelihood!);
    expect(view.features.cluster_score).toBe(cluster!.score);
    if (view.own_likelihood! < 0.9) expect(view.top_factors.map((f) => f.factor)).toContain('cluster_score');

    const shared = await until(async () => {
      const v = await workers.scores.get('shared_0');
      return v?.cluster_id ? v : undefined;
    }, 30_000);
    expect((await workers.clusterStore.get(shared.cluster_id!))?.members).toEqual([...fx.groups.shared].sort());

    for (const id of [...fx.groups.company, ...fx.groups.cgnat]) {
      const v = await workers.scores.get(id);
      expect(v?.action, id).not.toBe('block');
      if (v?.cluster_id) expect((await workers.clusterStore.get(v.cluster_id))!.score).toBeLessThan(0.6);
    }
  }, 90_000);
});
