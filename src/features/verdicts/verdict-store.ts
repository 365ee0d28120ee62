/**
 * Analysts' verdicts on accounts. Every verdict is kept (newest first); the latest is the one in
 * force. Each stored verdict also keeps the account's prompt samples as they were when it was
 * given, so the prompts it was based on stay available for training after the samples expire.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { AccountSamples, Verdict, type VerdictHistory, type VerdictKind } from '../../contracts/verdicts.js';
import { accountHash } from '../aggregate/redis-keys.js';
import { feedbackKeys, type FeedbackKeys } from './keys.js';
import type { PromptSamples } from './prompt-samples.js';
import { slotPipeline } from '../../redis/slot-pipeline.js';

/** A verdict as stored: the public record plus the samples it was given on. */
export const StoredVerdict = Verdict.extend({ samples: AccountSamples });
export type StoredVerdict = z.infer<typeof StoredVerdict>;

export interface NewVerdict {
  accountId: string;
  verdict: VerdictKind;
  analyst: string;
  note?: string | undefined;
}

const publicPart = ({ samples: _samples, ...verdict }: StoredVerdict): Verdict => verdict;

export class VerdictStore {
  private readonly keys: FeedbackKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly samples: PromptSamples,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = feedbackKeys(prefix);
  }

  async record(input: NewVerdict): Promise<Verdict> {
    const stored: StoredVerdict = {
      account_id: input.accountId,
      verdict: input.verdict,
      analyst: input.analyst,
      note: input.note ?? null,
      at: new Date(this.now()).toISOString(),
      samples: await this.samples.read(input.accountId),
    };
    const key = this.keys.verdicts(input.accountId);
    // Two slots on a cluster (the account's list and the index of accounts): pipelined, not one transaction.
    const results = await slotPipeline(this.redis)
      .lpush(key, JSON.stringify(stored))
      .hset(this.keys.verdictAccounts, accountHash(input.accountId), input.accountId)
      .exec();
    for (const [err] of results ?? []) if (err) throw err;
    return publicPart(stored);
  }

  /** Every stored verdict on an account, newest first. */
  async stored(accountId: string): Promise<StoredVerdict[]> {
    const raw = await this.redis.lrange(this.keys.verdicts(accountId), 0, -1);
    return raw.flatMap((item) => {
      const parsed = StoredVerdict.safeParse(JSON.parse(item));
      return parsed.success ? [parsed.data] : [];
    });
  }

  async history(accountId: string): Promise<VerdictHistory> {
    const history = (await this.stored(accountId)).map(publicPart);
    return { account_id: accountId, latest: history[0] ?? null, history };
  }

  /** The verdict in force on an account, or null. */
  async latest(accountId: string): Promise<Verdict | null> {
    const raw = await this.redis.lindex(this.keys.verdicts(accountId), 0);
    if (raw === null) return null;
    const parsed = StoredVerdict.safeParse(JSON.parse(raw));
    return parsed.success ? publicPart(parsed.data) : null;
  }

  /** Ids of every account with at least one verdict, sorted. */
  async accounts(): Promise<string[]> {
    return (await this.redis.hvals(this.keys.verdictAccounts)).sort();
  }
}
