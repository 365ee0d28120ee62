/** Wires the account pipeline into the service: the API's producer side and the in-process worker. */
import type { Redis } from 'ioredis';
import type { Env } from '../env.js';
import type { AccountRoutesDeps } from '../http/routes/events.js';
import type { Logger } from '../logger.js';
import type { StartWorker } from '../service.js';
import { loadAccountModel, type AccountModel } from '../features/aggregate/account-model.js';
import { AccountStates } from '../features/aggregate/account-state.js';
import { keySpace } from '../features/aggregate/redis-keys.js';
import { startAccountWorkers } from './account-workers.js';
import { createEventsProducer } from './events-queue.js';

export function thresholdOverrides(env: Env) {
  return {
    ...(env.ACCOUNT_THRESHOLD_ELEVATED !== undefined ? { elevated: env.ACCOUNT_THRESHOLD_ELEVATED } : {}),
    ...(env.ACCOUNT_THRESHOLD_HIGH !== undefined ? { high: env.ACCOUNT_THRESHOLD_HIGH } : {}),
    ...(env.ACCOUNT_THRESHOLD_CRITICAL !== undefined ? { critical: env.ACCOUNT_THRESHOLD_CRITICAL } : {}),
  };
}

export const loadAccountModelFromEnv = (env: Env): Promise<AccountModel> =>
  loadAccountModel(env.DISTILL_GUARD_MODELS_DIR, thresholdOverrides(env));

export async function createAccountPipeline(ctx: {
  env: Env;
  redis: Redis;
  logger: Logger;
}): Promise<{ routes: AccountRoutesDeps; close(): Promise<void> }> {
  const model = await loadAccountModelFromEnv(ctx.env);
  const producer = createEventsProducer({ connection: ctx.redis, prefix: ctx.env.ACCOUNT_PREFIX });
  const states = new AccountStates(ctx.redis, keySpace(ctx.env.ACCOUNT_PREFIX));
  return {
    routes: { enqueue: (jobs) => producer.enqueue(jobs), states, thresholds: model.thresholds },
    close: () => producer.close(),
  };
}

/** The account workers configured from the environment (used by `serve` and `worker`). */
export async function startAccountWorkersFromEnv(env: Env, redis: Redis, logger: Logger): Promise<{ stop(): Promise<void> }> {
  return startAccountWorkers({
    connection: redis,
    prefix: env.ACCOUNT_PREFIX,
    model: await loadAccountModelFromEnv(env),
    logger,
    concurrency: env.WORKER_CONCURRENCY,
    debounceMs: env.ACCOUNT_DEBOUNCE_MS,
    dedupTtlMs: env.ACCOUNT_DEDUP_TTL_S * 1000,
  });
}

export const startAccountWorker: StartWorker = ({ env, redis, logger }) => startAccountWorkersFromEnv(env, redis, logger);
