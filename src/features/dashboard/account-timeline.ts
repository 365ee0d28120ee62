/**
 * Requests per hour and label of one account over the last 7 days, read from the account
 * pipeline's hourly buckets (`{p}:acct:{h}:hours` and `{p}:acct:{h}:b:{hour}`). Read-only.
 */
import type { Redis } from 'ioredis';
import type { AccountTimeline, TimelineHour } from '../../contracts/dashboard.js';
import { ATTACK_LABELS } from '../../labels.js';
import { accountHash, keySpace } from '../aggregate/redis-keys.js';
import { HOUR_MS, WINDOW_HOURS } from '../aggregate/summary.js';

export async function readAccountTimeline(
  deps: { redis: Redis; prefix: string; now?: () => number },
  accountId: string,
): Promise<AccountTimeline> {
  const now = (deps.now ?? Date.now)();
  const k = keySpace(deps.prefix).account(accountHash(accountId));
  const nowHour = Math.floor(now / HOUR_MS);
  const firstHour = nowHour - WINDOW_HOURS.d7;
  const hours = (await deps.redis.zrangebyscore(k.hours, firstHour, nowHour)).map(Number).sort((a, b) => a - b);
  const p = deps.redis.pipeline();
  for (const hour of hours) p.hgetall(k.bucket(hour));
  const replies = hours.length === 0 ? [] : ((await p.exec()) ?? []);
  const out: TimelineHour[] = [];
  hours.forEach((hour, i) => {
    const [err, value] = replies[i] ?? [new Error('missing reply'), {}];
    if (err) throw err;
    const raw = value as Record<string, string>;
    const n = Number(raw.n ?? 0);
    if (n === 0) return;
    const row: TimelineHour = {
      t: hour * HOUR_MS,
      n,
      reasoning_trace_extraction: 0,
      rubric_grading: 0,
      censorship_rewrite: 0,
      benign: 0,
    };
    let attacks = 0;
    for (const l of ATTACK_LABELS) {
      row[l] = Number(raw[`l:${l}`] ?? 0);
      attacks += row[l];
    }
    row.benign = Math.max(0, n - attacks);
    out.push(row);
  });
  return { account_id: accountId, from: firstHour * HOUR_MS, to: (nowHour + 1) * HOUR_MS, hours: out };
}
