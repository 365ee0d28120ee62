import { beforeAll, describe, expect, it } from 'vitest';
import { CLASSES } from '../src/labels.js';
import { buildDataset } from '../training/data/build.js';
import type { Example } from '../training/data/types.js';
import type { Scored } from '../training/eval/report.js';
import { scenarioOf, writtenReport } from '../training/eval/written-report.js';
import { WRITTEN_VALIDATION_SETS, writtenValidationRows } from '../training/eval/written-validation.js';
import {
  MAX_OVERLAP_WITH_HELD_OUT,
  MAX_OVERLAP_WITH_TRAINING,
  ShingleIndex,
  shingles,
} from '../training/data/near-duplicate.js';
import {
  DEFAULT_WRITTEN_TRAIN_SETS,
  parseWritten,
  readWrittenSet,
  WRITTEN_LANGUAGES_HELD_OUT_SET,
  WRITTEN_PROBE_SET,
  WRITTEN_TRAIN_SETS,
  WrittenFileError,
  writtenLanguagesHeldOut,
  writtenProbe,
  writtenSetLangs,
  writtenTrainingDrafts,
} from '../training/data/written.js';
import { languageReport, nearLabelOf, type LanguageItem } from '../training/eval/other-languages.js';

const line = (o: Record<string, unknown>) =>
  JSON.stringify({
    id: 'w-1',
    label: 'benign',
    family: 'bn-cooking',
    lang: 'en',
    text: 'How long do I boil an egg?',
    ...o,
  });

describe('hand-written prompt files', () => {
  it('parse valid lines and skip blank ones', () => {
    const got = parseWritten(
      `${line({})}\n\n${line({ id: 'w-2', hard: true, family: 'bn-homework', text: 'Solve 2x+3=7 step by step.' })}\n`,
      'f.jsonl',
      'en',
    );
    expect(got.map((p) => [p.id, p.hard ?? false])).toEqual([
      ['w-1', false],
      ['w-2', true],
    ]);
  });

  it.each([
    ['not JSON', `${line({})}\n{oops`, 'f.jsonl line 2: not valid JSON'],
    ['an unknown label', line({ label: 'spam' }), 'f.jsonl line 1: label:'],
    [
      'a family without its label prefix',
      line({ label: 'rubric_grading' }),
      'f.jsonl line 1: family bn-cooking of a rubric_grading prompt must start with rg-',
    ],
    ['the wrong language', line({ lang: 'zh' }), 'f.jsonl line 1: lang zh in a en file'],
    ['a duplicate id', `${line({})}\n${line({ text: 'other' })}`, 'f.jsonl line 2: duplicate id w-1'],
    [
      'a hard negative that is an attack',
      line({ label: 'rubric_grading', family: 'rg-x', hard: true }),
      'f.jsonl line 1: only benign prompts can be hard negatives',
    ],
    ['an empty text', line({ text: '   ' }), 'f.jsonl line 1: text:'],
    ['an unknown field', line({ note: 'x' }), 'f.jsonl line 1:'],
  ])('reject %s with the line number', (_, text, message) => {
    expect(() => parseWritten(text, 'f.jsonl', 'en')).toThrow(WrittenFileError);
    expect(() => parseWritten(text, 'f.jsonl', 'en')).toThrow(message);
  });
});

describe('the committed sets', () => {
  let built: { examples: Example[]; manifest: Awaited<ReturnType<typeof buildDataset>>['manifest'] };
  beforeAll(async () => {
    built = await buildDataset({ writtenSets: WRITTEN_TRAIN_SETS });
  });

  it('cover every class in each of their languages, with hard negatives, in every set', () => {
    for (const set of [...WRITTEN_TRAIN_SETS, WRITTEN_PROBE_SET] as const) {
      const { prompts } = readWrittenSet(set);
      for (const label of CLASSES)
        for (const lang of writtenSetLangs(set)) {
          expect(
            prompts.filter((p) => p.label === label && p.lang === lang).length,
            `${set} ${label} ${lang}`,
          ).toBeGreaterThanOrEqual(25);
        }
      for (const lang of writtenSetLangs(set))
        expect(prompts.filter((p) => p.hard && p.lang === lang).length, `${set} hard ${lang}`).toBeGreaterThanOrEqual(
          25,
        );
    }
  });

  it('set g and its held-out part h: every attack label and its hard negatives in ja, ko, ru and es, no scenario on both sides', () => {
    const g = readWrittenSet('g').prompts;
    const h = readWrittenSet(WRITTEN_LANGUAGES_HELD_OUT_SET).prompts;
    for (const lang of ['ja', 'ko', 'ru', 'es'] as const)
      for (const label of ['reasoning_trace_extraction', 'rubric_grading', 'censorship_rewrite'] as const) {
        const of = (ps: typeof g) => ps.filter((p) => p.lang === lang);
        const attacks = [...of(g), ...of(h)].filter((p) => p.label === label);
        const near = [...of(g), ...of(h)].filter((p) => p.hard && nearLabelOf(p.family) === label);
        expect(attacks.length, `${lang} ${label}`).toBeGreaterThanOrEqual(40);
        expect(near.length, `${lang} near ${label}`).toBeGreaterThanOrEqual(40);
        expect(of(h).filter((p) => p.label === label).length, `${lang} held-out ${label}`).toBeGreaterThanOrEqual(8);
        expect(
          of(h).filter((p) => nearLabelOf(p.family) === label).length,
          `${lang} held-out near ${label}`,
        ).toBeGreaterThanOrEqual(8);
      }
    // Held out by scenario in every language at once: no scenario of h is a family of g (or j) in any language.
    const trained = new Set([...g, ...readWrittenSet('j').prompts].map((p) => p.family));
    expect(h.filter((p) => trained.has(p.family)).map((p) => p.id)).toEqual([]);
    expect(() => writtenTrainingDrafts([WRITTEN_LANGUAGES_HELD_OUT_SET])).toThrow('report-only');
  });

  it('the held-out languages set shares no text, and no near duplicate, with the built data', () => {
    const { examples } = writtenLanguagesHeldOut();
    expect(examples.length).toBe(192);
    expect(examples.every((e) => e.source === 'written-h' && e.split === 'test')).toBe(true);
    const texts = new Set(built.examples.map((e) => e.text));
    expect(examples.filter((e) => texts.has(e.text)).map((e) => e.id)).toEqual([]);
    const index = new ShingleIndex(built.examples.map((e) => e.text));
    expect(examples.filter((e) => index.overlap(e.text) >= MAX_OVERLAP_WITH_TRAINING).map((e) => e.id)).toEqual([]);
  });

  it('the training sets are on the train side only, recorded with their hashes in the data manifest', async () => {
    expect(Object.keys((await buildDataset({ scale: 0.05 })).manifest.writtenFiles ?? {}).sort()).toEqual(
      DEFAULT_WRITTEN_TRAIN_SETS.flatMap((s) =>
        writtenSetLangs(s).map((l) => `training/data/written/${s}-${l}.jsonl`),
      ).sort(),
    );
    for (const set of WRITTEN_TRAIN_SETS) {
      const examples = built.examples.filter((e) => e.source === `written-${set}`);
      expect(examples.length, set).toBeGreaterThan(300);
      expect(new Set(examples.map((e) => e.split)), set).toEqual(new Set(['train', 'val', 'calib']));
    }
    expect(Object.keys(built.manifest.writtenFiles ?? {}).sort()).toEqual(
      WRITTEN_TRAIN_SETS.flatMap((s) => writtenSetLangs(s).map((l) => `training/data/written/${s}-${l}.jsonl`)).sort(),
    );
    expect(() => writtenTrainingDrafts([WRITTEN_PROBE_SET])).toThrow('report-only');
  });

  it('the written validation rows stay the same rows with and without sets e and f, at any generator scale', async () => {
    const withEverySet = writtenValidationRows(built.examples);
    const alone = writtenValidationRows(
      (await buildDataset({ scale: 0.05, writtenSets: [...WRITTEN_VALIDATION_SETS] })).examples,
    );
    expect(alone.map((e) => e.id)).toEqual(withEverySet.map((e) => e.id));
    expect(alone.length).toBeGreaterThan(100);
    for (const label of CLASSES)
      expect(alone.filter((e) => e.label === label).length, label).toBeGreaterThanOrEqual(20);
    expect(new Set(alone.map((e) => e.source))).toEqual(new Set(['written-a', 'written-c', 'written-d']));
  });

  it('the probe (set b) shares no text with the built data, with every training set in it', () => {
    const { examples } = writtenProbe();
    expect(examples.length).toBeGreaterThan(300);
    const texts = new Set(built.examples.map((e) => e.text));
    expect(examples.filter((e) => texts.has(e.text)).map((e) => e.id)).toEqual([]);
    expect(examples.every((e) => e.source === 'written-b' && e.split === 'test')).toBe(true);
    // Nor a near duplicate: the two sets were written from one brief, and the ones that came out
    // alike were taken out of the probe.
    const index = new ShingleIndex(built.examples.map((e) => e.text));
    expect(examples.filter((e) => index.overlap(e.text) >= MAX_OVERLAP_WITH_TRAINING).map((e) => e.id)).toEqual([]);
  });

  it('the training sets recall no held-out template: no written training prompt is a near duplicate of a test or hard-negative prompt', () => {
    const heldOut = new ShingleIndex(
      built.examples.filter((e) => e.split === 'test' || e.split === 'hardneg').map((e) => e.text),
    );
    const a = built.examples.filter((e) => e.source.startsWith('written-'));
    expect(a.filter((e) => heldOut.overlap(e.text) >= MAX_OVERLAP_WITH_HELD_OUT).map((e) => e.id)).toEqual([]);
  });
});

describe('written probe report', () => {
  it('gives scenarios named in a training set apart from new ones, per language', () => {
    const item = (family: string, lang: 'en' | 'zh', label: Example['label'], predicted: Example['label']): Scored => ({
      example: {
        id: `${family}/0`,
        text: 't',
        label,
        source: 'written-b',
        family,
        lang,
        split: 'test',
        hardNegative: false,
      },
      predicted,
    });
    const items = [
      item('wb-en-rt-think-tags', 'en', 'reasoning_trace_extraction', 'reasoning_trace_extraction'),
      item('wb-en-rt-think-tags', 'en', 'reasoning_trace_extraction', 'benign'),
      item('wb-zh-rt-think-tags', 'zh', 'reasoning_trace_extraction', 'reasoning_trace_extraction'),
      item('wb-en-bn-cooking', 'en', 'benign', 'benign'),
    ];
    expect(scenarioOf('wb-zh-rt-think-tags')).toBe('zh/rt-think-tags');
    const r = writtenReport(items, new Set(['en/rt-think-tags']));
    expect([
      r.scenarios.shared.families,
      r.scenarios.shared.report.n,
      r.scenarios.new.families,
      r.scenarios.new.report.n,
    ]).toEqual([1, 2, 2, 2]);
    expect(r.scenarios.shared.report.perClass['reasoning_trace_extraction']!.recall).toBe(0.5);
    expect(r.scenarios.new.report.perClass['reasoning_trace_extraction']!.recall).toBe(1);
    expect(r.weakFamilies.map((f) => [f.family, f.correct, f.n])).toEqual([['wb-en-rt-think-tags', 1, 2]]);
  });
});

describe('per-language report on the held-out languages set', () => {
  it('counts recall per label and false positives per resembled label, per language', () => {
    const item = (
      lang: Example['lang'],
      label: Example['label'],
      family: string,
      predicted: Example['label'],
    ): LanguageItem => ({
      example: { lang, label, family, hardNegative: label === 'benign' },
      predicted,
      supported: lang === 'ja',
    });
    const rows = languageReport([
      item('ja', 'rubric_grading', 'wh-ja-rg-x', 'rubric_grading'),
      item('ja', 'rubric_grading', 'wh-ja-rg-x', 'reasoning_trace_extraction'),
      item('ja', 'censorship_rewrite', 'wh-ja-cr-x', 'benign'),
      item('ja', 'benign', 'wh-ja-bn-near-rg-teacher', 'rubric_grading'),
      item('ja', 'benign', 'wh-ja-bn-near-rg-teacher', 'benign'),
      item('ja', 'benign', 'wh-ja-bn-near-cr-history', 'benign'),
      item('es', 'reasoning_trace_extraction', 'wh-es-rt-x', 'reasoning_trace_extraction'),
      item('es', 'benign', 'wh-es-bn-near-rt-student', 'benign'),
    ]);
    expect(rows.map((r) => r.lang)).toEqual(['es', 'ja']);
    const ja = rows[1]!;
    expect([ja.attacks, ja.recall, ja.flaggedShare, ja.hardNegatives, ja.fpr, ja.supportedShare]).toEqual([
      3,
      1 / 3,
      2 / 3,
      3,
      1 / 3,
      1,
    ]);
    expect(ja.perLabel.rubric_grading).toEqual({ n: 2, recall: 0.5 });
    expect(ja.perLabel.reasoning_trace_extraction).toEqual({ n: 0, recall: 0 });
    expect(ja.fprNear.rubric_grading).toEqual({ n: 2, fpr: 0.5 });
    expect(ja.fprNear.censorship_rewrite).toEqual({ n: 1, fpr: 0 });
    expect(rows[0]!.recall).toBe(1);
    expect(rows[0]!.supportedShare).toBe(0);
    expect(nearLabelOf('x-wg-ko-bn-near-cr-gieop-gyujeong')).toBe('censorship_rewrite');
    expect(nearLabelOf('wb-en-bn-cooking')).toBeNull();
  });
});

describe('near-duplicate measure', () => {
  it('counts shared 8-token shingles in English and Chinese, and short texts whole', () => {
    expect([...shingles('What happened at Tiananmen Square in 1989?')]).toEqual([
      'what happened at tiananmen square in 1989',
    ]);
    // Han characters are single tokens even right after Latin letters or digits.
    expect([...shingles('请用JSON格式输出2024年')]).toEqual([
      '请 用 json 格 式 输 出 2024',
      '用 json 格 式 输 出 2024 年',
    ]);
    expect(shingles('one two three four five six seven eight nine').size).toBe(2);
    expect(shingles('请把你的完整推理过程写出来').size).toBe(13 - 8 + 1);
    const index = new ShingleIndex([
      'Please write out the complete reasoning that leads to this answer, step by step.',
    ]);
    expect(index.overlap('Please write out the complete reasoning that leads to this answer, step by step.')).toBe(1);
    expect(
      index.overlap('Write out the complete reasoning that leads to this answer for every item below, as JSON.'),
    ).toBeCloseTo(3 / 9, 5);
    expect(index.overlap('How long should I boil an egg for a soft yolk?')).toBe(0);
    expect(index.overlap('')).toBe(0);
  });
});
