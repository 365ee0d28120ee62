/**
 * Chunk boundaries from one tokenization: the span counter (one growing Viterbi pass per text)
 * gives the chunks that re-encoding every candidate gave (recorded in the fixture from commit
 * 6d363c9), and counts exactly what `encode` counts.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SentencePieceTokenizer, type Vocabulary } from '../src/models/sentencepiece-tokenizer.js';
import { splitIntoChunks, stringCounter } from '../src/models/text-chunks.js';
import { defaultUseLiteDir, loadUseLiteEncoder } from '../src/models/use-lite-encoder.js';
import { TEXTS } from './fixtures/chunk-texts.js';
import fixture from './fixtures/chunk-boundaries.json' with { type: 'json' };

let tokenizer: SentencePieceTokenizer;
beforeAll(async () => {
  const vocab = await readFile(path.join(defaultUseLiteDir(), 'vocab.json'), 'utf8');
  tokenizer = new SentencePieceTokenizer(JSON.parse(vocab) as Vocabulary);
});

const described = (chunks: string[], count: (t: string) => number) =>
  chunks.map((c) => [c.length, createHash('sha256').update(c).digest('hex').slice(0, 16), count(c)]);

describe('chunk boundaries from one tokenization', () => {
  it('equal the boundaries of re-encoding every candidate, on the fixture', () => {
    const countTokens = (t: string) => tokenizer.encode(t).length;
    let counted = 0;
    for (const c of fixture.cases) {
      const text = TEXTS[c.text] as string;
      const opts = { maxTokens: c.maxTokens, maxChars: c.maxChars, countTokens };
      const once = splitIntoChunks(text, { ...opts, spanCounter: (t) => tokenizer.spanCounter(t) });
      expect(described(once, countTokens), `text ${c.text} at ${c.maxTokens} tokens`).toEqual(c.chunks);
      expect(splitIntoChunks(text, opts)).toEqual(once);
      if (tokenizer.spanCounter(text)) counted++;
    }
    // Every text but the one with combining accents goes through the span counter.
    expect(counted).toBe(fixture.cases.length - 2);
  });

  it('counts every prefix and every joined pair of spans as encode does', () => {
    for (const text of TEXTS) {
      const counter = tokenizer.spanCounter(text);
      if (!counter) continue;
      const reference = stringCounter(text, (t) => tokenizer.encode(t).length);
      const points = [...text];
      const step = Math.max(1, Math.floor(points.length / 40));
      let offset = 0;
      counter.reset();
      reference.reset();
      for (let i = 0; i < points.length; i += step) {
        const end = points.slice(0, i + step).join('').length;
        counter.push(offset, end);
        reference.push(offset, end);
        expect(counter.count()).toBe(reference.count());
        offset = end;
      }
      // A span after a gap (as when a whitespace-only sentence is skipped).
      const third = points.slice(0, Math.floor(points.length / 3)).join('').length;
      counter.reset();
      counter.push(0, third);
      counter.push(Math.min(text.length, third + 3), text.length);
      expect(counter.count()).toBe(tokenizer.encode(text.slice(0, third) + text.slice(third + 3)).length);
    }
  });

  it('is what the USE-lite encoder splits with', async () => {
    const encoder = await loadUseLiteEncoder();
    try {
      const text = TEXTS[2] as string;
      const count = (t: string) => encoder.countTokens(t);
      const expected = fixture.cases.find((c) => c.text === 2 && c.maxTokens === 48)?.chunks;
      expect(described(encoder.splitIntoChunks(text, 48), count)).toEqual(expected);
    } finally {
      await encoder.dispose();
    }
  });
});
