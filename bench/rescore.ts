/**
 * Batch re-scoring end to end: `distill-guard rescore` as separate processes on simulator traffic
 * without labels (every prompt labelled by the real prompt model), a fresh Redis prefix per run
 * (cold label cache unless stated). Reports, in one invocation: the unique-prompt ratio of the
 * input; events/s with 1 and 2 worker processes (the speedup); events/s without the lexical
 * pre-screen (every distinct prompt through the encoder); events/s with the label cache disabled
 * (on the first --nocache-events events); a warm-cache re-run; peak RSS of the largest process
 * and the Redis memory growth; optionally the same at --large-days (1M events).
 *
 * Worker scaling is measured with each worker process given one core of work: one encoder thread,
 * and, where `taskset` exists, pinned to its own core (the coordinating process with its worker
 * on core 0, a `rescore-worker` on core 1). Without pinning, one process already uses more than
 * one core (its main thread labels while its encoder thread embeds), so on a 2-core machine a
 * second process has no core of its own to add. CPU seconds per event show what a second worker
 * costs beyond the first regardless of machine load.
 *
 * The commands run the built CLI (`bin/distill-guard.js`, built first unless --no-build): what
 * ships, without a TypeScript loader's memory in the RSS figures.
 *
 *   npx tsx bench/rescore.ts [--accounts 200] [--small-days 5] [--large-days 45] [--large] [--rss]
 *                            [--nocache-events 3000] [--scaling-only] [--no-build]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '200' },
    'small-days': { type: 'string', default: '5' },
    'large-days': { type: 'string', default: '45' },
    large: { type: 'boolean', default: false },
    rss: { type: 'boolean', default: false },
    'skip-model-runs': { type: 'boolean', default: false },
    'nocache-events': { type: 'string', default: '3000' },
    seed: { type: 'string', default: '7' },
    'scaling-only': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const ROOT = path.resolve(import.meta.dirname, '..');
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(url);
const dir = await mkdtemp(path.join(os.tmpdir(), 'dg-bench-rescore-'));
const prefixes: string[] = [];
const BIN = path.join(ROOT, 'bin/distill-guard.js');
if (!values['no-build']) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  if (built.status !== 0) throw new Error('npm run build failed');
}
/** Pins a command to one core when taskset exists (Linux). */
const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const pinned = (core: number | undefined, argv: string[]) =>
  core !== undefined && HAS_TASKSET ? ['taskset', '-c', String(core), ...argv] : argv;

function cli(
  args: string[],
  env: Record<string, string> = {},
  core?: number,
): Promise<{ code: number; stderr: string; wallS: number; maxRssMiB: number; cpuS: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      '/usr/bin/time',
      ['-f', 'MAXRSS %M CPU %U %S', ...pinned(core, [process.execPath, BIN, ...args])],
      {
        cwd: ROOT,
        env: { ...process.env, REDIS_URL: url, LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = /MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({
        code: code ?? -1,
        stderr,
        wallS,
        maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN,
        cpuS: rss ? Number(rss[2]) + Number(rss[3]) : NaN,
      });
    });
  });
}

async function uniqueRatio(file: string): Promise<{ events: number; unique: number; ratio: number }> {
  const seen = new Set<string>();
  let events = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    events += 1;
    seen.add(
      createHash('sha256')
        .update((JSON.parse(line) as { prompt: string }).prompt)
        .digest('hex')
        .slice(0, 32),
    );
  }
  return { events, unique: seen.size, ratio: seen.size / events };
}

async function simulateHistory(name: string, days: number, labels = false): Promise<string> {
  const file = path.join(dir, `${name}.jsonl`);
  const r = await cli([
    'simulate',
    '--output',
    file,
    '--truth',
    path.join(dir, `${name}.truth.json`),
    '--accounts',
    values.accounts,
    '--days',
    String(days),
    '--seed',
    values.seed,
    ...(labels ? [] : ['--no-labels']),
  ]);
  if (r.code !== 0) throw new Error(`simulate failed: ${r.stderr}`);
  return file;
}

/** Samples Redis used_memory while a run goes on. */
function redisMemorySampler() {
  let peak = 0;
  let stopped = false;
  const base = redis.info('memory').then((s) => Number(/used_memory:(\d+)/.exec(s)?.[1] ?? 0));
  const loop = (async () => {
    while (!stopped) {
      const used = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
      peak = Math.max(peak, used);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { growthMiB: (peak - (await base)) / 2 ** 20 };
  };
}

/** A `rescore-worker` process with one encoder thread on `core`; resolves with its CPU and RSS once stopped. */
function extraWorker(prefix: string, core: number) {
  let child: ChildProcess | undefined;
  const done = new Promise<{ cpuS: number; maxRssMiB: number }>((resolve, reject) => {
    child = spawn(
      '/usr/bin/time',
      [
        '-f',
        'MAXRSS %M CPU %U %S',
        ...pinned(core, [process.execPath, BIN, 'rescore-worker', '--encoder-threads', '1']),
      ],
      { cwd: ROOT, env: { ...process.env, REDIS_URL: url, LOG_LEVEL: 'warn', ACCOUNT_PREFIX: prefix } },
    );
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      const rss = /MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({ cpuS: rss ? Number(rss[2]) + Number(rss[3]) : NaN, maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN });
    });
  });
  return {
    /** SIGTERM to the worker (time's child), then its figures. */
    stop: async () => {
      const pids = spawnSync('pgrep', ['-P', String(child!.pid)], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n');
      for (const pid of pids.filter(Boolean)) process.kill(Number(pid), 'SIGTERM');
      return done;
    },
  };
}

async function rescore(
  label: string,
  file: string,
  opts: { workers: number; prefix?: string; extra?: string[]; core?: number; extraWorkerCore?: number },
) {
  const prefix = opts.prefix ?? `bench-rs-${randomBytes(3).toString('hex')}`;
  if (!prefixes.includes(prefix)) prefixes.push(prefix);
  const stopSampler = redisMemorySampler();
  const out = path.join(dir, `${label}.accounts.jsonl`);
  const helper = opts.extraWorkerCore !== undefined ? extraWorker(prefix, opts.extraWorkerCore) : undefined;
  const r = await cli(
    ['rescore', '-i', file, '-o', out, '--workers', String(opts.workers), ...(opts.extra ?? [])],
    { ACCOUNT_PREFIX: prefix },
    opts.core,
  );
  const extra = await helper?.stop();
  if (extra !== undefined) {
    r.cpuS += extra.cpuS;
    r.maxRssMiB = Math.max(r.maxRssMiB, extra.maxRssMiB);
  }
  const mem = await stopSampler();
  if (r.code !== 0) throw new Error(`${label}: exit ${r.code}\n${r.stderr}`);
  const m = /from ([\d,]+) events .* in ([\d.]+) s: ([\d,]+) events\/s/.exec(r.stderr);
  const hit =
    /cache hit rate ([\d.]+)% \(([\d,]+) prompts classified, ([\d,]+) of them cleared by the lexical pre-screen\)/.exec(
      r.stderr,
    );
  const events = Number(m?.[1]?.replace(/,/g, '') ?? NaN);
  const row = {
    run: label,
    workers: opts.workers + (helper !== undefined ? 1 : 0),
    pinned: opts.core !== undefined && HAS_TASKSET,
    events,
    wall_s: Math.round(r.wallS * 10) / 10,
    cpu_s: Math.round(r.cpuS * 10) / 10,
    cpu_ms_per_event: Math.round((r.cpuS / events) * 1e5) / 100,
    cores_used: Math.round((r.cpuS / r.wallS) * 100) / 100,
    events_per_s_wall: Math.round(events / r.wallS),
    run_s: Number(m?.[2] ?? NaN),
    events_per_s_run: Number(m?.[3]?.replace(/,/g, '') ?? NaN),
    cache_hit_rate: hit ? Number(hit[1]) / 100 : null,
    classified: hit ? Number(hit[2]!.replace(/,/g, '')) : null,
    prescreened: hit ? Number(hit[3]!.replace(/,/g, '')) : null,
    peak_rss_mib: Math.round(r.maxRssMiB),
    redis_growth_mib: Math.round(mem.growthMiB * 10) / 10,
    output_sha256: createHash('sha256')
      .update(await readFile(out))
      .digest('hex')
      .slice(0, 16),
  };
  console.error(JSON.stringify(row));
  return { row, prefix };
}

const results: Record<string, unknown> = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  load_average_at_start: os.loadavg().map((x) => Math.round(x * 10) / 10),
};
try {
  const rows: Awaited<ReturnType<typeof rescore>>['row'][] = [];
  results.runs = rows;
  if (values['scaling-only']) {
    const small = await simulateHistory('small', Number(values['small-days']));
    results.small_input = await uniqueRatio(small);
    const perCore = ['--encoder-threads', '1'];
    const one = await rescore('small-1-worker-1-core', small, { workers: 1, extra: perCore, core: 0 });
    rows.push(one.row);
    const two = await rescore('small-2-workers-2-cores', small, {
      workers: 1,
      extra: perCore,
      core: 0,
      extraWorkerCore: 1,
    });
    rows.push(two.row);
    results.speedup_1_to_2_workers_one_core_each = Math.round((one.row.wall_s / two.row.wall_s) * 100) / 100;
    results.cpu_per_event_2_vs_1_workers =
      Math.round((two.row.cpu_ms_per_event / one.row.cpu_ms_per_event) * 100) / 100;
  } else if (!values['skip-model-runs']) {
    const small = await simulateHistory('small', Number(values['small-days']));
    results.small_input = await uniqueRatio(small);
    console.error(JSON.stringify(results.small_input));
    const one = await rescore('small-1-worker', small, { workers: 1 });
    rows.push(one.row);
    const two = await rescore('small-2-workers', small, { workers: 2 });
    rows.push(two.row);
    rows.push((await rescore('small-2-workers-warm-cache', small, { workers: 2, prefix: two.prefix })).row);
    const full = await rescore('small-2-workers-no-prescreen', small, { workers: 2, extra: ['--no-prescreen'] });
    rows.push(full.row);
    results.prescreen_speedup = Math.round((full.row.wall_s / two.row.wall_s) * 100) / 100;
    const head = path.join(dir, 'nocache.jsonl');
    const lines = (await readFile(small, 'utf8')).split('\n').slice(0, Number(values['nocache-events']));
    await writeFile(head, `${lines.join('\n')}\n`);
    rows.push((await rescore('head-2-workers-cache-disabled', head, { workers: 2, extra: ['--no-cache'] })).row);
    rows.push((await rescore('head-2-workers-cache-cold', head, { workers: 2 })).row);
    results.speedup_1_to_2_workers = Math.round((one.row.wall_s / two.row.wall_s) * 100) / 100;
  }
  if (values.rss) {
    // Memory against input length: the same population over more days, lines pre-labelled so the
    // pipeline (not the encoder, whose memory is fixed) is what grows or not.
    for (const [name, days] of [
      ['rss-small', values['small-days']],
      ['rss-large', values['large-days']],
    ] as const) {
      const file = await simulateHistory(name, Number(days), true);
      const r = (await rescore(`${name}-labelled-1-worker`, file, { workers: 1 })).row;
      rows.push(r);
      await rm(file);
    }
  }
  if (values.large) {
    const large = await simulateHistory('large', Number(values['large-days']));
    results.large_input = await uniqueRatio(large);
    console.error(JSON.stringify(results.large_input));
    rows.push((await rescore('large-2-workers', large, { workers: 2 })).row);
  }
  results.load_average_at_end = os.loadavg().map((x) => Math.round(x * 10) / 10);
  console.log(JSON.stringify(results, null, 2));
} finally {
  for (const p of prefixes) await deleteKeysWithPrefix(redis, p);
  await redis.quit();
  await rm(dir, { recursive: true, force: true });
}
