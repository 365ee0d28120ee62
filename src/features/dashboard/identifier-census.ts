/**
 * How many accounts carry each identifier value (IP, payment fingerprint, user agent,
 * organisation) over the last 7 days, counted from the account graph's day counters
 * (features/clusters/graph-store.ts) once per cluster pass, so an account page looks its values
 * up in O(values) instead of comparing itself with every active account.
 *
 *   p:dash:{idpop}        hash: `<kind code>:<value hash>` → accounts; `@counted_at`, `@accounts`, `@pass`
 *   p:dash:{idpop}:lock   held while one process counts (at most one census per `minIntervalMs`)
 *
 * A census runs when the latest cluster pass (`{p}:cl:run` generated_at) is newer than the one the
 * stored census followed, or when there is none: by the account workers' tick and, in the
 * background, whenever an account page reads the counts.
 */
import type { Redis } from 'ioredis';
import { clusterKeys } from '../clusters/cluster-store.js';
import { ClusterGraphStore } from '../clusters/graph-store.js';
import { DAY_MS } from '../aggregate/summary.js';
import { hashTag } from '../../redis/key-slot.js';

export interface CensusCounts {
  /** When the counts were taken (ms), or null before the first census. */
  countedAt: number | null;
  /** Accounts per requested field (null: not counted). */
  counts: (number | null)[];
}

export interface IdentifierCensus {
  /** Counts now if a newer cluster pass exists (or no census does); returns whether it counted. */
  refresh(): Promise<boolean>;
  /** Accounts per `<kind code>:<value hash>`; starts a background refresh when one is due. */
  lookup(fields: readonly string[]): Promise<CensusCounts>;
}

const HSET_CHUNK = 2000;

export function createIdentifierCensus(opts: {
  redis: Redis;
  prefix: string;
  now?: () => number;
  windowDays?: number;
  /** Shortest time between two censuses across processes. */
  minIntervalMs?: number;
  onError?: (err: unknown) => void;
}): IdentifierCensus {
  const now = opts.now ?? Date.now;
  // One hash tag for the census and its replacement (RENAME within a slot on Redis Cluster).
  const key = `${opts.prefix}:dash:${hashTag('idpop')}`;
  const lock = `${key}:lock`;
  const runKey = clusterKeys(opts.prefix).run;
  const windowMs = (opts.windowDays ?? 7) * DAY_MS;
  const minIntervalMs = opts.minIntervalMs ?? 30_000;
  const graph = new ClusterGraphStore({ redis: opts.redis, prefix: opts.prefix, now });
  let running: Promise<boolean> | undefined;

  const due = async (): Promise<string | undefined> => {
    const [pass, followed] = await Promise.all([
      opts.redis.hget(runKey, 'generated_at'),
      opts.redis.hget(key, '@pass'),
    ]);
    const current = pass ?? '';
    if (followed !== null && followed === current) return undefined;
    return current;
  };

  const count = async (pass: string): Promise<boolean> => {
    if ((await opts.redis.set(lock, '1', 'PX', minIntervalMs, 'NX')) === null) return false;
    const t = now();
    const { nodes } = await graph.readWindow(t - windowMs, t);
    const accounts = new Map<string, number>();
    for (const node of nodes) for (const field of node.ids.keys()) accounts.set(field, (accounts.get(field) ?? 0) + 1);
    const tmp = `${key}:next:${t}`;
    const entries = [...accounts.entries()];
    for (let i = 0; i < entries.length; i += HSET_CHUNK) {
      await opts.redis.hset(tmp, Object.fromEntries(entries.slice(i, i + HSET_CHUNK)));
    }
    await opts.redis
      .multi()
      .hset(tmp, { '@counted_at': t, '@accounts': nodes.length, '@pass': pass })
      .rename(tmp, key)
      .pexpire(key, 2 * DAY_MS)
      .exec();
    return true;
  };

  const refresh = async (): Promise<boolean> => {
    if (running !== undefined) return running;
    running = (async () => {
      const pass = await due();
      return pass === undefined ? false : count(pass);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    refresh,
    async lookup(fields) {
      const raw = await opts.redis.hmget(key, '@counted_at', ...fields);
      refresh().catch((err: unknown) => opts.onError?.(err));
      const [countedAt, ...counts] = raw;
      return {
        countedAt: countedAt === null || countedAt === undefined ? null : Number(countedAt),
        counts: counts.map((c) => (c === null ? null : Number(c))),
      };
    },
  };
}
