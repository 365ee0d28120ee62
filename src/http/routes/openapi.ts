import { z } from 'zod';
import { buildOpenApiDocument, type OpenApiInfo } from '../openapi/registry.js';
import type { Route } from './route.js';

/** `GET /openapi.json`: the OpenAPI 3.1 document generated from the routes' zod contracts. */
export function openApiRoute(info: OpenApiInfo, routes: readonly Route[]): Route {
  const self: Route['spec'] = {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'This OpenAPI 3.1 document.',
    tags: ['ops'],
    responses: {
      200: { description: 'OpenAPI document.', name: 'OpenApiDocument', schema: z.record(z.string(), z.unknown()) },
    },
  };
  const document = buildOpenApiDocument(info, [...routes.map((r) => r.spec), self]);
  return {
    access: 'public',
    spec: self,
    handler: (_req, res) => {
      res.json(document);
    },
  };
}
