/**
 * Redis Cluster connections. A cluster client is handed to the rest of the service under the
 * `Redis` type: both speak the same command interface, and every multi-key command, script and
 * transaction the service sends keeps its keys in one hash slot (see the key builders). What
 * differs is handled here: keyless commands that must reach every node (SCAN) go through
 * `eachMaster`, and pipelines that mix slots through `slot-pipeline.ts`.
 */
import { Cluster, type Redis, type RedisOptions } from 'ioredis';
import type { ClusterNode } from './cluster-nodes.js';

/** True when `redis` is a Redis Cluster client. */
export const isCluster = (redis: Redis): boolean => (redis as unknown as { isCluster?: boolean }).isCluster === true;

/** Password, user name, database and TLS from a redis:// or rediss:// URL, for every cluster node. */
export function urlOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  const opts: RedisOptions = {};
  if (parsed.username !== '') opts.username = decodeURIComponent(parsed.username);
  if (parsed.password !== '') opts.password = decodeURIComponent(parsed.password);
  if (parsed.protocol === 'rediss:') opts.tls = {};
  return opts;
}

/** A cluster client on the seed nodes, with `redisOptions` (and the URL's credentials) for every node. */
export function createClusterClient(url: string, nodes: readonly ClusterNode[], redisOptions: RedisOptions): Redis {
  const cluster = new Cluster(
    nodes.map((n) => ({ host: n.host, port: n.port })),
    {
      lazyConnect: true,
      redisOptions: { ...urlOptions(url), ...redisOptions, lazyConnect: false },
      enableOfflineQueue: redisOptions.enableOfflineQueue ?? true,
      // The ready check (CLUSTER INFO) goes out while node connections may still be connecting;
      // without an offline queue it fails now and then and the client never becomes ready. A
      // fail-fast client skips it: its commands fail fast anyway until the nodes answer.
      enableReadyCheck: redisOptions.enableOfflineQueue !== false,
      maxRedirections: 16,
      clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
    },
  );
  return cluster as unknown as Redis;
}

/** The master nodes of a cluster client, or the client itself for a single Redis. */
export function masters(redis: Redis): Redis[] {
  return isCluster(redis) ? (redis as unknown as Cluster).nodes('master') : [redis];
}

/** Runs `fn` on every master (one node for a single Redis), one after the other. */
export async function eachMaster(redis: Redis, fn: (node: Redis) => Promise<void>): Promise<void> {
  for (const node of masters(redis)) await fn(node);
}

/** A new client to the same Redis or cluster, with `options` for its connections (e.g. for pub/sub). */
export function duplicateClient(redis: Redis, options: RedisOptions): Redis {
  if (!isCluster(redis)) return redis.duplicate(options);
  const cluster = redis as unknown as Cluster;
  return cluster.duplicate(undefined, { lazyConnect: options.lazyConnect ?? false }) as unknown as Redis;
}
