import type { RequestHandler } from 'express';
import type { ServiceMetrics } from '../../features/metrics/service-metrics.js';

/**
 * Records every request's latency under its route template (`/v1/accounts/:id`, never the raw
 * path, so account ids do not become label values), and error answers by code.
 */
export function httpMetrics(metrics: ServiceMetrics): RequestHandler {
  return (req, res, next) => {
    const stop = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = typeof req.route?.path === 'string' ? req.route.path : 'unmatched';
      stop({ method: req.method, route, status: String(res.statusCode) });
      if (typeof res.locals.errorCode === 'string') metrics.httpErrors.inc({ route, code: res.locals.errorCode });
    });
    next();
  };
}
