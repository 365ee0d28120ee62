import type { RequestHandler } from 'express';
import type { Logger } from '../../logger.js';
import { callerOfResponse } from '../caller.js';

/** One log line per request: method, route template, status, duration, request id and the caller's key id. Bodies (prompt text) are never logged. */
export function accessLog(logger: Logger, now: () => number = () => performance.now()): RequestHandler {
  return (req, res, next) => {
    const started = now();
    res.on('finish', () => {
      const fields = {
        requestId: res.locals.requestId as string | undefined,
        method: req.method,
        // The route template, not the raw path: account ids in URLs stay out of the logs.
        route: typeof req.route?.path === 'string' ? (req.route.path as string) : 'unmatched',
        ...(callerOfResponse(res) !== undefined ? { keyId: callerOfResponse(res)!.keyId } : {}),
        status: res.statusCode,
        durationMs: Math.round((now() - started) * 100) / 100,
        ...(typeof res.locals.items === 'number' ? { items: res.locals.items } : {}),
        ...(typeof res.locals.errorCode === 'string' ? { errorCode: res.locals.errorCode } : {}),
      };
      if (res.statusCode >= 500) logger.error(fields, 'request failed');
      else logger.info(fields, 'request');
    });
    next();
  };
}
