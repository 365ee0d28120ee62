/**
 * A fast path for the hot JSON routes (`POST /v1/classify`, `POST /v1/moderations`) in front of
 * the Express app: the same guard instances run in the same order (the app-level middleware,
 * then the route's own chain from `routeChain`, then the same error handler), but on the raw
 * `node:http` request without Express's router and per-request setup. Only plain requests are
 * admitted (`admits`); anything else (other paths or methods, path variants, other content
 * types or charsets, `Content-Encoding`, no length) is left to Express, which answers as always.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import { requireJson } from '../middleware/json-body.js';
import { methodNotAllowed, routeChain, type RouteGuards } from '../mount-routes.js';
import type { Route } from '../routes/route.js';
import { toExchange } from './exchange.js';
import { readJsonBody } from './read-json-body.js';
import { runChain } from './run-chain.js';

/** Serves the request and returns true, or returns false without touching it (Express serves it). */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The paths the fast path may serve (their `POST` route). */
export const FAST_PATHS: readonly string[] = ['/v1/classify', '/v1/moderations'];

/** JSON in UTF-8, the way clients send it; other spellings go through Express. */
const PLAIN_JSON = /^application\/json(?:[ \t]*;[ \t]*charset=utf-8)?$/i;
const DIGITS = /^[0-9]{1,15}$/;

/** Whether the request's headers are ones the fast path answers exactly as Express would. */
export function admits(headers: IncomingMessage['headers']): boolean {
  const type = headers['content-type'];
  if (type === undefined || !PLAIN_JSON.test(type)) return false;
  if (headers['content-encoding'] !== undefined) return false;
  const chunked = headers['transfer-encoding'];
  const length = headers['content-length'];
  if (chunked !== undefined) return chunked === 'chunked' && length === undefined;
  return length !== undefined && DIGITS.test(length);
}

export function createFastPath(opts: {
  /** The app-level middleware, the same instances the Express app mounts. */
  front: readonly RequestHandler[];
  routes: readonly Route[];
  guards: RouteGuards;
  onError: ErrorRequestHandler;
}): FastPath {
  const body = [requireJson, readJsonBody(opts.guards.body)];
  const chains = new Map<string, RequestHandler[]>();
  for (const path of FAST_PATHS) {
    const onPath = opts.routes.filter((r) => r.spec.path === path);
    const route = onPath.find((r) => r.spec.method === 'post');
    if (route === undefined || route.rawBody === true || route.spec.request === undefined) continue;
    // Express sets `req.route` when the route matches (the access log and metrics label by it).
    const matched = { path };
    const enter: RequestHandler = (req, _res, next) => {
      req.route = matched;
      next();
    };
    chains.set(path, [
      ...opts.front,
      enter,
      ...routeChain(route, opts.guards, body),
      // Where Express goes when a route's chain calls next(): the path's 405.
      methodNotAllowed(onPath.map((r) => r.spec.method.toUpperCase())),
    ]);
  }
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const chain = chains.get(q < 0 ? url : url.slice(0, q));
    if (chain === undefined || !admits(req.headers)) return false;
    const ex = toExchange(req, res);
    runChain(chain, opts.onError, ex.req, ex.res);
    return true;
  };
}

/** The fast path an app was built with, if any (`startServer` puts it in front of the app). */
export function fastPathOf(app: Express): FastPath | undefined {
  return app.locals.fastPath as FastPath | undefined;
}
