import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { Env } from '../env.js';
import type { PromptClassifier } from '../features/classify/types.js';
import type { Logger } from '../logger.js';
import { accessLog } from './middleware/access-log.js';
import { errorHandler, notFoundHandler } from './middleware/error-handler.js';
import { requestId } from './middleware/request-id.js';
import { classifyRoute } from './routes/classify.js';
import { accountRoute, accountsRoute, eventsRoute, type AccountRoutesDeps } from './routes/events.js';
import { healthRoute, readyRoute } from './routes/health.js';
import { openApiRoute } from './routes/openapi.js';
import type { Route } from './routes/route.js';

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
}

/** The HTTP API: routes are mounted from the same registry that produces `/openapi.json`. */
export function createApp(deps: AppDeps): Express {
  const state = deps.state ?? { draining: false };
  const routes: Route[] = [
    classifyRoute({
      classifier: deps.classifier,
      limits: { maxPromptChars: deps.env.MAX_PROMPT_CHARS, maxBatchItems: deps.env.MAX_BATCH_ITEMS },
    }),
    healthRoute(),
    readyRoute({ classifier: deps.classifier, redis: deps.redis, state, timeoutMs: deps.readyTimeoutMs ?? 1000 }),
  ];
  if (deps.accounts !== undefined) {
    const limits = { maxPromptChars: deps.env.MAX_PROMPT_CHARS, maxEvents: deps.env.EVENTS_MAX_BATCH };
    routes.push(eventsRoute({ ...deps.accounts, classifier: deps.classifier, limits }), accountsRoute(deps.accounts), accountRoute(deps.accounts));
  }
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
  app.use(requestId());
  app.use(accessLog(deps.logger));
  app.use(express.json({ limit: deps.env.MAX_BODY_BYTES, strict: false }));
  for (const route of routes) app[route.spec.method](route.spec.path, route.handler);
  app.use(notFoundHandler());
  app.use(errorHandler(deps.logger));
  return app;
}
