import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { loadEnv } from '../env.js';
import { collectFeedback } from '../features/feedback/collect.js';
import { createFeedbackStores } from '../features/verdicts/feedback-stores.js';
import { connectRedis } from '../redis/connect.js';
import type { CliContext } from './context.js';

const HELP = `
Writes analysts' feedback (REDIS_URL, ACCOUNT_PREFIX) as training examples, one JSON object a line:
  {"id","text","label","source":"feedback","family","lang","hardNegative","provenance":{...}}
- accounts whose verdict in force is confirmed_attacker: their sampled attack-labelled prompts;
- legitimate accounts: their sampled flagged prompts, as benign hard negatives;
- relabelled prompts: with the analyst's label (the latest relabel of a text wins).
Provenance: analyst, time, account and request id, verdict, the model's label at the time.
A summary with the counts goes to stderr. Train on it with: distill-guard train --feedback FILE

Examples:
  $ distill-guard feedback export --output feedback.jsonl
`;

export function registerFeedback(program: Command, ctx: CliContext): void {
  const feedback = program.command('feedback').description('Analyst feedback (verdicts, relabels) as training data.');
  feedback
    .command('export')
    .description('Export verdict- and relabel-derived training examples as JSONL.')
    .option('-o, --output <file>', 'JSONL output, or - for stdout', '-')
    .addHelpText('after', HELP)
    .action(async (opts: { output: string }) => {
      const env = loadEnv(ctx.env);
      const redis = await connectRedis(env.REDIS_URL, env.REDIS_CLUSTER_NODES);
      try {
        const { examples, counts } = await collectFeedback(createFeedbackStores(redis, env.ACCOUNT_PREFIX));
        const output: Writable = opts.output === '-' ? ctx.stdout : createWriteStream(opts.output);
        for (const e of examples) if (!output.write(`${JSON.stringify(e)}\n`)) await once(output, 'drain');
        if (output !== ctx.stdout) {
          output.end();
          await finished(output);
        }
        ctx.stderr.write(`${JSON.stringify({ exported: counts })}\n`);
        ctx.exitCode = 0;
      } finally {
        await redis.quit();
      }
    });
}
