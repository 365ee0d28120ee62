/** Stored account scores (likelihood, level, action, factors): written after a recompute, read for the API, ranked by likelihood. */
import type { Redis } from 'ioredis';
import { AccountView, type AccountBrief, type AccountList, type AccountListQuery } from '../../contracts/accounts.js';
import { invalidRequest } from '../../errors.js';
import { levelRange, type Thresholds } from './account-model.js';
import { accountHash, type KeySpace } from './redis-keys.js';
import { getMany, slotPipeline } from '../../redis/slot-pipeline.js';

export const UNKNOWN_ACCOUNT: AccountBrief = { likelihood: 0, level: 'low', action: 'allow', updated_at: null };

export class AccountScores {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  async save(h: string, view: AccountView): Promise<void> {
    const k = this.keys.account(h);
    // The state (in the account's slot) and the rank entry (one key for all accounts) are two slots on
    // a cluster, so not one transaction: every recompute writes both again.
    const replies = await slotPipeline(this.redis)
      .set(k.state, JSON.stringify(view), 'PX', 30 * 86_400_000)
      .zadd(this.keys.rank, view.likelihood, h)
      .exec();
    for (const [err] of replies ?? []) if (err) throw err;
  }

  private parse(raw: string | null): AccountView | undefined {
    if (raw === null) return undefined;
    const result = AccountView.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  }

  async get(accountId: string): Promise<AccountView | undefined> {
    return this.parse(await this.redis.get(this.keys.account(accountHash(accountId)).state));
  }

  /** Current stored verdicts for several accounts; unknown accounts read as likelihood 0 / low / allow. */
  async briefs(accountIds: readonly string[]): Promise<AccountBrief[]> {
    if (accountIds.length === 0) return [];
    const raws = await getMany(
      this.redis,
      accountIds.map((id) => this.keys.account(accountHash(id)).state),
    );
    return raws.map((raw) => {
      const v = this.parse(raw);
      return v === undefined
        ? UNKNOWN_ACCOUNT
        : { likelihood: v.likelihood, level: v.level, action: v.action, updated_at: v.updated_at };
    });
  }

  /**
   * Accounts by likelihood, highest first. The cursor is the last row's (likelihood, hash); equal
   * likelihoods are ordered by hash, so pages neither repeat nor skip rows.
   */
  async list(query: AccountListQuery, thresholds: Thresholds): Promise<AccountList> {
    let min = query.min_likelihood ?? 0;
    let max = Number.POSITIVE_INFINITY;
    if (query.level !== undefined) {
      const [lo, hi] = levelRange(query.level, thresholds);
      min = Math.max(min, lo);
      max = hi;
    }
    let after: { score: number; member: string } | undefined;
    if (query.cursor !== undefined) after = decodeCursor(query.cursor);
    const top = after !== undefined ? String(after.score) : max === Number.POSITIVE_INFINITY ? '+inf' : `(${max}`;
    const rows: { h: string; score: number }[] = [];
    let offset = 0;
    const page = query.limit + 1;
    while (rows.length < page) {
      const raw = await this.redis.zrevrangebyscore(this.keys.rank, top, min, 'WITHSCORES', 'LIMIT', offset, page * 2);
      if (raw.length === 0) break;
      offset += raw.length / 2;
      for (let i = 0; i + 1 < raw.length; i += 2) {
        const h = raw[i]!;
        const score = Number(raw[i + 1]);
        // ZREVRANGEBYSCORE orders equal scores by member descending.
        if (after !== undefined && score === after.score && h >= after.member) continue;
        rows.push({ h, score });
      }
    }
    const pageRows = rows.slice(0, query.limit);
    const states =
      pageRows.length === 0
        ? []
        : await getMany(
            this.redis,
            pageRows.map((r) => this.keys.account(r.h).state),
          );
    const accounts = states.map((raw) => this.parse(raw)).filter((v): v is AccountView => v !== undefined);
    const last = pageRows.at(-1);
    const next =
      rows.length > query.limit && last !== undefined ? encodeCursor({ score: last.score, member: last.h }) : null;
    return { accounts, next_cursor: next };
  }
}

function encodeCursor(c: { score: number; member: string }): string {
  return Buffer.from(JSON.stringify([c.score, c.member])).toString('base64url');
}

function decodeCursor(cursor: string): { score: number; member: string } {
  try {
    const [score, member] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof score === 'number' && typeof member === 'string' && /^[0-9a-f]{32}$/.test(member))
      return { score, member };
  } catch {
    // fall through
  }
  throw invalidRequest('Invalid cursor.', [{ path: 'cursor', message: 'not a cursor returned by this API' }]);
}
