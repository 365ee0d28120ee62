/**
 * One vector per text: the re-normalised mean of its chunk vectors (at most `maxChunksPerText`,
 * evenly spaced), as training and HeadClassifier's whole-prompt view compute it. Results come
 * back in input order, with progress.
 *
 * All texts are split into chunks first; each distinct chunk is embedded once (templates repeat
 * whole sentences across examples), in order of token length, so with `exact-length` batching
 * every vector is independent of which other texts are embedded (or cached) in the same run.
 * Any encoder works; an encoder pool (one threaded encoder per core) spreads the chunks.
 */
import type { Encoder } from './encoder.js';
import { evenlyCapped } from './text-chunks.js';
import { meanNormalized } from './vector-math.js';

export interface EmbedTextsOptions {
  /** Distinct chunks handed to the encoder per call. */
  batchSize?: number;
  /** Chunks averaged per text at most (default 8, the training default). */
  maxChunksPerText?: number;
  /** Progress in distinct chunks embedded. */
  onProgress?: (done: number, total: number) => void;
}

export async function embedTexts(
  encoder: Encoder,
  texts: readonly string[],
  opts: EmbedTextsOptions = {},
): Promise<Float32Array[]> {
  const batchSize = opts.batchSize ?? 512;
  const maxChunks = opts.maxChunksPerText ?? 8;
  const perText = texts.map((t) => evenlyCapped(encoder.splitIntoChunks(t), maxChunks));
  // In token-length order, so each call holds few distinct lengths (whole same-length batches).
  const distinctChunks = [...new Set(perText.flat())];
  const tokens = new Map(distinctChunks.map((c) => [c, encoder.countTokens(c)]));
  const distinct = distinctChunks.sort(
    (a, b) => (tokens.get(a) as number) - (tokens.get(b) as number) || a.length - b.length,
  );
  const vectors = new Map<string, Float32Array>();
  for (let start = 0; start < distinct.length; start += batchSize) {
    const batch = distinct.slice(start, start + batchSize);
    const out = await encoder.embedChunks(batch);
    batch.forEach((c, i) => vectors.set(c, out[i] as Float32Array));
    opts.onProgress?.(vectors.size, distinct.length);
  }
  return perText.map((chunks) => meanNormalized(chunks.map((c) => vectors.get(c) as Float32Array)));
}
