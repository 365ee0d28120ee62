/**
 * The BullMQ queue view (bull-board) at `/admin/queues`, for the admin role. Browsers open it by
 * navigation, so besides `Authorization: Bearer <key>` / `X-API-Key` it accepts HTTP Basic
 * credentials whose password (or, with an empty password, user name) is an admin key; a 401
 * carries a Basic challenge so the browser asks for it. With no keys configured the service runs
 * open (loopback only) and the view is open too, like every other route.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import express, { type RequestHandler, type Router } from 'express';
import type { Redis } from 'ioredis';
import { AppError } from '../../errors.js';
import type { KeyStore } from '../../features/auth/key-store.js';
import { presentedKey, roleAllows } from '../middleware/auth.js';
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

export function requireAdmin(keys: KeyStore | undefined): RequestHandler {
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
    const caller = keys.authenticate(presented);
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
  router.use(requireAdmin(deps.keys), serverAdapter.getRouter() as Router);
  return router;
}
