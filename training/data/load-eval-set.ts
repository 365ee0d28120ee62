/**
 * Loads the fixed evaluation set: rebuilds the dataset with the manifest's seed (build.ts) and
 * checks every entry against the manifest (eval-set.ts).
 */
import { buildDataset } from './build.js';
import { readEvalManifest, verifyAgainst } from './eval-set.js';
import type { Example } from './types.js';

/** Rebuilds the dataset with the manifest's seed and returns the verified evaluation examples. */
export async function loadEvalSet(opts: { datasetsDir?: string; version?: string } = {}): Promise<Example[]> {
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
  return entries.map((m) => byId.get(m.id) as Example);
}
