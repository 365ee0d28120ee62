import { z } from 'zod';
import type { ServiceMetrics } from '../../features/metrics/service-metrics.js';
import type { Route, RouteAccess } from './route.js';

/** `GET /metrics`: Prometheus text exposition of the service's metrics. */
export function metricsRoute(deps: { metrics: ServiceMetrics; access: RouteAccess }): Route {
  return {
    access: deps.access,
    spec: {
      method: 'get',
      path: '/metrics',
      operationId: 'metrics',
      summary: 'Prometheus metrics: request latency, errors, queue depths, model version, spool size.',
      tags: ['ops'],
      responses: { 200: { description: 'Prometheus text format 0.0.4.', name: 'MetricsText', schema: z.string() } },
    },
    handler: async (_req, res) => {
      const body = await deps.metrics.registry.metrics();
      res.setHeader('content-type', deps.metrics.registry.contentType);
      res.send(body);
    },
  };
}
