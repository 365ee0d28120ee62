/**
 * The promotion gate: a candidate may replace the live version only if it is no worse than it,
 * beyond a tolerance, on any attack label (F1 on the whole test set and on each language,
 * PR-AUC on the whole test set), on any hard-negative source (false-positive rate), and, when
 * both were evaluated on the same real prompts of held-out sources, on real traffic: benign
 * prompts flagged (all, per language, per length bucket), distillation recall, judge F1.
 */
import { ATTACK_LABELS } from '../../labels.js';
import { LANGUAGES, type ModelMetrics } from './metrics.js';

export const DEFAULT_TOLERANCE = 0.01;

export interface GateCheck {
  /** e.g. `rubric_grading F1 (zh)` or `hard negatives gsm8k FPR`. */
  metric: string;
  candidate: number;
  current: number;
  /** Positive = candidate better (for FPR: lower). */
  change: number;
  regression: boolean;
}

export interface GateResult {
  passed: boolean;
  tolerance: number;
  checks: GateCheck[];
  regressions: GateCheck[];
  /** Why the metrics could not be compared at all (different evaluation sets). */
  incomparable?: string;
}

export function promotionGate(
  candidate: ModelMetrics,
  current: ModelMetrics,
  tolerance = DEFAULT_TOLERANCE,
): GateResult {
  const a = candidate.evalSet;
  const b = current.evalSet;
  if (a.examples !== b.examples || a.test !== b.test || a.hardNegativeSet !== b.hardNegativeSet) {
    return {
      passed: false,
      tolerance,
      checks: [],
      regressions: [],
      incomparable: `evaluated on different evaluation sets (${a.examples} vs ${b.examples} examples)`,
    };
  }
  const checks: GateCheck[] = [];
  const higherIsBetter = (metric: string, cand: number, cur: number) =>
    checks.push({ metric, candidate: cand, current: cur, change: cand - cur, regression: cur - cand > tolerance });
  for (const label of ATTACK_LABELS) {
    for (const lang of LANGUAGES) {
      higherIsBetter(
        `${label} F1 (${lang})`,
        candidate.test[lang].perLabel[label].f1,
        current.test[lang].perLabel[label].f1,
      );
    }
    const pa = candidate.test.all.perLabel[label].prAuc;
    const pb = current.test.all.perLabel[label].prAuc;
    if (pa !== null && pb !== null) higherIsBetter(`${label} PR-AUC (all)`, pa, pb);
  }
  const sources = new Set([...Object.keys(candidate.hardNegatives), ...Object.keys(current.hardNegatives)]);
  for (const source of [...sources].sort()) {
    const cand = candidate.hardNegatives[source]?.fpr;
    const cur = current.hardNegatives[source]?.fpr;
    if (cand === undefined || cur === undefined) continue;
    checks.push({
      metric: `hard negatives ${source} FPR`,
      candidate: cand,
      current: cur,
      change: cur - cand,
      regression: cand - cur > tolerance,
    });
  }
  const ra = candidate.real;
  const rb = current.real;
  if (ra && rb) {
    if (ra.set.bundleTest !== rb.set.bundleTest || ra.set.heldOutRealBenign !== rb.set.heldOutRealBenign) {
      return {
        passed: false,
        tolerance,
        checks,
        regressions: [],
        incomparable: `evaluated on different real prompts (${ra.set.bundleTest}+${ra.set.heldOutRealBenign} vs ${rb.set.bundleTest}+${rb.set.heldOutRealBenign})`,
      };
    }
    for (const cand of ra.benign) {
      const cur = rb.benign.find((r) => r.key === cand.key);
      if (!cur) continue;
      checks.push({
        metric: `real benign FPR (${cand.key})`,
        candidate: cand.fpr,
        current: cur.fpr,
        change: cur.fpr - cand.fpr,
        regression: cand.fpr - cur.fpr > tolerance,
      });
    }
    const [da, db, ja, jb] = [ra.distillation.recall, rb.distillation.recall, ra.judge.f1, rb.judge.f1];
    if (da !== null && db !== null) higherIsBetter('real distillation recall', da, db);
    if (ja !== null && jb !== null) higherIsBetter('real judge F1', ja, jb);
  }
  const regressions = checks.filter((c) => c.regression);
  return { passed: regressions.length === 0, tolerance, checks, regressions };
}

export function describeRegressions(gate: GateResult): string {
  if (gate.incomparable) return `  metrics are not comparable: ${gate.incomparable}`;
  return gate.regressions
    .map(
      (r) =>
        `  ${r.metric}: ${r.candidate.toFixed(3)} vs ${r.current.toFixed(3)} live (${r.change >= 0 ? '+' : ''}${r.change.toFixed(3)}, tolerance ${gate.tolerance})`,
    )
    .join('\n');
}
