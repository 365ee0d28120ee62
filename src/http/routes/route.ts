import type { RequestHandler } from 'express';
import type { RouteSpec } from '../openapi/registry.js';

/**
 * Who may call a route. `public`: anyone (health, OpenAPI). `gateway`: the API gateway
 * (classify, events). `analyst`: trust & safety (accounts, clusters, verdicts, rescore).
 * `admin`: operators (models, queues). Roles are ordered: admin ⊃ analyst; gateway is separate.
 */
export type RouteAccess = 'public' | 'gateway' | 'analyst' | 'admin';

/** A route is its contract (for `/openapi.json`) plus its handler; the app mounts exactly what it documents. */
export interface Route {
  spec: RouteSpec;
  /** The role a caller needs; enforced by the auth middleware from the same registry. */
  access: RouteAccess;
  handler: RequestHandler;
  /** The handler reads the request body itself as a stream (uploads); no JSON parsing in front of it. */
  rawBody?: boolean;
}
