/**
 * The report on real prompts written by third parties, on held-out sources only: the test split of
 * the real-prompt bundle (data/public/real-sources.ts) and the held-out real benign sources of the
 * fixed evaluation set (MT-bench, Vicuna, HumanEval, GSM8K, deccp, promptfoo).
 *
 * Headline: the false-positive rate on real benign prompts (any attack label), per source, per
 * language and per length bucket (< 200, 200–1,000, > 1,000 characters), worst first. Then the
 * recall of real distillation prompts, recall and precision of real judge prompts, and the
 * confusions between attack labels.
 */
import { ATTACK_LABELS, type AttackLabel } from '../../src/labels.js';
import { lengthBucket } from '../../src/models/length-bucket.js';
import { averagePrecision } from './metrics.js';
import type { Scored } from './report.js';

/** Held-out real benign sources of the fixed evaluation set (v1 test and hard-negative splits). */
export const HELD_OUT_REAL_BENIGN_SOURCES: readonly string[] = [
  'fastchat_llm_judge',
  'human_eval',
  'gsm8k',
  'deccp',
  'promptfoo_ccp_sensitive',
];

export interface FprRow {
  key: string;
  n: number;
  flagged: number;
  fpr: number;
  byLabel: Record<string, number>;
}

function fprRows(items: readonly Scored[], keyOf: (s: Scored) => string): FprRow[] {
  const rows = new Map<string, FprRow>();
  for (const s of items) {
    const key = keyOf(s);
    const r = rows.get(key) ?? { key, n: 0, flagged: 0, fpr: 0, byLabel: {} };
    r.n++;
    if (s.predicted !== 'benign') {
      r.flagged++;
      r.byLabel[s.predicted] = (r.byLabel[s.predicted] ?? 0) + 1;
    }
    rows.set(key, r);
  }
  for (const r of rows.values()) r.fpr = r.n === 0 ? 0 : r.flagged / r.n;
  // Worst first; ties by key.
  return [...rows.values()].sort((a, b) => b.fpr - a.fpr || a.key.localeCompare(b.key));
}

export interface RecallRow {
  key: string;
  n: number;
  caught: number;
  recall: number;
  predicted: Record<string, number>;
}

function recallRows(items: readonly Scored[], keyOf: (s: Scored) => string): RecallRow[] {
  const rows = new Map<string, RecallRow>();
  for (const s of items) {
    const key = keyOf(s);
    const r = rows.get(key) ?? { key, n: 0, caught: 0, recall: 0, predicted: {} };
    r.n++;
    if (s.predicted === s.example.label) r.caught++;
    else r.predicted[s.predicted] = (r.predicted[s.predicted] ?? 0) + 1;
    rows.set(key, r);
  }
  for (const r of rows.values()) r.recall = r.n === 0 ? 0 : r.caught / r.n;
  return [...rows.values()].sort((a, b) => a.recall - b.recall || a.key.localeCompare(b.key));
}

/** Recall (exact label) and precision of one attack label over every real item of the report. */
function labelReport(items: readonly Scored[], label: AttackLabel) {
  const positives = items.filter((s) => s.example.label === label);
  const predicted = items.filter((s) => s.predicted === label);
  const tp = positives.filter((s) => s.predicted === label).length;
  const l = ATTACK_LABELS.indexOf(label);
  const probs = items.every((s) => s.probs) ? items.map((s) => (s.probs as number[])[l] as number) : null;
  return {
    n: positives.length,
    recall: positives.length === 0 ? null : tp / positives.length,
    precision: predicted.length === 0 ? null : tp / predicted.length,
    /** Items predicted as the label that are not: benign prompts and the other attack labels. */
    falsePositives: predicted.length - tp,
    prAuc:
      probs && positives.length > 0
        ? averagePrecision(
            probs,
            items.map((s) => s.example.label === label),
          )
        : null,
    byLanguage: recallRows(positives, (s) => s.example.lang),
    bySource: recallRows(positives, (s) => s.example.source),
    byFamily: recallRows(positives, (s) => s.example.family),
  };
}

/** Truth (attack labels) × prediction (attack labels and benign) over the real attack prompts. */
function attackConfusion(items: readonly Scored[]) {
  const cols = [...ATTACK_LABELS, 'benign'] as const;
  const matrix = ATTACK_LABELS.map((truth) =>
    cols.map((p) => items.filter((s) => s.example.label === truth && s.predicted === p).length),
  );
  return { rows: ATTACK_LABELS, cols, matrix };
}

/**
 * `items`: the scored real test prompts (bundle test split) plus the held-out real benign sources
 * of the fixed evaluation set.
 */
export function realReport(items: readonly Scored[]) {
  const benign = items.filter((s) => s.example.label === 'benign');
  const lang = (s: Scored) => s.example.lang;
  const bucket = (s: Scored) => lengthBucket(s.example.text);
  const any = fprRows(benign, () => 'all')[0] ?? { key: 'all', n: 0, flagged: 0, fpr: 0, byLabel: {} };
  return {
    n: items.length,
    sources: [...new Set(items.map((s) => s.example.source))].sort(),
    benign: {
      all: any,
      byLanguage: fprRows(benign, lang),
      byLength: fprRows(benign, bucket),
      byLanguageAndLength: fprRows(benign, (s) => `${lang(s)} ${bucket(s)}`),
      bySource: fprRows(benign, (s) => `${s.example.source} (${lang(s)})`),
    },
    distillation: labelReport(items, 'reasoning_trace_extraction'),
    judge: {
      all: labelReport(items, 'rubric_grading'),
      en: labelReport(
        items.filter((s) => s.example.lang === 'en'),
        'rubric_grading',
      ),
      zh: labelReport(
        items.filter((s) => s.example.lang === 'zh'),
        'rubric_grading',
      ),
    },
    attackConfusion: attackConfusion(items),
  };
}

export type RealReport = ReturnType<typeof realReport>;

export const PR_CURVE_THRESHOLDS: readonly number[] = [0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98];

/**
 * Precision and recall of each attack label at fixed score thresholds (one-vs-rest on the label's
 * own score), per language: points of the PR curve, with the label's PR-AUC.
 */
export function prCurves(items: readonly Scored[]) {
  const withProbs = items.filter((s) => s.probs);
  const out: {
    label: string;
    lang: string;
    positives: number;
    prAuc: number | null;
    points: { threshold: number; precision: number | null; recall: number | null }[];
  }[] = [];
  for (const lang of ['en', 'zh']) {
    const slice = withProbs.filter((s) => s.example.lang === lang);
    ATTACK_LABELS.forEach((label, l) => {
      const positive = slice.map((s) => s.example.label === label);
      const scores = slice.map((s) => (s.probs as number[])[l] as number);
      const positives = positive.filter(Boolean).length;
      out.push({
        label,
        lang,
        positives,
        prAuc: positives > 0 ? averagePrecision(scores, positive) : null,
        points: PR_CURVE_THRESHOLDS.map((threshold) => {
          const hit = scores.map((p) => p >= threshold);
          const tp = hit.filter((h, i) => h && positive[i]).length;
          const predicted = hit.filter(Boolean).length;
          return {
            threshold,
            precision: predicted === 0 ? null : tp / predicted,
            recall: positives === 0 ? null : tp / positives,
          };
        }),
      });
    });
  }
  return out;
}
