/**
 * Vitest global setup: the suite runs on a real Redis. It uses the one at REDIS_URL (default
 * 127.0.0.1:6379) when it answers; otherwise it starts a private in-memory redis-server on a free
 * loopback port for the run, exactly as `npm start` does, and points REDIS_URL of every test
 * process at it. It also starts a private 3-master Redis Cluster (redis-server with
 * `--cluster-enabled yes`, joined by `redis-cli --cluster create`) for the `cluster` project, which
 * runs the account pipeline, rescore and cluster suites again on it (DG_TEST_CLUSTER_NODES).
 */
import { ensureRedis, type EnsuredRedis } from '../../src/redis/ensure-redis.js';
import { findOnPath } from '../../src/redis/private-server.js';
import { createLogger } from '../../src/logger.js';
import { startPrivateCluster, type PrivateCluster } from '../helpers/private-cluster.js';

let ensured: EnsuredRedis | undefined;
let cluster: PrivateCluster | undefined;

export async function setup(): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  ensured = await ensureRedis({ url, logger: createLogger('warn') });
  process.env.REDIS_URL = ensured.url;
  const serverBinary = await findOnPath('redis-server');
  const cliBinary = await findOnPath('redis-cli');
  if (serverBinary === undefined || cliBinary === undefined)
    throw new Error(
      'The Redis Cluster suites need redis-server and redis-cli on PATH (e.g. `sudo apt-get install redis-server`).',
    );
  cluster = await startPrivateCluster({ serverBinary, cliBinary });
  process.env.DG_TEST_CLUSTER_NODES = cluster.nodes;
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  await ensured?.stop();
}
