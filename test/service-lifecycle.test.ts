/**
 * The service as `serve` runs it: refuses to run open off loopback, serves /metrics, and on
 * shutdown stops accepting, answers the requests in flight, then closes in order within its bound.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';
import type { PromptClassifier } from '../src/models/prompt-classifier.js';
import { createLogger } from '../src/logger.js';
import { createAccountPipeline } from '../src/queues/processes/api.js';
import { startWorker } from '../src/queues/processes/worker.js';
import { startService } from '../src/service.js';
import { cleanup, connect, keywordClassifier, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { bearer, makeKeys, tempDir } from './helpers/reliability.js';

const logger = createLogger('silent');
const keys = makeKeys();
const prefix = uniquePrefix('lifecycle');
let redis: Redis;

const slow: PromptClassifier = {
  version: 'slow-keyword',
  async classify(prompts) {
    await new Promise((r) => setTimeout(r, 400));
    return keywordClassifier.classify(prompts);
  },
};

beforeAll(async () => {
  redis = await connect();
});
afterAll(async () => {
  await cleanup(redis, prefix);
  await redis.quit();
});

const event = (i: number) => ({
  request_id: `life-${i}`,
  account_id: `acct-${i}`,
  timestamp: new Date().toISOString(),
  prompt: 'How do tides work?',
  metadata: { ip: '203.0.113.1', payment_fingerprint: 'fp', user_agent: 'ua' },
});

describe('service lifecycle', () => {
  it('refuses to listen on a non-loopback address without API keys', async () => {
    const env = loadEnv({ REDIS_URL, HOST: '0.0.0.0' });
    await expect(
      startService({ env, logger, loadClassifier: () => Promise.resolve(slow), port: 0 }),
    ).rejects.toMatchObject({ code: 'invalid_config' });
  });

  it('serves /metrics, and on stop drains in-flight requests before closing, within the bound', async () => {
    const spool = await tempDir('lifecycle-spool');
    const env = loadEnv({
      REDIS_URL,
      ACCOUNT_PREFIX: prefix,
      SPOOL_DIR: spool.dir,
      DISTILL_GUARD_API_KEYS: keys.list,
      SHUTDOWN_TIMEOUT_MS: '8000',
    });
    const service = await startService({
      env,
      logger,
      port: 0,
      loadClassifier: () => Promise.resolve(slow),
      accountPipeline: createAccountPipeline,
      startWorker,
    });
    try {
      const post = (i: number) =>
        fetch(`${service.url}/v1/events`, {
          method: 'POST',
          headers: { ...bearer(keys.gateway), 'content-type': 'application/json' },
          body: JSON.stringify(event(i)),
        });
      expect((await post(0)).status).toBe(200);

      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      expect(metrics).toContain('distill_guard_model_info{version="slow-keyword"} 1');
      expect(metrics).toMatch(
        /distill_guard_http_request_duration_seconds_bucket\{le="0\.5",method="POST",route="\/v1\/events",status="200"\} 1/,
      );
      expect(metrics).toMatch(/distill_guard_queue_jobs\{queue="account-events",state="waiting"\} \d+/);
      expect(metrics).toContain('distill_guard_spool_events 0');
      expect(metrics).toContain('distill_guard_process_resident_memory_bytes');
      // Error answers are counted by route and code; the key is never a label, only its id.
      await fetch(`${service.url}/v1/events`, { method: 'POST', headers: bearer(keys.analyst) });
      const after = await (await fetch(`${service.url}/metrics`)).text();
      expect(after).toContain('distill_guard_http_errors_total{route="/v1/events",code="forbidden"} 1');
      expect(after).toContain('distill_guard_auth_failures_total{reason="forbidden"} 1');
      expect(after).not.toContain(keys.analyst);

      // Five requests in flight (the classifier takes 400 ms), then shutdown.
      const inflight = [1, 2, 3, 4, 5].map(post);
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      const stopping = service.stop();
      await new Promise((r) => setTimeout(r, 50));
      const late = await post(6).then(
        (r) => r.status,
        () => 'refused',
      );
      const answers = await Promise.all(inflight);
      await stopping;
      const took = Date.now() - started;
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(late).toBe('refused');
      expect(took).toBeLessThan(8000);
    } finally {
      await service.stop().catch(() => {});
      await spool.remove();
    }
  });
});
