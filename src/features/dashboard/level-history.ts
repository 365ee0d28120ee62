/**
 * Accounts per level over time. A snapshot counts the ranked accounts in each level's likelihood
 * range (four ZCOUNTs on the rank set) and is kept in a sorted set scored by time. Snapshots are
 * taken at most once per interval across all processes (a Redis lock of one interval), by the
 * account workers (background.ts) and whenever the overview is read.
 *
 *   {p}:dash:levels        sorted set: score = snapshot time, member = JSON LevelSnapshot
 *   {p}:dash:levels:lock   present while the current interval already has a snapshot
 */
import type { Redis } from 'ioredis';
import { LEVELS } from '../../contracts/accounts.js';
import type { LevelCounts, LevelSnapshot } from '../../contracts/dashboard.js';
import { levelRange, type Thresholds } from '../aggregate/account-model.js';
import { keySpace } from '../aggregate/redis-keys.js';

export interface LevelHistoryOptions {
  redis: Redis;
  prefix: string;
  thresholds: Thresholds;
  now?: () => number;
  /** Shortest time between two snapshots. */
  intervalMs?: number;
  /** Snapshots older than this are dropped. */
  keepMs?: number;
}

export interface LevelHistory {
  /** Accounts per level right now. */
  counts(): Promise<LevelCounts>;
  /** Records a snapshot unless one was recorded less than an interval ago; returns whether it did. */
  sample(): Promise<boolean>;
  /** Snapshots since `from` (ms), oldest first. */
  read(from: number): Promise<LevelSnapshot[]>;
}

export const DEFAULT_SAMPLE_INTERVAL_MS = 60_000;
const DEFAULT_KEEP_MS = 7 * 86_400_000;

export function createLevelHistory(opts: LevelHistoryOptions): LevelHistory {
  const now = opts.now ?? Date.now;
  const intervalMs = opts.intervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS;
  const keepMs = opts.keepMs ?? DEFAULT_KEEP_MS;
  const rank = keySpace(opts.prefix).rank;
  const key = `${opts.prefix}:dash:levels`;
  const lock = `${key}:lock`;

  const counts = async (): Promise<LevelCounts> => {
    const p = opts.redis.pipeline();
    for (const level of LEVELS) {
      const [lo, hi] = levelRange(level, opts.thresholds);
      p.zcount(rank, lo, hi === Number.POSITIVE_INFINITY ? '+inf' : `(${hi}`);
    }
    const replies = (await p.exec()) ?? [];
    const out = {} as LevelCounts;
    LEVELS.forEach((level, i) => {
      const [err, value] = replies[i] ?? [new Error('missing reply'), 0];
      if (err) throw err;
      out[level] = Number(value);
    });
    return out;
  };

  return {
    counts,
    async sample() {
      const t = now();
      if ((await opts.redis.set(lock, String(t), 'PX', intervalMs, 'NX')) === null) return false;
      const snapshot: LevelSnapshot = { t, ...(await counts()) };
      await opts.redis
        .multi()
        .zadd(key, t, JSON.stringify(snapshot))
        .zremrangebyscore(key, '-inf', `(${t - keepMs}`)
        .pexpire(key, keepMs)
        .exec();
      return true;
    },
    async read(from) {
      const raw = await opts.redis.zrangebyscore(key, from, '+inf');
      return raw.map((member) => JSON.parse(member) as LevelSnapshot);
    },
  };
}
