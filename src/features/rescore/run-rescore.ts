/**
 * One re-scoring run, coordinated from one process: the input is streamed and cut into parts,
 * each part is stored in Redis and queued as a job that any rescore worker (this process or
 * others) turns into a committed result; results are merged strictly in part order, so the
 * output is the same whatever the number of workers or the order they finish in. The number of
 * parts in flight is bounded, so memory does not grow with the input.
 *
 * Resuming (same run id): parts already committed are neither re-sent nor re-processed, only
 * merged again from their stored results; a part whose job died is re-queued under the same id.
 */
import type { Redis } from 'ioredis';
import type { RescorePartJob, RescoreSummary } from '../../contracts/rescore.js';
import { AppError } from '../../errors.js';
import type { AccountView, RescoreLine } from '../../contracts/accounts.js';
import type { AccountModel } from '../aggregate/account-model.js';
import { scoreSummary, toRescoreLine } from '../aggregate/score-account.js';
import { AccountReducer } from './account-reducer.js';
import { addStats, decodePartResult, emptyStats, type LineError } from './part-result.js';
import { clusterFor, readClusterMembership, type ClusterMembership } from './cluster-membership.js';
import { openInput, readParts, type OpenedInput } from './input.js';
import { RUN_TTL_S, runKeys } from './run-keys.js';
import { buildSummary } from './summary.js';

export interface PartQueue {
  /** Queues a part (idempotent per run and index; a failed job of the same part is retried). */
  add(job: RescorePartJob): Promise<void>;
  /** Why the part's job failed for good, or undefined while it may still succeed. */
  failure(run: string, index: number): Promise<string | undefined>;
}

export interface RescoreProgress {
  bytes: number;
  totalBytes: number | undefined;
  lines: number;
  events: number;
  malformed: number;
  partsDone: number;
  partsTotal: number | undefined;
}

export interface RescoreRunOptions {
  runId: string;
  input: string;
  /** Receives the output lines, highest likelihood first. */
  write: (lines: AsyncIterable<RescoreLine> | Iterable<RescoreLine>) => Promise<void>;
  /** Describes the output in the run's meta (a path). */
  outputName: string;
  clusters?: string;
  /** Every file of the run must lie in this directory when opened (runs submitted over HTTP: DATA_DIR). */
  root?: string;
  /** Resolved prompt head version. */
  model: string;
  lineLabels?: boolean;
  cache?: boolean;
  /** Clear prompts the lexical pre-screen finds clearly benign without the encoder (default true). */
  prescreen?: boolean;
  partLines?: number;
  /** Parts queued ahead of the merge (bounds memory and Redis). */
  maxAhead?: number;
  /** Malformed lines listed (all are counted). */
  maxErrors?: number;
  dedupWindowMs: number;
  /** Continue the run's committed parts instead of starting over. */
  resume?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: RescoreProgress) => void;
  onLineErrors?: (errors: readonly LineError[]) => void;
}

export interface RescoreRunDeps {
  redis: Redis;
  prefix: string;
  queue: PartQueue;
  accountModel: AccountModel;
  now?: () => number;
}

export interface RescoreResult {
  summary: RescoreSummary;
  errors: LineError[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const interrupted = (): AppError =>
  new AppError(499, 'interrupted', 'The run was interrupted; committed chunks are kept for --resume.');

export async function runRescore(deps: RescoreRunDeps, opts: RescoreRunOptions): Promise<RescoreResult> {
  const now = deps.now ?? Date.now;
  const { redis } = deps;
  const keys = runKeys(deps.prefix, opts.runId);
  const partLines = opts.partLines ?? 2000;
  const maxAhead = opts.maxAhead ?? 8;
  const maxErrors = opts.maxErrors ?? 20;
  const started = now();
  const prior = await redis.hgetall(keys.meta);
  if (opts.resume !== true || prior.state === undefined) {
    await redis.del(keys.meta, keys.done);
  } else if (
    (prior.chunk_lines !== undefined && Number(prior.chunk_lines) !== partLines) ||
    (prior.input !== undefined && prior.input !== opts.input)
  ) {
    throw new AppError(
      409,
      'resume_mismatch',
      `run ${opts.runId} was started on ${prior.input} with ${prior.chunk_lines}-line chunks; start a new run instead`,
    );
  }
  await redis
    .multi()
    .hset(keys.meta, {
      state: 'running',
      input: opts.input,
      output: opts.outputName,
      model: opts.model,
      chunk_lines: partLines,
      created_at: prior.created_at ?? new Date(started).toISOString(),
      started_ms: started,
      error: '',
    })
    .hdel(keys.meta, 'summary', 'finished_at', 'chunks_total')
    .expire(keys.meta, RUN_TTL_S)
    .exec();

  /** Records why the run stopped in its meta (the status `GET /v1/jobs/:id` reports). */
  const recordFailure = async (err: unknown) => {
    const e = err instanceof AppError ? err : new AppError(500, 'internal_error', (err as Error).message);
    await redis
      .hset(keys.meta, {
        state: e.code === 'interrupted' ? 'interrupted' : 'failed',
        error: JSON.stringify({ code: e.code, message: e.message }),
        finished_at: new Date(now()).toISOString(),
      })
      .catch(() => undefined);
  };
  let opened: OpenedInput | undefined;
  let membership: ClusterMembership | undefined;
  try {
    opened = await openInput(opts.input, opts.root);
    if (opened.totalBytes !== undefined) await redis.hset(keys.meta, 'total_bytes', opened.totalBytes);
    if (opts.clusters !== undefined) membership = await readClusterMembership(opts.clusters, opts.root);
  } catch (err) {
    opened?.stream.destroy();
    await recordFailure(err);
    throw err;
  }
  const input = opened;
  const reducer = new AccountReducer(opts.dedupWindowMs);
  const stats = emptyStats();
  const errors: LineError[] = [];
  let merged = 0;
  let mergedBytes = 0;
  let total: number | undefined;
  const committed = new Set((await redis.smembers(keys.done)).map(Number));

  const progress = (): RescoreProgress => ({
    bytes: mergedBytes,
    totalBytes: input.totalBytes,
    lines: stats.lines,
    events: stats.events,
    malformed: stats.malformed,
    partsDone: merged,
    partsTotal: total,
  });

  const mergeNext = async () => {
    let wait = 5;
    let checked = now();
    let buf: Buffer | null;
    for (;;) {
      if (opts.signal?.aborted === true) throw interrupted();
      buf = await redis.getBuffer(keys.output(merged));
      if (buf !== null) break;
      if (now() - checked > 1000) {
        checked = now();
        const reason = await deps.queue.failure(opts.runId, merged);
        if (reason !== undefined) throw new AppError(500, 'chunk_failed', `chunk ${merged} failed: ${reason}`);
      }
      await sleep(wait);
      wait = Math.min(100, wait * 2);
    }
    const part = decodePartResult(buf);
    for (const e of part.events) reducer.add(e);
    reducer.pruneSeen();
    addStats(stats, part.stats);
    const room = maxErrors - errors.length;
    if (room > 0 && part.errors.length > 0) {
      const shown = part.errors.slice(0, room);
      errors.push(...shown);
      opts.onLineErrors?.(shown);
    }
    merged += 1;
    mergedBytes = part.bytes;
    await redis.hset(keys.meta, {
      chunks_done: merged,
      bytes_done: mergedBytes,
      lines: stats.lines,
      events: stats.events,
      malformed: stats.malformed,
      errors: JSON.stringify(errors),
      updated_ms: now(),
    });
    opts.onProgress?.(progress());
  };

  try {
    let count = 0;
    for await (const part of readParts(input, partLines)) {
      if (opts.signal?.aborted === true) throw interrupted();
      count = part.index + 1;
      if (!committed.has(part.index)) {
        await redis.set(keys.input(part.index), part.lines.join('\n'), 'EX', RUN_TTL_S);
        await deps.queue.add({
          run: opts.runId,
          index: part.index,
          firstLine: part.firstLine,
          bytes: part.bytes,
          model: opts.model,
          lineLabels: opts.lineLabels ?? true,
          cache: opts.cache ?? true,
          prescreen: opts.prescreen ?? true,
        });
      }
      while (count - merged > maxAhead) await mergeNext();
    }
    total = count;
    await redis.hset(keys.meta, 'chunks_total', total);
    while (merged < total) await mergeNext();

    const end = reducer.now;
    const views: AccountView[] = [];
    for (const s of reducer.summaries(end)) {
      const view = scoreSummary(s, end, deps.accountModel, clusterFor(membership, s.accountId));
      views.push(view);
    }
    views.sort((a, b) => b.likelihood - a.likelihood || (a.account_id < b.account_id ? -1 : 1));
    await opts.write(views.map(toRescoreLine));
    const summary = buildSummary({
      views,
      stats,
      duplicates: reducer.duplicates,
      parts: total,
      resumedParts: committed.size,
      durationMs: now() - started,
      model: stats.lookups > 0 ? opts.model : null,
      accountModel: deps.accountModel.version,
    });
    const finishedAt = new Date(now()).toISOString();
    const cleanup = redis
      .multi()
      .hset(keys.meta, { state: 'completed', summary: JSON.stringify(summary), finished_at: finishedAt })
      .del(keys.done);
    for (let i = 0; i < total; i++) cleanup.del(keys.output(i), keys.input(i));
    await cleanup.exec();
    return { summary, errors };
  } catch (err) {
    await recordFailure(err);
    throw err;
  } finally {
    input.stream.destroy();
  }
}
