/**
 * Compares two evaluated versions: their metrics side by side (per label and language, per
 * hard-negative source) and the evaluation prompts whose predicted label differs between them.
 */
import { ATTACK_LABELS } from '../../labels.js';
import { LANGUAGES, type ModelMetrics } from './metrics.js';
import type { Prediction } from './predictions.js';

export interface MetricRow {
  metric: string;
  a: number | null;
  b: number | null;
  /** a − b (for rates where lower is better, still a − b: read with the metric's direction). */
  delta: number | null;
}

export interface ChangedPrediction {
  id: string;
  label: Prediction['label'];
  lang: string;
  source: string;
  hardNegative: boolean;
  /** Prediction of the version under review (A) and of the reference (B). */
  a: Prediction['predicted'];
  b: Prediction['predicted'];
  /** A is right and B was wrong (fixed), the reverse (broken), or both wrong (changed). */
  kind: 'fixed' | 'broken' | 'changed';
  scoresA: number[];
  scoresB: number[];
}

/** One template family whose number of correct predictions differs between the versions. */
export interface FamilyShift {
  /** `source/family` (an evaluation id without its item number). */
  family: string;
  label: Prediction['label'];
  n: number;
  correctA: number;
  correctB: number;
}

export interface Comparison {
  a: string;
  b: string;
  rows: MetricRow[];
  changed: ChangedPrediction[];
  /** Families whose correct count moved, largest move first: a family tends to flip as a whole. */
  families: FamilyShift[];
  counts: { compared: number; fixed: number; broken: number; changed: number };
}

export function metricRows(a: ModelMetrics, b: ModelMetrics): MetricRow[] {
  const rows: MetricRow[] = [];
  const add = (metric: string, x: number | null | undefined, y: number | null | undefined) =>
    rows.push({
      metric,
      a: x ?? null,
      b: y ?? null,
      delta: x !== null && x !== undefined && y !== null && y !== undefined ? x - y : null,
    });
  for (const lang of LANGUAGES) add(`macro-F1 (${lang})`, a.test[lang].macroF1, b.test[lang].macroF1);
  for (const label of ATTACK_LABELS) {
    for (const lang of LANGUAGES) {
      const x = a.test[lang].perLabel[label];
      const y = b.test[lang].perLabel[label];
      add(`${label} precision (${lang})`, x.precision, y.precision);
      add(`${label} recall (${lang})`, x.recall, y.recall);
      add(`${label} F1 (${lang})`, x.f1, y.f1);
    }
    add(`${label} PR-AUC (all)`, a.test.all.perLabel[label].prAuc, b.test.all.perLabel[label].prAuc);
  }
  for (const source of [...new Set([...Object.keys(a.hardNegatives), ...Object.keys(b.hardNegatives)])].sort()) {
    add(`hard negatives ${source} FPR`, a.hardNegatives[source]?.fpr, b.hardNegatives[source]?.fpr);
  }
  return rows;
}

export function changedPredictions(
  a: readonly Prediction[],
  b: readonly Prediction[],
): { compared: number; changed: ChangedPrediction[] } {
  const byId = new Map(b.map((p) => [p.id, p]));
  const changed: ChangedPrediction[] = [];
  let compared = 0;
  for (const pa of a) {
    const pb = byId.get(pa.id);
    if (!pb) continue;
    compared++;
    if (pa.predicted === pb.predicted) continue;
    const kind = pa.predicted === pa.label ? 'fixed' : pb.predicted === pb.label ? 'broken' : 'changed';
    changed.push({
      id: pa.id,
      label: pa.label,
      lang: pa.lang,
      source: pa.source,
      hardNegative: pa.hardNegative,
      a: pa.predicted,
      b: pb.predicted,
      kind,
      scoresA: pa.probs,
      scoresB: pb.probs,
    });
  }
  const order = { broken: 0, changed: 1, fixed: 2 } as const;
  changed.sort((x, y) => order[x.kind] - order[y.kind] || x.id.localeCompare(y.id));
  return { compared, changed };
}

/** Evaluation ids are `source/family/n`: the family is the id without its last segment. */
export function familyOf(id: string): string {
  const i = id.lastIndexOf('/');
  return i > 0 ? id.slice(0, i) : id;
}

export function familyShifts(a: readonly Prediction[], b: readonly Prediction[]): FamilyShift[] {
  const byId = new Map(b.map((p) => [p.id, p]));
  const fams = new Map<string, FamilyShift>();
  for (const pa of a) {
    const pb = byId.get(pa.id);
    if (!pb) continue;
    const key = familyOf(pa.id);
    const f = fams.get(key) ?? { family: key, label: pa.label, n: 0, correctA: 0, correctB: 0 };
    f.n++;
    if (pa.predicted === pa.label) f.correctA++;
    if (pb.predicted === pb.label) f.correctB++;
    fams.set(key, f);
  }
  return [...fams.values()]
    .filter((f) => f.correctA !== f.correctB)
    .sort(
      (x, y) =>
        Math.abs(y.correctA - y.correctB) - Math.abs(x.correctA - x.correctB) || x.family.localeCompare(y.family),
    );
}

export function compareVersions(
  a: { version: string; metrics: ModelMetrics; predictions: readonly Prediction[] },
  b: { version: string; metrics: ModelMetrics; predictions: readonly Prediction[] },
): Comparison {
  const { compared, changed } = changedPredictions(a.predictions, b.predictions);
  return {
    a: a.version,
    b: b.version,
    rows: metricRows(a.metrics, b.metrics),
    changed,
    families: familyShifts(a.predictions, b.predictions),
    counts: {
      compared,
      fixed: changed.filter((c) => c.kind === 'fixed').length,
      broken: changed.filter((c) => c.kind === 'broken').length,
      changed: changed.filter((c) => c.kind === 'changed').length,
    },
  };
}
