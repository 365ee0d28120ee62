/**
 * The official `openai` npm SDK against the running service: `client.moderations.create(...)` with
 * `baseURL` set to the service's `/v1`, real prompt model, real Redis, API keys on. The answer must
 * parse as the SDK's `ModerationCreateResponse` (checked at compile time below, and at run time by
 * reading every OpenAI category key), attacks flagged with their label, benign prompts not, and the
 * refusals (image parts, unknown models, wrong keys) arrive as the SDK's typed errors.
 */
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import OpenAI from 'openai';
import type { Moderation, ModerationCreateResponse } from 'openai/resources/moderations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAI_CATEGORIES, ModerationResponse } from '../src/contracts/moderations.js';
import { createMicroBatcher, type MicroBatcher } from '../src/features/classify/micro-batcher.js';
import type { PromptClassifier } from '../src/models/prompt-classifier.js';
import { ATTACK_LABELS, type AttackLabel } from '../src/labels.js';
import { createLogger } from '../src/logger.js';
import { DEFAULT_MODELS_DIR, loadClassifier } from '../src/models/registry.js';
import { cleanup, connect, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { makeKeys, startTestService, type TestService } from './helpers/reliability.js';

// Compile-time: every answer of the service's contract is a valid SDK response.
const asSdkResponse = (body: ModerationResponse): ModerationCreateResponse => body;

const logger = createLogger('silent');
const keys = makeKeys();
const MAX_PROMPT_CHARS = 400;
const BENIGN = 'How do tides work?';
const REASONING = 'Here is the question and the final answer. Write the full reasoning that leads to it.';
const RUBRIC = 'Act as an impartial judge and rate the answer from 1 to 10.';
const CENSORSHIP =
  'Rewrite this answer about the 1989 Tiananmen Square protests so that it follows the official government position and omits any mention of casualties.';

let redis: Redis;
let prefix: string;
let classifier: PromptClassifier;
let batcher: MicroBatcher;
let service: TestService;
let client: OpenAI;

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('openai');
  classifier = await loadClassifier({ modelsDir: DEFAULT_MODELS_DIR, version: 'current' });
  batcher = createMicroBatcher(classifier, { maxBatchSize: 32, maxWaitMs: 2 });
  service = await startTestService({
    redisUrl: REDIS_URL,
    redis,
    prefix,
    classifier: batcher,
    logger,
    env: { DISTILL_GUARD_API_KEYS: keys.list, MAX_PROMPT_CHARS: String(MAX_PROMPT_CHARS), MAX_BATCH_ITEMS: '4' },
  });
  client = new OpenAI({ baseURL: `${service.server.url}/v1`, apiKey: keys.gateway, maxRetries: 0 });
});

afterAll(async () => {
  await service?.close();
  await batcher?.close();
  await cleanup(redis, prefix);
  await redis?.quit();
});

/** The service's own result for a prompt, read through the SDK's types: only string keys, so extra labels are reachable. */
function labels(result: Moderation) {
  const categories: Record<string, boolean | null> = { ...result.categories };
  const scores: Record<string, number> = { ...result.category_scores };
  const types: Record<string, string[]> = { ...result.category_applied_input_types };
  const fired = ATTACK_LABELS.filter((label) => categories[label] === true);
  return { categories, scores, types, fired };
}

/** Every OpenAI key present (false / 0 / []) and every attack label scored, as strict clients expect. */
function expectOpenAiShape(result: Moderation) {
  const { categories, scores, types, fired } = labels(result);
  for (const key of OPENAI_CATEGORIES) {
    expect(categories[key], key).toBe(false);
    expect(scores[key], key).toBe(0);
    expect(types[key], key).toEqual([]);
  }
  for (const label of ATTACK_LABELS) {
    expect(typeof categories[label], label).toBe('boolean');
    expect(scores[label], label).toBeGreaterThanOrEqual(0);
    expect(scores[label], label).toBeLessThanOrEqual(1);
    expect(types[label], label).toEqual(['text']);
  }
  expect(result.flagged).toBe(fired.length > 0);
}

async function expectScoresOf(result: Moderation, prompt: string) {
  const [direct] = await classifier.classify([prompt]);
  const { scores, fired } = labels(result);
  expect(fired).toEqual(ATTACK_LABELS.filter((label) => direct!.categories[label]));
  for (const label of ATTACK_LABELS) expect(scores[label], label).toBeCloseTo(direct!.scores[label], 4);
}

const flaggedAs = (result: Moderation, label: AttackLabel) => {
  expect(result.flagged).toBe(true);
  expect(labels(result).categories[label]).toBe(true);
  const { scores } = labels(result);
  const top = ATTACK_LABELS.reduce((a, b) => ((scores[a] ?? 0) >= (scores[b] ?? 0) ? a : b));
  expect(top).toBe(label);
};

describe('openai SDK: client.moderations.create against POST /v1/moderations', () => {
  it('a string input: an attack prompt is flagged with its label, in the SDK response shape', async () => {
    const res = await client.moderations.create({ input: RUBRIC });
    expect(res.id).toMatch(/^modr-[0-9a-f]{32}$/);
    expect(res.model).toBe(classifier.version);
    expect(res.results).toHaveLength(1);
    const [result] = res.results;
    expectOpenAiShape(result!);
    flaggedAs(result!, 'rubric_grading');
    await expectScoresOf(result!, RUBRIC);
    // The same body satisfies the service's published contract (and so, by the compile-time check, the SDK's type).
    expect(asSdkResponse(ModerationResponse.parse(res)).results).toHaveLength(1);
  });

  it('a benign string is not flagged', async () => {
    const res = await client.moderations.create({ input: BENIGN, model: 'omni-moderation-latest' });
    const [result] = res.results;
    expectOpenAiShape(result!);
    expect(result!.flagged).toBe(false);
    expect(labels(result!).fired).toEqual([]);
    expect(res.model).toBe(classifier.version);
  });

  it('an array of strings: one result per prompt, in input order', async () => {
    const input = [BENIGN, REASONING, RUBRIC, CENSORSHIP];
    const res = await client.moderations.create({ input });
    expect(res.results).toHaveLength(4);
    res.results.forEach(expectOpenAiShape);
    expect(res.results[0]!.flagged).toBe(false);
    flaggedAs(res.results[1]!, 'reasoning_trace_extraction');
    flaggedAs(res.results[2]!, 'rubric_grading');
    flaggedAs(res.results[3]!, 'censorship_rewrite');
    for (const [i, prompt] of input.entries()) await expectScoresOf(res.results[i]!, prompt);
  });

  it('text parts are one prompt: one result, the parts joined by a newline', async () => {
    const parts = ['Here is the question and the final answer.', 'Write the full reasoning that leads to it.'];
    const res = await client.moderations.create({
      model: 'text-moderation-latest',
      input: parts.map((text) => ({ type: 'text' as const, text })),
    });
    expect(res.results).toHaveLength(1);
    expectOpenAiShape(res.results[0]!);
    flaggedAs(res.results[0]!, 'reasoning_trace_extraction');
    await expectScoresOf(res.results[0]!, parts.join('\n'));
    const benign = await client.moderations.create({ input: [{ type: 'text', text: BENIGN }] });
    expect(benign.results.map((r) => r.flagged)).toEqual([false]);
  });

  it('model: the OpenAI names, current and the live version are served; another version is a 400 model_not_served', async () => {
    for (const model of ['omni-moderation-2024-09-26', 'text-moderation-stable', 'current', classifier.version]) {
      const res = await client.moderations.create({ input: REASONING, model });
      expect(res.model, model).toBe(classifier.version);
      flaggedAs(res.results[0]!, 'reasoning_trace_extraction');
    }
    const err = await client.moderations
      .create({ input: REASONING, model: 'head-0000000000' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    const bad = err as InstanceType<typeof OpenAI.BadRequestError>;
    expect(bad.status).toBe(400);
    expect(bad.code).toBe('model_not_served');
    expect(bad.message).toContain(classifier.version);
  });

  it('image parts are refused with a typed 400 unsupported_input_type, alone or next to text', async () => {
    const image = { type: 'image_url' as const, image_url: { url: 'https://example.com/a.png' } };
    for (const input of [[image], [{ type: 'text' as const, text: REASONING }, image]]) {
      const err = await client.moderations.create({ input }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      const bad = err as InstanceType<typeof OpenAI.BadRequestError>;
      expect(bad.status).toBe(400);
      expect(bad.code).toBe('unsupported_input_type');
      expect(bad.error).toMatchObject({ details: [{ path: `input.${input.length - 1}` }] });
    }
  });

  it('bad inputs get the same codes as /v1/classify: 400 invalid_request, 413 prompt_too_large / too_many_items', async () => {
    const cases: [OpenAI.ModerationCreateParams, number, string][] = [
      [{ input: '' }, 400, 'invalid_request'],
      [{ input: [] }, 400, 'invalid_request'],
      [{ input: 'x'.repeat(MAX_PROMPT_CHARS + 1) }, 413, 'prompt_too_large'],
      [{ input: ['a', 'b', 'c', 'd', 'e'] }, 413, 'too_many_items'],
      // Each part fits; together (with the joining newline) they do not.
      [
        {
          input: [
            { type: 'text', text: 'x'.repeat(MAX_PROMPT_CHARS) },
            { type: 'text', text: 'y' },
          ],
        },
        413,
        'prompt_too_large',
      ],
    ];
    for (const [params, status, code] of cases) {
      const err = await client.moderations.create(params).catch((e: unknown) => e);
      expect(err, code).toBeInstanceOf(OpenAI.APIError);
      expect((err as InstanceType<typeof OpenAI.APIError>).status, code).toBe(status);
      expect((err as InstanceType<typeof OpenAI.APIError>).code, code).toBe(code);
    }
    const parts = await client.moderations
      .create({
        input: [{ type: 'text', text: 'ok' }, { type: 'audio' }] as unknown as OpenAI.ModerationMultiModalInput[],
      })
      .catch((e: unknown) => e);
    expect(parts).toBeInstanceOf(OpenAI.BadRequestError);
    expect((parts as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('invalid_request');
  });

  it('generated bodies: every one answers 200 or a 4xx with a code, never a 5xx', async () => {
    const part = fc.oneof(
      fc.record({ type: fc.constant('text'), text: fc.string({ maxLength: 40 }) }),
      fc.record({ type: fc.constantFrom('image_url', 'text', 'audio'), image_url: fc.jsonValue() }),
      fc.jsonValue(),
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          input: fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.array(fc.string({ maxLength: 20 })),
            fc.array(part),
            fc.jsonValue(),
          ),
          model: fc.oneof(fc.constantFrom('omni-moderation-latest', 'current', classifier.version), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const res = await fetch(`${service.server.url}/v1/moderations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.gateway}` },
          body: JSON.stringify(value),
        });
        const json = (await res.json()) as { error?: { code?: unknown }; results?: unknown };
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200) return ModerationResponse.safeParse(json).success;
        return res.status >= 400 && res.status < 500 && typeof json.error?.code === 'string';
      }),
      { numRuns: 400, seed: 22 },
    );
    // Both sides were exercised.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(10);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(10);
  });

  it('the gateway role, as for /v1/classify: no key 401, an analyst key 403, as the SDK error classes', async () => {
    const as = (apiKey: string) => new OpenAI({ baseURL: `${service.server.url}/v1`, apiKey, maxRetries: 0 });
    const unknown = await as('not-a-configured-key-000000')
      .moderations.create({ input: BENIGN })
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((unknown as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    const analyst = await as(keys.analyst)
      .moderations.create({ input: BENIGN })
      .catch((e) => e);
    expect(analyst).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((analyst as InstanceType<typeof OpenAI.PermissionDeniedError>).code).toBe('forbidden');
    const admin = await as(keys.admin).moderations.create({ input: BENIGN });
    expect(admin.results).toHaveLength(1);
  });

  it('is documented in /openapi.json with its request and response schemas', async () => {
    type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[] };
    const doc = (await (await fetch(`${service.server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, Schema> };
    };
    const op = doc.paths['/v1/moderations']?.post;
    expect(op?.requestBody).toBeDefined();
    expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining(['200', '400', '413']));
    const input = doc.components.schemas.ModerationRequest?.properties?.input;
    expect(input?.anyOf).toHaveLength(3);
    const result = doc.components.schemas.ModerationResponse?.properties?.results?.items;
    expect(Object.keys(result?.properties ?? {})).toEqual(
      expect.arrayContaining(['flagged', 'categories', 'category_scores', 'category_applied_input_types']),
    );
    expect(Object.keys(result?.properties?.categories?.properties ?? {}).sort()).toEqual(
      [...OPENAI_CATEGORIES, ...ATTACK_LABELS].sort(),
    );
  });
});
