/**
 * Pipelines that may mix hash slots. On a single Redis `slotPipeline(redis)` is `redis.pipeline()`. On
 * Redis Cluster a pipeline goes to one node, so this records the commands, sends one pipeline per
 * node (grouped by the node serving each command's first key, after a script's key count) in parallel, and answers in the
 * order the commands were added. A command's own keys must share a slot (as in any cluster use).
 * Not a transaction: use `redis.multi()` with keys of one hash tag when atomicity matters.
 */
import type { ChainableCommander, Cluster, Redis } from 'ioredis';
import { isCluster } from './cluster.js';
import { keySlot } from './key-slot.js';

type Reply = [error: Error | null, result: unknown];

export function slotPipeline(redis: Redis): ChainableCommander {
  return isCluster(redis) ? nodePipelines(redis as unknown as Cluster) : redis.pipeline();
}

/** GET of many keys: MGET on a single Redis, one GET per key (pipelined by node) on a cluster. */
export async function getMany(redis: Redis, keys: readonly string[]): Promise<(string | null)[]> {
  if (keys.length === 0) return [];
  if (!isCluster(redis)) return redis.mget(...keys);
  const p = slotPipeline(redis);
  for (const k of keys) p.get(k);
  const replies = (await p.exec()) ?? [];
  return replies.map(([err, value]) => {
    if (err) throw err;
    return value as string | null;
  });
}

/**
 * Queues HGETALL of `key` on a pipeline so that its reply stays Redis's flat array
 * `[field, value, field, value, …]`: ioredis turns an `hgetall` reply into an object field by
 * field, which costs more than the read itself on large hashes. (ioredis looks its reply
 * transformers up by the command's name as given, and registers them in lower case.)
 */
export function hgetallFlat(p: ChainableCommander, key: string): ChainableCommander {
  return p.call('HGETALL', key);
}

function nodePipelines(cluster: Cluster): ChainableCommander {
  const calls: { method: string; args: unknown[] }[] = [];
  const exec = async (): Promise<Reply[]> => {
    if (calls.length === 0) return [];
    if (cluster.status !== 'ready') await cluster.connect().catch(() => undefined);
    const groups = new Map<string, number[]>();
    calls.forEach((call, i) => {
      // A script defined without a fixed key count takes the count first, then its keys; `call`
      // takes the command's name first.
      const first = typeof call.args[0] === 'number' || call.method === 'call' ? call.args[1] : call.args[0];
      const slot = typeof first === 'string' || Buffer.isBuffer(first) ? keySlot(first.toString()) : 0;
      const group = cluster.slots[slot]?.join(',') ?? `slot:${slot}`;
      const members = groups.get(group);
      if (members === undefined) groups.set(group, [i]);
      else members.push(i);
    });
    const replies: Reply[] = new Array<Reply>(calls.length);
    await Promise.all(
      [...groups.values()].map(async (indices) => {
        const p = cluster.pipeline() as unknown as Record<string, (...a: unknown[]) => unknown> & ChainableCommander;
        for (const i of indices) p[calls[i]!.method]!(...calls[i]!.args);
        const out = (await p.exec()) ?? [];
        indices.forEach((i, k) => {
          replies[i] = (out[k] as Reply | undefined) ?? [new Error('missing reply'), null];
        });
      }),
    );
    return replies;
  };
  const recorder: ChainableCommander = new Proxy({} as ChainableCommander, {
    get(_target, name) {
      if (name === 'exec') return exec;
      if (name === 'length') return calls.length;
      if (name === 'then') return undefined;
      return (...args: unknown[]) => {
        calls.push({ method: String(name), args });
        return recorder;
      };
    },
  });
  return recorder;
}
