/**
 * The model registry: one place that loads encoders and heads of the versions under the models
 * directory (versions.ts). Loading is memoized and single-flight (concurrent callers share one
 * load), and everything loaded can be disposed explicitly.
 */
import { HeadClassifier } from './head-classifier.js';
import type { Batching } from './chunked-embedding.js';
import type { Encoder } from './encoder.js';
import { EncoderPool } from './encoder-pool.js';
import { CachedEncoder, sumCacheStats, type EncoderCacheStats } from './cached-encoder.js';
import type { PromptClassifier } from './prompt-classifier.js';
import { ScoringPool, type PooledClassifier } from './scoring-pool.js';
import { PromptHead } from './heads/prompt-head.js';
import { loadThreadedOnnxEncoder, loadThreadedUseLiteEncoder, type WorkerSpec } from './threaded-encoder.js';
import { encoderSpecFrom } from '../env.js';
import {
  checkVersion,
  ModelNotFoundError,
  readPinnedArtifact,
  readVersionMeta,
  resolveVersion,
  type VersionOptions,
} from './versions.js';

export {
  checkVersion,
  currentVersion,
  DEFAULT_MODELS_DIR,
  listVersions,
  ModelNotFoundError,
  readVersionMeta,
  resolveVersion,
  setCurrentVersion,
  versionDir,
  type VersionOptions,
} from './versions.js';

export interface LoadOptions extends VersionOptions {
  /**
   * Encoder threads (default 1). The server and bulk jobs (evaluation, re-scoring) pass the
   * number of cores; graph execution runs off the calling thread either way.
   */
  encoderThreads?: number;
  /** onnxruntime threads inside each encoder thread's graph execution (default 1). */
  intraOpThreads?: number;
  /**
   * How the encoder batches (see chunked-embedding.ts). `exact-length` (default) makes every
   * vector independent of its batch neighbours, so bulk results are reproducible; the request
   * path uses `similar-length`, which costs fewer graph executions for mixed concurrent prompts.
   */
  batching?: Batching;
  /** Encoder spec (default DISTILL_GUARD_ENCODER): `use-lite`, `use-lite:tfjs` or `onnx:<dir>`. */
  encoder?: string;
  /**
   * Chunk vectors kept in the chunk embedding cache (0, the default: no cache). Applied only where
   * a chunk's vector does not depend on its batch (see `cacheable`), so answers never change.
   */
  encoderCache?: number;
  /**
   * Where the per-prompt work runs (`loadPromptClassifier`): `calling-thread` (default; only graph
   * execution runs on the encoder threads) or `encoder-threads` (chunking, lexical features, the
   * pre-screen, the head and the language run there too: a server's event loop only dispatches).
   */
  scoring?: 'calling-thread' | 'encoder-threads';
}

const encoders = new Map<string, Promise<Encoder>>();
const classifiers = new Map<string, Promise<HeadClassifier>>();
const pools = new Map<string, Promise<ScoringPool>>();
const pooledClassifiers = new Map<string, Promise<PooledClassifier>>();

function singleFlight<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/**
 * The configured encoder (DISTILL_GUARD_ENCODER: `use-lite` by default, `use-lite:tfjs`, or
 * `onnx:<dir>`), loaded once per process. Every encoder runs on `threads` threads
 * (USE-lite on onnxruntime or TensorFlow.js, a local ONNX model on onnxruntime), so request
 * handling on the main thread continues while a batch is embedded.
 */
export function loadEncoder(
  name = encoderSpecFrom(),
  threads = 1,
  batching: Batching = 'exact-length',
  cacheEntries = 0,
  intraOpThreads = 1,
): Promise<Encoder> {
  const { count, cache, key } = encoderKey(name, threads, batching, cacheEntries, intraOpThreads);
  return singleFlight(encoders, key, async () => {
    const encoder = await openEncoder(name, count, batching, intraOpThreads);
    return cache > 0 ? new CachedEncoder(encoder, cache) : encoder;
  });
}

/** Threads and cache entries as loaded, and the key an encoder (or a scoring pool) is memoised under. */
function encoderKey(name: string, threads: number, batching: Batching, cacheEntries: number, intraOpThreads: number) {
  const count = Math.max(1, Math.floor(threads));
  const cache = cacheable(name, batching) ? Math.max(0, Math.floor(cacheEntries)) : 0;
  return { count, cache, key: `${name}x${count}x${intraOpThreads}:${batching}:${cache}` };
}

/**
 * Whether a chunk's vector depends on the chunk alone: always with `exact-length` batching, and
 * with any batching on USE-lite's onnxruntime graph (one row per execution). Otherwise a cached
 * vector could differ from a fresh one by the ~1e-7 that padding to a neighbour costs.
 */
export function cacheable(name: string, batching: Batching): boolean {
  return batching === 'exact-length' || name === 'use-lite';
}

/** Hits, misses and size of the chunk embedding caches loaded in this process (summed), or null when none is. */
export async function encoderCacheStats(): Promise<EncoderCacheStats | null> {
  const loaded = await Promise.allSettled([...encoders.values()]);
  const caches = loaded.flatMap((r) => (r.status === 'fulfilled' && r.value instanceof CachedEncoder ? [r.value] : []));
  const pooled = await Promise.allSettled([...pools.values()].map((p) => p.then((pool) => pool.stats())));
  const stats = [
    ...caches.map((c) => c.stats()),
    ...pooled.flatMap((r) => (r.status === 'fulfilled' && r.value !== null ? [r.value] : [])),
  ];
  return stats.length === 0 ? null : stats.reduce(sumCacheStats);
}

/** What a worker thread loads for the encoder `name`, or ModelNotFoundError. */
function workerSpec(name: string, batching: Batching, intraOpThreads: number): WorkerSpec {
  const threads = Math.max(1, Math.floor(intraOpThreads));
  // `onnx:<dir>`: a local ONNX export, one session per worker thread like USE-lite.
  if (name.startsWith('onnx:'))
    return { kind: 'onnx', options: { dir: name.slice('onnx:'.length), batching, threads } };
  if (name === 'use-lite' || name === 'use-lite:tfjs')
    return { kind: 'use-lite', options: { batching, runtime: name === 'use-lite' ? 'onnxruntime' : 'tfjs', threads } };
  throw new ModelNotFoundError(`unknown encoder ${name}`);
}

/**
 * The same, not memoised: the caller owns the encoder and disposes it (training, which needs it
 * only while embedding). `threads` > 1 gives a pool of threaded encoders; if one fails to start,
 * the others are stopped.
 */
export async function openEncoder(
  name: string,
  threads = 1,
  batching: Batching = 'exact-length',
  intraOpThreads = 1,
): Promise<Encoder> {
  const count = Math.max(1, Math.floor(threads));
  const spec = workerSpec(name, batching, intraOpThreads);
  const start = () =>
    spec.kind === 'onnx' ? loadThreadedOnnxEncoder(spec.options) : loadThreadedUseLiteEncoder(spec.options);
  if (count === 1) return start();
  const started = await Promise.allSettled(Array.from({ length: count }, start));
  const ready = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(ready.map((e) => e.dispose()));
    throw failed.reason;
  }
  return new EncoderPool(ready, 32, batching);
}

export async function loadHead(opts: LoadOptions = {}): Promise<PromptHead> {
  const { modelsDir, version } = await resolveVersion(opts);
  const artifact = await readPinnedArtifact(modelsDir, version);
  return new PromptHead(artifact.meta, artifact);
}

/** The classifier for a head version (default: current), with its encoder. */
export async function loadClassifier(opts: LoadOptions = {}): Promise<HeadClassifier> {
  const { modelsDir, version } = await resolveVersion(opts);
  const threads = opts.encoderThreads ?? 1;
  const intra = opts.intraOpThreads ?? 1;
  const batching = opts.batching ?? 'exact-length';
  const spec = opts.encoder ?? encoderSpecFrom();
  const cache = opts.encoderCache ?? 0;
  const key = classifierKey(modelsDir, version, `${threads}x${intra}`, batching, spec, cache);
  return singleFlight(classifiers, key, async () => {
    const [head, encoder] = await Promise.all([
      loadHead({ modelsDir, version }),
      loadEncoder(spec, threads, batching, cache, intra),
    ]);
    if (head.meta.encoder.name !== encoder.name) {
      throw new ModelNotFoundError(
        `head ${version} was trained on encoder ${head.meta.encoder.name} but ${encoder.name} is loaded`,
      );
    }
    return new HeadClassifier(encoder, head);
  });
}

/**
 * The classifier for a head version as `opts.scoring` says: a HeadClassifier on the calling
 * thread, or one whose per-prompt work runs on a pool of `encoderThreads` scoring threads
 * (scoring-pool.ts; the pool is shared by every head version loaded on it).
 */
export async function loadPromptClassifier(opts: LoadOptions = {}): Promise<PromptClassifier> {
  if (opts.scoring !== 'encoder-threads') return loadClassifier(opts);
  const { modelsDir, version } = await resolveVersion(opts);
  const spec = opts.encoder ?? encoderSpecFrom();
  const intra = opts.intraOpThreads ?? 1;
  const batching = opts.batching ?? 'exact-length';
  const { count, cache, key } = encoderKey(spec, opts.encoderThreads ?? 1, batching, opts.encoderCache ?? 0, intra);
  return singleFlight(pooledClassifiers, `${key}::${modelsDir}::${version}`, async () => {
    const [meta, pool] = await Promise.all([
      checkVersion({ modelsDir, version }).then(() => readVersionMeta(modelsDir, version)),
      singleFlight(pools, key, () => ScoringPool.start(workerSpec(spec, batching, intra), count, cache)),
    ]);
    if (meta.encoder.name !== pool.encoderName) {
      throw new ModelNotFoundError(
        `head ${version} was trained on encoder ${meta.encoder.name} but ${pool.encoderName} is loaded`,
      );
    }
    return pool.classifier(modelsDir, version);
  });
}

const classifierKey = (
  modelsDir: string,
  version: string,
  threads: string,
  batching: Batching,
  encoder: string,
  cache: number,
) => `${modelsDir}::${version}::${threads}::${batching}::${encoder}::${cache}`;

/**
 * Forgets one head version (after a hot swap, once its last batch has finished). Heads hold
 * plain arrays, so forgetting frees them; the encoder is shared by every head and stays loaded.
 */
export async function releaseClassifier(opts: LoadOptions & { version: string }): Promise<void> {
  const { modelsDir, version } = await resolveVersion(opts);
  if (opts.scoring === 'encoder-threads') {
    const { key } = encoderKey(
      opts.encoder ?? encoderSpecFrom(),
      opts.encoderThreads ?? 1,
      opts.batching ?? 'exact-length',
      opts.encoderCache ?? 0,
      opts.intraOpThreads ?? 1,
    );
    const pooled = pooledClassifiers.get(`${key}::${modelsDir}::${version}`);
    pooledClassifiers.delete(`${key}::${modelsDir}::${version}`);
    await pooled?.then((c) => c.release()).catch(() => undefined);
    return;
  }
  classifiers.delete(
    classifierKey(
      modelsDir,
      version,
      `${opts.encoderThreads ?? 1}x${opts.intraOpThreads ?? 1}`,
      opts.batching ?? 'exact-length',
      opts.encoder ?? encoderSpecFrom(),
      opts.encoderCache ?? 0,
    ),
  );
}

/** Releases every loaded model (tests, shutdown). */
export async function disposeModels(): Promise<void> {
  const loaded = await Promise.allSettled([...encoders.values(), ...pools.values()]);
  encoders.clear();
  classifiers.clear();
  pools.clear();
  pooledClassifiers.clear();
  await Promise.all(loaded.map((r) => (r.status === 'fulfilled' ? r.value.dispose() : undefined)));
}
