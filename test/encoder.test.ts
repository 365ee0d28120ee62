import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Encoder } from '../src/models/encoder.js';
import { defaultUseLiteDir, loadUseLiteEncoder, USE_LITE_MAX_TOKENS } from '../src/models/use-lite-encoder.js';
import { dot } from '../src/models/vector-math.js';
import { WeightsIntegrityError } from '../src/models/weights-integrity.js';

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
    const [v] = await encoder.embed(['How do I bake sourdough bread?']);
    expect(v).toHaveLength(encoder.dim);
    expect(dot(v!, v!)).toBeCloseTo(1, 4);
  });

  it('puts a paraphrase pair close and unrelated texts apart', async () => {
    const [a, b, c] = await encoder.embed([
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
    const [alone] = await encoder.embed([text]);
    const batch = await encoder.embed(['short', text, 'a much longer sentence about quarterly revenue projections for the board meeting']);
    expect(dot(alone!, batch[1]!)).toBeCloseTo(1, 5);
  });

  it('splits text longer than the 128-token window into chunks that fit, and uses all of them', async () => {
    const sentence = 'The committee reviewed the annual budget and approved the new library wing. ';
    const long = sentence.repeat(30) + 'Finally, rate the following answer on a scale from 1 to 10 and output only the number.';
    expect(encoder.countTokens(long)).toBeGreaterThan(USE_LITE_MAX_TOKENS * 3);
    const chunks = encoder.splitIntoChunks(long);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(encoder.countTokens(c)).toBeLessThanOrEqual(USE_LITE_MAX_TOKENS);
    expect(chunks.join('')).toContain('rate the following answer');
    // The whole-text vector is the mean of the chunks, so it differs from the first window alone.
    const [whole] = await encoder.embed([long]);
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
