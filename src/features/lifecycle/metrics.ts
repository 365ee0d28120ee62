/**
 * A version's headline metrics, `metrics.json` in its directory: per attack label and language
 * on the held-out test set, the false-positive rate per hard-negative source, and the real prompts
 * of held-out sources (benign flagged, distillation recall, judge recall and precision). Derived from
 * the full evaluation report (`eval.json`); the promotion gate and the model card read this.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ATTACK_LABELS } from '../../labels.js';

export const METRICS_FILE = 'metrics.json';
export const LANGUAGES = ['all', 'en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

const LabelMetrics = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  prAuc: z.number().nullable(),
  support: z.number().int(),
});
export type LabelMetrics = z.infer<typeof LabelMetrics>;

const SliceMetrics = z.object({
  n: z.number().int(),
  macroF1: z.number(),
  perLabel: z.record(z.enum(ATTACK_LABELS), LabelMetrics),
});

const RealRate = z.object({ key: z.string(), n: z.number().int(), flagged: z.number().int(), fpr: z.number() });

/**
 * Real prompts of held-out sources (the real-prompt bundle's test sources and the held-out real
 * benign sources): what the service does on traffic written by others. Absent on versions
 * evaluated before the bundle existed.
 */
const RealMetrics = z.object({
  /** Sizes of the real set, so two versions are compared on the same prompts. */
  set: z.object({ bundleTest: z.number().int(), heldOutRealBenign: z.number().int() }),
  /** Real user prompts flagged with any attack label: all, per language, per length bucket. */
  benign: z.array(RealRate),
  /** null: none in the set (or, for precision, none predicted). */
  distillation: z.object({ n: z.number().int(), recall: z.number().nullable() }),
  judge: z.object({
    n: z.number().int(),
    recall: z.number().nullable(),
    precision: z.number().nullable(),
    f1: z.number().nullable(),
  }),
});
export type RealMetrics = z.infer<typeof RealMetrics>;

export const ModelMetricsSchema = z.object({
  version: z.string(),
  evaluatedAt: z.string(),
  evalSet: z.object({ examples: z.number().int(), test: z.number().int(), hardNegativeSet: z.number().int() }),
  test: z.object({ all: SliceMetrics, en: SliceMetrics, zh: SliceMetrics }),
  hardNegatives: z.record(z.string(), z.object({ n: z.number().int(), flagged: z.number().int(), fpr: z.number() })),
  real: RealMetrics.optional(),
});
export type ModelMetrics = z.infer<typeof ModelMetricsSchema>;

/** The parts of an evaluation report (training/eval) the metrics are read from. */
export interface EvalReportLike {
  model: string;
  createdAt: string;
  evalSet: ModelMetrics['evalSet'];
  test: Record<
    Language,
    {
      n: number;
      macroF1: number;
      perLabel: Record<
        string,
        { precision: number; recall: number; f1: number; prAuc: number | null; support: number }
      >;
    }
  >;
  hardNegatives: Record<string, { n: number; flagged: number; fpr: number }>;
  realSet?: { bundleTest: number; heldOutRealBenign: number };
  real?: {
    benign: Record<'byLanguage' | 'byLength', { key: string; n: number; flagged: number; fpr: number }[]> & {
      all: { n: number; flagged: number; fpr: number };
    };
    distillation: { n: number; recall: number | null };
    judge: { all: { n: number; recall: number | null; precision: number | null } };
  };
}

function realMetrics(report: EvalReportLike): RealMetrics | undefined {
  const { real, realSet } = report;
  if (!real || !realSet) return undefined;
  const rate = (key: string, r: { n: number; flagged: number; fpr: number }) => ({
    key,
    n: r.n,
    flagged: r.flagged,
    fpr: r.fpr,
  });
  const finite = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const recall = finite(real.judge.all.recall);
  const precision = finite(real.judge.all.precision);
  return {
    set: { bundleTest: realSet.bundleTest, heldOutRealBenign: realSet.heldOutRealBenign },
    benign: [
      rate('all', real.benign.all),
      ...real.benign.byLanguage.map((r) => rate(`language ${r.key}`, r)),
      ...real.benign.byLength.map((r) => rate(`length ${r.key}`, r)),
    ],
    distillation: { n: real.distillation.n, recall: finite(real.distillation.recall) },
    judge: {
      n: real.judge.all.n,
      recall,
      precision,
      f1:
        recall === null || precision === null
          ? null
          : recall + precision === 0
            ? 0
            : (2 * recall * precision) / (recall + precision),
    },
  };
}

export function metricsFromEval(report: EvalReportLike): ModelMetrics {
  const slice = (lang: Language) => {
    const s = report.test[lang];
    const perLabel = {} as Record<(typeof ATTACK_LABELS)[number], LabelMetrics>;
    for (const label of ATTACK_LABELS) {
      const l = s.perLabel[label];
      if (!l) throw new Error(`evaluation of ${report.model} has no ${lang} metrics for ${label}`);
      perLabel[label] = { precision: l.precision, recall: l.recall, f1: l.f1, prAuc: l.prAuc, support: l.support };
    }
    return { n: s.n, macroF1: s.macroF1, perLabel };
  };
  const real = realMetrics(report);
  return {
    version: report.model,
    evaluatedAt: report.createdAt,
    evalSet: report.evalSet,
    test: { all: slice('all'), en: slice('en'), zh: slice('zh') },
    hardNegatives: Object.fromEntries(
      Object.entries(report.hardNegatives).map(([source, h]) => [source, { n: h.n, flagged: h.flagged, fpr: h.fpr }]),
    ),
    ...(real ? { real } : {}),
  };
}

export async function writeMetrics(dir: string, metrics: ModelMetrics): Promise<void> {
  await writeFile(path.join(dir, METRICS_FILE), `${JSON.stringify(metrics, null, 2)}\n`);
}

/** A version's metrics: `metrics.json`, else derived from `eval.json`; undefined when never evaluated. */
export async function readMetrics(dir: string): Promise<ModelMetrics | undefined> {
  for (const [file, derive] of [
    [METRICS_FILE, (raw: unknown) => ModelMetricsSchema.parse(raw)],
    ['eval.json', (raw: unknown) => metricsFromEval(raw as EvalReportLike)],
  ] as const) {
    let text: string;
    try {
      text = await readFile(path.join(dir, file), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    return derive(JSON.parse(text) as unknown);
  }
  return undefined;
}
