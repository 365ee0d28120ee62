/**
 * The report on the hand-written probe (data/written.ts set `b`): the same per-label numbers as
 * the test set, intervals from resampling its scenario families, the false-positive rate on its
 * hard negatives, and the families the model gets least right.
 */
import { familyBootstrap } from './family-bootstrap.js';
import { byLanguage, perLanguage, sliceReport, type Scored } from './report.js';

export interface WrittenFamilyRow {
  family: string;
  label: string;
  lang: string;
  n: number;
  correct: number;
  /** What the misses were predicted as. */
  predicted: Record<string, number>;
}

/** A probe family's scenario name and language: `wb-en-rt-think-tags` → `en/rt-think-tags`. */
export const scenarioOf = (family: string): string => family.replace(/^wb-(en|zh)-/, '$1/');

/**
 * `trainingScenarios`: the `lang/slug` scenario names of the hand-written training sets. The probe
 * was written from the same label definitions, and a scenario the training sets also have (the
 * same slug, e.g. `en/bn-homework-steps-math`) is closer to its training data than a new one, so
 * the report gives both apart.
 */
export function writtenReport(items: readonly Scored[], trainingScenarios: ReadonlySet<string> = new Set()) {
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
  const scenarioSlice = (shared: boolean) => {
    const slice = items.filter((s) => trainingScenarios.has(scenarioOf(s.example.family)) === shared);
    return { families: new Set(slice.map((s) => s.example.family)).size, report: sliceReport(slice) };
  };
  return {
    n: items.length,
    /** Scenarios also named in a training set, and the others. */
    scenarios: { shared: scenarioSlice(true), new: scenarioSlice(false) },
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
