/**
 * Results of the latest cluster pass in Redis, replaced as a whole by each pass.
 *
 *   p:cl:{cl}:c:{cluster id}    JSON of the cluster
 *   p:cl:{cl}:rank              sorted set: cluster id by score
 *   p:cl:{cl}:members           hash: account hash → cluster id
 *   p:cl:{cl}:run               hash: generated_at, clusters, accounts, ms of the latest pass
 *   p:cl:{cl}:lock              held while a pass runs (one pass at a time across workers)
 *
 * `{cl}` is the Redis Cluster hash tag of the group: the replacing transaction and the reads span it.
 */
import type { Redis } from 'ioredis';
import { Cluster, type ClusterList, type ClusterListQuery, type ClusterMembership } from '../../contracts/clusters.js';
import { accountHash } from '../aggregate/redis-keys.js';
import { hashTag } from '../../redis/key-slot.js';

const CLUSTER_TTL_MS = 7 * 86_400_000;

export interface ClusterKeys {
  cluster(id: string): string;
  rank: string;
  members: string;
  run: string;
  lock: string;
}

export const clusterKeys = (prefix: string): ClusterKeys => {
  const g = `${prefix}:cl:${hashTag('cl')}`;
  return {
    cluster: (id) => `${g}:c:${id}`,
    rank: `${g}:rank`,
    members: `${g}:members`,
    run: `${g}:run`,
    lock: `${g}:lock`,
  };
};

/** One line of evidence for an account's top factor: the strongest ties of its cluster. */
export function membershipSummary(c: Cluster): string {
  const parts: string[] = [];
  const ids = c.evidence.filter((e) => e.kind === 'shared_identifier').slice(0, 2);
  for (const e of ids) parts.push(`${e.identifier?.replace('_', ' ')} shared by ${e.accounts}`);
  if (c.evidence.some((e) => e.kind === 'template_overlap')) parts.push('same prompt templates');
  const co = c.evidence.find((e) => e.kind === 'co_activity');
  if (co !== undefined) parts.push(`active together (${co.window} slots, ${co.pairs} pairs)`);
  return parts.length === 0 ? 'tied by behaviour' : parts.join(', ');
}

/** What an account's scoring takes from its cluster. */
export const membershipOf = (c: Cluster): ClusterMembership => ({
  cluster_id: c.cluster_id,
  score: c.score,
  size: c.size,
  summary: membershipSummary(c),
  coordination: c.coordination,
  link_pattern: c.link.pattern,
  pooled: c.pooled,
});

export class ClusterStore {
  readonly keys: ClusterKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = clusterKeys(prefix);
  }

  /**
   * Replaces the stored result with `clusters`. Returns the account hashes whose membership or
   * cluster score changed (they need a recompute).
   */
  async replace(
    clusters: readonly Cluster[],
    meta: { generatedAt: string; accounts: number; ms: number },
  ): Promise<string[]> {
    const redis = this.redis;
    const before = await redis.hgetall(this.keys.members);
    const oldIds = await redis.zrange(this.keys.rank, '0', '-1', 'WITHSCORES');
    const oldScore = new Map<string, number>();
    for (let i = 0; i + 1 < oldIds.length; i += 2) oldScore.set(oldIds[i]!, Number(oldIds[i + 1]));
    const after = new Map<string, string>();
    const tmpRank = `${this.keys.rank}:next`;
    const tmpMembers = `${this.keys.members}:next`;
    const p = redis.multi();
    p.del(tmpRank, tmpMembers);
    for (const c of clusters) {
      p.set(this.keys.cluster(c.cluster_id), JSON.stringify(c), 'PX', CLUSTER_TTL_MS);
      p.zadd(tmpRank, String(c.score), c.cluster_id);
      const flat: string[] = [];
      for (const m of c.members) {
        const h = accountHash(m);
        after.set(h, c.cluster_id);
        flat.push(h, c.cluster_id);
      }
      for (let i = 0; i < flat.length; i += 1000) p.hset(tmpMembers, ...flat.slice(i, i + 1000));
    }
    if (clusters.length > 0) p.rename(tmpRank, this.keys.rank).rename(tmpMembers, this.keys.members);
    else p.del(this.keys.rank, this.keys.members);
    const newIds = new Set(clusters.map((c) => c.cluster_id));
    for (const id of oldScore.keys()) if (!newIds.has(id)) p.del(this.keys.cluster(id));
    p.hset(this.keys.run, {
      generated_at: meta.generatedAt,
      clusters: clusters.length,
      accounts: meta.accounts,
      ms: meta.ms,
    });
    const replies = (await p.exec()) ?? [];
    for (const [err] of replies) if (err) throw err;
    const newScore = new Map(clusters.map((c) => [c.cluster_id, c.score]));
    const changed = new Set<string>();
    for (const [h, id] of Object.entries(before))
      if (after.get(h) !== id || oldScore.get(id) !== newScore.get(id)) changed.add(h);
    for (const [h, id] of after) if (before[h] !== id) changed.add(h);
    return [...changed].sort();
  }

  async get(id: string): Promise<Cluster | undefined> {
    const raw = await this.redis.get(this.keys.cluster(id));
    if (raw === null) return undefined;
    const parsed = Cluster.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  async list(query: ClusterListQuery): Promise<ClusterList> {
    const ids = await this.redis.zrevrangebyscore(this.keys.rank, '+inf', query.min_score, 'LIMIT', 0, query.limit);
    const raws = ids.length === 0 ? [] : await this.redis.mget(...ids.map((id) => this.keys.cluster(id)));
    const clusters: Cluster[] = [];
    for (const raw of raws) {
      if (raw === null) continue;
      const parsed = Cluster.safeParse(JSON.parse(raw));
      if (parsed.success) clusters.push(parsed.data);
    }
    // The pass's order: score descending, then id (Redis orders equal scores by member descending).
    clusters.sort((a, b) => b.score - a.score || (a.cluster_id < b.cluster_id ? -1 : 1));
    const generatedAt = await this.redis.hget(this.keys.run, 'generated_at');
    return { clusters, generated_at: generatedAt };
  }

  /** The cluster of an account (by account hash), if it is in one. */
  async membership(h: string): Promise<ClusterMembership | undefined> {
    const id = await this.redis.hget(this.keys.members, h);
    if (id === null) return undefined;
    const c = await this.get(id);
    if (c === undefined) return undefined;
    return membershipOf(c);
  }

  /** Takes the pass lock for `ttlMs`; false when another pass holds it. */
  async lock(token: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.keys.lock, token, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async unlock(token: string): Promise<void> {
    await this.redis.eval(
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
      1,
      this.keys.lock,
      token,
    );
  }
}
