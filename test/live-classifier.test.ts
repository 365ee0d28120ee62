/**
 * The live classifier's swap, with two in-memory classifiers whose batches take a known time:
 * a call larger than one batch is answered by one version even when a swap lands between its
 * batches; the old version is released only after its last batch; a failed load keeps the old one.
 */
import { describe, expect, it } from 'vitest';
import type { PromptClassifier } from '../src/models/prompt-classifier.js';
import { createLiveClassifier } from '../src/features/classify/live-classifier.js';
import { keywordClassifier } from './helpers/accounts.js';

function versioned(version: string, ms: number, log: string[]): PromptClassifier {
  return {
    version,
    async classify(prompts) {
      log.push(`${version}:start:${prompts.length}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${version}:end`);
      return (await keywordClassifier.classify(prompts)).map((r) => ({ ...r, model: version }));
    },
  };
}

describe('live classifier swap', () => {
  it('answers a multi-batch call from one version and releases the old one after its last batch', async () => {
    const log: string[] = [];
    const released: string[] = [];
    const live = createLiveClassifier(versioned('v1', 30, log), {
      load: (v) => Promise.resolve(versioned(v, 30, log)),
      release: (v) => {
        log.push(`release:${v}`);
        released.push(v);
        return Promise.resolve();
      },
      batcher: { maxBatchSize: 4, maxWaitMs: 1, maxConcurrent: 1 },
    });
    const big = live.classify(Array.from({ length: 10 }, (_, i) => `prompt ${i}`));
    await new Promise((r) => setTimeout(r, 10));
    const swap = live.swap('v2');
    await new Promise((r) => setTimeout(r, 5));
    expect(live.version).toBe('v2');
    const after = live.classify(['after the swap']);
    const [bigResults, afterResults, swapped] = await Promise.all([big, after, swap]);
    expect(new Set(bigResults.map((r) => r.model))).toEqual(new Set(['v1']));
    expect(bigResults).toHaveLength(10);
    expect(afterResults.map((r) => r.model)).toEqual(['v2']);
    expect(swapped).toMatchObject({ from: 'v1', to: 'v2', swapped: true });
    // v1 ran three batches (4 + 4 + 2) and was released only after the last one ended.
    const v1Ends = log.map((l, i) => (l === 'v1:end' ? i : -1)).filter((i) => i >= 0);
    expect(v1Ends).toHaveLength(3);
    expect(log.indexOf('release:v1')).toBeGreaterThan(Math.max(...v1Ends));
    expect(released).toEqual(['v1']);
    await live.close();
  });

  it('keeps the old version live when the new one fails to load, and runs swaps one at a time', async () => {
    const log: string[] = [];
    const live = createLiveClassifier(versioned('v1', 5, log), {
      load: (v) =>
        v === 'bad' ? Promise.reject(new Error('weights do not match')) : Promise.resolve(versioned(v, 5, log)),
      batcher: { maxBatchSize: 8, maxWaitMs: 1 },
    });
    await expect(live.swap('bad')).rejects.toThrow('weights do not match');
    expect(live.version).toBe('v1');
    expect((await live.classify(['still here']))[0]!.model).toBe('v1');
    const [a, b] = await Promise.all([live.swap('v2'), live.swap('v3')]);
    expect(a).toMatchObject({ from: 'v1', to: 'v2' });
    expect(b).toMatchObject({ from: 'v2', to: 'v3' });
    const same = await live.swap('v3');
    expect(same.swapped).toBe(false);
    await live.close();
    await expect(live.classify(['closed'])).rejects.toMatchObject({ code: 'not_ready' });
  });
});
