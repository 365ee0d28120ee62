/**
 * Cluster pass benchmark and quality check on simulated traffic. For each event count, a child
 * process simulates about that many events (seed --seed; 7 days), builds labelled jobs and the
 * accounts' own risk with the shipped account model (not timed: the gateway and the account
 * workers do that work), then times:
 *   - nodes: adding every event to in-memory account nodes (what the Redis reader replaces)
 *   - pass: base rates, blocking, edges, union-find + label propagation, scoring, evidence
 *   - with --redis: recording all events into the Redis graph state (ingest-side cost), and the
 *     cluster job over it (read window, own risk, pass, store)
 * and evaluates the clusters against the simulator's truth. Prints one JSON line per size.
 *
 *   npx tsx bench/clusters.ts [--events 100000,1000000] [--seed 404] [--redis]
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { accountHash, keySpace } from '../src/features/aggregate/redis-keys.js';
import { createNodeBuilder } from '../src/features/clusters/account-node.js';
import { runClusterJob } from '../src/features/clusters/cluster-job.js';
import { runClusterPass } from '../src/features/clusters/cluster-pass.js';
import { ClusterStore } from '../src/features/clusters/cluster-store.js';
import { evaluateClusters } from '../src/features/clusters/evaluate.js';
import { ClusterGraphStore } from '../src/features/clusters/graph-store.js';
import { DEFAULT_CLUSTER_PARAMS } from '../src/features/clusters/params.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';
import { simulatedTraffic } from './cluster-traffic.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000,1000000' },
    seed: { type: 'string', default: '404' },
    redis: { type: 'boolean', default: false },
    child: { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const mib = (bytes: number) => Math.round(bytes / 1048576);
const sec = (ms: number) => Math.round(ms) / 1000;

async function child(target: number): Promise<void> {
  const sim = await simulatedTraffic(seed, target);
  const { jobs, risk } = sim;
  const window = { from: sim.end - 7 * 86_400_000, to: sim.end };
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;

  let t = performance.now();
  const builder = createNodeBuilder();
  for (const j of jobs) builder.add(j);
  const nodes = builder.nodes();
  for (const n of nodes) n.risk = risk.get(n.id) ?? 0;
  const nodesMs = performance.now() - t;
  t = performance.now();
  const result = runClusterPass(nodes, { values: builder.values(), window });
  const passMs = performance.now() - t;
  const rssAfter = process.memoryUsage().rss;
  const quality = evaluateClusters(result.clusters, sim.truth, new Set(nodes.map((n) => n.id)), {
    attackScore: DEFAULT_CLUSTER_PARAMS.attackScore,
  });
  const byFamily: Record<string, { campaigns: number; met: number; min_recall: number; min_purity: number }> = {};
  for (const c of quality.campaigns) {
    const f = (byFamily[c.family] ??= { campaigns: 0, met: 0, min_recall: 1, min_purity: 1 });
    f.campaigns += 1;
    if (c.met) f.met += 1;
    f.min_recall = Math.min(f.min_recall, c.recall);
    f.min_purity = Math.min(f.min_purity, c.purity);
  }
  const out: Record<string, unknown> = {
    seed,
    events: jobs.length,
    accounts: nodes.length,
    nodes_s: sec(nodesMs),
    pass_s: sec(passMs),
    total_s: sec(nodesMs + passMs),
    stages_ms: result.stats.ms,
    candidate_pairs: result.stats.pairs,
    edges: result.stats.edges,
    strong_edges: result.stats.strongEdges,
    clusters: result.clusters.length,
    attack_clusters: quality.attack_clusters,
    rss_before_pass_mib: mib(rssBefore),
    rss_after_pass_mib: mib(rssAfter),
    peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
    campaigns_by_family: byFamily,
    legit_in_attack_clusters: quality.legit_in_attack_clusters,
    legit_in_attack_clusters_by_family: quality.legit_in_attack_clusters_by_family,
  };

  if (values.redis) {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const prefix = `bench-clusters-${randomBytes(3).toString('hex')}`;
    try {
      const graph = new ClusterGraphStore({ redis, prefix, now: () => sim.end });
      t = performance.now();
      for (let i = 0; i < jobs.length; i += 2000) await graph.record(jobs.slice(i, i + 2000));
      const recordMs = performance.now() - t;
      const keys = keySpace(prefix);
      const p = redis.pipeline();
      for (const [id, r] of risk) p.set(keys.account(accountHash(id)).state, JSON.stringify({ likelihood: r }));
      await p.exec();
      t = performance.now();
      const job = await runClusterJob({
        redis,
        prefix,
        graph,
        clusters: new ClusterStore(redis, prefix),
        now: () => sim.end,
        windowHours: 168,
      });
      const jobMs = performance.now() - t;
      Object.assign(out, {
        redis_record_s: sec(recordMs),
        redis_record_events_per_s: Math.round(jobs.length / (recordMs / 1000)),
        redis_job_s: sec(jobMs),
        redis_job_stages_ms: job.stages,
        redis_job_clusters: job.clusters,
      });
    } finally {
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    }
  }
  console.log(JSON.stringify(out));
}

if (values.child) await child(Number(values.events));
else {
  for (const n of values.events.split(',').map(Number)) {
    const args = [
      '--expose-gc',
      '--import',
      'tsx',
      process.argv[1]!,
      '--child',
      '--events',
      String(n),
      '--seed',
      String(seed),
      ...(values.redis ? ['--redis'] : []),
    ];
    const r = spawnSync(process.execPath, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192` },
    });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
  }
}
