import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMicroBatcher } from '../src/features/classify/micro-batcher.js';
import type { PromptClassification, PromptClassifier } from '../src/models/prompt-classifier.js';

/** A deterministic classifier that records the size of every call and can be held or made to fail. */
function recordingClassifier(opts: { failOn?: (prompts: readonly string[]) => boolean; hold?: boolean } = {}) {
  const calls: string[][] = [];
  const releases: (() => void)[] = [];
  const classifier: PromptClassifier = {
    version: 'test@1',
    async classify(prompts) {
      calls.push([...prompts]);
      if (opts.hold) await new Promise<void>((resolve) => releases.push(resolve));
      if (opts.failOn?.(prompts)) throw new Error(`failed batch of ${prompts.length}`);
      return prompts.map((p): PromptClassification => {
        const flagged = p.startsWith('!');
        return {
          label: flagged ? 'rubric_grading' : 'benign',
          flagged,
          scores: {
            reasoning_trace_extraction: 0,
            rubric_grading: flagged ? 1 : 0,
            censorship_rewrite: p.length / 1000,
          },
          categories: { reasoning_trace_extraction: false, rubric_grading: flagged, censorship_rewrite: false },
          model: `echo:${p}`,
          language: 'en',
          supported: true,
        };
      });
    },
  };
  return {
    classifier,
    calls,
    sizes: () => calls.map((c) => c.length),
    releaseAll: () => releases.splice(0).forEach((r) => r()),
  };
}

const echoed = (results: PromptClassification[]) => results.map((r) => r.model.slice('echo:'.length));
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

afterEach(() => {
  vi.useRealTimers();
});

describe('createMicroBatcher', () => {
  it('coalesces concurrent calls into one underlying call and routes results back in order', async () => {
    const rec = recordingClassifier();
    const batcher = createMicroBatcher(rec.classifier, { maxBatchSize: 32, maxWaitMs: 5 });
    const [a, b, c] = await Promise.all([
      batcher.classify(['a1', 'a2']),
      batcher.classify(['b1']),
      batcher.classify(['c1', 'c2', 'c3']),
    ]);
    expect(rec.sizes()).toEqual([6]);
    expect(echoed(a!)).toEqual(['a1', 'a2']);
    expect(echoed(b!)).toEqual(['b1']);
    expect(echoed(c!)).toEqual(['c1', 'c2', 'c3']);
    expect(batcher.version).toBe('test@1');
  });

  it('flushes as soon as the pending count reaches maxBatchSize, without waiting', async () => {
    vi.useFakeTimers();
    const rec = recordingClassifier();
    const batcher = createMicroBatcher(rec.classifier, { maxBatchSize: 4, maxWaitMs: 10_000 });
    const p1 = batcher.classify(['1', '2']);
    const p2 = batcher.classify(['3', '4']);
    expect(rec.sizes()).toEqual([4]);
    expect(echoed((await p1).concat(await p2))).toEqual(['1', '2', '3', '4']);
  });

  it('splits one large call into maxBatchSize pieces and reassembles it in order', async () => {
    const rec = recordingClassifier();
    const batcher = createMicroBatcher(rec.classifier, { maxBatchSize: 4, maxWaitMs: 1 });
    const prompts = Array.from({ length: 10 }, (_, i) => `p${i}`);
    const results = await batcher.classify(prompts);
    expect(rec.sizes()).toEqual([4, 4, 2]);
    expect(echoed(results)).toEqual(prompts);
  });

  it('waits at most maxWaitMs after the first pending prompt', async () => {
    vi.useFakeTimers();
    const rec = recordingClassifier();
    const batcher = createMicroBatcher(rec.classifier, { maxBatchSize: 32, maxWaitMs: 50 });
    const first = batcher.classify(['x']);
    await vi.advanceTimersByTimeAsync(30);
    const second = batcher.classify(['y']);
    expect(rec.sizes()).toEqual([]);
    await vi.advanceTimersByTimeAsync(19);
    expect(rec.sizes()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(rec.sizes()).toEqual([2]);
    expect(echoed([...(await first), ...(await second)])).toEqual(['x', 'y']);
  });

  it('accumulates the next batch while one runs and sends it when the slot frees', async () => {
    const rec = recordingClassifier({ hold: true });
    const batcher = createMicroBatcher(rec.classifier, { maxBatchSize: 3, maxWaitMs: 0 });
    const first = batcher.classify(['a']);
    await tick();
    expect(rec.sizes()).toEqual([1]);
    const rest = [batcher.classify(['b']), batcher.classify(['c', 'd']), batcher.classify(['e'])];
    await tick();
    expect(rec.sizes()).toEqual([1]);
    rec.releaseAll();
    await first;
    await tick();
    expect(rec.sizes()).toEqual([1, 3]);
    rec.releaseAll();
    await tick();
    rec.releaseAll();
    const results = await Promise.all(rest);
    expect(rec.sizes()).toEqual([1, 3, 1]);
    expect(results.map(echoed)).toEqual([['b'], ['c', 'd'], ['e']]);
  });

  it('sends a batch as soon as the callers of the previous batch are back, without waiting maxWaitMs', async () => {
    vi.useFakeTimers();
    const rec = recordingClassifier();
    const batcher = createMicroBatcher(rec.classifier, { maxBatchSize: 32, maxWaitMs: 1000 });
    const first = Promise.all(['a', 'b', 'c'].map((p) => batcher.classify([p])));
    await vi.advanceTimersByTimeAsync(1000);
    await first;
    expect(rec.sizes()).toEqual([3]);
    const second = Promise.all(['d', 'e', 'f'].map((p) => batcher.classify([p])));
    await vi.advanceTimersByTimeAsync(0);
    expect(rec.sizes()).toEqual([3, 3]);
    expect((await second).map(echoed)).toEqual([['d'], ['e'], ['f']]);
  });

  it('rejects exactly the callers whose prompts were in the failed batch', async () => {
    const rec = recordingClassifier({ failOn: (prompts) => prompts.includes('boom') });
    const batcher = createMicroBatcher(rec.classifier, { maxBatchSize: 2, maxWaitMs: 1 });
    const ok1 = batcher.classify(['a']);
    const bad = batcher.classify(['boom']);
    const ok2 = batcher.classify(['c', 'd']);
    const [r1, r2, r3] = await Promise.allSettled([ok1, bad, ok2]);
    expect(rec.sizes()).toEqual([2, 2]);
    expect(r1!.status).toBe('rejected');
    expect(r2!.status).toBe('rejected');
    expect((r2 as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    expect(r3!.status).toBe('fulfilled');
    expect(echoed((r3 as PromiseFulfilledResult<PromptClassification[]>).value)).toEqual(['c', 'd']);
  });

  it('rejects a split call once and skips its remaining pieces after a failure', async () => {
    const rec = recordingClassifier({ failOn: (prompts) => prompts.includes('p1') });
    const batcher = createMicroBatcher(rec.classifier, { maxBatchSize: 2, maxWaitMs: 1 });
    await expect(batcher.classify(['p0', 'p1', 'p2', 'p3'])).rejects.toThrow('failed batch of 2');
    await batcher.close();
    expect(rec.sizes()).toEqual([2]);
  });

  it('close() flushes pending prompts and refuses new work', async () => {
    vi.useFakeTimers();
    const rec = recordingClassifier();
    const batcher = createMicroBatcher(rec.classifier, { maxBatchSize: 32, maxWaitMs: 60_000 });
    const pending = batcher.classify(['late']);
    await batcher.close();
    expect(echoed(await pending)).toEqual(['late']);
    await expect(batcher.classify(['after'])).rejects.toMatchObject({ code: 'not_ready' });
  });

  it('returns an empty list for an empty call without touching the classifier', async () => {
    const rec = recordingClassifier();
    const batcher = createMicroBatcher(rec.classifier, { maxBatchSize: 4, maxWaitMs: 1 });
    expect(await batcher.classify([])).toEqual([]);
    expect(rec.sizes()).toEqual([]);
  });
});
