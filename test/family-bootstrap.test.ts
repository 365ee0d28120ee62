import { describe, expect, it } from 'vitest';
import type { PromptClass } from '../src/labels.js';
import type { Example } from '../training/data/types.js';
import { familyBootstrap } from '../training/eval/family-bootstrap.js';
import type { Scored } from '../training/eval/report.js';

/** `n` renderings of one template family, all predicted `predicted`. */
function family(name: string, label: PromptClass, predicted: PromptClass, n: number): Scored[] {
  return Array.from({ length: n }, (_, i) => {
    const example: Example = {
      id: `gen:t/${name}/${i}`,
      text: `${name} ${i}`,
      label,
      source: 'gen:t',
      family: name,
      lang: 'en',
      split: 'test',
      hardNegative: false,
    };
    return { example, predicted };
  });
}

describe('family-level bootstrap of the test metrics', () => {
  it('collapses to the point value when every family is classified perfectly', () => {
    const items = [
      ...family('r1', 'rubric_grading', 'rubric_grading', 5),
      ...family('r2', 'rubric_grading', 'rubric_grading', 7),
      ...family('b1', 'benign', 'benign', 4),
    ];
    const u = familyBootstrap(items, { resamples: 200 });
    expect(u.macroF1).toEqual({ value: 1, lo: 1, hi: 1 });
    expect(u.recall.rubric_grading).toEqual({ value: 1, lo: 1, hi: 1 });
    expect(u.families).toMatchObject({ rubric_grading: 2, benign: 1, reasoning_trace_extraction: 0 });
    expect(u.recall.reasoning_trace_extraction).toBeNull();
  });

  it('resamples whole families: one right and one wrong family of 10 give recall 0.5 in [0, 1]', () => {
    // Draws of 2 families from 2: both right (p 1/4, recall 1), both wrong (1/4, recall 0), one each (1/2, 0.5).
    // A bootstrap over single prompts would instead stay near 0.5 (20 prompts, ±0.22).
    const items = [
      ...family('right', 'reasoning_trace_extraction', 'reasoning_trace_extraction', 10),
      ...family('wrong', 'reasoning_trace_extraction', 'benign', 10),
      ...family('benign', 'benign', 'benign', 10),
    ];
    const u = familyBootstrap(items, { resamples: 1000, seed: 'fixed' });
    expect(u.recall.reasoning_trace_extraction).toEqual({ value: 0.5, lo: 0, hi: 1 });
    expect(u.families.reasoning_trace_extraction).toBe(2);
  });

  it('resamples within each true class: a class with one family is in every resample', () => {
    // Pooled resampling over all 6 families would leave the reasoning family out of a third of
    // the draws (recall 0 there); resampling within the class keeps it, so recall stays 1.
    const items = [
      ...family('r', 'reasoning_trace_extraction', 'reasoning_trace_extraction', 4),
      ...['b1', 'b2', 'b3', 'b4', 'b5'].flatMap((b) => family(b, 'benign', 'benign', 3)),
    ];
    const u = familyBootstrap(items, { resamples: 500, seed: 'strata' });
    expect(u.recall.reasoning_trace_extraction).toEqual({ value: 1, lo: 1, hi: 1 });
    expect(u.families).toMatchObject({ reasoning_trace_extraction: 1, benign: 5 });
  });

  it('is deterministic in the seed', () => {
    const items = [
      ...family('c1', 'censorship_rewrite', 'censorship_rewrite', 3),
      ...family('c2', 'censorship_rewrite', 'benign', 6),
      ...family('c3', 'censorship_rewrite', 'censorship_rewrite', 2),
      ...family('b1', 'benign', 'benign', 5),
      ...family('b2', 'benign', 'censorship_rewrite', 1),
    ];
    const a = familyBootstrap(items, { resamples: 300, seed: 's' });
    expect(a).toEqual(familyBootstrap(items, { resamples: 300, seed: 's' }));
    expect(a.recall.censorship_rewrite!.value).toBeCloseTo(5 / 11);
    // Recall can only take the values of 3 families drawn from {3 of 3, 0 of 6, 2 of 2}: at most 1, at least 0.
    expect(a.recall.censorship_rewrite!.lo).toBeGreaterThanOrEqual(0);
    expect(a.recall.censorship_rewrite!.lo).toBeLessThan(a.recall.censorship_rewrite!.value);
    expect(a.recall.censorship_rewrite!.hi).toBeGreaterThan(a.recall.censorship_rewrite!.value);
  });
});
