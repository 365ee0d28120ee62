/** Shared setup of the reliability tests: API keys, a full app on real Redis, a redis-server the test can kill. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pingRedis } from '../../src/redis/connect.js';
import { freeLoopbackPort } from '../../src/redis/private-server.js';
import type { Redis } from 'ioredis';
import type { Express } from 'express';
import { loadEnv, type Env } from '../../src/env.js';
import { createKeyStore, type KeyStore } from '../../src/features/auth/key-store.js';
import type { PromptClassifier } from '../../src/models/prompt-classifier.js';
import { createServiceMetrics, type ServiceMetrics } from '../../src/features/metrics/service-metrics.js';
import { createApp } from '../../src/http/app.js';
import { createRateLimiter } from '../../src/http/middleware/rate-limit.js';
import { startServer, type RunningServer } from '../../src/http/server.js';
import type { Logger } from '../../src/logger.js';
import { createAccountPipeline, createRescoreApi, type AccountPipeline } from '../../src/queues/processes/api.js';

export const randomKey = () => randomBytes(24).toString('base64url');

export interface TestKeys {
  gateway: string;
  analyst: string;
  admin: string;
  /** The `DISTILL_GUARD_API_KEYS` value for these keys. */
  list: string;
}

export function makeKeys(): TestKeys {
  const keys = { gateway: randomKey(), analyst: randomKey(), admin: randomKey() };
  return { ...keys, list: `gateway:${keys.gateway},analyst:${keys.analyst},admin:${keys.admin}` };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export async function tempDir(name: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `dg-${name}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A redis-server on a random loopback port with an append-only file fsynced on every write, so a
 * `kill -9` loses nothing it acknowledged and a restart on the same directory brings the data back.
 */
export interface KillableRedis {
  url: string;
  port: number;
  pid(): number | undefined;
  start(): Promise<void>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export async function killableRedis(): Promise<KillableRedis> {
  const port = await freeLoopbackPort();
  const { dir, remove } = await tempDir('redis');
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--daemonize',
        'no',
      ],
      { stdio: 'ignore' },
    );
    const until = Date.now() + 10_000;
    while (!(await pingRedis(url, 200))) {
      if (Date.now() > until) throw new Error(`redis-server did not start on ${port}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  };
  const kill9 = async () => {
    if (child === undefined || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url,
    port,
    pid: () => child?.pid,
    start,
    kill9,
    async stop() {
      await kill9();
      await remove();
    },
  };
}

export interface TestService {
  env: Env;
  app: Express;
  server: RunningServer;
  pipeline: AccountPipeline;
  metrics: ServiceMetrics;
  keys: KeyStore;
  spoolDir: string;
  close(): Promise<void>;
}

/** The API as `serve` builds it (keys, limits, metrics, spool, dead letters) on a given Redis and key prefix. */
export async function startTestService(opts: {
  redisUrl: string;
  redis: Redis;
  prefix: string;
  classifier: PromptClassifier;
  logger: Logger;
  env?: Record<string, string>;
  /** Mount the rescore routes (`DATA_DIR` from env; no rescore workers run). */
  rescore?: boolean;
  /** Mount `GET /v1/models` over this registry. */
  modelsDir?: string;
}): Promise<TestService> {
  const spool = await tempDir('spool');
  const env = loadEnv({ REDIS_URL: opts.redisUrl, ACCOUNT_PREFIX: opts.prefix, SPOOL_DIR: spool.dir, ...opts.env });
  const metrics = createServiceMetrics({ defaultMetrics: false });
  const keys = await createKeyStore({
    keys: env.DISTILL_GUARD_API_KEYS,
    file: env.DISTILL_GUARD_API_KEYS_FILE,
    logger: opts.logger,
  });
  const pipeline = await createAccountPipeline({
    env,
    redis: opts.redis,
    logger: opts.logger,
    metrics,
    redisUrl: opts.redisUrl,
  });
  const rescore = opts.rescore === true ? await createRescoreApi({ env, redis: opts.redis }) : undefined;
  metrics.setSource({
    modelVersion: () => opts.classifier.version,
    queueDepths: pipeline.queueDepths,
    spool: pipeline.spool,
  });
  const app = createApp({
    classifier: opts.classifier,
    env,
    redis: opts.redis,
    logger: opts.logger,
    keys,
    metrics,
    rateLimiter: createRateLimiter({
      gateway: env.RATE_LIMIT_GATEWAY_RPS,
      analyst: env.RATE_LIMIT_ANALYST_RPS,
      admin: env.RATE_LIMIT_ADMIN_RPS,
    }),
    accounts: pipeline.routes,
    deadLetters: pipeline.deadLetters,
    spool: pipeline.spool,
    readyTimeoutMs: 300,
    ...(rescore !== undefined ? { rescore: rescore.routes } : {}),
    ...(opts.modelsDir !== undefined ? { modelsDir: opts.modelsDir } : {}),
  });
  const server = await startServer(app, { host: '127.0.0.1', port: 0, logger: opts.logger });
  return {
    env,
    app,
    server,
    pipeline,
    metrics,
    keys,
    spoolDir: spool.dir,
    async close() {
      await server.close(2000);
      await rescore?.close();
      await pipeline.close();
      keys.close();
      await spool.remove();
    },
  };
}
