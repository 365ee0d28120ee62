/**
 * A Redis that accepts connections but never answers (process stopped with SIGSTOP): the events
 * route still answers within its deadline, with the last known account state marked stale, and
 * the event is spooled and counted once Redis answers again.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { keywordClassifier, uniquePrefix } from './helpers/accounts.js';
import {
  bearer,
  killableRedis,
  makeKeys,
  startTestService,
  type KillableRedis,
  type TestService,
} from './helpers/reliability.js';

const logger = createLogger('silent');
const keys = makeKeys();
let kr: KillableRedis;
let redis: Redis;
let service: TestService;

beforeAll(async () => {
  kr = await killableRedis();
  redis = new Redis(kr.url, { maxRetriesPerRequest: null });
  redis.on('error', () => {});
  service = await startTestService({
    redisUrl: kr.url,
    redis,
    prefix: uniquePrefix('hang'),
    classifier: keywordClassifier,
    logger,
    env: { DISTILL_GUARD_API_KEYS: keys.list, REDIS_REQUEST_TIMEOUT_MS: '60' },
  });
});

afterAll(async () => {
  const pid = kr.pid();
  if (pid !== undefined) process.kill(pid, 'SIGCONT');
  await service.close();
  redis.disconnect();
  await kr.stop();
});

const post = (i: number) =>
  fetch(`${service.server.url}/v1/events`, {
    method: 'POST',
    headers: { ...bearer(keys.gateway), 'content-type': 'application/json' },
    body: JSON.stringify({
      request_id: `hang-${i}`,
      account_id: 'acct-hang',
      timestamp: new Date().toISOString(),
      prompt: 'How do tides work?',
      metadata: { ip: '203.0.113.1', payment_fingerprint: 'fp', user_agent: 'ua' },
    }),
  });

describe('Redis hangs', () => {
  it('answers within the deadline with a stale state and spools the event', async () => {
    const before = (await (await post(0)).json()) as { account: { stale?: boolean } };
    expect(before.account.stale).toBeUndefined();
    // On a loaded machine the first enqueue can miss its 60 ms deadline and be spooled; the
    // replayer puts it on the queue while Redis still answers. The hang starts from an empty spool.
    const drained = Date.now() + 10_000;
    while (service.pipeline.spool().events > 0 && Date.now() < drained) await new Promise((r) => setTimeout(r, 50));
    expect(service.pipeline.spool().events).toBe(0);
    process.kill(kr.pid()!, 'SIGSTOP');
    const started = performance.now();
    const res = await post(1);
    const ms = performance.now() - started;
    const body = (await res.json()) as { account: { stale?: boolean; level: string } };
    expect(res.status).toBe(200);
    expect(body.account).toMatchObject({ stale: true, level: 'low' });
    // 60 ms Redis deadline + HTTP on loopback; generous margin for a shared machine.
    expect(ms).toBeLessThan(1000);
    expect(service.pipeline.spool().events).toBe(1);
    const ready = await fetch(`${service.server.url}/readyz`);
    const readyBody = (await ready.json()) as {
      status: string;
      checks: { redis: { ok: boolean }; spool: { ok: boolean; detail: string } };
    };
    expect(ready.status).toBe(200);
    expect(readyBody.checks.redis.ok).toBe(false);
    expect(readyBody.checks.spool).toMatchObject({ ok: true });
    expect(readyBody.checks.spool.detail).toContain('1 events');
    process.kill(kr.pid()!, 'SIGCONT');
    const until = Date.now() + 20_000;
    while (service.pipeline.spool().events > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(service.pipeline.spool().events).toBe(0);
    const depths = await service.pipeline.queueDepths();
    expect(depths['account-events']?.waiting).toBe(2);
  }, 60_000);
});
