/**
 * Prompt-head inference: the shipped head's paths evaluated in plain TypeScript (what the service
 * runs: DenseNetwork for the semantic MLP, SparseLinear for the hashed lexical model) against the
 * same weights exported to ONNX and run with onnxruntime-node (1 intra-op thread).
 *
 *   npx tsx bench/heads-onnx.ts [--seconds N]
 *
 * Cases: semantic path for one embedding and for a batch of 32; lexical path for one prompt's
 * sparse features (real features of the bench prompts). Outputs are checked to agree first.
 * Prints one JSON line per case (µs per prompt for each runtime and their ratio).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { SparseVector } from '../src/models/feature-hashing.js';
import type { PromptHead } from '../src/models/heads/prompt-head.js';
import { lexicalFeatures } from '../src/models/lexical-features.js';
import {
  encodeOnnxModel,
  int64Initializer,
  OnnxType,
  type GraphNode,
  type Initializer,
} from '../src/models/onnx-model-writer.js';
import { loadHead } from '../src/models/registry.js';
import { l2Normalize } from '../src/models/vector-math.js';
import { longPrompt, shortPrompt } from './prompts.js';

const at = process.argv.indexOf('--seconds');
const seconds = at >= 0 ? Number(process.argv[at + 1]) : 3;
if (!(seconds > 0)) throw new Error('--seconds expects a positive number');

function semanticModel(head: PromptHead): Uint8Array {
  const layers = head.semantic.layers;
  const inits: Initializer[] = [];
  const nodes: GraphNode[] = [];
  let x = 'embedding';
  layers.forEach((l, i) => {
    inits.push(
      { name: `w${i}`, dims: [l.inputs, l.outputs], data: l.kernel },
      { name: `b${i}`, dims: [l.outputs], data: l.bias },
    );
    nodes.push(
      { op: 'MatMul', inputs: [x, `w${i}`], outputs: [`mm${i}`] },
      { op: 'Add', inputs: [`mm${i}`, `b${i}`], outputs: [`z${i}`] },
    );
    x = `z${i}`;
    if (l.activation === 'relu') {
      nodes.push({ op: 'Relu', inputs: [x], outputs: [`a${i}`] });
      x = `a${i}`;
    }
  });
  nodes.push({ op: 'Identity', inputs: [x], outputs: ['logits'] });
  return encodeOnnxModel({
    name: 'semantic-head',
    inputs: [{ name: 'embedding', elemType: OnnxType.FLOAT, shape: ['batch', head.semantic.inputs] }],
    outputs: [{ name: 'logits', elemType: OnnxType.FLOAT, shape: ['batch', layers.at(-1)!.outputs] }],
    initializers: inits,
    nodes,
  });
}

/** Sparse linear over hashed features: logits = Σ values[k] · Wᵀ[indices[k]] + bias. */
function lexicalModel(head: PromptHead): Uint8Array {
  const { labels, buckets, weights, bias } = head.lexical;
  const transposed = new Float32Array(buckets * labels);
  for (let l = 0; l < labels; l++)
    for (let b = 0; b < buckets; b++) transposed[b * labels + l] = weights[l * buckets + b] as number;
  return encodeOnnxModel({
    name: 'lexical-head',
    inputs: [
      { name: 'indices', elemType: OnnxType.INT64, shape: ['features'] },
      { name: 'values', elemType: OnnxType.FLOAT, shape: ['features'] },
    ],
    outputs: [{ name: 'logits', elemType: OnnxType.FLOAT, shape: [labels] }],
    initializers: [
      { name: 'wt', dims: [buckets, labels], data: transposed },
      { name: 'bias', dims: [labels], data: Float32Array.from(bias) },
      int64Initializer('axis0', [0]),
      int64Initializer('axis1', [1]),
    ],
    nodes: [
      { op: 'Gather', inputs: ['wt', 'indices'], outputs: ['rows'], attributes: { axis: 0 } },
      { op: 'Unsqueeze', inputs: ['values', 'axis1'], outputs: ['v2'] },
      { op: 'Mul', inputs: ['rows', 'v2'], outputs: ['weighted'] },
      { op: 'ReduceSum', inputs: ['weighted', 'axis0'], outputs: ['sum'], attributes: { keepdims: 0 } },
      { op: 'Add', inputs: ['sum', 'bias'], outputs: ['logits'] },
    ],
  });
}

async function perItemMicros(run: () => unknown, itemsPerRun: number): Promise<number> {
  for (let i = 0; i < 50; i++) await run();
  let runs = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    await run();
    runs++;
  }
  return ((performance.now() - started) * 1000) / (runs * itemsPerRun);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs((a[i] as number) - (b[i] as number)));
  return d;
}

async function main(): Promise<void> {
  const head = await loadHead();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dg-heads-onnx-'));
  const options: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  };
  try {
    await writeFile(path.join(dir, 'semantic.onnx'), semanticModel(head));
    await writeFile(path.join(dir, 'lexical.onnx'), lexicalModel(head));
    const semantic = await ort.InferenceSession.create(path.join(dir, 'semantic.onnx'), options);
    const lexical = await ort.InferenceSession.create(path.join(dir, 'lexical.onnx'), options);
    const dim = head.semantic.inputs;
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const embeddings = Array.from({ length: 256 }, () => l2Normalize(Float32Array.from({ length: dim }, rand)));
    const feats: SparseVector[] = Array.from({ length: 256 }, (_, i) =>
      lexicalFeatures(i % 4 === 0 ? longPrompt(i) : shortPrompt(i), { buckets: head.meta.lexical.buckets }),
    );
    const onnxSemantic = async (batch: Float32Array[]) => {
      const input = new Float32Array(batch.length * dim);
      batch.forEach((e, r) => input.set(e, r * dim));
      const out = await semantic.run({ embedding: new ort.Tensor('float32', input, [batch.length, dim]) });
      return out.logits!.data as Float32Array;
    };
    const onnxLexical = async (x: SparseVector) => {
      const out = await lexical.run({
        indices: new ort.Tensor(
          'int64',
          BigInt64Array.from(x.indices, (v) => BigInt(v)),
          [x.indices.length],
        ),
        values: new ort.Tensor('float32', Float32Array.from(x.values), [x.values.length]),
      });
      return out.logits!.data as Float32Array;
    };

    // Agreement first: the export computes the same logits.
    const batch32 = embeddings.slice(0, 32);
    const ortBatch = await onnxSemantic(batch32);
    const tsBatch = batch32.map((e) => head.semantic.forward(e));
    const semDiff = Math.max(
      ...tsBatch.map((v, r) => maxAbsDiff(v, ortBatch.subarray(r * v.length, (r + 1) * v.length))),
    );
    const lexDiff = Math.max(
      ...(await Promise.all(
        feats.slice(0, 32).map(async (f) => maxAbsDiff(head.lexical.forward(f), await onnxLexical(f))),
      )),
    );
    const meanFeatures = feats.reduce((s, f) => s + f.indices.length, 0) / feats.length;
    console.log(
      JSON.stringify({
        check: {
          semanticMaxAbsDiff: semDiff,
          lexicalMaxAbsDiff: lexDiff,
          meanLexicalFeatures: Math.round(meanFeatures),
        },
      }),
    );

    let k = 0;
    const cases: { name: string; ts: () => unknown; onnx: () => Promise<unknown>; items: number }[] = [
      {
        name: 'semantic, 1 embedding',
        ts: () => head.semantic.forward(embeddings[k++ % 256]!),
        onnx: () => onnxSemantic([embeddings[k++ % 256]!]),
        items: 1,
      },
      {
        name: 'semantic, batch of 32',
        ts: () => {
          const start = (k += 32) % 224;
          return embeddings.slice(start, start + 32).map((e) => head.semantic.forward(e));
        },
        onnx: () => {
          const start = (k += 32) % 224;
          return onnxSemantic(embeddings.slice(start, start + 32));
        },
        items: 32,
      },
      {
        name: 'lexical, 1 prompt',
        ts: () => head.lexical.forward(feats[k++ % 256]!),
        onnx: () => onnxLexical(feats[k++ % 256]!),
        items: 1,
      },
    ];
    for (const c of cases) {
      const tsMicros = await perItemMicros(c.ts, c.items);
      const onnxMicros = await perItemMicros(c.onnx, c.items);
      console.log(
        JSON.stringify({
          case: c.name,
          typescriptMicrosPerPrompt: +tsMicros.toFixed(2),
          onnxMicrosPerPrompt: +onnxMicros.toFixed(2),
          onnxOverTypescript: +(onnxMicros / tsMicros).toFixed(2),
        }),
      );
    }
    await semantic.release();
    await lexical.release();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
