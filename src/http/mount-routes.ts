/**
 * Mounts the route registry on the app, each route behind the same guards, in this order:
 * auth (from the route's `access`) → per-key rate limit → JSON body (routes that take one) → handler.
 * A route added to the registry gets all of them; the registry is kept on `app.locals.routes`.
 */
import type { Express, RequestHandler } from 'express';
import type { KeyStore } from '../features/auth/key-store.js';
import type { ServiceMetrics } from '../features/metrics/service-metrics.js';
import { authorize } from './middleware/auth.js';
import { jsonBody, type JsonBodyLimits } from './middleware/json-body.js';
import { rateLimit, type RateLimiter } from './middleware/rate-limit.js';
import type { Route } from './routes/route.js';

export interface RouteGuards {
  keys: KeyStore | undefined;
  rateLimiter: RateLimiter | undefined;
  body: JsonBodyLimits;
  metrics: ServiceMetrics | undefined;
}

export function mountRoutes(app: Express, routes: readonly Route[], guards: RouteGuards): void {
  const body = jsonBody(guards.body);
  const skipEmpty = (handlers: RequestHandler[]): RequestHandler[] =>
    handlers.map((h) => (req, res, next) => {
      // A bodiless POST (no declared request) is left to its handler.
      const length = req.get('content-length');
      if (req.get('transfer-encoding') === undefined && (length === undefined || length === '0')) {
        next();
        return;
      }
      h(req, res, next);
    });
  for (const route of routes) {
    const handlers: RequestHandler[] = [authorize(route.access, guards.keys, guards.metrics)];
    if (guards.rateLimiter !== undefined) handlers.push(rateLimit(guards.rateLimiter, guards.metrics));
    if (route.spec.method !== 'get' && route.spec.method !== 'delete' && route.rawBody !== true) {
      handlers.push(...(route.spec.request !== undefined ? body : skipEmpty(body)));
    }
    app[route.spec.method](route.spec.path, ...handlers, route.handler);
  }
  app.locals.routes = routes;
}

/** The routes an app was built with (for tests and tools that enumerate the API). */
export function routesOf(app: Express): readonly Route[] {
  return (app.locals.routes as Route[] | undefined) ?? [];
}
