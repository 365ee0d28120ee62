import { Redis } from 'ioredis';
import { AppError } from '../errors.js';
import type { ClusterNode } from './cluster-nodes.js';
import { createClusterClient } from './cluster.js';
import { redactUrl } from './connect.js';

/**
 * A Redis connection for the request path that fails fast instead of waiting: no offline queue
 * (a command while disconnected fails at once), no retries or re-sends of a command, and a
 * per-command timeout as a safety net. It keeps reconnecting in the background. BullMQ producers
 * (not workers: they need blocking calls) may use it.
 */
export async function connectRequestRedis(
  url: string,
  opts: { commandTimeoutMs: number; readyTimeoutMs?: number; clusterNodes?: readonly ClusterNode[] },
): Promise<Redis> {
  const options = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: opts.commandTimeoutMs,
    connectTimeout: 2000,
    retryStrategy: (times: number) => Math.min(50 * times, 500),
  };
  const redis =
    opts.clusterNodes === undefined
      ? new Redis(url, { lazyConnect: true, ...options })
      : createClusterClient(url, opts.clusterNodes, options);
  redis.on('error', () => {});
  // A cluster connection is ready after discovering the slots and connecting to every master: more round trips.
  const readyTimeoutMs = opts.readyTimeoutMs ?? (opts.clusterNodes === undefined ? 5000 : 15_000);
  const target =
    opts.clusterNodes === undefined
      ? redactUrl(url)
      : `the Redis Cluster ${opts.clusterNodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new AppError(503, 'redis_unavailable', `No Redis answered at ${target} within ${readyTimeoutMs} ms.`),
            ),
          readyTimeoutMs,
        );
      }),
    ]);
  } catch (err) {
    redis.disconnect();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  return redis;
}
