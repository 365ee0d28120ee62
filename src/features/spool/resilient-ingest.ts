/**
 * The gateway path's Redis side, made to survive a Redis outage:
 *
 * - `enqueue` puts labelled events on the queue within a deadline; when Redis fails or is late,
 *   or while older events still wait in the spool (to keep them in order), the events are
 *   appended to the local durable spool instead. A background replayer drains the spool into the
 *   queue when Redis answers again. Enqueueing is idempotent by request id (job id, and the
 *   per-request marker of the account update), so an event both enqueued late and spooled is
 *   counted once.
 * - `briefs` reads the accounts' stored verdicts within the deadline and remembers them; when
 *   Redis does not answer in time it returns the last verdict seen (or the unknown-account one)
 *   marked `stale: true`.
 *
 * Neither call throws because of Redis: the gateway always gets its answer.
 */
import type { AccountBrief } from '../../contracts/accounts.js';
import type { AccountEventJob } from '../../contracts/events.js';
import type { Logger } from '../../logger.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import { UNKNOWN_ACCOUNT } from '../aggregate/account-scores.js';
import { Lru } from '../../util/lru.js';
import type { EventSpool } from './event-spool.js';
import { withDeadline } from './with-deadline.js';

export interface ResilientIngestOptions {
  /** Puts jobs on the queue (the Redis call). */
  enqueue(jobs: AccountEventJob[]): Promise<void>;
  /** Reads stored verdicts (the Redis call). */
  readBriefs(accountIds: readonly string[]): Promise<AccountBrief[]>;
  spool: EventSpool;
  /** Deadline of each Redis call on the request path. */
  timeoutMs: number;
  /** How many accounts' last verdicts are remembered for stale answers. */
  cacheSize: number;
  logger: Logger;
  metrics?: ServiceMetrics;
  /** How often the replayer checks the spool. */
  replayIntervalMs?: number;
  /** Deadline of one replay chunk. */
  replayTimeoutMs?: number;
}

export interface ResilientIngest {
  enqueue(jobs: readonly AccountEventJob[]): Promise<void>;
  briefs(accountIds: readonly string[]): Promise<AccountBrief[]>;
  /** Replays the spool now (resolves when it is empty or a chunk failed). */
  replayNow(): Promise<void>;
  /** Stops the replayer (waits for a chunk in flight); the spool itself is closed by its owner. */
  stop(): Promise<void>;
}

export function createResilientIngest(opts: ResilientIngestOptions): ResilientIngest {
  const { spool, logger, metrics } = opts;
  // The last brief read per account, for answers while Redis is down (reads do not refresh recency).
  const lastKnown = new Lru<string, AccountBrief>(opts.cacheSize);
  let degraded = false;

  const remember = (id: string, brief: AccountBrief) => lastKnown.set(id, brief);

  const noteFailure = (op: string, err: unknown) => {
    metrics?.redisFailures.inc({ op });
    if (!degraded) {
      degraded = true;
      logger.warn(
        { op, err: err instanceof Error ? err.message : String(err) },
        'Redis did not answer on the request path; spooling events and answering with last known account states',
      );
    }
  };

  const toSpool = async (jobs: AccountEventJob[]) => {
    try {
      const outcome = await spool.append(jobs);
      if (outcome === 'full')
        logger.error({ events: jobs.length, requestIds: jobs.map((j) => j.request_id) }, 'spool full: events dropped');
    } catch (err) {
      metrics?.spoolDropped.inc(jobs.length);
      logger.error(
        { err: err instanceof Error ? err.message : String(err), events: jobs.length },
        'spool write failed: events dropped',
      );
    }
  };

  let replaying: Promise<void> | undefined;
  const replayNow = (): Promise<void> => {
    replaying ??= (async () => {
      if (spool.pending() === 0) return;
      try {
        const n = await spool.replay((jobs) =>
          withDeadline(opts.enqueue(jobs), opts.replayTimeoutMs ?? 5000, 'replaying spooled events'),
        );
        if (n > 0) logger.info({ events: n }, 'replayed spooled events into the queue');
        if (degraded && spool.pending() === 0) {
          degraded = false;
          logger.info('Redis answers again; spool drained');
        }
      } catch (err) {
        logger.debug(
          { err: err instanceof Error ? err.message : String(err), pending: spool.pending() },
          'spool replay paused: Redis still unavailable',
        );
      }
    })().finally(() => {
      replaying = undefined;
    });
    return replaying;
  };
  const timer = setInterval(() => void replayNow(), opts.replayIntervalMs ?? 250);
  timer.unref();

  return {
    async enqueue(input) {
      const jobs = [...input];
      if (jobs.length === 0) return;
      if (spool.pending() > 0) {
        await toSpool(jobs);
        return;
      }
      try {
        await withDeadline(opts.enqueue(jobs), opts.timeoutMs, 'enqueue');
      } catch (err) {
        noteFailure('enqueue', err);
        await toSpool(jobs);
      }
    },
    async briefs(accountIds) {
      if (accountIds.length === 0) return [];
      try {
        const briefs = await withDeadline(opts.readBriefs(accountIds), opts.timeoutMs, 'account state read');
        accountIds.forEach((id, i) => remember(id, briefs[i]!));
        return briefs;
      } catch (err) {
        noteFailure('account_state', err);
        metrics?.staleAnswers.inc(accountIds.length);
        return accountIds.map((id) => ({ ...(lastKnown.peek(id) ?? UNKNOWN_ACCOUNT), stale: true }));
      }
    },
    replayNow,
    async stop() {
      clearInterval(timer);
      await replaying;
    },
  };
}
