import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { isAppError } from './errors.js';
import { disposeModels, loadPromptClassifier } from './models/registry.js';
import type { CliContext } from './cli/context.js';
import { registerClassify } from './cli/classify.js';
import { registerServe } from './cli/serve.js';
import { registerRescore } from './cli/rescore.js';
import { registerSimulate } from './cli/simulate.js';
import { registerClusters } from './cli/clusters.js';
import { registerWorker } from './cli/worker.js';
import { registerPromote } from './cli/promote.js';
import { registerModelCard } from './cli/model-card.js';
import { registerFeedback } from './cli/feedback.js';

export type { CliContext };

/** Adds one command (or a group) to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

const HELP = `
Examples:
  $ distill-guard classify --input prompts.jsonl --output labels.jsonl
  $ distill-guard serve --port 8080
  $ distill-guard train --promote
  $ distill-guard eval
  $ distill-guard help classify
`;

function createProgram(ctx: CliContext, extra: readonly RegisterCommand[]): Command {
  const program = new Command('distill-guard')
    .description('Detects distillation attacks on an LLM API by labelling the prompts it receives.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .addHelpText('after', HELP);
  registerClassify(program, ctx);
  registerServe(program, ctx);
  registerWorker(program, ctx);
  registerRescore(program, ctx);
  registerSimulate(program, ctx);
  registerClusters(program, ctx);
  // The training commands (train, eval, compare) live in the training tree; bin/distill-guard.js adds them.
  for (const register of extra) register(program, ctx);
  registerPromote(program, ctx);
  registerModelCard(program, ctx);
  registerFeedback(program, ctx);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI with `argv` (as in `process.argv`) and returns the exit code; `extra` adds commands. */
export async function main(
  argv: readonly string[],
  overrides: Partial<CliContext> = {},
  extra: readonly RegisterCommand[] = [],
): Promise<number> {
  const ctx: CliContext = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    loadClassifier: loadPromptClassifier,
    disposeModels,
    exitCode: 0,
    ...overrides,
  };
  const program = createProgram(ctx, extra);
  try {
    await program.parseAsync([...argv]);
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    ctx.stderr.write(`distill-guard: ${isAppError(err) || err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

// Run directly (tsx src/cli.ts) it has the service commands; bin/distill-guard.js and
// training/cli/main.ts add the training ones.
const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
