/**
 * The account graph's state in Redis: each applied event increments its account's counters for
 * that UTC day (graph-fields.ts), so the cluster job can rebuild account nodes for any recent
 * window without keeping events.
 *
 *   p:cg:d:{day:s}:h       hash: counter fields of account h on that day, plus `id` (the raw account id)
 *   p:cg:day:{day:s}       set: hashes of the shard's accounts active that day
 *   p:cg:val:{day:s}       hash: identifier value hash → raw value (for readable evidence)
 *   p:cg:m:{day:s}:r       marker: request r is counted (idempotency, expires after hours)
 *
 * `s` is the account's shard, the first hex digit of its hash (GRAPH_SHARDS of them); `{day:s}` is
 * the Redis Cluster hash tag of the group, so the per-event script stays in one slot while a day's
 * graph spreads over 16 slots. Keys expire `retentionDays` after their day ends. Account ids enter
 * keys only as hashes.
 */
import type { ChainableCommander, Redis } from 'ioredis';
import type { AccountEventJob } from '../../contracts/events.js';
import { accountHash, requestHash } from '../aggregate/redis-keys.js';
import { batchManyPerTurn } from '../../util/batch-per-turn.js';
import { hashTag } from '../../redis/key-slot.js';
import { readHashFields } from '../../redis/hash-fields.js';
import { hgetallFlat, slotPipeline } from '../../redis/slot-pipeline.js';
import { DAY_MS } from '../aggregate/summary.js';
import { addField, emptyNode, type AccountNode } from './account-node.js';
import { createValueHasher, eventFields } from './graph-fields.js';
import { RECORD_GRAPH_LUA } from './record-graph.lua.js';

/** The graph's key groups per day: one per first hex digit of the account hash. */
export const GRAPH_SHARDS: readonly string[] = [...'0123456789abcdef'];

/** The shard of an account hash. */
export const graphShard = (h: string): string => h[0]!;

export interface GraphKeys {
  /** Marks a request of account h as counted in the graph (idempotency). */
  marker(day: number, h: string, requestHash: string): string;
  day(day: number, h: string): string;
  active(day: number, shard: string): string;
  values(day: number, shard: string): string;
}

export const graphKeys = (prefix: string): GraphKeys => {
  const group = (day: number, shard: string) => hashTag(`${day}:${shard}`);
  return {
    marker: (day, h, rh) => `${prefix}:cg:m:${group(day, graphShard(h))}:${rh}`,
    day: (day, h) => `${prefix}:cg:d:${group(day, graphShard(h))}:${h}`,
    active: (day, shard) => `${prefix}:cg:day:${group(day, shard)}`,
    values: (day, shard) => `${prefix}:cg:val:${group(day, shard)}`,
  };
};

export interface GraphStoreOptions {
  redis: Redis;
  prefix: string;
  now: () => number;
  /** Days a day's counters are kept after it ends (≥ the longest analysis window). */
  retentionDays?: number;
  /** How long a request stays marked as counted (a retry later than this counts again). */
  markerTtlMs?: number;
}

const SCRIPT = 'dgRecordGraph';
type Scripted = { dgRecordGraph(...args: (string | number)[]): Promise<number> };

export class ClusterGraphStore {
  readonly keys: GraphKeys;
  private readonly hash = createValueHasher();

  constructor(private readonly opts: GraphStoreOptions) {
    this.keys = graphKeys(opts.prefix);
    const redis = opts.redis as Redis & Partial<Scripted>;
    if (typeof redis.dgRecordGraph !== 'function')
      redis.defineCommand(SCRIPT, { numberOfKeys: 4, lua: RECORD_GRAPH_LUA });
  }

  /**
   * Adds requests to their accounts' day counters, each request at most once (a per-request
   * marker inside one atomic script per event, all in one pipeline). Returns how many were new.
   */
  async record(jobs: readonly AccountEventJob[]): Promise<number> {
    if (jobs.length === 0) return 0;
    const now = this.opts.now();
    const retention = (this.opts.retentionDays ?? 8) * DAY_MS;
    const markerTtl = this.opts.markerTtlMs ?? 6 * 3_600_000;
    const p = slotPipeline(this.opts.redis) as ChainableCommander &
      Record<typeof SCRIPT, (...a: (string | number)[]) => unknown>;
    let sent = 0;
    for (const job of jobs) {
      const day = Math.floor(job.ts / DAY_MS);
      const ttl = Math.floor((day + 1) * DAY_MS + retention - now);
      if (ttl <= 0) continue;
      const h = accountHash(job.account_id);
      const { counters, identifiers } = eventFields(job, this.hash);
      p[SCRIPT](
        this.keys.marker(day, h, requestHash(job.request_id)),
        this.keys.day(day, h),
        this.keys.active(day, graphShard(h)),
        this.keys.values(day, graphShard(h)),
        markerTtl,
        ttl,
        h,
        job.account_id,
        counters.length,
        ...counters,
        ...identifiers.flat(),
      );
      sent++;
    }
    if (sent === 0) return 0;
    const replies = (await p.exec()) ?? [];
    let counted = 0;
    for (const [err, value] of replies) {
      if (err) throw err;
      if (value === 1) counted++;
    }
    return counted;
  }

  /**
   * Account nodes over [from, to) (whole UTC days), without risk, with their account hashes and
   * the raw identifier values. Reads in pages so memory stays bounded by the window's accounts.
   */
  async readWindow(
    from: number,
    to: number,
    pageSize = 500,
  ): Promise<{ nodes: AccountNode[]; hashes: Map<string, string>; values: Map<string, string> }> {
    return { ...(await this.readNodes(from, to, GRAPH_SHARDS, pageSize)), values: await this.readValues(from, to) };
  }

  /** The account nodes of some shards over [from, to) (whole UTC days), without risk, with their account hashes. */
  async readNodes(
    from: number,
    to: number,
    shards: readonly string[],
    pageSize = 500,
  ): Promise<{ nodes: AccountNode[]; hashes: Map<string, string> }> {
    const redis = this.opts.redis;
    const days = windowDays(from, to);
    const accounts = new Set<string>();
    for (const day of days)
      for (const shard of shards) {
        let cursor = '0';
        do {
          const [next, members] = await redis.sscan(this.keys.active(day, shard), cursor, 'COUNT', 2000);
          cursor = next;
          for (const h of members) accounts.add(h);
        } while (cursor !== '0');
      }
    const sorted = [...accounts].sort();
    const nodes: AccountNode[] = [];
    const hashes = new Map<string, string>();
    for (let i = 0; i < sorted.length; i += pageSize) {
      const page = sorted.slice(i, i + pageSize);
      const p = slotPipeline(redis);
      for (const h of page) for (const day of days) hgetallFlat(p, this.keys.day(day, h));
      const replies = (await p.exec()) ?? [];
      page.forEach((h, k) => {
        let node: AccountNode | undefined;
        for (let d = 0; d < days.length; d++) {
          const [err, raw] = replies[k * days.length + d] ?? [null, []];
          if (err) throw err;
          const flat = raw as string[];
          let id: string | undefined;
          for (let i = 0; i + 1 < flat.length && id === undefined; i += 2) if (flat[i] === 'id') id = flat[i + 1];
          if (id === undefined) continue;
          node ??= emptyNode(id);
          for (let i = 0; i + 1 < flat.length; i += 2)
            if (flat[i] !== 'id') addField(node, flat[i]!, Number(flat[i + 1]));
        }
        if (node !== undefined) {
          nodes.push(node);
          hashes.set(node.id, h);
        }
      });
    }
    return { nodes, hashes };
  }

  /** The raw values of some identifier value hashes, by the graph shard of the accounts that used them, over [from, to). */
  async readValuesOf(
    from: number,
    to: number,
    wanted: ReadonlyMap<string, readonly string[]>,
  ): Promise<Map<string, string>> {
    const byHash = new Map<string, readonly string[]>();
    for (const day of windowDays(from, to))
      for (const [shard, hashes] of wanted) byHash.set(this.keys.values(day, shard), hashes);
    return readHashFields(this.opts.redis, byHash);
  }

  /** The raw identifier values (value hash → value) recorded over [from, to). */
  async readValues(from: number, to: number): Promise<Map<string, string>> {
    const redis = this.opts.redis;
    const values = new Map<string, string>();
    for (const day of windowDays(from, to))
      for (const shard of GRAPH_SHARDS) {
        let cursor = '0';
        do {
          const [next, flat] = await redis.hscan(this.keys.values(day, shard), cursor, 'COUNT', 2000);
          cursor = next;
          for (let i = 0; i + 1 < flat.length; i += 2) if (!values.has(flat[i]!)) values.set(flat[i]!, flat[i + 1]!);
        } while (cursor !== '0');
      }
    return values;
  }
}

function windowDays(from: number, to: number): number[] {
  const days: number[] = [];
  for (let d = Math.floor(from / DAY_MS); d <= Math.floor((to - 1) / DAY_MS); d++) days.push(d);
  return days;
}

/**
 * Adds requests to the account graph, the requests of one event-loop turn in one pipeline (the
 * graph has its own per-request marker, so a retried job counts once).
 */
export function createGraphRecorder(
  graph: ClusterGraphStore,
  maxEvents = 500,
): (events: readonly AccountEventJob[]) => Promise<void> {
  const record = batchManyPerTurn(async (events: AccountEventJob[]) => {
    await graph.record(events);
  }, maxEvents);
  return async (events) => {
    await record(events);
  };
}
