/**
 * What the queue layer gives the processes above it: the plug-in type of a background worker
 * (`StartWorker`), and the API side of the account and rescore pipelines that the HTTP routes use.
 */
import type { Redis } from 'ioredis';
import type { AccountBrief } from '../../contracts/accounts.js';
import type { AccountEventJob } from '../../contracts/events.js';
import type { RescoreJobStatus, RescoreRunJob } from '../../contracts/rescore.js';
import type { Env } from '../../env.js';
import type { Thresholds } from '../../features/aggregate/account-model.js';
import type { AccountScores } from '../../features/aggregate/account-scores.js';
import type { RequestClaims } from '../../features/aggregate/request-claims.js';
import type { ServiceMetrics } from '../../features/metrics/service-metrics.js';
import type { FeedbackStores } from '../../features/verdicts/feedback-stores.js';
import type { Logger } from '../../logger.js';
import type { PromptClassifier } from '../../models/prompt-classifier.js';

export interface Stoppable {
  stop(): Promise<void>;
}

/** What a background worker shares with the process that starts it. */
export interface WorkerContext {
  env: Env;
  /** Connection with `maxRetriesPerRequest: null`. */
  redis: Redis;
  /** The process's own classifier, when it has one (`serve`): rescore parts of its version use it. */
  classifier?: PromptClassifier;
  logger: Logger;
  metrics?: ServiceMetrics;
}

/** A background worker started with the service (the account pipeline and re-scoring plug in here). */
export type StartWorker = (ctx: WorkerContext) => Promise<Stoppable>;

/** Several background workers started and stopped as one (stopped in reverse order). */
export function combineWorkers(...starters: StartWorker[]): StartWorker {
  return async (ctx) => {
    const started: Stoppable[] = [];
    try {
      for (const start of starters) started.push(await start(ctx));
    } catch (err) {
      for (const w of started.reverse()) await w.stop();
      throw err;
    }
    return {
      async stop() {
        for (const w of [...started].reverse()) await w.stop();
      },
    };
  };
}

/** The account pipeline's API side: what `POST /v1/events` and `GET /v1/accounts` use. */
export interface AccountApi {
  enqueue(jobs: readonly AccountEventJob[]): Promise<void>;
  scores: AccountScores;
  thresholds: Thresholds;
  /** Stored scores for the events answer; defaults to `scores.briefs` (the service passes a deadline-bound, stale-tolerant reader). */
  briefs?: (accountIds: readonly string[]) => Promise<AccountBrief[]>;
  /** Analyst feedback: the verdict in force and the prompt samples are shown on `GET /v1/accounts/:id`. */
  feedback?: FeedbackStores;
  /** Request ids claimed with their content (409 `request_id_conflict` on reuse with other content); absent: not checked. */
  claims?: RequestClaims;
  /** Counts request id checks skipped because Redis did not answer in time. */
  onClaimSkipped?: (err: unknown) => void;
}

/** Re-scoring's API side: what `POST /v1/rescore` and `GET /v1/jobs/:id` use. */
export interface RescoreApi {
  submit(runId: string, data: RescoreRunJob): Promise<void>;
  status(runId: string): Promise<RescoreJobStatus | undefined>;
  /** A head version or `current` → the concrete version (400 `model_not_found` when unknown). */
  resolveModel(version: string | undefined): Promise<string>;
  /** The only directory the API reads and writes: uploads and default outputs go to `<dataDir>/rescore/<run id>/`. */
  dataDir: string;
  maxUploadBytes: number;
}
