/**
 * The BullMQ queue view (bull-board) at `/admin/queues`, for the admin role. Browsers open it by
 * navigation, so besides `Authorization: Bearer <key>` / `X-API-Key` it accepts HTTP Basic
 * credentials whose password (or, with an empty password, user name) is an admin key; a 401
 * carries a Basic challenge so the browser asks for it. With no keys configured the service runs
 * open (loopback only) and the view is open too, like every other route.
 *
 * A browser replays remembered Basic credentials on any request to the view, so:
 * - a request from a page of another origin is refused (403 `cross_origin_request`), whatever
 *   its method or credentials;
 * - a state-changing request (every method but GET/HEAD) must not carry a body a page can send
 *   cross-site without a preflight (415);
 * - every answer carries a Content-Security-Policy (own scripts only, no framing) and
 *   `X-Frame-Options: DENY`.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import express, { type RequestHandler, type Router } from 'express';
import type { Redis } from 'ioredis';
import { AppError } from '../../errors.js';
import type { KeyStore } from '../../features/auth/key-store.js';
import type { AuthFailureLimiter } from '../../features/auth/failure-limiter.js';
import { checkKey, presentedKey, roleAllows, sourceAddress, tooManyFailures } from '../middleware/auth.js';
import { crossOriginRefused, isCrossOrigin } from '../middleware/same-origin.js';
import { bullPrefix } from '../../redis/bull-prefix.js';

export const ADMIN_QUEUES_PATH = '/admin/queues';

/** The key in `Authorization: Basic base64(user:password)`: the password, or the user when the password is empty. */
export function basicAuthKey(authorization: string | undefined): string | undefined {
  const match = /^Basic[ \t]+([A-Za-z0-9+/=]+)[ \t]*$/i.exec(authorization ?? '');
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return decoded;
  const password = decoded.slice(colon + 1);
  return password !== '' ? password : decoded.slice(0, colon);
}

/** bull-board's page: its own scripts and styles (it sets inline styles), no framing, no plugins. */
export const QUEUES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const SIMPLE_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

/** Security headers, then the same-origin checks (see the header comment). */
export function queuesGuard(): RequestHandler {
  return (req, res, next) => {
    res.setHeader('content-security-policy', QUEUES_CSP);
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (isCrossOrigin(req)) {
      next(crossOriginRefused());
      return;
    }
    const type = req.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (req.method !== 'GET' && req.method !== 'HEAD' && type !== undefined && SIMPLE_TYPES.has(type)) {
      next(new AppError(415, 'unsupported_media_type', 'The queue view takes JSON request bodies only.'));
      return;
    }
    next();
  };
}

export function requireAdmin(keys: KeyStore | undefined, failures?: AuthFailureLimiter): RequestHandler {
  return (req, res, next) => {
    if (keys === undefined || !keys.configured) {
      next();
      return;
    }
    const authorization = req.get('authorization');
    const presented = /^Basic[ \t]/i.test(authorization ?? '')
      ? basicAuthKey(authorization)
      : presentedKey(authorization, req.get('x-api-key'));
    const challenge = () => res.setHeader('www-authenticate', 'Basic realm="distill-guard queues", charset="UTF-8"');
    if (presented === undefined || presented === '') {
      challenge();
      next(
        new AppError(
          401,
          'missing_api_key',
          'The queue view needs an admin API key (HTTP Basic password or "Authorization: Bearer <key>").',
        ),
      );
      return;
    }
    const checked = checkKey(keys, presented, sourceAddress(req), failures);
    if ('retryAfter' in checked) {
      res.setHeader('retry-after', String(checked.retryAfter));
      next(tooManyFailures(checked.retryAfter));
      return;
    }
    const { caller } = checked;
    if (caller === undefined) {
      challenge();
      next(new AppError(401, 'invalid_api_key', 'The API key is not valid.'));
      return;
    }
    if (!roleAllows(caller.role, 'admin')) {
      next(new AppError(403, 'forbidden', `The queue view needs the admin role; the key has the ${caller.role} role.`));
      return;
    }
    res.locals.caller = caller;
    next();
  };
}

export interface AdminQueuesDeps {
  connection: Redis;
  /** The account pipeline's key prefix; BullMQ keys live under `<prefix>:bull`. */
  prefix: string;
  queues: readonly string[];
  keys?: KeyStore | undefined;
  /** Failed authentications per source address (shared with the API routes). */
  authFailures?: AuthFailureLimiter | undefined;
}

/** A router to mount at `/admin/queues`: admin check, then bull-board over the service's queues. */
export function adminQueuesRouter(deps: AdminQueuesDeps): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(ADMIN_QUEUES_PATH);
  const queues = deps.queues.map((name) => {
    const queue = new Queue(name, { connection: deps.connection, prefix: bullPrefix(deps.prefix) });
    // Connection errors reach the viewer through the request that fails; the emitter must not throw.
    queue.on('error', () => undefined);
    return new BullMQAdapter(queue);
  });
  // @bull-board/express carries its own copy of @bull-board/api: same shapes, separate declarations.
  const board = serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues, serverAdapter: board, options: { uiConfig: { boardTitle: 'distill-guard queues' } } });
  const router = express.Router();
  router.use(queuesGuard(), requireAdmin(deps.keys, deps.authFailures), serverAdapter.getRouter() as Router);
  return router;
}
