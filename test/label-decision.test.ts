import { describe, expect, it } from 'vitest';
import { decideLabel } from '../src/models/decide-label.js';
import { aggregateWindows, calibratedWindowProbability } from '../src/models/window-aggregation.js';

// Thresholds as a trained head may have them: reasoning high (its hard negatives are many), rubric low.
const T = { reasoning_trace_extraction: 0.78, rubric_grading: 0.5, censorship_rewrite: 0.87 };

describe('the label decision when several labels pass', () => {
  it('reports the likelier label, not the one with the lower threshold (0.98 reasoning against 0.90 rubric)', () => {
    // A distillation system prompt that also reads a little like a grader (the case).
    const r = decideLabel([0.98, 0.9, 0.01], T, 'm');
    expect(r.label).toBe('reasoning_trace_extraction');
    expect(r.categories).toEqual({ reasoning_trace_extraction: true, rubric_grading: true, censorship_rewrite: false });
    expect(r.flagged).toBe(true);
  });

  it('reports the judge when the grading score is the higher one', () => {
    // A judge template that asks for step-by-step justification of the score.
    expect(decideLabel([0.85, 0.97, 0.0], T, 'm').label).toBe('rubric_grading');
  });

  it('reports censorship over rubric when a rewrite request also mentions criteria', () => {
    expect(decideLabel([0.1, 0.88, 0.95], T, 'm').label).toBe('censorship_rewrite');
  });

  it('ignores a likelier label that does not pass its own threshold', () => {
    // Reasoning 0.75 is below its 0.78 threshold: rubric (0.6 ≥ 0.5) is the only label that passes.
    const r = decideLabel([0.75, 0.6, 0.0], T, 'm');
    expect(r.label).toBe('rubric_grading');
    expect(r.categories.reasoning_trace_extraction).toBe(false);
  });

  it('is benign when no label passes', () => {
    const r = decideLabel([0.77, 0.49, 0.86], T, 'm');
    expect(r).toMatchObject({ label: 'benign', flagged: false });
  });
});

describe('window aggregation', () => {
  it('keeps the plain maximum with no offset and for a prompt without windows', () => {
    expect(aggregateWindows([0.1, 0.2, 0.3], [[0.9, 0.1, 0.1]], 12).probs).toEqual([0.9, 0.2, 0.3]);
    expect(aggregateWindows([0.1, 0.2, 0.3], [], 0, { rubric_grading: 2 }).probs).toEqual([0.1, 0.2, 0.3]);
  });

  it('lowers a window by offset · ln(windows) in logit space, more for more windows', () => {
    const few = calibratedWindowProbability(0.9, 1, 2);
    const many = calibratedWindowProbability(0.9, 1, 40);
    expect(few).toBeCloseTo(1 / (1 + Math.exp(-(Math.log(9) - Math.log(2)))), 10);
    expect(many).toBeLessThan(few);
    // A window that is nearly certain stays above a typical threshold even among 40 windows.
    expect(calibratedWindowProbability(0.999, 1, 40)).toBeGreaterThan(0.95);
  });

  it('never lowers the whole-prompt score', () => {
    const { probs, from } = aggregateWindows([0.6, 0.2, 0.0], [[0.7, 0.1, 0.0]], 30, { reasoning_trace_extraction: 3 });
    expect(probs[0]).toBe(0.6);
    expect(from).toEqual([-1, -1, -1]);
  });
});
