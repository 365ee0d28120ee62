import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { loadEnv } from '../env.js';
import { readHistory, scoreAccounts } from '../features/aggregate/offline.js';
import { toRescoreLine } from '../features/aggregate/score-account.js';
import { loadAccountModelFromEnv } from '../queues/account-pipeline.js';
import type { CliContext } from './context.js';

const HELP = `
Scores every account in a gateway history file with the same feature and scoring code as the
worker, as of the last event's time. Lines that carry "labels" are used as labelled; others are
classified with the prompt model (each distinct normalised prompt once). One output line per
account, highest likelihood first:
  {"account_id","likelihood","level","action","cluster_id","requests","label_counts","top_factors"}

Examples:
  $ distill-guard rescore --input history.jsonl --output accounts.jsonl
`;

export function registerRescore(program: Command, ctx: CliContext): void {
  program
    .command('rescore')
    .description('Score accounts offline from a JSONL history of gateway events.')
    .option('-i, --input <file>', 'JSONL history, or - for stdin', '-')
    .option('-o, --output <file>', 'JSONL output, or - for stdout', '-')
    .addHelpText('after', HELP)
    .action(async (opts: { input: string; output: string }) => {
      const env = loadEnv(ctx.env);
      const model = await loadAccountModelFromEnv(env);
      const input: Readable = opts.input === '-' ? ctx.stdin : createReadStream(opts.input);
      let loaded = false;
      try {
        const history = await readHistory(input, {
          maxPromptChars: env.MAX_PROMPT_CHARS,
          batchSize: env.BATCH_MAX_SIZE,
          classifier: () => {
            loaded = true;
            return ctx.loadClassifier({ modelsDir: env.DISTILL_GUARD_MODELS_DIR, version: env.DISTILL_GUARD_MODEL });
          },
        });
        const views = scoreAccounts(history.byAccount, model);
        const output: Writable = opts.output === '-' ? ctx.stdout : createWriteStream(opts.output);
        for (const v of views) if (!output.write(`${JSON.stringify(toRescoreLine(v))}\n`)) await once(output, 'drain');
        if (output !== ctx.stdout) {
          output.end();
          await finished(output);
        }
        ctx.stderr.write(`scored ${views.length} accounts from ${history.events} events (${history.classified} prompts classified) with ${model.version}\n`);
        ctx.exitCode = 0;
      } finally {
        if (loaded) await ctx.disposeModels();
      }
    });
}
