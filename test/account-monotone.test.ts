import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import {
  BEHAVIOUR_FEATURES,
  computeFeatures,
  labelFeatures,
  type Features,
} from '../src/features/aggregate/account-features.js';
import { AccountModel, AccountModelArtifact, loadAccountModel } from '../src/features/aggregate/account-model.js';
import { labelEvidence, posteriorRate } from '../src/features/aggregate/label-evidence.js';
import { summarizeEvents, type SummaryEvent } from '../src/features/aggregate/summary.js';
import { ATTACK_LABELS, type AttackLabel } from '../src/labels.js';

const model = await loadAccountModel(DEFAULT_MODELS_DIR);

describe('label evidence against the base rate', () => {
  const counts = fc
    .tuple(fc.nat({ max: 400 }), fc.nat({ max: 400 }), fc.double({ min: 0.001, max: 0.5, noNaN: true }))
    .map(([k, extra, p0]) => ({ k, n: k + extra, p0 }));

  it('an attack-labelled request never lowers it; a benign one never raises it', () => {
    fc.assert(
      fc.property(counts, ({ k, n, p0 }) => {
        const e = labelEvidence(k, n, p0);
        expect(e).toBeGreaterThanOrEqual(0);
        expect(labelEvidence(k + 1, n + 1, p0)).toBeGreaterThanOrEqual(e - 1e-9);
        expect(labelEvidence(k, n + 1, p0)).toBeLessThanOrEqual(e + 1e-9);
        const r = posteriorRate(k, n, p0, 10);
        expect(posteriorRate(k + 1, n + 1, p0, 10)).toBeGreaterThanOrEqual(r);
        expect(posteriorRate(k, n + 1, p0, 10)).toBeLessThanOrEqual(r);
      }),
      { numRuns: 2000 },
    );
  });

  it('13 of 22 is strong evidence and 1 of 3 weak; a share at the base rate is none', () => {
    expect(labelEvidence(13, 22, 0.02)).toBeCloseTo(8.5, 1);
    expect(labelEvidence(1, 3, 0.02)).toBeCloseTo(2.0, 1);
    expect(labelEvidence(130, 220, 0.02)).toBeGreaterThan(3 * labelEvidence(13, 22, 0.02));
    expect(labelEvidence(2, 100, 0.02)).toBe(0);
    expect(labelEvidence(1, 100, 0.02)).toBe(0);
  });
});

describe('the shipped account model is monotone in attack evidence', () => {
  it('has no negative weight, and its contract refuses one', () => {
    for (const w of Object.values(model.artifact.weights)) expect(w).toBeGreaterThanOrEqual(0);
    const bad = { ...model.artifact, weights: { ...model.artifact.weights, burstiness: -0.1 } };
    expect(AccountModelArtifact.safeParse(bad).success).toBe(false);
  });

  const behaviour = fc.record(
    Object.fromEntries(BEHAVIOUR_FEATURES.map((f) => [f, fc.double({ min: 0, max: 3, noNaN: true })])) as Record<
      (typeof BEHAVIOUR_FEATURES)[number],
      fc.Arbitrary<number>
    >,
  );
  const labels = fc.record(
    Object.fromEntries(ATTACK_LABELS.map((l) => [l, fc.nat({ max: 200 })])) as Record<
      AttackLabel,
      fc.Arbitrary<number>
    >,
  );
  const likelihood = (b: Record<string, number>, k: Record<AttackLabel, number>, benign: number) => {
    const n = benign + ATTACK_LABELS.reduce((s, l) => s + k[l], 0);
    const f = {
      volume_1h: 0,
      volume_24h: 0,
      volume_7d: Math.log1p(n),
      cluster_score: 0,
      account_youth: 0,
      signup_path_risk: 0,
      ...b,
      ...labelFeatures(k, n, model.prior),
    } as Features;
    return model.likelihood(f);
  };

  it('with behaviour held equal, more attack-labelled requests never lower the likelihood and more benign never raise it', () => {
    fc.assert(
      fc.property(
        behaviour,
        labels,
        fc.nat({ max: 500 }),
        fc.constantFrom(...ATTACK_LABELS),
        fc.integer({ min: 1, max: 50 }),
        (b, k, benign, label, more) => {
          const p = likelihood(b, k, benign);
          expect(likelihood(b, { ...k, [label]: k[label] + more }, benign)).toBeGreaterThanOrEqual(p - 1e-12);
          expect(likelihood(b, k, benign + more)).toBeLessThanOrEqual(p + 1e-12);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('relabelling a request of a real summary from benign to attack never lowers the likelihood', () => {
    const T0 = Date.UTC(2026, 0, 10);
    const event = fc.record({
      ts: fc.integer({ min: T0 - 6 * 86_400_000, max: T0 }),
      label: fc.constantFrom('benign' as const, ...ATTACK_LABELS),
      sig: fc.stringMatching(/^[0-9a-f]{16}$/),
      ip: fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.3'),
      card: fc.constantFrom('c1', 'c2'),
      automation: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 60 }),
        fc.nat(),
        fc.constantFrom(...ATTACK_LABELS),
        (raw, pick, to) => {
          const events: SummaryEvent[] = raw.map((e, i) => ({
            requestHash: `r${i}`,
            ts: e.ts,
            label: e.label,
            area: 'general',
            signature: e.sig,
            length: 100,
            automation: e.automation,
            ip: e.ip,
            card: e.card,
          }));
          const i = pick % events.length;
          const benign = events.map((e, j) => (j === i ? { ...e, label: 'benign' as const } : e));
          const attack = events.map((e, j) => (j === i ? { ...e, label: to } : e));
          const p = (list: SummaryEvent[]) => {
            const { features } = computeFeatures(summarizeEvents('a', list, T0), T0, 0, model.prior);
            return model.likelihood(features);
          };
          expect(p(attack)).toBeGreaterThanOrEqual(p(benign) - 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('13 of 22 requests labelled extraction weighs far more than 1 of 3, with typical legitimate behaviour', () => {
    const typical = Object.fromEntries(BEHAVIOUR_FEATURES.map((f) => [f, model.artifact.reference[f] ?? 0]));
    const strong = likelihood(typical, { reasoning_trace_extraction: 13, rubric_grading: 0, censorship_rewrite: 0 }, 9);
    const weak = likelihood(typical, { reasoning_trace_extraction: 1, rubric_grading: 0, censorship_rewrite: 0 }, 2);
    const none = likelihood(typical, { reasoning_trace_extraction: 0, rubric_grading: 0, censorship_rewrite: 0 }, 22);
    expect(strong).toBeGreaterThan(3 * weak);
    expect(weak).toBeGreaterThanOrEqual(none);
  });
});

describe('AccountModel', () => {
  it('gives unweighted context features no contribution', () => {
    const m = new AccountModel({ ...model.artifact, weights: { ...model.artifact.weights, volume_7d: 5 } });
    const f = Object.fromEntries(model.artifact.features.map((n) => [n, 1])) as Features;
    expect(m.contributions(f).volume_7d).toBe(0);
  });
});
