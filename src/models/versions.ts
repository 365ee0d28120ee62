/**
 * The head versions under the models directory: resolving a version (or `current`), listing them,
 * reading their metadata, and pointing `current.json` at one. No model is loaded here
 * (registry.ts loads them).
 *
 * Layout: `<modelsDir>/current.json` ({"version": "..."}) names the live head;
 * `<modelsDir>/<version>/` holds each version: `head.json` + `weights.bin` (the head: encoder name
 * and hash, thresholds, stacker = calibration, training config and seed), `data-manifest.json`,
 * `training-record.json`, and once evaluated `eval.json`, `EVAL.md`, `predictions.jsonl`,
 * `metrics.json` and `MODEL_CARD.md`. `<modelsDir>/promotions.jsonl` logs every promotion.
 * `current.json` and each promotion record pin the SHA-256 of the promoted head's files; a head
 * whose files no longer match its pins is refused (see head-pins.ts).
 */
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HeadMetadataSchema, readHeadArtifact, type HeadArtifact, type HeadMetadata } from './head-artifact.js';
import { CURRENT_FILE, verifyPins, type HeadDigests } from './head-pins.js';
import { packageRoot } from '../util/package-root.js';

export const DEFAULT_MODELS_DIR = path.join(packageRoot(), 'models');

export class ModelNotFoundError extends Error {
  override readonly name = 'ModelNotFoundError';
}

/** Which version to use: a directory name under `modelsDir`, or `current` (default). */
export interface VersionOptions {
  modelsDir?: string;
  /** A version directory name, or `current` (default). */
  version?: string;
}

const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The directory of a version; rejects names that are not plain directory names. */
export function versionDir(modelsDir: string, version: string): string {
  if (!VERSION_NAME.test(version)) throw new ModelNotFoundError(`invalid model version ${JSON.stringify(version)}`);
  return path.join(path.resolve(modelsDir), version);
}

/**
 * Points `current.json` at a version, pinning the SHA-256 of its head.json and weights.bin (write
 * to a temporary file, then rename: readers see the old or the new pointer). A version whose
 * files no longer match an earlier pin is refused. Returns the pinned digests.
 */
export async function setCurrentVersion(modelsDir: string, version: string): Promise<HeadDigests> {
  const artifact = await readPinnedArtifact(path.resolve(modelsDir), version);
  const target = path.join(path.resolve(modelsDir), CURRENT_FILE);
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ version, ...artifact.digests })}\n`);
  await rename(tmp, target);
  return artifact.digests;
}

/** A version's head, checked against its own weights digest and against every pin recorded for it. */
export async function readPinnedArtifact(modelsDir: string, version: string): Promise<HeadArtifact> {
  let artifact: HeadArtifact;
  try {
    artifact = await readHeadArtifact(versionDir(modelsDir, version));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new ModelNotFoundError(`no model ${version} in ${modelsDir}`);
    throw err;
  }
  await verifyPins(modelsDir, version, artifact.digests);
  return artifact;
}

/** Resolves a version (or `current`) that exists and matches its pins, without loading an encoder. */
export async function checkVersion(opts: VersionOptions = {}): Promise<string> {
  const { modelsDir, version } = await resolveVersion(opts);
  await readPinnedArtifact(modelsDir, version);
  return version;
}

export async function currentVersion(modelsDir = DEFAULT_MODELS_DIR): Promise<string> {
  try {
    const raw = JSON.parse(await readFile(path.join(modelsDir, 'current.json'), 'utf8')) as { version?: unknown };
    if (typeof raw.version !== 'string') throw new Error('no version field');
    return raw.version;
  } catch (err) {
    throw new ModelNotFoundError(`cannot read ${path.join(modelsDir, 'current.json')}: ${(err as Error).message}`);
  }
}

export async function listVersions(modelsDir = DEFAULT_MODELS_DIR): Promise<string[]> {
  const entries = await readdir(modelsDir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    try {
      await readFile(path.join(modelsDir, e.name, 'head.json'));
      out.push(e.name);
    } catch {
      // not a head directory
    }
  }
  return out.sort();
}

/** A version's head metadata (head.json only: no weights are read). */
export async function readVersionMeta(modelsDir: string, version: string): Promise<HeadMetadata> {
  let raw: string;
  try {
    raw = await readFile(path.join(versionDir(modelsDir, version), 'head.json'), 'utf8');
  } catch {
    throw new ModelNotFoundError(`no model ${version} in ${modelsDir}`);
  }
  return HeadMetadataSchema.parse(JSON.parse(raw));
}

export async function resolveVersion(opts: VersionOptions = {}): Promise<{ modelsDir: string; version: string }> {
  const modelsDir = path.resolve(opts.modelsDir ?? DEFAULT_MODELS_DIR);
  const version = !opts.version || opts.version === 'current' ? await currentVersion(modelsDir) : opts.version;
  return { modelsDir, version };
}
