/**
 * Added latency of `POST /v1/events` beyond the classifier: the app with an instant stand-in
 * classifier (so the time measured is validation, prompt signals, enqueue and the account-state
 * read) on loopback at a fixed rate for a bounded duration. Prints JSON.
 *
 *   npx tsx bench/events-latency.ts [--rate 100] [--seconds 20]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { DEFAULT_MODELS_DIR, loadEnv } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { AccountStates } from '../src/features/aggregate/account-state.js';
import { keySpace } from '../src/features/aggregate/redis-keys.js';
import type { PromptClassifier } from '../src/features/classify/types.js';
import { createApp } from '../src/http/app.js';
import { startServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { createEventsProducer } from '../src/queues/events-queue.js';

const { values } = parseArgs({ options: { rate: { type: 'string', default: '100' }, seconds: { type: 'string', default: '20' } } });
const rate = Math.min(1000, Number(values.rate));
const seconds = Math.min(120, Number(values.seconds));
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench-lat-${randomBytes(3).toString('hex')}`;
const logger = createLogger('silent');

const instant: PromptClassifier = {
  version: 'instant',
  classify: (prompts) =>
    Promise.resolve(prompts.map(() => ({ label: 'benign' as const, flagged: false, scores: { reasoning_trace_extraction: 0.01, rubric_grading: 0.01, censorship_rewrite: 0.01 }, categories: { reasoning_trace_extraction: false, rubric_grading: false, censorship_rewrite: false }, model: 'instant' }))),
};

const redis = new Redis(url, { maxRetriesPerRequest: null });
const model = await loadAccountModel(DEFAULT_MODELS_DIR);
const producer = createEventsProducer({ connection: redis, prefix });
const env = { ...loadEnv({ REDIS_URL: url }), ACCOUNT_PREFIX: prefix };
const app = createApp({ classifier: instant, env, redis, logger, accounts: { enqueue: (j) => producer.enqueue(j), states: new AccountStates(redis, keySpace(prefix)), thresholds: model.thresholds } });
const server = await startServer(app, { host: '127.0.0.1', port: 0, logger });

const latencies: number[] = [];
/** The first second is JIT and connection warm-up; not measured. */
const warmup = rate;
let errors = 0;
const total = rate * seconds;
const t0 = performance.now();
const inflight: Promise<void>[] = [];
for (let i = 0; i < total; i++) {
  const due = t0 + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  inflight.push(
    (async () => {
      const start = performance.now();
      const res = await fetch(`${server.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request_id: `lat-${i}`, account_id: `acct-${i % 200}`, timestamp: new Date().toISOString(), prompt: `Explain how tides work, variant ${i % 17}.`, metadata: { ip: '198.51.100.4', payment_fingerprint: 'card-1', user_agent: 'Mozilla/5.0' } }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) errors += 1;
      if (i >= warmup) latencies.push(performance.now() - start);
    })(),
  );
}
await Promise.all(inflight);
latencies.sort((a, b) => a - b);
const q = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 1000) / 1000;
console.log(JSON.stringify({ rate_per_s: rate, requests: total, measured: latencies.length, errors, latency_ms: { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: q(1) } }, null, 2));
await server.close();
await producer.queue.obliterate({ force: true });
await producer.close();
let cursor = '0';
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
  cursor = next;
  if (keys.length > 0) await redis.unlink(...keys);
} while (cursor !== '0');
await redis.quit();
