/** Renders an evaluation report as Markdown for the model directory and the closing notes. */
import { ATTACK_LABELS, CLASSES } from '../../src/labels.js';
import type { EvalReport } from './evaluate.js';
import type { FamilyBootstrap, Interval } from './family-bootstrap.js';
import type { HardNegativeReport, SliceReport } from './report.js';
import { WRITTEN_TRAIN_SETS } from '../data/written.js';
import type { WrittenReport } from './written-report.js';
import { prCurveSection, realSection } from './real-markdown.js';

const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(3));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function labelTable(slice: SliceReport): string[] {
  const rows = ['| class | precision | recall | F1 | PR-AUC | ECE | support |', '|---|---|---|---|---|---|---|'];
  for (const c of CLASSES) {
    const p = slice.perClass[c];
    const l = slice.perLabel[c];
    if (!p) continue;
    rows.push(
      `| ${c} | ${f3(p.precision)} | ${f3(p.recall)} | ${f3(p.f1)} | ${f3(l?.prAuc ?? null)} | ${f3(l?.ece ?? null)} | ${p.support} |`,
    );
  }
  rows.push(`| **macro-F1 (4 classes)** | | | **${f3(slice.macroF1)}** | | | ${slice.n} |`);
  return rows;
}

function confusion(slice: SliceReport): string[] {
  const rows = [
    `| truth \\ predicted | ${slice.confusion.classes.join(' | ')} |`,
    `|---|${slice.confusion.classes.map(() => '---').join('|')}|`,
  ];
  slice.confusion.matrix.forEach((row, i) => rows.push(`| ${slice.confusion.classes[i]} | ${row.join(' | ')} |`));
  return rows;
}

function hardNegatives(h: Record<string, HardNegativeReport>): string[] {
  const rows = ['| source | n | flagged | FPR | flagged as |', '|---|---|---|---|---|'];
  for (const [source, r] of Object.entries(h)) {
    rows.push(
      `| ${source} | ${r.n} | ${r.flagged} | ${pct(r.fpr)} | ${
        Object.entries(r.byLabel)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ') || '—'
      } |`,
    );
  }
  return rows;
}

function intervalsTable(u: Record<'all' | 'en' | 'zh', FamilyBootstrap>): string[] {
  const iv = (x: Interval | null) => (x === null ? '—' : `${f3(x.value)} [${f3(x.lo)}, ${f3(x.hi)}]`);
  const langs = ['all', 'en', 'zh'] as const;
  const rows = [
    '| metric | all | English | Chinese |',
    '|---|---|---|---|',
    `| macro-F1 | ${langs.map((l) => iv(u[l].macroF1)).join(' | ')} |`,
  ];
  for (const l of ATTACK_LABELS)
    rows.push(`| recall ${l} | ${langs.map((g) => iv(u[g].recall[l] ?? null)).join(' | ')} |`);
  for (const l of ATTACK_LABELS) rows.push(`| F1 ${l} | ${langs.map((g) => iv(u[g].f1[l] ?? null)).join(' | ')} |`);
  return rows;
}

function writtenSection(w: WrittenReport | null): string[] {
  if (w === null) return [];
  const hn = w.hardNegatives;
  return [
    `## Hand-written probe: ${w.n} prompts written apart from the training data (report only)`,
    'Written one by one, in English and Chinese, by writers who saw neither the generator nor the hand-written training sets (`training/data/written/b-*.jsonl`); training set `a` was written from the same brief, so the two share scenarios. No decision uses it. Intervals resample its scenario families.',
    '',
    ...labelTable(w.test.all),
    '',
    `English macro-F1 ${f3(w.test.en.macroF1)}, Chinese macro-F1 ${f3(w.test.zh.macroF1)}. Hard negatives flagged: ${hn.all.flagged}/${hn.all.n} (${pct(hn.all.fpr)}; English ${hn.en.flagged}/${hn.en.n}, Chinese ${hn.zh.flagged}/${hn.zh.n}).`,
    '',
    '| scenarios | families | prompts | macro-F1 | recall reasoning / rubric / censorship |',
    '|---|---|---|---|---|',
    ...(['shared', 'new'] as const).map((k) => {
      const sc = w.scenarios[k];
      const name =
        k === 'shared'
          ? `also named in a hand-written training set (${WRITTEN_TRAIN_SETS.join(', ')})`
          : 'in no training set';
      return `| ${name} | ${sc.families} | ${sc.report.n} | ${f3(sc.report.macroF1)} | ${ATTACK_LABELS.map((l) => f3(sc.report.perClass[l]?.recall ?? null)).join(' / ')} |`;
    }),
    '',
    ...intervalsTable(w.uncertainty),
    '',
    '| weakest families | label | n | correct | misses became |',
    '|---|---|---|---|---|',
    ...w.weakFamilies.slice(0, 15).map(
      (r) =>
        `| ${r.family} | ${r.label} | ${r.n} | ${r.correct} | ${Object.entries(r.predicted)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')} |`,
    ),
    '',
  ];
}

function uncertaintySection(u: Record<'all' | 'en' | 'zh', FamilyBootstrap>): string[] {
  return [
    '## Uncertainty: 95% intervals from resampling whole template families',
    `Prompts of one template family are right or wrong together, so the test set is worth its families, not its prompts: each interval resamples the families of every class with replacement (${u.all.resamples} resamples). Families per class: ${CLASSES.map((c) => `${c} ${u.all.families[c] ?? 0}`).join(', ')}.`,
    '',
    ...intervalsTable(u),
    '',
  ];
}

function prescreenSection(r: EvalReport): string[] {
  const p = r.prescreen;
  if (!p) return [];
  const row = (name: string, s: SliceReport) =>
    `| ${name} | ${f3(s.macroF1)} | ${ATTACK_LABELS.map((l) => f3(s.perClass[l]?.recall ?? null)).join(' | ')} |`;
  return [
    '## With the lexical pre-screen (request path and bulk re-scoring)',
    `Cleared without the encoder: ${pct(p.cleared.testBenign)} of benign test prompts, ${pct(p.cleared.testAttack)} of attack test prompts, ${pct(p.cleared.hardNegatives)} of hard negatives.`,
    '',
    `| scoring | macro-F1 | ${ATTACK_LABELS.map((l) => `recall ${l}`).join(' | ')} |`,
    `|---|---|${ATTACK_LABELS.map(() => '---').join('|')}|`,
    row('full model', r.test.all),
    row('with pre-screen', p.test.all),
    '',
  ];
}

export function renderMarkdown(r: EvalReport): string {
  const meanAp = (s: SliceReport) =>
    ATTACK_LABELS.reduce((a, l) => a + (s.perLabel[l]?.prAuc ?? 0), 0) / ATTACK_LABELS.length;
  const lines = [
    `# Evaluation of ${r.model}`,
    '',
    `Evaluation set: ${r.evalSet.test} held-out test prompts (template families and sources unseen in training) and ${r.evalSet.hardNegativeSet} held-out hard negatives. Scored through the service's inference path${r.written ? ` (${r.throughput.prompts} prompts with the hand-written probe)` : ''} at ${r.throughput.promptsPerSecond.toFixed(1)} prompts/s${r.throughput.chunkCache ? ` (${r.throughput.chunkCache.hits} chunk vectors from the embedding cache, ${r.throughput.chunkCache.embedded} embedded)` : ''}. Generated ${r.createdAt}.`,
    '',
    ...realSection(r.real, r.written),
    ...prCurveSection(r.prCurves),
    '## Test set, all languages',
    ...labelTable(r.test.all),
    '',
    '## English',
    ...labelTable(r.test.en),
    '',
    '## Chinese',
    ...labelTable(r.test.zh),
    '',
    `Chinese macro-F1 − English macro-F1: ${(r.test.zh.macroF1 - r.test.en.macroF1).toFixed(3)}`,
    '',
    ...uncertaintySection(r.uncertainty),
    '## Confusion matrix (test)',
    ...confusion(r.test.all),
    '',
    '## False-positive rate per hard-negative source',
    ...hardNegatives(r.hardNegatives),
    '',
    '## Feature paths alone and together (whole-prompt scores, threshold 0.5)',
    '| path | macro-F1 all | macro-F1 en | macro-F1 zh | mean PR-AUC all | mean PR-AUC en | mean PR-AUC zh |',
    '|---|---|---|---|---|---|---|',
    ...Object.entries(r.paths).map(
      ([name, p]) =>
        `| ${name} | ${f3(p.all.macroF1)} | ${f3(p.en.macroF1)} | ${f3(p.zh.macroF1)} | ${f3(meanAp(p.all))} | ${f3(meanAp(p.en))} | ${f3(meanAp(p.zh))} |`,
    ),
    '',
    ...prescreenSection(r),
    `## Long prompts (more than one encoder chunk): ${r.longPrompts.all.n} test prompts`,
    ...labelTable(r.longPrompts.all),
    '',
    '## Per source (test)',
    '| label | source | n | correct | misses became |',
    '|---|---|---|---|---|',
    ...r.bySource.map(
      (row) =>
        `| ${row.label} | ${row.source} | ${row.n} | ${pct(row.correct / row.n)} | ${
          Object.entries(row.predicted)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ') || '—'
        } |`,
    ),
    '',
    ...writtenSection(r.written),
    ...languagesSection(r.languages),
    '## Languages outside training (hand-written probe, not in the metrics above)',
    '| lang | expected | predicted | scores (reasoning / rubric / censorship) |',
    '|---|---|---|---|',
    ...r.otherLanguages.map(
      (p) =>
        `| ${p.lang} | ${p.expected} | ${p.predicted} | ${ATTACK_LABELS.map((l) => f3(p.scores[l])).join(' / ')} |`,
    ),
    '',
    '## Baselines on the same set',
    '### Keyword/regex rules',
    ...labelTable(r.baselines.keyword_rules.test.all),
    '',
    `English macro-F1 ${f3(r.baselines.keyword_rules.test.en.macroF1)}, Chinese macro-F1 ${f3(r.baselines.keyword_rules.test.zh.macroF1)}.`,
    '',
    ...hardNegatives(r.baselines.keyword_rules.hardNegatives),
    '',
    '### @andersmyrmel/vard (prompt-injection guardrail, strict), any attack vs benign',
    `precision ${f3(r.baselines.vard.testAnyAttack.precision)}, recall ${f3(r.baselines.vard.testAnyAttack.recall)}, F1 ${f3(r.baselines.vard.testAnyAttack.f1)}`,
    '',
    ...hardNegatives(r.baselines.vard.hardNegatives),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/** Per-language recall and false positives on the held-out written set in ja, ko, ru and es. */
function languagesSection(rows: EvalReport['languages'] | undefined): string[] {
  if (!rows || rows.length === 0) return [];
  const near = (row: EvalReport['languages'][number]) =>
    ATTACK_LABELS.map((l) => `${pct(row.fprNear[l].fpr)} (${row.fprNear[l].n})`).join(' / ');
  const worst = [...rows].sort((a, b) => a.recall - b.recall)[0];
  return [
    '## Languages beyond English and Chinese (held-out written set h, not in the metrics above)',
    'Attack and hard-negative scenarios of written set g kept out of training in all four languages; the service path (label as a caller gets it).',
    '',
    '| lang | attacks | recall (own label) | flagged (any label) | recall reasoning / rubric / censorship | hard negatives | FPR | FPR near reasoning / rubric / censorship (n) | answered supported |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.lang} | ${row.attacks} | ${pct(row.recall)} | ${pct(row.flaggedShare)} | ${ATTACK_LABELS.map((l) => pct(row.perLabel[l].recall)).join(' / ')} | ${row.hardNegatives} | ${pct(row.fpr)} | ${near(row)} | ${pct(row.supportedShare)} |`,
    ),
    '',
    worst ? `Worst language by recall: ${worst.lang} (${pct(worst.recall)}).` : '',
    '',
  ];
}
