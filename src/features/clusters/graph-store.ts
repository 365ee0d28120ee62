/**
 * The account graph's state in Redis: each applied event increments its account's counters for
 * that UTC day (graph-fields.ts), so the cluster job can rebuild account nodes for any recent
 * window without keeping events.
 *
 *   {p}:cg:d:{day}:{h}     hash: counter fields of account h on that day, plus `id` (the raw account id)
 *   {p}:cg:day:{day}       set: account hashes active that day
 *   {p}:cg:val:{day}       hash: identifier value hash → raw value (for readable evidence)
 *
 * Keys expire `retentionDays` after their day ends. Account ids enter keys only as hashes.
 */
import type { Redis } from 'ioredis';
import type { AccountEventJob } from '../../contracts/events.js';
import { accountHash } from '../aggregate/redis-keys.js';
import { DAY_MS } from '../aggregate/summary.js';
import { addField, emptyNode, type AccountNode } from './account-node.js';
import { createValueHasher, eventFields } from './graph-fields.js';

export interface GraphKeys {
  day(day: number, h: string): string;
  active(day: number): string;
  values(day: number): string;
}

export const graphKeys = (prefix: string): GraphKeys => ({
  day: (day, h) => `${prefix}:cg:d:${day}:${h}`,
  active: (day) => `${prefix}:cg:day:${day}`,
  values: (day) => `${prefix}:cg:val:${day}`,
});

export interface GraphStoreOptions {
  redis: Redis;
  prefix: string;
  now: () => number;
  /** Days a day's counters are kept after it ends (≥ the longest analysis window). */
  retentionDays?: number;
}

export class ClusterGraphStore {
  readonly keys: GraphKeys;
  private readonly hash = createValueHasher();

  constructor(private readonly opts: GraphStoreOptions) {
    this.keys = graphKeys(opts.prefix);
  }

  /** Adds applied events to their accounts' day counters (one pipeline). Call once per newly counted request. */
  async record(jobs: readonly AccountEventJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const now = this.opts.now();
    const retention = (this.opts.retentionDays ?? 8) * DAY_MS;
    const p = this.opts.redis.pipeline();
    for (const job of jobs) {
      const day = Math.floor(job.ts / DAY_MS);
      const ttl = (day + 1) * DAY_MS + retention - now;
      if (ttl <= 0) continue;
      const h = accountHash(job.account_id);
      const key = this.keys.day(day, h);
      const { fields, values } = eventFields(job, this.hash);
      for (const f of fields) p.hincrby(key, f, 1);
      p.hset(key, 'id', job.account_id);
      p.pexpire(key, ttl);
      p.sadd(this.keys.active(day), h);
      p.pexpire(this.keys.active(day), ttl);
      for (const [vh, raw] of values) p.hsetnx(this.keys.values(day), vh, raw);
      p.pexpire(this.keys.values(day), ttl);
    }
    const replies = (await p.exec()) ?? [];
    for (const [err] of replies) if (err) throw err;
  }

  /**
   * Account nodes over [from, to) (whole UTC days), without risk, with their account hashes and
   * the raw identifier values. Reads in pages so memory stays bounded by the window's accounts.
   */
  async readWindow(from: number, to: number, pageSize = 500): Promise<{ nodes: AccountNode[]; hashes: Map<string, string>; values: Map<string, string> }> {
    const redis = this.opts.redis;
    const days: number[] = [];
    for (let d = Math.floor(from / DAY_MS); d <= Math.floor((to - 1) / DAY_MS); d++) days.push(d);
    const accounts = new Set<string>();
    for (const day of days) {
      let cursor = '0';
      do {
        const [next, members] = await redis.sscan(this.keys.active(day), cursor, 'COUNT', 2000);
        cursor = next;
        for (const h of members) accounts.add(h);
      } while (cursor !== '0');
    }
    const sorted = [...accounts].sort();
    const nodes: AccountNode[] = [];
    const hashes = new Map<string, string>();
    for (let i = 0; i < sorted.length; i += pageSize) {
      const page = sorted.slice(i, i + pageSize);
      const p = redis.pipeline();
      for (const h of page) for (const day of days) p.hgetall(this.keys.day(day, h));
      const replies = (await p.exec()) ?? [];
      page.forEach((h, k) => {
        let node: AccountNode | undefined;
        for (let d = 0; d < days.length; d++) {
          const [err, raw] = replies[k * days.length + d] ?? [null, {}];
          if (err) throw err;
          const fields = raw as Record<string, string>;
          if (fields.id === undefined) continue;
          node ??= emptyNode(fields.id);
          for (const [f, v] of Object.entries(fields)) if (f !== 'id') addField(node, f, Number(v));
        }
        if (node !== undefined) {
          nodes.push(node);
          hashes.set(node.id, h);
        }
      });
    }
    const values = new Map<string, string>();
    for (const day of days) {
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(this.keys.values(day), cursor, 'COUNT', 2000);
        cursor = next;
        for (let i = 0; i + 1 < flat.length; i += 2) if (!values.has(flat[i]!)) values.set(flat[i]!, flat[i + 1]!);
      } while (cursor !== '0');
    }
    return { nodes, hashes, values };
  }
}

/** Wraps the event applier: every newly counted request is also added to the account graph. */
export function withGraphRecording<O extends { duplicate: boolean }>(
  apply: (job: AccountEventJob) => Promise<O>,
  graph: ClusterGraphStore,
  maxBatch = 500,
): (job: AccountEventJob) => Promise<O> {
  let pending: { job: AccountEventJob; resolve(): void; reject(err: unknown): void }[] = [];
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    for (let i = 0; i < batch.length; i += maxBatch) {
      const part = batch.slice(i, i + maxBatch);
      try {
        await graph.record(part.map((p) => p.job));
        for (const p of part) p.resolve();
      } catch (err) {
        for (const p of part) p.reject(err);
      }
    }
  };
  const record = (job: AccountEventJob) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ job, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });
  return async (job) => {
    const outcome = await apply(job);
    if (!outcome.duplicate) await record(job);
    return outcome;
  };
}
