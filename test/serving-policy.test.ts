import { describe, expect, it } from 'vitest';
import type { Example } from '../training/data/types.js';
import {
  binomialTailAtLeast,
  chooseServingPolicy,
  meanRecall,
  everyBucket,
  lowestThresholds,
  policyThresholds,
  windowOnlyAttacks,
  windowRecallLoss,
  type BucketThresholds,
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

/**
 * Two long real benign prompts (the > 1,000 bucket), one window of the first reads like a grader;
 * two short real benign prompts, never flagged; two short judge prompts just above the threshold.
 */
function benignAndShortJudges(): ServedRow[] {
  return [
    row('doc1', 'benign', 0.1, [0.9, 0.2], { realBenign: true }),
    row('doc2', 'benign', 0.1, [0.2, 0.2], { realBenign: true }),
    row('q1', 'benign', 0.1, [], { realBenign: true }),
    row('q2', 'benign', 0.1, [], { realBenign: true }),
    row('judge1', 'rubric_grading', 0.65),
    row('judge2', 'rubric_grading', 0.7),
  ];
}

describe('window offsets and thresholds chosen together', () => {
  it('clears a long benign prompt flagged by one window with a window offset, not by raising the threshold', () => {
    // ...and a long judge caught by its whole score.
    const rows = [...benignAndShortJudges(), row('judge3', 'rubric_grading', 0.95, [0.3])];
    const policy = chooseServingPolicy(rows, T, OPTS);
    // Raising the threshold above 0.9 would lose both short judges; an offset clears the window.
    expect(lowestThresholds(policy.thresholds).rubric_grading).toBe(0.6);
    expect(policy.offsets.rubric_grading).toBeGreaterThan(0);
    expect(meanRecall(rows, policy.offsets, policy.thresholds)).toBe(1);
    const plain = policy.report.plainMaximum as { recall: number; thresholds: BucketThresholds };
    expect(plain.thresholds['<200'].rubric_grading).toBeGreaterThan(0.9);
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
    expect(policy.thresholds).toEqual(everyBucket(T));
  });
});

describe('thresholds per length bucket, and window offsets capped by what they cost buried instructions', () => {
  // A long benign prompt with one grader-like window; short judges; 30 long judge templates whose
  // whole-prompt score is 0.66; and 10 instructions buried in long documents, which only a window
  // finds, and whose window reads a little less like a grader than the benign prompt's does.
  const rows = [
    ...benignAndShortJudges(),
    ...Array.from({ length: 30 }, (_, i) => row(`template${i}`, 'rubric_grading', 0.66, [0.3])),
    ...Array.from({ length: 10 }, (_, i) => row(`buried${i}`, 'rubric_grading', 0.2, [0.92, 0.1])),
  ];
  const caught = (policy: ReturnType<typeof chooseServingPolicy>, prefix: string) => {
    const rs = rows.filter((x) => x.example.id.startsWith(prefix));
    return Math.round(meanRecall(rs, policy.offsets, policy.thresholds) * rs.length);
  };
  const byLength = { ...OPTS, byLength: true };

  it('a long benign prompt raises the long bucket only: short judges keep their threshold', () => {
    const plain = policyThresholds(rows, T, {}, byLength).thresholds;
    expect(plain['>1000'].rubric_grading).toBe(0.901);
    expect(plain['<200'].rubric_grading).toBe(0.6);
    expect(lowestThresholds(plain).rubric_grading).toBe(0.6);
    const one = policyThresholds(rows, T, {}, OPTS).thresholds;
    expect(one['<200'].rubric_grading).toBe(0.901);
    expect(everyBucket(T)['200-1000']).toEqual(T);
  });

  it('without a cap, an offset clears the benign window, catches the templates and loses every buried instruction', () => {
    const policy = chooseServingPolicy(rows, T, byLength);
    expect(policy.offsets.rubric_grading).toBeGreaterThan(0);
    expect(caught(policy, 'template')).toBe(30);
    expect(caught(policy, 'buried')).toBe(0);
    expect(policy.report.windowOnlyAttacks).toEqual([{ group: 'rubric_grading en', n: 10 }]);
    expect((policy.report.windowRecallLoss as { loss: number }).loss).toBe(1);
  });

  it('with a cap, the buried instructions stay caught: the threshold clears the benign window instead', () => {
    const policy = chooseServingPolicy(rows, T, { ...byLength, maxWindowRecallLoss: 0.02 });
    expect(caught(policy, 'buried')).toBe(10);
    expect(caught(policy, 'judge')).toBe(2);
    expect((policy.report.windowRecallLoss as { loss: number }).loss).toBe(0);
    expect(policy.thresholds['>1000'].rubric_grading).toBeGreaterThan(0.66);
    const groups = windowOnlyAttacks(rows, (policy.report.plainMaximum as { thresholds: BucketThresholds }).thresholds);
    expect(windowRecallLoss(groups, policy.offsets, policy.thresholds).loss).toBe(0);
    expect((policy.report.candidates as { admissible: boolean }[]).some((c) => !c.admissible)).toBe(true);
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
    expect(policyThresholds(small, T, {}, opts).thresholds['>1000'].rubric_grading).toBe(0.701); // without the test: down to one
    expect(policyThresholds(small, T, {}, { ...opts, significance: 0.05 }).thresholds['>1000'].rubric_grading).toBe(
      0.6,
    );
    // Six of 100 flagged (p ≈ 0.0005): raised until the rest is no longer significant (at most 2 left).
    const many = [
      ...Array.from({ length: 94 }, (_, i) => row(`doc${i}`, 'benign', 0.1, [0.2], { realBenign: true })),
      ...[0.62, 0.64, 0.66, 0.68, 0.7, 0.72].map((p, i) => row(`flag${i}`, 'benign', p, [0.2], { realBenign: true })),
    ];
    const raised = policyThresholds(many, T, {}, { ...opts, significance: 0.05 });
    expect(raised.thresholds['<200'].rubric_grading).toBeGreaterThan(0.64);
    expect(raised.thresholds['<200'].rubric_grading).toBeLessThanOrEqual(0.681);
  });
});
