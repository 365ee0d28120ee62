/**
 * Hot reload under load: the service (as `serve` runs it: live classifier, micro-batching, Redis
 * pub/sub) serves the shipped head from a temporary registry; a separate client process sends
 * POST /v1/classify at a steady open-loop rate; halfway through, `distill-guard promote` runs as
 * its own process and the server swaps to a second real version (the shipped weights with other
 * thresholds). Reports dropped requests (any non-200 or network error), responses mixing versions,
 * and latency percentiles of requests sent before the promotion, while the promote process starts
 * (it shares the machine), from 1 s before the swap began to 2 s after it finished, and after.
 *
 *   npx tsx bench/hot-reload.ts [--rate 20] [--seconds 30]
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { loadEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { disposeModels, loadClassifier, releaseClassifier } from '../src/models/registry.js';
import { startService } from '../src/service.js';
import { tempRegistry, writeVariant } from '../test/helpers/lifecycle.js';
import { shortPrompt } from './prompts.js';

interface Sample {
  /** Wall-clock start (ms since the epoch): client and server share the clock. */
  t: number;
  ms: number;
  status: number;
  model: string | null;
  mixed: boolean;
}

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

async function client(url: string, rate: number, seconds: number): Promise<void> {
  const samples: Sample[] = [];
  const t0 = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < rate * seconds; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const start = performance.now();
    const startedAt = Date.now();
    inflight.push(
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input: [shortPrompt(i), shortPrompt(i + 1)] }),
      })
        .then(async (res) => {
          const body = (await res.json()) as { model?: string; results?: { model_version?: string }[] };
          const versions = new Set((body.results ?? []).map((r) => r.model_version));
          samples.push({
            t: startedAt,
            ms: performance.now() - start,
            status: res.status,
            model: body.model ?? null,
            mixed: versions.size !== 1 || !versions.has(body.model),
          });
        })
        .catch(() => {
          samples.push({ t: startedAt, ms: performance.now() - start, status: 0, model: null, mixed: false });
        }),
    );
  }
  await Promise.all(inflight);
  process.stdout.write(JSON.stringify(samples));
}

function pct(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
}

async function run(): Promise<void> {
  const rate = arg('--rate', 20);
  const seconds = arg('--seconds', 30);
  const registry = await tempRegistry();
  const next = 'head-bench-next';
  await writeVariant(registry.dir, path.join(registry.dir, registry.live), next, (_t, meta) => {
    for (const l of Object.keys(meta.thresholds) as (keyof typeof meta.thresholds)[])
      meta.thresholds[l] = Math.min(0.99, meta.thresholds[l] + 0.05);
  });
  const env = {
    ...process.env,
    DISTILL_GUARD_MODELS_DIR: registry.dir,
    DISTILL_GUARD_MODEL: 'current',
    MODEL_CHANNEL: `dgbench-models-${randomBytes(4).toString('hex')}`,
    ACCOUNT_PREFIX: `dgbench-${randomBytes(4).toString('hex')}`,
    DISTILL_GUARD_API_KEYS: '',
    HOST: '127.0.0.1',
  };
  const swaps: { loadMs: number; drainMs: number; at: number }[] = [];
  const logSink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) {
        if (!line.includes('"model swapped"')) continue;
        const entry = JSON.parse(line) as { loadMs: number; drainMs: number };
        swaps.push({ loadMs: entry.loadMs, drainMs: entry.drainMs, at: Date.now() });
      }
      done();
    },
  });
  const service = await startService({
    env: loadEnv(env),
    logger: createLogger('info', logSink),
    port: 0,
    loadClassifier,
    releaseClassifier,
  });
  // Warm the encoder so the first requests do not measure model start-up.
  await fetch(`${service.url}/v1/classify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input: shortPrompt(0) }),
  });
  const exec = promisify(execFile);
  const started = Date.now();
  const load = exec(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--client', `${service.url}/v1/classify`, String(rate), String(seconds)],
    { maxBuffer: 1 << 28 },
  );
  await new Promise((r) => setTimeout(r, (seconds * 1000) / 2));
  const promoteAt = Date.now() - started;
  const cli = path.join(import.meta.dirname, '..', 'src', 'cli.ts');
  const promoted = await exec(
    process.execPath,
    ['--import', 'tsx', cli, 'promote', next, '--force', '--reason', 'hot reload benchmark'],
    { env },
  );
  const promoteCliMs = Date.now() - started - promoteAt;
  const samples = JSON.parse((await load).stdout) as Sample[];
  await service.stop();
  await disposeModels();
  await registry.remove();

  const swap = swaps[0];
  const swapDone = swap ? swap.at - started : null;
  // The swap began when the event arrived: the load and drain times before the 'model swapped' log.
  const swapStart = swap ? swapDone! - swap.loadMs - swap.drainMs : promoteAt;
  const windowEnd = (swapDone ?? promoteAt) + 2000;
  const ok = samples.filter((s) => s.status === 200);
  // Requests by the time they were sent (the swap can only affect requests in flight around it).
  const phase = (from: number, to: number) =>
    ok.filter((s) => s.t - started >= from && s.t - started < to).map((s) => s.ms);
  const before = phase(2000, promoteAt);
  const cliRunning = phase(promoteAt, swapStart - 1000);
  const around = phase(swapStart - 1000, windowEnd);
  const after = phase(windowEnd, Infinity);
  const summary = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 0.5), p99: pct(xs, 0.99), max: pct(xs, 1) });
  console.log(
    JSON.stringify(
      {
        rate,
        seconds,
        sent: samples.length,
        dropped: samples.filter((s) => s.status !== 200).length,
        mixedVersionResponses: samples.filter((s) => s.mixed && s.status === 200).length,
        versions: Object.fromEntries(
          [...new Set(ok.map((s) => s.model))].map((m) => [m, ok.filter((s) => s.model === m).length]),
        ),
        promote: {
          atMs: Math.round(promoteAt),
          cliMs: Math.round(promoteCliMs),
          stderr: promoted.stderr.trim().split('\n').slice(-2),
        },
        swap: swap ? { loadMs: swap.loadMs, drainMs: swap.drainMs, doneMs: Math.round(swapDone!) } : null,
        latencyMs: {
          beforePromote: summary(before),
          promoteProcessStarting: summary(cliRunning),
          swapMinus1sToPlus2s: summary(around),
          after: summary(after),
        },
        p99BlipMs:
          pct(around, 0.99) !== null && pct(before, 0.99) !== null
            ? Math.round((pct(around, 0.99)! - pct(before, 0.99)!) * 10) / 10
            : null,
      },
      null,
      2,
    ),
  );
}

if (process.argv[2] === '--client')
  await client(process.argv[3] as string, Number(process.argv[4]), Number(process.argv[5]));
else await run();
