/**
 * Chunking cost and equality on the whole real-prompt bundle: USE-lite chunks at both window sizes
 * (128 tokens, and the 48-token fine windows) counted the old way (every candidate string encoded
 * again) and with one growing Viterbi pass per text, in the same run. Prints the time per prompt
 * of each and the number of prompts whose chunks differ (must be 0).
 *
 *   npx tsx bench/chunking.ts
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SentencePieceTokenizer, type Vocabulary } from '../src/models/sentencepiece-tokenizer.js';
import { splitIntoChunks } from '../src/models/text-chunks.js';
import { defaultUseLiteDir, USE_LITE_MAX_CHUNK_CHARS, USE_LITE_MAX_TOKENS } from '../src/models/use-lite-encoder.js';
import { realPrompts } from './real-prompts.js';

const vocab = JSON.parse(await readFile(path.join(defaultUseLiteDir(), 'vocab.json'), 'utf8')) as Vocabulary;
const tokenizer = new SentencePieceTokenizer(vocab);
const countTokens = (t: string) => tokenizer.encode(t).length;
const prompts = realPrompts(100_000);
const windows = [USE_LITE_MAX_TOKENS, 48].map((maxTokens) => ({
  maxTokens,
  maxChars: Math.round((USE_LITE_MAX_CHUNK_CHARS * maxTokens) / USE_LITE_MAX_TOKENS),
}));
let differ = 0;
let fallback = 0;
let oldMs = 0;
let newMs = 0;
for (const prompt of prompts) {
  if (!tokenizer.spanCounter(prompt)) fallback++;
  let same = true;
  for (const w of windows) {
    let t = performance.now();
    const old = splitIntoChunks(prompt, { ...w, countTokens });
    oldMs += performance.now() - t;
    t = performance.now();
    const once = splitIntoChunks(prompt, { ...w, countTokens, spanCounter: (x) => tokenizer.spanCounter(x) });
    newMs += performance.now() - t;
    same &&= JSON.stringify(old) === JSON.stringify(once);
  }
  if (!same) differ++;
}
console.log(
  JSON.stringify({
    prompts: prompts.length,
    differ,
    countedWithoutSpanCounter: fallback,
    reencodeMsPerPrompt: Math.round((oldMs / prompts.length) * 1000) / 1000,
    onePassMsPerPrompt: Math.round((newMs / prompts.length) * 1000) / 1000,
    speedup: Math.round((oldMs / newMs) * 100) / 100,
  }),
);
