import path from 'node:path';
import { z } from 'zod';
import { invalidConfig, issuesToDetails } from './errors.js';
import { parseClusterNodes, type ClusterNode } from './redis/cluster-nodes.js';
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

/** Encoder specs: USE-lite on onnxruntime or TensorFlow.js, or a local ONNX model directory. */
export const ENCODER_SPEC_PATTERN = /^(use-lite|use-lite:tfjs|onnx:.+)$/;

const ENCODER_SPEC = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .regex(ENCODER_SPEC_PATTERN, {
      error: 'expected use-lite, use-lite:tfjs or onnx:<directory with model.onnx and tokenizer.json>',
    })
    .default('use-lite'),
);

/** The configured encoder alone (the registry reads it; an invalid value is an `invalid_config` error). */
export function encoderSpecFrom(source: Record<string, string | undefined> = process.env): string {
  const result = ENCODER_SPEC.safeParse(source.DISTILL_GUARD_ENCODER);
  if (result.success) return result.data;
  throw invalidConfig(
    `Invalid configuration:\n  DISTILL_GUARD_ENCODER=${JSON.stringify(source.DISTILL_GUARD_ENCODER ?? '')}: ${result.error.issues[0]?.message ?? 'invalid'}`,
    issuesToDetails(result.error.issues.map((i) => ({ ...i, path: ['DISTILL_GUARD_ENCODER'] }))),
  );
}

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
  /**
   * Redis Cluster seed nodes `host:port,host:port,…`: when set, every connection is a cluster
   * connection (REDIS_URL then gives only the password and TLS).
   */
  REDIS_CLUSTER_NODES: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((list, ctx): ClusterNode[] => {
        try {
          return parseClusterNodes(list);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: `expected host:port,host:port,… (${(err as Error).message})` });
          return z.NEVER;
        }
      })
      .optional(),
  ),
  DISTILL_GUARD_MODELS_DIR: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default(DEFAULT_MODELS_DIR)
      .transform((dir) => path.resolve(dir)),
  ),
  DISTILL_GUARD_MODEL: str('current'),
  /** Redis pub/sub channel of model promotions; servers serving `current` follow it and swap models. */
  MODEL_CHANNEL: str('distill-guard:models'),
  /** Sentence encoder: `use-lite` (default, shipped) or `onnx:<dir>` (a local model.onnx + tokenizer.json). */
  DISTILL_GUARD_ENCODER: ENCODER_SPEC,
  MAX_BODY_BYTES: int(1, 1024 * 1024 * 1024, 1024 * 1024),
  MAX_PROMPT_CHARS: int(1, 10_000_000, 32_768),
  MAX_BATCH_ITEMS: int(1, 100_000, 64),
  /**
   * Prompts per micro-batch on the request path. A caller waits for its whole batch, so small
   * batches keep a short prompt from waiting for a long one (BENCHMARKS.md: open-loop p99).
   */
  BATCH_MAX_SIZE: int(1, 4096, 8),
  BATCH_MAX_WAIT_MS: int(0, 60_000, 5),
  /** Micro-batches in flight at once (they share the encoder threads). */
  BATCH_MAX_CONCURRENT: int(1, 64, 4),
  /** Encoder threads on the request path; 0 (default): one per available core. */
  ENCODER_THREADS: int(0, 64, 0),
  /** onnxruntime threads inside each encoder thread's graph execution. */
  ENCODER_INTRA_OP_THREADS: int(1, 64, 1),
  /** Chunk vectors kept in the chunk embedding cache (0: no cache). */
  ENCODER_CACHE_ENTRIES: int(0, 10_000_000, 10_000),
  /** Account pipeline: Redis key prefix (BullMQ queues live under `<prefix>:bull`). */
  ACCOUNT_PREFIX: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .default('dg'),
  ),
  EVENTS_MAX_BATCH: int(1, 10_000, 100),
  /** Oldest event time `POST /v1/events` accepts, in seconds before the server clock (older: 400 `timestamp_out_of_range`). */
  EVENTS_MAX_AGE_S: int(1, 365 * 86_400, 30 * 86_400),
  /** Furthest event time `POST /v1/events` accepts, in seconds after the server clock. */
  EVENTS_MAX_SKEW_S: int(0, 86_400, 300),
  ACCOUNT_DEBOUNCE_MS: int(10, 60_000, 900),
  ACCOUNT_DEDUP_TTL_S: int(60, 30 * 86_400, 6 * 3600),
  WORKER_CONCURRENCY: int(1, 10_000, 200),
  /** Likelihood thresholds for elevated/high/critical; unset uses the account model's own. */
  ACCOUNT_THRESHOLD_ELEVATED: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(1).optional()),
  ACCOUNT_THRESHOLD_HIGH: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(1).optional()),
  ACCOUNT_THRESHOLD_CRITICAL: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(1).optional()),
  /** Sign-up paths of contract accounts, capped at elevated/monitor unless an analyst confirms an attack (comma-separated; `none` for no such path). */
  ACCOUNT_CONTRACT_SIGNUP_PATHS: z.preprocess(unsetIfEmpty, z.string().default('enterprise')),
  /** API keys `role:key,role:key` (roles gateway, analyst, admin; `role:sha256:<hex>` for a hashed key). */
  DISTILL_GUARD_API_KEYS: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** A file of API keys, one `role:key` per line; re-read when it changes. */
  DISTILL_GUARD_API_KEYS_FILE: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** Requests per second per key, by role (burst: two seconds' worth); 0 = unlimited. */
  RATE_LIMIT_GATEWAY_RPS: int(0, 1_000_000, 5000),
  RATE_LIMIT_ANALYST_RPS: int(0, 1_000_000, 50),
  RATE_LIMIT_ADMIN_RPS: int(0, 1_000_000, 50),
  /** Failed authentications (a key that is not valid) allowed per source address and minute; beyond: 429. 0 = unlimited. */
  AUTH_FAILURES_PER_MIN: int(0, 1_000_000, 60),
  /** Deepest JSON nesting a request body may have (400 `json_too_deep` above). */
  MAX_JSON_DEPTH: int(2, 1000, 16),
  /** Deadline of each Redis call on the `POST /v1/events` path; late → spool + last known state. */
  REDIS_REQUEST_TIMEOUT_MS: int(1, 60_000, 50),
  /** Local durable spool for events that could not be enqueued (one directory per process). */
  SPOOL_DIR: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default(path.join(packageRoot(), 'var', 'spool'))
      .transform((dir) => path.resolve(dir)),
  ),
  SPOOL_MAX_BYTES: int(4096, 64 * 1024 * 1024 * 1024, 256 * 1024 * 1024),
  /** Accounts whose last verdict is remembered for answers while Redis is down. */
  ACCOUNT_CACHE_SIZE: int(0, 10_000_000, 100_000),
  /** Lock duration of queue jobs: a job of a killed worker is retried by another after about this long. */
  WORKER_LOCK_MS: int(1000, 600_000, 30_000),
  /** Cluster pass: repeat every this many seconds (0: on demand only) over the last CLUSTER_WINDOW_H hours. */
  CLUSTER_INTERVAL_S: int(0, 86_400, 300),
  CLUSTER_WINDOW_H: int(1, 24 * 7, 24 * 7),
  /**
   * Cluster pass: 1 runs each pass whole in one worker; 2–16 runs it as a BullMQ flow over that
   * many shards of accounts (= partitions of blocking keys), whose steps every worker process
   * takes part in. Same clusters either way (docs/clusters.md, "Partitioned pass").
   */
  CLUSTER_SHARDS: int(1, 16, 1),
  /** Upper bound on a graceful shutdown. */
  SHUTDOWN_TIMEOUT_MS: int(1000, 600_000, 4_000),
  /**
   * The lexical pre-screen on the request path: `on` answers prompts the lexical path finds
   * clearly benign without the encoder (see docs/prescreen.md); `off` sends every prompt to it.
   */
  DISTILL_GUARD_PRESCREEN: z.preprocess(unsetIfEmpty, z.enum(['on', 'off']).default('on')),
  /**
   * `POST /v1/classify` and `/v1/moderations` served by a fast path in front of Express (the same
   * guards, without the router); `off` sends them through Express like every other route.
   */
  HTTP_FAST_PATH: z.preprocess(unsetIfEmpty, z.enum(['on', 'off']).default('on')),
  /** Who may read `/metrics`: `public` (like /healthz) or `admin`. */
  METRICS_ACCESS: z.preprocess(unsetIfEmpty, z.enum(['public', 'admin']).default('public')),
  /** The only directory the HTTP API reads or writes files in: rescore uploads and outputs go to `<DATA_DIR>/rescore/<job id>/`. */
  DATA_DIR: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default(path.join(packageRoot(), 'var', 'data'))
      .transform((dir) => path.resolve(dir)),
  ),
  RESCORE_MAX_UPLOAD_BYTES: int(1, 1024 * 1024 * 1024 * 1024, 10 * 1024 * 1024 * 1024),
  /**
   * V8 old-generation limit (MiB) the launcher starts `rescore` and `rescore-worker` with (0, the
   * default: Node's own; src/cli/heap-bound.ts, docs/rescore.md).
   */
  RESCORE_HEAP_MIB: int(0, 1_048_576, 0).refine((mib) => mib === 0 || mib >= 64, {
    error: 'expected 0 (no limit) or an integer between 64 and 1048576',
  }),
  /**
   * Set on a process that another distill-guard process started and is responsible for stopping (the
   * launcher's restarted command, a re-scoring run's worker processes): that parent's pid, so this
   * process stops as on SIGTERM if the parent dies without stopping it (0: no such parent;
   * src/cli/parent-watch.ts).
   */
  DISTILL_GUARD_PARENT_PID: int(0, 2 ** 31 - 1, 0),
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
