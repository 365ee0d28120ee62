/**
 * The USE-lite Transformer written as an ONNX graph from its own (pin-verified) TensorFlow.js
 * weights, so onnxruntime's native kernels can run it instead of the WebAssembly backend.
 *
 * What the TensorFlow graph computes, for the valid (non-padding) tokens of each row:
 *   x   = 2·embedding(id) + timing(position)        (the graph adds the embedding twice)
 *   L0: h = dense(x) + attn(LN(x))   (4 heads of 64 over 256-d, output 512-d)
 *       h = h + FFN(LN(h))           (512 → 1536 → 512, ReLU)
 *   L1: h = h + attn(LN(h))          (4 heads of 128 over 512-d)
 *       h = h + FFN(LN(h))
 *   v   = l2normalize(tanh(W · mean_valid(h) + b))
 * Attention ignores padding keys (bias −1e9) and the mean is over valid tokens, so padding rows
 * never reach a valid row's vector, as in the original. (The encoder runs one chunk per
 * execution, so it never pads; the mask input keeps the graph general.)
 */
import { encodeOnnxModel, int64Initializer, OnnxType, type GraphNode, type Initializer } from './onnx-model-writer.js';

/** Float32 weights of the TensorFlow graph by node name. */
export type UseLiteWeights = ReadonlyMap<string, { shape: readonly number[]; data: Float32Array }>;

const E = 'module_apply_default/Encoder_en/KonaTransformer/Encode';
const W = 'module/Encoder_en/KonaTransformer/Encode';
const TIMING = `${E}/TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`;
const LN_EPSILON = 1e-6;
const MAX_POSITIONS = 128;

interface LayerShape {
  index: 0 | 1;
  width: number;
  heads: number;
}
const LAYERS: readonly LayerShape[] = [
  { index: 0, width: 256, heads: 4 },
  { index: 1, width: 512, heads: 4 },
];

/** Sinusoid timing signal per position, [128, 256]: sin and cos of position × inverse timescale. */
function timingTable(inverse: Float32Array): Float32Array {
  const half = inverse.length;
  const table = new Float32Array(MAX_POSITIONS * half * 2);
  for (let p = 0; p < MAX_POSITIONS; p += 1) {
    for (let i = 0; i < half; i += 1) {
      const angle = Math.fround(p * (inverse[i] as number));
      table[p * half * 2 + i] = Math.sin(angle);
      table[p * half * 2 + half + i] = Math.cos(angle);
    }
  }
  return table;
}

export function buildUseLiteOnnx(weights: UseLiteWeights): Uint8Array {
  const initializers: Initializer[] = [];
  const nodes: GraphNode[] = [];
  const weight = (name: string, as: string, shape?: readonly number[]): string => {
    const w = weights.get(name);
    if (!w) throw new Error(`USE-lite weight missing: ${name}`);
    initializers.push({ name: as, dims: shape ?? w.shape, data: w.data });
    return as;
  };
  const node = (
    op: string,
    inputs: readonly string[],
    output: string,
    attributes?: GraphNode['attributes'],
  ): string => {
    nodes.push({ op, inputs, outputs: [output], ...(attributes ? { attributes } : {}) });
    return output;
  };
  const floatConst = (name: string, value: number): string => {
    initializers.push({ name, dims: [], data: Float32Array.of(value) });
    return name;
  };
  initializers.push(
    int64Initializer('axis_last', [-1]),
    int64Initializer('axis_1', [1]),
    int64Initializer('zero', [0]),
  );
  initializers.push(int64Initializer('one_two', [1, 2]), int64Initializer('two', [2]));

  // Positions: mask [B, L] (1 valid, 0 padding); timing rows 0..L-1.
  const timing = weights.get(TIMING);
  if (!timing) throw new Error(`USE-lite weight missing: ${TIMING}`);
  initializers.push({
    name: 'timing_table',
    dims: [MAX_POSITIONS, timing.data.length * 2],
    data: timingTable(timing.data),
  });
  const shape = node('Shape', ['ids'], 'ids_shape');
  const len = node('Slice', [shape, 'axis_1', 'two'], 'seq_len');
  const timingRows = node('Slice', ['timing_table', 'zero', len, 'zero'], 'timing');
  const mask3 = node('Unsqueeze', ['mask', 'axis_last'], 'mask3');
  const embedded = node('Gather', [weight('module/Embeddings_en', 'embeddings'), 'ids'], 'embedded');
  const doubled = node('Add', [embedded, embedded], 'embedded2');
  const x = node('Mul', [node('Add', [doubled, timingRows], 'x_timed'), mask3], 'x0');

  // Attention bias: −1e9 on padding keys, [B, 1, 1, L].
  const padding = node('Sub', [floatConst('one_f', 1), 'mask'], 'padding');
  const bias = node(
    'Unsqueeze',
    [node('Mul', [padding, floatConst('neg_big', -1e9)], 'bias2'), 'one_two'],
    'attn_bias',
  );

  const layerNorm = (input: string, scope: string, prefix: string): string =>
    node(
      'LayerNormalization',
      [
        input,
        weight(
          `${E}/Layer_${scope}/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat`,
          `${prefix}_scale`,
        ),
        weight(
          `${E}/Layer_${scope}/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat`,
          `${prefix}_bias`,
        ),
      ],
      `${prefix}_out`,
      { axis: -1, epsilon: { float: LN_EPSILON } },
    );

  let h = x;
  for (const layer of LAYERS) {
    const p = `l${layer.index}`;
    const tl = `${layer.index}/TransformerLayer`;
    const headDim = layer.width / layer.heads;
    const normed = layerNorm(h, tl, `${p}_ln1`);
    const qkvKernel = weight(`${W}/Layer_${tl}/MultiheadAttention/qkv_transform_single/kernel/part_0`, `${p}_qkv_w`, [
      layer.width,
      3 * layer.width,
    ]);
    const qkv = node(
      'Add',
      [
        node('MatMul', [normed, qkvKernel], `${p}_qkv_mm`),
        weight(`${E}/Layer_${tl}/MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat`, `${p}_qkv_b`),
      ],
      `${p}_qkv`,
    );
    initializers.push(
      int64Initializer(`${p}_split`, [layer.width, layer.width, layer.width]),
      int64Initializer(`${p}_heads_shape`, [0, 0, layer.heads, headDim]),
      int64Initializer(`${p}_merge_shape`, [0, 0, layer.width]),
    );
    nodes.push({
      op: 'Split',
      inputs: [qkv, `${p}_split`],
      outputs: [`${p}_q`, `${p}_k`, `${p}_v`],
      attributes: { axis: -1 },
    });
    const heads = (t: string, perm: number[]) =>
      node('Transpose', [node('Reshape', [`${p}_${t}`, `${p}_heads_shape`], `${p}_${t}_r`)], `${p}_${t}_h`, { perm });
    const q = node(
      'Mul',
      [heads('q', [0, 2, 1, 3]), floatConst(`${p}_scale_q`, 1 / Math.sqrt(headDim))],
      `${p}_q_scaled`,
    );
    const scores = node('Add', [node('MatMul', [q, heads('k', [0, 2, 3, 1])], `${p}_scores_mm`), bias], `${p}_scores`);
    const attn = node(
      'MatMul',
      [node('Softmax', [scores], `${p}_probs`, { axis: -1 }), heads('v', [0, 2, 1, 3])],
      `${p}_ctx`,
    );
    const merged = node(
      'Reshape',
      [node('Transpose', [attn], `${p}_ctx_t`, { perm: [0, 2, 1, 3] }), `${p}_merge_shape`],
      `${p}_ctx_m`,
    );
    const outKernel = weight(
      `${W}/Layer_${tl}/MultiheadAttention/output_transform_single/kernel/part_0`,
      `${p}_out_w`,
      [layer.width, 512],
    );
    const attnOut = node(
      'Add',
      [
        node('MatMul', [merged, outKernel], `${p}_out_mm`),
        weight(
          `${E}/Layer_${tl}/MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat`,
          `${p}_out_b`,
        ),
      ],
      `${p}_attn`,
    );
    let residual = h;
    if (layer.index === 0) {
      const adjusted = node(
        'Add',
        [
          node(
            'MatMul',
            [h, weight(`${E}/Layer_${tl}/dense/kernel/ConcatPartitions/concat`, `${p}_adj_w`)],
            `${p}_adj_mm`,
          ),
          weight(`${E}/Layer_${tl}/dense/bias/ConcatPartitions/concat`, `${p}_adj_b`),
        ],
        `${p}_adj_add`,
      );
      residual = node('Mul', [adjusted, mask3], `${p}_adj`);
    }
    h = node('Add', [attnOut, residual], `${p}_h1`);
    const ffnIn = layerNorm(h, `${tl}/FFN`, `${p}_ln2`);
    const stack = `${E}/TransformerStack/Layer_${tl}/FFN`;
    const hidden = node(
      'Relu',
      [
        node(
          'Add',
          [
            node('MatMul', [ffnIn, weight(`${stack}/conv1/Tensordot/Reshape_1`, `${p}_ffn1_w`)], `${p}_ffn1_mm`),
            weight(`${E}/Layer_${tl}/FFN/conv1/bias/ConcatPartitions/concat`, `${p}_ffn1_b`),
          ],
          `${p}_ffn1`,
        ),
      ],
      `${p}_ffn1_relu`,
    );
    const ffn = node(
      'Add',
      [
        node('MatMul', [hidden, weight(`${stack}/conv2/Tensordot/Reshape_1`, `${p}_ffn2_w`)], `${p}_ffn2_mm`),
        weight(`${E}/Layer_${tl}/FFN/conv2/bias/ConcatPartitions/concat`, `${p}_ffn2_b`),
      ],
      `${p}_ffn2`,
    );
    h = node('Add', [h, node('Mul', [ffn, mask3], `${p}_ffn_masked`)], `${p}_h2`);
  }

  // Mean over valid tokens (at least one), tanh layer, L2 normalisation.
  const summed = node('ReduceSum', [node('Mul', [h, mask3], 'h_masked'), 'axis_1'], 'pooled_sum', { keepdims: 0 });
  const count = node('Max', [node('ReduceSum', ['mask', 'axis_1'], 'count', { keepdims: 1 }), 'one_f'], 'count1');
  const pooled = node('Div', [summed, count], 'pooled');
  const tanh = node(
    'Tanh',
    [
      node(
        'Add',
        [
          node('MatMul', [pooled, weight('module/Encoder_en/hidden_layers/tanh_layer_0/weights', 'tanh_w')], 'tanh_mm'),
          weight('module/Encoder_en/hidden_layers/tanh_layer_0/bias', 'tanh_b'),
        ],
        'tanh_in',
      ),
    ],
    'tanh',
  );
  const sumsq = node('ReduceSum', [node('Mul', [tanh, tanh], 'sq'), 'axis_last'], 'sumsq', { keepdims: 1 });
  const norm = node('Sqrt', [node('Max', [sumsq, floatConst('l2_eps', 1e-12)], 'sumsq_eps')], 'norm');
  node('Div', [tanh, norm], 'embedding');

  return encodeOnnxModel({
    name: 'use-lite',
    opset: 17,
    inputs: [
      { name: 'ids', elemType: OnnxType.INT64, shape: ['batch', 'tokens'] },
      { name: 'mask', elemType: OnnxType.FLOAT, shape: ['batch', 'tokens'] },
    ],
    outputs: [{ name: 'embedding', elemType: OnnxType.FLOAT, shape: ['batch', 512] }],
    initializers,
    nodes,
  });
}
