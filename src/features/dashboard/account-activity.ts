/**
 * Activity of several accounts side by side (the cluster heat map): requests per hour from each
 * account's hourly buckets, the times of its most recent requests and its stored score. Three
 * round trips whatever the number of accounts. Read-only.
 */
import type { Redis } from 'ioredis';
import type { AccountActivity, ActivityResponse } from '../../contracts/dashboard.js';
import type { AccountScores } from '../aggregate/account-scores.js';
import { accountHash, keySpace } from '../aggregate/redis-keys.js';
import { HOUR_MS, WINDOW_HOURS } from '../aggregate/summary.js';
import { slotPipeline } from '../../redis/slot-pipeline.js';

export async function readAccountsActivity(
  deps: { redis: Redis; prefix: string; scores: AccountScores; now?: () => number },
  accountIds: readonly string[],
): Promise<ActivityResponse> {
  const now = (deps.now ?? Date.now)();
  const nowHour = Math.floor(now / HOUR_MS);
  const firstHour = nowHour - WINDOW_HOURS.d7;
  const ks = keySpace(deps.prefix);
  const ids = [...new Set(accountIds)];
  const keys = ids.map((id) => ks.account(accountHash(id)));
  const first = slotPipeline(deps.redis);
  for (const k of keys) {
    first.zrangebyscore(k.hours, firstHour, nowHour);
    first.zrangebyscore(k.recent, now - WINDOW_HOURS.d7 * HOUR_MS, '+inf', 'WITHSCORES');
  }
  const [firstReplies, briefs] = await Promise.all([first.exec().then((r) => r ?? []), deps.scores.briefs(ids)]);
  for (const [err] of firstReplies) if (err) throw err;
  const hoursOf = keys.map((_, i) => ((firstReplies[2 * i]?.[1] ?? []) as string[]).map(Number).sort((a, b) => a - b));
  const second = slotPipeline(deps.redis);
  keys.forEach((k, i) => {
    for (const hour of hoursOf[i]!) second.hget(k.bucket(hour), 'n');
  });
  const counts = second.length === 0 ? [] : ((await second.exec()) ?? []);
  let cursor = 0;
  const accounts: AccountActivity[] = ids.map((account_id, i) => {
    const hours: AccountActivity['hours'] = [];
    for (const hour of hoursOf[i]!) {
      const [err, value] = counts[cursor++] ?? [null, null];
      if (err) throw err;
      const n = Number(value ?? 0);
      if (n > 0) hours.push({ t: hour * HOUR_MS, n });
    }
    const raw = (firstReplies[2 * i + 1]?.[1] ?? []) as string[];
    const recent: number[] = [];
    for (let j = 1; j < raw.length; j += 2) recent.push(Number(raw[j]));
    const b = briefs[i]!;
    return { account_id, likelihood: b.likelihood, level: b.level, updated_at: b.updated_at, hours, recent };
  });
  return { from: firstHour * HOUR_MS, to: (nowHour + 1) * HOUR_MS, accounts };
}
