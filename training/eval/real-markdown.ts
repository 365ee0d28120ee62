/** The headline of EVAL.md: real prompts of held-out sources (real-report.ts) and the written-set targets. */
import { ATTACK_LABELS } from '../../src/labels.js';
import { PR_CURVE_THRESHOLDS, type FprRow, type RealReport, type RecallRow, type prCurves } from './real-report.js';
import type { WrittenReport } from './written-report.js';

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const labels = (m: Record<string, number>) =>
  Object.entries(m)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ') || '—';

function fprTable(title: string, rows: readonly FprRow[]): string[] {
  return [
    `| ${title} | n | flagged | FPR | flagged as |`,
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.key} | ${r.n} | ${r.flagged} | ${pct(r.fpr)} | ${labels(r.byLabel)} |`),
  ];
}

function recallTable(title: string, rows: readonly RecallRow[]): string[] {
  return [
    `| ${title} | n | caught | recall | misses became |`,
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.key} | ${r.n} | ${r.caught} | ${f3(r.recall)} | ${labels(r.predicted)} |`),
  ];
}

export interface WindowEffect {
  longBenign: number;
  flaggedWholeOnly: number;
  flaggedServed: number;
  windowOffset: Record<string, number> | null;
}

export function realSection(r: RealReport & { windowEffect: WindowEffect }, written: WrittenReport | null): string[] {
  const d = r.distillation;
  const j = r.judge;
  const worst = r.benign.byLanguageAndLength[0];
  const out = [
    '## Real prompts of held-out sources (headline)',
    `Third-party prompts from sources no fitted path saw (${r.sources.join(', ')}); ${r.n} prompts. Sources are whole on one side of the split (training/data/public/real-sources.ts). Rows are worst first.`,
    '',
    `- Real benign prompts flagged (any attack label): **${pct(r.benign.all.fpr)}** (${r.benign.all.flagged}/${r.benign.all.n}); worst language × length: **${worst ? `${worst.key} ${pct(worst.fpr)} (${worst.flagged}/${worst.n})` : '—'}**.`,
    `- Real distillation prompts: recall **${f3(d.recall)}** (n ${d.n}), precision ${f3(d.precision)}, PR-AUC ${f3(d.prAuc)}.`,
    `- Real judge prompts: recall **${f3(j.all.recall)}**, precision **${f3(j.all.precision)}** (n ${j.all.n}; English ${f3(j.en.recall)} / ${f3(j.en.precision)}, Chinese ${f3(j.zh.recall)} / ${f3(j.zh.precision)}), PR-AUC ${f3(j.all.prAuc)}.`,
  ];
  if (written) {
    const w = written.test;
    const rec = (s: typeof w.en) => ATTACK_LABELS.map((l) => `${l} ${f3(s.perClass[l]?.recall)}`).join(', ');
    out.push(
      `- Written probe (set b, never trained): macro-F1 English **${f3(w.en.macroF1)}** (${rec(w.en)}), Chinese **${f3(w.zh.macroF1)}** (${rec(w.zh)}).`,
    );
  }
  out.push(
    '',
    ...fprTable('benign: language × length', r.benign.byLanguageAndLength),
    '',
    ...fprTable('benign: language', r.benign.byLanguage),
    '',
    ...fprTable('benign: length (characters)', r.benign.byLength),
    '',
    ...fprTable('benign: source (language)', r.benign.bySource),
    '',
    ...recallTable('distillation: family', d.byFamily),
    '',
    ...recallTable('judge: source', j.all.bySource),
    '',
    `### Long prompts: the whole prompt against the fine windows`,
    `Real benign test prompts longer than the encoder's window: ${r.windowEffect.longBenign}. Flagged on the whole prompt alone: ${r.windowEffect.flaggedWholeOnly}; as served (the maximum with the fine windows, window offsets ${JSON.stringify(r.windowEffect.windowOffset ?? {})}): ${r.windowEffect.flaggedServed}.`,
    '',
    '### Confusion between attack labels (real attack prompts)',
    `| truth \\ predicted | ${r.attackConfusion.cols.join(' | ')} |`,
    `|---|${r.attackConfusion.cols.map(() => '---').join('|')}|`,
    ...r.attackConfusion.matrix.map((row, i) => `| ${r.attackConfusion.rows[i]} | ${row.join(' | ')} |`),
    '',
  );
  return out;
}

export function prCurveSection(curves: ReturnType<typeof prCurves>): string[] {
  const cell = (p: { precision: number | null; recall: number | null }) => `${f3(p.precision)} / ${f3(p.recall)}`;
  return [
    '## PR curves per label and language (test split and real prompts of held-out sources)',
    "Precision / recall of each label's own score at fixed thresholds (one label against the rest).",
    '',
    `| label | lang | positives | PR-AUC | ${PR_CURVE_THRESHOLDS.map((t) => `≥ ${t}`).join(' | ')} |`,
    `|---|---|---|---|${PR_CURVE_THRESHOLDS.map(() => '---').join('|')}|`,
    ...curves.map(
      (c) => `| ${c.label} | ${c.lang} | ${c.positives} | ${f3(c.prAuc)} | ${c.points.map(cell).join(' | ')} |`,
    ),
    '',
  ];
}
