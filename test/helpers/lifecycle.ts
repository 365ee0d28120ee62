/**
 * Temporary model registries for lifecycle tests: a copy of the shipped head as the live version,
 * variants of it written as new versions (real heads, weights changed on purpose), and a small
 * labelled evaluation fixture (test/fixtures/lifecycle-eval.jsonl) in both languages.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readHeadArtifact, writeHeadArtifact, type HeadMetadata } from '../../src/models/head-artifact.js';
import { currentVersion, DEFAULT_MODELS_DIR } from '../../src/models/registry.js';
import type { Example } from '../../training/data/types.js';

const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'lifecycle-eval.jsonl');

export async function fixtureExamples(): Promise<Example[]> {
  return (await readFile(FIXTURE, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Example);
}

/** A temp registry holding a copy of the shipped head, current.json pointing at it. */
export async function tempRegistry(): Promise<{ dir: string; live: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dg-models-'));
  const live = await currentVersion(DEFAULT_MODELS_DIR);
  await writeVariant(dir, path.join(DEFAULT_MODELS_DIR, live), live, () => {});
  for (const f of ['data-manifest.json', 'training-record.json'])
    await copyFile(path.join(DEFAULT_MODELS_DIR, live, f), path.join(dir, live, f));
  await writeFile(path.join(dir, 'current.json'), `${JSON.stringify({ version: live })}\n`);
  return { dir, live, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Writes the head in `fromDir` as version `version` under `modelsDir`, after `change` has edited
 * copies of its tensors and metadata.
 */
export async function writeVariant(
  modelsDir: string,
  fromDir: string,
  version: string,
  change: (tensors: Map<string, Float32Array>, meta: HeadMetadata) => void,
): Promise<string> {
  const artifact = await readHeadArtifact(fromDir);
  const tensors = new Map(
    Object.keys(artifact.meta.tensors).map((name) => [name, Float32Array.from(artifact.tensor(name))]),
  );
  const meta: HeadMetadata = structuredClone(artifact.meta);
  change(tensors, meta);
  const { tensors: _t, weightsSha256: _w, ...rest } = meta;
  await writeHeadArtifact(path.join(modelsDir, version), { ...rest, version }, tensors);
  return version;
}
