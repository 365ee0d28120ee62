/**
 * Lexical pre-screen throughput on one thread: prompts/s of `HeadClassifier.prescreen` (hashed
 * n-grams, the lexical path, the pre-screen stacker) on the evaluation set's texts, and the share
 * it clears, beside the full model's per-prompt time on a sample of the same texts in the same run,
 * and the part of the pre-screen's time spent detecting each prompt's language (util/lang.ts,
 * on every result), the cheapest request path's share of it.
 *
 *   npx tsx bench/prescreen.ts [--sample 64]
 */
import { parseArgs } from 'node:util';
import { disposeModels, loadClassifier } from '../src/models/registry.js';
import { detectLang } from '../src/util/lang.js';
import { loadEvalSet } from '../training/data/load-eval-set.js';

const { values } = parseArgs({ options: { sample: { type: 'string', default: '64' } } });
const texts = (await loadEvalSet({})).map((e) => e.text);
const classifier = await loadClassifier();
classifier.prescreen(texts.slice(0, 200)); // warm-up
let t = performance.now();
const screened = classifier.prescreen(texts);
const prescreenMs = performance.now() - t;
for (const text of texts.slice(0, 200)) detectLang(text); // warm-up
t = performance.now();
for (const text of texts) detectLang(text);
const languageMs = performance.now() - t;
const sample = texts
  .filter((_, i) => i % Math.floor(texts.length / Number(values.sample)) === 0)
  .slice(0, Number(values.sample));
await classifier.classify(sample.slice(0, 4)); // warm-up
t = performance.now();
for (const text of sample) await classifier.classify([text]);
const fullMs = performance.now() - t;
const result = {
  prompts: texts.length,
  mean_chars: Math.round(texts.reduce((a, s) => a + s.length, 0) / texts.length),
  prescreen_prompts_per_s: Math.round(texts.length / (prescreenMs / 1000)),
  prescreen_ms_per_prompt: Math.round((prescreenMs / texts.length) * 1000) / 1000,
  cleared_share: Math.round((screened.filter((r) => r !== null).length / texts.length) * 1000) / 1000,
  full_model_ms_per_prompt_one_at_a_time: Math.round((fullMs / sample.length) * 10) / 10,
  ratio_full_to_prescreen: Math.round(fullMs / sample.length / (prescreenMs / texts.length)),
  language_ms_per_prompt: Math.round((languageMs / texts.length) * 1000) / 1000,
  language_share_of_prescreen: Math.round((languageMs / prescreenMs) * 1000) / 1000,
};
console.log(JSON.stringify(result, null, 2));
await disposeModels();
