import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadEnv } from '../../src/env.js';
import { compareVersions, type ChangedPrediction, type Comparison } from '../../src/features/lifecycle/compare.js';
import { readMetrics } from '../../src/features/lifecycle/metrics.js';
import { readPredictions } from '../../src/features/lifecycle/predictions.js';
import { ATTACK_LABELS } from '../../src/labels.js';
import { resolveVersion, versionDir } from '../../src/models/registry.js';
import { evaluateAndDocument } from './evaluate-version.js';
import type { CliContext } from '../../src/cli/context.js';

const HELP = `
Puts two head versions side by side on the evaluation set: macro-F1 per language, precision /
recall / F1 per label and language, PR-AUC per label, false-positive rate per hard-negative source,
then the template families whose number of correct predictions moved (largest first), then
lists the evaluation prompts whose predicted label differs (broken first: A wrong where B was
right; then changed; then fixed), with both versions' scores and the prompt text. Texts are rebuilt
from the shared datasets (DISTILL_GUARD_DATASETS_DIR, default ../shared/datasets/public) at run
time; none is stored in the repository. A version without predictions.jsonl is evaluated first.

Examples:
  $ distill-guard compare --model head-0123456789                 # against the current version
  $ distill-guard compare --model head-0123456789 --against head-9876543210 --limit 100
  $ distill-guard compare --model head-0123456789 --json > diff.json
`;

function limit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(3));
const signed = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(3)}`);
const scores = (s: readonly number[]) =>
  ATTACK_LABELS.map((l, i) => `${l.split('_')[0]} ${fmt(s[i] ?? null)}`).join(', ');

function render(c: Comparison, texts: Map<string, string> | undefined, max: number): string {
  const out = [`# ${c.a} (A) vs ${c.b} (B)`, '', '| metric | A | B | A − B |', '|---|---|---|---|'];
  for (const r of c.rows) out.push(`| ${r.metric} | ${fmt(r.a)} | ${fmt(r.b)} | ${signed(r.delta)} |`);
  out.push(
    '',
    `FPR rows: lower is better. ${c.changed.length} of ${c.counts.compared} evaluation prompts changed label: ${c.counts.broken} broken (A wrong, B right), ${c.counts.changed} changed (both wrong), ${c.counts.fixed} fixed (A right, B wrong).`,
    '',
  );
  if (c.families.length > 0) {
    out.push(
      '## Template families that moved',
      '',
      'Prompts of one family tend to be right or wrong together, so a few families often explain a metric change.',
      '',
      '| family | label | prompts compared | correct A | correct B | A − B |',
      '|---|---|---|---|---|---|',
    );
    for (const f of c.families.slice(0, 15))
      out.push(
        `| ${f.family} | ${f.label} | ${f.n} | ${f.correctA} | ${f.correctB} | ${f.correctA - f.correctB > 0 ? '+' : ''}${f.correctA - f.correctB} |`,
      );
    if (c.families.length > 15) out.push('', `… ${c.families.length - 15} more families (--json for all)`);
    out.push('');
  }
  if (texts === undefined) out.push('(prompt texts unavailable: the shared datasets could not be read)', '');
  const shown = c.changed.slice(0, max);
  let kind: ChangedPrediction['kind'] | undefined;
  for (const p of shown) {
    if (p.kind !== kind) {
      kind = p.kind;
      out.push(`## ${kind}`, '');
    }
    out.push(
      `- \`${p.id}\` (${p.lang}, ${p.source}${p.hardNegative ? ', hard negative' : ''}): truth **${p.label}**, A **${p.a}**, B **${p.b}**`,
    );
    out.push(`  - scores A: ${scores(p.scoresA)}; B: ${scores(p.scoresB)}`);
    const text = texts?.get(p.id);
    if (text !== undefined) {
      const flat = text.replace(/\s+/g, ' ').trim();
      out.push(`  - > ${flat.length > 400 ? `${flat.slice(0, 400)}…` : flat}`);
    }
  }
  if (c.changed.length > shown.length)
    out.push('', `… ${c.changed.length - shown.length} more (raise --limit, or --json for all)`);
  return `${out.join('\n')}\n`;
}

export function registerCompare(program: Command, ctx: CliContext): void {
  program
    .command('compare')
    .description('Compare two head versions: metrics side by side and the prompts whose label changed.')
    .requiredOption('--model <version>', 'the version under review (A)')
    .option('--against <version>', 'the reference version (B)', 'current')
    .option('--limit <n>', 'changed prompts to print', limit, 50)
    .option('--datasets-dir <dir>', 'public datasets directory')
    .option('--json', 'print the comparison as JSON (every changed prompt, with text)')
    .addHelpText('after', HELP)
    .action(async (opts: { model: string; against: string; limit: number; datasetsDir?: string; json?: boolean }) => {
      const env = loadEnv(ctx.env);
      const log = (m: string) => ctx.stderr.write(`${m}\n`);
      const modelsDir = env.DISTILL_GUARD_MODELS_DIR;
      const sides = [];
      for (const requested of [opts.model, opts.against]) {
        const { version } = await resolveVersion({ modelsDir, version: requested });
        const dir = versionDir(modelsDir, version);
        let [metrics, predictions] = await Promise.all([readMetrics(dir), readPredictions(dir)]);
        if (metrics === undefined || predictions === undefined) {
          log(`${version} has no stored predictions; evaluating it first`);
          await evaluateAndDocument({ modelsDir, version, datasetsDir: opts.datasetsDir, log });
          [metrics, predictions] = await Promise.all([readMetrics(dir), readPredictions(dir)]);
        }
        if (metrics === undefined || predictions === undefined)
          throw new Error(`evaluation of ${version} wrote no predictions`);
        sides.push({ version, metrics, predictions });
      }
      const comparison = compareVersions(sides[0]!, sides[1]!);
      let texts: Map<string, string> | undefined;
      if (comparison.changed.length > 0) {
        try {
          const { loadEvalSet } = await import('../data/load-eval-set.js');
          const wanted = new Set(comparison.changed.map((c) => c.id));
          texts = new Map(
            (await loadEvalSet({ datasetsDir: opts.datasetsDir }))
              .filter((e) => wanted.has(e.id))
              .map((e) => [e.id, e.text]),
          );
        } catch (err) {
          log(`cannot rebuild the evaluation texts: ${(err as Error).message.split('\n')[0]}`);
        }
      }
      if (opts.json) {
        const changed = comparison.changed.map((c) => ({ ...c, text: texts?.get(c.id) ?? null }));
        ctx.stdout.write(`${JSON.stringify({ ...comparison, changed }, null, 2)}\n`);
      } else ctx.stdout.write(render(comparison, texts, opts.limit));
      await ctx.disposeModels();
    });
}
