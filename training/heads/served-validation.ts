/**
 * Validation prompts scored as the service scores them, for the serving policy
 * (serving-policy.ts): the head as trained so far, held in memory, behind the service's
 * HeadClassifier.
 */
import os from 'node:os';
import path from 'node:path';
import type { Encoder } from '../../src/models/encoder.js';
import type { HeadMetadata } from '../../src/models/head-artifact.js';
import { HeadClassifier } from '../../src/models/head-classifier.js';
import { PromptHead } from '../../src/models/heads/prompt-head.js';
import { openEncoder } from '../../src/models/registry.js';
import { REAL_SOURCE_SPLITS } from '../data/public/real-sources.js';
import { isRealUserPrompt } from '../data/public/real-bundle.js';
import { familyHash } from '../data/split.js';
import type { Example } from '../data/types.js';
import { ChunkCachedEncoder } from '../eval/chunk-cached-encoder.js';
import type { TrainConfig } from '../train-config.js';
import { headMeta, type FittedHead } from './head-meta.js';
import type { ServedRow } from './serving-policy.js';

/** The head as trained so far, in memory, for scoring validation prompts through the service's path. */
export function provisionalHead(
  encoder: HeadMetadata['encoder'],
  config: Pick<TrainConfig, 'lexical' | 'maxChunksPerPrompt'>,
  tensors: ReadonlyMap<string, Float32Array>,
  best: FittedHead,
  thresholds: HeadMetadata['thresholds'],
): PromptHead {
  const meta: HeadMetadata = {
    ...headMeta('provisional', '', encoder, config, best, thresholds),
    inference: { maxChunksPerPrompt: config.maxChunksPerPrompt },
    tensors: {},
    weightsSha256: '0'.repeat(64),
  };
  return new PromptHead(meta, {
    meta,
    digests: { headSha256: '', weightsSha256: '' },
    tensor: (name) => tensors.get(name) as Float32Array,
  });
}

/**
 * Validation rows as the service scores them. A prompt that fits the encoder's window is its
 * whole-prompt probability (the training features are the same vector); a longer one is run through
 * HeadClassifier.analyze for every kept fine window (the service embeds only those that can change
 * the decision, which needs the thresholds chosen here; chunk vectors cached with the evaluation's). Long
 * rows are every real one and a fixed sample of the generated ones (`LONG_GENERATED_SAMPLE`); the
 * other long rows are left out of the returned rows.
 */
export async function servedValidationRows(
  val: readonly Example[],
  wholeProbs: readonly number[][],
  head: PromptHead,
  encoderSpec: string,
  cacheDir: string | null | undefined,
  log: (m: string) => void,
): Promise<ServedRow[]> {
  const inner = await openEncoder(encoderSpec, os.availableParallelism());
  try {
    const dir = cacheDir === undefined ? '.cache/embeddings' : cacheDir;
    const cached = dir === null ? null : await ChunkCachedEncoder.open(inner, path.resolve(dir));
    const encoder: Encoder = cached ?? inner;
    const allLong = val.flatMap((e, i) => (encoder.splitIntoChunks(e.text).length > 1 ? [i] : []));
    const long = longSample(val, allLong);
    log(
      `scoring ${long.length} of ${allLong.length} long validation prompts through the service's path (fine windows)`,
    );
    const analyses = await new HeadClassifier(encoder, head).analyze(
      long.map((i) => (val[i] as Example).text),
      { everyWindow: true },
    );
    await cached?.save();
    const byRow = new Map(long.map((i, k) => [i, analyses[k]]));
    const skipped = new Set(allLong.filter((i) => !byRow.has(i)));
    return val.flatMap((example, i) => {
      if (skipped.has(i)) return [];
      const a = byRow.get(i);
      return {
        example,
        realBenign:
          example.label === 'benign' && REAL_SOURCE_SPLITS[example.source] === 'val' && isRealUserPrompt(example),
        wholeProbs: a ? a.wholeProbs : [...(wholeProbs[i] as number[])],
        windowProbs: a ? a.windowProbs : [],
        windowCount: a ? a.windowCount : 0,
      };
    });
  } finally {
    await inner.dispose();
  }
}

/** Long rows scored with their windows: every real one, and a fixed sample of the generated ones. */
export const LONG_GENERATED_SAMPLE = { attack: 120, benign: 80 };

function longSample(val: readonly Example[], long: readonly number[]): number[] {
  const real = long.filter((i) => REAL_SOURCE_SPLITS[(val[i] as Example).source] === 'val');
  const generated = long
    .filter((i) => REAL_SOURCE_SPLITS[(val[i] as Example).source] !== 'val')
    .sort((a, b) => familyHash((val[a] as Example).id) - familyHash((val[b] as Example).id));
  const attack = generated.filter((i) => (val[i] as Example).label !== 'benign').slice(0, LONG_GENERATED_SAMPLE.attack);
  const benign = generated.filter((i) => (val[i] as Example).label === 'benign').slice(0, LONG_GENERATED_SAMPLE.benign);
  return [...real, ...attack, ...benign].sort((a, b) => a - b);
}
