/**
 * Loads the fixed evaluation set: rebuilds the dataset with the manifest's seed (build.ts) and
 * checks every entry against the manifest (eval-set.ts). The same build gives the held-out splits
 * of the real-prompt bundle (public/real-sources.ts), whole sources each.
 */
import { buildDataset } from './build.js';
import { readEvalManifest, verifyAgainst } from './eval-set.js';
import { REAL_SOURCE_SPLITS, type RealSplit } from './public/real-sources.js';
import type { Example } from './types.js';

/** The rebuilt dataset's examples of the real-prompt bundle in `split` (its sources of that split). */
export function realSplit(examples: readonly Example[], split: Exclude<RealSplit, 'train'>): Example[] {
  return examples.filter((e) => REAL_SOURCE_SPLITS[e.source] === split && e.split === split);
}

/** The verified evaluation examples and the real-prompt bundle's test split, from one build. */
export async function loadEvalSets(
  opts: { datasetsDir?: string; version?: string } = {},
): Promise<{ evalSet: Example[]; realTest: Example[] }> {
  const { entries, meta } = readEvalManifest(opts.version);
  const { examples, manifest } = await buildDataset({
    datasetsDir: opts.datasetsDir,
    seed: meta.seed,
    scale: meta.scale,
  });
  const problems = verifyAgainst(entries, examples);
  const changedFiles = Object.keys(meta.publicFiles).filter((k) => manifest.publicFiles[k] !== meta.publicFiles[k]);
  if (problems.length > 0) {
    const head = problems.slice(0, 20).join('\n  ');
    const files = changedFiles.length ? `\npublic files whose sha256 changed: ${changedFiles.join(', ')}` : '';
    throw new Error(
      `evaluation set ${meta.version}: ${problems.length} mismatches (generator ${manifest.generatorVersion}, manifest built with ${meta.generatorVersion})${files}\n  ${head}`,
    );
  }
  const byId = new Map(examples.map((e) => [e.id, e]));
  return { evalSet: entries.map((m) => byId.get(m.id) as Example), realTest: realSplit(examples, 'test') };
}

/** Rebuilds the dataset with the manifest's seed and returns the verified evaluation examples. */
export async function loadEvalSet(opts: { datasetsDir?: string; version?: string } = {}): Promise<Example[]> {
  return (await loadEvalSets(opts)).evalSet;
}
