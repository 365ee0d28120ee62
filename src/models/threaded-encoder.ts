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
import { loadOnnxEncoder, OnnxChunker, OnnxEncoderError, type OnnxEncoderOptions } from './onnx-encoder.js';
import { ThreadCalls } from '../util/thread-calls.js';
import { loadLocalTokenizer } from './onnx-tokenizer.js';
import { SentencePieceTokenizer, type Vocabulary } from './sentencepiece-tokenizer.js';
import { USE_LITE_PINS } from './use-lite-pins.js';
import { defaultUseLiteDir, loadUseLiteEncoder, useLiteChunker, type UseLiteOptions } from './use-lite-encoder.js';
import { sha256, WeightsIntegrityError } from './weights-integrity.js';

export type WorkerRequest = { id: number; op: 'embedChunks'; texts: string[] };
/** What the worker loads. */
export type WorkerSpec = { kind: 'use-lite'; options: UseLiteOptions } | { kind: 'onnx'; options: OnnxEncoderOptions };
/** Tokenising and chunking, done on the calling thread. */
type Chunker = Pick<Encoder, 'maxTokens' | 'countTokens' | 'splitIntoChunks'>;
/** What a thread holding an encoder reports once it is loaded. */
export type ThreadReady = { name: string; runtime: string; weightsHash: string; dim: number };
export type WorkerReply =
  | { id: number; vectors: Float32Array[] }
  | { id: number; error: string }
  | ({ ready: true } & ThreadReady)
  | { ready: false; error: string };

/** Loads the encoder `spec` names on the calling thread (inside an encoder's worker thread). */
export function loadSpecInThread(spec: WorkerSpec): Promise<Encoder> {
  return spec.kind === 'onnx' ? loadOnnxEncoder(spec.options) : loadUseLiteEncoder(spec.options);
}

class ThreadedEncoder implements Encoder {
  readonly maxTokens: number;
  private readonly calls: ThreadCalls;

  constructor(
    worker: Worker,
    private readonly chunker: Chunker,
    readonly name: string,
    readonly runtime: string,
    readonly weightsHash: string,
    readonly dim: number,
  ) {
    this.maxTokens = chunker.maxTokens;
    this.calls = new ThreadCalls(worker);
  }

  countTokens(text: string): number {
    return this.chunker.countTokens(text);
  }

  splitIntoChunks(text: string, maxTokens = this.maxTokens): string[] {
    return this.chunker.splitIntoChunks(text, maxTokens);
  }

  async embedChunks(chunks: readonly string[]): Promise<Float32Array[]> {
    if (chunks.length === 0) return [];
    const reply = await this.calls.call<{ vectors: Float32Array[] }>({ op: 'embedChunks', texts: [...chunks] });
    return reply.vectors;
  }

  dispose(): Promise<void> {
    return this.calls.terminate('encoder has been disposed');
  }
}

/**
 * Starts the worker module `basename` (next to this file) with `workerData`, which loads the
 * encoder `spec` names; resolves with what it loaded once it is ready. A load failure keeps its
 * kind (OnnxEncoderError, WeightsIntegrityError).
 */
export async function startEncoderThread(
  spec: WorkerSpec,
  basename = 'encoder-thread',
  workerData: unknown = spec,
): Promise<{ worker: Worker; ready: ThreadReady }> {
  const worker = startModuleThread(import.meta.url, basename, { workerData });
  const ready = await new Promise<ThreadReady>((resolve, reject) => {
    worker.once('message', (m: WorkerReply) =>
      'ready' in m && m.ready
        ? resolve(m)
        : reject(new Error('error' in m ? m.error : 'encoder thread failed to start')),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`encoder thread exited with code ${code} before it was ready`)));
  }).catch(async (err: Error) => {
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
