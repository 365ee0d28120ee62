/**
 * The model registry: one place that resolves versions under the models directory and loads
 * encoders and heads. Loading is memoized and single-flight (concurrent callers share one
 * load), and everything loaded can be disposed explicitly.
 *
 * Layout: `<modelsDir>/current.json` ({"version": "..."}) names the live head;
 * `<modelsDir>/<version>/head.json` + `weights.bin` hold each head.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { HeadClassifier } from '../features/classify/head-classifier.js';
import type { Encoder } from './encoder.js';
import { EncoderPool } from './encoder-pool.js';
import { readHeadArtifact } from './head-artifact.js';
import { PromptHead } from './heads/prompt-head.js';
import { loadThreadedUseLiteEncoder } from './threaded-encoder.js';
import { packageRoot } from '../util/package-root.js';

export const DEFAULT_MODELS_DIR = path.join(packageRoot(), 'models');

export class ModelNotFoundError extends Error {
  override readonly name = 'ModelNotFoundError';
}

export interface LoadOptions {
  modelsDir?: string;
  /** A version directory name, or `current` (default). */
  version?: string;
  /**
   * Encoder worker threads. 1 (default) suits a server, whose main thread handles requests;
   * bulk jobs (evaluation, re-scoring) pass the number of cores.
   */
  encoderThreads?: number;
}

const encoders = new Map<string, Promise<Encoder>>();
const classifiers = new Map<string, Promise<HeadClassifier>>();

function singleFlight<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
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

/**
 * The default encoder (USE-lite), loaded once per process. Its model runs on a worker thread
 * so request handling on the main thread continues while a batch is embedded.
 */
export function loadEncoder(name = 'use-lite', threads = 1): Promise<Encoder> {
  if (name !== 'use-lite') return Promise.reject(new ModelNotFoundError(`unknown encoder ${name}`));
  const count = Math.max(1, Math.floor(threads));
  return singleFlight(encoders, `${name}x${count}`, async () =>
    count === 1
      ? loadThreadedUseLiteEncoder()
      : new EncoderPool(await Promise.all(Array.from({ length: count }, () => loadThreadedUseLiteEncoder()))),
  );
}

export async function resolveVersion(opts: LoadOptions = {}): Promise<{ modelsDir: string; version: string }> {
  const modelsDir = path.resolve(opts.modelsDir ?? DEFAULT_MODELS_DIR);
  const version = !opts.version || opts.version === 'current' ? await currentVersion(modelsDir) : opts.version;
  return { modelsDir, version };
}

export async function loadHead(opts: LoadOptions = {}): Promise<PromptHead> {
  const { modelsDir, version } = await resolveVersion(opts);
  const dir = path.join(modelsDir, version);
  try {
    const artifact = await readHeadArtifact(dir);
    return new PromptHead(artifact.meta, artifact);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ModelNotFoundError(`no model ${version} in ${modelsDir}`);
    throw err;
  }
}

/** The classifier for a head version (default: current), with its encoder. */
export async function loadClassifier(opts: LoadOptions = {}): Promise<HeadClassifier> {
  const { modelsDir, version } = await resolveVersion(opts);
  const threads = opts.encoderThreads ?? 1;
  return singleFlight(classifiers, `${modelsDir}::${version}::${threads}`, async () => {
    const [head, encoder] = await Promise.all([loadHead({ modelsDir, version }), loadEncoder('use-lite', threads)]);
    if (head.meta.encoder.name !== encoder.name) {
      throw new ModelNotFoundError(
        `head ${version} was trained on encoder ${head.meta.encoder.name} but ${encoder.name} is loaded`,
      );
    }
    return new HeadClassifier(encoder, head);
  });
}

/** Releases every loaded model (tests, shutdown). */
export async function disposeModels(): Promise<void> {
  const loaded = await Promise.allSettled([...encoders.values()]);
  encoders.clear();
  classifiers.clear();
  await Promise.all(loaded.map((r) => (r.status === 'fulfilled' ? r.value.dispose() : undefined)));
}
