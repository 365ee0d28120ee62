/**
 * The two ways to execute the USE-lite graph on token ids. Both take rows of token ids (at most
 * 128 each) and return one 512-d unit vector per row; they agree to within 2e-6 per component.
 * - `onnxruntime` (default): the graph rebuilt as ONNX (use-lite-onnx-graph.ts) on onnxruntime's
 *   native CPU kernels, one row per execution, so a row's vector depends on its tokens alone
 *   (not on its neighbours, the batch size or the thread count). ≈4× faster than WebAssembly.
 * - `tfjs`: the original TensorFlow.js graph on the WebAssembly backend (exact-length batches).
 */
import * as ort from 'onnxruntime-node';
import { runByLength, type Batching } from './chunked-embedding.js';
import type { io, Tensor } from '@tensorflow/tfjs';
import { buildUseLiteOnnx, type UseLiteWeights } from './use-lite-onnx-graph.js';
import { encoderSessionOptions } from './ort-session-options.js';

export const USE_LITE_RUNTIMES = ['onnxruntime', 'tfjs'] as const;
export type UseLiteRuntime = (typeof USE_LITE_RUNTIMES)[number];

export interface UseLiteRunner {
  /** What executes the graph, e.g. `onnxruntime` or `tfjs-wasm`. */
  readonly runtime: string;
  /** One vector per row of token ids; every row holds at least one token. */
  run(ids: readonly number[][]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export interface ModelJson {
  modelTopology: io.ModelArtifacts['modelTopology'];
  weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
}

const DIM = 512;

/** The float32 weights of the graph by name (the manifest stores them back to back, unquantised). */
export function decodeFloatWeights(specs: readonly io.WeightsManifestEntry[], data: Uint8Array): UseLiteWeights {
  const weights = new Map<string, { shape: readonly number[]; data: Float32Array }>();
  let offset = 0;
  for (const spec of specs) {
    if (spec.quantization) throw new Error(`USE-lite weight ${spec.name} is quantised: not supported`);
    const bytes = spec.shape.reduce((a, b) => a * b, 1) * 4;
    if (spec.dtype === 'float32')
      weights.set(spec.name, {
        shape: spec.shape,
        data: new Float32Array(data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + bytes)),
      });
    offset += bytes;
  }
  if (offset !== data.byteLength)
    throw new Error(`USE-lite weights: manifest describes ${offset} bytes, shards hold ${data.byteLength}`);
  return weights;
}

export async function createOnnxRunner(
  specs: readonly io.WeightsManifestEntry[],
  data: Uint8Array,
  threads = 1,
): Promise<UseLiteRunner> {
  const session = await ort.InferenceSession.create(
    buildUseLiteOnnx(decodeFloatWeights(specs, data)),
    encoderSessionOptions(threads),
  );
  const runOne = async (tokens: readonly number[]): Promise<Float32Array> => {
    const ids = new ort.Tensor(
      'int64',
      BigInt64Array.from(tokens, (t) => BigInt(t)),
      [1, tokens.length],
    );
    const mask = new ort.Tensor('float32', new Float32Array(tokens.length).fill(1), [1, tokens.length]);
    const out = await session.run({ ids, mask });
    const embedding = out.embedding as ort.Tensor;
    const vector = (embedding.data as Float32Array).slice(0, DIM);
    embedding.dispose();
    return vector;
  };
  return {
    runtime: 'onnxruntime',
    async run(ids) {
      const out: Float32Array[] = [];
      for (const seq of ids) out.push(await runOne(seq));
      return out;
    },
    dispose: () => session.release(),
  };
}

export async function createTfjsRunner(
  modelJson: ModelJson,
  data: Uint8Array,
  batchSize: number,
  batching: Batching,
): Promise<UseLiteRunner> {
  // Loaded on demand: a worker running onnxruntime never loads TensorFlow.js.
  const { tf, tfRuntime } = await import('./tf-runtime.js');
  const backend = await tfRuntime();
  const model = await tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
      weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
    }),
  );
  const runBatch = async (batch: number[][]): Promise<Float32Array[]> => {
    const indices: number[] = [];
    const values: number[] = [];
    batch.forEach((tokens, row) => {
      tokens.forEach((id, col) => {
        indices.push(row, col);
        values.push(id);
      });
    });
    const indicesT = tf.tensor2d(indices, [values.length, 2], 'int32');
    const valuesT = tf.tensor1d(values, 'int32');
    try {
      const result = (await model.executeAsync({ indices: indicesT, values: valuesT })) as Tensor;
      const out = (await result.data()) as Float32Array;
      result.dispose();
      return batch.map((_, row) => out.slice(row * DIM, (row + 1) * DIM));
    } finally {
      indicesT.dispose();
      valuesT.dispose();
    }
  };
  return {
    runtime: `tfjs-${backend}`,
    run: (ids) => runByLength(ids, batchSize, runBatch, batching),
    dispose: async () => model.dispose(),
  };
}
