/**
 * An account's identifiers (IPs, payment fingerprints, user agents, organisations) over the last
 * 7 UTC days, from the account graph's day counters (features/clusters/graph-store.ts:
 * `p:cg:d:{day:s}:h` fields `i:<kind>:<value hash>`, raw values in `p:cg:val:{day:s}`), with
 * how many other accounts carry each value according to the identifier census. Read-only;
 * a few round trips whatever the number of accounts.
 */
import type { Redis } from 'ioredis';
import type { IdentifierKind } from '../../contracts/clusters.js';
import type { AccountIdentifier, AccountIdentifiers } from '../../contracts/dashboard.js';
import { accountHash } from '../aggregate/redis-keys.js';
import { DAY_MS } from '../aggregate/summary.js';
import { KIND_OF_CODE } from '../clusters/graph-fields.js';
import { graphKeys, graphShard } from '../clusters/graph-store.js';
import { slotPipeline } from '../../redis/slot-pipeline.js';
import type { IdentifierCensus } from './identifier-census.js';

export async function readAccountIdentifiers(
  deps: { redis: Redis; prefix: string; census: IdentifierCensus; now?: () => number; days?: number },
  accountId: string,
): Promise<AccountIdentifiers> {
  const now = (deps.now ?? Date.now)();
  const lastDay = Math.floor(now / DAY_MS);
  const days = Array.from({ length: deps.days ?? 7 }, (_, i) => lastDay - i);
  const keys = graphKeys(deps.prefix);
  const self = accountHash(accountId);

  const own = slotPipeline(deps.redis);
  for (const day of days) own.hgetall(keys.day(day, self));
  const ownReplies = (await own.exec()) ?? [];
  const perDay = new Map<number, string[]>();
  const requests = new Map<string, number>();
  days.forEach((day, i) => {
    const [err, raw] = ownReplies[i] ?? [null, {}];
    if (err) throw err;
    const fields = Object.entries(raw as Record<string, string>).filter(([f]) => f.startsWith('i:'));
    if (fields.length === 0) return;
    perDay.set(
      day,
      fields.map(([f]) => f),
    );
    for (const [f, n] of fields) requests.set(f, (requests.get(f) ?? 0) + Number(n));
  });

  const activeDays = [...perDay.keys()];
  const values = slotPipeline(deps.redis);
  for (const day of activeDays)
    values.hmget(keys.values(day, graphShard(self)), ...perDay.get(day)!.map((f) => f.slice(f.lastIndexOf(':') + 1)));
  const fields = [...requests.keys()];
  const [valueReplies, census] = await Promise.all([
    activeDays.length === 0 ? Promise.resolve([]) : values.exec().then((r) => r ?? []),
    fields.length === 0
      ? Promise.resolve({ countedAt: null, counts: [] })
      : deps.census.lookup(fields.map((f) => f.slice(2))),
  ]);
  const rawValue = new Map<string, string>();
  activeDays.forEach((day, i) => {
    const [err, list] = valueReplies[i] ?? [null, []];
    if (err) throw err;
    perDay.get(day)!.forEach((f, k) => {
      const v = (list as (string | null)[])[k];
      if (v !== null && v !== undefined && !rawValue.has(f)) rawValue.set(f, v);
    });
  });

  const identifiers: AccountIdentifier[] = fields
    .map((field, i) => {
      const code = field.slice(2, field.lastIndexOf(':'));
      const accounts = census.counts[i] ?? null;
      return {
        kind: (KIND_OF_CODE[code] ?? 'ip') as IdentifierKind,
        value: rawValue.get(field) ?? field.slice(field.lastIndexOf(':') + 1),
        requests: requests.get(field)!,
        // The census counted this account too.
        other_accounts: accounts === null ? null : Math.max(0, accounts - 1),
      };
    })
    .sort(
      (a, b) => b.requests - a.requests || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.value < b.value ? -1 : 1),
    );
  return {
    account_id: accountId,
    from: days.at(-1)! * DAY_MS,
    to: (lastDay + 1) * DAY_MS,
    identifiers,
    counted_at: census.countedAt === null ? null : new Date(census.countedAt).toISOString(),
  };
}
