/**
 * The service's Prometheus metrics, on a registry of their own (not prom-client's global one) so
 * several apps can live in one process. Gauges that mirror outside state (queue depths, model
 * version, spool size) are read at scrape time through `setSource` callbacks.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EncoderCacheStats } from '../../models/cached-encoder.js';

export interface QueueDepths {
  /** Job counts by state for each queue, e.g. `{ 'account-events': { waiting: 3, active: 1 } }`. */
  (): Promise<Record<string, Record<string, number>>>;
}

export interface SpoolGauges {
  events: number;
  bytes: number;
  maxBytes: number;
  full: boolean;
}

export interface ServiceMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  httpErrors: Counter<'route' | 'code'>;
  authFailures: Counter<'reason'>;
  rateLimited: Counter<'key_id'>;
  redisFailures: Counter<'op'>;
  staleAnswers: Counter;
  spoolAppended: Counter;
  spoolReplayed: Counter;
  spoolDropped: Counter;
  deadLettered: Counter<'queue'>;
  /** Prompts classified on the request path, by how: `prescreen` (lexical only) or `encoder`. */
  promptsClassified: Counter<'path'>;
  /** Where scrape-time gauges read from; each may be set once the part it describes exists. */
  setSource(source: Partial<MetricSources>): void;
}

export interface MetricSources {
  modelVersion: () => string;
  queueDepths: QueueDepths;
  spool: () => SpoolGauges;
  encoderCache: () => Promise<EncoderCacheStats | null>;
}

const PREFIX = 'distill_guard_';

/** Latency buckets (seconds) spanning the gateway's 50 ms deadline in fine steps. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createServiceMetrics(opts: { defaultMetrics?: boolean } = {}): ServiceMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const sources: Partial<MetricSources> = {};
  const registers = [registry];

  const modelInfo = new Gauge({
    name: `${PREFIX}model_info`,
    help: 'The prompt head version being served (value 1).',
    labelNames: ['version'],
    registers,
    collect() {
      this.reset();
      if (sources.modelVersion !== undefined) this.set({ version: sources.modelVersion() }, 1);
    },
  });
  const queueJobs = new Gauge({
    name: `${PREFIX}queue_jobs`,
    help: 'Jobs per queue and state (read from Redis at scrape time; absent when Redis does not answer).',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      this.reset();
      if (sources.queueDepths === undefined) return;
      try {
        const depths = await sources.queueDepths();
        for (const [queue, counts] of Object.entries(depths)) {
          for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
        }
      } catch {
        // Redis unavailable: the scrape still succeeds, without queue depths.
      }
    },
  });
  const spoolGauge = (name: string, help: string, pick: (s: SpoolGauges) => number) =>
    new Gauge({
      name: `${PREFIX}${name}`,
      help,
      registers,
      collect() {
        if (sources.spool !== undefined) this.set(pick(sources.spool()));
      },
    });
  spoolGauge('spool_events', 'Events in the local spool waiting to be replayed into the queue.', (s) => s.events);
  spoolGauge('spool_bytes', 'Bytes in the local spool.', (s) => s.bytes);
  spoolGauge('spool_max_bytes', 'Capacity of the local spool in bytes.', (s) => s.maxBytes);
  spoolGauge('spool_full', '1 while the local spool is full and new events are being dropped.', (s) =>
    s.full ? 1 : 0,
  );
  const cacheGauge = (name: string, help: string, pick: (s: EncoderCacheStats) => number) =>
    new Gauge({
      name: `${PREFIX}${name}`,
      help,
      registers,
      async collect() {
        const stats = await sources.encoderCache?.();
        if (stats) this.set(pick(stats));
      },
    });
  cacheGauge('encoder_cache_hits', 'Chunk lookups answered by the chunk embedding cache since start.', (s) => s.hits);
  cacheGauge('encoder_cache_misses', 'Chunk lookups that went to the encoder since start.', (s) => s.misses);
  cacheGauge('encoder_cache_hit_ratio', 'Share of chunk lookups answered by the cache since start.', (s) =>
    s.hits + s.misses === 0 ? 0 : s.hits / (s.hits + s.misses),
  );
  cacheGauge('encoder_cache_entries', 'Chunk vectors held in the chunk embedding cache.', (s) => s.entries);
  cacheGauge('encoder_cache_capacity', 'Most chunk vectors the chunk embedding cache holds.', (s) => s.capacity);
  void modelInfo;
  void queueJobs;

  return {
    registry,
    httpDuration: new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'HTTP request latency by route template and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    httpErrors: new Counter({
      name: `${PREFIX}http_errors_total`,
      help: 'HTTP error answers by route template and error code.',
      labelNames: ['route', 'code'],
      registers,
    }),
    authFailures: new Counter({
      name: `${PREFIX}auth_failures_total`,
      help: 'Requests refused by authentication or authorization (missing_api_key, invalid_api_key, forbidden).',
      labelNames: ['reason'],
      registers,
    }),
    rateLimited: new Counter({
      name: `${PREFIX}rate_limited_total`,
      help: 'Requests refused with 429, by key id.',
      labelNames: ['key_id'],
      registers,
    }),
    redisFailures: new Counter({
      name: `${PREFIX}redis_request_failures_total`,
      help: 'Redis calls on the request path that failed or missed their deadline, by operation.',
      labelNames: ['op'],
      registers,
    }),
    staleAnswers: new Counter({
      name: `${PREFIX}events_stale_answers_total`,
      help: 'Event results answered with the last known (stale) account state because Redis did not answer.',
      registers,
    }),
    promptsClassified: new Counter({
      name: `${PREFIX}prompts_classified_total`,
      help: 'Prompts classified on the request path, by path: prescreen (cleared by the lexical pre-screen) or encoder.',
      labelNames: ['path'],
      registers,
    }),
    spoolAppended: new Counter({
      name: `${PREFIX}spool_appended_total`,
      help: 'Events written to the local spool.',
      registers,
    }),
    spoolReplayed: new Counter({
      name: `${PREFIX}spool_replayed_total`,
      help: 'Spooled events replayed into the queue.',
      registers,
    }),
    spoolDropped: new Counter({
      name: `${PREFIX}spool_dropped_total`,
      help: 'Events lost because Redis was unavailable and the spool was full (alarm: should stay 0).',
      registers,
    }),
    deadLettered: new Counter({
      name: `${PREFIX}dead_lettered_total`,
      help: 'Jobs moved to the dead-letter queue, by source queue.',
      labelNames: ['queue'],
      registers,
    }),
    setSource(source) {
      Object.assign(sources, source);
    },
  };
}
