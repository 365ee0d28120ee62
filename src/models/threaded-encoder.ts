/**
 * An encoder whose model runs on a worker thread. Tokenising and chunking stay on the calling
 * thread (they are cheap and synchronous); graph execution, the expensive part, happens on the
 * worker, so a server's event loop keeps answering requests while a batch is embedded, and
 * several threaded encoders use several cores.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../util/module-thread.js';
import type { Encoder } from './encoder.js';
import { OnnxChunker, OnnxEncoderError, type OnnxEncoderOptions } from './onnx-encoder.js';
import { loadLocalTokenizer } from './onnx-tokenizer.js';
import { SentencePieceTokenizer, type Vocabulary } from './sentencepiece-tokenizer.js';
import { USE_LITE_PINS } from './use-lite-pins.js';
import { defaultUseLiteDir, useLiteChunker, type UseLiteOptions } from './use-lite-encoder.js';
import { sha256, WeightsIntegrityError } from './weights-integrity.js';

export type WorkerRequest = { id: number; op: 'embedChunks'; texts: string[] };
/** What the worker loads. */
export type WorkerSpec = { kind: 'use-lite'; options: UseLiteOptions } | { kind: 'onnx'; options: OnnxEncoderOptions };
/** Tokenising and chunking, done on the calling thread. */
type Chunker = Pick<Encoder, 'maxTokens' | 'countTokens' | 'splitIntoChunks'>;
export type WorkerReply =
  | { id: number; vectors: Float32Array[] }
  | { id: number; error: string }
  | { ready: true; name: string; runtime: string; weightsHash: string; dim: number }
  | { ready: false; error: string };

class ThreadedEncoder implements Encoder {
  readonly maxTokens: number;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;

  constructor(
    private readonly worker: Worker,
    private readonly chunker: Chunker,
    readonly name: string,
    readonly runtime: string,
    readonly weightsHash: string,
    readonly dim: number,
  ) {
    this.maxTokens = chunker.maxTokens;
    worker.on('message', (reply: WorkerReply) => {
      if (!('id' in reply)) return;
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.vectors);
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`encoder thread exited with code ${code}`)));
  }

  countTokens(text: string): number {
    return this.chunker.countTokens(text);
  }

  splitIntoChunks(text: string, maxTokens = this.maxTokens): string[] {
    return this.chunker.splitIntoChunks(text, maxTokens);
  }

  embedChunks(chunks: readonly string[]): Promise<Float32Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (chunks.length === 0) return Promise.resolve([]);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op: 'embedChunks', texts: [...chunks] } satisfies WorkerRequest);
    });
  }

  async dispose(): Promise<void> {
    this.failure ??= new Error('encoder has been disposed');
    await this.worker.terminate();
  }
}

/** Starts a worker loading `spec`; resolves with what it loaded once it is ready. */
async function startEncoderThread(
  spec: WorkerSpec,
): Promise<{ worker: Worker; ready: { name: string; runtime: string; weightsHash: string; dim: number } }> {
  const worker = startModuleThread(import.meta.url, 'encoder-thread', { workerData: spec });
  const ready = await new Promise<{ name: string; runtime: string; weightsHash: string; dim: number }>(
    (resolve, reject) => {
      worker.once('message', (m: WorkerReply) =>
        'ready' in m && m.ready
          ? resolve(m)
          : reject(new Error('error' in m ? m.error : 'encoder thread failed to start')),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`encoder thread exited with code ${code} before it was ready`)));
    },
  ).catch(async (err: Error) => {
    await worker.terminate();
    if (spec.kind === 'onnx') throw new OnnxEncoderError(err.message);
    throw err.message.includes('SHA-256')
      ? Object.assign(new WeightsIntegrityError('', '', ''), { message: err.message })
      : err;
  });
  return { worker, ready };
}

/** Starts a worker holding the USE-lite model; resolves once the model is loaded and verified. */
export async function loadThreadedUseLiteEncoder(opts: UseLiteOptions = {}): Promise<Encoder> {
  const dir = opts.modelDir ?? defaultUseLiteDir();
  const vocabBytes = await readFile(path.join(dir, 'vocab.json'));
  const actual = sha256(vocabBytes);
  if (actual !== USE_LITE_PINS['vocab.json'])
    throw new WeightsIntegrityError(path.join(dir, 'vocab.json'), USE_LITE_PINS['vocab.json'] as string, actual);
  const chunker = useLiteChunker(new SentencePieceTokenizer(JSON.parse(vocabBytes.toString('utf8')) as Vocabulary));
  const { worker, ready } = await startEncoderThread({ kind: 'use-lite', options: { ...opts, modelDir: dir } });
  return new ThreadedEncoder(worker, chunker, ready.name, ready.runtime, ready.weightsHash, ready.dim);
}

/**
 * A local ONNX encoder (`onnx:<dir>`) on a worker thread: onnxruntime's `run` blocks the thread
 * that calls it, so the session lives on the worker and the caller's event loop stays free.
 */
export async function loadThreadedOnnxEncoder(opts: OnnxEncoderOptions): Promise<Encoder> {
  const chunker = new OnnxChunker(
    await loadLocalTokenizer(opts.dir).catch((err: unknown) => {
      throw new OnnxEncoderError(`cannot load the tokenizer in ${opts.dir}: ${(err as Error).message}`);
    }),
    opts,
  );
  const { worker, ready } = await startEncoderThread({ kind: 'onnx', options: opts });
  return new ThreadedEncoder(worker, chunker, ready.name, ready.runtime, ready.weightsHash, ready.dim);
}
