/**
 * Embeds a large list of texts on every core (an EncoderPool of threaded encoders), in
 * batches, with progress. Results come back in input order.
 */
import os from 'node:os';
import { EncoderPool } from './encoder-pool.js';
import { loadThreadedUseLiteEncoder } from './threaded-encoder.js';

export interface EmbeddingPoolOptions {
  threads?: number;
  /** Texts per batch handed to the pool. */
  batchSize?: number;
  /** Chunks averaged per text at most (see Encoder.embed). */
  maxChunksPerText?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function embedWithPool(texts: readonly string[], opts: EmbeddingPoolOptions = {}): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const threads = Math.max(1, opts.threads ?? os.availableParallelism());
  const batchSize = opts.batchSize ?? 64;
  const maxChunks = opts.maxChunksPerText ?? 8;
  const pool = new EncoderPool(await Promise.all(Array.from({ length: threads }, () => loadThreadedUseLiteEncoder())), 32, maxChunks);
  const out: Float32Array[] = [];
  try {
    for (let start = 0; start < texts.length; start += batchSize) {
      out.push(...(await pool.embed(texts.slice(start, start + batchSize))));
      opts.onProgress?.(out.length, texts.length);
    }
  } finally {
    await pool.dispose();
  }
  return out;
}
