/** What every encoder shares: its chunking rule and how sequences are batched by length. */
import { splitIntoChunks, type SpanCounter } from './text-chunks.js';

/**
 * Chunks for a window of `maxTokens` (capped at the encoder's own window); the character cap
 * scales with the token budget so chunks stay local for text the vocabulary cannot see (CJK).
 */
export function splitForWindow(
  text: string,
  maxTokens: number,
  window: number,
  charsPerWindow: number,
  countTokens: (t: string) => number,
  spanCounter?: (t: string) => SpanCounter | null,
): string[] {
  const tokens = Math.min(maxTokens, window);
  return splitIntoChunks(text, {
    maxTokens: tokens,
    maxChars: Math.round((charsPerWindow * tokens) / window),
    countTokens,
    spanCounter,
  });
}

/**
 * How sequences share a graph execution.
 * - `exact-length`: only sequences of the same token length run together. A sequence then gets
 *   bit-identical vectors whatever it is batched with (measured: padding a sequence to a longer
 *   neighbour moves its vector by up to 2e-7), so training, evaluation and re-scoring give the
 *   same numbers whatever the cache state, batch composition or number of workers.
 * - `similar-length`: neighbours in length order run together, padded to the longest. Fewer
 *   executions for a small batch of mixed lengths (the request path under load), at the price
 *   of that 1e-7 dependence on the neighbours.
 */
export type Batching = 'exact-length' | 'similar-length';

/** The length a sequence runs at (an empty text runs as a single <unk>). */
export const runLength = (tokens: number, maxTokens: number): number => Math.max(1, Math.min(tokens, maxTokens));

/**
 * Item indices in order of `length`, cut into groups of at most `size`; with `exact-length`
 * batching a group also ends where the length changes, so it never mixes two lengths.
 */
export function lengthGroups(lengths: readonly number[], size: number, batching: Batching): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => (lengths[a] as number) - (lengths[b] as number));
  const groups: number[][] = [];
  for (let start = 0; start < order.length;) {
    let end = Math.min(order.length, start + size);
    if (batching === 'exact-length') {
      const first = lengths[order[start] as number];
      let k = start + 1;
      while (k < end && lengths[order[k] as number] === first) k += 1;
      end = k;
    }
    groups.push(order.slice(start, end));
    start = end;
  }
  return groups;
}

/**
 * Runs token sequences through the model `batchSize` at a time, grouped by length as `batching`
 * says (a batch costs as much as its longest sequence); vectors come back in input order.
 */
export async function runByLength(
  ids: readonly number[][],
  batchSize: number,
  run: (batch: number[][]) => Promise<Float32Array[]>,
  batching: Batching = 'similar-length',
): Promise<Float32Array[]> {
  const out = new Array<Float32Array>(ids.length);
  for (const batch of lengthGroups(
    ids.map((seq) => Math.max(1, seq.length)),
    batchSize,
    batching,
  )) {
    const vectors = await run(batch.map((i) => ids[i] as number[]));
    batch.forEach((i, k) => {
      out[i] = vectors[k] as Float32Array;
    });
  }
  return out;
}
