import { describe, expect, it } from 'vitest';
import { hashFeatures } from '../src/models/feature-hashing.js';
import { crossFitLogits, foldOf, sourceGroup } from '../training/heads/cross-fit.js';
import type { ExampleFeatures } from '../training/heads/example-features.js';
import { trainLexical } from '../training/heads/train-lexical.js';

const BUCKETS = 1 << 10;

/** Eight sources; each source's texts share a source-specific word, the label word is shared. */
function fixture() {
  const examples: { source: string; family: string }[] = [];
  const feats: ExampleFeatures[] = [];
  for (let s = 0; s < 8; s++) {
    for (let i = 0; i < 10; i++) {
      const positive = i % 2 === 0;
      examples.push({ source: `src${s}`, family: `fam${i % 3}` });
      const words = [`only-in-src${s}`, positive ? 'reveal-your-reasoning' : 'weather-today', `item${i}`];
      feats.push({
        embedding: new Float32Array([positive ? 1 : -1, s / 8]),
        lexical: hashFeatures(words, BUCKETS),
        han: 0,
        target: [positive ? 1 : 0],
      });
    }
  }
  return { examples, feats };
}

describe('cross-fitted stacking logits', () => {
  it('keeps public sources whole and splits generated data by template family', () => {
    expect(sourceGroup({ source: 'judgelm', family: 'a' })).toBe('judgelm');
    expect(sourceGroup({ source: 'gen:reasoning-en', family: 'a' })).toBe('gen:reasoning-en::a');
    expect(foldOf('judgelm', 5)).toBe(foldOf('judgelm', 5));
    const folds = new Set(Array.from({ length: 200 }, (_, i) => foldOf(`g${i}`, 5)));
    expect([...folds].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("scores every example with paths that never saw the example's source", async () => {
    const { examples, feats } = fixture();
    const trainedOn = new Map<number, Set<ExampleFeatures>>();
    const { logits, foldSizes } = await crossFitLogits(examples, feats, 4, {
      lexical: (rows, fold) => {
        trainedOn.set(fold, new Set(rows));
        return trainLexical(
          rows.map((r) => r.lexical),
          rows.map((r) => r.target),
          BUCKETS,
          { epochs: 5, learningRate: 0.5, l2: 1e-6, seed: 1 },
        );
      },
      semantic: (rows) =>
        Promise.resolve([
          {
            inputs: 2,
            outputs: 1,
            activation: 'linear' as const,
            kernel: new Float32Array([rows.length, 0]),
            bias: new Float32Array([0]),
          },
        ]),
    });
    expect(foldSizes.reduce((a, b) => a + b, 0)).toBe(feats.length);
    expect(logits.every((l) => l !== undefined)).toBe(true);
    examples.forEach((e, i) => {
      const fold = foldOf(sourceGroup(e), 4);
      const seen = trainedOn.get(fold)!;
      expect(seen.has(feats[i]!)).toBe(false);
      // every other source's rows were in this fold's training data
      feats.forEach((f, j) => {
        if (foldOf(sourceGroup(examples[j]!), 4) !== fold) expect(seen.has(f)).toBe(true);
      });
    });
    // the shared label word carries over to unseen sources: positives outscore negatives
    const pos = logits.filter((_, i) => feats[i]!.target[0] === 1).map((l) => l.lexical[0]!);
    const neg = logits.filter((_, i) => feats[i]!.target[0] === 0).map((l) => l.lexical[0]!);
    expect(Math.min(...pos)).toBeGreaterThan(Math.max(...neg));
  });

  it('refuses fewer than two folds', async () => {
    const { examples, feats } = fixture();
    await expect(
      crossFitLogits(examples, feats, 1, {
        lexical: () => {
          throw new Error('unused');
        },
        semantic: () => Promise.reject(new Error('unused')),
      }),
    ).rejects.toThrow(/at least 2 folds/);
  });
});
