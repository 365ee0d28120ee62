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
