/**
 * A throwaway local Redis Cluster of `masters` redis-servers (no replicas) for tests and benches:
 * each on a loopback port below 55536 (the cluster bus listens on port + 10000), in its own temp
 * dir, joined with `redis-cli --cluster create`. `nodes` is the seed list for REDIS_CLUSTER_NODES.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { startPrivateRedis, type PrivateRedis } from '../../src/redis/private-server.js';

const run = promisify(execFile);

export interface PrivateCluster {
  nodes: string;
  stop(): Promise<void>;
}

async function portFree(port: number): Promise<boolean> {
  const server = createServer();
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.once('listening', () => resolve(true));
    server.listen(port, '127.0.0.1');
  });
  if (ok) {
    server.close();
    await once(server, 'close');
  }
  return ok;
}

/** A port in [20000, 45000) whose bus port (+10000) is free as well. */
async function clusterPort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 25000);
    if (taken.has(port) || taken.has(port + 10000)) continue;
    if ((await portFree(port)) && (await portFree(port + 10000))) return port;
  }
  throw new Error('no free port pair for a cluster node');
}

async function clusterOk(port: number): Promise<boolean> {
  const r = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0 });
  r.on('error', () => {});
  try {
    await r.connect();
    const info = (await r.call('CLUSTER', 'INFO')) as string;
    return /cluster_state:ok/.test(info) && /cluster_known_nodes:(\d+)/.exec(info)?.[1] !== '1';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export async function startPrivateCluster(opts: {
  serverBinary: string;
  cliBinary: string;
  masters?: number;
}): Promise<PrivateCluster> {
  const servers: PrivateRedis[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
  try {
    const taken = new Set<number>();
    for (let i = 0; i < (opts.masters ?? 3); i++) {
      const port = await clusterPort(taken);
      taken.add(port).add(port + 10000);
      servers.push(
        await startPrivateRedis(opts.serverBinary, {
          port,
          args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000'],
        }),
      );
      ports.push(port);
    }
    const addresses = ports.map((p) => `127.0.0.1:${p}`);
    await run(opts.cliBinary, ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: 60_000,
    });
    const deadline = Date.now() + 30_000;
    for (const port of ports) {
      while (!(await clusterOk(port))) {
        if (Date.now() > deadline) throw new Error(`cluster node ${port} did not reach cluster_state:ok`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return { nodes: addresses.join(','), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
