/**
 * Vitest global setup: the suite runs on a real Redis. It uses the one at REDIS_URL (default
 * 127.0.0.1:6379) when it answers; otherwise it starts a private in-memory redis-server on a free
 * loopback port for the run, exactly as `npm start` does, and points REDIS_URL of every test
 * process at it.
 */
import { ensureRedis, type EnsuredRedis } from '../../src/redis/ensure-redis.js';
import { createLogger } from '../../src/logger.js';

let ensured: EnsuredRedis | undefined;

export async function setup(): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  ensured = await ensureRedis({ url, logger: createLogger('warn') });
  process.env.REDIS_URL = ensured.url;
}

export async function teardown(): Promise<void> {
  await ensured?.stop();
}
