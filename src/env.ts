import path from 'node:path';
import { z } from 'zod';
import { invalidConfig, issuesToDetails } from './errors.js';
import { packageRoot } from './util/package-root.js';

/** `<package root>/models`, found from this module's location (src/ or dist/), not from the working directory. */
export const DEFAULT_MODELS_DIR = path.join(packageRoot(), 'models');

/** Unset and empty variables both fall back to the default. */
const unsetIfEmpty = (value: unknown): unknown => (value === '' ? undefined : value);

const int = (min: number, max: number, fallback: number) =>
  z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: `expected an integer between ${min} and ${max}` })
      .int({ error: `expected an integer between ${min} and ${max}` })
      .min(min, { error: `expected an integer between ${min} and ${max}` })
      .max(max, { error: `expected an integer between ${min} and ${max}` })
      .default(fallback),
  );

const str = (fallback: string) => z.preprocess(unsetIfEmpty, z.string().min(1).default(fallback));

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const EnvSchema = z.object({
  PORT: int(0, 65535, 8080),
  HOST: str('127.0.0.1'),
  REDIS_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^rediss?:\/\//, { error: 'expected a redis:// or rediss:// URL' })
      .default('redis://127.0.0.1:6379'),
  ),
  DISTILL_GUARD_MODELS_DIR: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default(DEFAULT_MODELS_DIR)
      .transform((dir) => path.resolve(dir)),
  ),
  DISTILL_GUARD_MODEL: str('current'),
  MAX_BODY_BYTES: int(1, 1024 * 1024 * 1024, 1024 * 1024),
  MAX_PROMPT_CHARS: int(1, 10_000_000, 32_768),
  MAX_BATCH_ITEMS: int(1, 100_000, 64),
  BATCH_MAX_SIZE: int(1, 4096, 32),
  BATCH_MAX_WAIT_MS: int(0, 60_000, 5),
  /** Batches in flight at once: 2 lets the next batch be prepared while the encoder thread runs one. */
  BATCH_MAX_CONCURRENT: int(1, 64, 2),
  /** Account pipeline: Redis key prefix (BullMQ queues live under `<prefix>:bull`). */
  ACCOUNT_PREFIX: z.preprocess(unsetIfEmpty, z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).default('dg')),
  EVENTS_MAX_BATCH: int(1, 10_000, 100),
  ACCOUNT_DEBOUNCE_MS: int(10, 60_000, 900),
  ACCOUNT_DEDUP_TTL_S: int(60, 30 * 86_400, 6 * 3600),
  WORKER_CONCURRENCY: int(1, 10_000, 200),
  /** Likelihood thresholds for elevated/high/critical; unset uses the account model's own. */
  ACCOUNT_THRESHOLD_ELEVATED: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(1).optional()),
  ACCOUNT_THRESHOLD_HIGH: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(1).optional()),
  ACCOUNT_THRESHOLD_CRITICAL: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(1).optional()),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? unsetIfEmpty(v.toLowerCase()) : v),
    z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
});

export type Env = z.infer<typeof EnvSchema>;

/**
 * Reads the configuration from environment variables (all optional, see defaults above).
 * Throws one AppError `invalid_config` naming every bad variable and the value it had.
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const picked = Object.fromEntries(Object.keys(EnvSchema.shape).map((key) => [key, source[key]]));
  const result = EnvSchema.safeParse(picked);
  if (result.success) return result.data;
  const details = issuesToDetails(result.error.issues);
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    return `  ${key}=${JSON.stringify(source[key] ?? '')}: ${issue.message}`;
  });
  throw invalidConfig(`Invalid configuration:\n${lines.join('\n')}`, details);
}
