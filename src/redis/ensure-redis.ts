import type { Redis } from 'ioredis';
import { AppError } from '../errors.js';
import type { ClusterNode } from './cluster-nodes.js';
import type { Logger } from '../logger.js';
import { connectRedis, pingRedis, redactUrl } from './connect.js';
import { findOnPath, startPrivateRedis } from './private-server.js';

export interface EnsuredRedis {
  redis: Redis;
  url: string;
  /** True when this process started its own redis-server. */
  isPrivate: boolean;
  /** Closes the client and, for a private server, stops it. */
  stop(): Promise<void>;
}

export interface EnsureRedisOptions {
  url: string;
  /** Redis Cluster seed nodes: connect to the cluster (never a private server). */
  clusterNodes?: readonly ClusterNode[];
  logger: Logger;
  /** Where to look for redis-server; defaults to PATH. */
  envPath?: string;
  pingTimeoutMs?: number;
}

/**
 * Uses the Redis at `url` when it answers PING. Otherwise starts a private redis-server on a
 * free loopback port when one is installed, or fails with instructions. Refuses Redis < 6.2.
 * With cluster seed nodes it connects to that cluster.
 */
export async function ensureRedis(opts: EnsureRedisOptions): Promise<EnsuredRedis> {
  const shown = redactUrl(opts.url);
  if (opts.clusterNodes !== undefined) {
    const redis = await connectRedis(opts.url, opts.clusterNodes);
    const seeds = opts.clusterNodes.map((n) => `${n.host}:${n.port}`).join(',');
    opts.logger.info({ redisCluster: seeds }, 'using Redis Cluster');
    return { redis, url: opts.url, isPrivate: false, stop: () => quit(redis) };
  }
  if (await pingRedis(opts.url, opts.pingTimeoutMs ?? 1000)) {
    const redis = await connectRedis(opts.url);
    opts.logger.info({ redis: shown }, 'using Redis');
    return { redis, url: opts.url, isPrivate: false, stop: () => quit(redis) };
  }

  const binary = await findOnPath('redis-server', opts.envPath);
  if (binary === undefined) {
    throw new AppError(
      503,
      'redis_unavailable',
      [
        `No Redis answers at ${shown} and redis-server is not installed.`,
        'Either install Redis 6.2 or newer (e.g. `sudo apt-get install redis-server`) so distill-guard can start',
        'a private one, or point REDIS_URL at a running Redis (e.g. REDIS_URL=redis://host:6379).',
      ].join('\n'),
    );
  }

  const server = await startPrivateRedis(binary);
  opts.logger.warn(
    { configured: shown, redis: server.url, pid: server.pid, binary },
    `no Redis at ${shown}; started a private redis-server at ${server.url} (in memory only, stopped on shutdown)`,
  );
  let redis: Redis;
  try {
    redis = await connectRedis(server.url);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    redis,
    url: server.url,
    isPrivate: true,
    stop: async () => {
      await quit(redis);
      await server.stop();
      opts.logger.info({ redis: server.url }, 'stopped private redis-server');
    },
  };
}

async function quit(redis: Redis): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
