import { createHash } from 'node:crypto';
import { embedTexts } from '../src/models/embed-texts.js';
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encoderSpecFrom } from '../src/env.js';
import type { Encoder } from '../src/models/encoder.js';
import { loadOnnxEncoder, OnnxEncoderError } from '../src/models/onnx-encoder.js';
import { disposeModels, loadClassifier, loadEncoder } from '../src/models/registry.js';
import { loadThreadedOnnxEncoder } from '../src/models/threaded-encoder.js';
import { writeTinyEncoder } from './helpers/tiny-onnx-encoder.js';

/** Expected vectors, worked out by hand from TABLE in the helper: sum of token rows, unit length. */
const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const EXPECTED = {
  // [CLS] the cat [SEP] = (1,0,0)+(0,1,0)+(0,2,0)+(1,0,0)
  'the cat': unit([2, 3, 0]),
  // [CLS] dog [SEP] = (1,0,0)+(1,1,0)+(1,0,0)
  dog: unit([3, 1, 0]),
  // lower-cased, "cats" = cat ##s: (1,0,0)+(0,1,0)+(0,2,0)+(0,1,1)+(1,0,0)
  'The CATs': unit([2, 4, 1]),
  // unknown word: [CLS] [UNK] [SEP]
  zebra: unit([2, 0, 1]),
  // [CLS] [SEP]
  '': unit([2, 0, 0]),
};

function expectVector(actual: Float32Array | undefined, expected: number[]): void {
  expect(actual).toBeDefined();
  expect(actual!.length).toBe(expected.length);
  expected.forEach((x, i) => expect(actual![i]).toBeCloseTo(x, 6));
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dg-onnx-'));
});
afterAll(async () => {
  await disposeModels();
  await rm(root, { recursive: true, force: true });
});

describe.each(['token-vectors', 'pooled'] as const)('ONNX encoder over a test-built %s graph', (kind) => {
  let encoder: Encoder;
  let dir: string;
  beforeAll(async () => {
    dir = await writeTinyEncoder(path.join(root, kind), kind);
    encoder = await loadOnnxEncoder({ dir });
  });
  afterAll(() => encoder.dispose());

  it('identifies the weights by the SHA-256 of model.onnx and reads its window from tokenizer_config.json', async () => {
    const digest = createHash('sha256')
      .update(await readFile(path.join(dir, 'model.onnx')))
      .digest('hex');
    expect(encoder.weightsHash).toBe(digest);
    expect(encoder.name).toMatch(new RegExp(`^onnx@${digest.slice(0, 12)}\\.[0-9a-f]{8}$`));
    expect(encoder.dim).toBe(3);
    // model_max_length 8 minus [CLS] and [SEP]
    expect(encoder.maxTokens).toBe(6);
    expect(encoder.countTokens('The cats sat')).toBe(4);
  });

  it('embeds texts to the hand-computed unit vectors', async () => {
    const texts = Object.keys(EXPECTED) as (keyof typeof EXPECTED)[];
    const vectors = await embedTexts(encoder, texts);
    texts.forEach((t, i) => expectVector(vectors[i], EXPECTED[t]));
  });

  it('masks padding: a short text batched with a long one keeps its own vector', async () => {
    // "dog" is padded with [PAD] = (9,9,9) up to the long chunk's length.
    const [dog, long] = await encoder.embedChunks(['dog', 'the cat sat on the mat']);
    expectVector(dog, EXPECTED.dog);
    // (1,0,0)+(0,1,0)+(0,2,0)+(0,0,2)+(3,0,0)+(0,1,0)+(0,0,4)+(1,0,0)
    expectVector(long, unit([5, 4, 6]));
  });

  it('cuts a chunk longer than the window and keeps the closing [SEP]', async () => {
    // 7 words: "dog" falls past the window of 6, [SEP] stays last.
    const [v] = await encoder.embedChunks(['the cat sat on the mat dog']);
    expectVector(v, unit([5, 4, 6]));
  });

  it('splits a long text into windows and averages the chunk vectors', async () => {
    const text = 'the cat sat. the dog sat.';
    expect(encoder.splitIntoChunks(text)).toEqual(['the cat sat.', ' the dog sat.']);
    // chunks: (2,3,2)/√17 and (3,2,2)/√17 → mean ∝ (5,5,4)
    const [v] = await embedTexts(encoder, [text]);
    expectVector(v, unit([5, 5, 4]));
  });

  it('refuses work once disposed', async () => {
    const extra = await loadOnnxEncoder({ dir });
    await extra.dispose();
    await expect(embedTexts(extra, ['dog'])).rejects.toThrow(/disposed/);
  });
});

describe('ONNX encoder loading', () => {
  it('feeds token_type_ids (zeros) when the graph declares them', async () => {
    const dir = await writeTinyEncoder(path.join(root, 'with-types'), 'token-vectors', { withTokenTypes: true });
    const encoder = await loadOnnxEncoder({ dir });
    try {
      expectVector((await embedTexts(encoder, ['the cat']))[0], EXPECTED['the cat']);
    } finally {
      await encoder.dispose();
    }
  });

  it('honours an explicit window and batch size', async () => {
    const dir = await writeTinyEncoder(path.join(root, 'window'), 'pooled');
    const encoder = await loadOnnxEncoder({ dir, maxTokens: 4, batchSize: 1 });
    try {
      expect(encoder.maxTokens).toBe(2);
      const [v] = await encoder.embedChunks(['the cat sat']);
      expectVector(v, EXPECTED['the cat']);
    } finally {
      await encoder.dispose();
    }
  });

  it('names the missing file', async () => {
    const dir = await writeTinyEncoder(path.join(root, 'broken'), 'pooled');
    await unlink(path.join(dir, 'model.onnx'));
    const err = await loadOnnxEncoder({ dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnnxEncoderError);
    expect((err as Error).message).toMatch(/no readable model\.onnx/);
  });

  it('runs on a worker thread with the same vectors, window and errors as in-thread', async () => {
    const dir = await writeTinyEncoder(path.join(root, 'threaded'), 'token-vectors');
    const encoder = await loadThreadedOnnxEncoder({ dir });
    try {
      expect(encoder.dim).toBe(3);
      expect(encoder.maxTokens).toBe(6);
      expect(encoder.splitIntoChunks('the cat sat. the dog sat.')).toEqual(['the cat sat.', ' the dog sat.']);
      const texts = Object.keys(EXPECTED) as (keyof typeof EXPECTED)[];
      const vectors = await embedTexts(encoder, texts);
      texts.forEach((t, i) => expectVector(vectors[i], EXPECTED[t]));
    } finally {
      await encoder.dispose();
    }
    await unlink(path.join(dir, 'model.onnx'));
    const err = await loadThreadedOnnxEncoder({ dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnnxEncoderError);
    expect((err as Error).message).toMatch(/no readable model\.onnx/);
  });

  it('is selected by DISTILL_GUARD_ENCODER=onnx:<dir>, and a head trained on another encoder refuses it', async () => {
    const dir = await writeTinyEncoder(path.join(root, 'registry'), 'pooled');
    expect(encoderSpecFrom({})).toBe('use-lite');
    expect(() => encoderSpecFrom({ DISTILL_GUARD_ENCODER: 'bert' })).toThrow(/DISTILL_GUARD_ENCODER="bert"/);
    const spec = encoderSpecFrom({ DISTILL_GUARD_ENCODER: `onnx:${dir}` });
    const encoder = await loadEncoder(spec);
    expect(encoder.name).toMatch(/^onnx@/);
    expectVector((await embedTexts(encoder, ['dog']))[0], EXPECTED.dog);
    const saved = process.env.DISTILL_GUARD_ENCODER;
    process.env.DISTILL_GUARD_ENCODER = spec;
    try {
      // The shipped head records use-lite.
      await expect(loadClassifier()).rejects.toThrow(/was trained on encoder use-lite@[0-9a-f]+ but onnx@/);
    } finally {
      if (saved === undefined) delete process.env.DISTILL_GUARD_ENCODER;
      else process.env.DISTILL_GUARD_ENCODER = saved;
    }
  });
});
