/**
 * The written validation rows: the `val` split of hand-written training sets a, c and d, less the
 * prompts that share 10% or more of their 8-token shingles with any other prompt of a written
 * training set (near-duplicate.ts), so a set added to the training data cannot carry a near copy of
 * a row into training. Unlike the validation core (public and template rows, where rubric grading
 * and censorship are at PR-AUC 1.000 for every recent head), these are prompts written one at a
 * time, and their split depends only on their own set (split.ts groups hand-written families by
 * set), so they compare heads trained on different data. Validation data: it may decide between
 * training configurations; the test set and the probe may not.
 *
 *   npx tsx training/eval/written-validation.ts <version> [<version>...]
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ATTACK_LABELS } from '../../src/labels.js';
import { encoderSpecFrom } from '../../src/env.js';
import { buildDataset } from '../data/build.js';
import { MAX_OVERLAP_WITH_HELD_OUT, ShingleIndex } from '../data/near-duplicate.js';
import { readWrittenSet, WRITTEN_TRAIN_SETS } from '../data/written.js';
import type { Example } from '../data/types.js';
import { openCachedClassifier, scoredOf } from './cached-classifier.js';
import { byLanguage, type Scored } from './report.js';

/** The sets whose validation rows are compared: present in every configuration since they were added. */
export const WRITTEN_VALIDATION_SETS = ['a', 'c', 'd'] as const;

export function writtenValidationRows(examples: readonly Example[]): Example[] {
  const sources = new Set(WRITTEN_VALIDATION_SETS.map((s) => `written-${s}`));
  const candidates = examples.filter((e) => e.split === 'val' && sources.has(e.source));
  const own = new Set(candidates.map((e) => e.text));
  const others = new ShingleIndex(
    WRITTEN_TRAIN_SETS.flatMap((set) => readWrittenSet(set).prompts.map((p) => p.text.trim())).filter(
      (t) => !own.has(t),
    ),
  );
  return candidates.filter((e) => others.overlap(e.text) < MAX_OVERLAP_WITH_HELD_OUT);
}

/** Macro-F1 at the head's thresholds, per language, and PR-AUC per attack label. */
export function writtenValidationReport(scored: readonly Scored[]) {
  const byLang = byLanguage(scored);
  const prAuc = Object.fromEntries(ATTACK_LABELS.map((l) => [l, byLang.all.perLabel[l]?.prAuc ?? 0]));
  const meanPrAuc = Object.values(prAuc).reduce((a, b) => a + b, 0) / ATTACK_LABELS.length;
  return {
    n: scored.length,
    families: new Set(scored.map((s) => s.example.family)).size,
    macroF1: byLang.all.macroF1,
    en: byLang.en.macroF1,
    zh: byLang.zh.macroF1,
    prAuc,
    meanPrAuc,
    perClass: byLang.all.perClass,
  };
}

async function main(versions: string[]): Promise<void> {
  const rows = writtenValidationRows((await buildDataset({ writtenSets: [...WRITTEN_VALIDATION_SETS] })).examples);
  for (const version of versions) {
    const { classifier, cache } = await openCachedClassifier({
      modelsDir: path.resolve('models'),
      version,
      encoder: encoderSpecFrom(),
      threads: os.availableParallelism(),
      cacheDir: '.cache/embeddings',
    });
    const analyses = await classifier.analyze(rows.map((r) => r.text));
    await cache?.save();
    const r = writtenValidationReport(scoredOf(classifier, rows, analyses));
    const perLabel = (f: (l: (typeof ATTACK_LABELS)[number]) => number) =>
      ATTACK_LABELS.map((l) => f(l).toFixed(3)).join(' / ');
    console.log(
      `${version}: ${r.n} prompts, ${r.families} families; macro-F1 ${r.macroF1.toFixed(3)} (en ${r.en.toFixed(3)}, zh ${r.zh.toFixed(3)}); PR-AUC reasoning / rubric / censorship ${perLabel((l) => r.prAuc[l] ?? 0)} (mean ${r.meanPrAuc.toFixed(4)}); recall ${perLabel((l) => r.perClass[l]?.recall ?? 0)}`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const versions = process.argv.slice(2);
  if (versions.length === 0) {
    console.error('usage: tsx training/eval/written-validation.ts <version> [<version>...]');
    process.exit(2);
  }
  await main(versions);
  process.exit(0);
}
