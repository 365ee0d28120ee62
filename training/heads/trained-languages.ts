/**
 * The languages a head is trained for, recorded in its head.json (`languages`) and answered as
 * `supported` by the service: those whose training data (train, val and calib) hold at least
 * MIN_EXAMPLES_PER_CLASS prompts of every class (each attack label and benign). A language seen
 * only in a few stray prompts is not claimed; `und` (no letters) never is.
 */
import { CLASSES } from '../../src/labels.js';
import { DETECTED_LANGUAGES, type LanguageCode } from '../../src/util/lang.js';
import type { Example } from '../data/types.js';

export const MIN_EXAMPLES_PER_CLASS = 20;

export function trainedLanguages(examples: readonly Pick<Example, 'lang' | 'label'>[]): LanguageCode[] {
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(`${e.lang}|${e.label}`, (counts.get(`${e.lang}|${e.label}`) ?? 0) + 1);
  return DETECTED_LANGUAGES.filter(
    (lang) => lang !== 'und' && CLASSES.every((c) => (counts.get(`${lang}|${c}`) ?? 0) >= MIN_EXAMPLES_PER_CLASS),
  );
}
