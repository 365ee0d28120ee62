/**
 * A sentence encoder loaded from a local directory holding an ONNX export (`model.onnx`) and its
 * tokenizer (`tokenizer.json`, `tokenizer_config.json`), run with onnxruntime-node: for example a
 * MiniLM or E5 model downloaded by the operator. Nothing is fetched.
 *
 * Inputs fed: `input_ids`, plus `attention_mask` and `token_type_ids` (zeros) when the graph
 * declares them. Output: `sentence_embedding` ([batch, dim], used as is) when present, else
 * `last_hidden_state` (or the first output) of shape [batch, tokens, dim], mean-pooled over the
 * attention mask. Every vector is L2-normalised. Text longer than the model's window is split
 * into chunks (see text-chunks.ts) whose vectors are averaged and re-normalised.
 *
 * onnxruntime's `run` blocks the calling thread while a batch executes, so the service loads this
 * encoder on a worker thread (threaded-encoder.ts, `loadThreadedOnnxEncoder`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Encoder } from './encoder.js';
import { runByLength, splitForWindow, type Batching } from './chunked-embedding.js';
import { loadLocalTokenizer, type LocalTokenizer } from './onnx-tokenizer.js';
import { l2Normalize } from './vector-math.js';
import { encoderSessionOptions } from './ort-session-options.js';
import { sha256 } from './weights-integrity.js';

/** Window used when the tokenizer config names none. */
export const ONNX_DEFAULT_MAX_TOKENS = 512;
/** Characters per token allowed in a chunk (keeps chunks local in text the vocabulary splits finely). */
const CHARS_PER_TOKEN = 5;
const FED_INPUTS = new Set(['input_ids', 'attention_mask', 'token_type_ids']);

export interface OnnxEncoderOptions {
  /** Directory with model.onnx and tokenizer.json. */
  dir: string;
  /** Chunks per graph execution (default 16). */
  batchSize?: number;
  /** Tokens per input including special tokens (default: the tokenizer's model_max_length, capped at 512). */
  maxTokens?: number;
  /** onnxruntime intra-op threads (default 1: a server keeps its other core for requests). */
  threads?: number;
  /** Which chunks share a graph execution (default `exact-length`: reproducible vectors). */
  batching?: Batching;
}

export class OnnxEncoderError extends Error {
  override readonly name = 'OnnxEncoderError';
}

/** `onnx@<model hash>.<tokenizer hash>`: heads record it, and refuse an encoder with another. */
export function onnxEncoderName(modelHash: string, tokenizerHash: string): string {
  return `onnx@${modelHash.slice(0, 12)}.${tokenizerHash.slice(0, 8)}`;
}

async function readRequired(dir: string, file: string): Promise<Buffer> {
  try {
    return await readFile(path.join(dir, file));
  } catch (err) {
    throw new OnnxEncoderError(`ONNX encoder directory ${dir} has no readable ${file}: ${(err as Error).message}`);
  }
}

export async function loadOnnxEncoder(opts: OnnxEncoderOptions): Promise<Encoder> {
  const dir = path.resolve(opts.dir);
  const [modelBytes, tokenizerBytes] = await Promise.all([
    readRequired(dir, 'model.onnx'),
    readRequired(dir, 'tokenizer.json'),
  ]);
  const tokenizer = await loadLocalTokenizer(dir);
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path.join(dir, 'model.onnx'), encoderSessionOptions(opts.threads));
  } catch (err) {
    throw new OnnxEncoderError(`cannot load ${path.join(dir, 'model.onnx')}: ${(err as Error).message}`);
  }
  try {
    const encoder = new OnnxEncoder(session, tokenizer, sha256(modelBytes), sha256(tokenizerBytes), opts);
    await encoder.init();
    return encoder;
  } catch (err) {
    await session.release();
    throw err;
  }
}

/**
 * How an ONNX encoder's tokenizer cuts text: the window left beside the special tokens, token
 * counts and chunks. Used next to the session, and on the calling thread of a threaded encoder.
 */
export class OnnxChunker {
  readonly maxTokens: number;
  private readonly specials: number;

  constructor(
    private readonly tokenizer: LocalTokenizer,
    opts: Pick<OnnxEncoderOptions, 'maxTokens'>,
  ) {
    const window =
      opts.maxTokens ?? Math.min(tokenizer.modelMaxLength ?? ONNX_DEFAULT_MAX_TOKENS, ONNX_DEFAULT_MAX_TOKENS);
    this.specials = tokenizer.encodeWithSpecials('').length;
    this.maxTokens = window - this.specials;
    if (this.maxTokens < 1)
      throw new OnnxEncoderError(`a window of ${window} tokens leaves no room beside ${this.specials} special tokens`);
  }

  countTokens(text: string): number {
    return this.tokenizer.encodeText(text).length;
  }

  splitIntoChunks(text: string, maxTokens = this.maxTokens): string[] {
    return splitForWindow(text, maxTokens, this.maxTokens, this.maxTokens * CHARS_PER_TOKEN, (t) =>
      this.countTokens(t),
    );
  }

  /** Token ids with special tokens, cut to the window (keeping the closing special token). */
  ids(chunk: string): number[] {
    const ids = this.tokenizer.encodeWithSpecials(chunk);
    const limit = this.maxTokens + this.specials;
    if (ids.length <= limit) return ids;
    const tail = this.specials > 1 ? ids.slice(-(this.specials - 1)) : [];
    return [...ids.slice(0, limit - tail.length), ...tail];
  }
}

class OnnxEncoder implements Encoder {
  readonly name: string;
  readonly runtime = 'onnxruntime';
  readonly maxTokens: number;
  dim = 0;
  private readonly inputTypes = new Map<string, ort.Tensor.Type>();
  private readonly output: string;
  private readonly batchSize: number;
  private readonly chunker: OnnxChunker;
  private readonly batching: Batching;
  private disposed = false;

  constructor(
    private readonly session: ort.InferenceSession,
    private readonly tokenizer: LocalTokenizer,
    readonly weightsHash: string,
    tokenizerHash: string,
    opts: OnnxEncoderOptions,
  ) {
    this.name = onnxEncoderName(weightsHash, tokenizerHash);
    this.batchSize = opts.batchSize ?? 16;
    this.batching = opts.batching ?? 'exact-length';
    this.chunker = new OnnxChunker(tokenizer, opts);
    this.maxTokens = this.chunker.maxTokens;
    for (const meta of session.inputMetadata) {
      if (!FED_INPUTS.has(meta.name))
        throw new OnnxEncoderError(`model input ${meta.name} is not one of ${[...FED_INPUTS].join(', ')}`);
      this.inputTypes.set(meta.name, meta.isTensor ? meta.type : 'int64');
    }
    if (!this.inputTypes.has('input_ids')) throw new OnnxEncoderError('the model has no input_ids input');
    const outputs = session.outputNames;
    this.output =
      ['sentence_embedding', 'last_hidden_state'].find((n) => outputs.includes(n)) ?? (outputs[0] as string);
  }

  /** Learns the output dimension from one run (exports often leave it symbolic). */
  async init(): Promise<void> {
    const [probe] = await this.run([this.tokenizer.encodeWithSpecials('a')]);
    this.dim = (probe as Float32Array).length;
  }

  countTokens(text: string): number {
    return this.chunker.countTokens(text);
  }

  splitIntoChunks(text: string, maxTokens = this.maxTokens): string[] {
    return this.chunker.splitIntoChunks(text, maxTokens);
  }

  async embedChunks(chunks: readonly string[]): Promise<Float32Array[]> {
    if (this.disposed) throw new Error('encoder has been disposed');
    const ids = chunks.map((c) => this.chunker.ids(c));
    return runByLength(ids, this.batchSize, (batch) => this.run(batch), this.batching);
  }

  private tensor(name: string, values: number[], dims: [number, number]): ort.Tensor {
    const type = this.inputTypes.get(name);
    if (type === 'int32') return new ort.Tensor('int32', Int32Array.from(values), dims);
    return new ort.Tensor(
      'int64',
      BigInt64Array.from(values, (v) => BigInt(v)),
      dims,
    );
  }

  private async run(batch: number[][]): Promise<Float32Array[]> {
    const rows = batch.length;
    const width = Math.max(1, ...batch.map((s) => s.length));
    const idValues = new Array<number>(rows * width).fill(this.tokenizer.padId);
    const mask = new Array<number>(rows * width).fill(0);
    batch.forEach((seq, r) => {
      seq.forEach((id, c) => {
        idValues[r * width + c] = id;
        mask[r * width + c] = 1;
      });
    });
    const feeds: Record<string, ort.Tensor> = { input_ids: this.tensor('input_ids', idValues, [rows, width]) };
    if (this.inputTypes.has('attention_mask'))
      feeds.attention_mask = this.tensor('attention_mask', mask, [rows, width]);
    if (this.inputTypes.has('token_type_ids'))
      feeds.token_type_ids = this.tensor('token_type_ids', new Array<number>(rows * width).fill(0), [rows, width]);
    const result = await this.session.run(feeds, [this.output]);
    const tensor = result[this.output];
    if (!tensor || tensor.type !== 'float32')
      throw new OnnxEncoderError(`output ${this.output} is not a float32 tensor`);
    const data = tensor.data as Float32Array;
    try {
      if (tensor.dims.length === 2 && tensor.dims[0] === rows) {
        const dim = tensor.dims[1] as number;
        return batch.map((_, r) => l2Normalize(data.slice(r * dim, (r + 1) * dim)));
      }
      if (tensor.dims.length === 3 && tensor.dims[0] === rows && tensor.dims[1] === width) {
        return batch.map((_, r) => l2Normalize(maskedMean(data, mask, r, width, tensor.dims[2] as number)));
      }
      throw new OnnxEncoderError(
        `output ${this.output} has shape [${tensor.dims.join(', ')}], expected [batch, dim] or [batch, tokens, dim]`,
      );
    } finally {
      tensor.dispose();
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.session.release();
  }
}

/** Mean of row `r`'s token vectors where the mask is 1. */
export function maskedMean(
  data: Float32Array,
  mask: readonly number[],
  r: number,
  tokens: number,
  dim: number,
): Float32Array {
  const out = new Float32Array(dim);
  let count = 0;
  for (let t = 0; t < tokens; t++) {
    if (mask[r * tokens + t] !== 1) continue;
    count++;
    const base = (r * tokens + t) * dim;
    for (let d = 0; d < dim; d++) out[d] = (out[d] as number) + (data[base + d] as number);
  }
  if (count > 0) for (let d = 0; d < dim; d++) out[d] = (out[d] as number) / count;
  return out;
}
