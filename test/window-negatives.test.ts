import { describe, expect, it } from 'vitest';
import type { Example } from '../training/data/types.js';
import { windowNegatives } from '../training/heads/window-negatives.js';

// A splitter with known answers: the whole-prompt window holds 8 words, a fine window 2 (any
// `maxTokens` below the default means a fine window, as WINDOW_TOKENS is below the encoder's window).
const splitter = {
  splitIntoChunks(text: string, maxTokens?: number): string[] {
    const words = text.split(' ');
    const size = maxTokens === undefined ? 8 : 2;
    const out: string[] = [];
    for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(' '));
    return out;
  },
};

const ex = (id: string, text: string, label: Example['label'], hardNegative = false): Example => ({
  id,
  text,
  label,
  source: 'src',
  family: `fam-${id}`,
  lang: 'en',
  split: 'train',
  hardNegative,
});

const long = Array.from({ length: 12 }, (_, i) => `w${i}`).join(' '); // 12 words: 2 chunks, 6 fine windows

describe('fine windows of long benign prompts as training examples', () => {
  it('takes up to the cap of evenly spaced windows of a long benign prompt, benign, in its family', () => {
    const out = windowNegatives([ex('a', long, 'benign', true)], splitter, 3);
    expect(out.map((e) => e.text)).toEqual(['w0 w1', 'w6 w7', 'w10 w11']);
    expect(out.map((e) => e.id)).toEqual(['a#w0', 'a#w1', 'a#w2']);
    for (const e of out) {
      expect(e).toMatchObject({ label: 'benign', family: 'fam-a', source: 'src', split: 'train', hardNegative: true });
    }
  });

  it('leaves out attack prompts, prompts that fit one window, and windows that repeat a text', () => {
    const short = 'one two three';
    const out = windowNegatives(
      [
        ex('attack', long, 'rubric_grading'),
        ex('short', short, 'benign'),
        ex('b', long, 'benign'),
        ex('c', long, 'benign'),
      ],
      splitter,
      8,
    );
    // Only b's six windows: c repeats them, the attack and the short prompt give none.
    expect(out.map((e) => e.id)).toEqual(['b#w0', 'b#w1', 'b#w2', 'b#w3', 'b#w4', 'b#w5']);
  });

  it('takes none with a cap of 0', () => {
    expect(windowNegatives([ex('a', long, 'benign')], splitter, 0)).toEqual([]);
  });
});
