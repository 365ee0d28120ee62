import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AccountEventJob } from '../../src/contracts/events.js';
import { promptSignals } from '../../src/features/aggregate/prompt-signals.js';
import type { PromptClassifier } from '../../src/models/prompt-classifier.js';
import { ATTACK_LABELS } from '../../src/labels.js';
import { deleteKeysWithPrefix } from '../../src/redis/delete-prefix.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function connect(): Promise<Redis> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: null });
  await redis.connect();
  return redis;
}

export const uniquePrefix = (name: string) => `dgtest-${name}-${randomBytes(4).toString('hex')}`;

/** Deletes every key under the prefix. */
export const cleanup = deleteKeysWithPrefix;

export function job(over: Partial<AccountEventJob> & { prompt?: string } = {}): AccountEventJob {
  const { prompt = 'What is a good recipe for lentil soup?', ...rest } = over;
  return {
    request_id: `req-${randomBytes(6).toString('hex')}`,
    account_id: 'acct-1',
    ts: Date.now(),
    ip: '10.0.0.1',
    payment_fingerprint: 'card-1',
    user_agent: 'Mozilla/5.0',
    label: 'benign',
    ...promptSignals(prompt),
    ...rest,
  };
}

/** A keyword stand-in for the prompt model, for tests of the plumbing around it. */
export const keywordClassifier: PromptClassifier = {
  version: 'keyword-test',
  classify(prompts) {
    return Promise.resolve(
      prompts.map((p) => {
        const label = /chain of thought|internal reasoning/i.test(p)
          ? ('reasoning_trace_extraction' as const)
          : ('benign' as const);
        const scores = Object.fromEntries(ATTACK_LABELS.map((l) => [l, l === label ? 0.95 : 0.01])) as Record<
          (typeof ATTACK_LABELS)[number],
          number
        >;
        const categories = Object.fromEntries(ATTACK_LABELS.map((l) => [l, l === label])) as Record<
          (typeof ATTACK_LABELS)[number],
          boolean
        >;
        return {
          label,
          flagged: label !== 'benign',
          scores,
          categories,
          model: 'keyword-test',
          language: 'en' as const,
          supported: true,
        };
      }),
    );
  },
};
