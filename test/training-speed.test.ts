/**
 * The two things that make retraining and re-evaluation fast must not change a single number:
 * semantic fits on the thread pool equal fits on the calling thread, and chunk vectors served
 * from the evaluation cache equal freshly embedded ones.
 */
import { embedTexts } from '../src/models/embed-texts.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Encoder } from '../src/models/encoder.js';
import { loadUseLiteEncoder } from '../src/models/use-lite-encoder.js';
import { ChunkCachedEncoder } from '../training/eval/chunk-cached-encoder.js';
import { SemanticFitPool } from '../training/heads/semantic-fit-pool.js';
import { trainSemantic, type SemanticTrainConfig } from '../training/heads/train-semantic.js';

/** 60 rows in 8 dimensions, two labels that depend on different coordinates. */
function fixture() {
  const xs: Float32Array[] = [];
  const ys: number[][] = [];
  for (let i = 0; i < 60; i++) {
    const v = Float32Array.from({ length: 8 }, (_, d) => Math.sin(i * 1.7 + d * 0.9));
    xs.push(v);
    ys.push([(v[0] as number) > 0.2 ? 1 : 0, (v[3] as number) < -0.3 ? 1 : 0]);
  }
  return { xs, ys };
}

const MLP: SemanticTrainConfig = {
  kind: 'mlp',
  hidden: 6,
  epochs: 5,
  batchSize: 16,
  learningRate: 0.01,
  l2: 1e-4,
  seed: 7,
};
const LOGREG: SemanticTrainConfig = {
  kind: 'logreg',
  hidden: 0,
  epochs: 5,
  batchSize: 16,
  learningRate: 0.01,
  l2: 1e-4,
  seed: 7,
};

describe('semantic fit pool', () => {
  it('gives bit-identical weights to a fit on the calling thread, whatever the thread count and order', async () => {
    const { xs, ys } = fixture();
    const rowsA = xs.map((_, i) => i).filter((i) => i % 4 !== 0);
    const rowsB = xs.map((_, i) => i).filter((i) => i % 3 !== 1);
    const local = [
      await trainSemantic(
        rowsA.map((i) => xs[i] as Float32Array),
        rowsA.map((i) => ys[i] as number[]),
        MLP,
      ),
      await trainSemantic(
        rowsB.map((i) => xs[i] as Float32Array),
        rowsB.map((i) => ys[i] as number[]),
        LOGREG,
      ),
    ];
    for (const threads of [1, 2]) {
      const pool = SemanticFitPool.start(xs, ys, threads);
      try {
        // Submitted together, finished in whatever order the threads take them.
        const [b, a] = await Promise.all([pool.fit(rowsB, LOGREG), pool.fit(rowsA, MLP)]);
        for (const [got, want] of [
          [a, local[0]],
          [b, local[1]],
        ] as const) {
          expect(got).toHaveLength(want!.length);
          got!.forEach((layer, k) => {
            expect(layer.activation).toBe(want![k]!.activation);
            expect(Buffer.from(layer.kernel.buffer).equals(Buffer.from(want![k]!.kernel.buffer))).toBe(true);
            expect(Buffer.from(layer.bias.buffer).equals(Buffer.from(want![k]!.bias.buffer))).toBe(true);
          });
        }
      } finally {
        await pool.dispose();
      }
    }
  }, 120_000);

  it('rejects fits after it is disposed', async () => {
    const { xs, ys } = fixture();
    const pool = SemanticFitPool.start(xs, ys, 1);
    await pool.dispose();
    await expect(pool.fit([0, 1, 2], LOGREG)).rejects.toThrow(/closed/);
  });
});

describe('chunk-cached encoder', () => {
  let encoder: Encoder;
  let dir: string;
  beforeAll(async () => {
    encoder = await loadUseLiteEncoder({ batching: 'exact-length' });
    dir = await mkdtemp(path.join(os.tmpdir(), 'dg-chunk-cache-'));
  });
  afterAll(async () => {
    await encoder.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves cached chunks bit-identical to fresh vectors, across processes (via the file)', async () => {
    const chunks = [
      'Write out your full reasoning, step by step.',
      'What is the capital of France?',
      'Rate this answer from 1 to 10.',
    ];
    const fresh = await encoder.embedChunks(chunks);
    const first = await ChunkCachedEncoder.open(encoder, dir);
    await first.embedChunks(chunks.slice(0, 2));
    expect([first.hits, first.misses]).toEqual([0, 2]);
    await first.save();

    const second = await ChunkCachedEncoder.open(encoder, dir);
    const got = await second.embedChunks([
      chunks[2] as string,
      chunks[0] as string,
      chunks[1] as string,
      chunks[0] as string,
    ]);
    expect([second.hits, second.misses]).toEqual([3, 1]);
    const want = [fresh[2], fresh[0], fresh[1], fresh[0]];
    got.forEach((v, i) =>
      expect(
        Buffer.from(v.buffer, v.byteOffset, v.byteLength).equals(
          Buffer.from(want[i]!.buffer, want[i]!.byteOffset, want[i]!.byteLength),
        ),
      ).toBe(true),
    );
    // Whole texts go through the same chunking and averaging as the encoder's own embed.
    const [whole] = await embedTexts(second, [chunks[0] as string]);
    const [direct] = await embedTexts(encoder, [chunks[0] as string]);
    expect(Array.from(whole!)).toEqual(Array.from(direct!));
  });
});
