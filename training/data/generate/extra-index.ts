import { Rng } from '../rng.js';
import type { Draft } from '../types.js';
import { X_CENSORSHIP } from './extra-censorship.js';
import { X_CENSORSHIP_MORE } from './extra-censorship-more.js';
import { X_CODE_STUBS } from './extra-code-stubs.js';
import { X_CODING } from './extra-coding.js';
import { X_CONTRAST_EN } from './extra-contrast-en.js';
import { X_CONTRAST_ZH } from './extra-contrast-zh.js';
import { X_GRADERS } from './extra-graders.js';
import { instantiateExtra } from './extra-family.js';
import { X_HARDNEG_EN } from './extra-hardneg-en.js';
import { X_HARDNEG_ZH } from './extra-hardneg-zh.js';
import { X_REASONING_EN } from './extra-reasoning-en.js';
import { X_REASONING_ZH } from './extra-reasoning-zh.js';
import { X_RUBRIC_EN } from './extra-rubric-en.js';
import { X_RUBRIC_ZH } from './extra-rubric-zh.js';
import type { FamilySpec } from './family.js';
import { familyCount, generateFamily } from './index.js';
import { obfuscate } from './obfuscate.js';

/**
 * Extra generated families for diversity. TRAIN SIDE ONLY (train / val / calib): family names
 * start with `x-` and split.ts never assigns them to test or hardneg. They use their own RNG
 * streams (`${seed}:extra/...`) and are appended after all other drafts, so the existing
 * examples, their ids and the fixed evaluation set are unaffected.
 */
export const EXTRA_VERSION = 'extra-v5';

interface Group {
  module: string;
  families: FamilySpec[];
  target: number;
}

export const EXTRA_GROUPS: readonly Group[] = [
  { module: 'extra-reasoning-en', families: X_REASONING_EN, target: 560 },
  { module: 'extra-reasoning-zh', families: X_REASONING_ZH, target: 480 },
  { module: 'extra-rubric-en', families: X_RUBRIC_EN, target: 480 },
  { module: 'extra-rubric-zh', families: X_RUBRIC_ZH, target: 420 },
  { module: 'extra-censorship', families: X_CENSORSHIP, target: 440 },
  { module: 'extra-hardneg-en', families: X_HARDNEG_EN, target: 480 },
  { module: 'extra-hardneg-zh', families: X_HARDNEG_ZH, target: 520 },
  { module: 'extra-coding', families: X_CODING, target: 700 },
  { module: 'extra-contrast-en', families: X_CONTRAST_EN, target: 760 },
  { module: 'extra-contrast-zh', families: X_CONTRAST_ZH, target: 760 },
  { module: 'extra-graders', families: X_GRADERS, target: 480 },
  { module: 'extra-censorship-more', families: X_CENSORSHIP_MORE, target: 560 },
  { module: 'extra-code-stubs', families: X_CODE_STUBS, target: 420 },
];

export function extraFamilies(): FamilySpec[] {
  return EXTRA_GROUPS.flatMap((g) => g.families);
}

/** All extra drafts, deterministic in `seed` and `scale`. */
export function generateExtra(opts: { seed: number; scale: number }): Draft[] {
  const out: Draft[] = [];
  for (const g of EXTRA_GROUPS) {
    for (const spec of g.families) {
      const r = new Rng(`${opts.seed}:extra/${spec.name}`);
      out.push(
        ...generateFamily(
          spec,
          `gen:${g.module}`,
          familyCount(g, spec, opts.scale),
          r,
          (r) => obfuscate(instantiateExtra(spec, r), r, spec.lang).text,
        ),
      );
    }
  }
  return out;
}
