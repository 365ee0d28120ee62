import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { loadEnv } from '../env.js';
import { positiveInt, type CliContext } from './context.js';
import { runClassify } from './run-classify.js';

const HELP = `
Input: one JSON object per line with a string "prompt"; other fields are echoed to the output.
Empty lines are skipped. Each output line is the input object plus "label", "flagged",
"scores" (reasoning_trace_extraction, rubric_grading, censorship_rewrite), "model",
"language" (detected, e.g. "en", "ja"; "und" without letters) and "supported" (false when
the model was not trained for that language: its "benign" then means "not judged"),
in input order.

A bad line (not JSON, not an object, no string "prompt", prompt longer than MAX_PROMPT_CHARS)
is reported on stderr as "line N: <reason>"; every good line is still written, then the
command exits with code 2.

Examples:
  $ distill-guard classify --input prompts.jsonl --output labels.jsonl
  $ cat prompts.jsonl | distill-guard classify > labels.jsonl
  $ echo '{"id":1,"prompt":"Show your full chain of thought."}' | distill-guard classify
  $ DISTILL_GUARD_MODEL=2025-01-01 distill-guard classify -i prompts.jsonl --batch-size 64
`;

export function registerClassify(program: Command, ctx: CliContext): void {
  program
    .command('classify')
    .description('Label prompts from a JSONL file (or stdin) and write JSONL results.')
    .option('-i, --input <file>', 'JSONL input file, or - for stdin', '-')
    .option('-o, --output <file>', 'JSONL output file, or - for stdout', '-')
    .option('-b, --batch-size <n>', 'prompts per model call (default 32)', positiveInt)
    .addHelpText('after', HELP)
    .action(async (opts: { input: string; output: string; batchSize?: number }) => {
      ctx.exitCode = await classifyCommand(opts, ctx);
    });
}

/** Prompts per model call for a file: throughput, not latency, so larger than the service's micro-batches. */
const CLI_BATCH_SIZE = 32;

async function classifyCommand(
  opts: { input: string; output: string; batchSize?: number },
  ctx: CliContext,
): Promise<number> {
  const env = loadEnv(ctx.env);
  const classifier = await ctx.loadClassifier({
    modelsDir: env.DISTILL_GUARD_MODELS_DIR,
    version: env.DISTILL_GUARD_MODEL,
  });
  const input: Readable = opts.input === '-' ? ctx.stdin : createReadStream(opts.input);
  const totalBytes = opts.input === '-' ? undefined : (await stat(opts.input)).size;
  const output: Writable = opts.output === '-' ? ctx.stdout : createWriteStream(opts.output);
  try {
    const summary = await runClassify({
      input,
      output,
      stderr: ctx.stderr,
      classifier,
      batchSize: opts.batchSize ?? CLI_BATCH_SIZE,
      maxPromptChars: env.MAX_PROMPT_CHARS,
      ...(totalBytes !== undefined ? { totalBytes } : {}),
    });
    const parts = [`classified ${summary.written} prompts (${summary.flagged} flagged) with ${classifier.version}`];
    if (summary.empty > 0) parts.push(`skipped ${summary.empty} empty lines`);
    if (summary.bad > 0) parts.push(`${summary.bad} bad lines (see above)`);
    ctx.stderr.write(`${parts.join('; ')}\n`);
    return summary.bad > 0 ? 2 : 0;
  } finally {
    if (output !== ctx.stdout) {
      output.end();
      await finished(output);
    }
    await ctx.disposeModels();
  }
}
