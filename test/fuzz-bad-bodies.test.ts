/**
 * Fuzz: ≥ 10,000 generated bad bodies against a real server (real prompt model behind the API,
 * real Redis queue): every one is refused with a 4xx and a machine-readable code, nothing is
 * classified, nothing is enqueued or spooled, and the server keeps serving.
 */
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventsRequestSchema } from '../src/contracts/events.js';
import { createClassifyRequestSchema } from '../src/contracts/classify.js';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import type { PromptClassifier } from '../src/models/prompt-classifier.js';
import { createLogger } from '../src/logger.js';
import { disposeModels, loadClassifier } from '../src/models/registry.js';
import { cleanup, connect, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { makeKeys, startTestService, type TestService } from './helpers/reliability.js';

const logger = createLogger('silent');
const keys = makeKeys();
const LIMITS = {
  MAX_BODY_BYTES: 65_536,
  MAX_PROMPT_CHARS: 2000,
  EVENTS_MAX_BATCH: 20,
  MAX_BATCH_ITEMS: 8,
  MAX_JSON_DEPTH: 16,
};
let redis: Redis;
let prefix: string;
let service: TestService;
let classifyCalls = 0;

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('fuzz');
  const model = await loadClassifier({ modelsDir: DEFAULT_MODELS_DIR, version: 'current' });
  const counting: PromptClassifier = {
    version: model.version,
    classify(prompts) {
      classifyCalls++;
      return model.classify(prompts);
    },
  };
  service = await startTestService({
    redisUrl: REDIS_URL,
    redis,
    prefix,
    classifier: counting,
    logger,
    env: {
      DISTILL_GUARD_API_KEYS: keys.list,
      RATE_LIMIT_GATEWAY_RPS: '0',
      ...Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, String(v)])),
    },
  });
});

afterAll(async () => {
  await service.close();
  await cleanup(redis, prefix);
  await redis.quit();
  await disposeModels();
});

const validEvent = () => ({
  request_id: 'req-1',
  account_id: 'acct-1',
  timestamp: new Date().toISOString(),
  prompt: 'What is the boiling point of water?',
  metadata: { ip: '203.0.113.9', payment_fingerprint: 'fp_1', user_agent: 'curl/8' },
});

const eventsSchema = createEventsRequestSchema({
  maxPromptChars: LIMITS.MAX_PROMPT_CHARS,
  maxEvents: LIMITS.EVENTS_MAX_BATCH,
  clock: { now: Date.now, maxAgeMs: 30 * 86_400_000, maxSkewMs: 300_000 },
});
const classifySchema = createClassifyRequestSchema({
  maxPromptChars: LIMITS.MAX_PROMPT_CHARS,
  maxBatchItems: LIMITS.MAX_BATCH_ITEMS,
});

interface Case {
  path: '/v1/events' | '/v1/classify';
  body: string;
  contentType: string;
}

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.constant(''),
  fc.string({ minLength: 2001, maxLength: 2100 }),
  fc.constant('not-a-date'),
);

const eventFields = [
  'request_id',
  'account_id',
  'timestamp',
  'prompt',
  'metadata',
  'metadata.ip',
  'metadata.payment_fingerprint',
  'metadata.user_agent',
  'metadata.org_id',
];

/** A valid event with one field replaced by a value of the wrong type or size, or removed. */
const mutatedEvent = fc
  .tuple(fc.constantFrom(...eventFields), fc.option(wrongValue, { nil: undefined }))
  .map(([field, value]) => {
    const e = validEvent() as Record<string, unknown>;
    const [head, tail] = field.split('.') as [string, string | undefined];
    const target = tail === undefined ? e : (e[head] as Record<string, unknown>);
    const key = tail ?? head;
    if (value === undefined) delete target[key];
    else target[key] = value;
    return e;
  })
  .filter((e) => !eventsSchema.safeParse(e).success);

const nested = fc.integer({ min: LIMITS.MAX_JSON_DEPTH + 1, max: 5000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`);

const cases: fc.Arbitrary<Case> = fc.oneof(
  // Not JSON at all.
  fc
    .string({ maxLength: 200 })
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((body) => ({ path: '/v1/events' as const, body, contentType: 'application/json' })),
  // Any JSON value that is not a valid events request.
  fc
    .jsonValue({ maxDepth: 6 })
    .filter((v) => !eventsSchema.safeParse(v).success)
    .map((v) => ({ path: '/v1/events' as const, body: JSON.stringify(v) ?? 'null', contentType: 'application/json' })),
  fc
    .jsonValue({ maxDepth: 6 })
    .filter((v) => !classifySchema.safeParse(v).success)
    .map((v) => ({
      path: '/v1/classify' as const,
      body: JSON.stringify(v) ?? 'null',
      contentType: 'application/json',
    })),
  // One field of an otherwise valid event wrong, alone or inside a batch of valid ones.
  mutatedEvent.map((e) => ({ path: '/v1/events' as const, body: JSON.stringify(e), contentType: 'application/json' })),
  fc.tuple(mutatedEvent, fc.integer({ min: 0, max: 5 })).map(([bad, n]) => ({
    path: '/v1/events' as const,
    body: JSON.stringify({ events: [...Array.from({ length: n }, validEvent), bad] }),
    contentType: 'application/json',
  })),
  // Too many items.
  fc.integer({ min: LIMITS.EVENTS_MAX_BATCH + 1, max: 60 }).map((n) => ({
    path: '/v1/events' as const,
    body: JSON.stringify({ events: Array.from({ length: n }, validEvent) }),
    contentType: 'application/json',
  })),
  fc.integer({ min: LIMITS.MAX_BATCH_ITEMS + 1, max: 40 }).map((n) => ({
    path: '/v1/classify' as const,
    body: JSON.stringify({ input: Array.from({ length: n }, () => 'hi') }),
    contentType: 'application/json',
  })),
  // Too deep, in the body or inside a field.
  nested.map((body) => ({ path: '/v1/events' as const, body, contentType: 'application/json' })),
  nested.map((deep) => ({
    path: '/v1/events' as const,
    body: JSON.stringify({
      ...validEvent(),
      metadata: { ip: '1.2.3.4', payment_fingerprint: 'x', user_agent: 'y' },
    }).replace('"y"}', `"y","extra":${deep}}`),
    contentType: 'application/json',
  })),
  // Valid event sent with a non-JSON content type.
  fc
    .constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    )
    .map((contentType) => ({ path: '/v1/events' as const, body: JSON.stringify(validEvent()), contentType })),
  // Over the body size limit.
  fc.integer({ min: LIMITS.MAX_BODY_BYTES + 1, max: LIMITS.MAX_BODY_BYTES * 2 }).map((n) => ({
    path: '/v1/classify' as const,
    body: JSON.stringify({ input: 'a'.repeat(n) }),
    contentType: 'application/json',
  })),
);

describe('fuzzing the gateway routes with bad bodies', () => {
  it('10,000+ bad bodies: 0 crashes, 0 5xx, nothing classified, nothing enqueued or spooled', async () => {
    const samples = fc.sample(cases, { numRuns: 10_200, seed: 20261123 });
    const statuses = new Map<number, number>();
    const codes = new Map<string, number>();
    const unexpected: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < samples.length) {
        const c = samples[next++]!;
        const res = await fetch(`${service.server.url}${c.path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${keys.gateway}`, 'content-type': c.contentType },
          body: c.body,
        });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        let code: string | undefined;
        try {
          code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
        } catch {
          code = undefined;
        }
        codes.set(code ?? 'none', (codes.get(code ?? 'none') ?? 0) + 1);
        if (![400, 413, 415].includes(res.status) || code === undefined)
          unexpected.push(`${res.status} ${code} ${c.path} ${c.contentType} ${c.body.slice(0, 120)}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    console.log('fuzz statuses', Object.fromEntries(statuses), 'codes', Object.fromEntries(codes));
    expect(unexpected.slice(0, 10)).toEqual([]);
    expect(samples.length).toBeGreaterThanOrEqual(10_000);
    expect([...statuses.keys()].some((s) => s >= 500)).toBe(false);
    expect(classifyCalls).toBe(0);
    const depths = await service.pipeline.queueDepths();
    expect(Object.values(depths['account-events'] ?? {}).reduce((a, b) => a + b, 0)).toBe(0);
    expect(service.pipeline.spool().events).toBe(0);
    // Still serving, and a good event still goes through.
    const ok = await fetch(`${service.server.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.gateway}`, 'content-type': 'application/json' },
      body: JSON.stringify(validEvent()),
    });
    expect(ok.status).toBe(200);
    expect(classifyCalls).toBe(1);
  }, 300_000);
});
