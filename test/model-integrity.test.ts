/**
 * Model integrity: a promoted head is pinned by the SHA-256 of its head.json and weights.bin in
 * current.json and promotions.jsonl, outside its own directory. A head edited after promotion —
 * weights and the digest in its own head.json changed together, so it is self-consistent — is
 * refused by the registry and by the rescore API (over real HTTP, real Redis).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';
import { promote } from '../src/features/lifecycle/promote.js';
import { createApp } from '../src/http/app.js';
import { startServer, type RunningServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { readHeadArtifact } from '../src/models/head-artifact.js';
import { DEFAULT_MODELS_DIR, loadHead } from '../src/models/registry.js';
import { createRescoreApi } from '../src/queues/processes/api.js';
import { cleanup, connect, keywordClassifier, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { tempRegistry, writeVariant } from './helpers/lifecycle.js';
import { tempDir } from './helpers/reliability.js';

const logger = createLogger('silent');
const PINNED = 'head-test-pinned';
const CANDIDATE = 'head-test-candidate';
let registry: Awaited<ReturnType<typeof tempRegistry>>;
let redis: Redis;
let prefix: string;
let server: RunningServer;
let api: { close(): Promise<void> };
let data: { dir: string; remove(): Promise<void> };

beforeAll(async () => {
  registry = await tempRegistry();
  redis = await connect();
  prefix = uniquePrefix('integrity');
  data = await tempDir('integrity-data');
  await writeFile(path.join(data.dir, 'history.jsonl'), '{}\n');
  const env = loadEnv({
    REDIS_URL,
    ACCOUNT_PREFIX: prefix,
    DATA_DIR: data.dir,
    DISTILL_GUARD_MODELS_DIR: registry.dir,
  });
  const rescore = await createRescoreApi({ env, redis });
  api = rescore;
  server = await startServer(createApp({ classifier: keywordClassifier, env, logger, rescore: rescore.routes }), {
    host: '127.0.0.1',
    port: 0,
    logger,
  });
});

afterAll(async () => {
  await server.close(1000);
  await api.close();
  await cleanup(redis, prefix);
  await redis.quit();
  await registry.remove();
  await data.remove();
});

const rescoreWith = async (model: string) => {
  const res = await fetch(`${server.url}/v1/rescore`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input_path: 'history.jsonl', model }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
};

/** Rewrites a version in place: lower thresholds and changed weights, with head.json's own digest updated to match. */
const tamper = (version: string) =>
  writeVariant(registry.dir, path.join(registry.dir, version), version, (tensors, meta) => {
    for (const label of Object.keys(meta.thresholds) as (keyof typeof meta.thresholds)[])
      meta.thresholds[label] = 0.999;
    tensors.get('lexical.bias')!.fill(-20);
  });

describe('promoted heads are pinned outside their own directory', () => {
  it('a promoted head edited afterwards (self-consistently) is refused by the registry and the rescore API', async () => {
    await writeVariant(registry.dir, path.join(registry.dir, registry.live), PINNED, () => {});
    const result = await promote({
      modelsDir: registry.dir,
      version: PINNED,
      force: true,
      reason: 'test: pinned on promotion',
      by: 'test',
    });
    expect(result.status).toBe('promoted');
    expect((await loadHead({ modelsDir: registry.dir, version: PINNED })).meta.version).toBe(PINNED);
    expect((await rescoreWith(PINNED)).status).toBe(202);

    await tamper(PINNED);
    // The edited head vouches for itself: its weights match the digest in its own head.json.
    expect((await readHeadArtifact(path.join(registry.dir, PINNED))).meta.thresholds.rubric_grading).toBe(0.999);
    await expect(loadHead({ modelsDir: registry.dir, version: PINNED })).rejects.toThrow(/promotion record/);
    await expect(loadHead({ modelsDir: registry.dir, version: 'current' })).rejects.toThrow(/promotion record/);
    const refused = await rescoreWith(PINNED);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('model_integrity');
    expect(refused.body.error?.message).not.toContain(registry.dir);
    const current = await rescoreWith('current');
    expect(current.status).toBe(400);
    expect(current.body.error?.code).toBe('model_integrity');
  });

  it('records the digests in current.json and promotions.jsonl, and will not re-pin an edited head', async () => {
    const current = JSON.parse(await readFile(path.join(registry.dir, 'current.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(current).toMatchObject({
      version: PINNED,
      headSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      weightsSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const log = (await readFile(path.join(registry.dir, 'promotions.jsonl'), 'utf8')).trim().split('\n');
    const record = JSON.parse(log.at(-1)!) as Record<string, string>;
    expect(record).toMatchObject({ version: PINNED, headSha256: current.headSha256 });
    // Moving back to the live version works; promoting the edited head again does not re-pin it.
    await promote({ modelsDir: registry.dir, version: registry.live, force: true, reason: 'test: back', by: 'test' });
    await expect(
      promote({ modelsDir: registry.dir, version: PINNED, force: true, reason: 'test: again', by: 'test' }),
    ).rejects.toThrow(/promotion record/);
    expect(JSON.parse(await readFile(path.join(registry.dir, 'current.json'), 'utf8'))).toMatchObject({
      version: registry.live,
    });
  });

  it('refuses to promote a head whose weights do not match its own head.json', async () => {
    await writeVariant(registry.dir, path.join(registry.dir, registry.live), 'head-test-corrupt', () => {});
    await writeFile(path.join(registry.dir, 'head-test-corrupt', 'weights.bin'), Buffer.alloc(16));
    await expect(
      promote({ modelsDir: registry.dir, version: 'head-test-corrupt', force: true, reason: 'test', by: 'test' }),
    ).rejects.toThrow(/refusing to load changed weights/);
    expect(JSON.parse(await readFile(path.join(registry.dir, 'current.json'), 'utf8'))).toMatchObject({
      version: registry.live,
    });
  });

  it('a version never promoted (a candidate being evaluated) has no pin and loads', async () => {
    await writeVariant(registry.dir, path.join(registry.dir, registry.live), CANDIDATE, () => {});
    await tamper(CANDIDATE);
    expect((await loadHead({ modelsDir: registry.dir, version: CANDIDATE })).meta.version).toBe(CANDIDATE);
    expect((await rescoreWith(CANDIDATE)).status).toBe(202);
  });

  it('the shipped registry pins its current head, and the shipped files match the pin', async () => {
    const current = JSON.parse(await readFile(path.join(DEFAULT_MODELS_DIR, 'current.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(current.headSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await loadHead({ modelsDir: DEFAULT_MODELS_DIR })).meta.version).toBe(current.version);
  });
});
