/**
 * Encoder passes per real prompt: the texts the classifier embeds for each prompt (its chunks and
 * the fine windows it scores), against every kept fine window scored (the rule before windows
 * were gated on the whole prompt's score), on distinct prompts of the real-prompt bundle sampled
 * as `npm run bench -- real` samples them; with the verdicts that differ between the two.
 *
 *   npx tsx bench/encoder-passes.ts [prompts] [labels.json]    (default 2000 prompts)
 *
 * With `labels.json`, each prompt's label is written there; a run of an older tree writes its own,
 * and the two files give the verdicts that changed.
 */
import { writeFile } from 'node:fs/promises';
import { ATTACK_LABELS } from '../src/labels.js';
import { disposeModels, loadClassifier } from '../src/models/registry.js';
import { realPrompts } from './real-prompts.js';

const count = Number(process.argv[2] ?? 2000);
const mix = realPrompts(Math.max(4000, count));
const step = Math.max(1, Math.floor(mix.length / count));
const prompts = mix.filter((_, i) => i % step === 0).slice(0, count);
const classifier = await loadClassifier({ encoderThreads: 2 });
const max = classifier.head.meta.inference.maxChunksPerPrompt;
let gated = 0;
let every = 0;
let longPrompts = 0;
const labels: Record<string, number> = {};
const each: string[] = [];
for (let i = 0; i < prompts.length; i += 64) {
  const batch = prompts.slice(i, i + 64);
  for (const [k, a] of (await classifier.analyze(batch)).entries()) {
    const coarse = a.chunks - a.windowProbs.length;
    gated += a.chunks;
    every += coarse + Math.min(a.windowCount, max);
    if (a.windowCount > 0) longPrompts++;
    const label = classifier.decide(a.probs, batch[k] as string).label;
    labels[label] = (labels[label] ?? 0) + 1;
    each.push(label);
  }
}
await disposeModels();
if (process.argv[3]) await writeFile(process.argv[3], JSON.stringify(each));
const out = {
  prompts: prompts.length,
  longPrompts,
  passesPerPrompt: Math.round((gated / prompts.length) * 1000) / 1000,
  passesPerPromptEveryWindow: Math.round((every / prompts.length) * 1000) / 1000,
  fewer: Math.round((1 - gated / every) * 1000) / 1000,
  labels: Object.fromEntries(['benign', ...ATTACK_LABELS].map((l) => [l, labels[l] ?? 0])),
};
console.log(JSON.stringify(out));
