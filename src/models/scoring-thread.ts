/**
 * Worker thread of a scoring pool (scoring-pool.ts): holds one encoder (with its own chunk cache
 * when configured) and the heads loaded on it, and does all the per-prompt work of a
 * classification on this thread: chunking, lexical features, the pre-screen, embedding, the
 * head and the window aggregation, and the language. The calling thread only dispatches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CachedEncoder } from './cached-encoder.js';
import type { Encoder } from './encoder.js';
import { HeadClassifier } from './head-classifier.js';
import { loadHead } from './registry.js';
import { loadSpecInThread, type WorkerReply } from './threaded-encoder.js';
import type { ScoringRequest, ScoringThreadData } from './scoring-pool.js';

const data = workerData as ScoringThreadData;
const post = (m: unknown) => parentPort?.postMessage(m);

async function handle(
  encoder: Encoder,
  heads: Map<string, HeadClassifier>,
  msg: Exclude<ScoringRequest, { op: 'release' }>,
): Promise<object> {
  if (msg.op === 'load') {
    if (!heads.has(msg.version)) {
      const head = await loadHead({ modelsDir: msg.modelsDir, version: msg.version });
      if (head.meta.encoder.name !== encoder.name)
        throw new Error(
          `head ${msg.version} was trained on encoder ${head.meta.encoder.name} but ${encoder.name} is loaded`,
        );
      heads.set(msg.version, new HeadClassifier(encoder, head));
    }
    return { prescreen: heads.get(msg.version)?.head.prescreen !== undefined };
  }
  if (msg.op === 'stats') return { stats: encoder instanceof CachedEncoder ? encoder.stats() : null };
  const classifier = heads.get(msg.version);
  if (!classifier) throw new Error(`head ${msg.version} is not loaded on this thread`);
  if (msg.op === 'prescreen') return { results: classifier.prescreen(msg.prompts) };
  return { results: await classifier.classify(msg.prompts) };
}

loadSpecInThread(data.spec).then(
  (inner) => {
    const encoder = data.cacheEntries > 0 ? new CachedEncoder(inner, data.cacheEntries) : inner;
    const heads = new Map<string, HeadClassifier>();
    parentPort?.on('message', (msg: ScoringRequest) => {
      if (msg.op === 'release') {
        heads.delete(msg.version);
        return;
      }
      handle(encoder, heads, msg).then(
        (reply) => post({ ...reply, id: msg.id }),
        (err: unknown) => post({ id: msg.id, error: (err as Error).message }),
      );
    });
    post({
      ready: true,
      name: inner.name,
      runtime: inner.runtime,
      weightsHash: inner.weightsHash,
      dim: inner.dim,
    } satisfies WorkerReply);
  },
  (err: unknown) => post({ ready: false, error: (err as Error).message } satisfies WorkerReply),
);
