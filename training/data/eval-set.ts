import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './io.js';
import type { DataManifest } from './manifest.js';
import { sha256 } from './rng.js';
import type { Example } from './types.js';

/**
 * Fixed, versioned evaluation set: ids + text hashes of every test/hardneg example. No text is
 * stored in the repo; texts are re-materialised from the shared public data and the generator,
 * then verified against the hashes.
 */
export const EVAL_SET_VERSION = 'v1';
export const EVAL_DIR = join(REPO_ROOT, 'training', 'eval-set');

export interface EvalEntry {
  id: string;
  sha256: string;
  label: string;
  source: string;
  family: string;
  lang: string;
  split: string;
}
export interface EvalMeta {
  version: string;
  seed: number;
  scale: number;
  generatorVersion: string;
  publicFiles: Record<string, string>;
  count: number;
}

export function evalPaths(version = EVAL_SET_VERSION): { manifest: string; meta: string } {
  return { manifest: join(EVAL_DIR, `${version}.manifest.jsonl`), meta: join(EVAL_DIR, `${version}.meta.json`) };
}

export function toEntries(examples: Example[]): EvalEntry[] {
  return examples
    .filter((e) => e.split === 'test' || e.split === 'hardneg')
    .map((e) => ({
      id: e.id,
      sha256: sha256(e.text),
      label: e.label,
      source: e.source,
      family: e.family,
      lang: e.lang,
      split: e.split,
    }));
}

export function writeEvalManifest(examples: Example[], manifest: DataManifest, version = EVAL_SET_VERSION): string {
  if (manifest.scale !== 1) throw new Error('the evaluation manifest must be written from a full build (scale 1)');
  const entries = toEntries(examples);
  const p = evalPaths(version);
  writeFileSync(p.manifest, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const meta: EvalMeta = {
    version,
    seed: manifest.seed,
    scale: 1,
    generatorVersion: manifest.generatorVersion,
    publicFiles: manifest.publicFiles,
    count: entries.length,
  };
  writeFileSync(p.meta, JSON.stringify(meta, null, 2) + '\n');
  return p.manifest;
}

export function readEvalManifest(version = EVAL_SET_VERSION): { entries: EvalEntry[]; meta: EvalMeta } {
  const p = evalPaths(version);
  const entries = readFileSync(p.manifest, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalEntry);
  const meta = JSON.parse(readFileSync(p.meta, 'utf8')) as EvalMeta;
  return { entries, meta };
}

/** Compares rebuilt examples with the manifest; returns human-readable mismatch lines. */
export function verifyAgainst(entries: EvalEntry[], examples: Example[]): string[] {
  const byId = new Map(examples.map((e) => [e.id, e]));
  const problems: string[] = [];
  for (const m of entries) {
    const e = byId.get(m.id);
    if (!e) {
      problems.push(`${m.id}: missing from rebuild`);
      continue;
    }
    if (sha256(e.text) !== m.sha256) problems.push(`${m.id}: text hash differs`);
    for (const k of ['label', 'source', 'family', 'lang', 'split'] as const) {
      if (e[k] !== m[k]) problems.push(`${m.id}: ${k} is ${e[k]}, manifest says ${m[k]}`);
    }
  }
  return problems;
}
