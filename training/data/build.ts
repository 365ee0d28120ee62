import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeEvalManifest } from './eval-set.js';
import { generateExtraBuried } from './generate/extra-buried.js';
import { generateExtra } from './generate/extra-index.js';
import { generateAll, GENERATOR_VERSION } from './generate/index.js';
import { feedbackExamples } from './feedback.js';
import { DataReader, resolveDatasetsDir } from './io.js';
import { countsOf, examplesDigest, type DataManifest } from './manifest.js';
import { loadPublic, type LoadCtx } from './public/index.js';
import { loadRealBundle } from './public/real-bundle.js';
import { assignSplits, type PooledDraft } from './split.js';
import type { Example } from './types.js';
import { writtenTrainingDrafts, type WrittenSet } from './written.js';

export type { DataManifest } from './manifest.js';

export const DEFAULT_SEED = 20240611;

export interface BuildOptions {
  datasetsDir?: string;
  seed?: number;
  scale?: number;
  /** A `distill-guard feedback export` file: its examples join the train split (training/data/feedback.ts). */
  feedbackFile?: string;
  /** Hand-written training sets to include (written.ts; default all of them). */
  writtenSets?: readonly WrittenSet[];
}

interface AlpacaItem {
  output: string;
  dataset: string;
}

/** Builds the whole labelled dataset deterministically from the public sets and the generator. */
export async function buildDataset(opts: BuildOptions = {}): Promise<{ examples: Example[]; manifest: DataManifest }> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const scale = opts.scale ?? 1;
  const datasetsDir = resolveDatasetsDir(opts.datasetsDir);
  const reader = new DataReader(datasetsDir);
  const ctx: LoadCtx = { reader, seed, scale, capped: {}, excluded: {} };
  const pub = loadPublic(ctx);
  const enParas = reader
    .json<AlpacaItem[]>('alpaca_eval_set/outputs.json')
    .filter((x) => x.dataset !== 'vicuna' && x.output.length >= 200 && x.output.length <= 1500)
    .map((x) => x.output.trim());
  const gen = generateAll({ seed, scale, enParas });
  // Extra train-side families come LAST: dedupe keeps the first occurrence, so they can never
  // displace an existing example (or change an evaluation-set id).
  const extra = [...generateExtra({ seed, scale }), ...generateExtraBuried({ seed, scale, enParas })];
  // Hand-written training prompts (written.ts) after them, for the same reason. They are data,
  // not generated: the same at every scale.
  const written = writtenTrainingDrafts(opts.writtenSets);
  // The real-prompt bundle last of all, for the same reason: each of its sources goes whole to one
  // split (public/real-sources.ts), so no earlier example moves.
  const real = loadRealBundle(ctx);
  const drafts: PooledDraft[] = [...pub, ...gen, ...extra, ...written.drafts, ...real];

  // Exact-duplicate texts: keep the first occurrence (public sources come first, fixed order).
  const seen = new Set<string>();
  const unique: PooledDraft[] = [];
  for (const d of drafts) {
    if (seen.has(d.text)) continue;
    seen.add(d.text);
    unique.push(d);
  }
  const examples = assignSplits(unique);
  const feedback = opts.feedbackFile !== undefined ? feedbackExamples(opts.feedbackFile, seen) : undefined;
  if (feedback !== undefined) examples.push(...feedback.examples);
  const c = countsOf(examples);
  const lens = examples.map((e) => e.text.length).sort((a, b) => a - b);
  const manifest: DataManifest = {
    seed,
    scale,
    datasetsDir,
    publicFiles: reader.hashes(),
    writtenFiles: written.files,
    generatorVersion: GENERATOR_VERSION,
    total: examples.length,
    totalChars: lens.reduce((s, x) => s + x, 0),
    medianChars: lens[lens.length >> 1] ?? 0,
    counts: { label: c.label, source: c.source, lang: c.lang, split: c.split, splitLabelLang: c.splitLabelLang },
    hardNegativesBySource: c.hard,
    familySplits: c.fam,
    lengthCapped: ctx.capped,
    excluded: ctx.excluded,
    duplicatesRemoved: drafts.length - unique.length,
    sha256: examplesDigest(examples),
    ...(feedback !== undefined ? { feedback: feedback.manifest } : {}),
  };
  return { examples, manifest };
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const out = arg(argv, '--out');
  const man = arg(argv, '--manifest');
  const seedArg = arg(argv, '--seed');
  const scaleArg = arg(argv, '--scale');
  const datasetsDir = arg(argv, '--datasets-dir');
  const t0 = Date.now();
  const { examples, manifest } = await buildDataset({
    datasetsDir,
    seed: seedArg ? Number(seedArg) : undefined,
    scale: scaleArg ? Number(scaleArg) : undefined,
  });
  if (out) writeFileSync(resolve(out), examples.map((e) => JSON.stringify(e)).join('\n') + '\n');
  if (man) writeFileSync(resolve(man), JSON.stringify(manifest, null, 2) + '\n');
  if (argv.includes('--write-eval-manifest')) {
    const path = writeEvalManifest(examples, manifest);
    console.log(`eval manifest written: ${path}`);
  }
  console.log(`built ${examples.length} examples (${manifest.totalChars} chars) in ${Date.now() - t0} ms`);
  console.log(JSON.stringify(manifest.counts.split));
  if (!out && !man && !argv.includes('--write-eval-manifest'))
    console.log('nothing written: pass --out FILE.jsonl and/or --manifest FILE.json');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
