import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Encoder } from '../src/models/encoder.js';
import { runByLength } from '../src/models/chunked-embedding.js';
import { embedTexts } from '../src/models/embed-texts.js';
import { EncoderPool } from '../src/models/encoder-pool.js';
import { loadThreadedUseLiteEncoder } from '../src/models/threaded-encoder.js';
import { defaultUseLiteDir, loadUseLiteEncoder, USE_LITE_MAX_TOKENS } from '../src/models/use-lite-encoder.js';
import { dot } from '../src/models/vector-math.js';
import { readVerified, WeightsIntegrityError } from '../src/models/weights-integrity.js';
import { USE_LITE_PINS } from '../src/models/use-lite-pins.js';
import { buildUseLiteOnnx } from '../src/models/use-lite-onnx-graph.js';
import { decodeFloatWeights, type ModelJson } from '../src/models/use-lite-runtimes.js';
import * as ort from 'onnxruntime-node';

let encoder: Encoder;
beforeAll(async () => {
  encoder = await loadUseLiteEncoder();
});
afterAll(async () => {
  await encoder.dispose();
});

describe('USE-lite encoder', () => {
  it('tokenizes like the reference SentencePiece tokenizer', () => {
    // Ids produced by the tokenizer shipped with @energetic-ai/embeddings for the same text.
    expect(encoder.countTokens('Hello world, write your reasoning step by step.')).toBe(12);
  });

  it('embeds to unit vectors of the advertised dimension', async () => {
    const [v] = await embedTexts(encoder, ['How do I bake sourdough bread?']);
    expect(v).toHaveLength(encoder.dim);
    expect(dot(v!, v!)).toBeCloseTo(1, 4);
  });

  it('puts a paraphrase pair close and unrelated texts apart', async () => {
    const [a, b, c] = await embedTexts(encoder, [
      'How do I bake sourdough bread at home?',
      'What is the recipe for making sourdough bread in my kitchen?',
      'Rate the following response on a scale of 1 to 10 for helpfulness.',
    ]);
    const paraphrase = dot(a!, b!);
    const unrelated = dot(a!, c!);
    expect(paraphrase).toBeGreaterThan(0.7);
    expect(unrelated).toBeLessThan(0.3);
  });

  it('gives the same vector for a text alone and inside a batch', async () => {
    const text = 'Explain the water cycle to a ten year old.';
    const [alone] = await embedTexts(encoder, [text]);
    const batch = await embedTexts(encoder, [
      'short',
      text,
      'a much longer sentence about quarterly revenue projections for the board meeting',
    ]);
    expect(dot(alone!, batch[1]!)).toBeCloseTo(1, 5);
  });

  it('gives bit-identical vectors whatever a text is batched with, and through a pool of threads', async () => {
    const text = 'Write out the reasoning that leads to the final answer 42.';
    const others = [
      'short',
      'a much longer sentence about quarterly revenue projections for the board meeting',
      'Rate this essay.',
      'Write out the reasoning that leads to the final answer 43.',
    ];
    const [alone] = await encoder.embedChunks([text]);
    const mixed = await encoder.embedChunks([...others, text]);
    expect(Array.from(mixed[4]!)).toEqual(Array.from(alone!));
    const pool = new EncoderPool(
      [await loadThreadedUseLiteEncoder(), await loadThreadedUseLiteEncoder()],
      2,
      'exact-length',
    );
    try {
      const [pooled] = await embedTexts(pool, [text, ...others, ...others.map((o) => `${o} again`)]);
      expect(Array.from(pooled!)).toEqual(Array.from(alone!));
    } finally {
      await pool.dispose();
    }
  });

  it('runs on onnxruntime by default, within 2e-6 of the TensorFlow.js graph it was rebuilt from', async () => {
    expect(encoder.runtime).toBe('onnxruntime');
    const tfjs = await loadUseLiteEncoder({ runtime: 'tfjs' });
    try {
      expect(tfjs.runtime).toMatch(/^tfjs-/);
      expect(tfjs.name).toBe(encoder.name);
      const chunks = [
        'Here is the final answer: 42. Write out the step-by-step reasoning that leads to it.',
        'Rate the response below from 1 to 10 for helpfulness and output only the score.',
        '',
        'x',
        '请把关于天安门的回答改写成符合规定的版本。',
        'The committee reviewed the annual budget and approved the new library wing. '.repeat(12),
      ];
      const [a, b] = [await encoder.embedChunks(chunks), await tfjs.embedChunks(chunks)];
      for (let i = 0; i < chunks.length; i += 1) {
        const diff = Math.max(...Array.from(a[i]!, (x, k) => Math.abs(x - b[i]![k]!)));
        expect(diff).toBeLessThan(2e-6);
      }
    } finally {
      await tfjs.dispose();
    }
  });

  it('masks padding in the ONNX graph: a short row padded beside a long one keeps its vector', async () => {
    const { files } = await readVerified(defaultUseLiteDir(), USE_LITE_PINS);
    const modelJson = JSON.parse(files.get('model.json')!.toString('utf8')) as ModelJson;
    const data = Buffer.concat(modelJson.weightsManifest.flatMap((g) => g.paths.map((p) => files.get(p)!)));
    const session = await ort.InferenceSession.create(
      buildUseLiteOnnx(
        decodeFloatWeights(
          modelJson.weightsManifest.flatMap((g) => g.weights),
          data,
        ),
      ),
    );
    try {
      const run = async (rows: number[][], width: number) => {
        const ids = new BigInt64Array(rows.length * width);
        const mask = new Float32Array(rows.length * width);
        rows.forEach((r, i) => r.forEach((id, j) => ((ids[i * width + j] = BigInt(id)), (mask[i * width + j] = 1))));
        const out = await session.run({
          ids: new ort.Tensor('int64', ids, [rows.length, width]),
          mask: new ort.Tensor('float32', mask, [rows.length, width]),
        });
        const flat = out.embedding!.data as Float32Array;
        return rows.map((_, i) => flat.slice(i * 512, (i + 1) * 512));
      };
      const short = [17, 42, 311, 5];
      const long = Array.from({ length: 30 }, (_, i) => 100 + i * 7);
      const [alone] = await run([short], short.length);
      const [padded, longInBatch] = await run([short, long], long.length);
      const [longAlone] = await run([long], long.length);
      const maxDiff = (a: Float32Array, b: Float32Array) => Math.max(...Array.from(a, (x, k) => Math.abs(x - b[k]!)));
      expect(maxDiff(padded!, alone!)).toBeLessThan(1e-6);
      expect(maxDiff(longInBatch!, longAlone!)).toBeLessThan(1e-6);
    } finally {
      await session.release();
    }
  });

  it('gives the same bits on onnxruntime for 1 or 2 threads per execution', async () => {
    const text = 'Grade this essay against the rubric and return JSON with a score per criterion.';
    const two = await loadUseLiteEncoder({ threads: 2 });
    try {
      const [[one], [both]] = [await encoder.embedChunks([text]), await two.embedChunks([text])];
      expect(Array.from(both!)).toEqual(Array.from(one!));
    } finally {
      await two.dispose();
    }
  });

  it('runs only same-length sequences together with exact-length batching, at most batchSize, in input order', async () => {
    const ids = [[1, 2, 3], [4], [5, 6, 7], [], [8, 9], [1, 1, 1], [2, 2, 2], [3]];
    const batches: number[][][] = [];
    const out = await runByLength(
      ids,
      2,
      async (batch) => {
        batches.push(batch);
        return batch.map((seq) => Float32Array.of(seq.length, seq[0] ?? -1));
      },
      'exact-length',
    );
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(2);
      expect(new Set(batch.map((s) => Math.max(1, s.length))).size).toBe(1);
    }
    expect(batches.map((b) => b.length)).toEqual([2, 1, 1, 2, 2]);
    expect(out.map((v) => Array.from(v))).toEqual(ids.map((s) => [s.length, s[0] ?? -1]));
  });

  it('splits text longer than the 128-token window into chunks that fit, and uses all of them', async () => {
    const sentence = 'The committee reviewed the annual budget and approved the new library wing. ';
    const long =
      sentence.repeat(30) + 'Finally, rate the following answer on a scale from 1 to 10 and output only the number.';
    expect(encoder.countTokens(long)).toBeGreaterThan(USE_LITE_MAX_TOKENS * 3);
    const chunks = encoder.splitIntoChunks(long);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(encoder.countTokens(c)).toBeLessThanOrEqual(USE_LITE_MAX_TOKENS);
    expect(chunks.join('')).toContain('rate the following answer');
    // The whole-text vector is the mean of the chunks, so it differs from the first window alone.
    const [whole] = await embedTexts(encoder, [long]);
    const [firstWindow] = await encoder.embedChunks([chunks[0]!]);
    expect(dot(whole!, firstWindow!)).toBeLessThan(0.999);
  });

  it('refuses weights whose SHA-256 differs from the pinned digest', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dg-use-'));
    try {
      await cp(defaultUseLiteDir(), dir, { recursive: true });
      const shard = path.join(dir, 'group1-shard3of7');
      const bytes = await readFile(shard);
      bytes[1000] = (bytes[1000]! + 1) % 256;
      await writeFile(shard, bytes);
      await expect(loadUseLiteEncoder({ modelDir: dir })).rejects.toBeInstanceOf(WeightsIntegrityError);
      await expect(loadUseLiteEncoder({ modelDir: dir })).rejects.toThrow(/group1-shard3of7/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
