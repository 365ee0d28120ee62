import { describe, expect, it } from 'vitest';
import { ATTACK_LABELS } from '../src/labels.js';
import { metricsFromEval, type EvalReportLike } from '../src/features/lifecycle/metrics.js';
import { promotionGate } from '../src/features/lifecycle/promotion-gate.js';

/** An evaluation report with equal test-set figures; only the real-prompt part varies. */
function report(model: string, real: { longFlagged: number; distillation: number; judge: [number, number] } | null) {
  const label = { precision: 0.9, recall: 0.9, f1: 0.9, prAuc: 0.95, support: 50 };
  const slice = { n: 300, macroF1: 0.9, perLabel: Object.fromEntries(ATTACK_LABELS.map((l) => [l, label])) };
  const base: EvalReportLike = {
    model,
    createdAt: '2026-12-07T00:00:00Z',
    evalSet: { examples: 1000, test: 300, hardNegativeSet: 100 },
    test: { all: slice, en: slice, zh: slice },
    hardNegatives: { gsm8k: { n: 100, flagged: 1, fpr: 0.01 } },
  };
  if (!real) return base;
  const rate = (key: string, n: number, flagged: number) => ({ key, n, flagged, fpr: flagged / n });
  return {
    ...base,
    realSet: { bundleTest: 500, heldOutRealBenign: 300 },
    real: {
      benign: {
        all: rate('all', 700, 4 + real.longFlagged),
        byLanguage: [rate('en', 700, 4 + real.longFlagged)],
        byLength: [rate('<200', 600, 4), rate('>1000', 100, real.longFlagged)],
      },
      distillation: { n: 40, recall: real.distillation },
      judge: { all: { n: 100, recall: real.judge[0], precision: real.judge[1] } },
    },
  };
}

describe('the promotion gate on real prompts of held-out sources', () => {
  const live = metricsFromEval(report('live', { longFlagged: 1, distillation: 0.95, judge: [0.8, 0.8] }));

  it('derives benign rates per language and length bucket, and judge F1, from the evaluation report', () => {
    expect(live.real?.benign.map((r) => r.key)).toEqual(['all', 'language en', 'length <200', 'length >1000']);
    expect(live.real?.judge.f1).toBeCloseTo(0.8, 10);
  });

  it('refuses a candidate equal on the test set that flags more long real user prompts', () => {
    const gate = promotionGate(
      metricsFromEval(report('cand', { longFlagged: 4, distillation: 0.95, judge: [0.8, 0.8] })),
      live,
    );
    expect(gate.passed).toBe(false);
    expect(gate.regressions.map((r) => r.metric)).toEqual(['real benign FPR (length >1000)']);
  });

  it('refuses lost distillation recall or judge F1, and passes an equal or better candidate', () => {
    const worse = promotionGate(
      metricsFromEval(report('cand', { longFlagged: 0, distillation: 0.8, judge: [0.6, 0.9] })),
      live,
    );
    expect(worse.regressions.map((r) => r.metric).sort()).toEqual(['real distillation recall', 'real judge F1']);
    const better = promotionGate(
      metricsFromEval(report('cand', { longFlagged: 0, distillation: 1, judge: [0.9, 0.9] })),
      live,
    );
    expect(better.passed).toBe(true);
    expect(better.checks.some((c) => c.metric === 'real judge F1')).toBe(true);
  });

  it('compares real figures only on the same real prompts, and skips them for a version evaluated without', () => {
    const other = report('cand', { longFlagged: 1, distillation: 0.95, judge: [0.8, 0.8] });
    const gate = promotionGate(
      metricsFromEval({ ...other, realSet: { bundleTest: 499, heldOutRealBenign: 300 } }),
      live,
    );
    expect(gate.passed).toBe(false);
    expect(gate.incomparable).toMatch(/different real prompts/);
    const old = promotionGate(metricsFromEval(report('old', null)), live);
    expect(old.passed).toBe(true);
    expect(old.checks.some((c) => c.metric.startsWith('real'))).toBe(false);
  });
});
