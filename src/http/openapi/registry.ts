import { z } from 'zod';

/** What a route contributes to `/openapi.json`: its contract, described with the same zod schemas it validates with. */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  path: string;
  summary: string;
  operationId: string;
  tags?: string[];
  request?: { name: string; schema: z.ZodType };
  responses: Record<
    number,
    { description: string; name?: string; schema?: z.ZodType; /** Default application/json. */ contentType?: string }
  >;
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

type JsonObject = Record<string, unknown>;

function componentSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
}

/** Assembles an OpenAPI 3.1 document from the route registry; schemas land in `components.schemas`. */
export function buildOpenApiDocument(info: OpenApiInfo, routes: readonly RouteSpec[]): JsonObject {
  const schemas: Record<string, JsonObject> = {};
  const paths: Record<string, Record<string, JsonObject>> = {};
  const ref = (name: string, schema: z.ZodType, io: 'input' | 'output') => {
    schemas[name] ??= componentSchema(schema, io);
    return { $ref: `#/components/schemas/${name}` };
  };

  for (const route of routes) {
    const responses: Record<string, JsonObject> = {};
    for (const [status, res] of Object.entries(route.responses)) {
      responses[status] = {
        description: res.description,
        ...(res.schema !== undefined && res.name !== undefined
          ? { content: { [res.contentType ?? 'application/json']: { schema: ref(res.name, res.schema, 'output') } } }
          : {}),
      };
    }
    const operation: JsonObject = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.tags !== undefined ? { tags: route.tags } : {}),
      ...(route.request !== undefined
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: ref(route.request.name, route.request.schema, 'input') } },
            },
          }
        : {}),
      responses,
    };
    const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
    paths[openApiPath] = { ...paths[openApiPath], [route.method]: operation };
  }

  return {
    openapi: '3.1.0',
    info,
    paths,
    components: { schemas },
  };
}
