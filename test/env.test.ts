import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';
import { AppError } from '../src/errors.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    expect(loadEnv({})).toEqual({
      PORT: 8080,
      HOST: '127.0.0.1',
      REDIS_URL: 'redis://127.0.0.1:6379',
      DISTILL_GUARD_MODELS_DIR: path.join(packageRoot, 'models'),
      DISTILL_GUARD_MODEL: 'current',
      MODEL_CHANNEL: 'distill-guard:models',
      DISTILL_GUARD_ENCODER: 'use-lite',
      MAX_BODY_BYTES: 1024 * 1024,
      MAX_PROMPT_CHARS: 32768,
      MAX_BATCH_ITEMS: 64,
      BATCH_MAX_SIZE: 8,
      BATCH_MAX_WAIT_MS: 5,
      BATCH_MAX_CONCURRENT: 4,
      ENCODER_THREADS: 0,
      ENCODER_INTRA_OP_THREADS: 1,
      ENCODER_CACHE_ENTRIES: 10_000,
      ACCOUNT_PREFIX: 'dg',
      EVENTS_MAX_BATCH: 100,
      EVENTS_MAX_AGE_S: 30 * 86_400,
      EVENTS_MAX_SKEW_S: 300,
      ACCOUNT_DEBOUNCE_MS: 900,
      ACCOUNT_DEDUP_TTL_S: 21600,
      WORKER_CONCURRENCY: 200,
      RATE_LIMIT_GATEWAY_RPS: 5000,
      RATE_LIMIT_ANALYST_RPS: 50,
      RATE_LIMIT_ADMIN_RPS: 50,
      AUTH_FAILURES_PER_MIN: 60,
      MAX_JSON_DEPTH: 16,
      REDIS_REQUEST_TIMEOUT_MS: 50,
      SPOOL_DIR: path.join(packageRoot, 'var', 'spool'),
      SPOOL_MAX_BYTES: 256 * 1024 * 1024,
      ACCOUNT_CACHE_SIZE: 100_000,
      ACCOUNT_CONTRACT_SIGNUP_PATHS: 'enterprise',
      WORKER_LOCK_MS: 30_000,
      CLUSTER_INTERVAL_S: 300,
      CLUSTER_WINDOW_H: 168,
      CLUSTER_SHARDS: 1,
      SHUTDOWN_TIMEOUT_MS: 4_000,
      DISTILL_GUARD_PRESCREEN: 'on',
      HTTP_FAST_PATH: 'on',
      METRICS_ACCESS: 'public',
      DATA_DIR: path.join(packageRoot, 'var', 'data'),
      RESCORE_MAX_UPLOAD_BYTES: 10 * 1024 * 1024 * 1024,
      RESCORE_HEAP_MIB: 0,
      DISTILL_GUARD_PARENT_PID: 0,
      LOG_LEVEL: 'info',
    });
  });

  it('resolves the default models dir from the package, not the working directory', () => {
    const cwd = process.cwd();
    process.chdir(path.join(packageRoot, 'test'));
    try {
      expect(loadEnv({}).DISTILL_GUARD_MODELS_DIR).toBe(path.join(packageRoot, 'models'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('reads and coerces overrides; empty values fall back to defaults', () => {
    const env = loadEnv({
      PORT: '9001',
      HOST: '0.0.0.0',
      REDIS_URL: 'redis://redis:6380/2',
      DISTILL_GUARD_MODELS_DIR: '/srv/models',
      DISTILL_GUARD_MODEL: '2025-01-01',
      MAX_BODY_BYTES: '2048',
      MAX_PROMPT_CHARS: '100',
      MAX_BATCH_ITEMS: '8',
      BATCH_MAX_SIZE: '16',
      BATCH_MAX_WAIT_MS: '0',
      LOG_LEVEL: 'DEBUG',
      BATCH_UNRELATED: 'ignored',
    });
    expect(env).toMatchObject({
      PORT: 9001,
      HOST: '0.0.0.0',
      REDIS_URL: 'redis://redis:6380/2',
      DISTILL_GUARD_MODELS_DIR: '/srv/models',
      DISTILL_GUARD_MODEL: '2025-01-01',
      MAX_BODY_BYTES: 2048,
      MAX_PROMPT_CHARS: 100,
      MAX_BATCH_ITEMS: 8,
      BATCH_MAX_SIZE: 16,
      BATCH_MAX_WAIT_MS: 0,
      LOG_LEVEL: 'debug',
    });
    expect(loadEnv({ PORT: '', LOG_LEVEL: '' })).toMatchObject({ PORT: 8080, LOG_LEVEL: 'info' });
  });

  it('names every invalid variable in one invalid_config error', () => {
    let caught: unknown;
    try {
      loadEnv({
        PORT: 'eighty',
        BATCH_MAX_SIZE: '0',
        REDIS_URL: 'http://x',
        LOG_LEVEL: 'loud',
        MAX_PROMPT_CHARS: '1.5',
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    const err = caught as AppError;
    expect(err.code).toBe('invalid_config');
    for (const name of ['PORT', 'BATCH_MAX_SIZE', 'REDIS_URL', 'LOG_LEVEL', 'MAX_PROMPT_CHARS']) {
      expect(err.message).toContain(name);
    }
    expect(err.message).toContain('PORT="eighty"');
    expect(err.details?.map((d) => d.path).sort()).toEqual(
      ['BATCH_MAX_SIZE', 'LOG_LEVEL', 'MAX_PROMPT_CHARS', 'PORT', 'REDIS_URL'].sort(),
    );
  });

  it('parses REDIS_CLUSTER_NODES seed lists and refuses entries that are not host:port', () => {
    expect(loadEnv({}).REDIS_CLUSTER_NODES).toBeUndefined();
    expect(loadEnv({ REDIS_CLUSTER_NODES: '' }).REDIS_CLUSTER_NODES).toBeUndefined();
    expect(loadEnv({ REDIS_CLUSTER_NODES: 'redis-a:7000, 10.0.0.2:7001,[::1]:7002' }).REDIS_CLUSTER_NODES).toEqual([
      { host: 'redis-a', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    for (const bad of ['redis-a', 'redis-a:0', 'redis-a:70000', 'redis://a:7000', ',']) {
      let caught: unknown;
      try {
        loadEnv({ REDIS_CLUSTER_NODES: bad });
      } catch (err) {
        caught = err;
      }
      expect((caught as AppError).code, bad).toBe('invalid_config');
      expect(
        (caught as AppError).details?.map((d) => d.path),
        bad,
      ).toEqual(['REDIS_CLUSTER_NODES']);
    }
  });
});
