import { sha256 } from './rng.js';
import type { FeedbackManifest } from './feedback.js';
import type { Example } from './types.js';

export interface DataManifest {
  seed: number;
  scale: number;
  datasetsDir: string;
  /** sha256 of every public file read, keyed by path relative to datasetsDir. */
  publicFiles: Record<string, string>;
  /** sha256 of the hand-written training prompt files (written.ts), keyed by repository path. */
  writtenFiles?: Record<string, string>;
  generatorVersion: string;
  total: number;
  totalChars: number;
  medianChars: number;
  counts: {
    label: Record<string, number>;
    source: Record<string, number>;
    lang: Record<string, number>;
    split: Record<string, number>;
    /** `${split}|${label}|${lang}` */
    splitLabelLang: Record<string, number>;
  };
  hardNegativesBySource: Record<string, number>;
  /** family -> split, for audit. */
  familySplits: Record<string, string>;
  lengthCapped: Record<string, number>;
  excluded: Record<string, number>;
  duplicatesRemoved: number;
  /** sha256 over the ordered list of (id, sha256(text), label, split). */
  sha256: string;
  /** Analyst feedback included in the train split (BuildOptions.feedbackFile). */
  feedback?: FeedbackManifest;
}

function inc(m: Record<string, number>, k: string): void {
  m[k] = (m[k] ?? 0) + 1;
}

function sorted(m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k] as number]),
  );
}

export function examplesDigest(examples: Example[]): string {
  const h = examples.map((e) => `${e.id}\t${sha256(e.text)}\t${e.label}\t${e.split}`).join('\n');
  return sha256(h);
}

export function countsOf(
  examples: Example[],
): DataManifest['counts'] & { hard: Record<string, number>; fam: Record<string, string> } {
  const label: Record<string, number> = {},
    source: Record<string, number> = {},
    lang: Record<string, number> = {};
  const split: Record<string, number> = {},
    sll: Record<string, number> = {},
    hard: Record<string, number> = {};
  const fam: Record<string, string> = {};
  for (const e of examples) {
    inc(label, e.label);
    inc(source, e.source);
    inc(lang, e.lang);
    inc(split, e.split);
    inc(sll, `${e.split}|${e.label}|${e.lang}`);
    if (e.hardNegative) inc(hard, e.source);
    fam[`${e.source}::${e.family}`] = e.split;
  }
  const famSorted = Object.fromEntries(
    Object.keys(fam)
      .sort()
      .map((k) => [k, fam[k] as string]),
  );
  return {
    label: sorted(label),
    source: sorted(source),
    lang: sorted(lang),
    split: sorted(split),
    splitLabelLang: sorted(sll),
    hard: sorted(hard),
    fam: famSorted,
  };
}
