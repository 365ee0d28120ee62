/**
 * Fine windows of long benign training prompts, as benign training examples.
 *
 * The service scores a long prompt's fine windows (about 48 tokens each, models/head-classifier.ts)
 * on their own and keeps the maximum, but training examples are whole prompts: without this, a
 * fragment of a problem statement, a table or a code listing is a text the head never saw labelled.
 * Each long benign prompt of the train split gives up to `maxPerPrompt` evenly spaced windows,
 * labelled benign and kept in the parent's source and family (so cross-fitting folds and the split
 * by family hold them with their parent). Only benign parents: an attack prompt's windows are not
 * each an attack.
 */
import { WINDOW_TOKENS } from '../../src/models/head-classifier.js';
import { evenlyCapped } from '../../src/models/text-chunks.js';
import type { Example } from '../data/types.js';

export interface WindowSplitter {
  splitIntoChunks(text: string, maxTokens?: number): string[];
}

export function windowNegatives(train: readonly Example[], splitter: WindowSplitter, maxPerPrompt: number): Example[] {
  if (maxPerPrompt <= 0) return [];
  const seen = new Set(train.map((e) => e.text));
  const out: Example[] = [];
  for (const e of train) {
    if (e.label !== 'benign' || splitter.splitIntoChunks(e.text).length <= 1) continue;
    evenlyCapped(splitter.splitIntoChunks(e.text, WINDOW_TOKENS), maxPerPrompt).forEach((text, k) => {
      if (seen.has(text)) return;
      seen.add(text);
      out.push({ ...e, id: `${e.id}#w${k}`, text });
    });
  }
  return out;
}
