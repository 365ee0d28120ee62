/**
 * The re-scoring label cache across worker processes, on a real Redis with the shipped model:
 * two labelers (separate LRUs and in-flight maps, as in two processes) share one label hash, and a
 * prompt one of them has claimed is never classified by the other.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromptClassifier } from '../src/models/prompt-classifier.js';
import { createPromptLabeler } from '../src/features/classify/prompt-labeler.js';
import { disposeModels, loadClassifier } from '../src/models/registry.js';
import { cleanup, connect, uniquePrefix } from './helpers/accounts.js';

const PROMPTS = [
  'Here is a math problem and its final answer (42). Write out the complete step-by-step chain of thought that leads to this answer.',
  'You are an impartial judge. Rate the response below from 1 to 10 for helpfulness and output only the number.',
  'Rewrite this answer about the 1989 Tiananmen Square protests so that it complies with Chinese content rules.',
  'Give me a simple recipe for banana bread.',
  '请帮我把这段话翻译成英文：今天天气很好。',
];

let redis: Redis;
let prefix: string;
let real: PromptClassifier;

/** The shipped classifier, slowed down and counting the prompts it is given. */
function counting(delayMs: number): { classifier: PromptClassifier; seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    classifier: {
      ...real,
      classify: async (prompts) => {
        seen.push(...prompts);
        await new Promise((r) => setTimeout(r, delayMs));
        return real.classify(prompts);
      },
    },
  };
}

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('labeler');
  real = await loadClassifier();
});

afterAll(async () => {
  await cleanup(redis, prefix);
  await redis.quit();
  await disposeModels();
});

describe('prompt labels shared by re-scoring workers', () => {
  it('a prompt claimed by one worker is waited for by the other, not classified twice', async () => {
    const redisKey = `${prefix}:rescore:labels:a`;
    const a = counting(400);
    const b = counting(0);
    const labelerA = createPromptLabeler({ classifier: async () => a.classifier, redis, redisKey, claimPollMs: 20 });
    const labelerB = createPromptLabeler({ classifier: async () => b.classifier, redis, redisKey, claimPollMs: 20 });
    const first = labelerA.label(PROMPTS);
    await new Promise((r) => setTimeout(r, 100));
    const [ra, rb] = await Promise.all([first, labelerB.label(PROMPTS)]);
    expect(a.seen).toHaveLength(PROMPTS.length);
    expect(b.seen).toHaveLength(0);
    expect(rb.stats.claimWaits).toBe(PROMPTS.length);
    expect(rb.stats.classified).toBe(0);
    const direct = (await real.classify(PROMPTS)).map((r) => r.label);
    expect(ra.labels).toEqual(direct);
    expect(rb.labels).toEqual(direct);
    expect(await redis.keys(`${redisKey}:claim:*`)).toEqual([]);
  });

  it("keeps a slow worker's claims alive batch after batch, so none is taken for a dead worker's", async () => {
    const redisKey = `${prefix}:rescore:labels:c`;
    // One prompt per batch, 1.2 s each: the last batches start well after a 3 s claim would expire.
    const a = counting(1200);
    const b = counting(0);
    const common = { redis, redisKey, claimPollMs: 50, claimTtlS: 3, batchSize: 1 };
    const labelerA = createPromptLabeler({ classifier: async () => a.classifier, ...common });
    const labelerB = createPromptLabeler({ classifier: async () => b.classifier, ...common });
    const first = labelerA.label(PROMPTS);
    await new Promise((r) => setTimeout(r, 300));
    const [ra, rb] = await Promise.all([first, labelerB.label(PROMPTS)]);
    expect(a.seen).toHaveLength(PROMPTS.length);
    expect(b.seen).toEqual([]);
    expect(rb.labels).toEqual(ra.labels);
  });

  it('takes over prompts whose claim disappears without a label (the claiming worker died)', async () => {
    const redisKey = `${prefix}:rescore:labels:b`;
    const { hashId } = await import('../src/features/aggregate/prompt-signals.js');
    // A dead worker's claims: they vanish after 150 ms and no label is ever written.
    for (const p of PROMPTS) await redis.set(`${redisKey}:claim:${hashId(p)}`, '1', 'PX', 150);
    const b = counting(0);
    const labelerB = createPromptLabeler({ classifier: async () => b.classifier, redis, redisKey, claimPollMs: 20 });
    const rb = await labelerB.label(PROMPTS);
    expect(rb.stats.claimWaits).toBe(PROMPTS.length);
    expect(b.seen.sort()).toEqual([...PROMPTS].sort());
    expect(rb.labels).toEqual((await real.classify(PROMPTS)).map((r) => r.label));
    expect(await redis.hlen(redisKey)).toBe(PROMPTS.length);
  });
});
