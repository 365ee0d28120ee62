/**
 * Features of labelled examples for training: embeddings (on the encoder's worker pool, with the
 * disk cache), lexical vectors, Han share and multi-label targets.
 */
import path from 'node:path';
import { ATTACK_LABELS } from '../../src/labels.js';
import { embedTexts } from '../../src/models/embed-texts.js';
import type { Encoder } from '../../src/models/encoder.js';
import type { SparseVector } from '../../src/models/feature-hashing.js';
import { hanShare, lexicalFeatures } from '../../src/models/lexical-features.js';
import type { Example } from '../data/types.js';
import { EmbeddingCache } from './embedding-cache.js';

export interface ExampleFeatures {
  embedding: Float32Array;
  lexical: SparseVector;
  han: number;
  target: number[];
}

export function targetOf(e: Example): number[] {
  return ATTACK_LABELS.map((l) => (e.label === l ? 1 : 0));
}

export async function featurize(
  examples: readonly Example[],
  opts: {
    encoder: Encoder;
    buckets: number;
    cacheDir: string | null;
    maxChunksPerText: number;
    log: (msg: string) => void;
  },
): Promise<ExampleFeatures[]> {
  const cache = opts.cacheDir
    ? await EmbeddingCache.open(
        path.resolve(opts.cacheDir),
        `${opts.encoder.name}-${opts.encoder.runtime}-c${opts.maxChunksPerText}-exact`,
        opts.encoder.dim,
      )
    : null;
  const missing = [...new Set(examples.map((e) => e.text).filter((t) => !cache?.get(t)))];
  opts.log(`embedding ${missing.length} texts (${examples.length - missing.length} cached)`);
  const started = Date.now();
  let lastLog = 0;
  const vectors = await embedTexts(opts.encoder, missing, {
    maxChunksPerText: opts.maxChunksPerText,
    onProgress: (done, total) => {
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        opts.log(`  embedded ${done}/${total} (${(done / ((Date.now() - started) / 1000)).toFixed(0)}/s)`);
      }
    },
  });
  const fresh = new Map(missing.map((t, i) => [t, vectors[i] as Float32Array]));
  if (cache) {
    for (const [t, v] of fresh) cache.set(t, v);
    await cache.save();
  }
  return examples.map((e) => ({
    embedding: (fresh.get(e.text) ?? cache?.get(e.text)) as Float32Array,
    lexical: lexicalFeatures(e.text, { buckets: opts.buckets }),
    han: hanShare(e.text),
    target: targetOf(e),
  }));
}
