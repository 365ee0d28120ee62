/**
 * The guards every request passes before routing, in order: draining → `Connection: close`,
 * request id, access log, HTTP metrics, loopback-host check (without keys), path encoding.
 * Mounted on the Express app and, the same instances, in front of the fast path.
 */
import type { RequestHandler } from 'express';
import type { KeyStore } from '../features/auth/key-store.js';
import type { ServiceMetrics } from '../features/metrics/service-metrics.js';
import type { Logger } from '../logger.js';
import { accessLog } from './middleware/access-log.js';
import { closeWhenDraining } from './middleware/draining.js';
import { httpMetrics } from './middleware/http-metrics.js';
import { loopbackHostOnly } from './middleware/loopback-host.js';
import { neutralizePathEncoding } from './middleware/path-encoding.js';
import { requestId } from './middleware/request-id.js';

export function appMiddleware(deps: {
  state: { draining: boolean };
  logger: Logger;
  metrics: ServiceMetrics | undefined;
  keys: KeyStore | undefined;
}): RequestHandler[] {
  return [
    closeWhenDraining(deps.state),
    requestId(),
    accessLog(deps.logger),
    ...(deps.metrics !== undefined ? [httpMetrics(deps.metrics)] : []),
    loopbackHostOnly(deps.keys),
    neutralizePathEncoding(),
  ];
}
