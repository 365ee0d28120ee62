import { rngFor, type Rng } from '../rng.js';
import type { Draft, Lang } from '../types.js';
import { BENIGN_EN } from './benign-en.js';
import { BENIGN_ZH } from './benign-zh.js';
import { BURIED, embed } from './buried.js';
import { CENSORSHIP_EN } from './censorship-en.js';
import { CENSORSHIP_ZH } from './censorship-zh.js';
import { PARAS_ZH } from './docs-zh.js';
import { instantiate, type FamilySpec } from './family.js';
import { HARDNEG_EN } from './hardneg-en.js';
import { HARDNEG_ZH } from './hardneg-zh.js';
import { obfuscate } from './obfuscate.js';
import { REASONING_EN } from './reasoning-en.js';
import { REASONING_ZH } from './reasoning-zh.js';
import { RUBRIC_EN } from './rubric-en.js';
import { RUBRIC_ZH } from './rubric-zh.js';

/** Bump when templates, slot values or generation logic change (recorded in the manifest). */
export const GENERATOR_VERSION = 'gen-v1';

interface Group {
  module: string;
  families: FamilySpec[];
  target: number;
}

/** Full-scale example targets per generator module (before exact-duplicate removal). */
export const GROUPS: readonly Group[] = [
  { module: 'censorship-en', families: CENSORSHIP_EN, target: 1650 },
  { module: 'censorship-zh', families: CENSORSHIP_ZH, target: 1700 },
  { module: 'reasoning-en', families: REASONING_EN, target: 700 },
  { module: 'reasoning-zh', families: REASONING_ZH, target: 1100 },
  { module: 'rubric-en', families: RUBRIC_EN, target: 500 },
  { module: 'rubric-zh', families: RUBRIC_ZH, target: 1300 },
  { module: 'benign-en', families: BENIGN_EN, target: 700 },
  { module: 'benign-zh', families: BENIGN_ZH, target: 1300 },
  { module: 'hardneg-en', families: HARDNEG_EN, target: 700 },
  { module: 'hardneg-zh', families: HARDNEG_ZH, target: 1100 },
];

export const BURIED_PER_FAMILY = 28;

export function allFamilies(): FamilySpec[] {
  return [...GROUPS.flatMap((g) => g.families), ...BURIED];
}

function draft(source: string, spec: FamilySpec, k: number, text: string): Draft {
  return {
    id: `${source}/${spec.name}/${k}`,
    text,
    label: spec.label,
    source,
    family: spec.name,
    lang: spec.lang,
    hardNegative: spec.hard ?? false,
  };
}

/** Examples a family of a weighted group gets at `scale` (at least 2). */
export function familyCount(
  group: { families: readonly FamilySpec[]; target: number },
  spec: FamilySpec,
  scale: number,
): number {
  const total = group.families.reduce((s, f) => s + (f.weight ?? 1), 0);
  return Math.max(2, Math.round(((group.target * (spec.weight ?? 1)) / total) * scale));
}

/** Generates `count` distinct texts for one family from its own stream `r` (gives up after 4x attempts: small families). */
export function generateFamily(
  spec: FamilySpec,
  source: string,
  count: number,
  r: Rng,
  make: (r: Rng) => string,
): Draft[] {
  const seen = new Set<string>();
  const out: Draft[] = [];
  for (let attempt = 0; out.length < count && attempt < count * 4; attempt++) {
    const text = make(r).trim();
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push(draft(source, spec, out.length, text));
  }
  return out;
}

/**
 * All generated examples. `enParas` are English benign paragraphs (AlpacaEval outputs) used as
 * documents for the buried-instruction families.
 */
export function generateAll(opts: { seed: number; scale: number; enParas: readonly string[] }): Draft[] {
  const out: Draft[] = [];
  for (const g of GROUPS) {
    for (const spec of g.families) {
      const r = rngFor(opts.seed, `gen/${spec.name}`);
      out.push(
        ...generateFamily(
          spec,
          `gen:${g.module}`,
          familyCount(g, spec, opts.scale),
          r,
          (r) => obfuscate(instantiate(spec, r), r, spec.lang).text,
        ),
      );
    }
  }
  for (const spec of BURIED) {
    const paras = (lang: Lang): readonly string[] => (lang === 'zh' ? PARAS_ZH : opts.enParas);
    const count = Math.max(2, Math.round(BURIED_PER_FAMILY * opts.scale));
    out.push(
      ...generateFamily(spec, 'gen:buried', count, rngFor(opts.seed, `gen/${spec.name}`), (r) =>
        embed(paras(spec.lang), instantiate(spec, r), r, spec.lang),
      ),
    );
  }
  return out;
}
