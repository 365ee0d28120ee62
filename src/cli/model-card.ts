import type { Command } from 'commander';
import { loadEnv } from '../env.js';
import { writeVersionDocs } from '../features/lifecycle/version-docs.js';
import { resolveVersion } from '../models/registry.js';
import type { CliContext } from './context.js';

const HELP = `
Rewrites a version's MODEL_CARD.md (and metrics.json, when it has been evaluated) from the files
in its directory, without re-running the evaluation. train and eval do this themselves.

Examples:
  $ distill-guard model-card
  $ distill-guard model-card --model head-0123456789
`;

export function registerModelCard(program: Command, ctx: CliContext): void {
  program
    .command('model-card')
    .description("Regenerate a version's MODEL_CARD.md and metrics.json from its stored evaluation.")
    .option('--model <version>', 'head version (default: current)')
    .addHelpText('after', HELP)
    .action(async (opts: { model?: string }) => {
      const env = loadEnv(ctx.env);
      const { version } = await resolveVersion({
        modelsDir: env.DISTILL_GUARD_MODELS_DIR,
        version: opts.model ?? env.DISTILL_GUARD_MODEL,
      });
      const { card, metrics } = await writeVersionDocs(env.DISTILL_GUARD_MODELS_DIR, version);
      if (metrics === undefined)
        ctx.stderr.write(
          `${version} has not been evaluated: the card has no metrics (distill-guard eval --model ${version})\n`,
        );
      ctx.stdout.write(`${card}\n`);
    });
}
