/**
 * Per-account aggregates in Redis: idempotent event application (the per-request Lua script run
 * over a batch of requests in one call, batches pipelined) and reading an account back as the
 * summary the feature computation takes.
 */
import type { Redis } from 'ioredis';
import type { AccountEventJob } from '../../contracts/events.js';
import { ATTACK_LABELS } from '../../labels.js';
import { slotPipeline } from '../../redis/slot-pipeline.js';
import { hashTag, keySlot } from '../../redis/key-slot.js';
import { APPLY_EVENT_LUA } from './apply-event.lua.js';
import { AREAS } from '../../labels.js';
import { isAutomationUserAgent } from './prompt-signals.js';
import { defineBatchScript, queueBatch } from '../../redis/batch-script.js';
import { accountHash, keySpace, requestHash, valueHash, type KeySpace } from './redis-keys.js';
import {
  DAY_MS,
  HOUR_MS,
  RECENT_CAP,
  WINDOW_HOURS,
  emptyBucket,
  emptyLabelCounts,
  type AccountSummary,
  type HourBucket,
} from './summary.js';

export interface AccountAggregatesOptions {
  redis: Redis;
  /** Key prefix; tests use a unique one each. */
  prefix: string;
  /** Wall clock in ms; windows and expiry are measured against it. */
  now: () => number;
  /** How long a counted request id is remembered. */
  dedupTtlMs: number;
  /** Longest delay between an update and the account's recompute. */
  debounceMs: number;
}

export interface ApplyOutcome {
  account: string;
  /** The request was already counted. */
  duplicate: boolean;
  /** This update opened a debounce window: schedule a recompute in `debounceMs`. */
  schedule: boolean;
}

const META_TTL_MS = 30 * DAY_MS;
/** APPLY_EVENT_LUA over a batch of events in one call. */
const SCRIPT = 'dgApplyEvents';
/** Events per script call: bounds how long one call holds Redis (a few ms). */
const EVENTS_PER_CALL = 100;

export class AccountAggregates {
  readonly keys: KeySpace;

  constructor(readonly opts: AccountAggregatesOptions) {
    this.keys = keySpace(opts.prefix);
    defineBatchScript(opts.redis, SCRIPT, APPLY_EVENT_LUA);
  }

  get redis(): Redis {
    return this.opts.redis;
  }

  /** The keys and arguments of APPLY_EVENT_LUA for one event at `now` (`h`: its account hash). */
  scriptCall(
    job: AccountEventJob,
    now: number,
    h = accountHash(job.account_id),
  ): { keys: string[]; args: (string | number)[] } {
    const k = this.keys.account(h);
    const hour = Math.floor(job.ts / HOUR_MS);
    const day = Math.floor(job.ts / DAY_MS);
    const bucketTtl = (hour + 1) * HOUR_MS + WINDOW_HOURS.d7 * HOUR_MS - now;
    const dayTtl = (day + 1) * DAY_MS + 7 * DAY_MS - now;
    const rh = requestHash(job.request_id);
    const keys = [k.request(rh), k.bucket(hour), k.recent, k.ips(day), k.cards(day), k.meta, k.dirty, k.hours];
    const args = [
      this.opts.dedupTtlMs,
      Math.floor(bucketTtl),
      Math.floor(dayTtl),
      job.label,
      job.area,
      isAutomationUserAgent(job.user_agent) ? '1' : '0',
      job.length,
      job.ts,
      `${rh}:${job.signature}`,
      RECENT_CAP,
      now - WINDOW_HOURS.d7 * HOUR_MS,
      valueHash(job.ip),
      valueHash(job.payment_fingerprint),
      job.account_id,
      META_TTL_MS,
      this.opts.debounceMs,
      hour,
      job.created_at ?? '',
      job.signup_path ?? '',
      job.access_path ?? '',
      job.model ?? '',
    ];
    return { keys, args };
  }

  /** Applies labelled events in one pipeline of batched script calls; each request is counted at most once. */
  async apply(jobs: readonly AccountEventJob[]): Promise<ApplyOutcome[]> {
    if (jobs.length === 0) return [];
    const now = this.opts.now();
    // A script call's keys must share one hash slot (Redis Cluster), so a batch holds the events of
    // one slot: in practice one account's run of events. Groups keep the jobs' order.
    const accounts = jobs.map((job) => accountHash(job.account_id));
    const groups = new Map<number, number[]>();
    accounts.forEach((h, i) => {
      const slot = keySlot(hashTag(h));
      const members = groups.get(slot);
      if (members === undefined) groups.set(slot, [i]);
      else members.push(i);
    });
    const pipeline = slotPipeline(this.redis);
    const order: number[] = [];
    for (const members of groups.values())
      for (let i = 0; i < members.length; i += EVENTS_PER_CALL) {
        const part = members.slice(i, i + EVENTS_PER_CALL);
        queueBatch(
          pipeline,
          SCRIPT,
          part.map((j) => this.scriptCall(jobs[j] as AccountEventJob, now, accounts[j])),
        );
        order.push(...part);
      }
    const values: unknown[] = new Array<unknown>(jobs.length);
    let next = 0;
    for (const [err, batch] of (await pipeline.exec()) ?? []) {
      if (err) throw err;
      for (const value of batch as unknown[]) values[order[next++] as number] = value;
    }
    if (next !== jobs.length) throw new Error('missing reply');
    return accounts.map((account, i) => ({
      account,
      duplicate: values[i] === -1,
      schedule: values[i] === 1,
    }));
  }

  /** Reads an account's aggregates as of now; undefined when the account was never seen. */
  async readSummary(h: string): Promise<AccountSummary | undefined> {
    const now = this.opts.now();
    const k = this.keys.account(h);
    const nowHour = Math.floor(now / HOUR_MS);
    const nowDay = Math.floor(now / DAY_MS);
    const days = Array.from({ length: 7 }, (_, i) => nowDay - i);
    const p = this.redis.pipeline();
    p.zrangebyscore(k.hours, nowHour - WINDOW_HOURS.d7, nowHour);
    p.hgetall(k.meta);
    p.zrangebyscore(k.recent, now - WINDOW_HOURS.d7 * HOUR_MS, '+inf', 'WITHSCORES');
    p.pfcount(...days.map((d) => k.ips(d)));
    p.pfcount(...days.map((d) => k.cards(d)));
    const first = (await p.exec()) ?? [];
    for (const [err] of first) if (err) throw err;
    const [hoursReply, ...replies] = first;
    const meta = replies[0]?.[1] as Record<string, string>;
    if (meta.id === undefined) return undefined;
    const recent = replies[1]?.[1] as string[];
    // Only the hours that hold a bucket are read.
    const hours = (hoursReply?.[1] as string[]).map(Number);
    const bp = this.redis.pipeline();
    for (const hour of hours) bp.hgetall(k.bucket(hour));
    const bucketReplies = hours.length === 0 ? [] : ((await bp.exec()) ?? []);
    const buckets = new Map<number, HourBucket>();
    hours.forEach((hour, i) => {
      const [err, value] = bucketReplies[i] ?? [null, {}];
      if (err) throw err;
      const raw = value as Record<string, string>;
      if (raw.n === undefined) return;
      const b = emptyBucket();
      b.n = Number(raw.n);
      b.auto = Number(raw.ua ?? 0);
      b.len = Number(raw.len ?? 0);
      for (const l of ATTACK_LABELS) b.labels[l] = Number(raw[`l:${l}`] ?? 0);
      for (const a of AREAS) b.areas[a] = Number(raw[`c:${a}`] ?? 0);
      buckets.set(hour, b);
    });
    const recentTs: number[] = [];
    const recentSigs: string[] = [];
    for (let i = 0; i + 1 < recent.length; i += 2) {
      recentSigs.push(recent[i]!.split(':')[1] ?? '');
      recentTs.push(Number(recent[i + 1]));
    }
    const labelCounts = emptyLabelCounts();
    for (const l of Object.keys(labelCounts) as (keyof typeof labelCounts)[])
      labelCounts[l] = Number(meta[`l:${l}`] ?? 0);
    const modelFirstUse: Record<string, number> = {};
    for (const [f, v] of Object.entries(meta)) if (f.startsWith('m:')) modelFirstUse[f.slice(2)] = Number(v);
    return {
      accountId: meta.id,
      buckets,
      recentTs,
      recentSigs,
      distinctIps: Number(replies[2]?.[1] ?? 0),
      distinctCards: Number(replies[3]?.[1] ?? 0),
      requests: Number(meta.n ?? 0),
      labelCounts,
      firstSeen: meta.first === undefined ? null : Number(meta.first),
      lastSeen: meta.last === undefined ? null : Number(meta.last),
      gateway: {
        createdAt: meta.ca === undefined ? null : Number(meta.ca),
        signupPath: meta.sp ?? null,
        accessPath: meta.ap ?? null,
        modelFirstUse,
      },
    };
  }
}
