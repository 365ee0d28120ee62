import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { simulate } from '../features/simulate/simulate.js';
import { positiveInt, type CliContext } from './context.js';

const HELP = `
Writes seeded, deterministic gateway traffic (one event per line, with simulated classifier
labels unless --no-labels) and the truth per account (role, scenario family, campaign id).
Families and parameters: docs/simulator.md.

Examples:
  $ distill-guard simulate --output history.jsonl --truth truth.json --seed 7 --accounts 200 --days 7
`;

export function registerSimulate(program: Command, ctx: CliContext): void {
  program
    .command('simulate')
    .description('Generate simulated mixed account traffic (legitimate and attack scenario families).')
    .requiredOption('-o, --output <file>', 'JSONL history to write')
    .requiredOption('-t, --truth <file>', 'truth JSON to write')
    .option('--seed <n>', 'random seed', positiveInt, 1)
    .option('--accounts <n>', 'number of accounts (approximate; campaigns round)', positiveInt, 200)
    .option('--days <n>', 'days of traffic', positiveInt, 7)
    .option('--no-labels', 'omit simulated prompt labels (rescore then runs the real classifier)')
    .addHelpText('after', HELP)
    .action(
      async (opts: {
        output: string;
        truth: string;
        seed: number;
        accounts: number;
        days: number;
        labels: boolean;
      }) => {
        const sim = simulate({ seed: opts.seed, accounts: opts.accounts, days: opts.days, labels: opts.labels });
        const out = createWriteStream(opts.output);
        for (const e of sim.events) if (!out.write(`${JSON.stringify(e)}\n`)) await once(out, 'drain');
        out.end();
        await finished(out);
        await writeFile(opts.truth, `${JSON.stringify(sim.truth, null, 2)}\n`);
        ctx.stderr.write(`simulated ${sim.events.length} events for ${Object.keys(sim.truth).length} accounts\n`);
        ctx.exitCode = 0;
      },
    );
}
