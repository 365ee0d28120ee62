import { sha256 } from './rng.js';
import type { Draft, Example, Split } from './types.js';
import type { Pool } from './public/common.js';

/**
 * Split assignment, always by family (never by item), independent of the seed so the fixed
 * evaluation set stays stable.
 * - The real-prompt bundle (public/real-sources.ts) goes whole by source: pools `train-only`,
 *   `val` and `test`.
 * - Public sources carry a pool (see public/*): `test` / `hardneg` pools are held-out sources
 *   (README: rubric test = openai-evals, G-Eval, UltraFeedback, JudgeLM, SkyThought grading;
 *   reasoning test = SkyThought; benign test = MT-bench, Vicuna, HumanEval; hardneg = GSM8K,
 *   deccp, promptfoo). `train`-pool families go to train/val/calib by family hash, the first
 *   family of each source always to train.
 * - Generated families are grouped by (label, lang, hard-negative, buried); within a group,
 *   families sorted by hash take the splits in ORDER (the first four cover train, test, val and
 *   calib, so every group with >= 4 families has all four; overall about 55% train, 25% test,
 *   10% val, 10% calib of families). Test families of hard-negative groups form the `hardneg`
 *   report split.
 */

export function familyHash(family: string): number {
  return parseInt(sha256(`family:${family}`).slice(0, 8), 16) / 0x100000000;
}

interface Keyed {
  family: string;
  key: string;
}

function assignTrainPool(families: Keyed[]): Map<string, Split> {
  const out = new Map<string, Split>();
  const byKey = groupBy(families);
  for (const list of byKey.values()) {
    list.forEach((f, i) => {
      const u = familyHash(f.family);
      out.set(f.family, i === 0 || u < 0.8 ? 'train' : u < 0.9 ? 'val' : 'calib');
    });
  }
  return out;
}

const ORDER: readonly Split[] = [
  'train',
  'test',
  'val',
  'calib',
  'train',
  'train',
  'test',
  'train',
  'train',
  'val',
  'train',
  'test',
  'train',
  'calib',
  'train',
  'test',
];

function assignGenerated(families: (Keyed & { hard: boolean })[]): Map<string, Split> {
  const out = new Map<string, Split>();
  for (const list of groupBy(families).values()) {
    list.forEach((f, i) => {
      let s: Split = ORDER[i % ORDER.length] as Split;
      if (s === 'test' && f.hard) s = 'hardneg';
      out.set(f.family, s);
    });
  }
  return out;
}

/** Groups by key, each group's families sorted by hash then name (deterministic). */
function groupBy<T extends Keyed>(items: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of [...items].sort((a, b) => a.key.localeCompare(b.key))) {
    const l = m.get(it.key) ?? [];
    if (!l.some((x) => x.family === it.family)) l.push(it);
    m.set(it.key, l);
  }
  for (const l of m.values())
    l.sort((a, b) => familyHash(a.family) - familyHash(b.family) || a.family.localeCompare(b.family));
  return m;
}

/**
 * Extra generated families (name prefix `x-`, generate/extra-index.ts) and the hand-written
 * training prompts (`x-w-…`, written.ts) are TRAIN SIDE ONLY and
 * kept out of `assignGenerated` so the original families' splits never shift. Per
 * (label, lang, hard-negative) group, sorted by hash: the first family goes to val, the second
 * to calib, the rest 90/5/5 train/val/calib by family hash (about 75/12/12 overall).
 */
export const EXTRA_FAMILY_PREFIX = 'x-';

function assignExtra(families: Keyed[]): Map<string, Split> {
  const out = new Map<string, Split>();
  for (const list of groupBy(families).values()) {
    list.forEach((f, i) => {
      const u = familyHash(`extra:${f.family}`);
      out.set(f.family, i === 0 ? 'val' : i === 1 ? 'calib' : u < 0.9 ? 'train' : u < 0.95 ? 'val' : 'calib');
    });
  }
  return out;
}

/** The extra buried-instruction families (generate/extra-buried.ts). */
export const EXTRA_BURIED_SOURCE = 'gen:extra-buried';

/**
 * Every attack label and language of the extra buried-instruction families keeps one family in
 * validation, so the serving policy sees, per language, the attacks only a window finds
 * (heads/serving-policy.ts, `maxWindowRecallLoss`). Where `assignExtra` gave none, the first
 * train family by hash moves to val; no other family moves.
 */
function buriedInValidation(split: Map<string, Split>, buried: Draft[], famKey: (d: Draft) => string): void {
  const groups = new Map<string, string[]>();
  for (const d of buried) {
    const key = `${d.label}|${d.lang}`;
    const list = groups.get(key) ?? [];
    if (!list.includes(famKey(d))) list.push(famKey(d));
    groups.set(key, list);
  }
  for (const families of groups.values()) {
    if (families.some((f) => split.get(f) === 'val')) continue;
    const first = families
      .filter((f) => split.get(f) === 'train')
      .sort((a, b) => familyHash(a) - familyHash(b) || a.localeCompare(b))[0];
    if (first !== undefined) split.set(first, 'val');
  }
}

export type PooledDraft = Draft & { pool?: Pool };

/** Assigns a split to every draft; family -> split is a function, so no family spans splits. */
export function assignSplits(drafts: PooledDraft[]): Example[] {
  const famKey = (d: Draft): string => `${d.source}::${d.family}`;
  const pub = drafts.filter((d) => d.pool);
  const isExtra = (d: Draft): boolean => d.family.startsWith(EXTRA_FAMILY_PREFIX);
  const gen = drafts.filter((d) => !d.pool && !isExtra(d));
  // Hand-written families (written.ts) are grouped apart so that adding them never moves a
  // generated extra family to another split.
  const extraSplit = assignExtra(
    drafts
      .filter((d) => !d.pool && isExtra(d))
      .map((d) => ({
        family: famKey(d),
        key: `${d.source.startsWith('written-') ? `${d.source}|` : ''}${d.label}|${d.lang}|${d.hardNegative}`,
      })),
  );
  buriedInValidation(
    extraSplit,
    drafts.filter((d) => !d.pool && d.source === EXTRA_BURIED_SOURCE && d.label !== 'benign'),
    famKey,
  );
  const trainPool = assignTrainPool(
    pub.filter((d) => d.pool === 'train').map((d) => ({ family: famKey(d), key: d.source })),
  );
  const genSplit = assignGenerated(
    gen.map((d) => ({
      family: famKey(d),
      hard: d.hardNegative,
      key: `${d.label}|${d.lang}|${d.hardNegative}|${d.source === 'gen:buried'}`,
    })),
  );
  return drafts.map((d) => {
    let split: Split;
    if (d.pool === 'test' || d.pool === 'hardneg' || d.pool === 'val') split = d.pool;
    else if (d.pool === 'train-only') split = 'train';
    else if (d.pool === 'train') split = trainPool.get(famKey(d)) as Split;
    else if (isExtra(d)) split = extraSplit.get(famKey(d)) as Split;
    else split = genSplit.get(famKey(d)) as Split;
    const { pool: _pool, ...rest } = d;
    return { ...rest, split };
  });
}
