/**
 * A head version's classifier as evaluation runs it: the service's inference path, with the
 * encoder behind the chunk-vector cache (chunk-cached-encoder.ts) unless `cacheDir` is null.
 */
import path from 'node:path';
import { HeadClassifier, type PromptAnalysis } from '../../src/models/head-classifier.js';
import { loadClassifier, loadEncoder } from '../../src/models/registry.js';
import type { Example } from '../data/types.js';
import { ChunkCachedEncoder } from './chunk-cached-encoder.js';
import type { Scored } from './report.js';

export interface CachedClassifierOptions {
  modelsDir: string;
  version: string;
  /** Encoder spec (e.g. `use-lite`). */
  encoder: string;
  threads: number;
  /** Chunk-vector cache directory; null embeds every chunk afresh. */
  cacheDir: string | null;
}

export async function openCachedClassifier(
  opts: CachedClassifierOptions,
): Promise<{ classifier: HeadClassifier; cache: ChunkCachedEncoder | null }> {
  const loaded = await loadClassifier({
    modelsDir: opts.modelsDir,
    version: opts.version,
    encoderThreads: opts.threads,
    encoder: opts.encoder,
  });
  if (opts.cacheDir === null) return { classifier: loaded, cache: null };
  // The same encoder the classifier holds (the registry memoises it), behind the chunk cache.
  const cache = await ChunkCachedEncoder.open(
    await loadEncoder(opts.encoder, opts.threads),
    path.resolve(opts.cacheDir),
  );
  return { classifier: new HeadClassifier(cache, loaded.head), cache };
}

/** Each example with its scores and the head's decision (`analyses` in the examples' order). */
export function scoredOf(
  classifier: HeadClassifier,
  examples: readonly Example[],
  analyses: readonly PromptAnalysis[],
): Scored[] {
  return examples.map((example, i) => {
    const { probs } = analyses[i] as PromptAnalysis;
    return { example, probs, predicted: classifier.decide(probs, example.text).label };
  });
}
