import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { loadEnv } from '../env.js';
import { PARENT_PID_VARIABLE } from './parent-watch.js';
import { AppError } from '../errors.js';
import { createLogger } from '../logger.js';
import { resolveVersion } from '../models/registry.js';
import { loadAccountModelFromEnv } from '../features/aggregate/account-model-env.js';
import { createPartProducer } from '../queues/producers/rescore-parts.js';
import { connectRedis } from '../redis/connect.js';
import { runRescore } from '../features/rescore/run-rescore.js';
import { formatSummary } from '../features/rescore/summary.js';
import { writeRescoreLines } from '../features/rescore/output-file.js';
import { positiveInt, type CliContext } from './context.js';
import { createProgress } from './progress.js';
import { registerRescoreWorker, startCliRescoreWorker } from './rescore-worker.js';

const HELP = `
Re-scores every account in a gateway history (JSONL, or gzip JSONL) with the same feature and
scoring code as the live workers, as of the last event's time. One output line per account,
highest likelihood first:
  {"account_id","likelihood","level","action","cluster_id","requests","label_counts","top_factors"}

The input is cut into chunks that run as jobs on Redis (REDIS_URL, under ACCOUNT_PREFIX):
this process works on them, and so do --workers extra processes and any "distill-guard
rescore-worker" started against the same Redis. The output does not depend on how many.
Lines that carry "labels" are used as labelled unless --relabel; other prompts are labelled by
the prompt model, each distinct prompt once (label cache in Redis and in memory).

Malformed lines are reported on stderr as "line N: <reason>" (the first 20) and counted; every
good line is still used, and the command exits with code 2. An input that is not JSONL at all
stops at once. Ctrl-C or SIGTERM (or a crash) keeps every committed chunk: run again with --resume.

Examples:
  $ distill-guard rescore --input history.jsonl --output accounts.jsonl
  $ distill-guard rescore -i history.jsonl.gz -o accounts.jsonl --clusters clusters.jsonl --workers 2
  $ distill-guard rescore -i history.jsonl -o accounts.jsonl --resume
`;

interface RescoreOptions {
  input: string;
  output: string;
  clusters?: string;
  model?: string;
  resume?: boolean;
  workers: number;
  encoderThreads?: number;
  chunkLines: number;
  cache: boolean;
  prescreen: boolean;
  relabel?: boolean;
}

/** Where a run's id is kept so --resume finds it: next to the output. */
const stateFile = (output: string) => `${output}.rescore-run.json`;

export function registerRescore(program: Command, ctx: CliContext): void {
  program
    .command('rescore')
    .description('Re-score accounts from a JSONL history of gateway events (chunked, parallel, resumable).')
    .requiredOption('-i, --input <file>', 'JSONL history (plain or gzip)')
    .option('-o, --output <file>', 'accounts JSONL output, or - for stdout', '-')
    .option('--clusters <file>', "clusters.jsonl: fills each account's cluster_id and cluster score")
    .option('--model <version>', 'prompt head version (default: DISTILL_GUARD_MODEL, current)')
    .option('--resume', 'continue the interrupted run for this output from its last committed chunk')
    .option('--workers <n>', 'worker processes in total, this one included', positiveInt, 1)
    .option(
      '--encoder-threads <n>',
      'encoder threads in each worker process (default: cores / --workers); 1 makes each process one core of work',
      positiveInt,
    )
    .option('--chunk-lines <n>', 'lines per chunk job', positiveInt, 2000)
    .option('--no-cache', 'classify every prompt (no label cache): to measure what the cache saves')
    .option(
      '--no-prescreen',
      'send every prompt to the encoder (no lexical pre-screen): to measure what it saves or costs',
    )
    .option('--relabel', 'classify prompts even when lines carry labels')
    .addHelpText('after', HELP)
    .action(async (opts: RescoreOptions) => {
      ctx.exitCode = await rescoreCommand(opts, ctx);
    });
  registerRescoreWorker(program, ctx);
}

async function rescoreCommand(opts: RescoreOptions, ctx: CliContext): Promise<number> {
  const env = loadEnv(ctx.env);
  if (opts.resume === true && opts.output === '-')
    throw new AppError(400, 'invalid_request', '--resume needs --output <file> (the run id is kept next to it)');
  await stat(opts.input).catch((err: Error) => {
    throw new AppError(400, 'input_not_found', `cannot read ${opts.input}: ${err.message}`);
  });
  const { modelsDir, version } = await resolveVersion({
    modelsDir: env.DISTILL_GUARD_MODELS_DIR,
    version: opts.model ?? env.DISTILL_GUARD_MODEL,
  });
  const accountModel = await loadAccountModelFromEnv(env);
  const runId = await pickRunId(opts, ctx);
  const threads = opts.encoderThreads ?? Math.max(1, Math.floor(os.availableParallelism() / opts.workers));
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const redis = await connectRedis(env.REDIS_URL, env.REDIS_CLUSTER_NODES);
  const queue = createPartProducer({ connection: redis, prefix: env.ACCOUNT_PREFIX });
  const worker = await startCliRescoreWorker(ctx, env, { redis, logger, modelsDir, encoderThreads: threads });
  const children = spawnWorkers(opts.workers - 1, threads, ctx);
  // Ctrl-C or a SIGTERM (a supervisor, `docker stop`) stops the run after the chunks in flight, and
  // the worker processes with it; a second signal ends the process at once.
  const abort = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy = signal;
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const totalBytes = (await stat(opts.input)).size;
  const progress = createProgress({ stream: ctx.stderr, totalBytes });
  try {
    const result = await runRescore(
      { redis, prefix: env.ACCOUNT_PREFIX, queue, accountModel },
      {
        runId,
        input: opts.input,
        outputName: opts.output,
        write: (lines) => writeRescoreLines(opts.output === '-' ? ctx.stdout : opts.output, lines),
        ...(opts.clusters !== undefined ? { clusters: opts.clusters } : {}),
        model: version,
        lineLabels: opts.relabel !== true,
        cache: opts.cache,
        prescreen: opts.prescreen,
        partLines: opts.chunkLines,
        maxAhead: 4 * opts.workers + 4,
        dedupWindowMs: env.ACCOUNT_DEDUP_TTL_S * 1000,
        resume: opts.resume === true,
        signal: abort.signal,
        onProgress: (p) => progress.update(p.lines, p.bytes),
        onLineErrors: (errors) => {
          progress.clear();
          for (const e of errors) ctx.stderr.write(`line ${e.line}: ${e.reason}\n`);
        },
      },
    );
    progress.done();
    if (opts.output !== '-') await rm(stateFile(opts.output), { force: true });
    ctx.stderr.write(`${formatSummary(result.summary)}\n`);
    if (result.summary.malformed > result.errors.length)
      ctx.stderr.write(
        `(${result.summary.malformed} malformed lines in all; the first ${result.errors.length} are listed above)\n`,
      );
    return result.summary.malformed > 0 ? 2 : 0;
  } catch (err) {
    progress.done();
    if (err instanceof AppError && err.code === 'interrupted') {
      ctx.stderr.write(
        `interrupted: committed chunks are kept; continue with\n  distill-guard rescore --input ${opts.input} --output ${opts.output} --resume\n`,
      );
      return stoppedBy === 'SIGTERM' ? 143 : 130;
    }
    throw err;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? once(c, 'exit') : undefined)));
    await worker.stop();
    await queue.close();
    await redis.quit();
    if (worker.loaded()) await ctx.disposeModels();
  }
}

/** A fresh run id (kept next to the output), or with --resume the one kept there. */
async function pickRunId(opts: RescoreOptions, ctx: CliContext): Promise<string> {
  if (opts.output !== '-' && opts.resume === true) {
    try {
      const kept = JSON.parse(await readFile(stateFile(opts.output), 'utf8')) as { run_id?: unknown; input?: unknown };
      if (typeof kept.run_id === 'string' && kept.input === path.resolve(opts.input)) return kept.run_id;
    } catch {
      // nothing to resume
    }
    ctx.stderr.write(`no interrupted run of ${opts.input} for ${opts.output}; starting from the beginning\n`);
  }
  const runId = `r${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  if (opts.output !== '-')
    await writeFile(stateFile(opts.output), `${JSON.stringify({ run_id: runId, input: path.resolve(opts.input) })}\n`);
  return runId;
}

/** Extra worker processes: this CLI with `rescore-worker`, stopped when the run ends. */
function spawnWorkers(count: number, threads: number, ctx: CliContext): ChildProcess[] {
  const script = process.argv[1];
  if (count <= 0 || script === undefined) return [];
  return Array.from({ length: count }, () => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, script, 'rescore-worker', '--encoder-threads', String(threads)],
      {
        // Workers stop by themselves if this process dies without stopping them (parent-watch.ts).
        env: { ...process.env, ...ctx.env, [PARENT_PID_VARIABLE]: String(process.pid) },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child.on('error', (err) => ctx.stderr.write(`rescore-worker: ${err.message}\n`));
    return child;
  });
}
