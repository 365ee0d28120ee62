import { beforeAll, describe, expect, it } from 'vitest';
import { CLASSES, ATTACK_LABELS } from '../src/labels.js';
import { buildDataset } from '../training/data/build.js';
import { readEvalManifest, toEntries, verifyAgainst } from '../training/data/eval-set.js';
import { loadEvalSet } from '../training/data/load-eval-set.js';
import { X_BURIED } from '../training/data/generate/extra-buried.js';
import { X_CODE_STUBS } from '../training/data/generate/extra-code-stubs.js';
import { SLOT_PATTERN } from '../training/data/generate/family.js';
import { EXTRA_GROUPS, generateExtra } from '../training/data/generate/extra-index.js';
import { MAX_OVERLAP_WITH_HELD_OUT, ShingleIndex } from '../training/data/near-duplicate.js';
import { Rng } from '../training/data/rng.js';
import { EXTRA_BURIED_SOURCE, EXTRA_FAMILY_PREFIX } from '../training/data/split.js';
import { REAL_SOURCE_SPLITS } from '../training/data/public/real-sources.js';
import { MAX_CHARS } from '../training/data/text.js';
import type { Example } from '../training/data/types.js';

let full: Example[];

beforeAll(async () => {
  full = (await buildDataset({})).examples;
});

describe('rng', () => {
  it('is deterministic per seed', () => {
    const a = new Rng(7),
      b = new Rng(7),
      c = new Rng(8);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
});

describe('generator determinism', () => {
  it('same seed gives identical examples, another seed differs', async () => {
    const a = await buildDataset({ seed: 1, scale: 0.2 });
    const b = await buildDataset({ seed: 1, scale: 0.2 });
    const c = await buildDataset({ seed: 2, scale: 0.2 });
    expect(b.examples).toEqual(a.examples);
    expect(b.manifest.sha256).toBe(a.manifest.sha256);
    expect(c.manifest.sha256).not.toBe(a.manifest.sha256);
    const textsA = new Set(a.examples.filter((e) => e.source.startsWith('gen:')).map((e) => e.text));
    const genC = c.examples.filter((e) => e.source.startsWith('gen:'));
    expect(genC.filter((e) => !textsA.has(e.text)).length).toBeGreaterThan(genC.length / 2);
  });
});

describe('full build', () => {
  it('has unique ids and texts and bounded lengths', () => {
    expect(new Set(full.map((e) => e.id)).size).toBe(full.length);
    expect(new Set(full.map((e) => e.text)).size).toBe(full.length);
    expect(Math.max(...full.map((e) => e.text.length))).toBeLessThanOrEqual(MAX_CHARS);
  });

  it('never puts one family in two splits', () => {
    const seen = new Map<string, string>();
    for (const e of full) {
      const k = `${e.source}::${e.family}`;
      expect(seen.get(k) ?? e.split, k).toBe(e.split);
      seen.set(k, e.split);
    }
  });

  it('has both languages for every class in train and test, >= 25% Chinese', () => {
    for (const split of ['train', 'test'] as const) {
      for (const label of CLASSES) {
        const xs = full.filter((e) => e.split === split && e.label === label);
        const zh = xs.filter((e) => e.lang === 'zh').length;
        expect(
          xs.some((e) => e.lang === 'en'),
          `${split}/${label}/en`,
        ).toBe(true);
        expect(zh / xs.length, `${split}/${label} Chinese share`).toBeGreaterThanOrEqual(0.25);
      }
    }
  });

  it('meets the size targets', () => {
    const count = (split: string, label?: string) =>
      full.filter((e) => e.split === split && (!label || e.label === label)).length;
    expect(full.length).toBeGreaterThanOrEqual(14_000);
    // A bound on the data, hence on training time (train + eval ≈10 min warm at 28k on a quiet
    // machine; the real-prompt bundle adds about 5,300 prompts, 1,850 of them test-only).
    expect(full.length).toBeLessThanOrEqual(36_000);
    for (const l of ATTACK_LABELS) expect(count('train', l), l).toBeGreaterThanOrEqual(1500);
    expect(count('train', 'benign')).toBeGreaterThanOrEqual(3500);
    for (const l of CLASSES) expect(count('test', l), l).toBeGreaterThanOrEqual(300);
    expect(count('hardneg')).toBeGreaterThanOrEqual(1500);
    for (const s of ['val', 'calib']) for (const l of CLASSES) expect(count(s, l), `${s}/${l}`).toBeGreaterThan(0);
  });

  it('keeps the hard-negative sources in hardneg, benign only, and some generated hard negatives in train', () => {
    const hn = full.filter((e) => e.split === 'hardneg');
    const sources = new Set(hn.map((e) => e.source));
    for (const s of ['gsm8k', 'deccp', 'promptfoo_ccp_sensitive', 'gen:hardneg-en', 'gen:hardneg-zh'])
      expect(sources.has(s), s).toBe(true);
    expect(hn.every((e) => e.label === 'benign' && e.hardNegative)).toBe(true);
    expect(full.some((e) => e.split === 'train' && e.hardNegative && e.source.startsWith('gen:hardneg'))).toBe(true);
    for (const s of ['gsm8k', 'deccp', 'promptfoo_ccp_sensitive']) {
      expect(
        full.filter((e) => e.source === s).every((e) => e.split === 'hardneg'),
        s,
      ).toBe(true);
    }
  });

  it('holds out the README test sources', () => {
    const testOnly = [
      'openai_evals_modelgraded',
      'geval_prompts',
      'ultrafeedback_templates',
      'judgelm',
      'skythought',
      'human_eval',
    ];
    for (const s of testOnly)
      expect(
        full.filter((e) => e.source === s).every((e) => e.split === 'test'),
        s,
      ).toBe(true);
    const trainSide = [
      'prometheus_eval',
      'alpaca_eval_annotators',
      'flan_v2_cot',
      'star_rationalization',
      'self_instruct',
      'alpaca_eval_set',
      'awesome_chatgpt_prompts',
    ];
    for (const s of trainSide)
      expect(
        full.filter((e) => e.source === s).every((e) => e.split !== 'test' && e.split !== 'hardneg'),
        s,
      ).toBe(true);
  });

  it("'step by step' and sensitive topic words also occur in benign examples", () => {
    const benign = full.filter((e) => e.label === 'benign');
    expect(benign.filter((e) => /step[- ]by[- ]step|一步/i.test(e.text)).length).toBeGreaterThan(100);
    expect(benign.filter((e) => /Tiananmen|天安门|Xinjiang|新疆|Tibet|西藏/i.test(e.text)).length).toBeGreaterThan(100);
  });
});

describe('extra train-side families (x-)', () => {
  it('code stubs hold no slot of their own: the filler would replace code such as {n} with slot text', () => {
    const templates = X_CODE_STUBS.flatMap((spec) => spec.templates);
    expect(templates.length).toBe(210);
    expect(templates.filter((t) => t.match(SLOT_PATTERN) !== null)).toEqual([]);
    // The check itself sees a slot in code: a Python f-string with a bare name.
    expect('print(f"{n} items")'.match(SLOT_PATTERN)).toEqual(['{n}']);
  });

  it('never land in test or hardneg, cover val and calib per class x language, and are >= 30% Chinese per class', () => {
    const ex = full.filter((e) => e.family.startsWith(EXTRA_FAMILY_PREFIX));
    expect(ex.length).toBeGreaterThanOrEqual(2500);
    expect(ex.every((e) => e.split === 'train' || e.split === 'val' || e.split === 'calib')).toBe(true);
    const trainSideSource = (e: Example) => e.source.startsWith('gen:extra-') || e.source.startsWith('written-');
    expect(ex.every(trainSideSource)).toBe(true);
    for (const label of CLASSES) {
      const xs = ex.filter((e) => e.label === label);
      expect(xs.filter((e) => e.lang === 'zh').length / xs.length, label).toBeGreaterThanOrEqual(0.3);
      for (const lang of ['en', 'zh'])
        for (const split of ['train', 'val', 'calib']) {
          expect(
            xs.some((e) => e.lang === lang && e.split === split),
            `${label}/${lang}/${split}`,
          ).toBe(true);
        }
    }
    expect(ex.filter((e) => e.hardNegative).every((e) => e.label === 'benign')).toBe(true);
    // No original generated family is named like an extra one.
    expect(full.filter((e) => !trainSideSource(e)).some((e) => e.family.startsWith(EXTRA_FAMILY_PREFIX))).toBe(false);
  });

  it('keep one buried-instruction family of every attack label and language in validation, and train on the others', () => {
    const buried = full.filter((e) => e.source === EXTRA_BURIED_SOURCE && e.label !== 'benign');
    for (const label of ATTACK_LABELS)
      for (const lang of ['en', 'zh']) {
        const families = (split: string) =>
          new Set(buried.filter((e) => e.label === label && e.lang === lang && e.split === split).map((e) => e.family));
        expect(families('val').size, `${label}/${lang}`).toBeGreaterThanOrEqual(1);
        expect(families('train').size, `${label}/${lang}`).toBeGreaterThanOrEqual(1);
      }
  });

  it('reword no held-out template: no train-side template shares 10% of its shingles with a test or hard-negative prompt', () => {
    const heldOut = new ShingleIndex(
      full.filter((e) => e.split === 'test' || e.split === 'hardneg').map((e) => e.text),
    );
    const close = [...EXTRA_GROUPS.flatMap((g) => g.families), ...X_BURIED].flatMap((f) =>
      f.templates
        .map((t, i) => ({ template: `${f.name}#${i}`, overlap: heldOut.overlap(t.replace(/\{[a-z_0-9]+\}/g, ' ')) }))
        .filter((x) => x.overlap >= MAX_OVERLAP_WITH_HELD_OUT),
    );
    expect(close).toEqual([]);
  });

  it('are deterministic and leave every other example untouched', async () => {
    const a = generateExtra({ seed: 5, scale: 0.3 });
    expect(generateExtra({ seed: 5, scale: 0.3 })).toEqual(a);
    expect(generateExtra({ seed: 6, scale: 0.3 })).not.toEqual(a);
    // Everything before the extra drafts is a prefix identical to a build without them; only the
    // real-prompt bundle, each source whole in one split, comes after them.
    const firstExtra = full.findIndex((e) => e.family.startsWith(EXTRA_FAMILY_PREFIX));
    expect(firstExtra).toBeGreaterThan(0);
    const after = full.slice(firstExtra);
    expect(after.every((e) => e.family.startsWith(EXTRA_FAMILY_PREFIX) || e.source in REAL_SOURCE_SPLITS)).toBe(true);
    const firstReal = after.findIndex((e) => e.source in REAL_SOURCE_SPLITS);
    expect(after.slice(firstReal).every((e) => e.source in REAL_SOURCE_SPLITS)).toBe(true);
  });
});

describe('fixed evaluation set', () => {
  it('matches the current full build exactly', () => {
    const { entries } = readEvalManifest();
    expect(verifyAgainst(entries, full)).toEqual([]);
    // The real-prompt bundle's test sources are held out by source, beside the fixed set.
    expect(toEntries(full.filter((e) => !(e.source in REAL_SOURCE_SPLITS)))).toEqual(entries);
  });

  it('loadEvalSet rebuilds and verifies every text', async () => {
    const { entries } = readEvalManifest();
    const xs = await loadEvalSet();
    expect(xs.map((e) => e.id)).toEqual(entries.map((e) => e.id));
  });

  it('reports mismatches clearly', () => {
    const { entries } = readEvalManifest();
    const first = entries[0];
    if (!first) throw new Error('empty manifest');
    const bad = [
      { ...first, sha256: '0'.repeat(64) },
      { ...first, id: 'nope/x/0' },
    ];
    expect(verifyAgainst(bad, full)).toEqual([`${first.id}: text hash differs`, 'nope/x/0: missing from rebuild']);
  });
});
