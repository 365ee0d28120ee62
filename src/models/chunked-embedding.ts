/** What every encoder shares: its chunking rule and how chunk vectors become one text vector. */
import type { Encoder } from './encoder.js';
import { evenlyCapped, splitIntoChunks } from './text-chunks.js';
import { meanNormalized } from './vector-math.js';

/**
 * Chunks for a window of `maxTokens` (capped at the encoder's own window); the character cap
 * scales with the token budget so chunks stay local for text the vocabulary cannot see (CJK).
 */
export function splitForWindow(text: string, maxTokens: number, window: number, charsPerWindow: number, countTokens: (t: string) => number): string[] {
  const tokens = Math.min(maxTokens, window);
  return splitIntoChunks(text, { maxTokens: tokens, maxChars: Math.round((charsPerWindow * tokens) / window), countTokens });
}

/** One vector per text: the re-normalised mean of its (at most `maxChunks`, evenly spaced) chunk vectors. */
export async function embedByChunks(encoder: Pick<Encoder, 'splitIntoChunks' | 'embedChunks'>, texts: readonly string[], maxChunks: number): Promise<Float32Array[]> {
  const perText = texts.map((t) => evenlyCapped(encoder.splitIntoChunks(t), maxChunks));
  const flat = await encoder.embedChunks(perText.flat());
  let at = 0;
  return perText.map((chunks) => {
    const v = meanNormalized(flat.slice(at, at + chunks.length));
    at += chunks.length;
    return v;
  });
}

/**
 * Runs token sequences through the model `batchSize` at a time, similar lengths together (a batch
 * costs as much as its longest sequence); vectors come back in input order.
 */
export async function runByLength(ids: readonly number[][], batchSize: number, run: (batch: number[][]) => Promise<Float32Array[]>): Promise<Float32Array[]> {
  const out = new Array<Float32Array>(ids.length);
  const order = ids.map((_, i) => i).sort((a, b) => (ids[a] as number[]).length - (ids[b] as number[]).length);
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    const vectors = await run(batch.map((i) => ids[i] as number[]));
    batch.forEach((i, k) => {
      out[i] = vectors[k] as Float32Array;
    });
  }
  return out;
}
