/**
 * The report on the hand-written probe (data/written.ts set `b`): the same per-label numbers as
 * the test set, intervals from resampling its scenario families, the false-positive rate on its
 * hard negatives, and the families the model gets least right.
 */
import { familyBootstrap } from './family-bootstrap.js';
import { byLanguage, perLanguage, type Scored } from './report.js';

export interface WrittenFamilyRow {
  family: string;
  label: string;
  lang: string;
  n: number;
  correct: number;
  /** What the misses were predicted as. */
  predicted: Record<string, number>;
}

export function writtenReport(items: readonly Scored[]) {
  const hard = items.filter((s) => s.example.hardNegative);
  const families = new Map<string, WrittenFamilyRow>();
  for (const s of items) {
    const e = s.example;
    const row = families.get(e.family) ?? { family: e.family, label: e.label, lang: e.lang, n: 0, correct: 0, predicted: {} };
    row.n++;
    if (s.predicted === e.label) row.correct++;
    else row.predicted[s.predicted] = (row.predicted[s.predicted] ?? 0) + 1;
    families.set(e.family, row);
  }
  const flagged = (lang: string | null) => {
    const h = hard.filter((s) => lang === null || s.example.lang === lang);
    const f = h.filter((s) => s.predicted !== 'benign').length;
    return { n: h.length, flagged: f, fpr: h.length === 0 ? 0 : f / h.length };
  };
  return {
    n: items.length,
    test: byLanguage(items),
    uncertainty: perLanguage(items, (slice) => familyBootstrap(slice)),
    hardNegatives: { all: flagged(null), en: flagged('en'), zh: flagged('zh') },
    /** Families below full marks, fewest right first. */
    weakFamilies: [...families.values()]
      .filter((r) => r.correct < r.n)
      .sort((a, b) => a.correct / a.n - b.correct / b.n || a.family.localeCompare(b.family)),
  };
}

export type WrittenReport = ReturnType<typeof writtenReport>;
