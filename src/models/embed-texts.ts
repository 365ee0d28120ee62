/**
 * Embeds a large list of texts on an encoder pool (one threaded encoder per core), with
 * progress. Results come back in input order.
 *
 * All texts are split into chunks first; each distinct chunk is embedded once (templates repeat
 * whole sentences across examples), in order of token length with `exact-length` batching, so
 * every vector is independent of which other texts are embedded (or cached) in the same run;
 * each text's vector is the re-normalised mean of its chunk vectors, exactly as `Encoder.embed`
 * computes it.
 */
import type { Encoder } from './encoder.js';
import { evenlyCapped } from './text-chunks.js';
import { meanNormalized } from './vector-math.js';

export interface EmbeddingPoolOptions {
  /** Distinct chunks handed to the pool per call. */
  batchSize?: number;
  /** Chunks averaged per text at most (see Encoder.embed). */
  maxChunksPerText?: number;
  /** Progress in distinct chunks embedded. */
  onProgress?: (done: number, total: number) => void;
}

/** Embeds texts on an encoder (pool) the caller owns; vectors in input order. */
export async function embedTextsOnPool(pool: Encoder, texts: readonly string[], opts: EmbeddingPoolOptions = {}): Promise<Float32Array[]> {
  const batchSize = opts.batchSize ?? 512;
  const maxChunks = opts.maxChunksPerText ?? 8;
  const perText = texts.map((t) => evenlyCapped(pool.splitIntoChunks(t), maxChunks));
  // In token-length order, so each call holds few distinct lengths (whole same-length batches).
  const distinctChunks = [...new Set(perText.flat())];
  const tokens = new Map(distinctChunks.map((c) => [c, pool.countTokens(c)]));
  const distinct = distinctChunks.sort((a, b) => (tokens.get(a) as number) - (tokens.get(b) as number) || a.length - b.length);
  const vectors = new Map<string, Float32Array>();
  for (let start = 0; start < distinct.length; start += batchSize) {
    const batch = distinct.slice(start, start + batchSize);
    const out = await pool.embedChunks(batch);
    batch.forEach((c, i) => vectors.set(c, out[i] as Float32Array));
    opts.onProgress?.(vectors.size, distinct.length);
  }
  return perText.map((chunks) => meanNormalized(chunks.map((c) => vectors.get(c) as Float32Array)));
}
