/**
 * The lexical feature path: hashed word, word-bigram and character n-grams.
 *
 * The default sentence encoder's vocabulary has no CJK characters, so Chinese prompts are
 * invisible to it; this path sees every script. Chinese is segmented into words with jieba
 * (@node-rs/jieba, dictionary bundled); Latin text is split on letters/digits. Character
 * n-grams (3–5 inside Latin words, 1–3 over Han runs) make the features robust to typos and
 * segmentation errors. Numbers collapse to `0` so slot values do not become features.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { hashFeatures, type SparseVector } from './feature-hashing.js';

export interface LexicalConfig {
  /** Hash space size. */
  buckets: number;
}

export const DEFAULT_LEXICAL_CONFIG: LexicalConfig = { buckets: 1 << 18 };

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const HAN = /\p{Script=Han}/u;
const WORD = /^[\p{L}\p{N}_]+$/u;

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\d+/g, '0');
}

/** The words of a text: jieba segmentation, keeping tokens made of letters or digits. */
export function words(normalized: string): string[] {
  return segmenter()
    .cut(normalized, false)
    .filter((t) => WORD.test(t));
}

function* featureStrings(text: string): Generator<string> {
  const normalized = normalizeText(text);
  const tokens = words(normalized);
  let prev = '<s>';
  for (const t of tokens) {
    yield `w:${t}`;
    yield `b:${prev} ${t}`;
    prev = t;
    if (HAN.test(t)) {
      const chars = [...t];
      for (let n = 1; n <= 3; n++)
        for (let i = 0; i + n <= chars.length; i++) yield `h:${chars.slice(i, i + n).join('')}`;
    } else if (t.length >= 3) {
      const padded = `<${t}>`;
      for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) yield `c:${padded.slice(i, i + n)}`;
    }
  }
  // Han bigrams across word boundaries catch phrases jieba splits differently.
  const han = normalized.match(/\p{Script=Han}+/gu) ?? [];
  for (const run of han) {
    const chars = [...run];
    for (let i = 0; i + 2 <= chars.length; i++) yield `x:${chars[i]}${chars[i + 1]}`;
  }
}

export function lexicalFeatures(text: string, config: LexicalConfig = DEFAULT_LEXICAL_CONFIG): SparseVector {
  return hashFeatures(featureStrings(text), config.buckets);
}

/** Share of Han characters among letters: 0 for English, near 1 for Chinese. */
export function hanShare(text: string): number {
  let han = 0;
  let letters = 0;
  for (const ch of text) {
    if (HAN.test(ch)) {
      han++;
      letters++;
    } else if (/\p{L}/u.test(ch)) letters++;
  }
  return letters === 0 ? 0 : han / letters;
}
