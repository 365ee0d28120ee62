/**
 * Ingest throughput on a single Redis and on a 3-master Redis Cluster, with 1 and 2 worker
 * processes, in one run: the bench starts a private redis-server and a private 3-master cluster
 * (test/helpers/private-cluster.ts) on this machine, then for each (target, workers) enqueues the
 * same pre-labelled events (addBulk, as bench/ingest.ts) and times until the worker processes
 * have completed every one. Each target also reports how the Redis commands of the run spread
 * over its nodes (INFO commandstats deltas). Prints JSON.
 *
 *   npx tsx bench/ingest-scale.ts [--events 30000] [--accounts 2000] [--concurrency 200]
 */
import { eventsOf, type AccountEventsJob } from '../src/contracts/events.js';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { createLogger } from '../src/logger.js';
import { startWorkerProcess } from '../src/queues/processes/worker.js';
import { createEventsProducer } from '../src/queues/producers/events.js';
import { masters } from '../src/redis/cluster.js';
import { parseClusterNodes } from '../src/redis/cluster-nodes.js';
import { connectRedis } from '../src/redis/connect.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';
import { findOnPath, startPrivateRedis } from '../src/redis/private-server.js';
import { startPrivateCluster } from '../test/helpers/private-cluster.js';
import { benchJobs } from './ingest-jobs.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '30000' },
    accounts: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '200' },
    // Worker-process mode (spawned by the bench itself).
    role: { type: 'string', default: 'bench' },
    url: { type: 'string' },
    nodes: { type: 'string' },
    prefix: { type: 'string' },
  },
});
const N = Number(values.events);
const ACCOUNTS = Number(values.accounts);
const CONCURRENCY = Number(values.concurrency);
const CHUNK = 1000;

interface Target {
  name: 'single' | 'cluster';
  url: string;
  nodes?: string;
}

const connectTo = (t: { url: string; nodes?: string | undefined }): Promise<Redis> =>
  connectRedis(t.url, t.nodes === undefined ? undefined : parseClusterNodes(t.nodes));

/** A worker process: runs the account workers and reports its completed event count to the bench. */
async function workerRole(): Promise<void> {
  const redis = await connectTo({ url: values.url!, nodes: values.nodes });
  const model = await loadAccountModel(DEFAULT_MODELS_DIR);
  const workers = await startWorkerProcess({
    connection: redis,
    prefix: values.prefix!,
    model,
    logger: createLogger('silent'),
    concurrency: CONCURRENCY,
  });
  let done = 0;
  workers.events.on('completed', (job) => (done += eventsOf(job.data as AccountEventsJob).length));
  const timer = setInterval(() => process.send?.({ done }), 100);
  process.send?.({ ready: true });
  process.on('message', (m: { stop?: boolean }) => {
    if (!m.stop) return;
    clearInterval(timer);
    void workers
      .stop()
      .then(() => redis.quit())
      .then(() => process.exit(0));
  });
}

async function commandCounts(redis: Redis): Promise<number[]> {
  return Promise.all(
    masters(redis).map(async (node) => {
      const info = await node.info('stats');
      return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
    }),
  );
}

async function measure(target: Target, processes: number) {
  const redis = await connectTo(target);
  const prefix = `bench-scale-${randomBytes(3).toString('hex')}`;
  const producer = createEventsProducer({ connection: redis, prefix });
  await producer.queue.waitUntilReady();
  const children: ChildProcess[] = [];
  const done: number[] = [];
  const script = fileURLToPath(import.meta.url);
  const args = ['--role', 'worker', '--url', target.url, '--prefix', prefix, '--concurrency', String(CONCURRENCY)];
  if (target.nodes !== undefined) args.push('--nodes', target.nodes);
  await Promise.all(
    Array.from({ length: processes }, (_, k) => {
      const child = fork(script, args, { execArgv: process.execArgv });
      children.push(child);
      done[k] = 0;
      return new Promise<void>((resolve) => {
        child.on('message', (m: { ready?: boolean; done?: number }) => {
          if (m.ready) resolve();
          if (m.done !== undefined) done[k] = m.done;
        });
      });
    }),
  );
  const jobs = benchJobs(N, ACCOUNTS, Date.now(), prefix);
  const before = await commandCounts(redis);
  const load = loadavg()[0]!;
  const t0 = performance.now();
  for (let i = 0; i < N; i += CHUNK) await producer.enqueue(jobs.slice(i, i + CHUNK));
  while (done.reduce((a, b) => a + b, 0) < N) await new Promise((r) => setTimeout(r, 20));
  const s = (performance.now() - t0) / 1000;
  const after = await commandCounts(redis);
  for (const child of children) child.send({ stop: true });
  await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
  await producer.queue.obliterate({ force: true });
  await producer.close();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  const commands = after.map((a, i) => a - before[i]!);
  const total = commands.reduce((a, b) => a + b, 0);
  return {
    target: target.name,
    worker_processes: processes,
    events: N,
    seconds: Math.round(s * 1000) / 1000,
    events_per_s: Math.round(N / s),
    load_1m_at_start: Math.round(load * 10) / 10,
    commands_per_event: Math.round((total / N) * 10) / 10,
    command_share_per_node: commands.map((c) => Math.round((c / total) * 1000) / 1000),
  };
}

async function bench(): Promise<void> {
  const server = await findOnPath('redis-server');
  const cli = await findOnPath('redis-cli');
  if (server === undefined || cli === undefined) throw new Error('needs redis-server and redis-cli on PATH');
  const single = await startPrivateRedis(server);
  const cluster = await startPrivateCluster({ serverBinary: server, cliBinary: cli });
  try {
    const targets: Target[] = [
      { name: 'single', url: single.url },
      { name: 'cluster', url: 'redis://127.0.0.1', nodes: cluster.nodes },
    ];
    const runs = [];
    for (const processes of [1, 2]) for (const t of targets) runs.push(await measure(t, processes));
    const base = runs.find((r) => r.target === 'single' && r.worker_processes === 1)!.events_per_s;
    console.log(
      JSON.stringify(
        {
          events: N,
          accounts: ACCOUNTS,
          concurrency: CONCURRENCY,
          load_1m_at_end: Math.round(loadavg()[0]! * 10) / 10,
          runs: runs.map((r) => ({ ...r, ratio_to_single_1: Math.round((r.events_per_s / base) * 1000) / 1000 })),
        },
        null,
        2,
      ),
    );
  } finally {
    await cluster.stop();
    await single.stop();
  }
}

if (values.role === 'worker') await workerRole();
else await bench();
