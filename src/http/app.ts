import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { Env } from '../env.js';
import type { PromptClassifier } from '../models/prompt-classifier.js';
import type { Logger } from '../logger.js';
import type { KeyStore } from '../features/auth/key-store.js';
import type { ServiceMetrics } from '../features/metrics/service-metrics.js';
import type { DeadLetters } from '../queues/producers/dead-letters.js';
import type { RateLimiter } from './middleware/rate-limit.js';
import { mountRoutes, type RouteGuards } from './mount-routes.js';
import { appMiddleware } from './app-middleware.js';
import { createFastPath } from './fast/fast-path.js';
import { deadLettersRoute } from './routes/dead-letters.js';
import { metricsRoute } from './routes/metrics.js';
import { modelsRoute } from './routes/models.js';
import { errorHandler, notFoundHandler } from './middleware/error-handler.js';
import { createAuthFailureLimiter } from '../features/auth/failure-limiter.js';
import { classifyRoute } from './routes/classify.js';
import { moderationsRoute } from './routes/moderations.js';
import { clusterRoutes } from './routes/clusters.js';
import { accountRoute, accountsRoute, eventsRoute, type AccountRoutesDeps } from './routes/events.js';
import { healthRoute, readyRoute } from './routes/health.js';
import { openApiRoute } from './routes/openapi.js';
import type { Route } from './routes/route.js';
import {
  jobOutputRoute,
  jobRoute,
  rescoreRoute,
  rescoreUploadRoute,
  type RescoreRoutesDeps,
} from './routes/rescore.js';
import { relabelRoute, verdictHistoryRoute, verdictRoute } from './routes/verdicts.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { ADMIN_QUEUES_PATH, adminQueuesRouter } from './routes/dashboard-queues.js';
import { SERVICE_QUEUES } from '../queues/definitions.js';
import { DASHBOARD_PATH, dashboardStatic } from './routes/dashboard-static.js';

export interface AppDeps {
  classifier: PromptClassifier;
  env: Env;
  redis?: Redis;
  logger: Logger;
  /** Set `draining` when shutdown begins so `/readyz` turns 503 while in-flight requests finish. */
  state?: { draining: boolean };
  /** Longest a readiness check may take. */
  readyTimeoutMs?: number;
  version?: string;
  /** The account pipeline (`POST /v1/events`, `GET /v1/accounts`); absent: those routes are not mounted. */
  accounts?: AccountRoutesDeps;
  /** Batch re-scoring (`POST /v1/rescore`, `GET /v1/jobs/:id`); absent: not mounted. */
  rescore?: RescoreRoutesDeps;
  /** API keys; absent or unconfigured: every caller is an anonymous admin (the service only allows that on loopback). */
  keys?: KeyStore;
  rateLimiter?: RateLimiter;
  /** Prometheus metrics (`GET /metrics`); absent: no metrics route. */
  metrics?: ServiceMetrics;
  /** The dead-letter queue (`GET /v1/dead-letters`); absent: not mounted. */
  deadLetters?: Pick<DeadLetters, 'list'>;
  /** The event spool's state, for `/readyz`. */
  spool?: () => { events: number; bytes: number; maxBytes: number; full: boolean };
  /** The model registry directory (`GET /v1/models`); absent: not mounted. */
  modelsDir?: string;
  /** The clock event times are checked against (default `Date.now`). */
  now?: () => number;
}

/** The HTTP API: routes are mounted from the same registry that produces `/openapi.json`. */
export function createApp(deps: AppDeps): Express {
  const state = deps.state ?? { draining: false };
  const routes: Route[] = [
    classifyRoute({
      classifier: deps.classifier,
      limits: { maxPromptChars: deps.env.MAX_PROMPT_CHARS, maxBatchItems: deps.env.MAX_BATCH_ITEMS },
    }),
    moderationsRoute({
      classifier: deps.classifier,
      limits: { maxPromptChars: deps.env.MAX_PROMPT_CHARS, maxBatchItems: deps.env.MAX_BATCH_ITEMS },
    }),
    healthRoute(),
    readyRoute({
      classifier: deps.classifier,
      redis: deps.redis,
      state,
      timeoutMs: deps.readyTimeoutMs ?? 1000,
      ...(deps.spool !== undefined ? { spool: deps.spool } : {}),
    }),
  ];
  if (deps.accounts !== undefined) {
    const limits = {
      maxPromptChars: deps.env.MAX_PROMPT_CHARS,
      maxEvents: deps.env.EVENTS_MAX_BATCH,
      clock: {
        now: deps.now ?? Date.now,
        maxAgeMs: deps.env.EVENTS_MAX_AGE_S * 1000,
        maxSkewMs: deps.env.EVENTS_MAX_SKEW_S * 1000,
      },
    };
    routes.push(
      eventsRoute({ ...deps.accounts, classifier: deps.classifier, limits }),
      accountsRoute(deps.accounts),
      accountRoute(deps.accounts),
    );
    const feedback = deps.accounts.feedback;
    if (feedback !== undefined) {
      routes.push(
        verdictRoute({ ...feedback, scores: deps.accounts.scores, thresholds: deps.accounts.thresholds }),
        verdictHistoryRoute(feedback),
        relabelRoute({ ...feedback, limits }),
      );
    }
    if (deps.redis !== undefined) {
      const { scores, thresholds } = deps.accounts;
      const onError = (err: unknown) =>
        deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'dashboard background read failed');
      routes.push(
        ...dashboardRoutes({
          redis: deps.redis,
          prefix: deps.env.ACCOUNT_PREFIX,
          scores,
          thresholds,
          queues: SERVICE_QUEUES,
          onError,
        }),
      );
      routes.push(...clusterRoutes({ redis: deps.redis, prefix: deps.env.ACCOUNT_PREFIX }));
    }
  }
  if (deps.metrics !== undefined) routes.push(metricsRoute({ metrics: deps.metrics, access: deps.env.METRICS_ACCESS }));
  if (deps.deadLetters !== undefined) routes.push(deadLettersRoute({ deadLetters: deps.deadLetters }));
  if (deps.rescore !== undefined)
    routes.push(
      rescoreRoute(deps.rescore),
      rescoreUploadRoute(deps.rescore),
      jobRoute(deps.rescore),
      jobOutputRoute(deps.rescore),
    );
  if (deps.modelsDir !== undefined)
    routes.push(modelsRoute({ modelsDir: deps.modelsDir, liveVersion: () => deps.classifier.version }));
  routes.push(
    openApiRoute(
      {
        title: 'distill-guard',
        version: deps.version ?? '0.1.0',
        description: 'Labels prompts sent to an LLM API as distillation-attack traffic.',
      },
      routes,
    ),
  );

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const front = appMiddleware({ state, logger: deps.logger, metrics: deps.metrics, keys: deps.keys });
  app.use(...front);
  const authFailures = createAuthFailureLimiter({ perMinute: deps.env.AUTH_FAILURES_PER_MIN });
  const guards: RouteGuards = {
    keys: deps.keys,
    rateLimiter: deps.rateLimiter,
    metrics: deps.metrics,
    body: { maxBytes: deps.env.MAX_BODY_BYTES, maxDepth: deps.env.MAX_JSON_DEPTH },
    authFailures,
  };
  mountRoutes(app, routes, guards);
  const onError = errorHandler(deps.logger);
  if (deps.env.HTTP_FAST_PATH === 'on') app.locals.fastPath = createFastPath({ front, routes, guards, onError });
  // The analyst dashboard (static pages; their API calls carry the analyst key) and the admin queue view.
  app.use(DASHBOARD_PATH, dashboardStatic());
  if (deps.accounts !== undefined && deps.redis !== undefined) {
    app.use(
      ADMIN_QUEUES_PATH,
      adminQueuesRouter({
        connection: deps.redis,
        prefix: deps.env.ACCOUNT_PREFIX,
        queues: SERVICE_QUEUES,
        keys: deps.keys,
        authFailures,
      }),
    );
  }
  app.use(notFoundHandler());
  app.use(onError);
  return app;
}
