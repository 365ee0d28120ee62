/**
 * The model card of a prompt-head version (`MODEL_CARD.md`): intended use, labels, data,
 * training, metrics per label / language / hard-negative source, and known limits, all read
 * from the files in the version's directory.
 */
import { ATTACK_LABELS, CLASSES } from '../../labels.js';
import type { HeadMetadata } from '../../models/head-artifact.js';
import { LENGTH_BUCKETS } from '../../models/length-bucket.js';
import type { ModelMetrics } from './metrics.js';

/** The parts of `data-manifest.json` the card shows (all optional: older versions lack some). */
export interface DataManifestLike {
  seed?: number;
  generatorVersion?: string;
  total?: number;
  publicFiles?: Record<string, string>;
  counts?: {
    label?: Record<string, number>;
    lang?: Record<string, number>;
    split?: Record<string, number>;
    source?: Record<string, number>;
  };
  hardNegativesBySource?: Record<string, number>;
  duplicatesRemoved?: number;
  sha256?: string;
  /** Analyst feedback folded into the training data (`distill-guard train --feedback FILE`). */
  feedback?: { included?: number; lines?: number; byLabel?: Record<string, number> };
}

export interface TrainingRecordLike {
  kept?: string;
  seconds?: { embedding?: number; total?: number };
  thresholds?: Record<string, { threshold?: number; capMet?: boolean; hardNegativeFpr?: number }>;
}

export interface OtherLanguageProbe {
  lang: string;
  expected: string;
  predicted: string;
}

/** The hand-written probe's slice reports (eval.json `written`), the parts the card shows. */
export interface WrittenProbeLike {
  n: number;
  test: Record<
    'all' | 'en' | 'zh',
    { macroF1: number; perLabel: Record<string, { precision: number; recall: number }> }
  >;
  hardNegatives: { all: { n: number; flagged: number } };
}

export interface ModelCardInput {
  meta: HeadMetadata;
  manifest?: DataManifestLike;
  record?: TrainingRecordLike;
  metrics?: ModelMetrics;
  otherLanguages?: readonly OtherLanguageProbe[];
  written?: WrittenProbeLike | null;
}

const DEFINITIONS: Record<string, string> = {
  reasoning_trace_extraction:
    'asks the model to write out, reconstruct or reveal its step-by-step reasoning as a product',
  rubric_grading: 'asks the model to act as a grader, judge or reward model',
  censorship_rewrite:
    'asks the model to rewrite answers on politically sensitive topics so they comply with censorship',
  benign: 'none of the above',
};

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** How many analyst feedback items the training data included (0 when none were). */
export function feedbackItems(manifest?: DataManifestLike): number {
  return manifest?.feedback?.included ?? 0;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function knownLimits(input: ModelCardInput): string[] {
  const { meta, metrics, record } = input;
  const out = [
    `The encoder (${meta.encoder.name}) reads at most 128 tokens and has an English vocabulary: longer prompts are scored as chunks and fine windows, and Chinese is carried mostly by the lexical path (hashed character n-grams).`,
    'Languages other than English and Chinese were not trained on; treat their scores as unreliable.',
    'Test prompts come from public datasets and the committed generator (held-out template families), the hand-written probe from writers given the same label definitions; production traffic will differ, so watch hard-negative false positives after each promotion.',
  ];
  for (const [label, t] of Object.entries(record?.thresholds ?? {})) {
    if (t.capMet === false) {
      out.push(
        `${label}: no threshold met the hard-negative false-positive cap on validation; the threshold is ${f3(t.threshold)} with ${t.hardNegativeFpr !== undefined ? pct(t.hardNegativeFpr) : 'an unknown rate of'} validation hard negatives flagged.`,
      );
    }
  }
  if (metrics) {
    for (const [source, h] of Object.entries(metrics.hardNegatives)) {
      if (h.fpr > 0.03) out.push(`Hard negatives from ${source}: ${pct(h.fpr)} flagged (${h.flagged} of ${h.n}).`);
    }
    for (const label of ATTACK_LABELS) {
      for (const lang of ['en', 'zh'] as const) {
        const l = metrics.test[lang].perLabel[label];
        if (l.support > 0 && l.recall < 0.75)
          out.push(
            `${label} (${lang}): recall ${f3(l.recall)} on held-out test prompts; many attacks of this kind pass as benign.`,
          );
      }
    }
  }
  const probes = input.otherLanguages ?? [];
  const wrong = probes.filter((p) => p.predicted !== p.expected);
  if (probes.length > 0)
    out.push(
      `Other-language probe: ${probes.length - wrong.length} of ${probes.length} prompts labelled as expected (${[...new Set(probes.map((p) => p.lang))].join(', ')}).`,
    );
  return out;
}

/** A label's threshold, with its per-length-bucket and per-language thresholds when the head has them. */
function thresholdCell(meta: HeadMetadata, label: (typeof ATTACK_LABELS)[number]): string {
  const byLength = meta.thresholdsByLength;
  const byLanguage = Object.entries(meta.thresholdsByLanguage ?? {});
  const parts = [
    ...(byLength ? LENGTH_BUCKETS.map((b) => `${b}: ${f3(byLength[b][label])}`) : []),
    ...byLanguage.map(([lang, t]) => `${lang}: ${f3(t[label])}`),
  ];
  return parts.length ? `${f3(meta.thresholds[label])} (${parts.join(', ')})` : f3(meta.thresholds[label]);
}

export function renderModelCard(input: ModelCardInput): string {
  const { meta, manifest, record, metrics } = input;
  const training = (meta.training ?? {}) as { seed?: unknown; config?: unknown; dataSha256?: unknown };
  const lines: string[] = [
    `# Model card: ${meta.version}`,
    '',
    `Prompt head of distill-guard, created ${meta.createdAt}. Which version is live: \`models/current.json\`, \`GET /v1/models\`; promotions: \`models/promotions.jsonl\`.`,
    '',
    '## Intended use',
    '',
    'Labels single prompts sent to an LLM API as distillation-attack traffic, as one signal for the per-account',
    'distillation likelihood. A single flagged prompt is not proof of an attack: act on accounts (aggregated',
    'labels, volume, repetition, timing), not on individual prompts. Not intended for content moderation.',
    '',
    '## Labels',
    '',
    ...table(
      ['label', 'the prompt…', 'threshold'],
      CLASSES.map((l) => [
        `\`${l}\``,
        DEFINITIONS[l] ?? '',
        l === 'benign' ? 'no attack label passes' : thresholdCell(meta, l as (typeof ATTACK_LABELS)[number]),
      ]),
    ),
    '',
    'A prompt gets the likeliest attack label among those whose score passes its threshold, else `benign`.',
    ...(meta.thresholdsByLength
      ? ['Each prompt is held to the thresholds of its length bucket (characters), shown in brackets.']
      : []),
    ...(meta.thresholdsByLanguage
      ? [
          'A prompt detected in a language shown in brackets by its code is held to that language’s thresholds instead: languages learnt from written prompts alone, whose scores run lower (chosen on their validation prompts).',
        ]
      : []),
    '',
    '## Data',
    '',
  ];
  if (manifest) {
    const counts = manifest.counts ?? {};
    const fmt = (r?: Record<string, number>) =>
      r
        ? Object.entries(r)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')
        : '—';
    lines.push(
      `- ${manifest.total ?? '?'} examples (after removing ${manifest.duplicatesRemoved ?? 0} duplicates), seed ${manifest.seed ?? '?'}, generator ${manifest.generatorVersion ?? '?'}, ${Object.keys(manifest.publicFiles ?? {}).length} public files (SHA-256 of each in data-manifest.json); data digest \`${manifest.sha256 ?? String(training.dataSha256 ?? '?')}\`.`,
      `- Splits (whole template families / public sources per split): ${fmt(counts.split)}.`,
      `- Labels: ${fmt(counts.label)}. Languages: ${fmt(counts.lang)}.`,
      `- Hard negatives (benign look-alikes) by source: ${fmt(manifest.hardNegativesBySource)}.`,
    );
  } else lines.push('- No data manifest in this version directory.');
  const byLabel = Object.entries(manifest?.feedback?.byLabel ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  lines.push(`- Analyst feedback items included: ${feedbackItems(manifest)}${byLabel ? ` (${byLabel})` : ''}.`, '');
  lines.push(
    '## Training',
    '',
    `- Encoder \`${meta.encoder.name}\` (weights SHA-256 \`${meta.encoder.weightsHash}\`).`,
    `- Semantic path: ${meta.semantic.kind} (${meta.semantic.layers.map((l) => `${l.inputs}→${l.outputs}`).join(', ')}); lexical path: ${meta.lexical.buckets} hashed n-gram buckets; stacker (combination + calibration) over ${meta.stacker.features.join(', ')}.`,
    `- Seed ${String(training.seed ?? '?')}; full configuration in head.json (\`training.config\`).${record?.seconds?.total !== undefined ? ` Training took ${record.seconds.total.toFixed(0)} s.` : ''}`,
    '',
    '## Metrics',
    '',
  );
  if (metrics) {
    lines.push(
      `Held-out evaluation set: ${metrics.evalSet.test} test prompts (template families and sources unseen in training) and ${metrics.evalSet.hardNegativeSet} hard negatives; evaluated ${metrics.evaluatedAt}. Full report: EVAL.md.`,
      '',
      `Macro-F1 (4 classes): all ${f3(metrics.test.all.macroF1)}, English ${f3(metrics.test.en.macroF1)}, Chinese ${f3(metrics.test.zh.macroF1)}.`,
      '',
      ...table(
        ['label', 'language', 'precision', 'recall', 'F1', 'PR-AUC', 'support'],
        ATTACK_LABELS.flatMap((label) =>
          (['all', 'en', 'zh'] as const).map((lang) => {
            const l = metrics.test[lang].perLabel[label];
            return [label, lang, f3(l.precision), f3(l.recall), f3(l.f1), f3(l.prAuc), String(l.support)];
          }),
        ),
      ),
      '',
      'False-positive rate per hard-negative source:',
      '',
      ...table(
        ['source', 'prompts', 'flagged', 'FPR'],
        Object.entries(metrics.hardNegatives).map(([s, h]) => [s, String(h.n), String(h.flagged), f3(h.fpr)]),
      ),
      '',
    );
    const w = input.written;
    if (w) {
      lines.push(
        `Hand-written probe (${w.n} prompts written apart from the training data, report only; EVAL.md): macro-F1 all ${f3(w.test.all.macroF1)}, English ${f3(w.test.en.macroF1)}, Chinese ${f3(w.test.zh.macroF1)}; recall ${ATTACK_LABELS.map((l) => `${l} ${f3(w.test.all.perLabel[l]?.recall)}`).join(', ')}; hard negatives flagged ${w.hardNegatives.all.flagged} of ${w.hardNegatives.all.n}.`,
        '',
      );
    }
  } else lines.push('Not evaluated yet: run `distill-guard eval --model ' + meta.version + '`.', '');
  lines.push('## Known limits', '', ...knownLimits(input).map((l) => `- ${l}`), '');
  return lines.join('\n');
}
