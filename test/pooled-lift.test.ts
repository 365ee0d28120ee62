import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterMembership } from '../src/contracts/clusters.js';
import { ATTACK_LABELS } from '../src/labels.js';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { toSummaryEvent } from '../src/features/aggregate/offline.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { pooledGain } from '../src/features/aggregate/pooled-lift.js';
import { scoreSummary } from '../src/features/aggregate/score-account.js';
import { summarizeEvents } from '../src/features/aggregate/summary.js';
import { computeFeatures } from '../src/features/aggregate/account-features.js';
import { job } from './helpers/accounts.js';

const model = await loadAccountModel(DEFAULT_MODELS_DIR);
const T0 = Date.UTC(2026, 0, 20, 12);

/** A small hydra member: 6 requests over two days, 2 of them extraction. */
const member = summarizeEvents(
  'hydra-7',
  Array.from({ length: 6 }, (_, i) =>
    toSummaryEvent(
      job({
        request_id: `h-${i}`,
        ts: T0 - i * 7 * 3_600_000,
        label: i % 3 === 0 ? 'reasoning_trace_extraction' : 'benign',
        prompt: `Item ${i}: walk me through the reasoning behind this answer ${'y'.repeat(i)}`,
      }),
    ),
  ),
  T0,
);

const cluster = (attack: number, requests = 1500, score = 0.8, coordination = 0.9): ClusterMembership => ({
  cluster_id: 'c-hydra',
  score,
  size: 50,
  summary: 'payment fingerprint shared by 50',
  coordination,
  link_pattern: 'rotating_identifiers',
  pooled: {
    requests,
    attack_requests: attack,
    attack_label_counts: { reasoning_trace_extraction: attack, rubric_grading: 0, censorship_rewrite: 0 },
    attack_accounts: Math.min(50, attack),
    attack_share: attack / requests,
  },
});

describe('pooled cluster evidence lifts members', () => {
  it('fifty small accounts judged as one: strong pooled evidence raises a weak member, with a readable factor', () => {
    const alone = scoreSummary(member, T0, model);
    const lifted = scoreSummary(member, T0, model, cluster(600));
    expect(lifted.likelihood).toBeGreaterThan(alone.likelihood);
    expect(lifted.own_likelihood).toBe(alone.likelihood);
    const f = lifted.top_factors.find((t) => t.factor === 'cluster_score');
    expect(f?.detail).toMatch(
      /pooled 600 of 1,500 member requests attack-labelled \(40%; reasoning_trace_extraction 600\)/,
    );
    expect(f?.detail).toMatch(/rotating identifiers/);
  });

  it('membership alone never reaches block', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0.6, max: 1, noNaN: true }), (attack, score) => {
        const v = scoreSummary(member, T0, model, cluster(attack, 5000, score, 1));
        expect(v.action).not.toBe('block');
      }),
      { numRuns: 200 },
    );
  });

  it('more attack-labelled member requests never lower the lift', () => {
    const { features } = computeFeatures(member, T0, 0, model.prior);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 500 }), (attack, more) => {
        expect(pooledGain(model, features, cluster(attack + more, 3000 + more))).toBeGreaterThanOrEqual(
          pooledGain(model, features, cluster(attack, 3000)) - 1e-12,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('pooled evidence of every attack label counts, whatever weight the model learned for that label', () => {
    const { features } = computeFeatures(member, T0, 0, model.prior);
    const of = (label: 'reasoning_trace_extraction' | 'rubric_grading' | 'censorship_rewrite'): ClusterMembership => {
      const c = cluster(600);
      const counts = { reasoning_trace_extraction: 0, rubric_grading: 0, censorship_rewrite: 0, [label]: 600 };
      return { ...c, pooled: { ...c.pooled!, attack_label_counts: counts } };
    };
    const generic = pooledGain(model, features, cluster(0));
    for (const label of ['rubric_grading', 'censorship_rewrite'] as const) {
      // 600 of 1,500 is far above either label's base rate: the campaign is judged on it.
      expect(pooledGain(model, features, of(label))).toBeGreaterThan(generic + 1);
      expect(scoreSummary(member, T0, model, of(label)).likelihood).toBeGreaterThan(
        scoreSummary(member, T0, model, cluster(0)).likelihood,
      );
    }
  });

  it("a member's own attack-labelled requests, counted in its score and in the pool, never lower its lifted score", () => {
    /** A member with 10 benign requests and `k` of `label`, in a cluster whose pool holds them too. */
    const lifted = (label: (typeof ATTACK_LABELS)[number], k: number) => {
      const events = Array.from({ length: 10 + k }, (_, i) =>
        toSummaryEvent(
          job({
            request_id: `m-${label}-${i}`,
            ts: T0 - i * 3_600_000,
            label: i < k ? label : 'benign',
            prompt: `Question ${i} about ${'z'.repeat(i)} for the member`,
          }),
        ),
      );
      const counts = { reasoning_trace_extraction: 0, rubric_grading: 0, censorship_rewrite: 0, [label]: 200 + k };
      const c = cluster(0, 1500 + k);
      const m = { ...c, pooled: { ...c.pooled!, attack_label_counts: counts, attack_requests: 200 + k } };
      return scoreSummary(summarizeEvents('member', events, T0), T0, model, m).likelihood;
    };
    for (const label of ATTACK_LABELS)
      for (let k = 0; k < 12; k++)
        expect(lifted(label, k + 1), `${label} ${k}`).toBeGreaterThanOrEqual(lifted(label, k));
  });

  it('a cluster below the attack score lifts nobody', () => {
    const alone = scoreSummary(member, T0, model);
    const low = scoreSummary(member, T0, model, cluster(600, 1500, 0.5));
    expect(low.likelihood).toBe(alone.likelihood);
    expect(low.top_factors.some((t) => t.factor === 'cluster_score')).toBe(false);
  });
});
