import type { RequestHandler } from 'express';
import type { Logger } from '../../logger.js';

/** One log line per request: method, route, status, duration and request id. Bodies (prompt text) are never logged. */
export function accessLog(logger: Logger, now: () => number = () => performance.now()): RequestHandler {
  return (req, res, next) => {
    const started = now();
    res.on('finish', () => {
      const fields = {
        requestId: res.locals.requestId as string | undefined,
        method: req.method,
        path: req.path,
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
