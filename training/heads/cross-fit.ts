/**
 * Out-of-fold path logits for fitting the stacker.
 *
 * The stacker decides how far to trust each feature path. Fit on logits of data whose sources
 * the paths were trained on, it learns how the paths behave on *familiar* sources, where the
 * lexical path (which memorises source-specific wording) looks nearly perfect; on a new
 * source the lexical path degrades more than the semantic one. So the stacker is fit on
 * cross-fitted logits instead: the stacking data is cut into folds by source group (a whole
 * public dataset, or a whole generator template family), and each fold's logits come from paths
 * trained without that group. The stacker then sees both paths as they behave on unseen
 * sources, which is what the held-out test set and production traffic are.
 */
import type { DenseLayer } from '../../src/models/heads/dense-network.js';
import { DenseNetwork } from '../../src/models/heads/dense-network.js';
import type { SparseLinear } from '../../src/models/heads/sparse-linear.js';
import { familyHash } from '../data/split.js';
import type { Example } from '../data/types.js';
import type { ExampleFeatures } from './example-features.js';
import type { PathLogits } from './fit-stacker.js';

/** Public sets are held out whole; generated data by template family (a generator is many templates). */
export function sourceGroup(e: Pick<Example, 'source' | 'family'>): string {
  return e.source.startsWith('gen:') ? `${e.source}::${e.family}` : e.source;
}

/** Fold of a source group, stable across seeds and data changes elsewhere. */
export function foldOf(group: string, folds: number): number {
  return Math.min(folds - 1, Math.floor(familyHash(`fold:${group}`) * folds));
}

/** Trains a path on the rows outside fold `fold` (the fold index lets a caller reuse a path across runs). */
export interface PathTrainers {
  lexical(rows: readonly ExampleFeatures[], fold: number): SparseLinear;
  semantic(rows: readonly ExampleFeatures[], fold: number): Promise<DenseLayer[]>;
}

/**
 * Cross-fitted logits of `examples` (aligned with `feats`): for each fold, both paths are trained
 * on the other folds and score this one. Returns logits in input order and the fold sizes.
 */
export async function crossFitLogits(
  examples: readonly Pick<Example, 'source' | 'family'>[],
  feats: readonly ExampleFeatures[],
  folds: number,
  trainers: PathTrainers,
  log: (msg: string) => void = () => {},
): Promise<{ logits: PathLogits[]; foldSizes: number[] }> {
  if (folds < 2) throw new Error(`cross-fitting needs at least 2 folds, got ${folds}`);
  const fold = examples.map((e) => foldOf(sourceGroup(e), folds));
  const logits = new Array<PathLogits | undefined>(feats.length);
  const plans = Array.from({ length: folds }, (_, f) => ({
    inFold: fold.map((x, i) => (x === f ? i : -1)).filter((i) => i >= 0),
    rest: feats.filter((_, i) => fold[i] !== f),
  }));
  const foldSizes = plans.map((p) => p.inFold.length);
  // Every fold's semantic path is requested before any is awaited, so a trainer that runs fits
  // on other threads trains them side by side while this thread fits the lexical paths.
  const semantic = plans.map((p, f) => {
    if (p.inFold.length === 0) return null;
    log(`  fold ${f + 1}/${folds}: ${p.inFold.length} scored, ${p.rest.length} to train`);
    return trainers.semantic(p.rest, f);
  });
  const lexical = plans.map((p, f) => (p.inFold.length === 0 ? null : trainers.lexical(p.rest, f)));
  const layers = await Promise.all(semantic);
  plans.forEach((p, f) => {
    const lex = lexical[f];
    const sem = layers[f];
    if (!lex || !sem) return;
    const net = new DenseNetwork(sem);
    for (const i of p.inFold) {
      const x = feats[i] as ExampleFeatures;
      logits[i] = { semantic: net.forward(x.embedding), lexical: lex.forward(x.lexical), han: x.han };
    }
  });
  return { logits: logits as PathLogits[], foldSizes };
}
