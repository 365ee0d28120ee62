/**
 * The report on the hand-written probe (data/written.ts set `b`): the same per-label numbers as
 * the test set, intervals from resampling its scenario families, the false-positive rate on its
 * hard negatives, and the families the model gets least right.
 */
import { familyBootstrap } from './family-bootstrap.js';
import {
  byLanguage,
  hardNegativeReport,
  perLanguage,
  sliceReport,
  tallyBy,
  type HardNegativeReport,
  type Scored,
} from './report.js';

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
  // The probe is one source, so the per-source report has one row (none without hard negatives).
  const hardNegatives = (slice: readonly Scored[]): HardNegativeReport => {
    const rows = Object.values(
      hardNegativeReport(
        slice.map((s) => s.example),
        slice.map((s) => s.predicted),
      ),
    );
    if (rows.length > 1) throw new Error(`the written probe report takes one source, got ${rows.length}`);
    return rows[0] ?? { n: 0, flagged: 0, fpr: 0, byLabel: {} };
  };
  const families: WrittenFamilyRow[] = tallyBy(items, (e) => e.family).map(({ first, n, correct, predicted }) => ({
    family: first.family,
    label: first.label,
    lang: first.lang,
    n,
    correct,
    predicted,
  }));
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
    hardNegatives: perLanguage(items, hardNegatives),
    /** Families below full marks, fewest right first. */
    weakFamilies: families
      .filter((r) => r.correct < r.n)
      .sort((a, b) => a.correct / a.n - b.correct / b.n || a.family.localeCompare(b.family)),
  };
}

export type WrittenReport = ReturnType<typeof writtenReport>;
