import type { Command } from 'commander';
import { renderMarkdown } from '../eval/report-markdown.js';
import { loadEnv } from '../../src/env.js';
import { resolveVersion } from '../../src/models/registry.js';
import { evaluateAndDocument } from './evaluate-version.js';
import type { CliContext } from '../../src/cli/context.js';

const HELP = `
Scores the fixed evaluation set (held-out test families + hard-negative sources, see
training/eval-set/) with a head version through the service's inference path, beside two
baselines (keyword rules, a guardrail library). Writes eval.json, EVAL.md, predictions.jsonl (per
prompt, no text), metrics.json and MODEL_CARD.md into the model's directory and prints the
Markdown report.

Examples:
  $ distill-guard eval
  $ distill-guard eval --model head-0123456789 --json
`;

export function registerEval(program: Command, ctx: CliContext): void {
  program
    .command('eval')
    .description('Evaluate a prompt-head version on the fixed evaluation set.')
    .option('--model <version>', 'head version (default: current)')
    .option('--datasets-dir <dir>', 'public datasets directory')
    .option('--json', 'print the JSON report instead of Markdown')
    .addHelpText('after', HELP)
    .action(async (opts: { model?: string; datasetsDir?: string; json?: boolean }) => {
      const env = loadEnv(ctx.env);
      const { version } = await resolveVersion({
        modelsDir: env.DISTILL_GUARD_MODELS_DIR,
        version: opts.model ?? env.DISTILL_GUARD_MODEL,
      });
      const report = await evaluateAndDocument({
        modelsDir: env.DISTILL_GUARD_MODELS_DIR,
        version,
        datasetsDir: opts.datasetsDir,
        log: (m) => ctx.stderr.write(`${m}\n`),
      });
      ctx.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderMarkdown(report));
      await ctx.disposeModels();
    });
}
