/**
 * The cluster pass over the Redis graph state, single vs partitioned (a BullMQ flow), on
 * simulated traffic (seed --seed, about --events events over 7 days, loaded into Redis first; not
 * timed). Each measurement runs in fresh worker processes:
 *   - single: one process runs the cluster job (read window, own risk, pass, store);
 *   - partitioned: W processes (--workers 1,2) run the flow's steps over --shards shards while
 *     this process starts the flow and waits for it.
 * Prints one JSON line per run: wall time, the flow's stages, each worker's peak RSS, and whether
 * the stored clusters equal the single pass's.
 *
 * --rounds N repeats the runs in turn (single, then each worker count), N times, on the same data.
 * --keep leaves the loaded graph state in Redis and prints its prefix and window end; --data
 * PREFIX:END measures on graph state left by an earlier --keep run instead of loading it again.
 * --cpu-prof DIR writes a V8 CPU profile of each worker process to DIR.
 *
 *   npx tsx bench/clusters-flow.ts [--events 1000000] [--seed 505] [--shards 4] [--workers 1,2] [--rounds 1]
 *
 * The traffic is held in this process until it is loaded: beyond ~2M events, give it a larger
 * heap (NODE_OPTIONS=--max-old-space-size=12288).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { runClusterJob } from '../src/features/clusters/cluster-job.js';
import { ClusterStore } from '../src/features/clusters/cluster-store.js';
import { ClusterGraphStore } from '../src/features/clusters/graph-store.js';
import { partitionedSteps } from '../src/features/clusters/partitioned/partitioned-job.js';
import { createLogger } from '../src/logger.js';
import { openQueue, QueueName } from '../src/queues/definitions.js';
import { createClusterPartsHandler } from '../src/queues/handlers/cluster-parts.js';
import { createClusterFlow } from '../src/queues/producers/cluster-flow.js';
import { createDeadLetters } from '../src/queues/producers/dead-letters.js';
import { startQueueWorker } from '../src/queues/start-worker.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';
import { loadGraph, simulatedTraffic } from './cluster-traffic.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '505' },
    shards: { type: 'string', default: '4' },
    workers: { type: 'string', default: '1,2' },
    rounds: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    data: { type: 'string' },
    'cpu-prof': { type: 'string' },
    role: { type: 'string' },
    prefix: { type: 'string' },
    end: { type: 'string' },
  },
});
const WINDOW_H = 168;
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const connect = () => new Redis(url, { maxRetriesPerRequest: null });
const peakMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU seconds this process has used (user + system). */
const cpuS = () => {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1e4) / 100;
};
const sec = (ms: number) => Math.round(ms) / 1000;

/** A worker process: the single pass once, or the flow's part worker until told to stop. */
async function worker(role: string, prefix: string, end: number): Promise<void> {
  const redis = connect();
  const graph = new ClusterGraphStore({ redis, prefix, now: () => end });
  const clusters = new ClusterStore(redis, prefix);
  if (role === 'single') {
    const t = performance.now();
    const r = await runClusterJob({ redis, prefix, graph, clusters, now: () => end, windowHours: WINDOW_H });
    process.send!({
      ms: performance.now() - t,
      stages: r.stages,
      accounts: r.accounts,
      peak_rss_mib: peakMiB(),
      cpu_s: cpuS(),
    });
  } else {
    const parts = openQueue(QueueName.ClusterParts, redis, prefix);
    const handler = createClusterPartsHandler({ steps: partitionedSteps({ redis, prefix, graph, clusters }), parts });
    const w = await startQueueWorker(QueueName.ClusterParts, handler, {
      connection: redis,
      prefix,
      logger: createLogger('warn'),
      deadLetters: createDeadLetters({ connection: redis, prefix }),
    });
    process.send!({ ready: true });
    await once(process, 'message');
    await w.stop();
    await parts.close();
    process.send!({ peak_rss_mib: peakMiB(), cpu_s: cpuS() });
  }
  await redis.quit();
  process.disconnect();
}

function spawn(role: string, prefix: string, end: number): ChildProcess {
  return fork(process.argv[1]!, ['--role', role, '--prefix', prefix, '--end', String(end)], {
    execArgv: [
      '--import',
      'tsx',
      '--max-old-space-size=8192',
      ...(values['cpu-prof'] !== undefined ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : []),
    ],
  });
}

const next = <T>(child: ChildProcess) => once(child, 'message').then(([m]) => m as T);

async function main(): Promise<void> {
  const seed = Number(values.seed);
  const shards = Number(values.shards);
  const redis = connect();
  const reused = values.data?.split(':');
  const prefix = reused?.[0] ?? `bench-flow-${randomBytes(3).toString('hex')}`;
  try {
    let t = performance.now();
    // Unknown when measuring state loaded by an earlier run.
    let events: number | null = reused === undefined ? Number(values.events) : null;
    let end = Number(reused?.[1]);
    if (reused === undefined) {
      const traffic = await simulatedTraffic(seed, Number(values.events));
      events = traffic.jobs.length;
      end = traffic.end;
      await loadGraph(redis, prefix, traffic);
      traffic.jobs.length = 0;
      console.error(`loaded ${events} events in ${sec(performance.now() - t)} s; reuse with --data ${prefix}:${end}`);
    }
    const store = new ClusterStore(redis, prefix);
    const stored = async () => (await store.list({ min_score: 0, limit: 1_000_000 })).clusters;

    const measure = async (round: number): Promise<void> => {
      const single = spawn('single', prefix, end);
      const s = await next<{
        ms: number;
        stages: Record<string, number>;
        accounts: number;
        peak_rss_mib: number;
        cpu_s: number;
      }>(single);
      await once(single, 'exit');
      const expected = await stored();
      console.log(
        JSON.stringify({
          round,
          seed,
          events,
          accounts: s.accounts,
          mode: 'single',
          workers: 1,
          pass_s: sec(s.ms),
          stages_ms: s.stages,
          peak_rss_mib: [s.peak_rss_mib],
          cpu_s: [s.cpu_s],
          clusters: expected.length,
        }),
      );
      for (const count of values.workers.split(',').filter(Boolean).map(Number)) {
        const children = Array.from({ length: count }, () => spawn('part', prefix, end));
        await Promise.all(children.map((c) => next(c)));
        const flow = createClusterFlow({ connection: redis, prefix });
        t = performance.now();
        const r = await flow.run({ shards, from: end - WINDOW_H * 3_600_000, to: end, timeoutMs: 3_600_000 });
        const ms = performance.now() - t;
        await flow.close();
        const peaks = await Promise.all(
          children.map(async (c) => {
            const reply = next<{ peak_rss_mib: number; cpu_s: number }>(c);
            c.send('stop');
            const stats = await reply;
            await once(c, 'exit');
            return stats;
          }),
        );
        console.log(
          JSON.stringify({
            round,
            seed,
            events,
            accounts: r.accounts,
            mode: 'partitioned',
            shards,
            workers: count,
            pass_s: sec(ms),
            stages_ms: r.stages,
            peak_rss_mib: peaks.map((p) => p.peak_rss_mib),
            cpu_s: peaks.map((p) => p.cpu_s),
            clusters: r.clusters,
            equal_to_single: isDeepStrictEqual(await stored(), expected),
          }),
        );
      }
    };
    for (let round = 1; round <= Number(values.rounds); round++) await measure(round);
  } finally {
    if (!values.keep && reused === undefined) await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  }
}

if (values.role !== undefined) await worker(values.role, values.prefix!, Number(values.end));
else await main();
