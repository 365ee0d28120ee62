/**
 * Ingest throughput: pre-labelled events through the account pipeline (producer → BullMQ jobs of
 * up to EVENTS_JOB_MAX_EVENTS events → batched Lua update, graph, samples → debounced recompute),
 * beside a raw BullMQ addBulk / no-op worker loop in the same run on the same Redis, with one
 * job per event (`ratio`) and with the pipeline's events per job (`ratio_to_batched`). Prints JSON.
 *
 *   npx tsx bench/ingest.ts [--events 60000] [--accounts 2000] [--concurrency 200] [--per-call 1000] [--only raw|pipeline]
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Queue, Worker, type Job } from 'bullmq';
import { EVENTS_JOB_MAX_EVENTS, eventsOf, type AccountEventsJob } from '../src/contracts/events.js';
import { Redis } from 'ioredis';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { keySpace } from '../src/features/aggregate/redis-keys.js';
import { createLogger } from '../src/logger.js';
import { startWorkerProcess } from '../src/queues/processes/worker.js';
import { createEventsProducer } from '../src/queues/producers/events.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';
import { benchJobs } from './ingest-jobs.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '60000' },
    accounts: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '200' },
    debounce: { type: 'string', default: '900' },
    /** Events per producer call: 1 is a gateway reporting each request alone (the calls of a chunk run at once). */
    'per-call': { type: 'string', default: '1000' },
    /** Run one phase only (for profiling it with --cpu-prof). */
    only: { type: 'string' },
  },
});
const N = Number(values.events);
const ACCOUNTS = Number(values.accounts);
const CONCURRENCY = Number(values.concurrency);
const CHUNK = 1000;
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const cleanup = deleteKeysWithPrefix;

/** Resolves once the worker's completed jobs carried `n` events (`perJob`: the events a job carried). */
const untilCount = (worker: Worker, n: number, perJob: (job: Job) => number = () => 1) =>
  new Promise<void>((resolve) => {
    let done = 0;
    worker.on('completed', (job) => {
      done += perJob(job);
      if (done >= n) resolve();
    });
  });

/**
 * Raw BullMQ: `addBulk` and a no-op worker, `perJob` events per job (1: one job per event; the
 * pipeline's EVENTS_JOB_MAX_EVENTS: the queue cost the pipeline itself pays).
 */
async function raw(redis: Redis, perJob = 1) {
  const prefix = `bench-raw-${randomBytes(3).toString('hex')}`;
  const queue = new Queue('raw', { connection: redis, prefix });
  const worker = new Worker('raw', async () => {}, { connection: redis, prefix, concurrency: CONCURRENCY });
  await worker.waitUntilReady();
  const done = untilCount(worker, N, (job) => (job.data as { n: number }).n);
  const t0 = performance.now();
  for (let i = 0; i < N; i += CHUNK) {
    const events = Math.min(CHUNK, N - i);
    await queue.addBulk(
      Array.from({ length: Math.ceil(events / perJob) }, (_, k) => ({
        name: 'e',
        data: { i: i + k * perJob, n: Math.min(perJob, events - k * perJob) },
        opts: { removeOnComplete: true },
      })),
    );
  }
  await done;
  const s = (performance.now() - t0) / 1000;
  await worker.close();
  await queue.close();
  await cleanup(redis, prefix);
  return { events: N, seconds: round(s), events_per_s: Math.round(N / s) };
}

async function pipeline(redis: Redis) {
  const prefix = `bench-acct-${randomBytes(3).toString('hex')}`;
  const model = await loadAccountModel(DEFAULT_MODELS_DIR);
  const jobs = benchJobs(N, ACCOUNTS, Date.now());
  const producer = createEventsProducer({ connection: redis, prefix });
  const workers = await startWorkerProcess({
    connection: redis,
    prefix,
    model,
    logger: createLogger('silent'),
    concurrency: CONCURRENCY,
    debounceMs: Number(values.debounce),
  });
  const done = untilCount(workers.events, N, (job) => eventsOf(job.data as AccountEventsJob).length);
  const t0 = performance.now();
  const perCall = Number(values['per-call']);
  for (let i = 0; i < N; i += CHUNK) {
    const chunk = jobs.slice(i, i + CHUNK);
    const calls = [];
    for (let k = 0; k < chunk.length; k += perCall) calls.push(producer.enqueue(chunk.slice(k, k + perCall)));
    await Promise.all(calls);
  }
  await done;
  const s = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 1500));
  const ranked = await redis.zcard(keySpace(prefix).rank);
  // Every account scored: the debounced recomputes have caught up with the events.
  while ((await redis.zcard(keySpace(prefix).rank)) < ACCOUNTS) await new Promise((r) => setTimeout(r, 20));
  const scoredS = (performance.now() - t0) / 1000;
  await workers.stop();
  await producer.queue.obliterate({ force: true });
  await producer.close();
  await cleanup(redis, prefix);
  return {
    events: N,
    accounts: ACCOUNTS,
    seconds: round(s),
    events_per_s: Math.round(N / s),
    accounts_scored_after_1_5s: ranked,
    seconds_until_every_account_scored: round(scoredS),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Redis server CPU seconds so far (user + sys; the Redis may be shared, so other clients count too). */
async function redisCpuS(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const get = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
  return get('used_cpu_user') + get('used_cpu_sys');
}

/** Runs a phase and adds the CPU it cost: this process's and the Redis server's, per event in µs. */
async function measured<T extends { events: number }>(redis: Redis, run: () => Promise<T>) {
  const redis0 = await redisCpuS(redis);
  const node0 = process.cpuUsage();
  const result = await run();
  const node = process.cpuUsage(node0);
  const redisS = (await redisCpuS(redis)) - redis0;
  return {
    ...result,
    node_cpu_us_per_event: Math.round((node.user + node.system) / result.events),
    redis_cpu_us_per_event: Math.round((redisS * 1e6) / result.events),
  };
}

const redis = new Redis(url, { maxRetriesPerRequest: null });
if (values.only !== undefined) {
  const phase = values.only === 'raw' ? (r: Redis) => raw(r) : pipeline;
  console.log(JSON.stringify(await measured(redis, () => phase(redis)), null, 2));
  await redis.quit();
  process.exit(0);
}
const rawResult = await measured(redis, () => raw(redis));
const rawBatched = await measured(redis, () => raw(redis, EVENTS_JOB_MAX_EVENTS));
const pipelineResult = await measured(redis, () => pipeline(redis));
console.log(
  JSON.stringify(
    {
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`,
      load_average: os.loadavg().map((x) => Math.round(x * 10) / 10),
      concurrency: CONCURRENCY,
      raw_bullmq: rawResult,
      raw_bullmq_batched: { events_per_job: EVENTS_JOB_MAX_EVENTS, ...rawBatched },
      account_pipeline: pipelineResult,
      ratio: round(pipelineResult.events_per_s / rawResult.events_per_s),
      ratio_to_batched: round(pipelineResult.events_per_s / rawBatched.events_per_s),
    },
    null,
    2,
  ),
);
await redis.quit();
