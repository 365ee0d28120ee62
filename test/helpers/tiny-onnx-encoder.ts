/**
 * A tiny ONNX sentence encoder written from scratch: a WordPiece tokenizer.json over a 12-word
 * vocabulary and a 3-d embedding table, as a graph that either returns token vectors
 * (`last_hidden_state`, Gather only) or pools them itself (`sentence_embedding`, Gather + masked
 * mean). Values are small integers so expected embeddings can be worked out by hand.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  encodeOnnxModel,
  int64Initializer,
  OnnxType,
  type GraphNode,
  type ValueInfo,
} from '../../src/models/onnx-model-writer.js';

export const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'the', 'cat', 'sat', 'on', 'mat', '##s', 'dog', '.'] as const;

/** Row i is the vector of VOCAB[i]. [PAD] is large on purpose: it must never reach a mean. */
export const TABLE: readonly (readonly [number, number, number])[] = [
  [9, 9, 9], // [PAD]
  [0, 0, 1], // [UNK]
  [1, 0, 0], // [CLS]
  [1, 0, 0], // [SEP]
  [0, 1, 0], // the
  [0, 2, 0], // cat
  [0, 0, 2], // sat
  [3, 0, 0], // on
  [0, 0, 4], // mat
  [0, 1, 1], // ##s
  [1, 1, 0], // dog
  [0, 0, 0], // .
];

const special = (id: number, content: string) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
});

export function tokenizerJson(): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(0, '[PAD]'), special(1, '[UNK]'), special(2, '[CLS]'), special(3, '[SEP]')],
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(VOCAB.map((w, i) => [w, i])),
    },
  };
}

export type TinyGraph = 'token-vectors' | 'pooled';

export function tinyModel(kind: TinyGraph, withTokenTypes = false): Uint8Array {
  const ids: ValueInfo = { name: 'input_ids', elemType: OnnxType.INT64, shape: ['batch', 'tokens'] };
  const mask: ValueInfo = { name: 'attention_mask', elemType: OnnxType.INT64, shape: ['batch', 'tokens'] };
  const types: ValueInfo = { name: 'token_type_ids', elemType: OnnxType.INT64, shape: ['batch', 'tokens'] };
  const table = { name: 'embeddings', dims: [VOCAB.length, 3], data: Float32Array.from(TABLE.flat()) };
  const gather: GraphNode = {
    op: 'Gather',
    inputs: ['embeddings', 'input_ids'],
    outputs: [kind === 'pooled' ? 'tokens' : 'last_hidden_state'],
    attributes: { axis: 0 },
  };
  if (kind === 'token-vectors') {
    return encodeOnnxModel({
      name: 'tiny-token-vectors',
      inputs: withTokenTypes ? [ids, mask, types] : [ids, mask],
      outputs: [{ name: 'last_hidden_state', elemType: OnnxType.FLOAT, shape: ['batch', 'tokens', 3] }],
      initializers: [table],
      nodes: [gather],
    });
  }
  return encodeOnnxModel({
    name: 'tiny-pooled',
    inputs: [ids, mask],
    outputs: [{ name: 'sentence_embedding', elemType: OnnxType.FLOAT, shape: ['batch', 3] }],
    initializers: [table, int64Initializer('axis2', [2]), int64Initializer('axis1', [1])],
    nodes: [
      gather,
      { op: 'Cast', inputs: ['attention_mask'], outputs: ['mask_f'], attributes: { to: OnnxType.FLOAT } },
      { op: 'Unsqueeze', inputs: ['mask_f', 'axis2'], outputs: ['mask_3d'] },
      { op: 'Mul', inputs: ['tokens', 'mask_3d'], outputs: ['masked'] },
      { op: 'ReduceSum', inputs: ['masked', 'axis1'], outputs: ['summed'], attributes: { keepdims: 0 } },
      { op: 'ReduceSum', inputs: ['mask_3d', 'axis1'], outputs: ['count'], attributes: { keepdims: 0 } },
      { op: 'Div', inputs: ['summed', 'count'], outputs: ['sentence_embedding'] },
    ],
  });
}

/** Writes model.onnx, tokenizer.json and tokenizer_config.json (window of `maxLength` tokens) into `dir`. */
export async function writeTinyEncoder(
  dir: string,
  kind: TinyGraph,
  opts: { maxLength?: number; withTokenTypes?: boolean } = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'model.onnx'), tinyModel(kind, opts.withTokenTypes));
  await writeFile(path.join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson()));
  await writeFile(
    path.join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      model_max_length: opts.maxLength ?? 8,
      do_lower_case: true,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
    }),
  );
  return dir;
}
