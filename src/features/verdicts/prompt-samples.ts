/**
 * A bounded sample of each account's prompts per label: the latest few, cut to a fixed length,
 * kept as long as the account state. Analysts read them beside an account's score, and feedback
 * export turns them into training examples once an analyst gives a verdict.
 *
 * Writes are idempotent per request (the same sample is removed before it is pushed again), so a
 * retried job does not duplicate it, and concurrent writes are coalesced into one pipeline.
 */
import type { Redis } from 'ioredis';
import type { AccountEventJob } from '../../contracts/events.js';
import { SAMPLE_MAX_CHARS, SAMPLES_PER_LABEL, PromptSample, type AccountSamples } from '../../contracts/verdicts.js';
import { CLASSES } from '../../labels.js';
import { batchManyPerTurn } from '../../util/batch-per-turn.js';
import { feedbackKeys, type FeedbackKeys } from './keys.js';
import { slotPipeline } from '../../redis/slot-pipeline.js';

/** As long as the stored account score (features/aggregate/account-scores.ts). */
export const SAMPLE_TTL_MS = 30 * 86_400_000;

/** The start of a prompt as carried on the events queue; never splits a surrogate pair. */
export function promptSample(prompt: string, maxChars = SAMPLE_MAX_CHARS): NonNullable<AccountEventJob['sample']> {
  if (prompt.length <= maxChars) return { prompt, truncated: false };
  const code = prompt.charCodeAt(maxChars - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? maxChars - 1 : maxChars;
  return { prompt: prompt.slice(0, end), truncated: true };
}

export class PromptSamples {
  private readonly keys: FeedbackKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly perLabel = SAMPLES_PER_LABEL,
  ) {
    this.keys = feedbackKeys(prefix);
  }

  /** Stores the sample of every job that carries one, in one pipeline. */
  async record(jobs: readonly AccountEventJob[]): Promise<void> {
    const p = slotPipeline(this.redis);
    let n = 0;
    for (const job of jobs) {
      if (job.sample === undefined) continue;
      const sample: PromptSample = {
        request_id: job.request_id,
        label: job.label,
        prompt: job.sample.prompt,
        truncated: job.sample.truncated,
        at: new Date(job.ts).toISOString(),
      };
      const member = JSON.stringify(sample);
      const key = this.keys.samples(job.account_id, job.label);
      p.lrem(key, 0, member)
        .lpush(key, member)
        .ltrim(key, 0, this.perLabel - 1)
        .pexpire(key, SAMPLE_TTL_MS);
      n++;
    }
    if (n === 0) return;
    for (const [err] of (await p.exec()) ?? []) if (err) throw err;
  }

  /** An account's samples per label, newest first (empty lists when none are kept). */
  async read(accountId: string): Promise<AccountSamples> {
    const p = this.redis.pipeline();
    for (const label of CLASSES) p.lrange(this.keys.samples(accountId, label), 0, -1);
    const replies = (await p.exec()) ?? [];
    const out = Object.fromEntries(CLASSES.map((l) => [l, [] as PromptSample[]])) as AccountSamples;
    CLASSES.forEach((label, i) => {
      const [err, raw] = replies[i] ?? [new Error('missing reply'), null];
      if (err) throw err;
      for (const item of raw as string[]) {
        const parsed = PromptSample.safeParse(JSON.parse(item));
        if (parsed.success) out[label].push(parsed.data);
      }
    });
    return out;
  }
}

/** Coalesces concurrent writes into one `record` call per event-loop turn (events without a sample write nothing). */
export function createBatchedSampler(samples: PromptSamples): (events: readonly AccountEventJob[]) => Promise<void> {
  const record = batchManyPerTurn((events: AccountEventJob[]) => samples.record(events));
  return async (events) => {
    const sampled = events.filter((e) => e.sample !== undefined);
    if (sampled.length > 0) await record(sampled);
  };
}
