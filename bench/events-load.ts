/**
 * Load on `POST /v1/events` through the service as `serve` runs it (API keys, limits, metrics,
 * spool, real prompt model on its encoder thread, micro-batching, the account worker in-process),
 * autocannon in a separate process on loopback. Finds the highest fixed rate whose p99 stays at
 * or under the target, then soaks at half that rate and samples the server's memory.
 *
 *   npx tsx bench/events-load.ts [--classifier model|instant] [--step-seconds 15] [--soak-seconds 600] [--p99-ms 50] [--start-rate 5]
 *                                [--soak-rate N] [--skip-ramp]
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { Redis } from 'ioredis';
import { loadEnv } from '../src/env.js';
import type { PromptClassifier } from '../src/models/prompt-classifier.js';
import { createLogger } from '../src/logger.js';
import { disposeModels, loadClassifier } from '../src/models/registry.js';
import { createAccountPipeline } from '../src/queues/processes/api.js';
import { startWorker } from '../src/queues/processes/worker.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';
import { startService } from '../src/service.js';

const { values } = parseArgs({
  options: {
    classifier: { type: 'string', default: 'model' },
    'step-seconds': { type: 'string', default: '15' },
    'soak-seconds': { type: 'string', default: '600' },
    'p99-ms': { type: 'string', default: '50' },
    'start-rate': { type: 'string', default: '5' },
    /** Soak at this rate instead of half the highest holding rate (also when no rate held). */
    'soak-rate': { type: 'string' },
    /** Skip the search for the highest holding rate. */
    'skip-ramp': { type: 'boolean', default: false },
  },
});
const stepSeconds = Math.min(120, Number(values['step-seconds']));
const soakSeconds = Math.min(900, Number(values['soak-seconds']));
const targetP99 = Number(values['p99-ms']);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench-load-${randomBytes(3).toString('hex')}`;
const spoolDir = await mkdtemp(path.join(tmpdir(), 'dg-bench-spool-'));
const key = randomBytes(24).toString('base64url');
const logger = createLogger('warn');

const instant: PromptClassifier = {
  version: 'instant',
  classify: (prompts) =>
    Promise.resolve(
      prompts.map(() => ({
        label: 'benign' as const,
        flagged: false,
        scores: { reasoning_trace_extraction: 0.01, rubric_grading: 0.01, censorship_rewrite: 0.01 },
        categories: { reasoning_trace_extraction: false, rubric_grading: false, censorship_rewrite: false },
        model: 'instant',
        language: 'en' as const,
        supported: true,
      })),
    ),
};

const env = loadEnv({
  ...process.env,
  REDIS_URL: redisUrl,
  ACCOUNT_PREFIX: prefix,
  SPOOL_DIR: spoolDir,
  DISTILL_GUARD_API_KEYS: `gateway:${key}`,
  LOG_LEVEL: 'warn',
});
const service = await startService({
  env,
  logger,
  port: 0,
  loadClassifier: values.classifier === 'instant' ? () => Promise.resolve(instant) : loadClassifier,
  disposeModels,
  accountPipeline: createAccountPipeline,
  startWorker,
});

const client = fileURLToPath(new URL('./autocannon-client.ts', import.meta.url));
interface Step {
  rate: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  total: number;
}
const run = async (rate: number, seconds: number): Promise<Step> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', client, `${service.url}/v1/events`, String(rate), String(seconds), key],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Step;
};
const holds = (s: Step) => s.p99 <= targetP99 && s.errors === 0 && s.non2xx === 0 && s.rps >= s.rate * 0.9;

// Warm-up (model, JIT, connections), not reported.
await run(Number(values['start-rate']), 5);
const steps: Step[] = [];
let best: Step | undefined;
let rate = Number(values['start-rate']);
let failed: number | undefined;
for (let i = 0; i < (values['skip-ramp'] ? 0 : 12); i++) {
  const s = await run(rate, stepSeconds);
  steps.push(s);
  console.error(JSON.stringify(s));
  if (holds(s)) {
    best = best === undefined || s.rate > best.rate ? s : best;
    rate = failed === undefined ? rate * 2 : Math.round((rate + failed) / 2);
  } else {
    failed = rate;
    rate = Math.round(((best?.rate ?? rate / 2) + failed) / 2);
  }
  if (failed !== undefined && best !== undefined && failed - best.rate <= Math.max(2, best.rate * 0.1)) break;
  if (rate < 1 || (best === undefined && steps.filter((x) => x.rate === rate).length >= 2)) break;
}

let soak: Record<string, unknown> | undefined;
const soakRate =
  values['soak-rate'] !== undefined
    ? Number(values['soak-rate'])
    : best !== undefined
      ? Math.max(1, Math.floor(best.rate / 2))
      : undefined;
if (soakRate !== undefined && soakSeconds > 0) {
  const samples: { t: number; rssMiB: number; heapMiB: number }[] = [];
  const t0 = Date.now();
  const sample = () => {
    const m = process.memoryUsage();
    samples.push({
      t: Math.round((Date.now() - t0) / 1000),
      rssMiB: Math.round(m.rss / 1048576),
      heapMiB: Math.round(m.heapUsed / 1048576),
    });
  };
  sample();
  const timer = setInterval(sample, 10_000);
  const result = await run(soakRate, soakSeconds);
  clearInterval(timer);
  sample();
  // Memory trend: first third vs last third of the samples (after warm-up).
  const third = Math.max(1, Math.floor(samples.length / 3));
  const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
  soak = {
    rate: soakRate,
    seconds: soakSeconds,
    result,
    rss_first_third_mib: mean(samples.slice(0, third).map((s) => s.rssMiB)),
    rss_last_third_mib: mean(samples.slice(-third).map((s) => s.rssMiB)),
    heap_first_third_mib: mean(samples.slice(0, third).map((s) => s.heapMiB)),
    heap_last_third_mib: mean(samples.slice(-third).map((s) => s.heapMiB)),
    rss_min_mib: Math.min(...samples.map((s) => s.rssMiB)),
    rss_max_mib: Math.max(...samples.map((s) => s.rssMiB)),
    samples,
  };
}

console.log(
  JSON.stringify(
    {
      classifier: values.classifier,
      target_p99_ms: targetP99,
      step_seconds: stepSeconds,
      highest_rate_holding: best ?? null,
      steps,
      soak: soak ?? null,
    },
    null,
    2,
  ),
);
await service.stop();
const redis = new Redis(redisUrl);
await deleteKeysWithPrefix(redis, prefix);
await redis.quit();
await rm(spoolDir, { recursive: true, force: true });
