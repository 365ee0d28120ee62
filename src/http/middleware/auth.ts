/**
 * Authentication and authorization from each route's `access` field: the app mounts this in
 * front of every route handler, so a route added to the registry is covered without more code.
 *
 * - `public` routes: anyone.
 * - other routes: an API key in `Authorization: Bearer <key>` (or `X-API-Key: <key>`).
 *   No key → 401 `missing_api_key`; unknown key → 401 `invalid_api_key`; a key whose role may not
 *   call the route → 403 `forbidden`.
 * - roles: `admin` may call every route; `analyst` the analyst routes; `gateway` the gateway routes.
 * - with no keys configured (loopback only; see `assertOpenModeAllowed`) every caller is
 *   `{ keyId: 'anonymous', role: 'admin' }`.
 * - failed authentications are limited per source address (`AuthFailureLimiter`): past the limit
 *   a presented key is not checked and the answer is 429 `too_many_auth_failures` with `Retry-After`.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';
import type { Caller, Role } from '../../features/auth/api-keys.js';
import type { AuthFailureLimiter } from '../../features/auth/failure-limiter.js';
import type { KeyStore } from '../../features/auth/key-store.js';
import type { ServiceMetrics } from '../../features/metrics/service-metrics.js';
import type { RouteAccess } from '../routes/route.js';

export const ANONYMOUS_ADMIN: Caller = { keyId: 'anonymous', role: 'admin' };

/** Whether a caller with `role` may call a route that needs `access`. */
export function roleAllows(role: Role, access: RouteAccess): boolean {
  if (access === 'public') return true;
  return role === 'admin' || role === access;
}

/** The key a request presents, or undefined. */
export function presentedKey(authorization: string | undefined, apiKeyHeader: string | undefined): string | undefined {
  if (authorization !== undefined) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    return match?.[1] ?? '';
  }
  if (apiKeyHeader !== undefined) return apiKeyHeader.trim();
  return undefined;
}

const CHALLENGE = 'Bearer realm="distill-guard"';

/** The address a request came from (the socket's peer; no proxy headers are trusted). */
export const sourceAddress = (req: { socket: { remoteAddress?: string | undefined } }): string =>
  req.socket.remoteAddress ?? 'unknown';

/**
 * Checks a presented key, counting failures per source address. Undefined: the address is over
 * its failure limit (the key was not checked; `retryAfter` is set).
 */
export function checkKey(
  keys: KeyStore,
  presented: string,
  address: string,
  failures: AuthFailureLimiter | undefined,
): { caller: Caller | undefined } | { retryAfter: number } {
  const wait = failures?.retryAfter(address) ?? 0;
  if (wait > 0) return { retryAfter: wait };
  const caller = keys.authenticate(presented);
  if (caller === undefined) failures?.fail(address);
  return { caller };
}

export const tooManyFailures = (retryAfter: number): AppError =>
  new AppError(
    429,
    'too_many_auth_failures',
    `Too many failed authentications from this address; retry in ${retryAfter} s.`,
  );

export function authorize(
  access: RouteAccess,
  keys: KeyStore | undefined,
  metrics?: ServiceMetrics,
  failures?: AuthFailureLimiter,
): RequestHandler {
  return (req, res, next) => {
    if (access === 'public') {
      next();
      return;
    }
    if (keys === undefined || !keys.configured) {
      res.locals.caller = ANONYMOUS_ADMIN;
      next();
      return;
    }
    const presented = presentedKey(req.get('authorization'), req.get('x-api-key'));
    const fail = (status: number, code: string, message: string) => {
      metrics?.authFailures.inc({ reason: code });
      if (status === 401) res.setHeader('www-authenticate', CHALLENGE);
      next(new AppError(status, code, message));
    };
    if (presented === undefined || presented === '') {
      fail(401, 'missing_api_key', 'This route needs an API key: send "Authorization: Bearer <key>".');
      return;
    }
    const checked = checkKey(keys, presented, sourceAddress(req), failures);
    if ('retryAfter' in checked) {
      metrics?.authFailures.inc({ reason: 'too_many_auth_failures' });
      res.setHeader('retry-after', String(checked.retryAfter));
      next(tooManyFailures(checked.retryAfter));
      return;
    }
    const { caller } = checked;
    if (caller === undefined) {
      fail(401, 'invalid_api_key', 'The API key is not valid.');
      return;
    }
    res.locals.caller = caller;
    if (!roleAllows(caller.role, access)) {
      fail(403, 'forbidden', `This route needs the ${access} role; the key has the ${caller.role} role.`);
      return;
    }
    next();
  };
}
