/**
 * Per-account identifier resolution for campaign strategies (shared, rotated, per_account, mixed), as
 * the blind rounds draw it.
 */
import type { Rng } from './rng.js';
import type { IdStrategy } from './campaign-params.js';

export type Plain = Exclude<IdStrategy, 'mixed'>;

/** 'mixed' resolves per account (or per pool) to one of the plain strategies. */
export function resolveStrategy(rng: Rng, s: IdStrategy): Plain {
  return s === 'mixed' ? rng.pick(['shared', 'rotated', 'per_account'] as const) : s;
}

/**
 * One identifier kind for one account, following a plain strategy:
 *  shared: one of a few campaign-wide values; rotated: every request (or the account's small set) from a
 *  larger pool; per_account: a value owned by the account (rarely a second one).
 */
export function identFor<T>(
  acct: Rng,
  mode: Plain,
  shared: readonly T[],
  pool: readonly T[],
  fresh: () => T,
  perRequest: boolean,
): (r: Rng) => T {
  if (mode === 'shared') {
    const mine = acct.sample(shared, acct.int(1, Math.min(2, shared.length)));
    return (r) => r.pick(mine);
  }
  if (mode === 'per_account') {
    const own = fresh();
    const second = acct.chance(0.15) ? fresh() : own;
    return (r) => (r.chance(0.1) ? second : own);
  }
  if (perRequest) return (r) => r.pick(pool);
  const mine = acct.sample(pool, acct.int(1, 3));
  return (r) => r.pick(mine);
}
