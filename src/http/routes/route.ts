import type { RequestHandler } from 'express';
import type { RouteSpec } from '../openapi/registry.js';

/** A route is its contract (for `/openapi.json`) plus its handler; the app mounts exactly what it documents. */
export interface Route {
  spec: RouteSpec;
  handler: RequestHandler;
}
