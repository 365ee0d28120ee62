/**
 * Added latency of `POST /v1/events` beyond the classifier: the app with an instant stand-in
 * classifier (so the time measured is validation, prompt signals, enqueue and the account-score
 * read) on loopback at a fixed rate for a bounded duration. Prints JSON.
 *
 *   npx tsx bench/events-latency.ts [--rate 100] [--seconds 20]
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { DEFAULT_MODELS_DIR, loadEnv } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { AccountScores } from '../src/features/aggregate/account-scores.js';
import { keySpace } from '../src/features/aggregate/redis-keys.js';
import type { PromptClassifier } from '../src/models/prompt-classifier.js';
import { createApp } from '../src/http/app.js';
import { startServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { createEventsProducer } from '../src/queues/producers/events.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';

const { values } = parseArgs({
  options: { rate: { type: 'string', default: '100' }, seconds: { type: 'string', default: '20' } },
});
const rate = Math.min(1000, Number(values.rate));
const seconds = Math.min(120, Number(values.seconds));
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench-lat-${randomBytes(3).toString('hex')}`;
const logger = createLogger('silent');

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

const redis = new Redis(url, { maxRetriesPerRequest: null });
const model = await loadAccountModel(DEFAULT_MODELS_DIR);
const producer = createEventsProducer({ connection: redis, prefix });
const env = { ...loadEnv({ REDIS_URL: url }), ACCOUNT_PREFIX: prefix };
const app = createApp({
  classifier: instant,
  env,
  redis,
  logger,
  accounts: {
    enqueue: (j) => producer.enqueue(j),
    scores: new AccountScores(redis, keySpace(prefix)),
    thresholds: model.thresholds,
  },
});
const server = await startServer(app, { host: '127.0.0.1', port: 0, logger });

// The client runs in its own process so its work does not share the server's event loop.
const client = fileURLToPath(new URL('./rate-client.ts', import.meta.url));
const run = (path: string) =>
  promisify(execFile)(process.execPath, [
    '--import',
    'tsx',
    client,
    `${server.url}${path}`,
    String(rate),
    String(seconds),
    path === '/v1/events' ? 'events' : 'classify',
  ]).then(
    (r) =>
      JSON.parse(r.stdout) as {
        sent: number;
        measured: number;
        errors: number;
        p50: number;
        p90: number;
        p99: number;
        max: number;
      },
  );
// Same rate, same process, same stand-in classifier: /v1/classify is the baseline, so the
// difference is what the events path adds (validation, prompt signals, enqueue, account read).
const classify = await run('/v1/classify');
const events = await run('/v1/events');
console.log(
  JSON.stringify(
    {
      rate_per_s: rate,
      seconds,
      classify_ms: classify,
      events_ms: events,
      added_p99_ms: Math.round((events.p99 - classify.p99) * 1000) / 1000,
    },
    null,
    2,
  ),
);
await server.close();
await producer.queue.obliterate({ force: true });
await producer.close();
await deleteKeysWithPrefix(redis, prefix);
await redis.quit();
