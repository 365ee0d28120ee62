import { describe, expect, it } from 'vitest';
import type { Example } from '../training/data/types.js';
import {
  binomialTailAtLeast,
  chooseServingPolicy,
  meanRecall,
  policyThresholds,
  windowRecallLoss,
  type ServedRow,
} from '../training/heads/serving-policy.js';

const T = { reasoning_trace_extraction: 0.8, rubric_grading: 0.6, censorship_rewrite: 0.8 };
const OPTS = { targetFpr: 0.01, minGroup: 2, maxThreshold: 0.99 };

function row(
  id: string,
  label: Example['label'],
  rubricWhole: number,
  rubricWindows: number[] = [],
  opts: { realBenign?: boolean; windowCount?: number; text?: string } = {},
): ServedRow {
  return {
    example: {
      id,
      text: opts.text ?? 'x'.repeat(rubricWindows.length > 0 ? 1500 : 100),
      label,
      source: 's',
      family: id,
      lang: 'en',
      split: 'val',
      hardNegative: false,
    },
    realBenign: opts.realBenign ?? false,
    wholeProbs: [0.01, rubricWhole, 0.01],
    windowProbs: rubricWindows.map((p) => [0.01, p, 0.01]),
    windowCount: opts.windowCount ?? (rubricWindows.length > 0 ? 20 : 0),
  };
}

describe('window offsets and thresholds chosen together', () => {
  it('clears a long benign prompt flagged by one window with a window offset, not by raising the threshold', () => {
    const rows = [
      // Two long real benign prompts (the >1000 bucket): one window of each reads like a grader.
      row('doc1', 'benign', 0.1, [0.9, 0.2], { realBenign: true }),
      row('doc2', 'benign', 0.1, [0.2, 0.2], { realBenign: true }),
      // Short real benign prompts: never flagged.
      row('q1', 'benign', 0.1, [], { realBenign: true }),
      row('q2', 'benign', 0.1, [], { realBenign: true }),
      // Short judge prompts just above the threshold, and a long one caught by its whole score.
      row('judge1', 'rubric_grading', 0.65),
      row('judge2', 'rubric_grading', 0.7),
      row('judge3', 'rubric_grading', 0.95, [0.3]),
    ];
    const policy = chooseServingPolicy(rows, T, OPTS);
    // Raising the threshold above 0.9 would lose both short judges; an offset clears the window.
    expect(policy.thresholds.rubric_grading).toBe(0.6);
    expect(policy.offsets.rubric_grading).toBeGreaterThan(0);
    expect(meanRecall(rows, policy.offsets, policy.thresholds)).toBe(1);
    const plain = policy.report.plainMaximum as { recall: number; thresholds: typeof T };
    expect(plain.thresholds.rubric_grading).toBeGreaterThan(0.9);
    expect(plain.recall).toBeLessThan(1);
  });

  it('keeps the plain maximum when no benign prompt is flagged', () => {
    const rows = [
      row('doc', 'benign', 0.1, [0.2], { realBenign: true }),
      row('doc2', 'benign', 0.1, [0.3], { realBenign: true }),
      row('buried', 'rubric_grading', 0.3, [0.9]),
    ];
    const policy = chooseServingPolicy(rows, T, OPTS);
    expect(policy.offsets).toEqual({ reasoning_trace_extraction: 0, rubric_grading: 0, censorship_rewrite: 0 });
    expect(policy.thresholds).toEqual(T);
  });
});

describe('window offsets capped by what they cost buried instructions', () => {
  // A long benign prompt with one grader-like window, two short judges, and two instructions
  // buried in long documents: only a window finds them, and it reads a little less like a grader
  // than the benign prompt's window does.
  const rows = [
    row('doc1', 'benign', 0.1, [0.9, 0.2], { realBenign: true }),
    row('doc2', 'benign', 0.1, [0.2, 0.2], { realBenign: true }),
    row('q1', 'benign', 0.1, [], { realBenign: true }),
    row('q2', 'benign', 0.1, [], { realBenign: true }),
    row('judge1', 'rubric_grading', 0.65),
    row('judge2', 'rubric_grading', 0.7),
    row('buried1', 'rubric_grading', 0.2, [0.88, 0.1]),
    row('buried2', 'rubric_grading', 0.2, [0.1, 0.89]),
  ];
  const caught = (policy: ReturnType<typeof chooseServingPolicy>, id: string) => {
    const r = rows.find((x) => x.example.id === id)!;
    return meanRecallOf([r], policy) === 1;
  };
  const meanRecallOf = (rs: ServedRow[], policy: ReturnType<typeof chooseServingPolicy>) =>
    meanRecall(rs, policy.offsets, policy.thresholds);

  it('without a cap, an offset clears the benign window and loses the buried instructions', () => {
    const policy = chooseServingPolicy(rows, T, OPTS);
    expect(policy.offsets.rubric_grading).toBeGreaterThan(0);
    expect(caught(policy, 'buried1') || caught(policy, 'buried2')).toBe(false);
    expect((policy.report.windowRecallLoss as { loss: number }).loss).toBe(1);
  });

  it('with a cap, no admissible offset costs the buried instructions more than it allows', () => {
    const policy = chooseServingPolicy(rows, T, { ...OPTS, maxWindowRecallLoss: 0.02 });
    const loss = policy.report.windowRecallLoss as { loss: number; group: string | null };
    expect(loss.loss).toBeLessThanOrEqual(0.02);
    expect(windowRecallLoss([rows.slice(6)], policy.offsets, policy.thresholds).loss).toBeLessThanOrEqual(0.02);
    // The benign prompt is cleared all the same: by the threshold, at the short judges' cost.
    expect(policy.thresholds.rubric_grading).toBeGreaterThan(0.9);
    const candidates = policy.report.candidates as { admissible: boolean }[];
    expect(candidates.some((c) => !c.admissible)).toBe(true);
  });
});

describe('thresholds by policy with a significance test', () => {
  it('computes binomial tails', () => {
    expect(binomialTailAtLeast(0, 10, 0.3)).toBe(1);
    expect(binomialTailAtLeast(11, 10, 0.3)).toBe(0);
    // P(X >= 1 | 2, 0.01) = 1 - 0.99^2
    expect(binomialTailAtLeast(1, 2, 0.01)).toBeCloseTo(0.0199, 6);
    // P(X >= 3 | 127, 0.01) = 1 - P(0) - P(1) - P(2)
    const p0 = 0.99 ** 127;
    const p1 = 127 * 0.01 * 0.99 ** 126;
    const p2 = ((127 * 126) / 2) * 0.0001 * 0.99 ** 125;
    expect(binomialTailAtLeast(3, 127, 0.01)).toBeCloseTo(1 - p0 - p1 - p2, 9);
  });

  it('a group raises a threshold only for an excess it can show, and only until the rest is no longer significant', () => {
    // 100 long real benign prompts, 2 flagged as graders (2%): not significant against 1% (p ≈ 0.26).
    const small = [
      ...Array.from({ length: 98 }, (_, i) => row(`doc${i}`, 'benign', 0.1, [0.2], { realBenign: true })),
      row('docA', 'benign', 0.7, [0.2], { realBenign: true }),
      row('docB', 'benign', 0.75, [0.2], { realBenign: true }),
      row('judge', 'rubric_grading', 0.72),
    ];
    const opts = { ...OPTS, minGroup: 50 };
    expect(policyThresholds(small, T, {}, opts).thresholds.rubric_grading).toBe(0.701); // without the test: down to one
    expect(policyThresholds(small, T, {}, { ...opts, significance: 0.05 }).thresholds.rubric_grading).toBe(0.6);
    // Six of 100 flagged (p ≈ 0.0005): raised until the rest is no longer significant (at most 2 left).
    const many = [
      ...Array.from({ length: 94 }, (_, i) => row(`doc${i}`, 'benign', 0.1, [0.2], { realBenign: true })),
      ...[0.62, 0.64, 0.66, 0.68, 0.7, 0.72].map((p, i) => row(`flag${i}`, 'benign', p, [0.2], { realBenign: true })),
    ];
    const raised = policyThresholds(many, T, {}, { ...opts, significance: 0.05 });
    expect(raised.thresholds.rubric_grading).toBeGreaterThan(0.64);
    expect(raised.thresholds.rubric_grading).toBeLessThanOrEqual(0.681);
  });
});
