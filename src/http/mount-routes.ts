/**
 * Mounts the route registry on the app, each route behind the same guards, in this order:
 * auth (from the route's `access`) → per-key rate limit → path encoding (400 for a malformed
 * one) → same-origin check (every method but GET) → JSON body (routes that take one) → handler.
 * A route added to the registry gets all of them. A registered path called with another method
 * answers 405 with `Allow`. The registry is kept on `app.locals.routes`.
 */
import type { Express, RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { AuthFailureLimiter } from '../features/auth/failure-limiter.js';
import type { KeyStore } from '../features/auth/key-store.js';
import type { ServiceMetrics } from '../features/metrics/service-metrics.js';
import { authorize } from './middleware/auth.js';
import { jsonBody, type JsonBodyLimits } from './middleware/json-body.js';
import { rejectBadPathEncoding } from './middleware/path-encoding.js';
import { rateLimit, type RateLimiter } from './middleware/rate-limit.js';
import { sameOriginWrites } from './middleware/same-origin.js';
import type { Route } from './routes/route.js';

export interface RouteGuards {
  keys: KeyStore | undefined;
  rateLimiter: RateLimiter | undefined;
  body: JsonBodyLimits;
  metrics: ServiceMetrics | undefined;
  /** Failed authentications per source address; absent: not limited. */
  authFailures?: AuthFailureLimiter | undefined;
}

/** 405 for a registered path called with a method it does not serve. */
export function methodNotAllowed(methods: readonly string[]): RequestHandler {
  const allow = [...new Set(methods.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])))].join(', ');
  return (req, res, next) => {
    res.setHeader('allow', allow);
    next(new AppError(405, 'method_not_allowed', `${req.method} is not allowed here; allowed: ${allow}.`));
  };
}

/**
 * A route's guards and handler, in order. `body`: the JSON body parsers (`jsonBody(...)` on the
 * Express app; the fast path passes its own reader behind the same content-type check).
 */
export function routeChain(route: Route, guards: RouteGuards, body: RequestHandler[]): RequestHandler[] {
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
  const handlers: RequestHandler[] = [authorize(route.access, guards.keys, guards.metrics, guards.authFailures)];
  if (guards.rateLimiter !== undefined) handlers.push(rateLimit(guards.rateLimiter, guards.metrics));
  handlers.push(rejectBadPathEncoding());
  if (route.spec.method !== 'get') handlers.push(sameOriginWrites());
  if (route.spec.method !== 'get' && route.spec.method !== 'delete' && route.rawBody !== true) {
    handlers.push(...(route.spec.request !== undefined ? body : skipEmpty(body)));
  }
  handlers.push(route.handler);
  return handlers;
}

export function mountRoutes(app: Express, routes: readonly Route[], guards: RouteGuards): void {
  const body = jsonBody(guards.body);
  const methods = new Map<string, string[]>();
  for (const route of routes) {
    app[route.spec.method](route.spec.path, ...routeChain(route, guards, body));
    methods.set(route.spec.path, [...(methods.get(route.spec.path) ?? []), route.spec.method.toUpperCase()]);
  }
  for (const [path, allowed] of methods) app.all(path, methodNotAllowed(allowed));
  app.locals.routes = routes;
}

/** The routes an app was built with (for tests and tools that enumerate the API). */
export function routesOf(app: Express): readonly Route[] {
  return (app.locals.routes as Route[] | undefined) ?? [];
}
