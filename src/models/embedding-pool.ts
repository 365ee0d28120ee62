/**
 * Embeds large batches of text on several worker threads, each with its own encoder, so bulk
 * jobs (training, re-scoring) use every core. Order of the results matches the input.
 */
import os from 'node:os';
import { startModuleWorker } from '../util/module-worker.js';

export interface EmbeddingPoolOptions {
  threads?: number;
  /** Texts per message to a worker. */
  batchSize?: number;
  /** Chunks averaged per text at most (see Encoder.embed). */
  maxChunksPerText?: number;
  onProgress?: (done: number, total: number) => void;
}

interface Reply {
  id: number;
  vectors?: Float32Array[];
  error?: string;
}

export async function embedWithPool(texts: readonly string[], opts: EmbeddingPoolOptions = {}): Promise<Float32Array[]> {
  const threads = Math.max(1, Math.min(opts.threads ?? os.availableParallelism(), Math.ceil(texts.length / 8)));
  const batchSize = opts.batchSize ?? 32;
  const out: Float32Array[] = new Array<Float32Array>(texts.length);
  const workers = Array.from({ length: threads }, () =>
    startModuleWorker(import.meta.url, 'embedding-worker', { workerData: { maxChunksPerText: opts.maxChunksPerText ?? 8 } }),
  );
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= texts.length) return resolve();
              const start = next;
              next = Math.min(texts.length, next + batchSize);
              w.postMessage({ id: start, texts: texts.slice(start, next) });
            };
            w.on('message', (reply: Reply) => {
              if (reply.error || !reply.vectors) return reject(new Error(reply.error ?? 'embedding worker failed'));
              reply.vectors.forEach((v, k) => {
                out[reply.id + k] = v;
              });
              done += reply.vectors.length;
              opts.onProgress?.(done, texts.length);
              send();
            });
            w.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
