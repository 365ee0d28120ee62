import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../training/data/build.js';
import { resolveDatasetsDir } from '../training/data/io.js';
import { realSplit } from '../training/data/load-eval-set.js';
import { fillTemplate, isRealUserPrompt, labelOfClassFit } from '../training/data/public/real-bundle.js';
import { REAL_SOURCE_SPLITS, REAL_SOURCES, RESERVED_SOURCE_PATTERN } from '../training/data/public/real-sources.js';
import type { Example } from '../training/data/types.js';

let full: Example[];
let real: Example[];

beforeAll(async () => {
  full = (await buildDataset({})).examples;
  real = full.filter((e) => e.source in REAL_SOURCE_SPLITS);
}, 120_000);

describe('real-prompt bundle split by source', () => {
  it('puts every source whole in the split the table names, and no source on two sides', () => {
    const splitsOf = new Map<string, Set<string>>();
    for (const e of real) splitsOf.set(e.source, (splitsOf.get(e.source) ?? new Set()).add(e.split));
    expect([...splitsOf.keys()].sort()).toEqual([...REAL_SOURCES].sort());
    for (const [source, splits] of splitsOf) expect([...splits], source).toEqual([REAL_SOURCE_SPLITS[source]]);
  });

  it('keeps the fitted, validation and test sources disjoint, each with benign and attack prompts', () => {
    const sourcesIn = (split: string) => new Set(real.filter((e) => e.split === split).map((e) => e.source));
    const [train, val, test] = ['train', 'val', 'test'].map(sourcesIn) as [Set<string>, Set<string>, Set<string>];
    for (const s of val) expect(train.has(s) || test.has(s), s).toBe(false);
    for (const s of test) expect(train.has(s), s).toBe(false);
    for (const split of ['train', 'val', 'test']) {
      const labels = new Set(real.filter((e) => e.split === split).map((e) => e.label));
      expect([...labels].sort(), split).toEqual(
        expect.arrayContaining(['benign', 'reasoning_trace_extraction', 'rubric_grading']),
      );
    }
    // Nothing of the bundle reaches calib: its validation sources are never fitted.
    expect(real.filter((e) => e.split === 'calib')).toEqual([]);
  });

  it('takes no text of a held-out source into a fitted split', () => {
    const held = new Set(real.filter((e) => e.split !== 'train').map((e) => e.text));
    const fitted = full.filter((e) => e.split === 'train' || e.split === 'calib');
    expect(fitted.filter((e) => held.has(e.text))).toEqual([]);
  });

  it('evaluates on the test sources only', () => {
    const test = realSplit(full, 'test');
    expect(test.length).toBeGreaterThan(1000);
    expect(new Set(test.map((e) => REAL_SOURCE_SPLITS[e.source]))).toEqual(new Set(['test']));
  });

  it('uses none of the sources kept for independent evaluation', () => {
    const root = resolveDatasetsDir();
    for (const source of REAL_SOURCES) {
      expect(source).not.toMatch(RESERVED_SOURCE_PATTERN);
      for (const file of ['templates.jsonl', 'prompts.jsonl']) {
        let text: string;
        try {
          text = readFileSync(path.join(root, source, file), 'utf8');
        } catch {
          continue;
        }
        for (const line of text.split('\n').filter((l) => l.trim())) {
          const row = JSON.parse(line) as { repo?: string; path?: string };
          expect(`${row.repo ?? ''} ${row.path ?? ''}`, source).not.toMatch(RESERVED_SOURCE_PATTERN);
        }
      }
    }
  });
});

describe('real user prompts and template fillings', () => {
  it('tells the prompts users wrote from the fillings of judge templates and pipeline steps', () => {
    const users = real.filter(isRealUserPrompt);
    const fills = real.filter((e) => !isRealUserPrompt(e));
    expect(users.length).toBeGreaterThan(1000);
    expect(fills.length).toBeGreaterThan(100);
    // Only the bundle's benign prompts are user prompts; every attack example is a template filling.
    expect(users.every((e) => e.label === 'benign')).toBe(true);
    expect(fills.some((e) => e.label === 'benign')).toBe(true);
    expect(isRealUserPrompt({ source: 'ragas_metric_prompts', family: 'ragas_metric_prompts-b3' })).toBe(true);
    expect(isRealUserPrompt({ source: 'ragas_metric_prompts', family: 'statement_generator_prompt' })).toBe(false);
    expect(isRealUserPrompt({ source: 'ragas', family: 'ragas_metric_prompts-b3' })).toBe(false);
  });
});

describe('real-prompt templates', () => {
  it('labels by class_fit and leaves the weak reasoning templates out', () => {
    expect(labelOfClassFit('rubric_grading (pairwise)')).toBe('rubric_grading');
    expect(labelOfClassFit('reasoning_trace_extraction (R1-Zero format prompt)')).toBe('reasoning_trace_extraction');
    expect(labelOfClassFit('reasoning_trace_extraction (weak: reads like an ordinary step-by-step request)')).toBe(
      null,
    );
    expect(labelOfClassFit('benign (eval-pipeline auxiliary step)')).toBe('benign');
  });

  it('fills every slot style and drops control tags', () => {
    const qa = { question: 'Q?', answer: 'A.', answerB: 'a', reference: 'R.' };
    const text = fillTemplate(
      '{% if x %}Question: {{ question }}\nAnswer: {answer}\nGold: ${reference}{% endif %}\n{{"one"}} {{\n  "score": 1\n}}',
      ['{% if x %}', '{{ question }}', '{answer}', '${reference}', '{% endif %}', '{{"one"}}', '{{\n  "score": 1\n}}'],
      { qa, other: qa, criteria: 'c' },
    );
    expect(text).toBe('Question: Q?\nAnswer: A.\nGold: R.\none {\n  "score": 1\n}');
  });
});
