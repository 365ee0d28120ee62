/**
 * `language` and `supported` over real HTTP: the shipped head's weights with no `languages` in its
 * head.json (as heads trained before languages were recorded: English and Chinese), with a declared
 * list, and as shipped (the languages its head.json lists), each served
 * by the service with real Redis; `/v1/classify` through fetch and the typed client, and
 * `/v1/moderations`, which passes both fields through.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../src/client/index.js';
import { ClassifyResponse } from '../src/contracts/classify.js';
import { ModerationResponse } from '../src/contracts/moderations.js';
import { createMicroBatcher, type MicroBatcher } from '../src/features/classify/micro-batcher.js';
import { DEFAULT_TRAINED_LANGUAGES } from '../src/labels.js';
import { createLogger } from '../src/logger.js';
import { readHeadArtifact } from '../src/models/head-artifact.js';
import { HeadClassifier } from '../src/models/head-classifier.js';
import { PromptHead } from '../src/models/heads/prompt-head.js';
import { DEFAULT_MODELS_DIR, loadClassifier, loadEncoder, resolveVersion, versionDir } from '../src/models/registry.js';
import { cleanup, connect, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { bearer, makeKeys, startTestService, type TestService } from './helpers/reliability.js';

const logger = createLogger('silent');
const keys = makeKeys();

/** Prompts with their language; a head without `languages` supports en and zh only. */
const PROMPTS: [string, string][] = [
  ['en', 'How do tides work?'],
  ['zh', '请问潮汐是怎么形成的？'],
  ['ja', '潮の満ち引きはどうして起こるのですか？'],
  ['ko', '밀물과 썰물은 왜 생기나요?'],
  ['ru', 'Почему бывают приливы и отливы?'],
  ['es', '¿Por qué hay mareas en el mar?'],
  ['und', '12 + 30 = ?'],
];
const texts = PROMPTS.map(([, t]) => t);
const languages = PROMPTS.map(([l]) => l);

let redis: Redis;
const prefixes: string[] = [];
const batchers: MicroBatcher[] = [];
const services: TestService[] = [];

async function serve(classifier: HeadClassifier): Promise<TestService> {
  const prefix = uniquePrefix('lang');
  prefixes.push(prefix);
  const batcher = createMicroBatcher(classifier, { maxBatchSize: 32, maxWaitMs: 2 });
  batchers.push(batcher);
  const service = await startTestService({
    redisUrl: REDIS_URL,
    redis,
    prefix,
    classifier: batcher,
    logger,
    env: { DISTILL_GUARD_API_KEYS: keys.list, MAX_BATCH_ITEMS: '8' },
  });
  services.push(service);
  return service;
}

async function post(service: TestService, route: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${service.server.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(keys.gateway) },
    body: JSON.stringify({ input }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

let shipped: TestService;
let shippedLanguages: readonly string[];
let undeclared: TestService;
let declared: TestService;

beforeAll(async () => {
  redis = await connect();
  shipped = await serve(await loadClassifier({ modelsDir: DEFAULT_MODELS_DIR, version: 'current' }));
  const { modelsDir, version } = await resolveVersion({ modelsDir: DEFAULT_MODELS_DIR, version: 'current' });
  const artifact = await readHeadArtifact(versionDir(modelsDir, version));
  shippedLanguages = artifact.meta.languages ?? DEFAULT_TRAINED_LANGUAGES;
  // The same weights, with no languages in head.json, and with Japanese and Spanish declared.
  const { languages: _languages, ...bare } = artifact.meta;
  undeclared = await serve(new HeadClassifier(await loadEncoder(), new PromptHead(bare, artifact)));
  const meta = { ...artifact.meta, languages: ['en' as const, 'zh' as const, 'ja' as const, 'es' as const] };
  declared = await serve(new HeadClassifier(await loadEncoder(), new PromptHead(meta, artifact)));
});

afterAll(async () => {
  for (const s of services) await s.close();
  for (const b of batchers) await b.close();
  for (const p of prefixes) await cleanup(redis, p);
  await redis?.quit();
});

describe('language and supported on classify results', () => {
  it('a head without languages in its metadata supports the default languages (en, zh) and prompts without letters', async () => {
    expect(DEFAULT_TRAINED_LANGUAGES).toEqual(['en', 'zh']);
    const body = ClassifyResponse.parse(await post(undeclared, '/v1/classify', texts));
    expect(body.results.map((r) => r.language)).toEqual(languages);
    expect(body.results.map((r) => r.supported)).toEqual([true, true, false, false, false, false, true]);
  });

  it('the shipped head supports the languages its head.json lists', async () => {
    const body = ClassifyResponse.parse(await post(shipped, '/v1/classify', texts));
    expect(body.results.map((r) => r.supported)).toEqual(
      languages.map((l) => l === 'und' || shippedLanguages.includes(l)),
    );
  });

  it("a head's declared languages decide supported", async () => {
    const body = ClassifyResponse.parse(await post(declared, '/v1/classify', texts));
    expect(body.results.map((r) => r.language)).toEqual(languages);
    expect(body.results.map((r) => r.supported)).toEqual([true, true, true, false, false, true, true]);
  });

  it('a string input gets one result with its language', async () => {
    const body = ClassifyResponse.parse(await post(undeclared, '/v1/classify', 'Напиши рассуждение к этому ответу.'));
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({ language: 'ru', supported: false });
  });

  it('the typed client reads both fields', async () => {
    const client = createClient({ baseUrl: undeclared.server.url, apiKey: keys.gateway, timeoutMs: 30_000 });
    const res = await client.classify(['밀물과 썰물은 왜 생기나요?', 'How do tides work?']);
    if (!res.ok) throw new Error(res.message);
    expect(res.value.results.map((r) => [r.language, r.supported])).toEqual([
      ['ko', false],
      ['en', true],
    ]);
  });

  it('/v1/moderations passes language and supported through in the OpenAI shape', async () => {
    const body = ModerationResponse.parse(await post(undeclared, '/v1/moderations', texts.slice(0, 4)));
    expect(body.results.map((r) => [r.language, r.supported])).toEqual([
      ['en', true],
      ['zh', true],
      ['ja', false],
      ['ko', false],
    ]);
  });
});
