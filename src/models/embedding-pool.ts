/**
 * Embeds large batches of text on several threaded encoders (one model per worker thread), so
 * bulk jobs (training, re-scoring) use every core. Results come back in input order.
 */
import os from 'node:os';
import type { Encoder } from './encoder.js';
import { loadThreadedUseLiteEncoder } from './threaded-encoder.js';

export interface EmbeddingPoolOptions {
  threads?: number;
  /** Texts per request to one encoder. */
  batchSize?: number;
  /** Chunks averaged per text at most (see Encoder.embed). */
  maxChunksPerText?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function embedWithPool(texts: readonly string[], opts: EmbeddingPoolOptions = {}): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const threads = Math.max(1, Math.min(opts.threads ?? os.availableParallelism(), Math.ceil(texts.length / 8)));
  const batchSize = opts.batchSize ?? 32;
  const encoders: Encoder[] = await Promise.all(
    Array.from({ length: threads }, () => loadThreadedUseLiteEncoder({ maxChunksPerText: opts.maxChunksPerText ?? 8 })),
  );
  const out: Float32Array[] = new Array<Float32Array>(texts.length);
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      encoders.map(async (encoder) => {
        while (next < texts.length) {
          const start = next;
          next = Math.min(texts.length, next + batchSize);
          const vectors = await encoder.embed(texts.slice(start, next));
          vectors.forEach((v, k) => {
            out[start + k] = v;
          });
          done += vectors.length;
          opts.onProgress?.(done, texts.length);
        }
      }),
    );
  } finally {
    await Promise.all(encoders.map((e) => e.dispose()));
  }
  return out;
}
