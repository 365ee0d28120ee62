import { Redis } from 'ioredis';
import { AppError } from '../errors.js';
import type { ClusterNode } from './cluster-nodes.js';
import { createClusterClient } from './cluster.js';

export const MIN_REDIS_VERSION = [6, 2, 0] as const;

/** True when a Redis at `url` answers PING within `timeoutMs`. Never throws. */
export async function pingRedis(url: string, timeoutMs = 1000): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * The long-lived client: reconnects forever; commands wait for the connection (as BullMQ requires).
 * With `clusterNodes` it is a Redis Cluster client on those seed nodes (credentials from `url`).
 */
export async function connectRedis(url: string, clusterNodes?: readonly ClusterNode[]): Promise<Redis> {
  const redis =
    clusterNodes === undefined
      ? new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null })
      : createClusterClient(url, clusterNodes, { maxRetriesPerRequest: null });
  redis.on('error', () => {});
  await redis.connect();
  await assertRedisVersion(redis, url);
  return redis;
}

export function parseRedisVersion(info: string): [number, number, number] | undefined {
  const match = /^redis_version:(\d+)\.(\d+)\.(\d+)/m.exec(info);
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function isSupportedVersion(version: readonly [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) {
    const have = version[i]!;
    const need = MIN_REDIS_VERSION[i]!;
    if (have !== need) return have > need;
  }
  return true;
}

/** Refuses Redis older than 6.2 (the job queue relies on commands added there). */
export async function assertRedisVersion(redis: Redis, url: string): Promise<void> {
  const info = await redis.info('server');
  const version = parseRedisVersion(info);
  if (version === undefined) return;
  if (!isSupportedVersion(version)) {
    redis.disconnect();
    throw new AppError(
      503,
      'redis_unsupported',
      `Redis at ${redactUrl(url)} is version ${version.join('.')}; distill-guard needs Redis ${MIN_REDIS_VERSION.join('.')} or newer.`,
    );
  }
}

/** The URL without its password, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
