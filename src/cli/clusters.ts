import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadEnv } from '../env.js';
import { AppError } from '../errors.js';
import { runClusterPass } from '../features/clusters/cluster-pass.js';
import { readHistoryJobs } from '../features/aggregate/offline.js';
import { createOfflineCollector } from '../features/clusters/offline-nodes.js';
import { loadAccountModelFromEnv } from '../features/aggregate/account-model-env.js';
import type { CliContext } from './context.js';

const HELP = `
Finds coordinated account clusters ("hydra clusters") in a gateway history file with the same
cluster pass the worker runs: account graph from shared identifiers (weighted by how many other,
normal-looking accounts share them), prompt-template overlap and co-activity, then union-find
over strong ties and label propagation over weak ones. Each account's own risk comes from the
account model, as in rescore. Lines with "labels" are used as labelled; others are classified
with the prompt model. One output line per cluster (two or more accounts), highest score first:
  {"cluster_id","score","level","size","members","requests","label_counts","coordination","attack","evidence","timeline"}
cluster_id is a hash of the sorted member list: the same input gives the same clusters.
A malformed input line stops the command with "line N: <reason>" (exit 1).

Examples:
  $ distill-guard clusters --input history.jsonl --output clusters.jsonl
  $ distill-guard clusters -i history.jsonl --min-score 0.6
  $ distill-guard rescore -i history.jsonl -o accounts.jsonl --clusters clusters.jsonl
`;

function unitInterval(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number between 0 and 1');
  return n;
}

export function registerClusters(program: Command, ctx: CliContext): void {
  program
    .command('clusters')
    .description('Find coordinated account clusters in a JSONL history of gateway events (offline).')
    .requiredOption('-i, --input <file>', 'JSONL history of gateway events')
    .option('-o, --output <file>', 'clusters JSONL output, or - for stdout', '-')
    .option('--min-score <x>', 'only write clusters with at least this campaign score', unitInterval, 0)
    .addHelpText('after', HELP)
    .action(async (opts: { input: string; output: string; minScore: number }) => {
      const env = loadEnv(ctx.env);
      await stat(opts.input).catch((err: Error) => {
        throw new AppError(400, 'input_not_found', `cannot read ${opts.input}: ${err.message}`);
      });
      const model = await loadAccountModelFromEnv(env);
      const collector = createOfflineCollector();
      let loaded = false;
      try {
        const read = await readHistoryJobs(createReadStream(opts.input), {
          maxPromptChars: env.MAX_PROMPT_CHARS,
          classifier: () => {
            loaded = true;
            return ctx.loadClassifier({ modelsDir: env.DISTILL_GUARD_MODELS_DIR, version: env.DISTILL_GUARD_MODEL });
          },
          onJob: (job) => collector.add(job),
        });
        const { nodes, values } = collector.finish(model);
        const result = runClusterPass(nodes, { values });
        const clusters = result.clusters.filter((c) => c.score >= opts.minScore);
        const output: Writable = opts.output === '-' ? ctx.stdout : createWriteStream(opts.output);
        for (const c of clusters) if (!output.write(`${JSON.stringify(c)}\n`)) await once(output, 'drain');
        if (output !== ctx.stdout) {
          output.end();
          await finished(output);
        }
        const attack = result.clusters.filter((c) => c.score >= 0.6).length;
        ctx.stderr.write(
          `${clusters.length} clusters written (${attack} with score ≥ 0.6) from ${read.events} events, ${result.stats.accounts} accounts, ${result.stats.pairs} candidate pairs (${read.classified} prompts classified)\n`,
        );
        ctx.exitCode = 0;
      } finally {
        if (loaded) await ctx.disposeModels();
      }
    });
}
